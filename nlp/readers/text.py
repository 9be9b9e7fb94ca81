"""Bytes to text: UTF-8 (with or without a byte-order mark), else a stated fallback encoding."""

from __future__ import annotations

import codecs
import contextlib
import re
from pathlib import Path

from asckg.core.errors import InputError

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
