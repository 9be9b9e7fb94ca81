"""Letter anatomy (issue 3): tables of real passages, whole letters, and the bars on the gold.

Staff letters (accession 0000000000-) are quoted freely; responses only in short sentences.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from asckg.nlp.anatomy import meta_from_id, parse_letter
from asckg.nlp.anatomy.header import filings, letter_kind, re_block
from asckg.nlp.anatomy.people import signers, staff_contacts
from asckg.nlp.anatomy.priors import prior_comments, prior_letters
from asckg.nlp.anatomy.text import person_name

# --- names -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, name",
    [
        ("Mr. Stephen R. Head Chief Financial Officer Interactive Intelligence Group, Inc.", "Stephen R. Head"),
        ("Craig D. Wilson Sr. Asst. Chief Accountant", "Craig D. Wilson"),
        ("Ryan Rohn, Staff Accountant", "Ryan Rohn"),
        ("W. Robert Berkley Jr.", "W. Robert Berkley Jr."),
        ("Terence O’Brien", "Terence O’Brien"),
        ("Anne Chwat, Esq.", "Anne Chwat"),
        ("Division of Corporation Finance", None),
        ("Las Vegas Sands Corp.", None),
        ("J.P. MORGAN SECURITIES LLC", None),
        ("Office of Real Estate & Construction", None),
    ],
    ids=["address-line", "title-after", "comma-title", "suffix", "apostrophe", "esq", "division", "company",
         "caps-company", "office"],
)
def test_person_name(line: str, name: str | None) -> None:
    assert person_name(line) == name


# --- staff contacts (staff letters) ----------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("You may contact Ryan Rohn, Staff Accountant, at (202) 551-3739 if you have questions regarding comments "
         "on the financial statements and related matters. Please contact me at (202) 551-3226 with any other questions.",
         [("Ryan Rohn", "Staff Accountant")]),
        ("You may contact Frank Knapp at 202-551-3805 or Robert Telewicz at 202-551-3438 if\nyou have questions "
         "regarding comments on the financial statements and related matters. Please\ncontact Benjamin Holt at "
         "202-551-6614 or Pam Long at 202-551-3765 with any other questions.",
         [("Frank Knapp", None), ("Robert Telewicz", None), ("Benjamin Holt", None), ("Pam Long", None)]),
        ("You may contact Bonnie Baynes, Staff Accountant, at (202) 551-4924 or Mark\nBrunhofer, Senior Staff "
         "Accountant, at (202) 551-3638 if you have questions regarding the\ncomments.",
         [("Bonnie Baynes", "Staff Accountant"), ("Mark Brunhofer", "Senior Staff Accountant")]),
        ("Please direct any questions to Shane Callaghan at 202-551-6977 or Perry Hindin at 202551-3444.",
         [("Shane Callaghan", None), ("Perry Hindin", None)]),
        ("Please contact Anuja A. Majmudar, Attorney-Advisor, at 202-551-3844 with any questions.",
         [("Anuja A. Majmudar", "Attorney-Advisor")]),
        ("You may contact Diane Fritz (Staff Accountant) at (202) 551-3331 or Brad Skinner (Office Chief) at "
         "(202) 551-3489 if you have questions.",
         [("Diane Fritz", "Staff Accountant"), ("Brad Skinner", "Office Chief")]),
        ("You may contact me at (202) 551-3266 with any questions.", []),
    ],
    ids=["founding", "four-plain", "broken-name", "direct-questions", "hyphen-title", "paren-title", "me-only"],
)
def test_staff_contacts(sentence: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(p.name, p.title) for p in staff_contacts(sentence)] == expected


# --- signers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "foot, expected",
    [
        ("Sincerely,\n\n/s/ Craig D. Wilson\n\nCraig D. Wilson Sr. Asst. Chief Accountant\n", ["Craig D. Wilson"]),
        ("Sincerely,\n/s/ Jacqueline Kaufman for\nMara L. Ransom\nAssistant Director\n",
         ["Jacqueline Kaufman", "Mara L. Ransom"]),
        ("Sincerely,\nDivision of Corporation Finance\nOffice of Technology\n", []),
        ("Sincerely,\n/s/ Terence O’Brien\nTerence O’ Brien\nAccounting Branch Chief\n", ["Terence O’Brien"]),
        ("For the Commission, by the Division of Corporation Finance, pursuant to delegated\nauthority.\n"
         "Brent J. Fields\nSecretary\n", ["Brent J. Fields"]),
    ],
    ids=["slash-s", "signed-for", "division-only", "printed-differs", "delegated-authority"],
)
def test_signers(foot: str, expected: list[str]) -> None:
    assert [p.name for p in signers(foot)] == expected


def test_signed_for_roles() -> None:
    people = signers("Sincerely,\n/s/ Jacqueline Kaufman for\nMara L. Ransom\nAssistant Director\n")
    assert [p.role for p in people] == ["signer", "signed_for"]


# --- prior letters and comments ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("We have reviewed your letter dated November 2, 2011, in connection with the above-referenced filings",
         [("2011-11-02", "yours")]),
        ("where prior comments are referred to they refer to our letter dated October 19, 2011.",
         [("2011-10-19", "ours")]),
        ("We have reviewed your May 24, 2016 response to our comment letter", [("2016-05-24", "yours")]),
        ("our references to prior comments are to comments in our May 10,\n2016 letter.", [("2016-05-10", "ours")]),
        ("Response dated May 24, 2016\nFile Nos. 1-15891 and 1-36002", [("2016-05-24", "company")]),
        ("Responses dated December 3, 2015 and January 5, 2016", [("2015-12-03", "company"), ("2016-01-05", "company")]),
        ("in response to comment 1 of our letter dated March 31, 2017.", [("2017-03-31", "ours")]),
        ("Form 8-K filed May 5, 2016", []),
        ("On May 9, 2019, Anadarko received a demand letter from counsel", []),
    ],
    ids=["your-letter", "our-letter", "your-response", "our-date-letter", "re-line", "two-dates", "comment-of",
         "filed-not-letter", "on-date-not-letter"],
)
def test_prior_letters(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert [(p.date, p.who) for p in prior_letters(sentence)] == expected


def test_prior_letters_drop_this_letters_date() -> None:
    assert prior_letters("Response Letter dated July 13, 2007", letter_date="2007-07-13") == []


@pytest.mark.parametrize(
    "sentence, numbers",
    [
        ("We have reviewed your response to prior comment 5.", [5]),
        ("We note your responses to comments 9 and 10 and have the following comments", [9, 10]),
        ("in response to our previous comment 4, if available", [4]),
        ("Please tell us more about comment letters.", []),
    ],
    ids=["prior", "two", "previous", "none"],
)
def test_prior_comments(sentence: str, numbers: list[int]) -> None:
    assert [p.number for p in prior_comments(sentence)] == numbers


# --- the Re: block -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "head, expected",
    [
        ("Re:\nInteractive Intelligence Group, Inc.\nForm 10-K for the Fiscal Year ended December 31, 2010\n"
         "Filed March 16, 2011\nForm 10-Q for the Quarterly Period ended March 31, 2011\nFiled May 9, 2011 "
         "File No. 000-27385\nDear Mr. Head:",
         [("10-K", "2010-12-31", "2011-03-16"), ("10-Q", "2011-03-31", "2011-05-09")]),
        ("Re: Boston Properties, Inc.\nForm 10-K for the fiscal year ended December 31, 2017\nForm 10-Q for the "
         "quarterly report ended June 30, 2018\nFiled February 28, 2018 and August 7, 2018, respectively\nDear Mr. X:",
         [("10-K", "2017-12-31", "2018-02-28"), ("10-Q", "2018-06-30", "2018-08-07")]),
        ("Re: Weight Watchers International, Inc.\nForms 10-Q for the Quarterly Periods Ended April 4 and "
         "July 4, 2009\nFile No. 1-16769\nDear Mr. Spirgel:",
         [("10-Q", "2009-04-04", None), ("10-Q", "2009-07-04", None)]),
        ("Re: Vistra Energy Corp.\nAmendment No. 2 to Registration Statement on Form S-1\nFiled April 5, 2017\n"
         "File No. 333-215288\nDear Mr. Morgan:", [("S-1/A", None, "2017-04-05")]),
        ("Re:\nMondelez International, Inc.\nDefinitive Proxy Statement on Schedule 14A\nFiled April 6, 2022\n"
         "File\nNo. 001-16483\nDear Mr. Dunham and Ms. Jacobs:", [("Schedule 14A", None, "2022-04-06")]),
        ("Re: Ford Motor Company\nForm 10-K for Fiscal Year Ended December 31, 2016 (“2016 10-K Report”)\n"
         "Dear Mr. Shenk:", [("10-K", "2016-12-31", None)]),
        ("Re: Applovin Corporation\nRegistration Statement on Form\nS-1\nFile\nNo. 333-253800\nLadies and Gentlemen:",
         [("S-1", None, None)]),
    ],
    ids=["founding", "respectively", "two-quarters", "amendment", "proxy", "defined-term", "broken-form"],
)
def test_filings_reviewed(head: str, expected: list[tuple]) -> None:
    sal = head.rfind("\n") + 1
    got = filings(head, re_block(head, sal))
    assert [(f.form, f.period_end, f.filed) for f in got] == expected


def test_file_number_on_filing() -> None:
    head = "Re: NRG Energy, Inc.\nForm 10-K for the Fiscal Year Ended December 31, 2018\nFiled February 28, 2019\n" \
           "File No. 001-15891\nDear Mr. Andrews:"
    assert [f.file_number for f in filings(head, re_block(head, head.rfind("\n") + 1))] == ["001-15891"]


# --- kind ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, meta, kind",
    [
        ("We have reviewed your filing and have the following comments.", {"form_type": "UPLOAD"}, "staff"),
        ("Dear Mr. Dumont:", {"accession": "9999999997-19-006421"}, "staff"),
        ("We hereby respond to the comments made by the Staff in your letter dated July 23, 2018",
         {"accession": "0001104659-18-049505"}, "response"),
        ("Goldman Sachs & Co. LLC and J.P. Morgan Securities LLC, as representatives of the several underwriters, "
         "hereby join DoorDash, Inc. in requesting", {"form_type": "CORRESP"}, "other"),
        ("We have reviewed your filing and have the following comments. Please respond to this letter within ten "
         "business days. You may contact Ryan Rohn, Staff Accountant, at (202) 551-3739.", {}, "staff"),
        ("In response to the comments of the Staff, the Company respectfully submits the following.", {}, "response"),
    ],
    ids=["upload", "staff-notice", "corresp", "underwriters", "staff-text", "response-text"],
)
def test_kind(text: str, meta: dict, kind: str) -> None:
    assert letter_kind(text, meta) == kind


# --- a whole staff letter (the founding example, 2011, public domain) -----------------------------------

FOUNDING = """December 19, 2011

