"""EDGAR full submissions (``.txt``): the SGML header's metadata and each letter document inside."""

from __future__ import annotations

import binascii
import os
import re
from pathlib import Path
from typing import Any

from asckg.core.errors import InputError
from asckg.nlp.readers.dewrap import dewrap
from asckg.nlp.readers.html import html_to_text
from asckg.nlp.readers.letter import Letter, _letter
from asckg.nlp.readers.pdf import pdf_to_text

_SUBMISSION_SNIFF = re.compile(r"^<SEC-HEADER>|^<SEC-DOCUMENT>|^ACCESSION NUMBER:", re.M)
#: Header keys (EDGAR's public dissemination header) and the metadata they become.
_HEADER_KEYS = {
    "ACCESSION NUMBER": "accession", "CONFORMED SUBMISSION TYPE": "form_type",
    "FILED AS OF DATE": "filing_date", "CENTRAL INDEX KEY": "cik", "COMPANY CONFORMED NAME": "company",
    "STANDARD INDUSTRIAL CLASSIFICATION": "sic", "STATE OF INCORPORATION": "state_of_incorporation",
    "FISCAL YEAR END": "fiscal_year_end", "ORGANIZATION NAME": "review_office",
    "SEC FILE NUMBER": "sec_file_number", "PUBLIC REFERENCE ACCESSION NUMBER": "public_reference_accession",
}
#: The day EDGAR made the submission public: the date after " : " on its first header lines
#: ("<SEC-DOCUMENT>0000000000-24-003505.txt : 20240614"), weeks or months after FILED AS OF DATE.
_DISSEMINATED = re.compile(r"^<SEC-(?:DOCUMENT|HEADER)>[^\n]*? : (\d{8})[ \t]*$", re.M)
#: "ELECTRONIC COMPUTERS [3571]": the SIC code's title, then the code.
_SIC = re.compile(r"(?P<title>.*?)\s*\[(?P<code>\d{3,4})\]")
_HEADER_LINE = re.compile(r"^[ \t]*(?P<key>[A-Z][A-Z0-9 -]{2,60}?):[ \t]*(?P<value>[^\n]*?)[ \t]*$", re.M)
_DOC_TAG = re.compile(r"^<(?P<tag>TYPE|SEQUENCE|FILENAME|DESCRIPTION)>[ \t]*(?P<value>[^\n<]*)", re.M)
#: Documents of a submission that are not letter text: images, archives, data files.
_SKIP_TYPES = frozenset({"GRAPHIC", "ZIP", "EXCEL", "XML", "JSON", "PDF-GRAPHIC"})
_SKIP_EXTENSIONS = frozenset({".jpg", ".jpeg", ".gif", ".png", ".zip", ".xls", ".xlsx", ".xml", ".json",
                              ".xsd", ".css", ".js"})
_HTML_BODY = re.compile(r"<(?:html|body|p|div|table|font|br)\b", re.I)


def _is_submission(text: str) -> bool:
    """True for an EDGAR full submission (.txt): it opens with <SEC-DOCUMENT> or has an SGML header."""
    return bool(_SUBMISSION_SNIFF.search(text[:8192]))


def _submission_meta(text: str, path: Path) -> dict[str, str]:
    """Accession, form type, filing date, CIK and company from the submission's SGML header, and
    the company's SIC code and title, state of incorporation and fiscal year end, the staff office,
    SEC file number, the filing under review and the day the submission was made public."""
    start = text.find("<SEC-HEADER>")
    if start >= 0:
        end = text.find("</SEC-HEADER>", start)
        if end < 0:
            raise InputError(path, "broken EDGAR header: <SEC-HEADER> is never closed")
        header = text[start:end]
    else:
        end = text.find("<DOCUMENT>")
        header = text[: end if end >= 0 else 20000]
    meta: dict[str, str] = {}
    for m in _HEADER_LINE.finditer(header):
        key = _HEADER_KEYS.get(m["key"])
        if key and key not in meta and m["value"]:
            meta[key] = m["value"]
    accession = meta.get("accession")
    if accession is None:
        raise InputError(path, "broken EDGAR header: no ACCESSION NUMBER")
    if not re.fullmatch(r"\d{10}-\d{2}-\d{6}", accession):
        raise InputError(path, f"broken EDGAR header: malformed ACCESSION NUMBER {accession!r}")
    if "filing_date" in meta:
        d = meta["filing_date"]
        ymd = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", d)
        if not ymd or not ("01" <= ymd[2] <= "12" and "01" <= ymd[3] <= "31"):
            raise InputError(path, f"broken EDGAR header: malformed FILED AS OF DATE {d!r}")
        meta["filing_date"] = f"{ymd[1]}-{ymd[2]}-{ymd[3]}"
    if "cik" in meta:
        if not meta["cik"].isdigit():
            raise InputError(path, f"broken EDGAR header: malformed CENTRAL INDEX KEY {meta['cik']!r}")
        meta["cik"] = str(int(meta["cik"]))
    _header_facts(meta, text[: end if end >= 0 else 20000])
    return meta


