"""Shelves: a reference's newest letters read a month at a time give the same pages and counts as
the whole answer of ``cites`` sorted newest first, and its newest comments about it (not citing
it) the same as the whole list, on a store ``asckg ingest`` built from the development corpus; a
store whose items are not all on shelves is answered from the whole answer; every citation and
topic assignment is on exactly the shelf of its letter's month and kind."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from asckg.graph.ask import reading
from asckg.graph.ask.cites import cites
from asckg.graph.ask.reference import parse_reference
from asckg.graph.ask.shelves import _from_answer, newest, newest_about, shelves
from asckg.graph.store import LetterStore

pytestmark = pytest.mark.corpus

NS = "https://w3id.org/asckg/ns#"
# Topics, subtopics and paragraphs with many letters and few, guidance, SEC rules, and a
# Codification area that older standards lead to through the crosswalk.
REFERENCES = ["606", "606-10", "606-10-25-19", "350", "350-20", "842", "280-10-50", "820", "985-605",
              "S-K 303", "S-X 3-05", "Regulation G", "SAB Topic 13", "SOP 97-2", "SAB Topic 5", "Topic 740"]
FILTERS = [(None, None), ("2019", None), ("2024", None), (None, "staff"), (None, "response"),
           ("2017", "staff"), ("undated", None), ("1999", None)]


@pytest.fixture(scope="module")
def corpus_store(corpus, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("shelves") / "store"
    done = subprocess.run([sys.executable, "-m", "asckg", "ingest", str(corpus / "letters"), str(corpus / "excerpts"),
                           "--store", str(path), "--jobs", "2"], capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    return path


@pytest.fixture(scope="module")
def store(corpus_store):
    with LetterStore(corpus_store, read_only=True) as db:
        yield db


def _same(shelved, whole) -> None:
    assert shelved.from_shelves and not whole.from_shelves
    assert [h.dump() for h in shelved.letters] == [h.dump() for h in whole.letters]
    assert (shelved.total, shelved.matching, shelved.by_year, shelved.by_kind) == \
        (whole.total, whole.matching, whole.by_year, whole.by_kind)


@pytest.mark.parametrize("reference", REFERENCES)
def test_pages_from_shelves_equal_the_whole_answer_sorted(store, reference):
    hits = cites(store, reference)
    assert hits, f"{reference}: the corpus should cite it"
    for year, kind in FILTERS:
        for offset in (0, 7, 25, 50, len(hits) - 3, len(hits) + 10):
            if offset < 0:
                continue
            shelved = newest(store, reference, year=year, kind=kind, offset=offset, limit=25)
            _same(shelved, _from_answer(hits, year, kind, offset, 25))


def test_a_page_is_newest_first_and_pages_cover_every_letter_once(store):
    hits = cites(store, "606")
    seen: list[str] = []
    offset = 0
    while True:
        page = newest(store, "606", offset=offset, limit=10)
        if not page.letters:
            break
        keys = [(h.date or "", h.id) for h in page.letters]
        assert keys == sorted(keys, reverse=True)
        seen.extend(h.id for h in page.letters)
        offset += 10
    assert len(seen) == len(set(seen)) == len(hits) == page.total
    assert set(seen) == {h.id for h in hits}


def test_options_the_shelves_do_not_index_are_answered_from_the_whole_answer(store):
    for options in ({"exact": True}, {"via": False}):
        page = newest(store, "985-605", **options)
        assert not page.from_shelves
        whole = cites(store, "985-605", **options)
        assert [h.id for h in page.letters] == [h.id for h in sorted(whole, key=lambda h: (h.date or "", h.id), reverse=True)][:25]
        assert page.total == len(whole)
    # and --no-via marks no letter "via"
    assert not any(h.via for h in newest(store, "985-605", via=False, limit=100).letters)
    assert any(h.via for h in newest(store, "985-605", limit=100).letters)


def test_every_citation_is_on_the_shelf_of_its_letters_month_and_kind(store):
    rows = store.select(f"""
        SELECT ?row ?month ?kind ?node ?cited WHERE {{
          GRAPH ?g {{ ?c <{NS}answerRow> ?row ; <{NS}citedNode> ?cited ; <{NS}onShelf> ?s }}
          ?s <{NS}shelfMonth> ?month ; <{NS}shelfKind> ?kind ; <{NS}shelfOf> ?node .
        }}""")
    citations = store.select(f"SELECT ?c WHERE {{ GRAPH ?g {{ ?c <{NS}citedNode> ?n }} }}")
    assert len(rows) == len(citations) > 1000
    for row in rows:
        answer = json.loads(row["row"])
        assert row["month"] == (answer["date"][:7] if answer["date"] else "undated")
        assert row["kind"] == (answer["kind"] or "other")
        assert row["node"] == row["cited"]


def test_children_counts_are_the_letters_each_childs_page_lists(store):
    for reference in ("606", "350", "842-10", "985"):
        target = parse_reference(reference)
        children = reading.children_counts(store, target.iri, target.kind)
        assert children, reference
        for child in children:
            assert child["ref"].startswith(target.ref + "-")
            assert child["letters"] == newest(store, child["ref"]).total == len(cites(store, child["ref"]))


def test_a_store_with_citations_off_their_shelves_is_answered_whole(corpus_store, tmp_path):
    """A store built before shelves existed (here: one letter's shelf edges taken away) gives the
    same pages, read from the whole answer; the shelves are used again once they cover it."""
    copy = tmp_path / "store"
    shutil.copytree(corpus_store, copy)
    with LetterStore(copy) as db:
        before = newest(db, "606", offset=3, limit=25)
        assert before.from_shelves
        letter = db.select(f"""SELECT ?g WHERE {{ GRAPH ?g {{ ?c <{NS}citedNode> <https://w3id.org/asckg/id/asc/606> ;
                                                      <{NS}onShelf> ?s }} }} LIMIT 1""")[0]["g"]
        db.update(f"DELETE WHERE {{ GRAPH <{letter}> {{ ?c <{NS}onShelf> ?s }} }}")
        after = newest(db, "606", offset=3, limit=25)
        assert not after.from_shelves
        assert [h.dump() for h in after.letters] == [h.dump() for h in before.letters]
        assert (after.total, after.by_year) == (before.total, before.by_year)
        # and a shelf that holds none of a node's letters is not counted
        assert sum(s.items for s in shelves(db, parse_reference("606").iri)) == before.total - 1


def test_cites_newest_as_users_run_it_is_the_end_of_the_whole_answer(corpus_store):
    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "asckg", "cites", *args, "--store", str(corpus_store)],
                              capture_output=True, text=True, timeout=120)

    whole = json.loads(run("Topic 606", "-f", "json").stdout)
    assert len(whole) > 50
    for n in (1, 25, len(whole), len(whole) + 5):
        assert json.loads(run("Topic 606", "-f", "json", "--newest", str(n)).stdout) == whole[::-1][:n]
    table = run("Topic 606", "--newest", "3")
    assert table.returncode == 0
    assert f"the newest 3 of {len(whole)} letters cite Topic 606 or something under it" in " ".join(table.stderr.split())


ABOUT = ["606", "350", "S-K 303", "Regulation G", "S-K 105", "740", "280", "842", "S-X 3-05"]


@pytest.mark.parametrize("reference", ABOUT)
def test_comments_about_from_shelves_equal_the_whole_list(store, reference):
    target = parse_reference(reference).iri
    whole = reading.letters_about(store, target)
    for offset in (0, 5, 25, max(0, len(whole) - 2), len(whole) + 3):
        page = newest_about(store, target, offset=offset, limit=25)
        assert page.from_shelves
        assert page.total == len(whole)
        assert page.comments == whole[offset: offset + 25]


def test_some_topics_have_comments_about_them_that_do_not_cite_them(store):
    totals = {r: newest_about(store, parse_reference(r).iri).total for r in ABOUT}
    assert totals["S-K 303"] > 50 and totals["Regulation G"] > 20, totals


def test_every_assignment_is_on_the_shelf_that_says_whether_its_letter_cites_the_node(store):
    rows = store.select(f"""
        SELECT ?letter ?topic ?holds ?month ?kind ?node ?date ?cites WHERE {{
          GRAPH ?letter {{ ?a <{NS}topic> ?topic ; <{NS}onShelf> ?s .
                           OPTIONAL {{ ?letter <http://purl.org/dc/terms/date> ?date }} }}
          ?s <{NS}shelfHolds> ?holds ; <{NS}shelfMonth> ?month ; <{NS}shelfKind> ?kind ; <{NS}shelfOf> ?node .
          BIND (EXISTS {{ GRAPH ?letter {{ ?letter <{NS}citesWithin> ?topic }} }} AS ?cites)
        }}""")
    assignments = store.select(f"SELECT ?a WHERE {{ GRAPH ?g {{ ?a <{NS}topic> ?t }} }}")
    assert len(rows) == len(assignments) > 500
    assert {row["holds"] for row in rows} == {"about-cited", "about-uncited"}
    for row in rows:
        assert row["node"] == row["topic"]
        assert row["holds"] == ("about-cited" if row["cites"] == "true" else "about-uncited")
        assert row["month"] == (str(row["date"])[:7] if row["date"] else "undated")
        assert row["kind"] == "staff"  # only staff comments are labelled


def test_a_store_with_assignments_off_their_shelves_lists_comments_about_from_the_whole_list(corpus_store, tmp_path):
    copy = tmp_path / "store"
    shutil.copytree(corpus_store, copy)
    target = parse_reference("S-K 303").iri
    with LetterStore(copy) as db:
        before = newest_about(db, target, offset=2)
        db.update(f"DELETE {{ GRAPH ?g {{ ?a <{NS}onShelf> ?s }} }} WHERE {{ GRAPH ?g {{ ?a <{NS}topic> <{target}> ; <{NS}onShelf> ?s }} }}")
        after = newest_about(db, target, offset=2)
        assert before.from_shelves and not after.from_shelves
        assert (after.total, after.comments) == (before.total, before.comments)
