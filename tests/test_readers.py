"""Reading letters from files: every format, the encodings, and every kind of bad input.

The letter text is from SEC staff letters (public domain): the September 14, 2016 letter to Agilent
Technologies (1090872_0000000000-16-092800) and the May 19, 2022 letter to DoorDash
(1792789_0000000000-22-005549). PDFs are made at test time by tests/data/readers/make_fixtures.py.
"""

from __future__ import annotations

import importlib.util
import io
import os
from pathlib import Path

import pytest

from asckg.core.errors import AsckgError, InputError
from asckg.nlp.readers import Letter, decode_text, html_to_text, iter_letters, pdf_to_text, read_path

READERS = Path(__file__).resolve().parent / "data" / "readers"
_spec = importlib.util.spec_from_file_location("readers_fixtures", READERS / "make_fixtures.py")
fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fixtures)

AGILENT = READERS / "1090872_0000000000-16-092800.txt"
#: Sentences of the Agilent letter, with the typographic apostrophe of the original.
SENTENCE = "activities upon a company\u2019s reputation and share value."
PAGE_1 = (
    "Didier Hirsch\nSenior Vice President and Chief Financial Officer\nAgilent Technologies, Inc.\n"
    "Section 3.13 of a September 15, 2014 credit agreement filed as Exhibit 10.1 to your Form"
)
PAGE_2 = "Didier Hirsch\nAgilent Technologies, Inc.\nSeptember 14, 2016\nPage 2\n" + SENTENCE


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def one(path: Path) -> Letter:
    letters = read_path(path)
    assert len(letters) == 1
    return letters[0]


def problem(path: Path) -> str:
    with pytest.raises(InputError) as info:
        read_path(path)
    err = info.value
    assert err.path == str(path)
    assert str(err) == f"{path}: {err.problem}" and "\n" not in str(err)
    return err.problem


# --- errors ---------------------------------------------------------------------------------------

def test_input_error_is_one_line_naming_the_file():
    err = InputError("letters/a.pdf", "damaged PDF (xref\ntable broken)")
    assert str(err) == "letters/a.pdf: damaged PDF (xref table broken)"
    assert isinstance(err, AsckgError) and err.path == "letters/a.pdf"


# --- text and markdown ----------------------------------------------------------------------------

def test_plain_text_letter_with_corpus_file_name():
    letter = one(AGILENT)
    assert letter.id == "1090872_0000000000-16-092800"
    assert letter.fmt == "text"
    assert letter.meta == {"cik": "1090872", "accession": "0000000000-16-092800"}
    assert SENTENCE in letter.text
    assert letter.text == AGILENT.read_text(encoding="utf-8")


def test_markdown_is_read_as_is(tmp_path):
    text = "## UNITED STATES SECURITIES AND EXCHANGE COMMISSION\n\n**Re:** Interactive Intelligence Group, Inc.\n"
    letter = one(write(tmp_path, "000_1ae12daddb492283.md", text))
    assert (letter.id, letter.fmt, letter.text, letter.meta) == ("000_1ae12daddb492283", "markdown", text, {})


def test_crlf_line_ends_become_newlines(tmp_path):
    letter = one(write(tmp_path, "a.txt", b"Dear Mr. Hirsch:\r\nWe have limited our review\r\n"))
    assert letter.text == "Dear Mr. Hirsch:\nWe have limited our review\n"


@pytest.mark.parametrize(
    "data, encoding",
    [
        pytest.param(SENTENCE.encode("utf-8"), None, id="utf-8"),
        pytest.param(b"\xef\xbb\xbf" + SENTENCE.encode("utf-8"), None, id="utf-8-bom"),
        pytest.param(SENTENCE.encode("utf-16"), "utf-16", id="utf-16-bom"),
        pytest.param(SENTENCE.encode("cp1252"), "cp1252", id="cp1252"),
    ],
)
def test_encodings(tmp_path, data, encoding):
    letter = one(write(tmp_path, "letter.txt", data))
    assert letter.text == SENTENCE
    assert letter.meta.get("encoding") == encoding


def test_cp1252_latin_letters_are_not_misread_as_another_code_page():
    # charset-normalizer alone reads these bytes as cp1250 ("naďve"); cp1252 is the stated fallback.
    text, encoding = decode_text("na\u00efve caf\u00e9 \u2014 the staff\u2019s comment".encode("cp1252"))
    assert (text, encoding) == ("na\u00efve caf\u00e9 \u2014 the staff\u2019s comment", "cp1252")


