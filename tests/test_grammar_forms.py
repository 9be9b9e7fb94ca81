"""SEC form types (``asckg.nlp.grammar.forms``), normalized per GOLD.md "forms".

Sentences are from the corpus (staff letters quoted; responses only in short fragments), the id of
the letter in each case id. Gold-based tests use ../shared/corpus and skip where it is absent.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from asckg.nlp.grammar import forms
from asckg.nlp.grammar.forms import find, vocabulary
from conftest import assert_linear, gold_f1


def refs(text: str) -> list[str]:
    """All refs of all mentions, in text order."""
    return [r for m in find(text) for r in m.refs]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Re: Texas Pacific Land Corporation\nAmended Draft Registration Statement on Form 10\nSubmitted July 2, 2020",
            ["10/A", "10"],
            id="1811074-2020-amended-draft-form-10",
        ),
        pytest.param(
            "Re:\nCrown Castle Inc.\nPREC14A Filed March 25, 2024",
            ["PREC14A"],
            id="crown-castle-2024-bare-contested-proxy-type",
        ),
        pytest.param(
            "the comment letter relating to Amendment No. 1 to the S-4 filed with this letter",
            ["S-4/A", "S-4"],
            id="aon-2024-amendment-to-the-bare-form",
        ),
        pytest.param(
            "Form 10-K for the Fiscal Year Ended December 31, 2010\nFiled March 16, 2011\nFile No. 000-27385",
            ["10-K"],
            id="000_1ae12daddb492283-re-block",
        ),
        pytest.param(
            "1. Please note that our review encompassed the Forms 10-K and Forms 8-K of both NRG",
            ["10-K", "8-K"],
            id="1013871_0000000000-16-081594-plural-forms",
        ),
        pytest.param(
            "subsequent Forms 10-Q about realigning your legal structure may suggest that the",
            ["10-Q"],
            id="1065088_0000000000-17-033014-forms-10-q",
        ),
        pytest.param("Forms 10-K and 10-Q", ["10-K", "10-Q"], id="list-after-one-forms"),
        pytest.param("Forms 10-K, 10-Q and 8-K", ["10-K", "10-Q", "8-K"], id="list-of-three"),
        pytest.param(
            "Instruction 2 to Item 2.02 Form 8-K and Question 102.10 of the updated Non-GAAP",
            ["8-K"],
            id="1058290_0000000000-17-034709-form-item",
        ),
        pytest.param(
            "2. Please include page numbers in your future Forms 20-F filed on EDGAR.",
            ["20-F"],
            id="1053092_0000000000-12-037140-forms-20-f",
        ),
        pytest.param(
            "Form 10-K/A for the Year Ended December 31, 2020",
            ["10-K/A"],
            id="1048286_0000000000-21-004479-amendment-as-written",
        ),
        pytest.param(
            "Amendment No. 1 to Form 8-K\nFiled March 11, 2016",
            ["8-K/A", "8-K"],
            id="106535_0000000000-16-073637-amendment-no-1",
        ),
        pytest.param(
            "Amendment No. 1 to Form S-3 Filed May 16, 2008 File No. 333-150107",
            ["S-3/A", "S-3"],
            id="313395_0001144204-08-039878-gold-s-3-a",
        ),
        pytest.param(
            "Amendment No. 2 to Registration Statement on Form\nS-1",
            ["S-1/A", "S-1"],
            id="amendment-title-words-and-line-break",
        ),
        pytest.param(
            "financial statements included in this Form 10 are not those of the registrant.",
            ["10"],
            id="1811074_0000000000-20-005339-form-10",
        ),
        pytest.param(
            "Draft Registration Statement on Form 10-12G",
            ["10-12G"],
            id="1964738_0000000000-23-002523-edgar-type-as-written",
        ),
        pytest.param(
            "an exchange, including the Form 8-A12B filed on June 27 2017 related to the listing of",
            ["8-A12B"],
            id="1701605_0000000000-24-009305-8-a12b",
        ),
        pytest.param(
            "Preliminary Proxy Statement on Schedule PREM14A",
            ["PREM14A"],
            id="51253_0000000000-20-005058-edgar-proxy-type",
        ),
        pytest.param(
            "Preliminary Information Statement on Schedule 14C",
            ["Schedule 14C"],
            id="24545_0000000000-16-060314-schedule-14c",
        ),
        pytest.param("Schedule TO-I/A Filed May 16, 2024", ["Schedule TO-I/A"], id="865752_0000000000-24-005842-to-i-a"),
        pytest.param(
            "of Schedule 13E-3 and Item 1013(c) of Regulation M-A.",
            ["Schedule 13E-3"],
            id="879101_0000000000-24-009904-schedule-13e-3",
        ),
        pytest.param("DEF 14A and DEF14A and DEFA14A", ["DEF 14A", "DEF 14A", "DEFA14A"], id="proxy-spellings"),
        pytest.param(
            "in the Risk Factors section of our 10-K and the", ["10-K"], id="884887_0000884887-16-000162-bare-10-k"
        ),
        # Responses converted by html2text keep the non-breaking hyphen of "Form 10‑Q".
        pytest.param("our Quarterly Report on Form 10\u2011Q for our fiscal quarter", ["10-Q"], id="202058_0000202058-16-000035-non-breaking-hyphen"),
        # Acceleration requests write "Form S-l" with a letter l.
        pytest.param(
            "Registration Statement on Form\nS-l\n(File\nNo. 333-261377)",
            ["S-1"],
            id="1751008_0001193125-21-346658-letter-l-for-one",
        ),
        pytest.param("have continued to present the information in our Form 10-Ks", ["10-K"], id="92122_0000092122-21-000068-plural-s"),
        pytest.param("NHP LLC filed a Form 15 with", ["15"], id="740260_0001104659-21-078293-form-15"),
        pytest.param("Forms 3, 4 and 5", ["3", "4", "5"], id="section-16-forms"),
        pytest.param("in our Form 10-K, 4 of which", ["10-K"], id="strict-number-not-a-list-item"),
        pytest.param("the TO-C received on August 22", ["Schedule TO-C"], id="879101_0001140361-24-040601-schedule-after-determiner"),
    ],
)
def test_find(text: str, expected: list[str]) -> None:
    assert refs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # Each guard in forms.py, with the letter text that made it necessary.
        pytest.param("Index to the Financial Statements, page F-1", id="1811074_0000000000-20-005339-page-f-1"),
        pytest.param("We note your disclosure in Note 2 on page F-10 that your", id="page-f-10"),
        pytest.param("Refer to Item 10(e)(1)(i)(A) of Regulation S-K.", id="1013871_0000000000-16-075770-regulation-s-k"),
        pytest.param("Rule 405 of Regulation S-T and Rule 10b-5", id="regulation-s-t-rule-10b-5"),
        pytest.param("Schedule II Valuation and Qualifying Accounts, page 223", id="1013871_0000000000-16-075770-schedule-ii"),
        pytest.param("information column represents your Schedule I presentation", id="schedule-i"),
        pytest.param("inspectional observations on Form 483 issued by the FDA", id="1136869_0001564590-18-012768-fda-form-483"),
        pytest.param("of many of our vehicles, including the F-150 Lightning", id="37996_0000037996-22-000058-ford-f-150"),
        pytest.param("to Securities Act Forms C&DI 101.02.", id="1751008_0000000000-21-003287-forms-cdi"),
        pytest.param("S-K and SEC Release No. 33-8350.", id="1013871_0000000000-16-075770-release-number"),
        pytest.param("in the form 4 weeks later", id="lowercase-form-strict"),
        pytest.param("File No. 333-210102", id="file-number"),
        pytest.param("FILING VALUES: FORM TYPE: CORRESP", id="edgar-header"),
        pytest.param("on pages S-1 through S-4 of the prospectus supplement", id="invented-page-range"),
        pytest.param("a Form 5500 for the plan", id="invented-erisa-form-5500"),
    ],
)
def test_guards(text: str) -> None:
    assert refs(text) == []


def test_mentions_are_spans() -> None:
    text = "Annual Report on Form\n10-K/A and Amendment No. 1 to the Form S-4."
    for m in find(text):
        assert m.kind == forms.KIND == "form"
        assert text[m.start : m.end] == m.text
    assert [m.text for m in find(text)] == ["Form\n10-K/A", "Amendment No. 1 to the Form S-4"]


def test_vocabulary_is_package_data() -> None:
    vocab = vocabulary()
    assert vocab["10-K"].ref() == "10-K"
    assert vocab["TO-I"].ref() == "Schedule TO-I"
    assert vocab["DEF14A"].ref() == "DEF 14A"
    assert {ft.kind for ft in vocab.values()} == {"form", "schedule", "edgar"}


def test_pure_standard_library() -> None:
    """The grammars import neither spaCy nor rdflib (checked in a fresh interpreter)."""
    code = (
        "import sys\n"
        "from asckg.nlp.grammar import forms, file_numbers, dates\n"
        "forms.find('Form 10-K'); file_numbers.find('File No. 1-1234'); dates.letter_date('May 1, 2020')\n"
        "assert 'spacy' not in sys.modules and 'rdflib' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd="/")


@pytest.mark.parametrize(
    "hostile",
    [
        pytest.param("Forms 10-K and " * 60_000, id="endless-list"),
        pytest.param("Amendment No. 1 to the " * 40_000, id="amendments-without-form"),
        pytest.param("Form " * 200_000, id="form-words"),
        pytest.param("ASC 606-10-" * 100_000, id="asc-prefixes"),
        pytest.param("page F-1 " * 100_000, id="page-numbers"),
    ],
)
def test_linear_time(hostile: str) -> None:
    assert_linear(find, hostile)


@pytest.mark.corpus
def test_forms_gold(corpus) -> None:
    """Union of refs per letter against gold "forms": F1 at least 0.97."""
    f1, _, wrong = gold_f1(corpus, "forms", lambda text: {r for m in find(text) for r in m.refs})
    assert f1 >= 0.97, wrong
