"""A letter read from a file: :class:`Letter`, and what its file name says about it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from asckg.core.errors import InputError

#: The longest letter text read: spaCy's default ``Language.max_length``, past which ``nlp.pipe``
#: raises and ends the whole batch (a 1 MB line of text did). The longest letter of the corpus
#: has 62,349 characters; EDGAR's average is about 2,800.
MAX_CHARS = 1_000_000

@dataclass(frozen=True)
class Letter:
    """One letter read from a file: its id, where it came from, its text, format and metadata.

    ``id`` is the file name without its extension (the ids of GOLD.md); an EDGAR submission is one
    letter, named so too (by its accession where the file name is a generic one). ``meta`` keys, when
    known: ``accession``, ``form_type``, ``filing_date`` (YYYY-MM-DD), ``cik`` (no leading zeros),
    ``company``, ``encoding`` (only when the file was not UTF-8), and for an EDGAR submission the
    ``filename`` and ``document_type`` of the document the letter was read from.
    """

    id: str
    path: str
    text: str
    fmt: str
    meta: dict[str, str] = field(default_factory=dict, hash=False)


#: The corpus convention "CIK_accession" (1090872_0000000000-16-092800.txt).
_CIK_ACCESSION = re.compile(r"(?P<cik>\d{1,10})_(?P<accession>\d{10}-\d{2}-\d{6})")


def _name_meta(path: Path) -> dict[str, str]:
    """Metadata the file name gives, when it has the corpus's ``CIK_accession`` shape."""
    m = _CIK_ACCESSION.fullmatch(path.stem)
    if not m:
        return {}
    return {"cik": str(int(m["cik"])), "accession": m["accession"]}


#: The typographic ligatures of PDF text layers, spelled out: "Codi\ufb01cation" is "Codification",
#: "Sta\ufb00 Accounting Bulletin" is "Staff Accounting Bulletin" (the grammars read letters).
_LIGATURES = {0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl", 0xFB05: "st", 0xFB06: "st"}
#: Ligatures, and lone surrogates (a PDF text layer may yield half of a pair; no tokenizer or file
#: format takes one), which become U+FFFD.
_LIGATURE = re.compile("[\ufb00-\ufb06\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _letter(letter_id: str, path: Path, text: str, fmt: str, meta: dict[str, str]) -> Letter:
    """A Letter (its ligatures spelled out), or an InputError when its text is longer than the
    pipeline reads."""
    if _LIGATURE.search(text):
        text = _SURROGATE.sub("\ufffd", text.translate(_LIGATURES))
    if len(text) > MAX_CHARS:
        raise InputError(path, f"text too long ({len(text):,} characters; a letter is read up to "
                               f"{MAX_CHARS:,})")
    return Letter(letter_id, str(path), text, fmt, meta)
