"""Reading letters from files: text, markdown, HTML, PDF, EDGAR full submissions and directories.

Every reader returns :class:`Letter` objects whose ``text`` is what the grammars read, with the page
breaks of a PDF kept as form feeds, as poppler's ``pdftotext`` writes them (the corpus was made that
way, so the grammars and :mod:`asckg.nlp.layout` see the same shapes on a user's PDF as on the corpus).

Bad input never stops a batch: :func:`read_path` raises :class:`~asckg.errors.InputError` (one line,
naming the file and the problem) and :func:`iter_letters` yields those errors in place of the letters,
so the good files of a directory are still read.

>>> html_to_text("<p>Refer to ASC&nbsp;606-10-25-19.</p><script>x()</script><p>Sincerely,</p>")
'Refer to ASC 606-10-25-19.\\n\\nSincerely,\\n'
"""

from __future__ import annotations

import binascii
import codecs
import contextlib
import errno
import io
import logging
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from asckg.errors import InputError

__all__ = ["Letter", "read_path", "iter_letters", "decode_text", "html_to_text", "pdf_to_text"]

#: File name endings read as letters when a directory is expanded (an explicitly named file of any
#: other name is read too, by sniffing its content).
FORMATS: dict[str, str] = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".htm": "html", ".html": "html", ".xhtml": "html", ".pdf": "pdf",
}


@dataclass(frozen=True)
class Letter:
    """One letter read from a file: its id, where it came from, its text, format and metadata.

    ``id`` is the file name without its extension (the ids of GOLD.md); for an EDGAR submission that
    holds more than one letter document it is ``"<accession>-<sequence>"``. ``meta`` keys, when
    known: ``accession``, ``form_type``, ``filing_date`` (YYYY-MM-DD), ``cik`` (no leading zeros),
    ``company``, ``encoding`` (only when the file was not UTF-8), and for a document of an EDGAR
    submission ``document`` (its sequence number), ``filename`` and ``document_type``.
    """

    id: str
    path: str
    text: str
    fmt: str
    meta: dict[str, str] = field(default_factory=dict, hash=False)


# --- file names -----------------------------------------------------------------------------------

#: The corpus convention "CIK_accession" (1090872_0000000000-16-092800.txt).
_CIK_ACCESSION = re.compile(r"(?P<cik>\d{1,10})_(?P<accession>\d{10}-\d{2}-\d{6})")


def _name_meta(path: Path) -> dict[str, str]:
    """Metadata the file name gives, when it has the corpus's ``CIK_accession`` shape."""
    m = _CIK_ACCESSION.fullmatch(path.stem)
    if not m:
        return {}
    return {"cik": str(int(m["cik"])), "accession": m["accession"]}


# --- bytes to text --------------------------------------------------------------------------------

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
#: The guesses of charset-normalizer that are trusted: multi-byte encodings, which it recognises
#: reliably. Among single-byte code pages it guesses almost at random on short English text (it read
#: a cp1252 "naive" with a diaeresis as cp1250, and broken UTF-8 as cp1125); US filers write
#: cp1252, so any single-byte guess becomes cp1252.
_TRUSTED_GUESSES = re.compile(r"utf_(?:16|32)(?:_[bl]e)?|shift_jis|cp932|euc_\w+|gb2312|gbk|gb18030|big5\w*"
                              r"|iso2022_\w+|cp949|johab|hz")
