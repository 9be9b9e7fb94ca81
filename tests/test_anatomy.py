"""Letter anatomy: tables of real passages, whole letters, and the bars on the gold.

Staff letters (accession 0000000000-) are quoted freely; responses only in short sentences.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from asckg.nlp.anatomy import meta_from_id, parse_letter
from asckg.nlp.anatomy.header import filings, letter_kind, re_block
from asckg.nlp.anatomy.people import signers, staff_contacts
from asckg.nlp.anatomy.priors import prior_comments, prior_letters
from asckg.nlp.anatomy.text import person_name

from conftest import assert_linear

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
        # generational suffixes stay, as written (202058_0000000000-20-002751, 1039684_0000000000-22-009320)
        ("Jesus Malave, Jr.", "Jesus Malave, Jr."),
        ("Walter S. Hulse, III", "Walter S. Hulse, III"),
        ("Pierce H. Norton II", "Pierce H. Norton II"),
        ("Jesus Malave, Jr., Chief Financial Officer", "Jesus Malave, Jr."),
        ("Craig D. Wilson, Sr. Staff Accountant", "Craig D. Wilson"),
        # hyphens, initials without dots, particles, capitals (1013871_0000000000-24-010545 and others)
        ("Woo-Sung Chung", "Woo-Sung Chung"),
        ("/s/ Jin-Kyu Baek", "Jin-Kyu Baek"),
        ("Julia A Thompson", "Julia A Thompson"),
        ("Rory O’Halloran", "Rory O’Halloran"),
        ("Brandon Van Dyke, Skadden, Arps, Slate, Meagher & Flom LLP", "Brandon Van Dyke"),
        ("Bart van der Berg", "Bart van der Berg"),
        ("/s/ PATRICK GORIS", "PATRICK GORIS"),
        ("/s/ Todd Taylor Todd Taylor Vice President and Principal Accounting Officer", "Todd Taylor"),
        ("/s/ Davis Polk & Wardwell LLP", None),
        ("Registration Statement on Form", None),
    ],
    ids=["address-line", "title-after", "comma-title", "suffix", "apostrophe", "esq", "division", "company",
         "caps-company", "office", "jr-comma", "iii-comma", "ii", "jr-then-title", "sr-title", "hyphen-given",
         "hyphen-signed", "initial-no-dot", "o-apostrophe", "van-capital", "van-der", "caps-signed", "printed-twice",
         "law-firm", "filing-words"],
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
        # html2text broke the signed name over lines (315293_0001193125-24-082095, 1513761_0001571049-16-013650)
        ("Very truly yours,\n\n/s/\nJin-Kyu\nBaek\n\nJin-Kyu\nBaek\n\n4\n", ["Jin-Kyu Baek"]),
        ("By:\n\n/s/\n\nWendy\nA.\nBeck\n\nName:\n\nWendy A. Beck\n", ["Wendy A. Beck"]),
        # small capitals come apart letter by letter (1300514_0001300514-21-000149)
        ("Sincerely,\n/s/ D. Z\nACHARY\nH\nUDSON\nD. Zachary Hudson\nExecutive Vice President\n", ["D. Zachary Hudson"]),
        ("Sincerely,\n\n/s/ Julia A Thompson\n\nJulia A Thompson\n\nof LATHAM & WATKINS LLP\n", ["Julia A Thompson"]),
        ("Sincerely,\n\n/s/ Stephen P. Bramlage, Jr.\n\nStephen P. Bramlage, Jr.\n", ["Stephen P. Bramlage, Jr."]),
        ("Very truly yours,\n\n/s/ Davis Polk & Wardwell LLP\n", []),
        # a whole foot on one line (202058_0000202058-20-000020)
        ("please do not hesitate to contact me at (321) 724-3536. Very truly yours, /s/ Todd Taylor Todd Taylor "
         "Vice President and Principal Accounting Officer cc: Christy Adams, Securities and Exchange Commission",
         ["Todd Taylor"]),
    ],
    ids=["slash-s", "signed-for", "division-only", "printed-differs", "delegated-authority", "hyphen-broken",
         "initial-broken", "small-caps", "initial-no-dot", "suffix", "law-firm", "one-line"],
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
        # the forms grammar's names (1754301_0000000000-18-034571, 1964738_0000000000-23-007285)
        ("Re: New Fox, Inc.\nDraft Registration Statement on Form 10-12B\nSubmitted October 9, 2018\n"
         "CIK No. 0001754301\nDear Mr. Nallen:", [("10-12B", None, "2018-10-09")]),
        ("Re: 3M Health Care Co\nAmendment No. 2 to\nDraft Registration Statement on Form 10-12G\n"
         "Submitted June 23, 2023\nCIK No. 0001964738\nDear Jeffrey Lavers:", [("10-12G/A", None, "2023-06-23")]),
        ("Re: Crown Castle Inc.\nPREC14A Filed March 25, 2024\nFile No. 001-16441\nDear Donald J. Reid:",
         [("PREC14A", None, "2024-03-25")]),
        # the schedule a filing is made on is no second filing (797468_0000000000-19-010557, -015418)
        ("Re:\n\nOccidental Petroleum Corporation\nPREC14A preliminary proxy statement filing made on Schedule 14A\n"
         "Filed on June 26, 2019 by Barberry Corp. et al.\nFile No. 001-09210\n\nDear Mr. Icahn,",
         [("PREC14A", None, "2019-06-26")]),
        ("Re:\n\nOccidental Petroleum Corporation\nDFAN14A soliciting material filed pursuant to Rule 14a-12\n"
         "Filed on Schedule 14A November 8, 2019 by Barberry Corp. et al.\nFile No. 001-09210\n\nDear Mr. Icahn:",
         [("DFAN14A", None, "2019-11-08")]),
        # forms in a list share the date (1051470_0000000000-24-003703)
        ("Re: Boots Capital Management, LLC\nCrown Castle Inc.\nPREC14A and DFAN14A Filed March 28, 2024\n"
         "Filed By Boots Parallel 1, LP et al.\nFile No. 001-16441\nDear Theodore B. Miller:",
         [("PREC14A", None, "2024-03-28"), ("DFAN14A", None, "2024-03-28")]),
        # a proxy statement on Schedule 14A with no EDGAR type before it is one
        ("Re: International Flavors & Fragrances Inc.\nAmendment No. 2 to Preliminary Proxy Statement on "
         "Schedule 14A\nFiled July 15, 2020\nFile No. 001-04858\nDear Ms. Chwat:",
         [("Schedule 14A/A", None, "2020-07-15")]),
    ],
    ids=["founding", "respectively", "two-quarters", "amendment", "proxy", "defined-term", "broken-form", "form-10-12b",
         "form-10-12g-amended", "prec14a-filed", "made-on-schedule", "filed-on-schedule", "two-forms-one-date",
         "schedule-amended"],
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


# --- responses: which staff comments are answered ----------------------------------------------------
# The restated comments below are the staff's own words (the staff letters named beside each case,
# public domain); the answers are short sentences in the responses' manner.

HEAD = ("March 3, 2023\nSecurities and Exchange Commission\nDivision of Corporation Finance\nRe: Casey’s General "
        "Stores, Inc.\nForm 10-K for Fiscal Year Ended April 30, 2022\nDear Mr. Kuhn and Mr. Jones,\n\n"
        "The Company responds below to the comments of the Staff contained in your comment letter dated February 10, "
        "2023.\n\n")
FOOT = "\n\nIf you have any questions, please contact me.\n\nVery truly yours,\n\n/s/ Scott Faber\n\nScott Faber\n"

# Casey's (726958_0000000000-23-001432 asked four numbered comments; the response's html2text lost
# the numbers): each restated comment is followed by "Response\n:".
UNNUMBERED = HEAD + (
    "Consolidated Statements of Income,\npage 35\n\nPlease explain to us and in your filing\nwhat footnote (a) at "
    "the end of the line item \"Cost of goods sold ...\" refers to.\n\nResponse\n:\n\nWe will remove the footnote "
    "reference in future filings.\n\n"
    "Note 1. Significant Accounting Policies Inventories,\npage 38\n\nPlease describe what \"renewable "
    "identification numbers\"\nrepresent and how you obtain and use or sell them.\n\nResponse\n:\n\nWe will "
    "expand the disclosure.\n\n"
    "Note 7. Leases, page 51\n\nPlease explain to us where the disclosure\nfor cash paid for amounts included in "
    "the measurement of lease liabilities pursuant to ASC 842-20-50-4.g.1 is located.\n\nResponse\n:\n\nThe "
    "amounts were immaterial.") + FOOT

# Citigroup (831001_0000000000-20-008961): one numbered comment with bullet points, each answered.
BULLETS = HEAD + (
    "1.\nYou disclose that during the second quarter of 2020, there was a change in your allowance for credit "
    "loss (ACL) accounting estimate. Please address the following:\n•\nTell us when you started accounting for "
    "variable post-charge-off third-party collection costs as a reduction of credit recoveries.\nResponse:\nIn "
    "2011.\n•\nExplain the facts and circumstances management considered which resulted in the decision to make "
    "the change.\nResponse:\nA review of the models.") + FOOT


@pytest.mark.parametrize(
    "body, count, numbers",
    [
        (UNNUMBERED, 3, [None, None, None]),
        (BULLETS, 1, [1]),
        # "COMMENT:" / "RESPONSE:" (1013871_0000000000-24-010545 asked it)
        (HEAD + "COMMENT: We note your disclosure under Regulatory Matters on page\n158. Please tell us how you "
         "considered these matters.\n\nRESPONSE: The Company respectfully acknowledges the Staff’s\ncomment." + FOOT,
         1, [None]),
        # a "Comment:" label between the number and the comment (7084_0000000000-20-002979 asked them)
        (HEAD + "1.\nComment\n:\nWe note you have recorded asset impairments in each of the three years presented. "
         "Please enhance your disclosure.\n\nResponse\n: The Company notes the charges.\n\n2.\nComment\n:\n"
         "Please enhance your future disclosures to identify the number of reporting units.\n\nResponse\n:\n\nThe "
         "Company will enhance its future disclosures." + FOOT, 2, [1, 2]),
        # a comment whose first lines hold no request, answered under its number (865752_0000000000-24-005447)
        (HEAD + "1.\nWhere a filing person elects to incorporate by reference the information required by Item\n"
         "1010(a) of Regulation M-A, all of the summarized financial information required by Item\n1010(c) must be "
         "disclosed in the document furnished to security holders. Please revise your disclosure.\n\nResponse\n:\n\n"
         "In response to the Staff’s comment, the Company revised Section 10.\n\n2.\nPlease disclose the existence "
         "of any alternative financing plans.\n\nResponse\n:\n\nThe Company revised the disclosure." + FOOT,
         2, [1, 2]),
        # "Comment No. 1:" / "Response No. 1:" (1754301_0001193125-24-150159)
        (HEAD + "Comment No. 1: You indicate “Other” is one of your reportable segments. Please tell us more.\n\n"
         "Response No. 1: The Company respectfully acknowledges the Staff’s comment.\n\nComment No. 2: Please "
         "describe how revenue targets are managed.\n\nResponse No. 2: The Company respectfully acknowledges the "
         "Staff’s\ncomment." + FOOT, 2, [1, 2]),
        # a letter html2text wrote on one line (1757898_0001757898-24-000003)
        (HEAD.replace("\n", " ") + "Results of Operations, page 31 1. Please disclose why the operations in Ireland "
         "appear to comprise a disproportionate share of pre-tax income. See Item 303 of Regulation S-K. Response: "
         "The Company respectfully acknowledges the Staff’s comment. Business Segment Results of Operations, page 34 "
         "2. Please disclose the extent to which segment revenue variances were attributable to changes in prices. "
         "Response: The Company respectfully acknowledges the Staff’s comment. Very truly yours, /s/ Scott Faber "
         "Scott Faber", 2, [None, None]),
    ],
    ids=["restated-unnumbered", "bullets-of-one-comment", "comment-label-caps", "number-then-comment-label",
         "answer-label-confirms-number", "comment-no", "one-line-letter"],
)
def test_response_comment_count(body: str, count: int, numbers: list[int | None]) -> None:
    a = parse_letter(body, {"form_type": "CORRESP"})
    assert a.kind == "response"
    assert (a.comment_count, [c.number for c in a.comments]) == (count, numbers)


def test_unnumbered_answers_keep_comment_and_answer_apart() -> None:
    a = parse_letter(UNNUMBERED, {"form_type": "CORRESP"})
    first = a.comments[0]
    assert first.restated_text.startswith("Please explain to us and in your filing what footnote (a)")
    assert first.response_text == "We will remove the footnote reference in future filings."
    assert first.heading_path[-1] == "Consolidated Statements of Income, page 35" and first.page_ref == "35"


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
    assert_linear(parse_letter, hostile)


def test_prior_letters_read_dates_only_near_letter_words(monkeypatch: pytest.MonkeyPatch) -> None:
    # The dates grammar is asked about the stretches around "dated" and the letter words, never the
    # whole letter again (that scan was most of parse_letter's time).
    from asckg.nlp.anatomy import priors

    seen: list[int] = []
    real = priors.dates.find
    monkeypatch.setattr(priors.dates, "find", lambda s: seen.append(len(s)) or real(s))
    text = FOUNDING * 20
    assert {p.date for p in prior_letters(text)} == {"2011-11-02"}
    assert seen and max(seen) < 2_000 < len(text)


def test_pure_standard_library() -> None:
    code = "import sys, asckg.nlp.anatomy; assert 'spacy' not in sys.modules and 'rdflib' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd="/")


@pytest.mark.parametrize(
    "re_block, company",
    [
        # Archer-Daniels-Midland's 2018 response names the staff letter before the registrant.
        ("Re:\nDecember 21, 2017 Letter Concerning Archer-Daniels-Midland Company Form 10-K for the Fiscal "
         "Year Ended December 31, 2016, Filed February 17, 2017", "Archer-Daniels-Midland Company"),
        ("Re: Interactive Intelligence Group, Inc.\nForm 10-K for the Fiscal Year ended December 31, 2010",
         "Interactive Intelligence Group, Inc."),
    ],
    ids=["letter-concerning-prefix", "plain"],
)
def test_company_from_the_re_line(re_block: str, company: str) -> None:
    text = f"January 5, 2018\n\nSecurities and Exchange Commission\nWashington, D.C. 20549\n\n{re_block}\n\nDear Ms. Blye:\n\nThank you.\n"
    assert parse_letter(text).company == company


def test_company_suffix_on_its_own_line_and_a_misspelt_salutation() -> None:
    # Capital One's 2021 response: the name breaks before "Corp.", and it greets "Ladies and Gentleman:".
    text = (
        "January 15, 2021\n\nDivision of Corporation Finance\nWashington, D.C. 20549\n\nRe:\nCapital One Financial\nCorp.\n\n"
        "Form 10-Q for the Quarterly Period Ended September 30, 2020\n\nFiled November 2, 2020\n\n"
        "Form 8-K Furnished October 22, 2020\n\nFile No. 1-13300\n\nLadies and Gentleman:\n\n"
        "This letter responds to the Staff's letter regarding the Form 10-Q for the Quarterly Period Ended "
        "September 30, 2020 as filed on November 2, 2020.\n"
    )
    a = parse_letter(text)
    assert a.company == "Capital One Financial Corp."
    assert [(f.form, f.period_end, f.filed) for f in a.filings_reviewed] == [
        ("10-Q", "2020-09-30", "2020-11-02"), ("8-K", None, "2020-10-22")]
