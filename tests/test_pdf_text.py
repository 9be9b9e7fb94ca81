"""Letters as PDF conversion leaves them: words glued to their numbers, line wraps and page breaks
inside a citation or a contact, ligatures; and the clean words and context the graph stores.

The sentences are from SEC staff letters of the corpus (public domain; the letter's id beside each),
with the damage a PDF conversion does applied where the letter itself has none.
"""

from __future__ import annotations

import pytest

from asckg.nlp.anatomy import parse_letter
from asckg.nlp.anatomy.people import staff_contacts
from asckg.nlp.grammar import asc, forms, guidance, sec_rules
from asckg.nlp.layout import mask_running_headers
from asckg.nlp.readers import read_path
from conftest import letter_text


def _refs(module, text: str) -> list[str]:
    return [r for m in module.find(text) for r in m.refs]


# --- glued words ----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "module, sentence, expected",
    [
        # 1013871_0000000000-16-081594: "the requirements of Item 303(a) of Regulation S-K and SEC Release No. 33-8350"
        pytest.param(sec_rules, "the requirements of Item303(a) of Regulation S-K and SEC Release No. 33-8350",
                     ["S-K 303"], id="Item303(a)"),
        # the wording: "Refer to Item308(a) of Regulation S-K"
        pytest.param(sec_rules, "Refer to Item308(a) of Regulation S-K.", ["S-K 308"], id="Item308(a)"),
        # 1751008_0000000000-21-003287: "the consideration you have given to Rule 3-05 of Regulation S-X"
        pytest.param(sec_rules, "Please tell us the consideration you have given to Rule3-05 of Regulation S-X",
                     ["S-X 3-05"], id="Rule3-05"),
        pytest.param(sec_rules, "the consideration you have given to Rule3-05", ["S-X 3-05"], id="Rule3-05-bare"),
        # 1964738_0000000000-23-002523: "Refer to ASC 606-10-50-5 and 55-89 to 55-91."
        pytest.param(asc, "Refer to ASC606-10-50-5 and 55-89 to 55-91.",
                     ["606-10-50-5", "606-10-55-89", "606-10-55-90", "606-10-55-91"], id="ASC606-10"),
        pytest.param(guidance, "Refer to SAB104 and SAB Topic 13", ["SAB 104", "SAB Topic 13"], id="SAB104"),
        # Not citations: a filing's heading and a glued number with nothing beside it.
        pytest.param(sec_rules, "Item1A. Risk Factors, page 12", [], id="heading-Item1A"),
        pytest.param(sec_rules, "sales under Rule144 by affiliates", [], id="Rule144-alone"),
        # 7084_0000000000-24-005934, a scrambled page: "Refer\nItem210(e)(1)(i)(A) of Regulation S-K."
        # (Item 10(e) with a page number run into it): no S-K Item 210 exists.
        pytest.param(sec_rules, "Refer\nItem210(e)(1)(i)(A) of Regulation S-K.", [], id="page-number-glued"),
    ],
)
def test_glued_citations(module, sentence, expected):
    assert _refs(module, sentence) == expected


# --- line wraps and page breaks inside a citation ------------------------------------------------

@pytest.mark.parametrize(
    "module, sentence, expected",
    [
        # a line broken after a form's hyphen
        pytest.param(forms, "Form 10-\nK for the Fiscal Year Ended December 31, 2015", ["10-K"], id="form-hyphen-wrap"),
        pytest.param(forms, "Forms 10-K and 10-\nQ", ["10-K", "10-Q"], id="form-list-wrap"),
        pytest.param(forms, "Form 10-\nthe registration statement", ["10"], id="form-10-then-words"),
        pytest.param(asc, "Refer to ASC 606-10-\n25-19.", ["606-10-25-19"], id="asc-hyphen-wrap"),
        pytest.param(sec_rules, "Refer to Item 303(a) of Regulation\nS-K.", ["S-K 303"], id="regulation-wrap"),
    ],
)
def test_citations_across_line_breaks(module, sentence, expected):
    assert _refs(module, sentence) == expected


# 1792789_0000000000-22-005549 (DoorDash, May 19, 2022): the page break falls inside "Rule 100(b) of
# / Regulation G", under the running header of page 2.
DOORDASH_HEAD = "May 19, 2022\nPrabir Adarkar\nChief Financial Officer\nDoorDash, Inc.\n"
DOORDASH_BREAK = ("Please tell us why you believe these adjustments are permitted under Rule 100(b) of\n\n"
                  "\fPrabir Adarkar\nDoorDash, Inc.\nMay 19, 2022\nPage 2\nRegulation G.")


