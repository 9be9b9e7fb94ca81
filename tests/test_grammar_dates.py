"""Dates in letters (``asckg.nlp.grammar.dates``): written dates, and the date printed on the letter.

Sentences are from the corpus (staff letters quoted; responses only in short fragments), the id of
the letter in each case id. Gold-based tests use ../shared/corpus and skip where it is absent.
"""

from __future__ import annotations

import json

import pytest

from asckg.nlp.grammar import dates
from asckg.nlp.grammar.dates import find, letter_date, parse_date
from conftest import assert_linear, letter_text


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        pytest.param("December 19, 2011", "2011-12-19", id="000_1ae12daddb492283-dateline"),
        pytest.param("DECEMBER 19, 2011", "2011-12-19", id="upper-case"),
        pytest.param("Dec. 19, 2011", "2011-12-19", id="abbreviated-with-dot"),
        pytest.param("Sept. 3, 2015", "2015-09-03", id="sept-abbreviation"),
        pytest.param("19 December 2011", "2011-12-19", id="day-month-year"),
        pytest.param("2 September 2016", "2016-09-02", id="day-month-year-one-digit"),
        pytest.param("12/19/2011", "2011-12-19", id="us-numeric"),
        pytest.param("12/31/16", "2016-12-31", id="us-numeric-two-digit-year"),
        pytest.param("2011-12-19", "2011-12-19", id="iso"),
        pytest.param("December 19,\n2011", "2011-12-19", id="line-break-before-year"),
        # 1013786_0001140361-07-021661 (excerpt) begins "November\n13, 2007".
        pytest.param("November\n13, 2007", "2007-11-13", id="1013786-line-break-after-month"),
        # 1037540_0001656423-24-000052: html2text broke the year itself.
        pytest.param("September 9, 2\n024", "2024-09-09", id="1037540-broken-year"),
        pytest.param("March 18th, 2011", "2011-03-18", id="ordinal-day"),
    ],
)
def test_parse_date(written: str, iso: str) -> None:
    assert parse_date(written) == iso


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("fiscal 2011", id="year-only"),
        pytest.param("May 2016", id="month-year-no-day"),
        pytest.param("February 30, 2011", id="not-a-calendar-day"),
        # 92230_0000000000-19-006560: a pdftotext running header garbled to "April 34, 2019".
        pytest.param("April 34, 2019", id="92230-garbled-header"),
        pytest.param("0001193125-16-685168", id="accession-number"),
        pytest.param("333-210102", id="file-number"),
        pytest.param("(202) 551-3739", id="phone-number"),
        pytest.param("December 19, 2011 and more", id="trailing-words"),
    ],
)
def test_parse_date_rejects(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            # 000_1ae12daddb492283 (staff letter, 2011)
            "We have reviewed your letter dated November 2, 2011 in connection with the above-referenced "
            "filings and have the following comments.",
            ["2011-11-02"],
            id="000_1ae12daddb492283-prior-letter",
        ),
        pytest.param(
            # 1013871_0000000000-18-022533 Re: block (staff letter)
            "Form 10-K for the Fiscal Year Ended December 31, 2017\nFiled March 1, 2018\nFile No. 1-15891",
            ["2017-12-31", "2018-03-01"],
            id="1013871-re-block-period-and-filed",
        ),
        pytest.param(
            # 1493006_0001065407-10-000352 (response, short fragment)
            "is reflected in the table at March 31, 2010 and only affects the allocation",
            ["2010-03-31"],
            id="1493006-date-in-sentence",
        ),
        pytest.param(
            "Please contact Ryan Rohn at (202) 551-3739; accession 0001193125-16-685168.",
            [],
            id="phone-and-accession-are-no-dates",
        ),
    ],
)
def test_find(text: str, expected: list[str]) -> None:
    mentions = find(text)
    assert [m.refs[0] for m in mentions] == expected
    for m in mentions:
        assert m.kind == "date"
        assert text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        pytest.param(
            # 1013871_0000000000-18-022533 (staff letter): dateline under "Mail Stop".
            "Mail Stop 3561\n\nJuly 23, 2018\nNRG Energy, Inc.\nKirkland B. Andrews\nChief Financial Officer\n"
            "Re:\n\nNRG Energy, Inc.\nForm 10-K for the Fiscal Year Ended December 31, 2017\n"
            "Filed March 1, 2018\nFile No. 1-15891\n\nDear Mr. Andrews:\nWe have limited our review",
            "2018-07-23",
            id="1013871-staff-dateline",
        ),
        pytest.param(
            # 1811074_0000000000-20-005339 (staff letter): logo line, then the date.
            "United States securities and exchange commission logo\n\nJune 16, 2020\nTyler Glover\n"
            "Re: Texas Pacific Land Corporatino\nDraft Registration Statement on Form 10\nSubmitted May 20, 2020\n"
            "CIK 0001811074\n\nDear Mr. Glover:",
            "2020-06-16",
            id="1811074-logo-then-date",
        ),
        pytest.param(
            # 1754301_9999999997-19-000126: an order, no salutation.
            "UNITED STATES OF AMERICA\nBEFORE THE\nSECURITIES AND EXCHANGE COMMISSION\nFebruary 5, 2019\n"
            "___________________________________\nIn the Matter of\nFox Corporation\n",
            "2019-02-05",
            id="1754301-order-no-salutation",
        ),
        pytest.param(
            # 1701605_0001193125-17-185516 (response head): "Acceleration" ends in "on" but is no "on".
            "CORRESP\n\n1\n\nfilename1.htm\n\nRequest for Acceleration\n\nMay 26, 2017\n\nVIA EDGAR AND COURIER\n"
            "Re:\n\nBear Newco, Inc.\n\nDear Mr. Schwall:",
            "2017-05-26",
            id="1701605-title-word-ending-in-on",
        ),
        pytest.param(
            # 1386198_0001193125-10-150358 (excerpt head): date inside an html2text table row.
            "June 29, 2010 | Robert W. Sweet, Jr. Boston Office |\nUnited States Securities and Exchange "
            "Commission\nRe: | MEMSIC, Inc.; Annual Report on Form 10-K for the Year Ended |\nDecember 31, 2009, "
            "Filed March 31, 2010\nDear Mr. Jaramillo:",
            "2010-06-29",
            id="1386198-table-row",
        ),
        pytest.param(
            # 868271_0000868271-08-000038 (excerpt starting mid-letter): only mentioned dates.
            "|\n|\nYour letter dated August 28, 2008 regarding\n|\n|\nFile No. 000-49731\n|\n1.\n|\n"
            "We note that your recorded investment in impaired loans increased from approximately $18.0 million "
            "at December 31, 2007 to $42.4 million at June 30, 2008",
            None,
            id="868271-no-dateline",
        ),
        pytest.param(
            # 936395_0001193125-17-228629 (response): no dateline at the head, only the running header.
            "CORRESP\n\nMr. Nicholas Panos\n\nRe:\n\nCiena Corporation\n\nFiled June 30, 2017\n\nDear Mr. Panos:\n\n"
            "This letter is in response to the staff's comments.\n\nSecurities and Exchange Commission\n\n"
            "July 14, 2017\n\nPage\n2\n",
            "2017-07-14",
            id="936395-running-header-only",
        ),
    ],
)
def test_letter_date(head: str, expected: str | None) -> None:
    assert letter_date(head) == expected


