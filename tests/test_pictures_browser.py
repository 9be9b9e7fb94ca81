"""Every HTML view and chart in headless Chromium (driven by Playwright): it draws, asks for nothing
outside its file (each request recorded), logs no error, and leaves a screenshot in
test-artifacts/pictures/; the network labels drawn do not overlap (the browser's own boxes, which
also lie inside the boxes the layout reserved for them); the Codification map's areas follow its
counts."""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from asckg.graph.outputs import charts, codemap, network
from asckg.graph.outputs.views import VIEWS, co_citation, write_view
from asckg.graph.store import LetterStore
from conftest import REPO
from queries_support import examples_store  # noqa: F401  (fixture)

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts" / "pictures"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PLOTTED = "() => { const d = document.querySelector('.js-plotly-plot'); return d && d._fullLayout && d.querySelector('.main-svg'); }"
DRAWN = "() => document.querySelector('[data-ready=\"1\"]')"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright (a test extra) drives Chromium")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("profile")), executable_path=str(CHROMIUM), headless=True, args=FLAGS,
            viewport={"width": 1300, "height": 860})
        yield chromium
        chromium.close()


class Opened:
    """A page opened from a file, with every request it made and every error it logged."""

    def __init__(self, context, path: Path, ready: str) -> None:
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page = context.new_page()
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(path.as_uri(), wait_until="load")
        self.page.wait_for_function(ready, timeout=30_000)
        self.own = path.as_uri()

    def outside(self) -> list[str]:
        """Requests for anything but the file itself (data: URLs never leave the page)."""
        return [u for u in self.requests if u != self.own and not u.startswith(("data:", "blob:", "about:"))]

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        target = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(target), full_page=True)
        return target

    def close(self) -> None:
        self.page.close()


def _open(context, path: Path, ready: str = PLOTTED) -> Opened:
    return Opened(context, path, ready)


@pytest.fixture(scope="module")
def written(examples_store, tmp_path_factory) -> dict[str, Path]:
    """Every HTML view and chart of the examples' store, written as the command line writes them."""
    folder = tmp_path_factory.mktemp("pictures")
    out: dict[str, Path] = {}
    with LetterStore(examples_store, read_only=True) as store:
        for name, make in VIEWS.items():
            g = co_citation(store, min_letters=1) if name == "co-citation" else make(store)
            if name in ("co-citation", "company-topic", "company-about"):
                g = network.arrange(g)
            out[name] = folder / f"{name}.html"
            write_view(g, "html", str(out[name]))
        out["trends"] = folder / "trends.html"
        charts.write(charts.trends(store), out["trends"], "trends")
        out["about-trends"] = folder / "about-trends.html"
        charts.write(charts.about_trends(store), out["about-trends"], "trends --about")
        out["heatmap"] = folder / "heatmap.html"
        charts.write(charts.heatmap(store, "subtopic"), out["heatmap"], "heatmap")
        out["map-data"] = codemap.map_data(VIEWS["codification"](store))  # type: ignore[assignment]
    return out


PAGES = ["codification", "co-citation", "company-topic", "company-about", "citations", "conversations", "trends",
         "about-trends", "heatmap"]


@pytest.mark.parametrize("name", PAGES)
def test_each_page_draws_offline_and_leaves_a_screenshot(browser, written, name):
    opened = _open(browser, written[name], DRAWN if name in ("citations", "conversations") else PLOTTED)
    try:
        assert opened.outside() == [], opened.outside()
        assert opened.errors == []  # a script the page's policy blocked would show here
        drawn = opened.page.evaluate("() => document.querySelectorAll('svg *').length")
        assert drawn > 20
        shot = opened.screenshot(f"examples-{name}")
        assert shot.stat().st_size > 15_000  # not a blank page
    finally:
        opened.close()


def test_the_recorder_sees_a_page_that_asks_for_more(browser, tmp_path):
    # Without this, "no request" could only mean the recorder is deaf.
    leaky = tmp_path / "leaky.html"
    leaky.write_text('<!DOCTYPE html><html><body><img src="http://asckg-test.invalid/pixel.png">'
                     '<p id="ok" data-ready="1">x</p></body></html>', encoding="utf-8")
    opened = _open(browser, leaky, DRAWN)
    try:
        assert opened.outside() == ["http://asckg-test.invalid/pixel.png"]
    finally:
        opened.close()


def _label_boxes_in_browser(opened: Opened) -> dict[str, tuple[float, float, float, float]]:
    return {text: tuple(box) for text, box in opened.page.evaluate("""() => {
        const plot = document.querySelector('.main-svg').getBoundingClientRect();
        return Array.from(document.querySelectorAll('g.annotation')).map(a => {
            const r = a.querySelector('rect.bg').getBoundingClientRect();
            return [a.textContent, [r.left - plot.left, r.top - plot.top, r.right - plot.left, r.bottom - plot.top]];
        });
    }""")}


