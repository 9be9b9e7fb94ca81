"""`asckg topics --by industry|office|form`: the change column, on a store written by hand so that
every expected change is a fraction worked out below.

Two review offices, each with its companies' SIC division and the form under review, so that the
three groupings split the letters the same way:

    office A (SIC 3674 Manufacturing, 10-K)          office B (SIC 6022 Finance..., S-1)
    L10 2022-12-31  740                              L8  2022-06-01  606
    L1  2023-02-01  606                              L7  2024-05-01  606
    L2  2023-04-01  740
    L3  2023-06-01  S-K 303
    L4  2023-08-01  606, 740
    L9  2024-02-28  350
    L5  2024-03-10  606
    L6  2024-09-20  S-K 303, 350

The latest year is 2024 (leap), compared with 2023 by months: L10 (the last day of 2022) must stay
out, though 366 days before 2024-01-01 is 2022-12-31.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from fractions import Fraction as F

import pyoxigraph as ox
import pytest

from asckg.graph.ask.topics import Window, topic_table, window_before
from asckg.graph.store import LetterStore

NS = "https://w3id.org/asckg/ns#"
ID = "https://w3id.org/asckg/id/"
OFFICES = {"A": ("Office of Manufacturing", "3674", "Manufacturing", "10-K"),
           "B": ("Office of Finance", "6022", "Finance, Insurance and Real Estate", "S-1")}
LETTERS = {  # name: (office, date, {comment number: [codes]})
    "L10": ("A", "2022-12-31", {1: ["740"]}),
    "L1": ("A", "2023-02-01", {1: ["606"]}),
    "L2": ("A", "2023-04-01", {1: ["740"]}),
    "L3": ("A", "2023-06-01", {1: ["S-K 303"]}),
    "L4": ("A", "2023-08-01", {1: ["606"], 2: ["740"]}),
    "L9": ("A", "2024-02-28", {1: ["350"]}),
    "L5": ("A", "2024-03-10", {1: ["606"], 2: []}),
    "L6": ("A", "2024-09-20", {1: ["S-K 303", "350"]}),
    "L8": ("B", "2022-06-01", {1: ["606"]}),
    "L7": ("B", "2024-05-01", {1: ["606"]}),
}


def _node(code: str) -> str:
    return ID + ("asc/" + code if code.isdigit() else "rule/" + code.replace(" ", "%20"))


def _quads() -> list[ox.Quad]:
    n = lambda local: ox.NamedNode(NS + local)  # noqa: E731
    out = []
    for name, (office, day, comments) in LETTERS.items():
        letter = ox.NamedNode(ID + "letter/" + name)
        company = ox.NamedNode(ID + "company/" + office + name)  # a company per letter
        filing = ox.NamedNode(ID + "filing/" + name)
        form = ox.NamedNode(ID + "form/" + OFFICES[office][3])

        def add(s, p, o, _g=letter):
            out.append(ox.Quad(s, p, o, _g))

        add(letter, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), n("StaffLetter"))
        add(letter, ox.NamedNode("http://purl.org/dc/terms/date"),
            ox.Literal(day, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")))
        add(letter, n("aboutCompany"), company)
        add(company, n("sicCode"), ox.Literal(OFFICES[office][1]))
        add(letter, n("reviewOffice"), ox.Literal(OFFICES[office][0]))
        add(letter, n("reviews"), filing)
        add(filing, n("formType"), form)
        add(form, ox.NamedNode("http://www.w3.org/2004/02/skos/core#notation"), ox.Literal(OFFICES[office][3]))
        for number, codes in comments.items():
            comment = ox.NamedNode(f"{ID}letter/{name}/comment/{number}")
            add(letter, n("hasComment"), comment)
            add(comment, n("commentNumber"), ox.Literal(str(number), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
            for code in codes:
                node = ox.NamedNode(_node(code))
                a = ox.NamedNode(f"{comment.value}/about/{code.replace(' ', '_')}")
                add(comment, n("about"), node)
                add(comment, n("topicAssignment"), a)
                add(a, n("topic"), node)
                add(a, n("score"), ox.Literal("0.9", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")))
                add(a, n("decidedBy"), ox.Literal("model"))
                add(node, ox.NamedNode("http://www.w3.org/2004/02/skos/core#notation"), ox.Literal(code))
    return out


@pytest.fixture(scope="module")
def hand_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("change") / "store"
    with LetterStore(path) as db:
        db.add_quads(_quads())
    return path


@pytest.fixture(scope="module")
def db(hand_store):
    with LetterStore(hand_store, read_only=True) as store:
        yield store


def _run(store, *args) -> subprocess.CompletedProcess:
    env = dict(os.environ, ASCKG_STORE=str(store))
    return subprocess.run([sys.executable, "-m", "asckg", "topics", *args], capture_output=True, text=True, env=env)


def _changes(rows: list[dict]) -> dict[tuple[str, str], tuple[float, float | None]]:
    return {(r["group"], r["topic"]): (r["share_of_letters"], r["change"]) for r in rows}


def _expect(pairs: dict[tuple[str, str], tuple[F, F | None]]) -> dict[tuple[str, str], tuple[float, float | None]]:
    return {k: (round(float(s), 4), None if c is None else round(float(c), 4)) for k, (s, c) in pairs.items()}


# Office A in 2024: L9, L5, L6 (3 letters); in 2023: L1-L4 (4 letters). Office B in 2024: L7; in 2023: none.
LATEST_YEAR = {
    ("A", "350"): (F(2, 3), F(2, 3) - 0),                # L9, L6; none in 2023
    ("A", "606"): (F(1, 3), F(1, 3) - F(2, 4)),          # L5; L1, L4
    ("A", "S-K 303"): (F(1, 3), F(1, 3) - F(1, 4)),      # L6; L3
    ("B", "606"): (F(1, 1), None),                       # L7; office B has no letters in 2023
}
# 2023-2024 (24 months) against 2021-2022: A has L1-L6, L9 (7) against L10 (1); B has L7 against L8.
TWO_YEARS = {
    ("A", "606"): (F(3, 7), F(3, 7) - 0),                # L1, L4, L5
    ("A", "350"): (F(2, 7), F(2, 7) - 0),                # L9, L6
    ("A", "740"): (F(2, 7), F(2, 7) - F(1, 1)),          # L2, L4; L10
    ("A", "S-K 303"): (F(2, 7), F(2, 7) - 0),            # L3, L6
    ("B", "606"): (F(1, 1), F(1, 1) - F(1, 1)),          # L7; L8
}


@pytest.mark.parametrize("by", ["office", "industry", "form"])
def test_the_default_window_is_the_latest_year_against_the_year_before(hand_store, by):
    index = {"office": 0, "industry": 2, "form": 3}[by]
    done = _run(hand_store, "--by", by, "--format", "json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    want = {(OFFICES[o][index], code): v for (o, code), v in _expect(LATEST_YEAR).items()}
    assert _changes(rows) == want
    assert {(r["since"], r["until"], r["prior_since"], r["prior_until"]) for r in rows} == {
        ("2024-01-01", "2024-12-31", "2023-01-01", "2023-12-31")}


def test_a_window_of_years_is_compared_with_as_many_years_before(hand_store):
    rows = json.loads(_run(hand_store, "--by", "office", "--since", "2023", "--until", "2024", "--format", "json").stdout)
    assert _changes(rows) == {(OFFICES[o][0], code): v for (o, code), v in _expect(TWO_YEARS).items()}
    assert {(r["prior_since"], r["prior_until"]) for r in rows} == {("2021-01-01", "2022-12-31")}


def test_a_half_year_and_a_window_of_days(db):
    # 2024-07-01..2024-12-31 against 2024-01-01..2024-06-30: office A has L6 against L9, L5; B nothing now.
    rows = [r.dump() for r in topic_table(db, "office", 10, "2024-07-01", "2024-12-31")]
    assert _changes(rows) == {(OFFICES["A"][0], code): v for code, v in _expect({
        "350": (F(1, 1), F(1, 1) - F(1, 2)), "S-K 303": (F(1, 1), F(1, 1) - 0)}).items()}
    # ten days, 2024-03-05..14, against the ten before, 2024-02-24..2024-03-04: L5 (606) against L9 (350)
    rows = [r.dump() for r in topic_table(db, "office", 10, "2024-03-05", "2024-03-14")]
    assert _changes(rows) == {(OFFICES["A"][0], "606"): (1.0, 1.0)}
    assert (rows[0]["prior_since"], rows[0]["prior_until"]) == ("2024-02-24", "2024-03-04")


def test_since_alone_runs_to_the_end_of_the_latest_year(hand_store):
    rows = json.loads(_run(hand_store, "--by", "office", "--since", "2023", "--format", "json").stdout)
    assert _changes(rows) == {(OFFICES[o][0], code): v for (o, code), v in _expect(TWO_YEARS).items()}


def test_until_alone_starts_at_the_earliest_year_and_has_nothing_before(hand_store):
    rows = json.loads(_run(hand_store, "--by", "office", "--until", "2023", "--format", "json").stdout)
    assert rows and all(r["change"] is None for r in rows)
    assert {(r["since"], r["until"]) for r in rows} == {("2022-01-01", "2023-12-31")}


def test_the_table_prints_the_change_and_names_both_windows(hand_store):
    done = subprocess.run([sys.executable, "-m", "asckg", "topics", "--by", "office"], capture_output=True, text=True,
                          env=dict(os.environ, ASCKG_STORE=str(hand_store), COLUMNS="200"))
    assert done.returncode == 0, done.stderr
    line = next(li for li in done.stdout.splitlines() if " 350 " in li)
    assert "67%" in line and "+67 pts" in line
    assert "letters dated 2024-01-01 to 2024-12-31" in done.stderr and "2023-01-01 to 2023-12-31" in done.stderr


def test_by_year_is_unchanged(hand_store):
    rows = json.loads(_run(hand_store, "--by", "year", "--format", "json").stdout)
    got = _changes(rows)
    # 2024: L9, L5, L6, L7 (4 letters); 2023: L1-L4 (4)
    assert got[("2024", "606")] == (0.5, 0.0) and got[("2024", "350")] == (0.5, 0.5)
    assert got[("2023", "740")] == (0.5, round(0.5 - 0.5, 4))  # 2022: L10, L8; 740 in L10
    assert all("since" not in r for r in rows)


@pytest.mark.parametrize("window,before", [
    (("2024-01-01", "2024-12-31"), ("2023-01-01", "2023-12-31")),
    (("2024-03-01", "2024-03-31"), ("2024-02-01", "2024-02-29")),
    (("2024-01-01", "2024-03-31"), ("2023-10-01", "2023-12-31")),
    (("2023-01-01", "2024-12-31"), ("2021-01-01", "2022-12-31")),
    (("2024-03-05", "2024-03-14"), ("2024-02-24", "2024-03-04")),
    (("2024-01-15", "2025-01-14"), ("2023-01-14", "2024-01-14")),  # 366 days, by days
])
def test_window_before(window, before):
    got = window_before(Window(*window))
    assert (got.since, got.until) == before
    span = (date.fromisoformat(got.until) - date.fromisoformat(window[0])).days
    assert span == -1  # it ends the day before the window starts


def test_since_after_until_is_refused(hand_store):
    done = _run(hand_store, "--by", "office", "--since", "2024", "--until", "2023")
    assert done.returncode == 2 and "after --until" in done.stderr
