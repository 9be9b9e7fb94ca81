"""What every extraction runner promises, whether it runs on this machine or on a Dask cluster.

A runner is a context manager whose :meth:`Runner.run` takes letters (and anything else, passed
through in place: a file's :class:`~asckg.core.errors.InputError`, a letter skipped as stored) and
yields, in input order, a :class:`~asckg.nlp.record.LetterRecord` per letter (or, for a runner
made with ``after``, what that function made of the record where it was extracted) or an
``InputError`` naming the letter's file. The error texts are the ones below, so a batch log reads the same
whichever runner made it; a letter that takes longer than the time limit is reported and skipped,
and the batch goes on. A runner that cannot start at all raises :class:`~asckg.core.errors.AsckgError`.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator, Protocol

from asckg.core.errors import InputError
from asckg.nlp.readers import Letter


class Runner(Protocol):
    """Extraction of many letters, each under ``timeout`` seconds (None: no limit)."""

    timeout: float | None

    def __enter__(self) -> "Runner": ...
    def __exit__(self, *exc: object) -> None: ...
    def run(self, items: Iterable[Any]) -> Iterator[Any]:
        """A record or an InputError per letter, anything else passed through, in input order."""
        ...


def timed_out(letter: Letter, timeout: float) -> InputError:
    """The error of a letter whose extraction ran past the time limit."""
    return InputError(letter.path, f"took longer than {timeout:g} s to read; skipped (see --timeout)")


def failed(letter: Letter, error: BaseException) -> InputError:
    """The error of a letter whose extraction raised."""
    return InputError(letter.path, failure_text(error))


def failure_text(error: BaseException) -> str:
    return f"extraction failed ({type(error).__name__}: {error})"


def died(letter: Letter, exitcode: int | None) -> InputError:
    """The error of a letter whose extraction process died under it."""
    return InputError(letter.path, f"the extractor process died (exit code {exitcode})")