def test_invalid_utf8_is_decoded_with_a_stated_fallback(tmp_path):
    data = "We note your response to comment 1 \u2013 ASC 606-10-25-19.".encode("utf-8")[:-3] + b"\xc3(\n"
    letter = one(write(tmp_path, "broken.txt", data))
    assert letter.meta["encoding"] == "cp1252"
    assert letter.text.startswith("We note your response to comment 1 \u00e2\u20ac\u201c ASC 606-10-25")


@pytest.mark.parametrize(
    "name, data, message",
    [
        pytest.param("empty.txt", b"", "empty file (0 bytes)", id="zero-bytes"),
        pytest.param("blank.txt", b" \n\t\r\n  ", "empty file (only whitespace)", id="whitespace"),
        pytest.param("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file (binary data: NUL bytes)",
                     id="png-named-txt"),
        pytest.param("control.txt", bytes(range(1, 9)) * 50, "not a text file (binary data: control characters)",
                     id="control-chars"),
    ],
)
def test_not_a_letter(tmp_path, name, data, message):
    assert problem(write(tmp_path, name, data)) == message


# --- HTML -----------------------------------------------------------------------------------------

def test_html_text_with_line_breaks_without_scripts_and_styles(tmp_path):
    html = (
        "<!DOCTYPE html><html><head><title>CORRESP</title><style>p {color: red}</style>"
        "<script>var ASC = '999-99';</script></head><body>"
        "<div><p>Dear&nbsp;Mr. Hirsch:</p><p>Refer to ASC&#160;606-10-25-19 &amp; <b>ASC 842</b>.</p>"
        "<table><tr><td>Form</td><td>10-K</td></tr></table><ul><li>first</li><li>second</li></ul>"
        "line one<br>line   two</div><script>document.write('ASC 000')</script></body></html>"
    )
    letter = one(write(tmp_path, "letter.htm", html))
    assert letter.fmt == "html"
    lines = [line for line in letter.text.split("\n") if line]
    assert lines == ["Dear Mr. Hirsch:", "Refer to ASC 606-10-25-19 & ASC 842.", "Form 10-K", "first", "second",
                     "line one", "line two"]
    assert "999" not in letter.text and "color" not in letter.text and "CORRESP" not in letter.text


def test_html_named_txt_is_read_as_html(tmp_path):
    letter = one(write(tmp_path, "filename1.txt", "<html><body><p>Dear Mr. Adarkar:</p></body></html>"))
    assert (letter.fmt, letter.text) == ("html", "Dear Mr. Adarkar:\n")


def test_text_that_merely_mentions_tags_stays_text(tmp_path):
    text = "We note your disclosure that <b> denotes bold on page 12.\n"
    assert one(write(tmp_path, "a.txt", text)).fmt == "text"


def test_deeply_nested_html_does_not_crash():
    depth = 10_000
    html = "<html><body>" + "<div>" * depth + "ASC 606-10-25-19" + "</div>" * depth + "<p>end</p></body></html>"
    assert [line for line in html_to_text(html).split("\n") if line] == ["ASC 606-10-25-19", "end"]


def test_html_without_text_is_an_error(tmp_path):
    assert problem(write(tmp_path, "a.html", "<html><head><script>x()</script></head><body> </body></html>")) \
        == "no text in HTML"


# --- PDF ------------------------------------------------------------------------------------------

def test_pdf_text_layer_page_by_page(tmp_path):
    letter = one(write(tmp_path, "filename1.pdf", fixtures.text_pdf([PAGE_1, PAGE_2])))
    assert letter.fmt == "pdf" and letter.id == "filename1"
    # Like pdftotext: every page ends with a newline and a form feed.
    assert letter.text == PAGE_1 + "\n\f" + PAGE_2 + "\n\f"


def test_pdf_is_sniffed_whatever_its_name(tmp_path):
    assert one(write(tmp_path, "letter.txt", fixtures.text_pdf([PAGE_2]))).fmt == "pdf"


def test_pdf_without_text_layer(tmp_path):
    assert problem(write(tmp_path, "scan.pdf", fixtures.image_pdf())) == \
        "PDF has no text layer (scanned image?); run OCR first"


