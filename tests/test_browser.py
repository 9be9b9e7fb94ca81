"""The reading room in a real browser: Debian's Chromium driven by Playwright, against ``asckg serve``.

A reader searches for "ASC 985-605-25-12", lands on the reference page listing the 2011 Interactive
Intelligence letter, follows its link to the letter with the citation highlighted, and goes on to
the company's reviews, with the keyboard and at 400 px as well as with a mouse on a wide screen.
Every request the pages make is recorded and must go to the server itself. Screenshots of each page
are kept in test-artifacts/ (git-ignored). Runs on the example store, and on a store of the whole
development corpus when it is present (slow: the corpus is ingested first).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CORPUS, REPO
from queries_support import examples_store  # noqa: F401  (fixture: the example letters, ingested once)
from web_support import Served

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts"
FOUNDING = "000_1ae12daddb492283"
COMPANY = "Interactive Intelligence Group, Inc."

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no browser at {CHROMIUM}")


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as driver:
        chromium = driver.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"],
        )
        yield chromium
        chromium.close()


class Reader:
    """A browser tab that records every request and every script dialog it meets."""

    def __init__(self, browser, base: str, name: str, **context) -> None:
        self.base = base
        self.name = name
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.context.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def go(self, path: str):
        return self.page.goto(self.base + path.lstrip("/"))

    def shot(self, label: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{self.name}-{label}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def close(self) -> None:
        self.context.close()
        outside = [url for url in self.requests if not url.startswith(self.base) and not url.startswith("data:")]
        assert outside == [], f"requests outside the server: {outside}"
        assert self.dialogs == [] and self.errors == []


def _two_clicks_to_the_citation(browser, base: str, name: str) -> None:
    reader = Reader(browser, base, name, viewport={"width": 1280, "height": 900})
    page = reader.page
    reader.go("/")
    reader.shot("search")
    page.get_by_label("A reference as you would write it").fill("ASC 985-605-25-12")
    page.keyboard.press("Enter")
    page.wait_for_url(base + "cites/985-605-25-12")
    assert page.get_by_role("heading", level=1).inner_text().startswith("985-605-25-12")
    link = page.get_by_role("link", name=COMPANY).first
    assert link.is_visible()
    entry = page.locator("ol.letters > li", has=link)
    assert "2011-12-19" in entry.inner_text()
    assert entry.locator("mark").first.inner_text() == "FASB ASC 985-605-25-12"
    reader.shot("reference")
    link.click()
    page.wait_for_url(base + f"letter/{FOUNDING}")
    cited = page.locator("a.cite mark", has_text="985-605-25-12").first
    assert cited.is_visible()
    background = cited.evaluate("m => getComputedStyle(m).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")  # highlighted, not just tagged
    assert cited.locator("xpath=..").get_attribute("href") == "/cites/985-605-25-12"
    reader.shot("letter")
    page.get_by_role("heading", level=1).get_by_role("link").click()
    page.wait_for_url(base + "company/**")
    reviews = page.locator("ol.reviews > li")
    assert reviews.count() >= 1
    assert page.get_by_role("link", name="2011-12-19").count() >= 1
    reader.shot("company")
    reader.go("/trends")
    assert page.locator("figure.chart svg[role=img]").count() >= 1
    reader.shot("trends")
    reader.close()


# ------------------------------------------------------------------------------- the example store
@pytest.fixture(scope="module")
def base(examples_store):
    served = Served(examples_store, workers=1)
    yield served.url
    served.stop()


def test_search_reference_letter_company_in_two_clicks(browser, base):
    _two_clicks_to_the_citation(browser, base, "examples")


def test_suggestions_appear_while_typing(browser, base):
    reader = Reader(browser, base, "suggest", viewport={"width": 1000, "height": 700})
    reader.go("/")
    box = reader.page.get_by_label("A reference as you would write it")
    box.press_sequentially("interac", delay=40)
    options = reader.page.locator("#q-suggestions option")
    options.first.wait_for(state="attached", timeout=10_000)
    assert COMPANY in [options.nth(i).get_attribute("value") for i in range(options.count())]
    reader.close()


def test_the_keyboard_reaches_the_search_and_the_letters(browser, base):
    reader = Reader(browser, base, "keyboard", viewport={"width": 1000, "height": 700})
    page = reader.page
    reader.go("/cites/985-605")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the content"
    page.keyboard.press("Enter")
    for _ in range(40):  # tab on until the first letter's link has the focus, then follow it
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == COMPANY:
            break
    else:
        pytest.fail("the keyboard never reached the letter's link")
    page.keyboard.press("Enter")
    page.wait_for_url(base + f"letter/{FOUNDING}")
    reader.close()


def test_readable_at_400_px(browser, base):
    reader = Reader(browser, base, "narrow", viewport={"width": 400, "height": 800})
    for path, label in (("/", "search"), ("/cites/985-605", "reference"), (f"/letter/{FOUNDING}", "letter"),
                        ("/company/1013871", "company"), ("/trends", "trends"), ("/map", "map")):
        reader.go(path)
        if path == "/map":  # drawn after the page loads
            reader.page.locator('#codification-map[data-ready="1"]').wait_for(timeout=60_000)
        width = reader.page.evaluate("document.documentElement.scrollWidth")
        assert width <= 400, f"{path} is {width} px wide at a 400 px window"
        reader.shot(label)
    reader.close()


def test_reading_works_without_javascript(browser, base):
    reader = Reader(browser, base, "nojs", java_script_enabled=False, viewport={"width": 1000, "height": 700})
    reader.go("/")
    reader.page.get_by_label("A reference as you would write it").fill("985-605-25-12")
    reader.page.get_by_role("button", name="Search").click()
    reader.page.wait_for_url(base + "cites/985-605-25-12")
    assert reader.page.locator("figure.chart svg rect.bar").count() == 1  # the chart is drawn by the server
    reader.page.get_by_role("link", name=COMPANY).first.click()
    reader.page.wait_for_url(base + f"letter/{FOUNDING}")
    reader.close()


def test_markup_typed_into_the_search_runs_nothing(browser, base):
    reader = Reader(browser, base, "hostile", viewport={"width": 1000, "height": 700})
    reader.go("/")
    reader.page.get_by_label("A reference as you would write it").fill('"><img src=x onerror=alert(1)><script>alert(2)</script>')
    with reader.page.expect_navigation() as navigation:
        reader.page.keyboard.press("Enter")
    assert navigation.value.status == 404
    assert reader.page.get_by_role("heading", name="Nothing found").is_visible()
    assert reader.page.locator("main img, main script").count() == 0
    reader.shot("bad-search")
    reader.close()  # no dialog opened, no request left the server


def _the_map_draws(browser, base: str, name: str, **context) -> None:
    """/map: plotly.js (served by the server) draws the treemap from /map?format=json; hovering a
    Topic's tile shows its title and counts; the browser logs no error (a CSP refusal is one)."""
    reader = Reader(browser, base, name, **context)
    console: list[str] = []
    reader.page.on("console", lambda m: m.type == "error" and console.append(m.text))
    page = reader.page
    reader.go("/map")
    page.locator('#codification-map[data-ready="1"]').wait_for(timeout=60_000)
    tiles = page.locator("#codification-map g.trace.treemap g.slice")
    rows = page.locator("table.map-topics tbody tr")
    assert tiles.count() > rows.count() >= 1  # the root, the Topics, and the next level down
    first = rows.first.get_attribute("data-id")  # the Topic with most citations
    code = rows.first.locator("th").inner_text()
    tile = page.locator("#codification-map g.slice", has=page.locator("text.slicetext", has_text=code)).first
    box = tile.bounding_box()
    assert first and box and box["width"] > 40 and box["height"] > 40
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    hover = page.locator("#codification-map .hoverlayer .hovertext")
    hover.first.wait_for(timeout=10_000)
    words = hover.first.text_content() or ""
    assert words.startswith(code) and "letters citing it or anything in it:" in words, words
    reader.shot("map")
    assert console == [], console
    assert any(url.endswith("/static/plotly.min.js") for url in reader.requests)
    assert any(url.endswith("/map?format=json") for url in reader.requests)
    reader.close()  # no request left the server, no script error


