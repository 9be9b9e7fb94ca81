"""Files and directories, read safely: size limits, special files refused, directories walked once."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

from asckg.core.errors import InputError

#: File name endings read as letters when a directory is expanded (an explicitly named file of any
#: other name is read too, by sniffing its content).
FORMATS: dict[str, str] = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".htm": "html", ".html": "html", ".xhtml": "html", ".pdf": "pdf",
}

#: The largest file read. Letters are tens of kilobytes and an EDGAR submission with an embedded
#: PDF a few megabytes; a bigger file is not a letter, and reading it whole (then running the
#: pipeline over it) would cost gigabytes of memory.
MAX_BYTES = 64 * 1024 * 1024

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


def count_files(paths: Iterable[str | Path], limit: int | None = None) -> int:
    """How many files :func:`iter_letters` will read under ``paths`` (for a progress bar); with
    ``limit``, the walk stops once it has found that many."""
    found = (item for item in _expand(paths) if not isinstance(item, InputError))
    return sum(1 for _ in islice(found, limit))
