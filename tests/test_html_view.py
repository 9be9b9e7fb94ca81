"""The offline HTML view: one self-contained file, and, in headless Chromium, nodes drawn, search
finding a node, the click-through panel showing the citing words, and no network request at all."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import threading
from pathlib import Path

import networkx as nx
import pytest

from asckg.graph.outputs.html_view import page_data, render
from asckg.graph.store import LetterStore
from asckg.graph.outputs.views import citations
from queries_support import golden_store  # noqa: F401  (fixture)

ID = "https://w3id.org/asckg/id/"
CHROMIUM = Path("/usr/bin/chromium")
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (apt-get install -y chromium)")


@pytest.fixture(scope="module")
def graph(golden_store):
    with LetterStore(golden_store, read_only=True) as store:
        return citations(store)


@pytest.fixture(scope="module")
def page(graph, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("html") / "citations.html"
    path.write_text(render(graph), encoding="utf-8")
    return path


def _embedded(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S)
    return json.loads(m.group(1))


def test_the_page_holds_everything_it_needs(page, graph):
    html = page.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert not re.search(r"<(?:script|img|link|iframe)[^>]+(?:src|href)=", html)  # nothing loaded from elsewhere
    assert "fetch(" not in html and "XMLHttpRequest" not in html
    data = _embedded(html)
    assert {n["id"] for n in data["nodes"]} == set(graph.nodes)
    assert len(data["links"]) == graph.number_of_edges()
    assert all(0 <= n["x"] <= 1000 and 0 <= n["y"] <= 1000 for n in data["nodes"])


def test_text_in_the_data_cannot_end_the_script():
    g = nx.Graph(name="x")
    g.add_node("a", label="</script><script>alert(1)</script>", kind="letter")
    html = render(g)
    assert "</script><script>alert(1)" not in html
    assert _embedded(html)["nodes"][0]["label"] == "</script><script>alert(1)</script>"


def test_layout_is_the_same_every_time(graph):
    assert page_data(graph) == page_data(graph)


class _Recorder:
    """A proxy that answers nothing and writes down every request the browser sends it."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1)
                try:
                    first = conn.recv(4096).split(b"\r\n", 1)[0].decode("latin-1")
                    self.requests.append(first)
                    conn.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                except OSError:
                    pass

    def close(self) -> None:
        self._stop.set()
        self.thread.join(timeout=2)
        self.sock.close()


def _chromium_dom(url: str, tmp: Path) -> tuple[str, list[str]]:
    """The page's DOM after its scripts ran, and the requests it made (through a recording proxy)."""
    recorder = _Recorder()
    try:
        done = subprocess.run(
            [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-default-apps", "--disable-extensions", "--no-default-browser-check",
             "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,MediaRouter,Translate",
             "--disable-domain-reliability", "--disable-client-side-phishing-detection",
             f"--user-data-dir={tmp / 'profile'}", f"--proxy-server=http://127.0.0.1:{recorder.port}",
             "--proxy-bypass-list=<-loopback>", "--window-size=1200,800", "--virtual-time-budget=3000",
             "--dump-dom", url],
            capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout, list(recorder.requests)
    finally:
        recorder.close()


def _hosts(requests: list[str]) -> set[str]:
    """The hosts of proxied requests: "CONNECT host:443 HTTP/1.1", "GET http://host/path HTTP/1.1"."""
    hosts = set()
    for line in requests:
        target = line.split(" ")[1] if " " in line else line
        hosts.add(re.sub(r"^[a-z]+://", "", target).split("/")[0].split(":")[0])
    return hosts


#: Services Chromium calls by itself, whatever the page, and not at every start: its component
#: updater and its Google-account check (seen here on 2026-12-04: "CONNECT accounts.google.com:443"
#: in one run of three, after the blank page had shown only the updater). No page loads anything
#: from them; the hosts a page might leak to (web fonts on fonts.googleapis.com, a CDN) stay counted.
CHROMIUM_SERVICES = frozenset({"update.googleapis.com", "accounts.google.com", "clients2.google.com"})


@pytest.fixture(scope="module")
def browser_own_hosts(tmp_path_factory) -> set[str]:
    """Chromium calls home by itself (update and time services) whatever the page; a blank page
    shows which hosts those are, so that only what a page asks for is counted against it. The
    services it calls only now and then are added by name (:data:`CHROMIUM_SERVICES`)."""
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium at /usr/bin/chromium (apt-get install -y chromium)")
    _, requests = _chromium_dom("about:blank", tmp_path_factory.mktemp("blank"))
    return _hosts(requests) | CHROMIUM_SERVICES


@needs_chromium
def test_in_chromium_nodes_render_search_finds_and_nothing_is_fetched(page, graph, tmp_path, browser_own_hosts):
    dom, requests = _chromium_dom(page.as_uri() + "#search=Norwegian", tmp_path)
    assert 'data-ready="1"' in dom
    assert len(re.findall(r'<circle class="node[^"]*"', dom)) == graph.number_of_nodes()
    assert re.search(r"\d+ nodes, \d+ links", dom)
    hits = re.findall(r'<li class="hit" data-id="([^"]+)">([^<]*)</li>', dom)
    assert hits[0] == (ID + "company/cik/1513761", "Norwegian Cruise Line Holdings Ltd. — company")
    assert f'data-selected="{ID}company/cik/1513761"' in dom  # the first hit is opened
    assert _hosts(requests) <= browser_own_hosts, requests


@needs_chromium
def test_in_chromium_a_letter_shows_its_citing_words(page, tmp_path, browser_own_hosts):
    dom, requests = _chromium_dom(page.as_uri() + "#node=" + ID + "letter/0000000000-18-026944", tmp_path)
    assert "<h2>1513761_0000000000-18-026944</h2>" in dom
    assert '<div class="words">ASC 606-10-50-12(c)</div>' in dom
    assert "<mark>ASC 606-10-50-12(c)</mark>" in dom  # the words highlighted in their context
    assert _hosts(requests) <= browser_own_hosts, requests


@needs_chromium
def test_the_request_recorder_does_see_a_page_that_fetches(tmp_path, browser_own_hosts):
    # Without this, "no request" could only mean the recorder is deaf.
    leaky = tmp_path / "leaky.html"
    leaky.write_text('<!DOCTYPE html><html><body><img src="http://asckg-test.invalid/pixel.png"></body></html>')
    _, requests = _chromium_dom(leaky.as_uri(), tmp_path)
    assert _hosts(requests) - browser_own_hosts == {"asckg-test.invalid"}
