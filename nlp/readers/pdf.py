"""PDF to text: the text layer, page by page, each page ended by a form feed as pdftotext does."""

from __future__ import annotations

import contextlib
import io
import logging
from collections.abc import Iterator
from pathlib import Path

from asckg.core.errors import InputError

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
