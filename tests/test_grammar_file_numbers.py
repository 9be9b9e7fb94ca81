"""SEC file numbers (``asckg.nlp.grammar.file_numbers``), normalized per GOLD.md "file_numbers".

Sentences are from the corpus (staff letters quoted; responses only in short fragments), the id of
the letter in each case id. Gold-based tests use ../shared/corpus and skip where it is absent.
"""

from __future__ import annotations


import pytest

from asckg.nlp.grammar import file_numbers
from asckg.nlp.grammar.file_numbers import find
from conftest import assert_linear, gold_f1


def refs(text: str) -> list[str]:
    return [r for m in find(text) for r in m.refs]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Filed March 16, 2011\nFile No. 000-27385", ["000-27385"], id="000_1ae12daddb492283"),
        pytest.param("Filed March 1, 2018\nFile No. 1-15891", ["1-15891"], id="1013871_0000000000-18-022533"),
        pytest.param(
            "File Nos. 1-15891 and 1-36002", ["1-15891", "1-36002"], id="1013871_0000000000-16-075770-list"
        ),
        pytest.param(
            "File Nos. 001-15244 and 001-33434",
            ["001-15244", "001-33434"],
            id="1053092_0000000000-12-037140-list",
        ),
        pytest.param(
            "| | File Nos. 814-149; 333-142398 |", ["814-149", "333-142398"], id="817473-semicolon-list-bdc"
        ),
        pytest.param(
            "automatic shelf registration statement on Form F-3 filed on March 23, 2012 (File No. 333-180300).",
            ["333-180300"],
            id="1053092_0000000000-12-037140-in-comment",
        ),
        pytest.param("Schedule TO-C filed August 22, 2024\nSEC File No. 5-42000", ["5-42000"], id="879101_0000000000-24-009904"),
        pytest.param("Filed February 13, 2020\nFile No. 377-03046", ["377-03046"], id="1792789-draft-registration"),
        pytest.param("File Number: 001-07434", ["001-07434"], id="4977_0000000000-16-074172-file-number-colon"),
        pytest.param("File No.: 1-15891", ["1-15891"], id="file-no-colon"),
        pytest.param("Commission File Number 001-13652", ["001-13652"], id="brief-example-commission-file-number"),
        pytest.param("File\nNo. 001-16483", ["001-16483"], id="1103982-line-break-in-intro"),
        pytest.param("Filed May 31, 2007 File 000-04690", ["000-04690"], id="35733_0001140361-07-021032-file-without-no"),
        pytest.param("File No. 001-11307-01\nDear Ms. Robertson:", ["001-11307-01"], id="831259_0000000000-22-004385-suffix"),
        pytest.param("Registration Statement on Form S-4 (File No. 333- 227503)", ["333-227503"], id="1013871-blank-after-dash"),
        pytest.param("AbbVie Inc. Registration Statement on Form S-4 (SEC File No. 333-\n249277\n)", ["333-249277"], id="1551152-line-break-after-dash"),
        pytest.param("Registration Statement on Form S-3 (No. 333-224495)", ["333-224495"], id="831001-bare-333"),
        pytest.param("Registration Statement No. 333-221738", ["333-221738"], id="920760-registration-statement-no"),
        pytest.param("File No. 001\u201113652", ["001-13652"], id="invented-non-breaking-hyphen"),
        pytest.param("File Nos. 001-35784 and 333-12345", ["001-35784", "333-12345"], id="mixed-prefixes"),
        pytest.param("File No. 0-50514", ["0-50514"], id="leading-zero-kept"),
    ],
)
def test_find(text: str, expected: list[str]) -> None:
    assert refs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # Each guard in file_numbers.py, with the letter text that made it necessary.
        pytest.param("contact Ryan Rohn, Staff Accountant, at (202) 551-3739 if you", id="000_1ae12daddb492283-phone"),
        pytest.param("Barbara Jacobs at 202-5513735 with", id="1037540_0000000000-22-009471-phone-run-together"),
        pytest.param("may contact Amanda Ravitz at 202-551-3412", id="1037540_0000000000-22-009471-phone-dashes"),
        pytest.param("Washington, D.C. 20549-0405", id="1103982-zip-plus-four"),
        pytest.param("accession number 0001193125-16-685168", id="accession-number"),
        pytest.param("S-K and SEC Release No. 33-8350.", id="1013871_0000000000-16-075770-release"),
        pytest.param("in Exchange Act Release No. 34-17719 (April", id="1324424_0000000000-19-008960-exchange-act-release"),
        pytest.param("ASC 606-10-25-19 through 25-21", id="asc-paragraph"),
        pytest.param("ASC 360-1035-21", id="1013871_0000000000-16-081594-asc-typo"),
        pytest.param("Mail Stop 4561", id="1058290_0000000000-17-034709-mail-stop"),
        pytest.param("CIK No. 0001754301", id="1754301-cik"),
        pytest.param("pages 171 - 173 of the 2017 Form 10-K", id="899051_0000899051-18-000019-page-range"),
    ],
)
def test_guards(text: str) -> None:
    assert refs(text) == []


def test_list_needs_an_intro() -> None:
    """A bare 333- number does not vouch for the number after it (a phone in "333-180300, 551-3739")."""
    assert refs("(333-180300, 551-3739)") == ["333-180300"]
    assert refs("File Nos. 333-180300, 551-3739") == ["333-180300", "551-3739"]


def test_mentions_are_spans() -> None:
    text = "File No. 333-\n249277 and File Nos. 1-15891 and 1-36002"
    for m in find(text):
        assert m.kind == file_numbers.KIND == "file_number"
        assert text[m.start : m.end] == m.text
    assert [m.text for m in find(text)] == ["333-\n249277", "1-15891", "1-36002"]


@pytest.mark.parametrize(
    "hostile",
    [
        pytest.param("File No. 001-12345, " * 50_000, id="endless-list"),
        pytest.param("1-" * 500_000, id="dashes"),
        pytest.param("333-\n" * 200_000, id="dash-line-breaks"),
        pytest.param("ASC 606-10-" * 100_000, id="asc-prefixes"),
        pytest.param("25-1 through 25-99999999 " * 40_000, id="long-range"),
    ],
)
def test_linear_time(hostile: str) -> None:
    assert_linear(find, hostile)


@pytest.mark.corpus
def test_file_numbers_gold(corpus) -> None:
    """Union of refs per letter against gold "file_numbers": F1 at least 0.98."""
    f1, _, wrong = gold_f1(corpus, "file_numbers", lambda text: {r for m in find(text) for r in m.refs})
    assert f1 >= 0.98, wrong
