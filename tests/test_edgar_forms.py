"""EDGAR's forms of a letter: a submission is one letter, and every form of a staff letter gives the
same answers (its uuencoded PDF, EDGAR's hard-wrapped text extract, and pdftotext's output).

``tests/data/readers/320193_0000000000-24-003505.txt`` is EDGAR's complete submission of the April 2,
2024 staff letter to Apple Inc. (UPLOAD, public domain; https://www.sec.gov/Archives/edgar/data/320193/
000000000024003505/0000000000-24-003505.txt), holding the letter's PDF and its text extract. The other
samples are read from ../shared/edgar/samples (company responses among them), beside the corpus, and skipped when absent.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from asckg.core.errors import InputError
from asckg.nlp.readers import Letter, iter_letters, read_path
from asckg.nlp.readers.dewrap import dewrap
from asckg.nlp.readers.edgar import _submission_document, _submission_id, _uudecode
from conftest import CORPUS, REPO

APPLE = REPO / "tests" / "data" / "readers" / "320193_0000000000-24-003505.txt"
#: EDGAR's sample submissions, beside the corpus (../shared/edgar).
SAMPLES = CORPUS.parent / "edgar" / "samples" / "Archives" / "edgar" / "data"
#: What the letter says: the answers every form of it must give.
ANSWER_KEYS = ("kind", "letter_date", "company", "comment_count", "addressees", "signers", "staff_contacts",
               "prior_letter_dates", "asc", "guidance", "sec_rules", "forms", "file_numbers", "filings_reviewed")


def _document(text: str, doc_type: str) -> tuple[str, str]:
    """The body and file name of the first document of ``doc_type`` in a submission's text."""
    at = text.index(f"<TYPE>{doc_type}\n")
    name = text[text.index("<FILENAME>", at) + 10: text.index("\n", text.index("<FILENAME>", at))]
    start = text.index("<TEXT>", at) + len("<TEXT>")
    return text[start: text.index("</TEXT>", start)], name


@pytest.fixture(scope="module")
def extractor():
    from asckg.nlp.extract import Extractor

    return Extractor()


def _answers(extractor, letter: Letter) -> dict:
    (record,) = extractor.extract([letter])
    summary = record.summary()
    return {key: summary[key] for key in ANSWER_KEYS}


# --- de-wrapping the text extract ------------------------------------------------------------------

@pytest.mark.parametrize(
    "wrapped, joined",
    [
        # Lines of EDGAR's text extract of the April 2, 2024 letter to Apple, each cut at 80 columns.
        pytest.param("       Please contact Melissa Kindelan at 202-551-3564 or Kathleen Collins at\n202-551-3499 if\n",
                     "       Please contact Melissa Kindelan at 202-551-3564 or Kathleen Collins at 202-551-3499 if\n",
                     id="phone-number-cut"),
        pytest.param("      are similar for the purpose of providing disclosures pursuant to ASC\n280-10-50-40. As\n",
                     "      are similar for the purpose of providing disclosures pursuant to ASC 280-10-50-40. As\n",
                     id="citation-cut"),
        pytest.param("                                                            Form 10-K for the\n"
                     "fiscal year ended September 30, 2023\n",
                     "                                                            Form 10-K for the "
                     "fiscal year ended September 30, 2023\n", id="re-block-cut"),
    ],
)
def test_dewrap_joins_lines_cut_at_the_wrap_width(wrapped, joined):
    # The longest line of a real extract sets the width: 79 characters, as in the Apple extract.
    ruler = " " * 70 + "Page 2 of 2\n"
    assert dewrap(ruler + wrapped) == ruler + joined
    assert len(dewrap(ruler + wrapped)) == len(ruler + wrapped)  # offsets unchanged