Via E-mail
Mr. Stephen R. Head Chief Financial Officer Interactive Intelligence Group, Inc. 7601 Interactive Way Indianapolis, IN 46278

**Re:** Interactive Intelligence Group, Inc.

Form 10-K for the Fiscal Year ended December 31, 2010

**Filed March 16, 2011**

Dear Mr. Head:

We have reviewed your letter dated November 2, 2011, in connection with the above-referenced filings and have the following comments.

Form 10-K for the Fiscal Year ended December 31, 2010

Notes to Consolidated Financial Statements

Note 2. Summary of Significant Accounting Policies

Revenue Recognition, page 36

1. We have reviewed your response to prior comment 5. Your response is unclear as to the accounting recognition implications for undelivered hardware at the end of a reporting

Mr. Stephen R. Head Interactive Intelligence Group, Inc. December 19, 2011 Page 2

period. Tell us your considerations of the guidance in FASB ASC 985-605-25-12.

## Form 10-Q for the Quarterly Period ended March 31, 2011

Note 2. Summary of Certain Accounting Policies and Recent Accounting Pronouncements, page 5

- 2. We note your response to prior comment 7. Please address the following items as they relate to FASB ASC 985-605-15-4A:
  - Your response under point 1 is unclear.
  - Under point 4, you indicate that your software is embedded in the appliance offerings.

