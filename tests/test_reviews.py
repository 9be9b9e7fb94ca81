"""Reviews: the planner's rules on plain letters, the table's arithmetic on plain rows, and a real
review of the corpus stored with ``asckg ingest`` (W. R. Berkley, 2017: a comment letter, two
responses, "we have completed our review"), read back by the graph, the canned queries and
``asckg reviews``, ``asckg thread`` and ``asckg show``."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from asckg.graph.ask.reviews import ReviewRow, summarize
from asckg.graph.model import iris
from asckg.graph.store import LetterStore
from asckg.ingest.relink import relink
from asckg.ingest.reviews import ReviewLetter, plan_review

# --- the planner ---------------------------------------------------------------------------------


def _letter(key: str, date: str | None, kind: str, letter_type: str | None = None, **kw) -> ReviewLetter:
    return ReviewLetter(f"iri:{key}", key, date, kind, letter_type, **kw)


def test_a_closed_review() -> None:
    review = plan_review([
        _letter("s2", "2020-03-01", "staff", "sec_comment"),
        _letter("r1", "2020-02-01", "response", "company_response", commitments={"none", "future"}),
        _letter("s1", "2020-01-10", "staff", "sec_comment"),
        _letter("r2", "2020-03-15", "response", "company_response", commitments={"amend"}),
        _letter("done", "2020-04-02", "staff", "review_complete"),
    ])
    assert (review.first, review.last, review.closed_by) == ("iri:s1", "iri:done", "iri:done")
    assert review.rounds == 2
    assert review.days_open == 83  # 2020-01-10 to 2020-04-02, a leap year
    assert review.outcome == "amend"


def test_an_open_review_counts_days_to_its_last_letter() -> None:
    review = plan_review([_letter("s1", "2021-05-03", "staff", "sec_comment"),
                          _letter("r1", "2021-05-20", "response", "company_response", commitments={"future"})])
    assert (review.closed_by, review.days_open, review.outcome, review.rounds) == (None, 17, "future", 1)


def test_outcome_unknown_without_answers_and_none_with_explanations_only() -> None:
    assert plan_review([_letter("s1", "2021-05-03", "staff", "sec_comment")]).outcome is None
    assert plan_review([_letter("r1", "2021-05-20", "response", "company_response", commitments={"none"})]).outcome == "none"


def test_rounds_without_letter_types_count_staff_letters() -> None:
    # a store written before letter types: every staff letter is a round
    review = plan_review([_letter("s1", "2019-01-01", "staff"), _letter("s2", "2019-02-01", "staff"),
                          _letter("r1", "2019-01-15", "response")])
    assert review.rounds == 2


def test_office_spellings() -> None:
    from asckg.ingest.reviews import office_name

    assert office_name("Office of Mergers & Acquisitions") == office_name("Office of Mergers and Acquisitions")
    assert office_name("Office of Beverages, Apparel, and") == "Office of Beverages Apparel"
    assert office_name("") is None


def test_filing_and_office_from_headers_else_the_signature() -> None:
    review = plan_review([
        _letter("s1", "2022-01-01", "staff", "sec_comment", signature_office="Office of Manufacturing"),
        _letter("r1", "2022-01-20", "response", "company_response", reference="0000012345-21-000010"),
    ])
    assert (review.filing, review.office) == ("0000012345-21-000010", "Office of Manufacturing")
    review = plan_review([
        _letter("s1", "2022-01-01", "staff", "sec_comment", signature_office="Office of Manufacturing",
                office="Office of Technology", reference="0000012345-21-000011"),
        _letter("r1", "2022-01-20", "response", "company_response", reference="0000012345-21-000010"),
    ])
    assert (review.filing, review.office) == ("0000012345-21-000011", "Office of Technology")


# --- the table ---------------------------------------------------------------------------------


def _row(year: int, letters: int, rounds: int, days: int | None, closed: bool, amend=False, future=False) -> ReviewRow:
    return ReviewRow(f"r{year}{letters}{days}", year, "Example Corp.", letters, rounds, days, "done" if closed else None,
                     None, amend, future, None, None, "10-K")


def test_summary_by_year() -> None:
    rows = [_row(2020, 3, 1, 30, True, future=True), _row(2020, 5, 2, 90, True, amend=True),
            _row(2020, 7, 3, 200, True), _row(2020, 2, 1, 15, False), _row(2021, 3, 1, 40, True)]
    lines = {line.group: line for line in summarize(rows, "year")}
    y = lines["2020"]
    assert (y.reviews, y.letters_per_review, y.closed_share, y.closed_in_1_2_share) == (4, 4.25, 0.75, 0.5)
    assert (y.days_mean, y.days_median) == (106.7, 90.0)  # over the closed reviews only
    assert y.days_p90 == pytest.approx(178.0)  # 90 + 0.8 * (200 - 90)
    assert (y.amend_share, y.future_share) == (0.25, 0.25)
    assert lines["all"].reviews == 5 and lines["2021"].days_median == 40.0
    assert [line.group for line in summarize(rows, "office")] == ["(unknown)", "all"]


# --- a real review, stored ---------------------------------------------------------------------------

THREAD = ["11544_0000000000-17-014278", "11544_0000899140-17-000417", "11544_0000899140-17-000459",
          "11544_0000000000-17-024225"]
STAFF, CLOSING = iris.letter_iri("0000000000-17-014278"), iris.letter_iri("0000000000-17-024225")


@pytest.fixture(scope="module")
def review_store(tmp_path_factory, corpus) -> Path:
    path = tmp_path_factory.mktemp("reviews") / "store"
    env = dict(os.environ, ASCKG_STORE=str(path))
    files = [str(corpus / "letters" / f"{stem}.txt") for stem in THREAD]
    done = subprocess.run([sys.executable, "-m", "asckg", "ingest", *files], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    return path


def _asckg(store: Path, *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "asckg", *args, "--store", str(store)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_review_in_the_graph(review_store: Path) -> None:
    with LetterStore(review_store, read_only=True) as db:
        rows = db.select(f"""PREFIX asckg: <https://w3id.org/asckg/ns#>
            SELECT ?first ?last ?closed ?rounds ?days ?outcome ?type WHERE {{
              <{STAFF}> asckg:partOfConversation ?c ; asckg:letterType ?type .
              ?c asckg:firstLetter ?first ; asckg:lastLetter ?last ; asckg:closedBy ?closed ;
                 asckg:rounds ?rounds ; asckg:daysOpen ?days ; asckg:outcome ?outcome }}""")
        commitments = db.select("""PREFIX asckg: <https://w3id.org/asckg/ns#>
            SELECT DISTINCT ?label WHERE { ?c asckg:commitment ?label }""")
    assert len(rows) == 1
    row = rows[0]
    assert (row["first"], row["last"], row["closed"]) == (str(STAFF), str(CLOSING), str(CLOSING))
    assert (row["type"], row["rounds"], row["days"]) == ("sec_comment", 1, 77)  # 2017-04-25 to 2017-07-11
    assert {r["label"] for r in commitments} <= {"amend", "future", "none"}
    assert row["outcome"] in {r["label"] for r in commitments}


def test_header_terms_reach_the_review(review_store: Path, tmp_path: Path) -> None:
    """The EDGAR header's filing under review and office (written by the EDGAR reader where it
    has them) are read by the planner: put here on a copy of the store by hand."""
    import shutil

    copy = tmp_path / "store"
    shutil.copytree(review_store, copy)
    with LetterStore(copy) as db:
        db.update(f"""PREFIX asckg: <https://w3id.org/asckg/ns#>
            INSERT DATA {{ GRAPH <{STAFF}> {{ <{STAFF}> asckg:publicReferenceAccession "0000011544-17-000008" ;
                                                  asckg:reviewOffice "Office of Financial Services" }} }}""")
        relink(db)
        rows = db.select(f"""PREFIX asckg: <https://w3id.org/asckg/ns#>
            SELECT ?filing ?office WHERE {{ <{STAFF}> asckg:partOfConversation ?c .
              ?c asckg:reviewsFiling ?filing ; asckg:staffOffice ?office }}""")
    assert rows == [{"filing": "0000011544-17-000008", "office": "Office of Financial Services"}]


def test_reviews_command(review_store: Path) -> None:
    lines = json.loads(_asckg(review_store, "reviews", "--by", "year", "--format", "json"))
    assert [line["group"] for line in lines] == ["2017", "all"]
    assert lines[0]["reviews"] == 1 and lines[0]["letters_per_review"] == 4.0
    assert lines[0]["closed_share"] == 1.0 and lines[0]["days_median"] == 77.0
    table = list(csv.reader(io.StringIO(_asckg(review_store, "reviews", "--by", "form", "--format", "csv"))))
    assert table[0][0] == "form" and table[1][0] == "10-K"
    assert "Reviews by office" in _asckg(review_store, "reviews", "--by", "office")


def _query(store: Path, name: str) -> list[dict[str, str]]:
    """A canned query's rows, read from the SPARQL 1.1 JSON results it prints."""
    bindings = json.loads(_asckg(store, "query", name, "--format", "json"))["results"]["bindings"]
    return [{k: v["value"] for k, v in b.items()} for b in bindings]


