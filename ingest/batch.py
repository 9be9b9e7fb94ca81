"""Read a batch of paths and extract a record per letter, keeping going past bad files.

The one composition of readers and extraction that both ``asckg extract`` and ``asckg ingest`` use.
Errors come back in place, as :class:`~asckg.core.errors.InputError` items, so the caller reports
them and the good files of the batch are still processed. Extraction runs in worker processes
(:mod:`asckg.ingest.workers`), each letter under a time limit.
"""

from __future__ import annotations

import os
from typing import Any, Callable, Iterable, Iterator

from asckg.core.errors import InputError
from asckg.nlp.readers import Letter, iter_letters
from asckg.nlp.record import LetterRecord
from asckg.ingest.runner import Runner
from asckg.ingest.workers import DEFAULT_TIMEOUT, WorkerPool

#: Decides from a letter as read (its text hash, its accession) that it need not be extracted.
SkipTest = Callable[[Letter], bool]


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class Skipped:
    """A letter left out because ``skip`` said so (already stored, unchanged)."""

    __slots__ = ("letter",)

    def __init__(self, letter: Letter) -> None:
        self.letter = letter


def iter_records(
    paths: Iterable[str],
    *,
    jobs: int = 1,
    timeout: float | None = DEFAULT_TIMEOUT,
    skip: SkipTest | None = None,
    scheduler: str | None = None,
    after: Callable[[LetterRecord], Any] | None = None,
) -> Iterator[LetterRecord | InputError | Skipped | Any]:
    """A record for each letter under ``paths``, an InputError for each file that failed, and a
    :class:`Skipped` for each letter that ``skip`` turned away, in the order of the files.

    With ``scheduler`` (a Dask scheduler address) the cluster extracts instead of local workers.
    With ``after`` (a module-level function) the workers apply it to each record and what it
    returns comes instead of the record.
    """
    # A skipped letter goes through in its place, not held back until the next record: a re-run
    # over 200,000 stored letters yields no record at all, and held back they filled gigabytes.
    def letters() -> Iterator[Letter | InputError | Skipped]:
        for item in iter_letters(paths):
            if skip is not None and isinstance(item, Letter) and skip(item):
                yield Skipped(item)
            else:
                yield item

    runner: Runner
    with runner_for(jobs=jobs, timeout=timeout, scheduler=scheduler, after=after) as runner:
        yield from runner.run(letters())


def runner_for(*, jobs: int = 1, timeout: float | None = DEFAULT_TIMEOUT, scheduler: str | None = None,
               after: Callable[[LetterRecord], Any] | None = None) -> Runner:
    """The local worker pool, or the Dask cluster at ``scheduler``: one contract either way."""
    if scheduler:
        from asckg.ingest.cluster import ClusterRunner

        return ClusterRunner(scheduler, timeout, after=after)
    return WorkerPool(jobs, timeout, after=after)