You may contact Ryan Rohn, Staff Accountant, at (202) 551-3739 if you have questions regarding comments on the financial statements and related matters. Please contact me at (202) 551-3226 with any other questions.

Sincerely,

/s/ Craig D. Wilson

Craig D. Wilson Sr. Asst. Chief Accountant
"""


def test_founding_letter_anatomy() -> None:
    a = parse_letter(FOUNDING, {"form_type": "UPLOAD", "cik": "1083318"})
    assert (a.kind, a.company, a.cik, a.comment_count) == ("staff", "Interactive Intelligence Group, Inc.", "1083318", 2)
    assert [p.name for p in a.addressees] == ["Stephen R. Head"]
    assert [p.name for p in a.signers] == ["Craig D. Wilson"]
    assert [(p.name, p.title) for p in a.staff_contacts] == [("Ryan Rohn", "Staff Accountant")]
    assert a.prior_letter_dates == ["2011-11-02"]
    assert [p.number for p in a.prior_comments] == [5, 7]
    first, second = a.comments
    assert first.heading_path == ("Form 10-K for the Fiscal Year ended December 31, 2010",
                                  "Notes to Consolidated Financial Statements",
                                  "Note 2. Summary of Significant Accounting Policies",
                                  "Revenue Recognition, page 36")
    assert first.page_ref == "36"
    assert second.heading_path[0] == "Form 10-Q for the Quarterly Period ended March 31, 2011"
    assert second.page_ref == "5"
    assert len(second.sub_items) == 2 and second.sub_items[0] == "Your response under point 1 is unclear."
    assert "You may contact" not in second.text
    for c in a.comments:
        assert FOUNDING[c.start:c.end].lstrip(" -").startswith(f"{c.number}.")


def test_dump_is_json_ready() -> None:
    d = parse_letter(FOUNDING, {"form_type": "UPLOAD"}).dump()
    assert json.loads(json.dumps(d))["comments"][0]["number"] == 1
    assert d["prior_letter_dates"] == ["2011-11-02"]


# --- a response: each answer aligned to its comment ------------------------------------------------

RESPONSE = """September 23, 2016
Securities and Exchange Commission
Attn: Jennifer Thompson, Accounting Branch Chief
Re: Example Corp.
Form 10-K for the Fiscal Year Ended December 31, 2015
Dear Ms. Thompson:
We respond to the comments in your letter dated September 14, 2016.

