"""Write the reader fixtures of tests/data/readers from real SEC staff letters.

Run ``python tests/data/readers/make_fixtures.py`` from the repository with ../shared/corpus beside
it. The letters are SEC staff letters (accession 0000000000-...), works of US federal employees in
the public domain, as pdftotext made them for the corpus:

- 1090872_0000000000-16-092800.txt: staff letter to Agilent Technologies, September 14, 2016
  (https://www.sec.gov/Archives/edgar/data/1090872/000000000016092800/filename1.pdf), copied.
- 0000000000-16-092800.txt: the same letter as an EDGAR full submission, its PDF rebuilt from the
  text (one PDF page per pdftotext page) and uuencoded the way EDGAR embeds PDFs.
- 0000000000-22-005549.txt: the staff letter to DoorDash of May 19, 2022
  (https://www.sec.gov/Archives/edgar/data/1792789/000000000022005549/filename1.pdf), written as
  an older-style submission: the letter as a text document with <PAGE> breaks, a GRAPHIC that a
  reader must skip, and the letter's last page again as an HTML document. The header follows EDGAR's public
  dissemination format; its values (filing date, CIK, name) are the letter's, written by hand.

The tests import :func:`text_pdf` and :func:`image_pdf` from here to make PDFs at test time.
"""

from __future__ import annotations

import binascii
import io
import shutil
import sys
from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, NumberObject

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parents[2].parent / "shared" / "corpus" / "letters"


def _escape(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def text_pdf(pages: list[str]) -> bytes:
    """A PDF whose pages carry ``pages`` as a text layer (Helvetica, WinAnsi), one line per line."""
    writer = PdfWriter()
    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"), NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
    }))
    for text in pages:
        page = writer.add_blank_page(612, 792)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
        ops = ["BT", "/F1 10 Tf", "12 TL", "54 740 Td"]
        ops += [f"({_escape(line)}) Tj T*" for line in text.split("\n")]
        ops.append("ET")
        stream = DecodedStreamObject()
        stream.set_data("\n".join(ops).encode("cp1252", errors="replace"))
        page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image_pdf() -> bytes:
    """A one-page PDF with only a drawn shape, like a scan: no text layer."""
    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    stream = DecodedStreamObject()
    stream.set_data(b"0.5 g 72 500 300 200 re f 0 G 72 400 m 400 400 l S")
    page[NameObject("/Contents")] = writer._add_object(stream)
    page[NameObject("/MediaBox")] = ArrayObject([NumberObject(0), NumberObject(0), NumberObject(612), NumberObject(792)])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def uuencode(data: bytes, name: str) -> str:
    """``data`` uuencoded as EDGAR embeds a PDF ("begin 644 name" ... "end")."""
    lines = [f"begin 644 {name}"]
    lines += [binascii.b2a_uu(data[i:i + 45]).decode("ascii").rstrip("\n") for i in range(0, len(data), 45)]
    lines += ["`", "end"]
    return "\n".join(lines)


def _header(accession: str, form: str, count: int, filed: str, name: str, cik: str, file_no: str) -> str:
    return (
        f"<SEC-DOCUMENT>{accession}.txt : {filed}\n"
        f"<SEC-HEADER>{accession}.hdr.sgml : {filed}\n"
        f"<ACCEPTANCE-DATETIME>{filed}120000\n"
        f"ACCESSION NUMBER:\t\t{accession}\n"
        f"CONFORMED SUBMISSION TYPE:\t{form}\n"
        f"PUBLIC DOCUMENT COUNT:\t\t{count}\n"
        f"FILED AS OF DATE:\t\t{filed}\n"
        f"DATE AS OF CHANGE:\t\t{filed}\n\n"
        "FILED FOR:\n\n"
        "\tCOMPANY DATA:\t\n"
        f"\t\tCOMPANY CONFORMED NAME:\t\t\t{name}\n"
        f"\t\tCENTRAL INDEX KEY:\t\t\t{cik}\n\n"
        "\tFILING VALUES:\n"
        f"\t\tFORM TYPE:\t\t{form}\n"
        f"\t\tSEC FILE NUMBER:\t{file_no}\n"
        "</SEC-HEADER>\n"
    )


def agilent_submission(letter: str) -> str:
    pages = [p.strip("\n") for p in letter.split("\f") if p.strip()]
    pdf = text_pdf(pages)
    return (
        _header("0000000000-16-092800", "UPLOAD", 1, "20160914", "AGILENT TECHNOLOGIES INC", "0001090872", "001-15405")
        + "<DOCUMENT>\n<TYPE>LETTER\n<SEQUENCE>1\n<FILENAME>filename1.pdf\n<DESCRIPTION>LETTER\n<TEXT>\n<PDF>\n"
        + uuencode(pdf, "filename1.pdf")
        + "\n</PDF>\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n"
    )


def doordash_submission(letter: str) -> str:
    pages = [p.strip("\n") for p in letter.split("\f") if p.strip()]
    body, closing = "\n<PAGE>\n".join(pages), pages[-1]
    html = "<html><head><title>UPLOAD</title><style>p {margin: 0}</style></head><body>\n" + "".join(
        f"<p>{line.replace('&', '&amp;')}</p>\n" for line in closing.split("\n") if line.strip()
    ) + "<script>document.title = 'x';</script></body></html>"
    return (
        _header("0000000000-22-005549", "UPLOAD", 3, "20220519", "DOORDASH, INC.", "0001792789", "001-39759")
        + "<DOCUMENT>\n<TYPE>LETTER\n<SEQUENCE>1\n<FILENAME>filename1.txt\n<TEXT>\n" + body + "\n</TEXT>\n</DOCUMENT>\n"
        + "<DOCUMENT>\n<TYPE>GRAPHIC\n<SEQUENCE>2\n<FILENAME>seal.jpg\n<TEXT>\n"
        + uuencode(b"\xff\xd8\xff\xe0 not really a jpeg", "seal.jpg") + "\n</TEXT>\n</DOCUMENT>\n"
        + "<DOCUMENT>\n<TYPE>LETTER\n<SEQUENCE>3\n<FILENAME>filename3.htm\n<TEXT>\n" + html + "\n</TEXT>\n</DOCUMENT>\n"
        + "</SEC-DOCUMENT>\n"
    )


def main() -> int:
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 1
    agilent = CORPUS / "1090872_0000000000-16-092800.txt"
    shutil.copyfile(agilent, HERE / agilent.name)
    letter = agilent.read_text(encoding="utf-8")
    (HERE / "0000000000-16-092800.txt").write_text(agilent_submission(letter), encoding="utf-8")
    doordash = (CORPUS / "1792789_0000000000-22-005549.txt").read_text(encoding="utf-8")
    (HERE / "0000000000-22-005549.txt").write_text(doordash_submission(doordash), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