def _check_labels(context, g: nx.Graph, path: Path, shot: str) -> int:
    """Draw the arranged graph ``g`` and check its labels as the browser drew them."""
    network.write(g, path)
    opened = _open(context, path)
    try:
        plot_area = opened.page.evaluate("() => { const s = document.querySelector('.js-plotly-plot')._fullLayout._size;"
                                         " return [s.l, s.t, s.w, s.h]; }")
        m = network.MARGIN  # the plot area is the one the labels were placed in
        assert plot_area == [m["l"], m["t"], network.WIDTH - m["l"] - m["r"], network.HEIGHT - m["t"] - m["b"]]
        drawn = _label_boxes_in_browser(opened)
        opened.screenshot(shot)
    finally:
        opened.close()
    reserved = {network.label_text(g.nodes[n], n): box for n, box in network.label_boxes(g).items()}
    assert set(drawn) == set(reserved)
    for (a, (al, at, ar, ab)), (b, (bl, bt, br, bb)) in itertools.combinations(drawn.items(), 2):
        assert not (al < br - 0.5 and bl < ar - 0.5 and at < bb - 0.5 and bt < ab - 0.5), f"{a!r} overlaps {b!r}"
    for text, (left, top, right, bottom) in drawn.items():
        box = reserved[text]  # the layout's own box holds what the browser drew
        assert box.left <= left and right <= box.right and box.top <= top and bottom <= box.bottom, text
    return len(drawn)


def test_network_labels_do_not_overlap_in_the_browser(browser, tmp_path):
    g = nx.les_miserables_graph()
    for n, d in g.nodes(data=True):
        d["label"], d["kind"] = n, "paragraph"
    assert _check_labels(browser, network.arrange(g), tmp_path / "miserables.html", "miserables-network") >= 30


def test_the_codification_map_areas_follow_its_counts(browser, written):
    data = written["map-data"]
    opened = _open(browser, written["codification"])
    try:
        tiles = opened.page.evaluate("""() => Array.from(document.querySelectorAll('g.slice')).map(s => {
            const d = s.__data__;
            return {id: d.data.data.id, depth: d.depth, value: d.value, w: d.x1 - d.x0, h: d.y1 - d.y0};
        })""")
        opened.screenshot("examples-codification-map")
    finally:
        opened.close()
    root = next(t for t in tiles if t["depth"] == 0)
    topics = [t for t in tiles if t["depth"] == 1]
    assert root["value"] == data.values[0] == sum(t["value"] for t in topics)
    ours = dict(zip(data.ids, data.values))
    assert {t["id"]: t["value"] for t in topics} == {i: v for i, v, p in zip(data.ids, data.values, data.parents) if p == codemap.ROOT}
    assert all(ours[t["id"]] == t["value"] for t in tiles)
    # each Topic's area is its share of the citations (within the padding between tiles)
    area = sum(t["w"] * t["h"] for t in topics)
    for t in topics:
        if t["value"] / root["value"] >= 0.1:
            assert t["w"] * t["h"] / area == pytest.approx(t["value"] / root["value"], rel=0.25), t["id"]


# ------------------------------------------------------------------------ a real corpus
@pytest.fixture(scope="module")
def corpus_store(corpus, tmp_path_factory) -> Path:
    """A store of 150 letters of the development corpus, built with ``asckg ingest``."""
    folder = tmp_path_factory.mktemp("sample")
    for path in sorted((corpus / "letters").iterdir())[:150]:
        shutil.copy(path, folder / path.name)
    store = tmp_path_factory.mktemp("corpus-store") / "store"
    done = subprocess.run([sys.executable, "-m", "asckg", "ingest", str(folder), "--store", str(store)],
                          capture_output=True, text=True, env=dict(os.environ))
    assert done.returncode == 0, done.stderr
    return store


@pytest.mark.corpus
@pytest.mark.slow
def test_corpus_networks_are_labelled_without_overlaps(browser, corpus_store, tmp_path):
    with LetterStore(corpus_store, read_only=True) as store:
        cc = network.arrange(VIEWS["co-citation"](store))
        ct = network.arrange(VIEWS["company-topic"](store))
        ca = network.arrange(VIEWS["company-about"](store))
    assert _check_labels(browser, cc, tmp_path / "cc.html", "corpus-co-citation") >= 20
    assert _check_labels(browser, ct, tmp_path / "ct.html", "corpus-company-topic") >= 20
    assert _check_labels(browser, ca, tmp_path / "ca.html", "corpus-company-about") >= 20