def test_the_map_draws_and_answers_a_hover(browser, base):
    _the_map_draws(browser, base, "examples", viewport={"width": 1280, "height": 900})


def test_the_map_without_javascript_is_a_table(browser, base):
    reader = Reader(browser, base, "nojs", java_script_enabled=False, viewport={"width": 1000, "height": 700})
    reader.go("/map")
    assert reader.page.locator("#codification-map").is_hidden()  # no empty box where the map would be
    assert reader.page.locator("table.map-topics tbody tr").count() == 7
    assert reader.page.get_by_role("link", name="606", exact=True).is_visible()
    reader.shot("map")
    assert not any(url.endswith("/static/plotly.min.js") for url in reader.requests)
    reader.close()


# ------------------------------------------------------------------------------- the corpus
@pytest.fixture(scope="module")
def corpus_base(tmp_path_factory):
    if not (CORPUS / "letters").is_dir():
        pytest.skip(f"no corpus at {CORPUS}")
    store = tmp_path_factory.mktemp("corpus") / "store"
    done = subprocess.run([sys.executable, "-m", "asckg", "ingest", str(CORPUS / "letters"), "--store", str(store),
                           "--jobs", "2"], capture_output=True, text=True, env=dict(os.environ))
    assert done.returncode == 0, done.stderr
    served = Served(store, workers=1)
    yield served.url
    served.stop()


@pytest.mark.slow
@pytest.mark.corpus
def test_the_corpus_in_the_browser(browser, corpus_base):
    _two_clicks_to_the_citation(browser, corpus_base, "corpus")
    reader = Reader(browser, corpus_base, "corpus", viewport={"width": 1280, "height": 900})
    reader.go("/cites/606")
    assert reader.page.locator("ol.letters > li").count() > 10
    assert reader.page.get_by_role("navigation", name="Pages of letters").is_visible()
    reader.shot("topic-606")
    reader.go("/company/1090872")  # Agilent: several letters, both sides
    assert reader.page.locator("ol.reviews > li").count() >= 1
    assert reader.page.locator("ol.timeline li").count() >= 2
    reader.shot("company-agilent")
    reader.close()
    _the_map_draws(browser, corpus_base, "corpus", viewport={"width": 1280, "height": 900})