def test_encrypted_pdf(tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(fixtures.text_pdf([PAGE_1]))))
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    assert problem(write(tmp_path, "locked.pdf", out.getvalue())) == "PDF is encrypted with a password; decrypt it first"


def test_pdf_encrypted_without_user_password_is_read(tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(fixtures.text_pdf([PAGE_1]))))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    assert one(write(tmp_path, "owner-only.pdf", out.getvalue())).text == PAGE_1 + "\n\f"


@pytest.mark.parametrize("fraction", [0.3, 0.6, 0.9])
def test_truncated_pdf(tmp_path, fraction):
    data = fixtures.text_pdf([PAGE_1, PAGE_2])
    message = problem(write(tmp_path, "cut.pdf", data[: int(len(data) * fraction)]))
    assert message.startswith("damaged or truncated PDF (")


def test_pdf_name_without_pdf_content(tmp_path):
    assert problem(write(tmp_path, "filename1.pdf", "<html>Not Found</html>")) == "not a PDF (no %PDF- header)"


def test_pdf_to_text_takes_bytes():
    assert pdf_to_text(fixtures.text_pdf([PAGE_2])) == PAGE_2 + "\n\f"


# --- EDGAR full submissions -----------------------------------------------------------------------

def test_edgar_submission_with_uuencoded_pdf():
    letter = one(READERS / "0000000000-16-092800.txt")
    assert letter.id == "0000000000-16-092800"
    assert letter.fmt == "pdf"
    assert letter.meta == {
        "accession": "0000000000-16-092800", "form_type": "UPLOAD", "filing_date": "2016-09-14",
        "cik": "1090872", "company": "AGILENT TECHNOLOGIES INC",
        "filename": "filename1.pdf", "document_type": "LETTER",
        "sec_file_number": "001-15405", "dissemination_date": "2016-09-14",
    }
    assert SENTENCE in letter.text
    assert "Didier Hirsch\nAgilent Technologies, Inc.\nSeptember 14, 2016\nPage 2\n" in letter.text


def test_edgar_submission_with_several_documents_is_one_letter():
    letters = read_path(READERS / "0000000000-22-005549.txt")
    # The GRAPHIC (sequence 2) is skipped; the two letter documents (the letter's two pages) are one
    # letter named by the file, the second after a page break.
    assert [(x.id, x.fmt) for x in letters] == [("0000000000-22-005549", "text")]
    (letter,) = letters
    assert letter.meta["cik"] == "1792789" and letter.meta["company"] == "DOORDASH, INC."
    assert letter.meta["filename"] == "filename1.txt" and "document" not in letter.meta
    assert "<PAGE>" not in letter.text  # an old-style page break
    assert "permitted under Rule 100(b) of\n\n\fPrabir Adarkar\nDoorDash, Inc.\nMay 19, 2022\nPage 2\nRegulation G." \
        in letter.text
    assert letter.text.count("\f") == 2  # the <PAGE> line of document 1, and the start of document 3
    assert "Item 10(e)(1)(i)(A) of" in letter.text.split("\f")[0]
    assert "Regulation G. Refer to Question 100.01" in letter.text.split("\f")[-1]
    assert "document.title" not in letter.text


@pytest.mark.parametrize(
    "old, new, message",
    [
        pytest.param("ACCESSION NUMBER:\t\t0000000000-22-005549\n", "", "broken EDGAR header: no ACCESSION NUMBER",
                     id="no-accession"),
        pytest.param("ACCESSION NUMBER:\t\t0000000000-22-005549", "ACCESSION NUMBER:\t\t22-5549",
                     "broken EDGAR header: malformed ACCESSION NUMBER '22-5549'", id="bad-accession"),
        pytest.param("FILED AS OF DATE:\t\t20220519", "FILED AS OF DATE:\t\t2022-05-19",
                     "broken EDGAR header: malformed FILED AS OF DATE '2022-05-19'", id="bad-date"),
        pytest.param("</SEC-HEADER>", "", "broken EDGAR header: <SEC-HEADER> is never closed", id="unclosed"),
    ],
)
def test_edgar_broken_header(tmp_path, old, new, message):
    text = (READERS / "0000000000-22-005549.txt").read_text(encoding="utf-8")
    assert old in text
    assert problem(write(tmp_path, "0000000000-22-005549.txt", text.replace(old, new, 1))) == message