@pytest.mark.parametrize(
    "text",
    [
        # A running page header: short lines at column 0 are lines of their own.
        pytest.param(" Luca Maestri\nApple Inc.\nApril 2, 2024\nPage 2\n", id="page-header"),
        # An indented next line starts a new line of the layout.
        pytest.param("       Form 10-K for the fiscal year ended September 30, 2023 and the Forms 10-Q for\n"
                     "       Management's Discussion and Analysis\n", id="indented-next"),
        # A long line (70 of 79 columns) whose next line's first word would still have fitted: not cut there.
        pytest.param(" " * 70 + "Page 2 of 2\n"
                     "       we note otherwise, any references to prior comments are to comments\n"
                     "our March 6, 2024\n", id="word-fits"),
    ],
)
def test_dewrap_leaves_lines_that_were_not_cut(text):
    assert dewrap(text) == text


def test_dewrap_of_the_apple_extract_restores_its_sentences():
    body, name = _document(APPLE.read_text(encoding="utf-8"), "TEXT-EXTRACT")
    text, fmt = _submission_document(body, name, APPLE)
    assert fmt == "text"
    assert "our comment\nletter" in text
    joined = dewrap(text)
    assert "We have reviewed your March 20, 2024 response to our comment letter and have the\n" in joined
    assert "pursuant to ASC 280-10-50-40. As\n" in joined
    assert "Response dated March 20, 2024\n" in joined


# --- one submission, one letter ---------------------------------------------------------------------

def test_staff_letter_submission_is_one_letter_named_by_its_file():
    (letter,) = read_path(APPLE)
    assert letter.id == "320193_0000000000-24-003505"
    assert letter.fmt == "pdf" and letter.meta["filename"] == "filename1.pdf"
    assert letter.meta["document_type"] == "LETTER" and "document" not in letter.meta
    assert "Please contact Melissa Kindelan at 202-551-3564 or Kathleen Collins at 202-551-3499" in letter.text


@pytest.mark.parametrize("stem, expected", [
    ("320193_0000000000-24-003505", "320193_0000000000-24-003505"),
    ("0000000000-24-003505", "0000000000-24-003505"),
    ("apple-comment-letter-2024", "apple-comment-letter-2024"),
    ("filename1", "0000000000-24-003505"),
    ("submission", "0000000000-24-003505"),
    ("full_submission", "0000000000-24-003505"),
    ("1", "0000000000-24-003505"),
])
def test_submission_id_is_the_stem_or_the_accession_when_the_stem_says_nothing(stem, expected):
    assert _submission_id(Path(f"{stem}.txt"), "0000000000-24-003505") == expected


def test_unreadable_pdf_falls_back_to_the_dewrapped_extract(tmp_path, extractor):
    text = APPLE.read_text(encoding="utf-8")
    start, end = text.index("begin 644"), text.index("</PDF>")
    broken = tmp_path / "320193_0000000000-24-003505.txt"
    broken.write_text(text[:start] + "not uuencoded\n" + text[end:], encoding="utf-8")
    results = list(iter_letters([broken]))
    assert [type(r) for r in results] == [Letter]  # nothing lost, so nothing to report
    (letter,) = results
    assert letter.meta["document_type"] == "TEXT-EXTRACT" and letter.fmt == "text"
    assert "response to our comment letter and have the\n" in letter.text
    assert _answers(extractor, letter) == _answers(extractor, read_path(APPLE)[0])


def test_submission_whose_every_form_is_unreadable_names_each_document(tmp_path):
    text = APPLE.read_text(encoding="utf-8")
    start, end = text.index("begin 644"), text.index("</PDF>")
    text = text[:start] + "not uuencoded\n" + text[end:]
    body, _ = _document(text, "TEXT-EXTRACT")
    broken = tmp_path / "apple.txt"
    broken.write_text(text.replace(body, "\n \n"), encoding="utf-8")
    assert [str(r) for r in iter_letters([broken])] == [
        str(InputError(broken, "document 1 (filename1.pdf): cannot decode the uuencoded PDF")),
        str(InputError(broken, "document 2 (filename2.txt): empty document")),
    ]


# --- every form of the letter gives the same answers -----------------------------------------------

