"""EDGAR's lists of filings and its submission headers, parsed: real index files, submissions JSON
and headers from ../shared/edgar/samples, and rows written as EDGAR writes them."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from asckg.edgar.indexes import Filing, parse_index, parse_submissions, periods
from asckg.nlp.readers import read_path

from edgar_server import EXAMPLE_DATES, SAMPLES, example_letters, index_row

needs_samples = pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"no EDGAR samples at {SAMPLES}")
DAILY = SAMPLES / "Archives" / "edgar" / "daily-index" / "2020" / "QTR1"
HEAD = ["Form Type   Company Name                                                  CIK         Date Filed  File Name",
        "-" * 141]


@needs_samples
@pytest.mark.parametrize("name, corresp, upload", [
    ("form.20200318.idx", 12, 19),  # counts from ../shared/edgar/README.md
    ("master.20200103.idx", 46, 25),
])
def test_real_daily_indexes(name, corresp, upload):
    with open(DAILY / name, encoding="latin-1") as fh:
        filings, problems = parse_index(fh)
    assert problems == []
    forms = [f.form for f in filings]
    assert (forms.count("CORRESP"), forms.count("UPLOAD")) == (corresp, upload)
    canada_goose = [f for f in filings if f.accession == "0000000000-20-001144"]
    if canada_goose:
        assert canada_goose[0] == Filing("2020-02-05", "0000000000-20-001144", "1690511", "UPLOAD", "Canada Goose Holdings Inc.")


@pytest.mark.parametrize("row, want", [
    (index_row("UPLOAD", "Apple Inc.", "320193", "2024-04-02", "edgar/data/320193/0000000000-24-003505.txt"),
     Filing("2024-04-02", "0000000000-24-003505", "320193", "UPLOAD", "Apple Inc.")),
    # a form type with a space, a company name with runs of spaces, a daily YYYYMMDD date
    (index_row("DEF 14A", "A  B   Holdings", "1234", "20200318", "edgar/data/1234/0001234567-20-000001.txt"),
     Filing("2020-03-18", "0001234567-20-000001", "1234", "DEF 14A", "A B Holdings")),
    # a company name longer than its column pushes the rest right
    (index_row("CORRESP", "X" * 70, "99", "2020-01-02", "edgar/data/99/0000000099-20-000002.txt"),
     Filing("2020-01-02", "0000000099-20-000002", "99", "CORRESP", "X" * 70)),
], ids=["quarterly", "daily-spaces", "long-name"])
def test_form_index_rows(row, want):
    assert parse_index([*HEAD, row]) == ([want], [])


@pytest.mark.parametrize("bad, problem", [
    ("UPLOAD      A Row Cut Short                                               12", "malformed row"),
    (index_row("UPLOAD", "Bad Date", "5", "2024-13-45", "edgar/data/5/0000000000-24-000001.txt"), "malformed date filed"),
    (index_row("UPLOAD", "Other CIK", "5", "2024-01-02", "edgar/data/6/0000000000-24-000001.txt"), "does not match"),
    (index_row("UPLOAD", "Odd File", "5", "2024-01-02", "edgar/data/5/filing.htm"), "malformed file name"),
], ids=["cut", "date", "cik", "file"])
def test_a_malformed_row_is_named_by_its_line_and_the_rest_kept(bad, problem):
    good = index_row("UPLOAD", "Apple Inc.", "320193", "2024-04-02", "edgar/data/320193/0000000000-24-003505.txt")
    filings, problems = parse_index([*HEAD, good, bad, good])
    assert len(filings) == 2
    assert len(problems) == 1 and problems[0].startswith("line 4: ") and problem in problems[0]


def test_a_file_that_is_no_index_is_an_error():
    with pytest.raises(ValueError, match="not an EDGAR index"):
        parse_index(["<html>Access Denied</html>"])


@pytest.mark.parametrize("since, today, first, last, count", [
    (date(2024, 1, 1), date(2024, 1, 1), "2024-01-01", "2024-01-01", 1),
    (date(2024, 2, 10), date(2024, 7, 3), "2024-QTR1", "2024-07-03", 2 + 3),  # two quarters, three weekdays
    (date(2023, 12, 31), date(2024, 1, 6), "2023-QTR4", "2024-01-05", 1 + 5),  # Saturday: no daily index
], ids=["today", "quarters-then-days", "weekend"])
def test_periods(since, today, first, last, count):
    got = periods(since, today)
    assert (got[0].key, got[-1].key, len(got)) == (first, last, count)


@needs_samples
def test_real_submissions_json():
    doc = json.loads((SAMPLES / "submissions" / "CIK0000320193.json").read_text())
    filings, pages = parse_submissions(doc)
    letters = [f for f in filings if f.form in ("UPLOAD", "CORRESP")]
    assert sum(f.form == "UPLOAD" for f in letters) == 5 and sum(f.form == "CORRESP" for f in letters) == 5
    assert Filing("2024-04-02", "0000000000-24-003505", "320193", "UPLOAD", "Apple Inc.") in letters
    assert [p.name for p in pages] == ["CIK0000320193-submissions-001.json"]
    assert pages[0].first < pages[0].last


# -- the submission header's facts ----------------------------------------------------------------
@needs_samples
@pytest.mark.parametrize("rel, want", [
    ("320193/000000000024003505/0000000000-24-003505.txt", {
        "sic_code": "3571", "sic_title": "ELECTRONIC COMPUTERS", "state_of_incorporation": "CA",
        "fiscal_year_end": "0928", "review_office": "Office of Technology", "sec_file_number": "001-36743",
        "public_reference_accession": "0000320193-23-000106", "dissemination_date": "2024-06-14"}),
    ("1875558/000110465926017097/0001104659-26-017097.txt", {  # a response: no file number, no filing under review
        "sic_code": "2834", "sic_title": "PHARMACEUTICAL PREPARATIONS", "state_of_incorporation": "DE",
        "fiscal_year_end": "1231", "review_office": "Office of Life Sciences", "dissemination_date": "2026-03-20"}),
    ("65873/000006587305000060/0000065873-05-000060.txt", {  # 2005, in a PEM envelope, no office
        "sic_code": "4812", "sic_title": "RADIO TELEPHONE COMMUNICATIONS", "state_of_incorporation": "DE",
        "fiscal_year_end": "1231", "dissemination_date": "2006-05-01"}),
], ids=["apple-upload", "nuvectis-corresp", "alltel-2005"])
def test_real_headers_give_the_company_and_review_facts(rel, want):
    letters = read_path(SAMPLES / "Archives" / "edgar" / "data" / rel)
    keys = ("sic_code", "sic_title", "state_of_incorporation", "fiscal_year_end", "review_office",
            "sec_file_number", "public_reference_accession", "dissemination_date")
    for letter in letters:
        assert {k: letter.meta[k] for k in keys if k in letter.meta} == want


def test_header_facts_become_graph_terms(tmp_path: Path):
    from rdflib.namespace import XSD

    from asckg.graph.model.build import build_letter
    from asckg.graph.model.namespace import ASCKG
    from asckg.nlp.record import LetterRecord, content_hash

    nrg = next(x for x in example_letters() if x.cik == "1013871")
    path = tmp_path / nrg.filename
    path.write_bytes(nrg.body)
    [letter] = read_path(path)
    record = LetterRecord(letter.id, letter.path, letter.fmt, letter.text, content_hash(letter.text), meta=letter.meta)
    built = build_letter(record)
    quads = built.letter
    facts = {(str(q.subject.value), str(q.predicate.value)): q.object for q in quads}
    company = next(s for (s, p), o in facts.items() if p == str(ASCKG.cik))
    letter_iri = built.iri
    assert facts[(company, str(ASCKG.sicCode))].value == "4911"
    assert facts[(company, str(ASCKG.sicTitle))].value == "ELECTRIC SERVICES"
    assert facts[(company, str(ASCKG.stateOfIncorporation))].value == "DE"
    assert facts[(company, str(ASCKG.fiscalYearEnd))].value == "1231"
    assert facts[(letter_iri, str(ASCKG.reviewOffice))].value == "Office of Energy & Transportation"
    assert facts[(letter_iri, str(ASCKG.secFileNumber))].value == "001-15891"
    assert facts[(letter_iri, str(ASCKG.publicReferenceAccession))].value == "0001013871-16-000053"
    released = facts[(letter_iri, str(ASCKG.disseminationDate))]
    assert (released.value, released.datatype.value) == ("2016-08-01", str(XSD.date))
    assert EXAMPLE_DATES[nrg.filename[:-4]] == "2016-06-22"  # filed; released 40 days later


@needs_samples
def test_rows_of_other_forms_are_passed_over():
    with open(DAILY / "form.20200318.idx", encoding="latin-1") as fh:
        every, _ = parse_index(fh)
    with open(DAILY / "form.20200318.idx", encoding="latin-1") as fh:
        letters, problems = parse_index(fh, frozenset({"UPLOAD", "CORRESP"}))
    assert problems == [] and letters == [f for f in every if f.form in ("UPLOAD", "CORRESP")] and len(letters) == 31
