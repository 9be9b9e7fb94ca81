"""``asckg show`` and ``asckg thread``: the library views and the commands, on real stores.

Stores are built by the real ``ingest`` command from examples/letters (six staff letters) and,
with the corpus, from the four W. R. Berkley letters: staff letter 11544_0000000000-17-014278
(2017-04-25, four comments), the response 11544_0000899140-17-000417 (2017-05-18) answering
comments 1-4, a second response (2017-06-23) and the staff letter closing the review
(2017-07-11). Expected values were read from the letters themselves.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from asckg.graph.ask.letters import (AmbiguousCompany, LetterNotFound, dump_thread, excerpt, group_conversations,
                                 letter_view, shorten, thread)
from asckg.graph.store import LetterStore
from queries_support import examples_store  # noqa: F401  (fixture: the example letters, ingested once)

STAFF = "11544_0000000000-17-014278"
RESPONSE = "11544_0000899140-17-000417"
HEADINGS_STAFF = ["Notes to Consolidated Financial Statements",
                  "Note (14) Reserves for Losses and Loss Expenses, page 73"]

# A made-up staff letter whose comments hold Rich markup and emoji codes: show must print them as written.
SYNTHETIC = """Mail Stop 4546
March 3, 2019
Ms. Jane Example
Chief Financial Officer
Example Widgets Inc.
1 Main Street
Springfield, Illinois 62701
Re:

Example Widgets Inc.
Form 10-K for the Fiscal Year Ended December 31, 2018
Filed February 15, 2019
File No. 001-99999