#: Control characters that do not occur in text (tab, newlines and form feed do).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def decode_text(data: bytes, path: str | Path = "<bytes>") -> tuple[str, str | None]:
    """Decode a text file's bytes; return the text and the encoding used if it was not UTF-8.

    UTF-8 (with or without a BOM) and BOM-marked UTF-16/32 are read as such. Otherwise the
    stated fallback: charset-normalizer's guess for multi-byte encodings, cp1252 for any single-byte
    guess (or no guess), undecodable bytes replaced. Line ends become ``\\n``.
    Raises :class:`InputError` for an empty or binary file.
    """
    if not data:
        raise InputError(path, "empty file (0 bytes)")
    encoding: str | None = None
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding = name
            break
    if encoding is None and b"\x00" in data:
        raise InputError(path, "not a text file (binary data: NUL bytes)")
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(path, f"invalid {encoding} text ({exc.reason} at byte {exc.start})") from None
        used = None if encoding == "utf-8-sig" else encoding
    else:
        try:
            text, used = data.decode("utf-8"), None
        except UnicodeDecodeError:
            text, used = _decode_fallback(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(path, "empty file (only whitespace)")
    if len(_CONTROL.findall(text[:65536])) > max(8, len(text[:65536]) // 200):
        raise InputError(path, "not a text file (binary data: control characters)")
    return text, used


def _decode_fallback(data: bytes) -> tuple[str, str]:
    """Decode bytes that are not UTF-8: a multi-byte guess if charset-normalizer is sure, else cp1252."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        best = None
    else:
        best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding and _TRUSTED_GUESSES.fullmatch(best.encoding):
        with contextlib.suppress(LookupError, UnicodeDecodeError):
            return data.decode(best.encoding), best.encoding
    return data.decode("cp1252", errors="replace"), "cp1252"


# --- HTML -----------------------------------------------------------------------------------------

#: Elements whose start and end break the line.
_BLOCK_TAGS = frozenset(
    "p div br tr li h1 h2 h3 h4 h5 h6 table tbody thead tfoot ul ol dl dt dd blockquote pre section "
    "article header footer nav aside address center hr form fieldset figure figcaption caption "
    "title body html page".split()
)
#: Elements whose content is not letter text.
_DROP_TAGS = frozenset("script style head noscript template svg object iframe".split())
_CELL_TAGS = frozenset(("td", "th"))
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_RUNS = re.compile(r"\n{3,}")


def html_to_text(html: str) -> str:
    """The visible text of an HTML document, a line break at each block element.

    Scripts, styles and the head are dropped; entities are unescaped by the parser; ``&nbsp;`` and
    other wide spaces become one space; runs of spaces collapse. The tree is walked without
    recursion, so a document nested 10,000 levels deep is read like any other.
    """
    from selectolax.lexbor import LexborHTMLParser

    root = LexborHTMLParser(html).root
    if root is None:
        return ""
    out: list[str] = []
    node = root
    while node is not None:
        tag = node.tag or ""
        descend = False
        if node.is_text_node:
            out.append(node.text_content or "")
        elif tag in _BLOCK_TAGS:
            out.append("\n")
            descend = True
        elif tag in _CELL_TAGS:
            out.append(" ")
            descend = True
        elif tag not in _DROP_TAGS and not tag.startswith("!") and tag != "_comment":
            descend = True
        child = node.child if descend else None
        if child is not None:
            node = child
            continue
        # Leave this node (and every ancestor it is the last child of), closing block elements.
        while node is not None:
            if node.tag in _BLOCK_TAGS:
                out.append("\n")
            if node is root:
                node = None
                break
            if node.next is not None:
                node = node.next
                break
            node = node.parent
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(out).split("\n"))
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n") + "\n"


#: A doctype or <html> at the start, after at most an XML declaration and a few comments (each
#: comment ends at its first "-->", so the pattern cannot backtrack).
_HTML_SNIFF = re.compile(
    r"\A\s*(?:<\?xml[^>]{0,200}>\s*)?(?:<!--(?:(?!-->).){0,2000}-->\s*){0,5}(?:<!DOCTYPE\s+html|<html\b)",
    re.I | re.S,
)


def _looks_like_html(text: str) -> bool:
    """True when a file named .txt is clearly an HTML document (it opens with a doctype or <html>)."""
    return bool(_HTML_SNIFF.match(text[:4096]))


# --- PDF ------------------------------------------------------------------------------------------

@contextlib.contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """Keep pypdf's warnings about damaged files ("EOF marker not found") off the user's terminal:
    the one-line InputError says what matters."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def pdf_to_text(data: bytes, path: str | Path = "<bytes>") -> str:
    """The text layer of a PDF, page by page, each page ended by ``"\\n\\f"`` as pdftotext does.

    Raises :class:`InputError` for an encrypted PDF that needs a password, a damaged or truncated
    file, and a PDF with no text layer (a scan), which needs OCR first.
    """
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    pages: list[str] = []
    with _quiet_pypdf():
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise InputError(path, "PDF is encrypted with a password; decrypt it first")
            for page in reader.pages:
                pages.append(page.extract_text() or "")
        except InputError:
            raise
        except FileNotDecryptedError:
            raise InputError(path, "PDF is encrypted with a password; decrypt it first") from None
        except DependencyError as exc:
            raise InputError(path, f"PDF is encrypted and cannot be decrypted here ({exc})") from None
        except Exception as exc:  # noqa: BLE001
            # A damaged file can make pypdf fail anywhere (KeyError, struct.error, zlib.error, ...);
            # whatever the cause, it is this file's problem and must not stop a batch.
            reason = str(exc) or type(exc).__name__
            raise InputError(path, f"damaged or truncated PDF ({reason})") from None
    if not pages:
        raise InputError(path, "PDF has no pages")
    text = "".join(page.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n") + "\n\f" for page in pages)
    if not any(ch.isalnum() for ch in text):
        raise InputError(path, "PDF has no text layer (scanned image?); run OCR first")
    return text


# --- one file -------------------------------------------------------------------------------------

#: The largest file read. Letters are tens of kilobytes and an EDGAR submission with an embedded
#: PDF a few megabytes; a bigger file is not a letter, and reading it whole (then running the
#: pipeline over it) would cost gigabytes of memory.
MAX_BYTES = 64 * 1024 * 1024
#: The longest letter text read: spaCy's default ``Language.max_length``, past which ``nlp.pipe``
#: raises and ends the whole batch (a 1 MB line of text did). The longest letter of the corpus
#: has 62,349 characters; EDGAR's average is about 2,800.
MAX_CHARS = 1_000_000

#: What a file that is no regular file is, by the type bits of its mode.
_FILE_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
               (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a directory"))


def _read_bytes(path: Path) -> bytes:
    """The bytes of a regular file of at most :data:`MAX_BYTES`.

    Opened without blocking and checked on the open descriptor, so no race can slip in a
    special file: ``open()`` on a FIFO waits forever for a writer, and a link to ``/dev/zero``
    reads until memory runs out (both hung or killed ``asckg ingest`` before this check).
    """
    try:
        fh = open(path, "rb", opener=_open_nonblocking)
    except OSError as exc:
        raise _os_error(path, exc) from None
    with fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode):
            kind = next((name for test, name in _FILE_KINDS if test(st.st_mode)), "a special file")
            raise InputError(path, f"not a regular file ({kind})")
        if st.st_size > MAX_BYTES:
            raise InputError(path, f"file too large ({_megabytes(st.st_size)}; letters are read up to "
                                   f"{_megabytes(MAX_BYTES)})")
        try:
            data = fh.read(MAX_BYTES + 1)
        except OSError as exc:
            raise _os_error(path, exc) from None
    if len(data) > MAX_BYTES:  # it grew while we read it
        raise InputError(path, f"file too large (over {_megabytes(MAX_BYTES)})")
    return data


def _open_nonblocking(path: str, flags: int) -> int:
    """``open()``'s opener: never wait for a FIFO's writer (no effect on a regular file)."""
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB" if n >= 1024 * 1024 else f"{n} bytes"


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


def _letter(letter_id: str, path: Path, text: str, fmt: str, meta: dict[str, str]) -> Letter:
    """A Letter, or an InputError when its text is longer than the pipeline reads."""
    if len(text) > MAX_CHARS:
        raise InputError(path, f"text too long ({len(text):,} characters; a letter is read up to "
                               f"{MAX_CHARS:,})")
    return Letter(letter_id, str(path), text, fmt, meta)


def _os_error(path: Path, exc: OSError) -> InputError:
    """An InputError with a plain statement of what the operating system said."""
    problems = {
        errno.ENOENT: "no such file",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.ELOOP: "symbolic link loop",
        errno.EISDIR: "is a directory",
        errno.ENXIO: "not a regular file (a socket or device without a reader)",
    }
    return InputError(path, problems.get(exc.errno or 0, exc.strerror or str(exc)))


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


# --- many files -----------------------------------------------------------------------------------

def _expand(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """Named files as given; directories walked recursively in sorted order, hidden entries and
    files of other formats skipped, each directory entered once (a symbolic link loop is an error)."""
    for given in paths:
        p = Path(given)
        try:
            st = p.stat()
        except OSError as exc:
            yield _os_error(p, exc)
            continue
        if not p.is_dir():
            yield p
            continue
        seen: set[tuple[int, int]] = {(st.st_dev, st.st_ino)}
        stack: list[Path] = [p]
        while stack:
            directory = stack.pop()
            try:
                entries = sorted(os.scandir(directory), key=lambda e: e.name)
            except OSError as exc:
                yield _os_error(directory, exc)
                continue
            subdirs: list[Path] = []
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                child = Path(entry.path)
                try:
                    is_dir = entry.is_dir()
                    if is_dir:
                        est = entry.stat()
                except OSError as exc:
                    yield _os_error(child, exc)
                    continue
                if is_dir:
                    key = (est.st_dev, est.st_ino)
                    if key in seen:
                        yield InputError(child, "symbolic link loop (directory already read)")
                        continue
                    seen.add(key)
                    subdirs.append(child)
                elif entry.is_symlink() and not child.exists():
                    yield _os_error(child, _stat_error(child))
                elif child.suffix.lower() in FORMATS:
                    yield child
            # Depth first, in name order: files of a directory, then its subdirectories.
            stack.extend(reversed(subdirs))


def _stat_error(path: Path) -> OSError:
    try:
        path.stat()
    except OSError as exc:
        return exc
    return OSError(errno.ENOENT, "no such file")  # pragma: no cover - raced


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


# --- EDGAR full submissions -------------------------------------------------------------------------

_SUBMISSION_SNIFF = re.compile(r"^<SEC-HEADER>|^<SEC-DOCUMENT>|^ACCESSION NUMBER:", re.M)
#: Header keys (EDGAR's public dissemination header) and the metadata they become.
_HEADER_KEYS = {
    "ACCESSION NUMBER": "accession", "CONFORMED SUBMISSION TYPE": "form_type",
    "FILED AS OF DATE": "filing_date", "CENTRAL INDEX KEY": "cik", "COMPANY CONFORMED NAME": "company",
}
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
    """Accession, form type, filing date, CIK and company from the submission's SGML header."""
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
        m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", d)
        if not m or not ("01" <= m[2] <= "12" and "01" <= m[3] <= "31"):
            raise InputError(path, f"broken EDGAR header: malformed FILED AS OF DATE {d!r}")
        meta["filing_date"] = f"{m[1]}-{m[2]}-{m[3]}"
    if "cik" in meta:
        if not meta["cik"].isdigit():
            raise InputError(path, f"broken EDGAR header: malformed CENTRAL INDEX KEY {meta['cik']!r}")
        meta["cik"] = str(int(meta["cik"]))
    return meta


def _read_submission(text: str, path: Path, base: dict[str, str]) -> list[Letter | InputError]:
    """The letter documents of an EDGAR full submission, each with the header's metadata.

    Text documents are read as text (an old-style ``<PAGE>`` line becomes a form feed), HTML as
    HTML, uuencoded PDFs are decoded and read by their text layer; images, archives and data files
    are skipped. A document that cannot be read becomes an InputError naming it.
    """
    meta = {**base, **_submission_meta(text, path)}
    docs: list[tuple[dict[str, str], str | None]] = []
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
    out: list[Letter | InputError] = []
    for number, (tags, body) in enumerate(docs, 1):
        seq = tags.get("SEQUENCE") or str(number)
        name = tags.get("FILENAME", "")
        label = f"document {seq}" + (f" ({name})" if name else "")
        doc_meta = {**meta, "document": seq}
        if name:
            doc_meta["filename"] = name
        if tags.get("TYPE"):
            doc_meta["document_type"] = tags["TYPE"]
        letter_id = path.stem if len(docs) == 1 else f"{meta['accession']}-{seq}"
        if body is None:
            out.append(InputError(path, f"{label}: no complete <TEXT> (truncated submission?)"))
            continue
        try:
            doc_text, fmt = _submission_document(body, name, path)
        except InputError as exc:
            out.append(InputError(path, f"{label}: {exc.problem}"))
            continue
        if not doc_text.strip():
            out.append(InputError(path, f"{label}: empty document"))
            continue
        try:
            out.append(_letter(letter_id, path, doc_text, fmt, doc_meta))
        except InputError as exc:
            out.append(InputError(path, f"{label}: {exc.problem}"))
    return out


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


def count_files(paths: Iterable[str | Path]) -> int:
    """How many files :func:`iter_letters` will read under ``paths`` (for a progress bar)."""
    return sum(1 for item in _expand(paths) if not isinstance(item, InputError))
