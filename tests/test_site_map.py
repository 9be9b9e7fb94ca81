"""The reading room's Codification map (``/map``) over HTTP: its figure is the one ``asckg view
codification`` draws for the same store, the page loads plotly.js from the server itself with no
inline script, and the table a reader without JavaScript gets has the figure's numbers.

Real requests to ``asckg serve``'s server on a free loopback port over the example store; the
command it is compared with runs as a user runs it (``python -m asckg view codification``).
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
import urllib.error
import urllib.request
from email.message import Message
from html.parser import HTMLParser
from pathlib import Path

import pytest

from asckg.graph.outputs import codemap
from asckg.graph.outputs.views import codification
from asckg.graph.serve import site as site_module
from asckg.graph.store import LetterStore
from queries_support import examples_store  # noqa: F401  (fixture: the example letters, ingested once)
from web_support import Served

_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), urllib.request.HTTPHandler())


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, Message, bytes]:
    """Status, headers (names in any case) and body."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with _opener.open(request, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture(scope="module")
def site(examples_store):
    served = Served(examples_store, workers=1)
    yield served.url.rstrip("/")
    served.stop()


def served_figure(site: str, query: str = "") -> dict:
    status, headers, body = fetch(f"{site}/map?format=json{query}")
    assert status == 200 and headers["Content-Type"] == "application/json", body[:300]
    return json.loads(body)


def treemap(figure: dict) -> dict:
    (trace,) = [t for t in figure["data"] if t["type"] == "treemap"]
    return trace