Dear Ms. Example:
We have reviewed your filing and have the following comments.
Notes to Financial Statements
Revenue, page 40
1. Please tell us how [bold red]bracketed words[/bold red] in your note comply with ASC 606-10-50-12.
2. Please explain the [link=http://example.com]link[/link] on page 41 and the :date: code.
You may contact John Sample, Staff Accountant, at (202) 551-0000 if you have questions.
Sincerely,
/s/ Pat Reviewer
Pat Reviewer
Branch Chief
Office of Manufacturing
"""


def run_asckg(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"FORCE_COLOR", "TTY_COMPATIBLE"}}
    env["COLUMNS"] = "100"
    return subprocess.run([sys.executable, "-m", "asckg", *args], capture_output=True, text=True,
                          timeout=600, env=env)


def ingest(store: Path, *paths: Path) -> Path:
    done = run_asckg("ingest", *map(str, paths), "--store", str(store))
    assert done.returncode == 0, done.stderr
    return store


@pytest.fixture(scope="module")
def berkley_store(tmp_path_factory, corpus) -> Path:
    letters = sorted((corpus / "letters").glob("11544_*.txt"))
    return ingest(tmp_path_factory.mktemp("berkley") / "store", *letters)


# ---------------------------------------------------------------- show, library
def test_staff_letter_view(examples_store):
    with LetterStore(examples_store, read_only=True) as db:
        view = letter_view(db, STAFF)
    assert (view.kind, view.date, view.company, view.cik) == ("staff", "2017-04-25", "W. R. Berkley Corporation", "11544")
    assert [(p.name, p.title) for p in view.addressees] == [("W. Robert Berkley Jr.", "Chief Executive Officer and President")]
    assert [(p.name, p.title, p.office) for p in view.signers] == [
        ("Jim B. Rosenberg", "Senior Assistant Chief Accountant", "Office of Healthcare and Insurance")]
    assert [(p.name, p.title) for p in view.staff_contacts] == [
        ("Bonnie Baynes", "Staff Accountant"), ("Mark Brunhofer", "Senior Staff Accountant")]
    assert [(f.form, f.period_end, f.filed, f.file_number) for f in view.filings] == [
        ("10-K", "2016-12-31", ["2017-02-28"], "001-15202")]
    assert [c.number for c in view.comments] == [1, 2, 3, 4]
    first = view.comments[0]
    assert first.heading_path == HEADINGS_STAFF and first.page_reference == "73"
    assert first.text.startswith("Please tell us whether the incurred but not reported (IBNR) liabilities")
    assert [(c.text, c.refs) for c in first.citations] == [("ASC 944-40-50-4Da", ["944-40-50-4D"])]
    # "ASC 944-4050-4F" as printed in the letter, read as 944-40-50-4F
    assert [(c.text, c.refs) for c in view.comments[1].citations] == [("ASC 944-4050-4F", ["944-40-50-4F"])]
    assert all(not c.answered_by for c in view.comments)  # no response in this store


@pytest.mark.parametrize("key", [STAFF, "0000000000-17-014278", f"{STAFF}.txt", f"  {STAFF} "],
                         ids=["letter-id", "accession", "file-name", "spaces"])
def test_letter_found_by_id_or_accession(examples_store, key):
    with LetterStore(examples_store, read_only=True) as db:
        assert letter_view(db, key).id == STAFF


def test_unknown_letter(examples_store):
    with LetterStore(examples_store, read_only=True) as db, pytest.raises(LetterNotFound, match="no stored letter"):
        letter_view(db, "11544_0000000000-17-999999")


# ---------------------------------------------------------------- show, command
def test_show_text(examples_store):
    done = run_asckg("show", STAFF, "--store", str(examples_store))
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith(f"{STAFF}  staff letter  2017-04-25  [sec_comment]\n")
    assert "W. R. Berkley Corporation (CIK 11544)" in out
    assert "Bonnie Baynes, Staff Accountant" in out
    assert "Form 10-K for the period ended 2016-12-31, filed 2017-02-28 (File No. 001-15202)" in out
    assert "Comment 1  Notes to Consolidated Financial Statements > Note (14) Reserves for Losses" in out
    assert "Cites: ASC 944-40-50-4Da -> 944-40-50-4D" in out
    # The private-use bullets of comment 3 become one sub-point per line.
    assert "\n  • Tell us why it is appropriate to exclude these businesses" in out
    assert "\uf0b7" not in out
    assert all(line == line.rstrip() for line in out.splitlines())
    assert out.index("Comment 1") < out.index("Comment 2") < out.index("Comment 3") < out.index("Comment 4")


def test_show_json(examples_store):
    done = run_asckg("show", "0000000000-17-014278", "--store", str(examples_store), "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["id"] == STAFF and data["kind"] == "staff"
    assert [c["number"] for c in data["comments"]] == [1, 2, 3, 4]
    assert data["comments"][0]["heading_path"] == HEADINGS_STAFF
    assert data["comments"][0]["citations"][0]["refs"] == ["944-40-50-4D"]
    assert set(data["comments"][0]) >= {"answered_by", "answers", "page_reference", "text"}


def test_show_unknown_letter_is_one_line(examples_store):
    done = run_asckg("show", "no-such-letter", "--store", str(examples_store))
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.strip().splitlines() == ["error: no stored letter has the id or accession number 'no-such-letter'"]


def test_show_prints_markup_as_written(tmp_path):
    letters = tmp_path / "letters"
    letters.mkdir()
    (letters / "99999_0000000000-99-000001.txt").write_text(SYNTHETIC, encoding="utf-8")
    store = ingest(tmp_path / "store", letters)
    done = run_asckg("show", "99999_0000000000-99-000001", "--store", str(store))
    assert done.returncode == 0, done.stderr
    words = " ".join(done.stdout.split())
    assert "[bold red]bracketed words[/bold red]" in words
    assert "[link=http://example.com]link[/link]" in words
    assert "the :date: code" in words


# ---------------------------------------------------------------- thread
def test_thread_of_a_lone_letter(examples_store):
    with LetterStore(examples_store, read_only=True) as db:
        letters = thread(db, STAFF)
    assert [(l.id, l.kind, l.date, l.days_since_previous) for l in letters] == [(STAFF, "staff", "2017-04-25", None)]
    assert [c.number for c in letters[0].comments] == [1, 2, 3, 4]
    assert letters[0].comments[0].excerpt.startswith("Please tell us whether the incurred")


@pytest.mark.parametrize("query", ["w. r. berkley", "BERKLEY", "11544", "0000011544"],
                         ids=["name-any-case", "upper-case", "cik", "cik-zero-padded"])
def test_thread_by_company(examples_store, query):
    with LetterStore(examples_store, read_only=True) as db:
        letters = thread(db, query)
    assert [l.id for l in letters] == [STAFF]


def test_ambiguous_company(examples_store):
    # "Inc." ends three names: NRG Energy, Tyler Technologies, Interactive Intelligence Group.
    with LetterStore(examples_store, read_only=True) as db, pytest.raises(AmbiguousCompany) as caught:
        thread(db, "inc.")
    assert [name for name, _ in caught.value.matches] == [
        "Interactive Intelligence Group, Inc.", "NRG Energy, Inc.", "Tyler Technologies, Inc."]
    done = run_asckg("thread", "inc.", "--store", str(examples_store))
    assert done.returncode == 2
    assert "matches 3 companies" in done.stderr and "NRG Energy, Inc. (CIK 1013871)" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_thread_unknown(examples_store):
    done = run_asckg("thread", "no such company", "--store", str(examples_store))
    assert done.returncode == 1
    assert "no stored letter or company matches 'no such company'" in done.stderr


@pytest.mark.parametrize(("text", "limit", "expected"), [
    ("Please tell us whether the liabilities include expected development.", 30, "Please tell us whether the…"),
    ("Refer to ASC 944-40-50-4H.", 160, "Refer to ASC 944-40-50-4H."),
], ids=["cut-at-word", "short-kept"])
def test_excerpt(text, limit, expected):
    assert excerpt(text, limit) == expected


def test_shorten_keeps_whole_sentences():
    text = ("Please tell us the types of contracts included in your tables. " * 20).strip()
    short = shorten(text, 200)
    assert short.endswith("tables. …") and len(short) <= 205


# ---------------------------------------------------------------- the W. R. Berkley pair (corpus)
@pytest.mark.corpus
def test_staff_comments_with_their_answers(berkley_store):
    with LetterStore(berkley_store, read_only=True) as db:
        view = letter_view(db, STAFF)
    assert [c.number for c in view.comments] == [1, 2, 3, 4]
    for comment in view.comments:
        assert [(a.letter_id, a.letter_date, a.number) for a in comment.answered_by] == [
            (RESPONSE, "2017-05-18", comment.number)]
    assert view.comments[0].answered_by[0].text.startswith("The IBNR liabilities included")


@pytest.mark.corpus
def test_response_view(berkley_store):
    with LetterStore(berkley_store, read_only=True) as db:
        view = letter_view(db, RESPONSE)
    assert (view.kind, view.date, view.replies_to.id, view.replies_to.date) == ("response", "2017-05-18", STAFF, "2017-04-25")
    assert [c.number for c in view.comments] == [1, 2, 3, 4]
    first = view.comments[0]
    assert first.heading_path == ["Notes to the Consolidated Financial Statements",
                                  "(14) Reserves for Losses and Loss Expenses, page 73"]
    assert [(a.letter_id, a.number) for a in first.answers] == [(STAFF, 1)]
    assert first.answers[0].text.startswith("Please tell us whether the incurred but not reported")
    assert first.response_text.startswith("The IBNR liabilities included")
    assert [c.refs for c in view.comments[3].citations] == [["944-40-50-4H"], ["944-40-50-4H"]]


@pytest.mark.corpus
def test_show_staff_letter_with_answers(berkley_store):
    done = run_asckg("show", STAFF, "--store", str(berkley_store))
    assert done.returncode == 0, done.stderr
    for number in (1, 2, 3, 4):
        assert f"Answered in {RESPONSE} (2017-05-18), comment {number}:" in done.stdout
    done = run_asckg("show", RESPONSE, "--store", str(berkley_store))
    assert done.returncode == 0, done.stderr
    assert f"Answers {STAFF} (2017-04-25), comment 1:" in done.stdout
    assert "Replies to" in done.stdout and "Response:" in done.stdout


@pytest.mark.corpus
def test_berkley_thread(berkley_store):
    with LetterStore(berkley_store, read_only=True) as db:
        by_company = thread(db, "W. R. Berkley")
        by_letter = thread(db, RESPONSE)
    conversations = group_conversations(by_company)
    assert [[(l.id, l.kind, l.date, l.days_since_previous) for l in members] for _, members in conversations] == [
        [(STAFF, "staff", "2017-04-25", None),
         (RESPONSE, "response", "2017-05-18", 23),
         ("11544_0000899140-17-000459", "response", "2017-06-23", 36),
         # "We have completed our review" quotes no date: it closes the company's latest review
         ("11544_0000000000-17-024225", "staff", "2017-07-11", 18)],
    ]
    assert [l.id for l in by_letter] == [l.id for l in conversations[0][1]]
    staff = by_company[0]
    assert [(c.number, [(a.letter_id, a.number) for a in c.answered_by]) for c in staff.comments] == [
        (n, [(RESPONSE, n)]) for n in (1, 2, 3, 4)]
    response = by_company[1]
    assert [[(a.letter_id, a.number) for a in c.answers] for c in response.comments] == [[(STAFF, n)] for n in (1, 2, 3, 4)]
    dumped = dump_thread(by_company)
    assert [(c["conversation"], c["first_date"], c["last_date"]) for c in dumped] == [(STAFF, "2017-04-25", "2017-07-11")]


@pytest.mark.corpus
def test_thread_command(berkley_store):
    done = run_asckg("thread", "berkley", "--store", str(berkley_store))
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "2017-05-18  Response  11544_0000899140-17-000417  [company_response]  +23 days" in out
    assert f"-> {RESPONSE} #1 [future]: The IBNR liabilities included" in out
    assert f"answers comments 1, 2, 3, 4 of {STAFF}" in out
    heads = ["2017-04-25  Staff letter", "2017-05-18  Response", "2017-06-23  Response", "2017-07-11  Staff letter"]
    assert [out.index(h) for h in heads] == sorted(out.index(h) for h in heads)
    done = run_asckg("thread", STAFF, "--store", str(berkley_store), "--format", "json")
    data = json.loads(done.stdout)
    assert [l["id"] for l in data[0]["letters"]] == [STAFF, RESPONSE, "11544_0000899140-17-000459",
                                                      "11544_0000000000-17-024225"]
    assert data[0]["letters"][1]["days_since_previous"] == 23