def test_citation_across_a_page_break_reads_through_the_running_header():
    text = DOORDASH_HEAD + "\n" * 4 + DOORDASH_BREAK
    masked = mask_running_headers(text)
    (m,) = [m for m in sec_rules.find(masked) if "Regulation G" in m.refs and m.text.startswith("Rule")]
    assert "\f" in m.text and "Page" not in m.text  # the header is blanked, the span is the original's
    assert text[m.start:m.end].startswith("Rule 100(b) of") and text[m.start:m.end].endswith("Regulation G")
    assert " ".join(m.text.split()) == "Rule 100(b) of Regulation G"


def test_stored_words_and_context_are_clean_text():
    from asckg.graph.model.build import CONTEXT_CHARS, _Unpaged, words_as_written

    text = DOORDASH_HEAD + "Dear Mr. Adarkar:\n" + "x " * 40 + "\n" + DOORDASH_BREAK + " Refer to Question 100.01."
    masked = mask_running_headers(text)
    (m,) = [m for m in sec_rules.find(masked) if m.text.startswith("Rule 100")]
    assert words_as_written(m.text) == "Rule 100(b) of Regulation G"
    context = _Unpaged(text).snippet(m.start, m.end)
    assert "\f" not in context and "Page 2" not in context and "Prabir" not in context
    assert "permitted under Rule 100(b) of Regulation G. Refer to" in context
    assert CONTEXT_CHARS > 0


# --- ligatures --------------------------------------------------------------------------------------

def test_ligatures_are_spelled_out_when_a_letter_is_read(tmp_path):
    path = tmp_path / "letter.txt"
    # A PDF text layer's ligatures (U+FB00 "ff", U+FB01 "fi") in a staff letter's wording.
    path.write_text("Please refer to Sta\ufb00 Accounting Bulletin No. 104 and FASB Accounting Standards "
                    "Codi\ufb01cation Topic 606.\n", encoding="utf-8")
    (letter,) = read_path(path)
    assert "Staff Accounting Bulletin No. 104" in letter.text and "Codification" in letter.text
    assert _refs(guidance, letter.text) == ["SAB 104"]


# --- people split across lines and pages -----------------------------------------------------------

@pytest.mark.parametrize(
    "sentence, expected",
    [
        # the 2005-2010 wording, a title broken over a line, the stand-in without a number of her own
        pytest.param("Please contact David Korvin, Staff\nAttorney, at (202) 551-3236 or, in his absence Pamela Long,\n"
                     "Assistant Director.", [("David Korvin", "Staff Attorney"), ("Pamela Long", "Assistant Director")],
                     id="absence-no-number"),
        # 202058_0000000000-16-094323 and others: "You may contact Effie Simpson at (202) 551-3346, or in
        # her absence, Andrew Mew,\nSenior Assistant Chief Accountant at (202) 551-3750"
        pytest.param("You may contact Effie Simpson at (202) 551-3346, or in her absence, Andrew Mew,\n"
                     "Senior Assistant Chief Accountant at (202) 551-3750 if you have questions",
                     [("Effie Simpson", None), ("Andrew Mew", "Senior Assistant Chief Accountant")], id="absence"),
        # a page break (its running header blanked) inside the title, and inside the name
        pytest.param("Please contact David Korvin, Staff\n\n\f" + " " * 14 + "\n" + " " * 6 + "\nAttorney, at (202) 551-3236.",
                     [("David Korvin", "Staff Attorney")], id="title-over-page"),
        pytest.param("Please contact David\n\n\f" + " " * 14 + "\n" + " " * 6 + "\nKorvin at (202) 551-3236.",
                     [("David Korvin", None)], id="name-over-page"),
    ],
)
def test_staff_contacts_across_lines_and_pages(sentence, expected):
    assert [(p.name, p.title) for p in staff_contacts(sentence)] == expected


def test_contact_whose_number_is_on_the_next_page(corpus):
    # 1051470_0000000000-24-002292 (staff letter, February 29, 2024): "Please direct any questions to
    # Shane Callaghan at 202-551-6977 or Christina Chalk at" / page 2's running header / "202-551-3263."
    text = letter_text(corpus, "1051470_0000000000-24-002292")
    assert "Christina Chalk at\n\n\f" in text
    got = parse_letter(text)
    assert sorted(p.name for p in got.staff_contacts) == ["Christina Chalk", "Shane Callaghan"]