def _forms_of(path: Path) -> dict[str, Letter]:
    """The staff letter of a submission read from its PDF, its text extract (raw and de-wrapped) and
    (where poppler is installed) pdftotext's output of the same PDF."""
    text = path.read_text(encoding="utf-8")
    (letter,) = read_path(path)
    forms = {"submission": letter}
    body, name = _document(text, "TEXT-EXTRACT")
    extract, _ = _submission_document(body, name, path)
    forms["extract"] = Letter(letter.id, str(path), extract, "text", letter.meta)
    forms["extract-dewrapped"] = Letter(letter.id, str(path), dewrap(extract), "text", letter.meta)
    if shutil.which("pdftotext"):
        pdf_body, _ = _document(text, "LETTER")
        pdf = _uudecode(pdf_body)
        assert pdf is not None and pdf.startswith(b"%PDF-")
        out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True,
                             check=True).stdout.decode("utf-8")
        forms["pdftotext"] = Letter(letter.id, str(path), out, "pdf", letter.meta)
    return forms


def _staff_submissions() -> list[Path]:
    found = sorted(SAMPLES.glob("*/0000000000-*/*.txt")) if SAMPLES.is_dir() else []
    return [APPLE, *found]


@pytest.mark.parametrize("path", _staff_submissions(), ids=lambda p: p.stem)
def test_every_form_of_a_staff_letter_gives_the_same_answers(path, extractor):
    forms = _forms_of(path)
    if "pdftotext" not in forms:
        pytest.skip("pdftotext (Debian package poppler-utils) is not installed")
    answers = {name: _answers(extractor, letter) for name, letter in forms.items()}
    for name, got in answers.items():
        assert got == answers["submission"], name
    assert answers["submission"]["kind"] == "staff"


def test_apple_letter_answers(extractor):
    got = _answers(extractor, read_path(APPLE)[0])
    assert got["letter_date"] == "2024-04-02" and got["company"] == "Apple Inc."
    assert got["comment_count"] == 2
    assert got["staff_contacts"] == ["Kathleen Collins", "Melissa Kindelan"]
    assert got["addressees"] == ["Luca Maestri"]
    assert got["prior_letter_dates"] == ["2024-03-06", "2024-03-20"]
    assert got["asc"] == ["280-10-50-40"]
    assert got["file_numbers"] == ["001-36743"]


#: Each sample submission of ../shared/edgar: its kind, the date printed on it and its company, as
#: read from the letter (the ALLTEL request is dated the day before EDGAR's filing date).
SAMPLE_ANSWERS = {
    "0000000000-24-003505": ("staff", "2024-04-02", "Apple Inc."),
    "0000320193-24-000061": ("response", "2024-04-29", "Apple Inc."),
    "0000000000-24-005673": ("staff", "2024-05-16", "Apple Inc."),
    "0000000000-26-001655": ("staff", "2026-02-18", "Nuvectis Pharma, Inc."),
    "0001104659-26-017097": ("response", "2026-02-18", "Nuvectis Pharma, Inc."),
    "0000065873-05-000060": ("response", "2005-06-22", "ALLTEL Corporation"),
}


@pytest.mark.parametrize("accession", sorted(SAMPLE_ANSWERS))
def test_every_edgar_sample_is_one_letter(accession, extractor):
    found = sorted(SAMPLES.glob(f"*/*/{accession}.txt")) if SAMPLES.is_dir() else []
    if not found:
        pytest.skip(f"no EDGAR samples at {SAMPLES}")
    results = list(iter_letters(found[:1]))
    assert len(results) == 1 and isinstance(results[0], Letter), results
    (letter,) = results
    assert letter.id == accession
    got = _answers(extractor, letter)
    assert (got["kind"], got["letter_date"], got["company"]) == SAMPLE_ANSWERS[accession]


def test_apple_response_names_the_staff_letter_it_answers(extractor):
    # The response names the staff letter it answers by its sender, with the defined terms in
    # parentheses, between the word "letter" and the date: a sender chain (asckg.nlp.anatomy.priors).
    found = sorted(SAMPLES.glob("*/*/0000320193-24-000061.txt")) if SAMPLES.is_dir() else []
    if not found:
        pytest.skip(f"no EDGAR samples at {SAMPLES}")
    (letter,) = read_path(found[0])
    assert _answers(extractor, letter)["prior_letter_dates"] == ["2024-03-20", "2024-04-02"]