1. Please tell us how you determined the segments.

Response: We have two segments.

3. Please expand your disclosure of revenue.

Company Response: We will expand it in future filings.

Sincerely,
/s/ Jane Q. Doe
Jane Q. Doe
Chief Financial Officer
"""


def test_response_alignment() -> None:
    a = parse_letter(RESPONSE, {"form_type": "CORRESP"})
    assert a.kind == "response" and a.comment_count == 2
    assert [(c.number, c.restated_text, c.response_text) for c in a.comments] == [
        (1, "Please tell us how you determined the segments.", "We have two segments."),
        (3, "Please expand your disclosure of revenue.", "We will expand it in future filings."),
    ]
    assert [p.name for p in a.addressees] == ["Jennifer Thompson"]
    assert [(p.name, p.title) for p in a.signers] == [("Jane Q. Doe", "Chief Financial Officer")]
    assert a.staff_contacts == ()


def test_company_list_in_answer_is_not_a_comment() -> None:
    # A company's own numbered list in an answer says nothing a staff comment says.
    text = RESPONSE.replace("We have two segments.", "We have two segments:\n\n2.\nCMP liability; and\n\n3.\nproducts liability.")
    assert [c.number for c in parse_letter(text, {"form_type": "CORRESP"}).comments] == [1, 3]


def test_truncated_excerpt_has_no_count() -> None:
    cut = FOUNDING[: FOUNDING.index("You may contact")].rstrip() + " and then the text stops mid"
    assert parse_letter(cut, {"form_type": "UPLOAD"}).comment_count is None


def test_meta_from_id() -> None:
    assert meta_from_id("1013871_0001104659-18-049505") == {"cik": "1013871", "accession": "0001104659-18-049505"}
    assert meta_from_id("000_1ae12daddb492283") == {}


# --- robustness -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "hostile",
    ["1. " * 100_000, "Re: " + "Form 10-K for the year ended " * 20_000, "You may contact " + "Ryan Rohn " * 50_000,
     "letter dated December 19, 2011 " * 20_000, "\n" * 200_000, "Sincerely,\n" * 50_000],
    ids=["numbers", "re-forms", "contact-names", "dates", "newlines", "closings"],
)
def test_hostile_input_is_fast(hostile: str) -> None:
    t0 = time.perf_counter()
    parse_letter(hostile)
    assert time.perf_counter() - t0 < 3.0 * max(1.0, len(hostile) / 1e6)


def test_pure_standard_library() -> None:
    code = "import sys, asckg.nlp.anatomy; assert 'spacy' not in sys.modules and 'rdflib' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd="/")