def test_edgar_truncated_submission_keeps_the_complete_documents(tmp_path):
    text = (READERS / "0000000000-22-005549.txt").read_text(encoding="utf-8")
    path = write(tmp_path, "cut.txt", text[: text.index("<TYPE>LETTER\n<SEQUENCE>3") + 200])
    results = list(iter_letters([path]))
    assert isinstance(results[0], Letter) and results[0].id == "cut"
    assert results[0].text.count("\f") == 1  # document 1 alone
    assert results[1] == InputError(path, "document 3 (filename3.htm): no complete <TEXT> (truncated submission?)")
    with pytest.raises(InputError):
        read_path(path)


def test_edgar_pdf_document_without_text_layer(tmp_path):
    text = (READERS / "0000000000-16-092800.txt").read_text(encoding="utf-8")
    start, end = text.index("begin 644"), text.index("</PDF>")
    path = write(tmp_path, "scan.txt", text[:start] + fixtures.uuencode(fixtures.image_pdf(), "filename1.pdf") + "\n"
                 + text[end:])
    assert problem(path) == \
        "document 1 (filename1.pdf): PDF has no text layer (scanned image?); run OCR first"


# --- directories and batches ----------------------------------------------------------------------

def test_directory_recursion_keeps_going_past_bad_files(tmp_path):
    write(tmp_path, "b/1090872_0000000000-16-092800.txt", AGILENT.read_bytes())
    write(tmp_path, "a/empty.txt", b"")
    write(tmp_path, "a/scan.pdf", fixtures.image_pdf())
    write(tmp_path, "a/z/letter.html", "<p>Dear Mr. Hirsch:</p>")
    write(tmp_path, "a/notes.json", b"{}")  # not a letter format: skipped
    write(tmp_path, "a/.hidden.txt", "hidden")  # hidden: skipped
    write(tmp_path, ".git/HEAD.txt", "ref")  # hidden directory: skipped
    results = list(iter_letters([tmp_path]))
    assert [(type(r).__name__, Path(r.path).relative_to(tmp_path).as_posix()) for r in results] == [
        ("InputError", "a/empty.txt"),
        ("InputError", "a/scan.pdf"),
        ("Letter", "a/z/letter.html"),
        ("Letter", "b/1090872_0000000000-16-092800.txt"),
    ]
    assert results[0].problem == "empty file (0 bytes)"


def test_named_paths_in_order_with_missing_file(tmp_path):
    missing = tmp_path / "missing.txt"
    results = list(iter_letters([AGILENT, missing, str(READERS / "0000000000-16-092800.txt")]))
    assert [r.id if isinstance(r, Letter) else str(r) for r in results] == [
        "1090872_0000000000-16-092800", f"{missing}: no such file", "0000000000-16-092800"]


def test_symlink_loop(tmp_path):
    write(tmp_path, "letters/a.txt", "Dear Mr. Hirsch:\n")
    os.symlink(tmp_path / "letters", tmp_path / "letters" / "loop")
    os.symlink("self.txt", tmp_path / "letters" / "self.txt")
    results = list(iter_letters([tmp_path / "letters"]))
    assert [str(r) if isinstance(r, InputError) else r.id for r in results] == [
        "a",
        f"{tmp_path / 'letters' / 'loop'}: symbolic link loop (directory already read)",
        f"{tmp_path / 'letters' / 'self.txt'}: symbolic link loop",
    ]
    with pytest.raises(InputError, match="symbolic link loop"):
        read_path(tmp_path / "letters" / "self.txt")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file(tmp_path):
    path = write(tmp_path, "locked.txt", "Dear Mr. Hirsch:\n")
    path.chmod(0)
    try:
        assert [str(r) for r in iter_letters([path])] == [f"{path}: permission denied"]
    finally:
        path.chmod(0o644)


def test_unreadable_file_whoever_runs_the_tests(tmp_path, monkeypatch):
    import asckg.nlp.readers.files as reader_files

    path = write(tmp_path, "locked.txt", "Dear Mr. Hirsch:\n")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(reader_files, "open", refuse, raising=False)
    assert [str(r) for r in iter_letters([path, AGILENT])][:1] == [f"{path}: permission denied"]


def test_read_path_of_a_directory_is_an_error(tmp_path):
    assert problem(tmp_path) == "is a directory (use iter_letters to read a directory)"
