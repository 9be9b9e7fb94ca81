"""The SEC-rules grammar on real sentences from the letters, its guards, and the gold bar.

Sentences from staff letters (accession 0000000000-...) are quoted whole; company responses only as
short phrases. Each id names the letter the sentence comes from.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from asckg.nlp.grammar import sec_rules
from asckg.nlp.grammar.sec_rules import find
from conftest import assert_linear, gold_f1


def refs(text: str) -> list[str]:
    return [r for m in find(text) for r in m.refs]


CITATIONS = [
    # Regulation S-K
    ("sk-clause-920760-17-008806", "Please refer to Item 303(a)(3) of Regulation S-K for guidance.", ["S-K 303"]),
    ("sk-prefix-brief", "Regulation S-K Item 10(e)", ["S-K 10"]),
    ("sk-list-brief", "Items 303 and 305 of Regulation S-K", ["S-K 303", "S-K 305"]),
    ("sk-short-brief", "Item 303 of S-K", ["S-K 303"]),
    ("sk-instruction-1513761-18-026944",
     "Refer to 305(a)(3) and Instruction 3(F) to Item 305(a) of Regulation S-K.", ["S-K 305"]),
    ("sk-list-clauses-1811074",
     "management uses this measure. Refer to Items 10(e)(1)(i)(C) and (D) of Regulation S-K.", ["S-K 10"]),
    ("sk-through-1811074", "Refer to the disclosure requirements in Items 1202(a)(1) through 1202(a)(4) of Regulation S-K.",
     ["S-K 1202"]),
    ("sk-as-appropriate-1065088-21-005831",
     "Refer to Items 303(c) and (b)(2)(i) through (iii) as appropriate, of Regulation SK.", ["S-K 303"]),
    ("sk-nbhyphen", "Refer to Item 303 of Regulation S‑K and SEC Release No. 33‑8350.", ["S-K 303"]),
    ("sk-comma-prefix", "an unqualified tax opinion in accordance with Regulation S-K, Item 601(b)(8).", ["S-K 601"]),
    ("sk-sentence-end-not-heading", "or as a trend per Regulation S-K Item 303. In this regard", ["S-K 303"]),
    ("sk-named-sx-typo-920760-19-007876",
     "Refer to Instruction 4 to Item 303(a) of Regulation SX and Section 501.12(b)(2)", ["S-K 303"]),
    ("sk-bare-known-item", "as Non-Equity Incentive Plan Compensation pursuant to Item 402(c)(2)(vii)", ["S-K 402"]),
    # Regulation M-A, S-T, G
    ("ma-865752-24-005447", "to include the information required by Item 1010(c) of Regulation M-A", ["M-A 1010"]),
    ("ma-bare", "the information required by Item 1010(c) must be disclosed", ["M-A 1010"]),
    ("st-51253-24-009611", "Interactive Data File in accordance with Rule 405 of Regulation S-T", ["S-T 405"]),
    ("reg-g-rule", "how you determined these measures comply with Rule 100(b) of Regulation G.", ["Regulation G"]),
    ("reg-g-alone", "non-GAAP financial measures subject to Regulation G", ["Regulation G"]),
    # Regulation S-X
    ("sx-brief", "Rule 3-05 of Regulation S-X", ["S-X 3-05"]),
    ("sx-bare-hyphenated", "does not fully comply with Rule 4-08(g).", ["S-X 4-08"]),
    ("sx-prefix", "Regulation S-X Rule 5-03.2", ["S-X 5-03"]),
    ("sx-dot-part-1066107", "Refer to Rule 5-02.25 of Regulation S-X.", ["S-X 5-02"]),
    ("sx-garbled-1013871-16-081594", "the amount identified in Rule 5-03(b)10 of Regulation SX, which", ["S-X 5-03"]),
    ("sx-garbled-no-hyphen-797468-17-030298",
     "to ensure compliance with Rule 410(a)(31) of Regulation S-X, you remove", ["S-X 4-10"]),
    ("sx-list", "Refer to Rules 3-10(i) and 10-01(a)(4) of Regulation S-X.", ["S-X 3-10", "S-X 10-01"]),
    ("sx-space-after-hyphen", "We refer you to Rule 11- 02(b)(6) of Regulation S-X.", ["S-X 11-02"]),
    ("sx-cfr", "See § 210.4-08(h) for the disclosure", ["S-X 4-08"]),
    ("sx-section-sign", "is permitted under Regulation S-X §5.03(6), which allows", ["S-X 5-03"]),
    ("sx-article-315293-24-003147",
     "information are not required pursuant to Rule 3-05 and Article 11 of Regulation S-X.",
     ["S-X 3-05", "S-X Article 11"]),
    ("sx-article-rule", "The instruction to Article 4-08(h)(1) of Regulation S-X states", ["S-X 4-08"]),
    # Exchange Act / Securities Act rules
    ("xa-lettered-1551152", "within the meaning of the term as used within Rule 13e-4(f)(5) and Rule 14e-1(b).",
     ["Exchange Act Rule 13e-4", "Exchange Act Rule 14e-1"]),
    ("xa-prefix-1051470", "See Exchange Act Rule 14a-9.", ["Exchange Act Rule 14a-9"]),
    ("xa-act-after", "Rule 24b-2 under the Exchange Act", ["Exchange Act Rule 24b-2"]),
    ("xa-garbled-797468-19-015418", "Rule 14a12, however, does not create an exception", ["Exchange Act Rule 14a-12"]),
    ("xa-15c2-8", "comply with the requirements of Rule 15c2-8 under the Securities Exchange Act of 1934",
     ["Exchange Act Rule 15c2-8"]),
    ("xa-10d-1", "Rule 10D-1 under the Securities Exchange Act of 1934", ["Exchange Act Rule 10D-1"]),
    ("xa-cfr", "17 C.F.R. §240.10D-1(d)", ["Exchange Act Rule 10D-1"]),
    ("bare-plain-pair-1692819", "Refer to Rules 460 and 461 regarding requests for acceleration.",
     ["Rule 460", "Rule 461"]),
    ("sa-act-after", "In accordance with Rule 461 under the Securities Act of 1933, as amended",
     ["Securities Act Rule 461"]),
    ("sa-general-rules", "in accordance with Rule 461 of the General Rules and Regulations under the Securities Act",
     ["Securities Act Rule 461"]),
    ("sa-regulation-c", "pursuant to Rule 461 of Regulation C promulgated under the Securities Act of 1933",
     ["Securities Act Rule 461"]),
    ("sa-note-1692819", "Refer to Item 503(a) of Regulation S-K and Note 4 to Rule 421(b) under the Securities Act.",
     ["S-K 503", "Securities Act Rule 421"]),
    ("sa-prefix", "Securities Act Rule 406", ["Securities Act Rule 406"]),
    ("sa-defined-act", "the Securities Act of 1933, as amended (the “Act”). Pursuant to Rule 460 under the Act, please",
     ["Securities Act Rule 460"]),
    ("mixed-list", "unless doing so would be inconsistent with Rules 418 or 12b-4.",
     ["Rule 418", "Exchange Act Rule 12b-4"]),
    ("rule-83", "pursuant to the provisions of Rule 83 of the Rules of Practice", ["Rule 83"]),
    ("rule-83-not-cfr-17", "pursuant to SEC Rule 83, 17 CFR 200.83, for certain portions", ["Rule 83"]),
    # form and schedule items
    ("form-8k-of", "Item 2.02 of Form 8-K", ["Form 8-K Item 2.02"]),
    ("form-8k-re-line-51253", "Item 2.02 Form 8-K Filed May 9, 2016", ["Form 8-K Item 2.02"]),
    ("form-8k-instruction-1058290", "See Instruction 2 to Item 2.02 Form 8-K and Question 102.10",
     ["Form 8-K Item 2.02"]),
    ("form-20f-brief", "Item 5 of Form 20-F", ["Form 20-F Item 5"]),
    ("schedule-to-865752", "See Instruction 6 to Item 10 of Schedule TO and telephone interpretation I.H.7",
     ["Schedule TO Item 10"]),
    ("form-s4-797468", "pursuant to Item 10(a) of Form S-4", ["Form S-4 Item 10"]),
    ("schedule-14a", "See Item 5(b)(1)(ix) of Schedule 14A.", ["Schedule 14A Item 5"]),
]


@pytest.mark.parametrize("sentence, expected", [c[1:] for c in CITATIONS], ids=[c[0] for c in CITATIONS])
def test_citations(sentence: str, expected: list[str]) -> None:
    found = find(sentence)
    assert refs(sentence) == expected
    assert all(sentence[m.start:m.end] == m.text and m.kind == "sec_rule" for m in found)


def test_detail_keeps_the_clause() -> None:
    (m,) = find("Item 303(a)(3)(ii) of Regulation S-K")
    assert (m.refs, m.detail) == (("S-K 303",), "303(a)(3)(ii)")
    (m,) = find("Refer to Rule 5-03.3 of Regulation S-X.")
    assert (m.refs, m.detail) == (("S-X 5-03",), "5-03.3")


def test_bare_item_takes_the_regulation_of_the_same_number() -> None:
    text = ("please refer to Item 303(b)(3) of Regulation S-K and expand your disclosure. "
            "Pursuant to Item 303(b)(3), as well as the interpretations")
    assert refs(text) == ["S-K 303", "S-K 303"]
    text = ("See Instruction 6 to Item 10 of Schedule TO. In addition, we note that the Schedule TO "
            "indicates that Item 10(b) is \"not applicable.\"")
    assert refs(text) == ["Schedule TO Item 10", "Schedule TO Item 10"]


# A filing's own section headings and pointers into the company's own filing are places, not citations.
PLACES = [
    ("heading-period-718937", "Item 7. Management’s Discussion and Analysis of Financial Condition and Results"),
    ("heading-1a", "Form 10-K for the Fiscal Year Ended December 31, 2015\nItem 1A. Risk Factors, page 22"),
    ("heading-dash-1513761-18-026944",
     "Item 7A - Qualitative and Quantitative Disclosures about Market Risk, page 43"),
    ("heading-under-form", "Annual Report on Form 10-K\nItem 1A. Risk Factors\nWe note that"),
    ("heading-20f-1289877", "Item 5. Operating and Financial Review and prospects"),
    ("own-filing-884887", "Capital Commitments disclosures in Item 1 of our Form 10-K."),
    ("own-filing-the", "the risks in Item 1A of the Form 10-K"),
    ("section-pointer", "As presented in Item 7 Management’s Discussion and Analysis"),
    ("pcaob-rule-896159", "PCAOB Rule 1001(i)(iii) states that an “issuer” means"),
    ("pcaob-proposed-rule", "the PCAOB issued a proposed rule 6100, Board Determinations"),
    ("cdi-item", "Refer to Item 102.11 of the non-GAAP C&DIs."),
    ("cfr-part-200", "pursuant to 17 C.F.R. § 200.83. Asterisks denote such omissions."),
    ("article-of-agreement", "Article 4 of the Merger Agreement"),
    ("exhibit", "Exhibit 99.1 to the Form 8-K"),
]


@pytest.mark.parametrize("sentence", [p[1] for p in PLACES], ids=[p[0] for p in PLACES])
def test_places_are_not_citations(sentence: str) -> None:
    assert refs(sentence) == []


def test_pure_standard_library() -> None:
    code = "import sys, asckg.nlp.grammar.sec_rules; print('spacy' in sys.modules or 'rdflib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    "hostile, per_mb",
    [("ASC 606-10-" * 100_000, 1.0), ("25-1 through 25-99999999 " * 40_000, 1.0), ("Items " + "1, " * 300_000, 1.0),
     ("Item 10" + "(e)" * 300_000, 1.0), ("Rule 14a-" * 100_000, 1.0), ("-" * 1_000_000, 1.0),
     # one citation every 9-11 characters: linear, but each costs a Mention
     ("Item 1(a)" * 100_000, 4.0), ("Rule 5-03, " * 100_000, 4.0)],
    ids=["asc-dashes", "long-range", "item-list", "clauses", "rule-dashes", "hyphens", "dense-items", "dense-rules"],
)
def test_linear_time(hostile: str, per_mb: float) -> None:
    assert_linear(find, hostile, per_mb=5 * per_mb)


def test_gold_bar(corpus) -> None:
    f1, _, wrong = gold_f1(corpus, "sec_rules", refs)
    assert f1 >= 0.95, wrong


def test_kind() -> None:
    assert sec_rules.KIND == "sec_rule"