def written_figure(store: Path, tmp_path: Path, *year: str) -> dict:
    """The figure in the page ``asckg view codification --format html`` writes: the arguments of
    its ``Plotly.newPlot(id, data, layout, config)``."""
    out = tmp_path / "codification.html"
    done = subprocess.run([sys.executable, "-m", "asckg", "view", "codification", "--format", "html", "-o", str(out),
                           "--store", str(store), *year], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    at = text.index("Plotly.newPlot(") + len("Plotly.newPlot(")
    decoder = json.JSONDecoder()
    parts = []
    for _ in range(4):  # the div's id, the data, the layout, the config
        while text[at] in " \n\t,":
            at += 1
        value, at = decoder.raw_decode(text, at)
        parts.append(value)
    return {"data": parts[1], "layout": parts[2], "config": parts[3]}


# ------------------------------------------------------------------------------- the figure is the command's
@pytest.mark.parametrize("year", [None, "2018"], ids=["latest-year", "year-2018"])
def test_the_map_json_is_the_figure_view_codification_draws(site, examples_store, tmp_path, year):
    served = served_figure(site, f"&year={year}" if year else "")
    written = written_figure(examples_store, tmp_path, *(["--year", year] if year else []))
    assert served["data"] == written["data"]  # every trace: ids, parents, labels, values, colours, hover
    assert served["layout"]["title"] == written["layout"]["title"]
    tiles = treemap(served)
    # the values are codemap's, for the same store, tile by tile
    with LetterStore(examples_store, read_only=True) as store:
        data = codemap.map_data(codification(store), int(year) if year else None)
    assert tiles["ids"] == data.ids and tiles["parents"] == data.parents and tiles["values"] == data.values
    assert [c[0] for c in tiles["customdata"]] == data.hover  # hover: title, counts, top letters
    assert any("letters with most mentions:" in h for h in data.hover)


def test_the_example_stores_map_has_the_topics_it_cites(site):
    tiles = treemap(served_figure(site))
    topics = {i: v for i, p, v in zip(tiles["ids"], tiles["parents"], tiles["values"]) if p == codemap.ROOT}
    assert len(topics) == 7 and sum(topics.values()) == tiles["values"][0] == 32
    at = tiles["labels"].index("606 Revenue from Contracts with Customers")
    assert tiles["values"][at] == 7


def test_the_json_carries_the_sites_toolbar(site):
    config = served_figure(site)["config"]
    assert config == site_module.MAP_CONFIG and "toImage" in config["modeBarButtonsToRemove"]


# ------------------------------------------------------------------------------- the page: scripts and policy
class _Scripts(HTMLParser):
    """Every script element, its attributes and text, and any on* attribute, of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.handlers: list[str] = []
        self.texts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.handlers += [name for name, _ in attrs if name.startswith("on")]
        if tag == "script":
            self.scripts.append(dict(attrs))
            self._in_script = True

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.texts.append(data)


def test_the_page_loads_plotly_from_the_server_and_runs_no_inline_script(site):
    status, headers, body = fetch(f"{site}/map")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    page = _Scripts()
    page.feed(body.decode("utf-8"))
    assert [s.get("src") for s in page.scripts] == ["/static/site.js", "/static/plotly.min.js", "/static/map.js"]
    assert page.texts == [] and page.handlers == []  # no inline script, no event handler attribute
    assert 'data-figure="/map?format=json"' in body.decode("utf-8")
    policy = headers["Content-Security-Policy"]
    assert policy == site_module.MAP_POLICY
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'" and directives["connect-src"] == "'self'"
    assert directives["default-src"] == "'none'" and directives["img-src"] == "'self'"
    # the one difference from every other page: plotly.js styles what it draws inline
    assert policy.replace(" 'unsafe-inline'", "") == site_module.SITE_POLICY
    for path in ("/", "/trends"):
        assert fetch(site + path)[1]["Content-Security-Policy"] == site_module.SITE_POLICY


def test_plotly_js_is_the_plotly_packages_own_file(site):
    from plotly.offline import get_plotlyjs

    package_file = get_plotlyjs().encode("utf-8")
    status, headers, body = fetch(f"{site}/static/plotly.min.js")
    assert status == 200 and headers["Content-Type"] == "text/javascript; charset=utf-8"
    assert body == package_file and headers["X-Content-Type-Options"] == "nosniff"
    status, zipped_headers, zipped = fetch(f"{site}/static/plotly.min.js", {"Accept-Encoding": "gzip"})
    assert zipped_headers["Content-Encoding"] == "gzip" and gzip.decompress(zipped) == package_file
    assert len(zipped) < len(package_file) / 2
    status, again, body = fetch(f"{site}/static/plotly.min.js", {"If-None-Match": headers["ETag"]})
    assert status == 304 and body == b""
    assert fetch(f"{site}/static/plotly.min.js", {"Accept-Encoding": "gzip;q=0"})[1]["Content-Encoding"] is None


def test_a_lighter_plotly_build_is_served_when_named(site, tmp_path, monkeypatch):
    from plotly.offline import get_plotlyjs

    version = re.search(r"plotly\.js v(\d+\.\d+\.\d+)", get_plotlyjs()[:2000])
    assert version
    lighter = tmp_path / "plotly-light.min.js"  # a stand-in for a partial bundle of the same version
    lighter.write_text(f"/* plotly.js v{version.group(1)}: a test build */\nwindow.Plotly = {{newPlot: function () {{}}}};\n",
                       encoding="utf-8")
    monkeypatch.setenv("ASCKG_PLOTLY_JS", str(lighter))  # the server runs in this process
    status, _, body = fetch(f"{site}/static/plotly.min.js")
    assert status == 200 and body == lighter.read_bytes()
    other = tmp_path / "plotly-other.min.js"
    other.write_text("/* plotly.js v0.0.1 */ window.Plotly = {};", encoding="utf-8")
    monkeypatch.setenv("ASCKG_PLOTLY_JS", str(other))
    status, _, body = fetch(f"{site}/static/plotly.min.js")
    assert status == 500 and b"v0.0.1" in body and b"window.Plotly" not in body


# ------------------------------------------------------------------------------- the table without JavaScript
class _Table(HTMLParser):
    """The rows of table.map-topics: each row's data-id and its cells' text by class."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, str]] = []
        self._cell: str | None = None
        self._in_table = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and "map-topics" in (a.get("class") or ""):
            self._in_table = True
        elif self._in_table and tag == "tr" and a.get("data-id"):
            self.rows.append({"id": a["data-id"]})
        elif self._in_table and self.rows and tag in ("td", "th"):
            self._cell = (a.get("class") or tag).split()[-1]
            self.rows[-1][self._cell] = ""

    def handle_endtag(self, tag):
        if tag == "table":
            self._in_table = False
        if tag in ("td", "th"):
            self._cell = None

    def handle_data(self, data):
        if self._cell and self.rows:
            self.rows[-1][self._cell] += data.strip()


@pytest.mark.parametrize("year", [None, "2018"], ids=["latest-year", "year-2018"])
def test_the_table_has_the_figures_numbers(site, year):
    query = f"?year={year}" if year else ""
    table = _Table()
    table.feed(fetch(f"{site}/map{query}")[2].decode("utf-8"))
    tiles = treemap(served_figure(site, f"&year={year}" if year else ""))
    at = {i: n for n, i in enumerate(tiles["ids"])}
    topics = [i for i, p in zip(tiles["ids"], tiles["parents"]) if p == codemap.ROOT]
    assert sorted(r["id"] for r in table.rows) == sorted(topics)  # every Topic tile, no other row
    values = [int(r["value"]) for r in table.rows]
    assert values == sorted(values, reverse=True)  # most citations first
    for row in table.rows:
        n = at[row["id"]]
        hover = tiles["customdata"][n][0]
        assert int(row["value"]) == tiles["values"][n]
        assert row["th"] == tiles["labels"][n].split()[0]  # the Topic's code, linked
        assert re.search(rf"letters citing it or anything in it: <b>{row['letters']}</b>", hover)
        change = re.search(r"\(([+-]\d+\.\d) points\)", hover)
        assert row.get("change") == (change.group(1) if change else None)


def test_bad_years_get_a_clear_answer(site):
    status, _, body = fetch(f"{site}/map?year=nineteen")
    assert status == 400 and b"year must be four digits" in body
    status, headers, body = fetch(f"{site}/map?year=1999&format=json")
    assert status == 404 and json.loads(body) == {
        "error": "no letters of 1999 in the store (years: 2011, 2016, 2017, 2018, 2025)", "status": 404}


def test_the_map_is_linked_from_the_navigation_and_the_home_page(site):
    home = fetch(site + "/")[2].decode("utf-8")
    assert home.count('href="/map"') == 2  # the navigation and "Other ways in"
    assert 'href="/map"' in fetch(site + "/cites/606")[2].decode("utf-8")
    assert "/map" in json.loads(fetch(site + "/?format=json")[2])["pages"]


# ------------------------------------------------------------------------------- kept while the store is open
def test_the_figure_is_made_once_per_open_store(examples_store):
    made: list[int] = []

    def make(store):
        made.append(1)
        return len(made)

    kept = site_module.SiteStore(str(examples_store))
    try:
        assert [kept.remembered("x", make) for _ in range(3)] == [1, 1, 1]
    finally:
        kept.close()
    fresh = site_module.SiteStore(str(examples_store), reload=True)  # reopened for every page: nothing kept
    assert [fresh.remembered("x", make) for _ in range(2)] == [2, 3]