def test_canned_queries(review_store: Path) -> None:
    reviews, letters, answers = (_query(review_store, name) for name in ("review_table", "letter_table", "comment_answers"))
    assert len(reviews) == 1 and reviews[0]["closedBy"] == "11544_0000000000-17-024225", reviews
    assert {row["letterType"] for row in letters} == {"sec_comment", "company_response", "review_complete"}
    assert len({row["id"] for row in letters}) == 4
    answered = [row for row in answers if row.get("responseId")]
    assert answered and all(row["commitment"] in {"amend", "future", "none"} for row in answered)
    assert {row["number"] for row in answers} == {"1", "2", "3", "4"}


def test_thread_and_show_tell_the_outcome(review_store: Path) -> None:
    text = _asckg(review_store, "thread", "11544_0000000000-17-014278")
    assert "review_complete" in text and "closed by 11544_0000000000-17-024225" in text
    data = json.loads(_asckg(review_store, "thread", "11544_0000899140-17-000417", "--format", "json"))
    response = next(l for conv in data for l in conv["letters"] if l["id"] == "11544_0000899140-17-000417")
    assert response["letter_type"] == "company_response"
    assert all(c["commitment"] for c in response["comments"])
    shown = _asckg(review_store, "show", "11544_0000899140-17-000417")
    assert "company_response" in shown and "commitment" in shown