def _header_facts(meta: dict[str, str], header: str) -> None:
    """The header's facts about the company and the review, tidied; a value of an unexpected shape
    is dropped rather than failing the letter (these are facts about it, not its text)."""
    sic = _SIC.fullmatch(meta.pop("sic", ""))
    if sic and int(sic["code"]):  # "[0000]" is EDGAR's "no SIC code"
        meta["sic_code"] = sic["code"]
        if sic["title"]:
            meta["sic_title"] = sic["title"]
    if not re.fullmatch(r"(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])", meta.get("fiscal_year_end", "")):
        meta.pop("fiscal_year_end", None)
    if not re.fullmatch(r"[A-Z][A-Z0-9]", meta.get("state_of_incorporation", "")):
        meta.pop("state_of_incorporation", None)
    office = re.sub(r"^\d+\s+", "", meta.pop("review_office", "")).strip()
    if office:  # "06 Technology": the office's number, then its name
        meta["review_office"] = office if office.lower().startswith("office") else f"Office of {office}"
    if not re.fullmatch(r"\d{10}-\d{2}-\d{6}", meta.get("public_reference_accession", "")):
        meta.pop("public_reference_accession", None)
    if not re.fullmatch(r"[0-9]{1,4}-[0-9]{1,8}(-[0-9A-Z]+)?", meta.get("sec_file_number", "")):
        meta.pop("sec_file_number", None)
    m = _DISSEMINATED.search(header)
    if m:
        day = f"{m[1][:4]}-{m[1][4:6]}-{m[1][6:]}"
        if "01" <= day[5:7] <= "12" and "01" <= day[8:] <= "31":
            meta["dissemination_date"] = day


#: Document types that render another document of the submission (EDGAR's plain-text extract of the
#: staff letter's PDF): read only when that document cannot be.
_RENDERING_TYPES = frozenset({"TEXT-EXTRACT"})
#: File stems that say nothing about the letter (EDGAR's own document names, generic download
#: names): such a submission is named by its accession instead.
_GENERIC_STEM = re.compile(r"(?i)(?:file ?name|document|doc|submission|full[-_ ]?submission|complete[-_ ]?"
                           r"submission|full[-_ ]?text|letter|corresp|upload|index)?[-_ ]?\d*")


def _submission_id(path: Path, accession: str) -> str:
    """The id of a submission's letter: its file stem, or its accession where the stem is generic."""
    return accession if _GENERIC_STEM.fullmatch(path.stem) else path.stem


