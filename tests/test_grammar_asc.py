"""The ASC citation grammar: real sentences, ranges, shorthand, line breaks, guards, gold, speed.

Sentences in the tables are quoted from SEC staff letters in ../shared/corpus/letters (public
domain; the id is the file name), line breaks as pdftotext left them.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asckg.core.codes import AscCode
from asckg.nlp.grammar import asc
from asckg.nlp.grammar.asc import find
from conftest import assert_linear, gold_f1


def refs(text: str) -> list[str]:
    """Every reference in ``text``, in order, once."""
    return list(dict.fromkeys(r for m in find(text) for r in m.refs))


def para(head: str, *numbers: object) -> list[str]:
    """``para("606-10-55", 89, 90)`` -> ["606-10-55-89", "606-10-55-90"]."""
    return [f"{head}-{n}" for n in numbers]


# --- real sentences from staff letters ----------------------------------------------------------

REAL = [
    ("000_1ae12daddb492283",
     "Please address the following items as they relate to FASB ASC 985-605-15-4A:",
     ["985-605-15-4A"]),
    ("1013871_0000000000-16-081594",
     "See ASC 360-1035-21 and ASC 350-20-35-28 through -32.",
     ["360-10-35-21", *para("350-20-35", 28, 29, 30, 31, 32)]),
    ("1013871_0000000000-18-022533",
     "See ASC 36010-45-9 and ASC 205-20-45-1.",
     ["360-10-45-9", "205-20-45-1"]),
    ("106535_0000000000-16-068574",
     "refer to\nparagraphs 2 through 4 of ASC 805-30-25.",
     para("805-30-25", 2, 3, 4)),
    ("11544_0000000000-17-014278",
     "the expected development on reported claims as stipulated in ASC 944-40-50-4Da. If",
     ["944-40-50-4D"]),
    ("11544_0000000000-17-014278",
     "Refer to ASC 944-4050-4F.", ["944-40-50-4F"]),
    ("11544_0000000000-17-014278",
     "the impracticability exception under ASC\n944-40-65-1e.", ["944-40-65-1"]),
    ("1506307_0000000000-16-082397",
     "Level 3 of the fair value hierarchy. Refer to ASC 820-10-50-2bbb.", ["820-10-50-2"]),
    ("1506307_0000000000-23-003113",
     "in FASB ASC 330-10-30-1 and 340-40-25-7, and the requirements",
     ["330-10-30-1", "340-40-25-7"]),
    ("1513761_0000000000-18-026944",
     "recognized pursuant to ASC 606-10-50-18 or 19, as applicable.",
     ["606-10-50-18", "606-10-50-19"]),
    ("1513761_0000000000-18-026944",
     "pursuant to ASC 606-10-55-36 through 39. Please specifically",
     para("606-10-55", 36, 37, 38, 39)),
    ("1039684_0000000000-17-019746",
     "Revenue from Contracts with Customers\n(Topic 606) on page 91.", ["606"]),
    ("1039684_0000000000-17-019746",
     "Please refer to ASC 250-10-S996 and SAB Topic 11.M.", ["250-10-S99-6"]),
    ("740260_0000000000-17-010655",
     "Please refer to ASC 250-10-S99-6 and SAB Topic 11.M.", ["250-10-S99-6"]),
    ("1099219_0000000000-18-011238",
     "Include a Staff Accounting Bulletin 99/ASC 250-10-S99 analysis in your response.",
     ["250-10-S99"]),
    ("1065088_0000000000-18-030096",
     "Reference ASC 606-10-25-19\nthrough 22.", para("606-10-25", 19, 20, 21, 22)),
    ("1065088_0000000000-18-030096",
     "Reference ASC 606-10-55-36 through 40 and ASC 606-10-50-12(c).",
     [*para("606-10-55", 36, 37, 38, 39, 40), "606-10-50-12"]),
    ("1103982_0000000000-19-004694",
     "at risk of goodwill impairment under FASB ASC Topic 350.", ["350"]),
    ("1103982_0000000000-19-004694",
     "Refer to FASB ASC\nparagraph 450-20-50-4 and Question 2 to SAB Topic 5:Y.",
     ["450-20-50-4"]),
    ("1145197_0000000000-16-082809",
     "Please tell us about how you applied ASC\n350-20-35-33 through 35-37 in determining",
     para("350-20-35", 33, 34, 35, 36, 37)),
    ("1145197_0000000000-16-082809",
     "Refer to ASC 605-4550-2.", ["605-45-50-2"]),
    ("1300514_0000000000-18-025693",
     "pursuant to\nparagraph 606-10-50-5 of the Accounting Standards Codification",
     ["606-10-50-5"]),
    ("1513761_0000000000-16-066278",
     "the requirements of ASC 280-1050-40 and the objectives discussed in ASC 280-10-10-1.",
     ["280-10-50-40", "280-10-10-1"]),
    ("1754301_0000000000-18-034571",
     "Refer to ASC 606-10-50-12 and 606-10-50-17.", ["606-10-50-12", "606-10-50-17"]),
    ("1754301_0000000000-18-034571",
     "We refer to guidance in\nASC 850-10-50 and Item 5-03(b)1 and 2 of Regulation S-X.",
     ["850-10-50"]),
    ("1754301_0000000000-24-004878",
     "See ASC 280-10-50-11\nthrough -15.", para("280-10-50", 11, 12, 13, 14, 15)),
    ("1754301_0000000000-24-004878",
     "See ASC 280-10-50-30 and -31.", ["280-10-50-30", "280-10-50-31"]),
    ("18230_0000000000-17-022437", "Refer to ASC 740-10.", ["740-10"]),
    ("1964738_0000000000-23-002523",
     "Refer to ASC 606-10-50-5 and 55-89 to 55-91. For",
     ["606-10-50-5", *para("606-10-55", 89, 90, 91)]),
    ("1964738_0000000000-23-002523",
     "what consideration you gave to ASC 730-10-55-1 through 55-2 in",
     ["730-10-55-1", "730-10-55-2"]),
    ("202058_0000000000-23-014012",
     "Refer to ASC 350-20-50-1(a) and (h).", ["350-20-50-1"]),
    ("202058_0000000000-23-014012",
     "the applicable disclosures required by ASC 450-20-503 through -4, including",
     ["450-20-50-3", "450-20-50-4"]),
    ("315293_0000000000-18-025493",
     "See ASC 606-10-50-17 and -20.", ["606-10-50-17", "606-10-50-20"]),
    ("37996_0000000000-17-029248",
     "the guidance in paragraphs ASC 606-10-55-89 through 55-91 in selecting the",
     para("606-10-55", 89, 90, 91)),
    ("51253_0000000000-24-009611",
     "Refer to examples\nunder ASC 205-20-55-83 through 101.",
     para("205-20-55", *range(83, 102))),
    ("7084_0000000000-24-005934",
     "how your treatment complies with ASC-250-10-50-7. As part of your", ["250-10-50-7"]),
    ("7084_0000000000-24-010044",
     "See ASC 280-10-5030(a), (c), and (d).", ["280-10-50-30"]),
    ("712515_0000000000-19-011278",
     "We refer you to ASC 606-10-32-28 through 35.", para("606-10-32", *range(28, 36))),
    ("726958_0000000000-23-001432",
     "lease liabilities pursuant to ASC 842-20-50-4.g.1 is located.", ["842-20-50-4"]),
    ("797468_0000000000-17-021746",
     "Refer to\nFASB ASC 310-10-50-2 and 50-14.", ["310-10-50-2", "310-10-50-14"]),
    ("797468_0000000000-17-021746",
     "Refer to FASB ASC 410-30-50-10d. Also address", ["410-30-50-10"]),
    ("797468_0000000000-24-004826",
     "in accordance with FASB ASC paragraphs 280-10-50-1\nthrough 50-9.",
     para("280-10-50", *range(1, 10))),
    ("829224_0000000000-19-008093",
     "Refer to ASC 60610-65-1(h).", ["606-10-65-1"]),
    ("831001_0000000000-22-004745",
     "held-to-maturity debt securities in accordance with ASC 32010-45-11.", ["320-10-45-11"]),
    ("860731_0000000000-25-003720",
     "Additional measures may be disclosed pursuant to ASC 280-10-50-28A through 5028C.",
     ["280-10-50-28A", "280-10-50-28B", "280-10-50-28C"]),
    ("860731_0000000000-25-003720",
     "the disclosures required by ASC 280-10-5029(f) for segment gross profit",
     ["280-10-50-29"]),
    ("1811074_0000000000-25-010229",
     "Refer to the disclosure requirements in FASB ASC 932-235-505(a).", ["932-235-50-5"]),
    ("1701605_0000000000-24-009305",
     "items that are presented in your ASC\n280 reconciliation that are not", ["280"]),
    ("740260_0000000000-17-010655",
     "the amended\nrevenue recognition guidance in Topic 606 will have", ["606"]),
    ("1692819_0000000000-17-006872",
     "computed in accordance with FASB ASC Topic 718 and the aggregate", ["718"]),
    # Short sentences from company responses.
    ("1754301_0001193125-24-063297 (response)",
     "based on Accounting Standards Codification (“ASC”)\n280-10-50-1", ["280-10-50-1"]),
    ("response: ASC Topics",
     "consistent with the guidance in ASC Topics 606 and 840, we now", ["606", "840"]),
    ("response: Subtopic",
     "(for example, Topic 845 on nonmonetary transactions or Subtopic 610-20)",
     ["845", "610-20"]),
    ("response: hyphen range",
     "in accordance with ASC 606-10-25-19-22, that there are",
     para("606-10-25", 19, 20, 21, 22)),
    ("response: letter-ended range",
     "in accordance with the guidance in ASC 323-10-35-31 through 32A",
     ["323-10-35-31", "323-10-35-32", "323-10-35-32A"]),
    ("response: spaced hyphen",
     "see paragraphs 606-10- 55-3A through 55-3C).",
     ["606-10-55-3A", "606-10-55-3B", "606-10-55-3C"]),
    ("response: bare section",
     "Accounting for Changes in Presentation 250-10-45\nwhich states:", ["250-10-45"]),
]


@pytest.mark.parametrize(("letter", "text", "expected"), REAL, ids=[r[0] for r in REAL])
def test_real_sentences(letter, text, expected):
    assert refs(text) == expected


# --- the forms GOLD.md lists ---------------------------------------------------------------------

FORMS = [
    ("FASB ASC 985-605-25-12", ["985-605-25-12"]),
    ("ASC 985-605-25-12", ["985-605-25-12"]),
    ("ASC Topic 606", ["606"]),
    ("Topic 842", ["842"]),
    ("Subtopic 350-20", ["350-20"]),
    ("Section 205-20-45", ["205-20-45"]),
    ("paragraph 10 of ASC 985-605-25", ["985-605-25-10"]),
    ("paragraphs 25-19 to 25-22 of ASC 606-10", para("606-10-25", 19, 20, 21, 22)),
    ("Accounting Standards Codification 944", ["944"]),
    ("ASC 606-10-50-18 or 19", ["606-10-50-18", "606-10-50-19"]),
    ("ASC 606-10-25-19 and 25-21", ["606-10-25-19", "606-10-25-21"]),
    ("ASC 280-10-50-1, 50-10 and -11", ["280-10-50-1", "280-10-50-10", "280-10-50-11"]),
    ("ASC 606-10-55-36 through 39", para("606-10-55", 36, 37, 38, 39)),
    ("ASC 985-605-25-12 through 25-14", para("985-605-25", 12, 13, 14)),
    ("ASC 944-40-50-4A through 50-4D", para("944-40-50", "4A", "4B", "4C", "4D")),
    ("ASC 944-40-50-4 through 50-4C", para("944-40-50", 4, "4A", "4B", "4C")),
    ("ASC 606-10-25-19 \u2013 25-21", para("606-10-25", 19, 20, 21)),
    ("ASC 606-10-25-19\u201421", para("606-10-25", 19, 20, 21)),
    ("ASC 606-10-25-19 to 25-21", para("606-10-25", 19, 20, 21)),
    ("ASC 985-605-15-4A", ["985-605-15-4A"]),
    ("ASC 310-10-S99-2 and S99-1", ["310-10-S99-2", "310-10-S99-1"]),
    ("ASC 606-10-50-12A(b)(1)", ["606-10-50-12A"]),
    ("ASC 606-10-50-12(a)(1)", ["606-10-50-12"]),
    ("ASC 606 and ASC 606-10-25-19", ["606", "606-10-25-19"]),
]


@pytest.mark.parametrize(("text", "expected"), FORMS, ids=[f[0] for f in FORMS])
def test_forms_from_gold_md(text, expected):
    assert refs(text) == expected


def test_numeric_range_skips_inserted_paragraphs():
    # 50-4A .. 50-4Z may exist, but a numeric range names only plain numbers.
    assert refs("ASC 944-40-50-3 through 50-5") == para("944-40-50", 3, 4, 5)


def test_cross_section_range_keeps_two_ends():
    assert refs("ASC 606-10-25-1 through 30-2") == ["606-10-25-1", "606-10-30-2"]
    assert refs("ASC 606-10-25-6 through ASC 718-10-25-19") == ["606-10-25-6", "718-10-25-19"]


def test_absurd_range_keeps_two_ends_and_flags():
    (m,) = find("ASC 606-10-25-1 through 25-999")
    assert m.refs == ("606-10-25-1", "606-10-25-999")
    assert "range too long: kept the two ends" in m.flags
    (m,) = find("ASC 606-10-25-22 through 25-19")
    assert m.refs == ("606-10-25-22", "606-10-25-19")
    assert any("backwards" in f for f in m.flags)


def test_range_within_max_is_expanded():
    assert len(refs(f"ASC 606-10-55-1 through 55-{asc.MAX_RANGE + 1}")) == asc.MAX_RANGE + 1


def test_new_citation_after_to_is_not_a_range_end():
    assert refs("the change from ASC 605-10-25-1 to ASC 606 was") == ["605-10-25-1", "606"]


# --- subparagraphs: dropped from refs, kept in detail and text ---------------------------------

@pytest.mark.parametrize(
    ("text", "ref", "detail"),
    [
        ("ASC 606-10-50-12(a)(1).", "606-10-50-12", "(a)(1)"),
        ("ASC 606-10-50-12 (b) with", "606-10-50-12", "(b)"),
        ("ASC 606-10-55-39(a-c) to", "606-10-55-39", "(a-c)"),
        ("ASC 944-40-50-4Da. If", "944-40-50-4D", "a"),
        ("ASC 740-30-50-2.b., we", "740-30-50-2", ".b"),
        ("paragraphs 842-10-25-2(c) through (d) wo", "842-10-25-2", "(c) through (d)"),
    ],
)
def test_subparagraph_markers(text, ref, detail):
    (m,) = find(text)
    assert m.refs == (ref,)
    assert m.detail == detail
    assert detail.replace(" ", "") in m.text.replace(" ", "")


def test_detail_names_the_code_when_a_mention_has_several():
    (m,) = find("ASC 740-30-25-17 and 25-18(a), no deferred tax")
    assert m.refs == ("740-30-25-17", "740-30-25-18")
    assert m.detail == "740-30-25-18 (a)"


# --- line breaks from pdftotext ------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "ASC 606-10-\n25-19",
        "ASC\n606-10-25-19",
        "ASC 606-\n10-25-19",
        "ASC\n\n606-10-25-19",
        "ASC 606-10-\n\n25-19",
        "ASC 606 -\n10 - 25 - 19",
        "ASC 606-10-\nMark Kempa\nNorwegian Cruise Line Holdings Ltd.\nAugust 29, 2018\nPage 2\n25-19",
        "ASC\nMark Kempa\nNorwegian Cruise Line Holdings Ltd.\nAugust 29, 2018\nPage 2\n\n606-10-25-19",
    ],
    ids=repr,
)
def test_line_breaks_inside_a_citation(text):
    (m,) = find(text)
    assert m.refs == ("606-10-25-19",)
    assert m.text == text


def test_page_header_from_a_real_response():
    # 797468_0000797468-17-000013: the page header sits between "410-30-50-" and "10(d)".
    text = ("discussed in FASB ASC 410-30-50-\n\nOccidental Petroleum Corporation\nPage 5 of 5\n"
            "10(d) are encouraged")
    (m,) = find(text)
    assert m.refs == ("410-30-50-10",) and m.detail == "(d)"


def test_page_header_is_not_skipped_when_no_code_follows_it():
    # 1701605_0000000000-24-009305: "your ASC\n280 reconciliation ... August 14, 2024\nPage 2".
    text = ("presented in your ASC\n280 reconciliation that are not attributed to the segments.\n\n"
            "August 14, 2024\nPage 2\nGuarantor Information, page 43")
    assert refs(text) == ["280"]


# --- false-positive guards -----------------------------------------------------------------------

NOT_ASC = [
    ("phone", "Please contact Jennifer O'Brien at 202-551-3721 or Craig Arakawa at 202-551-3650"),
    ("phone with area code in parens", "at (202) 551-3739 with any questions"),
    ("phone with country code", "TELEPHONE: 1-212-558-4000"),
    ("phone in parens", "contact Eric Haueter of Sidley Austin LLP at (415-772-1231)."),
    ("phone without hyphen", "or me at 202-5513720 with any questions."),
    ("file number", "File No. 333-210102"),
    ("file number 000", "File No. 000-27385"),
    ("file number with suffix", "File No. 333-210102-01"),
    ("accession", "0001193125-18-049505"),
    ("zip code", "Washington, D.C. 20549-4628"),
    ("zip code and phone", "Cary, North Carolina 27513 Tel: 919-297-1116"),
    ("date", "dated 2016-05-10 and 12-31-2015"),
    ("dollar amount", "a $606 million charge and $842-10 thousand"),
    ("page number", "Note 8 on page 606 of the 2016 Form 10-K"),
    ("exchange act rules", "Rule 12b-25, Rule 14a-8 and Rule 13a-14 under the Exchange Act"),
    ("item 2.02", "Item 2.02 Form 8-K filed May 5, 2016"),
    ("S-X rule", "Rule 3-05 of Regulation S-X and Rule 5-03(b)"),
    ("SAB topic", "Refer to SAB Topic 13 and SAB Topic 1.M"),
    ("SAB topic broken", "the guidance in SAB\nTopic 11:B, and considering"),
    ("staff bulletin topic", "SEC Staff Accounting Bulletin Topic 11 (L) was not necessary"),
    ("DGCL section", "books and records pursuant to Section 220 of the DGCL."),
    ("securities act section", "and Section 22 of the Securities Act creates concurrent"),
    ("FRC section", "Refer to section 501.04 of the Staff's Codification of Financial Reporting"),
    ("FRC section 2", "See\nFinancial Reporting Codification section 506.02(c)(ii) for guidance."),
    ("SOP paragraph", "how you considered paragraph 10 of SOP 97-2 in accounting"),
    ("response paragraph", "the information you highlight in paragraph 3 of your response"),
    ("TRG paragraphs", "TRG memo No. 44, paragraphs 11-13, in making this judgment."),
    ("S-K paragraph", "the related Instructions to paragraph 303(a)."),
    ("NASCAR", "National Association of Stock Car Auto Racing (“NASCAR”)"),
    ("codification without code", "the Financial Accounting Standards Codification (ASC). To the"),
    ("ASC without code", "in determining the applicable ASC requirements and"),
    ("topic too small", "ASC 100 and Topic 99"),
    ("typo topic", "under FASB ASC paragraphs 28-10-50-1 through 50-9."),
    ("ASU", "ASU 2014-09 and ASU 2016-02"),
]


@pytest.mark.parametrize(("why", "text"), NOT_ASC, ids=[n[0] for n in NOT_ASC])
def test_not_asc(why, text):
    assert find(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A bare number after a code is a paragraph only when nothing says it is something else.
        ("ASC 606-10-50-12 and 10 percent of revenue", ["606-10-50-12"]),
        ("ASC 280-10-50-41 and 2017 amounts", ["280-10-50-41"]),
        ("ASC 606-10-50-5, 10-K and 10-Q", ["606-10-50-5"]),
        ("ASC 606-10-50-5 and 2.02 of the agreement", ["606-10-50-5"]),
        ("ASC 606 and 333-210102", ["606"]),
        ("ASC 842 and 2019", ["842"]),
        ("ASC 606-10-65-1, January 1, 2018", ["606-10-65-1"]),
        ("see ASC 606 on page 45", ["606"]),
    ],
)
def test_what_follows_a_code(text, expected):
    assert refs(text) == expected


# --- the mention contract ------------------------------------------------------------------------

def test_mention_fields():
    text = "We note ASC 606-10-55-89 through 91 applies."
    (m,) = find(text)
    assert m.kind == asc.KIND == "asc"
    assert (m.start, m.end) == (8, 35)
    assert m.text == text[m.start:m.end] == "ASC 606-10-55-89 through 91"
    assert m.flags == () and m.detail == ""
    assert m.dump()["refs"] == ["606-10-55-89", "606-10-55-90", "606-10-55-91"]


def test_mentions_are_in_text_order_and_do_not_overlap():
    text = "ASC 606 paragraphs 606-10-25-19 through 25-22 and Topic 842, see 606-10-50-5."
    ms = find(text)
    assert [m.refs[0] for m in ms] == ["606", "606-10-25-19", "842", "606-10-50-5"]
    assert all(a.end <= b.start for a, b in zip(ms, ms[1:]))


def test_no_parent_added_for_a_child():
    assert refs("ASC 606-10-25-19") == ["606-10-25-19"]


def test_repaired_hyphen_is_flagged():
    (m,) = find("See ASC 360-1035-21.")
    assert m.flags == ("missing hyphen repaired",)


# --- hostile input stays linear ------------------------------------------------------------------

HOSTILE = {
    "repeated dangling code": "ASC 606-10-" * 100_000,
    "huge range end": "ASC 606-10-25-1 through 25-" + "9" * 1_000_000,
    "many huge ranges": "25-1 through 25-99999999 ASC 606-10-25-1 through 25-99999999 " * 15_000,
    "spaces after ASC": "ASC" + " " * 1_000_000 + "606",
    "digits": "1" * 1_000_000,
    "digit-dash runs": "123-" * 250_000,
    "subparagraph run": "ASC 606-10-25-1" + "(a)" * 300_000,
    "page headers": ("ASC 606-10-\n" + "x\n" * 10 + "Page 2\n") * 30_000,
    "long list": "ASC 606-10-50-1" + " and 19" * 150_000,
    "paragraph locals": "paragraphs 1 through " * 60_000,
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_input_is_linear(name):
    assert_linear(find, HOSTILE[name], label=name)


# --- the corpus ----------------------------------------------------------------------------------

def _letters(corpus):
    return sorted((corpus / "letters").glob("*.txt")) + sorted((corpus / "excerpts").glob("*.txt"))


@pytest.mark.corpus
def test_gold_f1(corpus):
    f1, tp, wrong = gold_f1(corpus, "asc", lambda text: {r for m in find(text) for r in m.refs})
    assert tp > 50, "the gold has over a hundred asc references"
    assert f1 >= 0.99, "\n".join(wrong)


@pytest.mark.corpus
def test_corpus_spans_and_round_trip(corpus):
    seen: set[str] = set()
    for path in _letters(corpus):
        text = path.read_text(encoding="utf-8")
        for m in find(text):
            assert m.text == text[m.start:m.end], path.name
            assert m.refs, f"{path.name}: {m.text!r} has no refs"
            seen.update(m.refs)
    assert len(seen) > 200
    for code in seen:
        assert AscCode.parse(code).code == code


def test_table_refs_round_trip():
    for _, text, _ in REAL:
        for m in find(text):
            for code in m.refs:
                assert AscCode.parse(code).code == code


# ---------------------------------------------------------------- the prefilter
_ONE_ALTERNATION = re.compile(rf"ASC|Codification|opic|ection|aragraph|\u00b6|\d\d\d{asc.DASH}")


def _same_hits(text):
    want = [m.span() for m in _ONE_ALTERNATION.finditer(text)]
    assert [m.span() for m in asc._prefilter_hits(text)] == want, text[:120]
    return len(want)


def test_prefilter_hits_are_those_of_one_alternation_in_every_letter(corpus):
    """Words and digits scanned apart and merged give the hits of the one alternation they replace."""
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted((corpus / "letters").glob("*.txt"))]
    assert sum(_same_hits(t) for t in texts) > 5_000  # 6,222 hits in the development letters


@given(st.lists(st.sampled_from(["ASC", "Codification", "Topic", "Subtopic", "Section", "paragraph", "\u00b6",
                                 "606", "1234", "-", "\u2013", "10", " ", "\n", "o", "e", "a", "opic", "9"]),
                max_size=16))
@settings(max_examples=300, deadline=None)
def test_prefilter_hits_agree_on_made_up_texts(parts):
    _same_hits("".join(parts))