@pytest.mark.parametrize(
    "hostile",
    [
        pytest.param("December 19, " * 80_000, id="months-without-years"),
        pytest.param("333-\n" * 200_000, id="dash-line-breaks"),
        pytest.param("1/" * 500_000, id="slashes"),
        pytest.param("ASC 606-10-" * 100_000, id="asc-prefixes"),
        pytest.param("May \n" * 200_000, id="may-line-breaks"),
    ],
)
def test_linear_time(hostile: str) -> None:
    assert_linear(find, hostile, label="find")
    assert_linear(letter_date, hostile, label="letter_date")


@pytest.mark.corpus
def test_letter_date_gold(corpus) -> None:
    """letter_date matches the gold exactly (null included) for at least 97% of the gold letters."""
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((corpus / "gold").glob("*.json"))]
    wrong = [(g["id"], g["letter_date"], letter_date(letter_text(corpus, g["id"]))) for g in golds]
    wrong = [w for w in wrong if w[1] != w[2]]
    assert 1 - len(wrong) / len(golds) >= 0.97, wrong


@pytest.mark.corpus
def test_find_spans_hold_on_corpus(corpus) -> None:
    """Every mention's text is its span of the source, and its ref is what parse_date reads from it."""
    for path in sorted((corpus / "letters").glob("*.txt"))[:200]:
        text = path.read_text(encoding="utf-8")
        for m in dates.find(text):
            assert text[m.start : m.end] == m.text
            assert parse_date(m.text) == m.refs[0], (path.name, m.text)
