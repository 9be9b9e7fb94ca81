"""The reading room over HTTP: its JSON agrees with the commands, bad input gets a clear 4xx page,
and the topics and review outcomes other parts of asckg store show up where they exist.

Real requests to ``asckg serve``'s server (uvicorn on a free loopback port) over the example store;
the commands it is compared with run as a user runs them (``python -m asckg ...``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest

from asckg.graph.store import LetterStore
from queries_support import examples_store  # noqa: F401  (fixture: the example letters, ingested once)
from web_support import Served

FOUNDING = "000_1ae12daddb492283"  # the 2011 Interactive Intelligence staff letter
NS = "https://w3id.org/asckg/ns#"
ID = "https://w3id.org/asckg/id/"
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), urllib.request.HTTPHandler())


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_no_redirect = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect())


def fetch(url: str, *, accept: str | None = None, follow: bool = True) -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with (_opener if follow else _no_redirect).open(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode("utf-8")


def command(store: Path, *args: str) -> object:
    done = subprocess.run([sys.executable, "-m", "asckg", *args, "--store", str(store)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def site(examples_store):
    served = Served(examples_store, workers=1)
    yield served.url.rstrip("/")
    served.stop()


# ------------------------------------------------------------------------------- pages and the commands agree
@pytest.mark.parametrize("ref", ["606", "985-605-25-12", "985-605", "ASC 985-605-25-12", "S-K 303"],
                         ids=["topic", "paragraph", "subtopic", "as-written", "sec-rule"])
def test_a_reference_as_json_is_what_cites_prints(site, examples_store, ref):
    status, headers, body = fetch(f"{site}/cites/{urllib.parse.quote(ref, safe='')}?format=json")
    assert status == 200 and headers["content-type"] == "application/json"
    assert json.loads(body) == command(examples_store, "cites", ref, "--format", "json")


def test_accept_json_answers_as_format_json(site):
    _, _, by_param = fetch(f"{site}/cites/985-605?format=json")
    status, headers, by_accept = fetch(f"{site}/cites/985-605", accept="application/json")
    assert status == 200 and by_accept == by_param and headers["vary"] == "Accept"
    status, headers, page = fetch(f"{site}/cites/985-605", accept="text/html,application/json;q=0.9")
    assert headers["content-type"].startswith("text/html") and "<h1>" in page


def test_exact_and_no_via_follow_the_command(site, examples_store):
    _, _, body = fetch(f"{site}/cites/985-605?exact=1&format=json")
    assert json.loads(body) == command(examples_store, "cites", "985-605", "--exact", "--format", "json")
    _, _, body = fetch(f"{site}/cites/985-605?via=0&format=json")
    assert json.loads(body) == command(examples_store, "cites", "985-605", "--no-via", "--format", "json")


def test_a_letter_as_json_is_what_show_prints(site, examples_store):
    _, _, body = fetch(f"{site}/letter/{FOUNDING}?format=json")
    assert json.loads(body) == command(examples_store, "show", FOUNDING, "--format", "json")


def test_a_company_as_json_carries_what_thread_prints(site, examples_store):
    _, _, body = fetch(f"{site}/company/1013871?format=json")
    answer = json.loads(body)
    assert answer["conversations"] == command(examples_store, "thread", "1013871", "--format", "json")
    assert answer["company"]["cik"] == "1013871" and answer["company"]["names"] == ["NRG Energy, Inc."]
    # One review, planned at ingest: NRG's staff letter alone, one round, no answer stored.
    (review,) = answer["reviews"]
    assert (review["first_letter"], review["last_letter"], review["rounds"]) == (
        "1013871_0000000000-16-081594", "1013871_0000000000-16-081594", 1)
    assert {"ref": "350-20-35-28", "title": "Intangibles—Goodwill and Other—Goodwill: Subsequent Measurement",
            "letters": 1} in answer["references"]["cites"]


def test_trends_as_json_is_the_canned_query(site, examples_store):
    _, _, body = fetch(f"{site}/trends?format=json")
    assert json.loads(body)["cited"] == command(examples_store, "query", "top_topics_by_year", "--format", "json")


def test_the_reference_page_shows_the_letter_and_the_citing_words(site):
    status, headers, page = fetch(f"{site}/cites/985-605-25-12")
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    assert "Software—Revenue Recognition: Recognition" in page
    assert f'href="/letter/{FOUNDING}">Interactive Intelligence Group, Inc.</a>' in page
    assert "<mark>FASB ASC 985-605-25-12</mark>" in page
    assert 'href="/cites/985-605"' in page  # the breadcrumb up
    assert "default-src 'none'" in headers["content-security-policy"]


def test_the_letter_page_links_its_citations(site):
    status, _, page = fetch(f"{site}/letter/{FOUNDING}")
    assert status == 200
    assert '<a class="cite" href="/cites/985-605-25-12"><mark>FASB ASC 985-605-25-12</mark></a>' in page
    assert 'href="/company/name/interactive-intelligence-group-inc"' in page


@pytest.mark.parametrize(("typed", "lands"), [
    ("ASC 985-605-25-12", "/cites/985-605-25-12"),
    ("  topic   606 ", "/cites/606"),
    ("SOP 97-2", "/cites/SOP%2097-2"),
    (FOUNDING, f"/letter/{FOUNDING}"),
    ("0000000000-16-081594", "/letter/1013871_0000000000-16-081594"),
    ("1013871", "/company/cik/1013871"),
    ("monster beverage", "/company/cik/865752"),
    ("Interactive Intelligence", "/company/name/interactive-intelligence-group-inc"),
], ids=["reference", "topic", "older-standard", "letter-id", "accession", "cik", "name", "name-no-cik"])
def test_search_goes_to_the_page_of_what_was_typed(site, typed, lands):
    status, headers, _ = fetch(f"{site}/?q={urllib.parse.quote(typed)}", follow=False)
    assert status == 303 and headers["location"] == lands
    assert fetch(site + lands)[0] == 200


def test_suggestions_offer_references_and_companies(site):
    status, _, body = fetch(f"{site}/suggest?q=inter")
    hits = json.loads(body)
    assert status == 200
    assert {"kind": "company", "key": "name/interactive-intelligence-group-inc",
            "label": "Interactive Intelligence Group, Inc.", "url": "/company/name/interactive-intelligence-group-inc"} in hits
    hits = json.loads(fetch(f"{site}/suggest?q=985-605-25")[2])
    assert hits[0]["key"] == "985-605-25" and "Software" in hits[0]["label"]


# ------------------------------------------------------------------------------- bad input
@pytest.mark.parametrize(("path", "status", "says"), [
    ("/cites/zzz-not-a-code", 404, "is not a reference asckg knows"),
    ("/cites/606-99", 200, "No stored letter cites it"),  # a well-formed reference nobody cites
    ("/letter/0000000000-99-999999", 404, "no stored letter has the id or accession number"),
    ("/company/999999999", 404, "no stored company"),
    ("/company/not-a-key", 404, "is not a CIK or a company key"),
    ("/nowhere", 404, "nothing at /nowhere"),
    ("/cites/606?page=0", 400, "page must be a whole number"),
    ("/cites/606?page=99", 404, "pages of letters, not 99"),
    ("/cites/606?year=20x1", 400, "year must be four digits"),
    ("/cites/606?kind=memo", 400, "kind must be one of"),
    ("/cites/606?format=yaml", 400, "unknown format"),
    ("/cites/606?exact=maybe", 400, "a yes/no parameter"),
    ("/?q=" + "x" * (1 << 20), 414, "at most 65536 are read"),
    ("/?q=zzqqx+nothing", 404, "nothing matches"),
], ids=["unknown-reference", "uncited-reference", "missing-letter", "missing-cik", "bad-company-key", "no-route",
        "page-zero", "page-past-end", "bad-year", "bad-kind", "bad-format", "bad-flag", "megabyte-query", "no-match"])
def test_bad_input_gets_a_clear_page(site, path, status, says):
    got, headers, page = fetch(site + path)
    assert got == status, page[:500]
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert says in page.replace("&#39;", "'")
    assert "Traceback" not in page and 'File "' not in page


@pytest.mark.parametrize(("hostile", "forbidden"), [
    ('<script>alert("x")</script>', "<script>alert"),
    ('"><img src=x onerror=alert(1)>', "<img src=x"),
    ("985-605<svg/onload=alert(1)>", "<svg/onload"),
    ("{{ 7*7 }}", "49"),
], ids=["script", "attribute-break", "svg-in-reference", "template-syntax"])
def test_markup_in_a_search_or_address_is_shown_as_text(site, hostile, forbidden):
    for path in (f"/?q={urllib.parse.quote(hostile)}", f"/cites/{urllib.parse.quote(hostile, safe='')}",
                 f"/letter/{urllib.parse.quote(hostile, safe='')}"):
        status, _, page = fetch(site + path)
        assert 400 <= status < 500, (path, status)
        shown = page.split("<main", 1)[1]
        assert forbidden not in shown, path
        assert "alert" in shown or "7*7" in shown  # what was typed is shown back, as text


def test_errors_answer_json_when_asked(site):
    status, headers, body = fetch(f"{site}/letter/nope?format=json")
    assert status == 404 and headers["content-type"] == "application/json"
    assert json.loads(body) == {"error": "no stored letter has the id or accession number 'nope'", "status": 404}


def test_pages_load_only_the_servers_own_files(site):
    for path in ("/", "/cites/606", f"/letter/{FOUNDING}", "/company/1013871", "/trends", "/map"):
        page = fetch(site + path)[2]
        for attribute in ("src=", "href="):
            for value in page.split(attribute)[1:]:
                target = value[1:].split(value[0], 1)[0]
                assert not target.startswith(("http:", "https:", "//")), (path, target)


# ------------------------------------------------------------------------------- topics and outcomes, where stored
@pytest.fixture(scope="module")
def annotated_store(examples_store, tmp_path_factory) -> Path:
    """The example store plus what the topics and review-outcomes readings write: a staff comment
    about Topic 606 in a letter that does not cite it, letter types, a response comment committing
    to amend, and a review of NRG Energy that ended with an amendment."""
    path = tmp_path_factory.mktemp("annotated") / "store"
    shutil.copytree(examples_store, path)
    founding = ox.NamedNode(f"{ID}letter/0000000000-16-081594")  # NRG Energy's staff letter
    comment = ox.NamedNode(f"{founding.value}/comment/1")
    answer = ox.NamedNode(f"{ID}letter/test-response/comment/1")
    review = ox.NamedNode(f"{ID}review/test-nrg")
    graph = ox.NamedNode(f"{ID}graph/test-annotations")
    p = lambda name: ox.NamedNode(NS + name)  # noqa: E731
    quads = [
        ox.Quad(comment, p("about"), ox.NamedNode(f"{ID}asc/606"), graph),
        ox.Quad(founding, p("letterType"), ox.Literal("sec_comment"), graph),
        ox.Quad(answer, p("answers"), comment, graph),
        ox.Quad(answer, p("commitment"), ox.Literal("amend"), graph),
        ox.Quad(review, p("firstLetter"), founding, graph),
        ox.Quad(review, p("lastLetter"), founding, graph),
        ox.Quad(review, p("outcome"), ox.Literal("amend"), graph),
        ox.Quad(review, p("rounds"), ox.Literal("2", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")), graph),
        ox.Quad(review, p("daysOpen"), ox.Literal("47", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")), graph),
    ]
    with LetterStore(path) as store:
        store.add_quads(quads)
        store.flush()
    return path


@pytest.fixture(scope="module")
def annotated(annotated_store):
    served = Served(annotated_store, workers=1)
    yield served.url.rstrip("/")
    served.stop()


def test_a_letter_about_a_topic_it_does_not_cite_is_listed_as_such(annotated, site):
    status, _, page = fetch(f"{annotated}/cites/606")
    assert status == 200
    section = page.split('id="about-h"', 1)[1]
    assert "about, not cited" in section and 'href="/letter/1013871_0000000000-16-081594"' in section
    assert 'id="about-h"' not in fetch(f"{site}/cites/606")[2]  # the plain store has no topics


def test_the_letter_page_shows_topics_types_and_commitments(annotated):
    page = fetch(f"{annotated}/letter/1013871_0000000000-16-081594")[2]
    comment = page.split('id="comment-1"', 1)[1].split("</section>", 1)[0]
    assert 'href="/cites/606"' in comment and "answered: amend" in comment
    assert "staff comments" in page  # asckg:letterType sec_comment


def test_the_company_page_shows_the_review_outcome(annotated):
    page = fetch(f"{annotated}/company/1013871")[2]
    assert "outcome: amend" in page and "open 47 days" in page and "2 rounds" in page
    answer = json.loads(fetch(f"{annotated}/company/1013871?format=json")[2])
    # The fixture's review, beside the one ingest planned for the same letter.
    assert {"first_letter": "1013871_0000000000-16-081594", "last_letter": "1013871_0000000000-16-081594",
            "conversation": answer["conversations"][0]["conversation"], "outcome": "amend",
            "rounds": 2, "days_open": 47, "closed_by": None, "filing": None} in answer["reviews"]
    about = {row["ref"]: row for row in answer["references"]["about"]}
    assert about["606"]["title"] == "Revenue from Contracts with Customers" and about["606"]["letters"] >= 1


def test_trends_show_topics_about_when_stored(annotated, site):
    answer = json.loads(fetch(f"{annotated}/trends?format=json")[2])
    rows = {(r["year"], r["code"]): r["letters"] for r in answer["about"]}
    plain = {(r["year"], r["code"]): r["letters"] for r in json.loads(fetch(f"{site}/trends?format=json")[2])["about"]}
    assert plain  # the example letters' comments carry the topics the model gave them at ingest
    assert rows[(2016, "606")] >= max(1, plain.get((2016, "606"), 0))  # the fixture's comment about 606
    assert "Topics the comments are about" in fetch(f"{annotated}/trends")[2]


def test_pages_answered_at_once_each_get_their_own_rows(site):
    # the pages share one read-only store across the server's threads
    from concurrent.futures import ThreadPoolExecutor

    paths = ["/cites/606?format=json", "/cites/985-605?format=json", f"/letter/{FOUNDING}?format=json",
             "/company/1013871?format=json"] * 6
    alone = {path: fetch(site + path)[2] for path in set(paths)}
    with ThreadPoolExecutor(12) as pool:
        together = list(pool.map(lambda path: fetch(site + path), paths))
    assert [(status, body) for status, _, body in together] == [(200, alone[path]) for path in paths]


def test_every_answer_says_how_long_the_server_took(site):
    for path in ("/", "/cites/606", "/cites/606?format=json", "/nowhere", "/sparql?query=ASK%7B%7D"):
        timing = fetch(site + path)[1]["server-timing"]
        assert timing.startswith("app;dur=") and float(timing.split("=", 1)[1]) >= 0