def _read_submission(text: str, path: Path, base: dict[str, str]) -> list[Letter | InputError]:
    """The one letter of an EDGAR full submission, with the header's metadata.

    A submission is one letter, named by the file stem (:func:`_submission_id`). Its text is the
    first letter document followed by any further text documents (a letter split over documents,
    an annex), each after a page break. A staff letter's PDF is read by its text layer; EDGAR's
    plain-text extract of it (``TEXT-EXTRACT``, hard-wrapped) is read only when the PDF cannot be,
    de-wrapped. Text documents are read as text (an old-style ``<PAGE>`` line becomes a form feed),
    HTML as HTML; images, archives and data files are skipped. A document that cannot be read
    becomes an InputError naming it, beside the letter when other documents could be read.
    """
    meta = {**base, **_submission_meta(text, path)}
    docs: list[tuple[dict[str, str], Any]] = []  # (tags, body or None: cut off)
    pos = 0
    while (start := text.find("<DOCUMENT>", pos)) >= 0:
        end = text.find("</DOCUMENT>", start)
        chunk = text[start + len("<DOCUMENT>"): end if end >= 0 else len(text)]
        pos = end + 1 if end >= 0 else len(text)
        body_at = chunk.find("<TEXT>")
        tags = {m["tag"]: m["value"].strip() for m in _DOC_TAG.finditer(chunk[: body_at if body_at >= 0 else None])}
        if body_at < 0:
            docs.append((tags, None))
            continue
        body_end = chunk.rfind("</TEXT>")
        body = chunk[body_at + len("<TEXT>"): body_end if body_end > body_at else len(chunk)]
        if end < 0 or body_end <= body_at:
            docs.append((tags, None))  # cut off: the submission is truncated
            continue
        kind = tags.get("TYPE", "").upper()
        ext = os.path.splitext(tags.get("FILENAME", ""))[1].lower()
        if kind in _SKIP_TYPES or kind.startswith("EX-101") or ext in _SKIP_EXTENSIONS:
            continue
        docs.append((tags, body))
    if not docs:
        raise InputError(path, "EDGAR submission has no letter document")
    # Each document in order: its tags, text and format, or the error reading it.
    letters: list[tuple[dict[str, str], str, str] | InputError] = []
    renderings: list[tuple[dict[str, str], str, str] | InputError] = []
    for number, (tags, body) in enumerate(docs, 1):
        seq = tags.get("SEQUENCE") or str(number)
        name = tags.get("FILENAME", "")
        label = f"document {seq}" + (f" ({name})" if name else "")
        rendering = tags.get("TYPE", "").upper() in _RENDERING_TYPES
        into = renderings if rendering else letters
        if body is None:
            into.append(InputError(path, f"{label}: no complete <TEXT> (truncated submission?)"))
            continue
        try:
            doc_text, fmt = _submission_document(body, name, path)
        except InputError as exc:
            into.append(InputError(path, f"{label}: {exc.problem}"))
            continue
        if not doc_text.strip():
            into.append(InputError(path, f"{label}: empty document"))
            continue
        into.append(({**tags, "label": label}, dewrap(doc_text) if rendering else doc_text, fmt))
    usable = [r for r in renderings if not isinstance(r, InputError)]
    if usable and (not letters or isinstance(letters[0], InputError)):
        # The letter document itself cannot be read (or is absent): its rendering stands in for it.
        letters[:1] = usable[:1]
    errors = [r for r in letters if isinstance(r, InputError)]
    read = [r for r in letters if not isinstance(r, InputError)]
    if not read:
        return [*errors, *(r for r in renderings if isinstance(r, InputError))]
    first_tags, _, fmt = read[0]
    letter_meta = dict(meta)
    for tag, key in (("FILENAME", "filename"), ("TYPE", "document_type")):
        if first_tags.get(tag):
            letter_meta[key] = first_tags[tag]
    body = "".join(t if i == len(read) - 1 else t.rstrip("\n") + "\n\f"
                   for i, (_, t, _) in enumerate(read))
    try:
        letter: Letter | InputError = _letter(_submission_id(path, meta["accession"]), path, body, fmt, letter_meta)
    except InputError as exc:
        labels = ", ".join(tags["label"] for tags, _, _ in read)
        letter = InputError(path, f"{labels}: {exc.problem}")
    return [letter, *errors]


def _submission_document(body: str, name: str, path: Path) -> tuple[str, str]:
    """The text and format of one document body of a submission."""
    ext = os.path.splitext(name)[1].lower()
    if "<PDF>" in body[:200] or ext == ".pdf":
        data = _uudecode(body)
        if data is None:
            raise InputError(path, "cannot decode the uuencoded PDF")
        return pdf_to_text(data, path), "pdf"
    if ext in (".htm", ".html", ".xhtml") or _HTML_BODY.search(body[:4096]):
        return html_to_text(body), "html"
    # "<PAGE>" on its own line becomes pdftotext's page break: a blank line, then a form feed.
    text = re.sub(r"(?m)^[ \t]*</?PAGE>[ \t]*(?:\n|\Z)", "\n\f", body)
    text = re.sub(r"(?m)^[ \t]*</?PRE>[ \t]*$", "", text)
    return text.strip("\n") + "\n", "text"


def _uudecode(body: str) -> bytes | None:
    """The bytes of the first uuencoded block ("begin 644 name" ... "end") in ``body``, or None."""
    lines = iter(body.split("\n"))
    for line in lines:
        if re.match(r"begin [0-7]{3,4} ", line):
            break
    else:
        return None
    out = bytearray()
    for line in lines:
        if line.strip() == "end":
            return bytes(out)
        if not line.strip():
            continue
        try:
            out += binascii.a2b_uu(line)
        except binascii.Error:
            # Some encoders drop trailing spaces or pad oddly: decode only the bytes the count names.
            count = (ord(line[0]) - 32) & 63
            try:
                out += binascii.a2b_uu(line[: (count * 4 + 5) // 3])
            except binascii.Error:
                return None
    return None
