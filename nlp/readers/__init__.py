"""Reading letters from files: text, markdown, HTML, PDF, EDGAR full submissions and directories.

Every reader returns :class:`Letter` objects whose ``text`` is what the grammars read, with the page
breaks of a PDF kept as form feeds, as poppler's ``pdftotext`` writes them (the corpus was made that
way, so the grammars and :mod:`asckg.nlp.layout` see the same shapes on a user's PDF as on the corpus).

Bad input never stops a batch: :func:`read_path` raises :class:`~asckg.core.errors.InputError` (one line,
naming the file and the problem) and :func:`iter_letters` yields those errors in place of the letters,
so the good files of a directory are still read.

>>> html_to_text("<p>Refer to ASC&nbsp;606-10-25-19.</p><script>x()</script><p>Sincerely,</p>")
'Refer to ASC 606-10-25-19.\\n\\nSincerely,\\n'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from asckg.core.errors import InputError
from asckg.nlp.readers.edgar import _is_submission, _read_submission
from asckg.nlp.readers.files import FORMATS, _expand, _read_bytes, count_files
from asckg.nlp.readers.html import _looks_like_html, html_to_text
from asckg.nlp.readers.letter import MAX_CHARS, Letter, _letter, _name_meta
from asckg.nlp.readers.pdf import pdf_to_text
from asckg.nlp.readers.text import decode_text

__all__ = ["Letter", "MAX_CHARS", "read_path", "iter_letters", "count_files", "decode_text", "html_to_text", "pdf_to_text", "FORMATS"]


def _read_file(path: Path) -> list[Letter | InputError]:
    """Read one file into letters; an EDGAR submission may give several letters and errors."""
    data = _read_bytes(path)
    base = _name_meta(path)
    fmt = FORMATS.get(path.suffix.lower())
    if b"%PDF-" in data[:1024]:
        return [_letter(path.stem, path, pdf_to_text(data, path), "pdf", base)]
    if fmt == "pdf":
        raise InputError(path, "not a PDF (no %PDF- header)")
    text, encoding = decode_text(data, path)
    if encoding:
        base = {**base, "encoding": encoding}
    if _is_submission(text):
        return _read_submission(text, path, base)
    if fmt == "html" or _looks_like_html(text):
        body = html_to_text(text)
        if not body.strip():
            raise InputError(path, "no text in HTML")
        return [_letter(path.stem, path, body, "html", base)]
    return [_letter(path.stem, path, text, fmt or "text", base)]


def read_path(path: str | Path) -> list[Letter]:
    """Read one file (text, markdown, HTML, PDF or EDGAR submission) into its letters.

    Raises :class:`InputError` for a file that cannot be read, and for an EDGAR submission any of
    whose letter documents cannot be read (use :func:`iter_letters` to keep the readable ones).
    """
    p = Path(path)
    if p.is_dir():
        raise InputError(p, "is a directory (use iter_letters to read a directory)")
    results = _read_file(p)
    for item in results:
        if isinstance(item, InputError):
            raise item
    return [item for item in results if isinstance(item, Letter)]


def iter_letters(paths: Iterable[str | Path]) -> Iterator[Letter | InputError]:
    """Every letter in the given files and directories, with an :class:`InputError` in place of each
    file (or submission document) that cannot be read, so one bad file never stops a batch."""
    for item in _expand(paths):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            yield from _read_file(item)
        except InputError as exc:
            yield exc
        except (OSError, MemoryError, RecursionError) as exc:
            yield InputError(item, f"cannot read ({type(exc).__name__}: {exc})")
