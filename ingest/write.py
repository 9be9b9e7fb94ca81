"""The one way letters are written: letters built into quads and stored in batched transactions.

:class:`LetterWriter` is what ``asckg ingest`` streams letters into (records, or letters the workers
already built: :class:`~asckg.ingest.prepare.PreparedLetter`); :func:`write_records` is the same
writer for a list of records (the library and the tests use it).

The writing itself runs on one thread of its own: Oxigraph does its work without Python's global
lock, so while a batch is written the calling thread goes on handing letters to the extraction
workers and gathering the next batch. Batches are written one at a time, in order, each in one
transaction; at most :data:`~asckg.core.settings.WRITE_QUEUE` of them wait, so memory stays flat.
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from asckg.core import settings
from asckg.graph.store import Store
from asckg.ingest.prepare import PreparedLetter, prepare
from asckg.nlp.record import LetterRecord


@dataclass(slots=True)
class IngestReport:
    """What an ingest did, for its closing summary."""

    letters: int = 0  # letters read and extracted
    stored: int = 0  # new or changed letters written
    unchanged: int = 0  # letters whose text was already stored
    citations: int = 0  # citing mentions (ASC, other guidance, SEC rules) in the letters read
    failed: int = 0  # files that could not be read

    def dump(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in self.__slots__}


class LetterWriter:
    """Stores letters in batches: ``batch`` letters (or fewer, when they are huge) per transaction.

    A batch of new letters is one transaction, so the store holds each letter whole or not at all
    even if ingest is killed; writing many letters at once is several times faster than one by one.
    Use as a context manager (the last batch is written, and every write waited for, on exit) or
    call :meth:`close`. A write that fails raises its StoreError from the next call that hands over
    a batch, or from :meth:`close`.
    """

    def __init__(self, store: Store, report: IngestReport | None = None, batch: int = settings.WRITE_BATCH,
                 before_first_write: Callable[[Store], Any] | None = None,
                 on_omitted: Callable[[Any, int], None] | None = None) -> None:
        """``on_omitted(letter, n)`` is called for a letter (a record, or a prepared letter: each has
        ``.path``) whose last ``n`` citing mentions are left out of its graph
        (asckg.graph.model.build.MAX_CITING_MENTIONS)."""
        self.store = store
        self._on_omitted = on_omitted
        self._before_first_write = before_first_write
        self.report = report if report is not None else IngestReport()
        self.batch = batch
        self._pending: list[PreparedLetter] = []
        self._quads = 0
        self._batches = 0
        self._iris: set[str] = set()
        self._thread: ThreadPoolExecutor | None = None
        self._writes: deque[Future] = deque()

    def __enter__(self) -> "LetterWriter":
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            self.close()
        else:  # leave no write running under the caller's feet, and raise the caller's error
            self._wait(raise_errors=False)

    def add(self, record: LetterRecord) -> None:
        """A record, built here."""
        self.add_prepared(prepare(record))

    def add_prepared(self, letter: PreparedLetter) -> None:
        """A letter built where it was extracted."""
        if letter.quads.omitted and self._on_omitted is not None:
            self._on_omitted(letter, letter.quads.omitted)
        if letter.quads.iri in self._iris:  # the same letter twice in one batch: write the first first
            self.flush()
        self._pending.append(letter)
        self._iris.add(letter.quads.iri)
        self._quads += len(letter.quads)
        # A batch is 64 letters, or fewer when they are huge (a letter citing 100,000 times).
        if len(self._pending) >= self.batch or self._quads >= settings.MAX_BATCH_QUADS:
            self.flush()

    def flush(self) -> None:
        """Hand the letters gathered so far to the writing thread, as one batch."""
        if not self._pending:
            return
        while len(self._writes) >= settings.WRITE_QUEUE:  # bounded: wait for the oldest write
            self._settle(self._writes.popleft())
        if self._thread is None:
            self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="asckg-write")
        batch, self._pending = self._pending, []
        self._iris = set()
        self._quads = 0
        self._writes.append(self._thread.submit(self._write, batch))

    def close(self) -> None:
        """Write what is gathered and wait for every write; the first failed write's error is raised.
        Then the store's answer index is made whole (asckg.graph.store.answers): marked complete,
        or rebuilt from the graph if an earlier ingest stopped before it was, or the store was made
        before there was one."""
        self.flush()
        self._wait(raise_errors=True)
        self.store.refresh_answers()

    def _wait(self, *, raise_errors: bool) -> None:
        try:
            while self._writes:
                future = self._writes.popleft()
                if raise_errors:
                    self._settle(future)
                else:
                    future.exception()  # waits; the caller's own error is the one that matters
        finally:
            if self._thread is not None:
                self._thread.shutdown(wait=True)
                self._thread = None

    def _write(self, batch: list[PreparedLetter]) -> tuple[list[PreparedLetter], list[bool]]:
        """On the writing thread: one batch, one transaction."""
        if self._before_first_write is not None:
            self._before_first_write(self.store)
            self._before_first_write = None
        written = self.store.put_letters([(letter.quads, letter.reading) for letter in batch])
        self._batches += 1
        if self._batches % settings.FLUSH_EVERY == 0:
            # RocksDB keeps written data in memory tables until they are flushed to disk; left
            # alone they grew by ~150 MB per 1,000 letters before a flush, so ingest flushes them
            # (a SPARQL server's store has nothing to flush).
            self.store.flush()
        return batch, written

    def _settle(self, future: Future) -> None:
        """Count a finished write in the report (its StoreError, if it failed, is raised here)."""
        batch, written = future.result()
        for letter, was_written in zip(batch, written):
            self.report.letters += 1
            self.report.citations += letter.citations
            if was_written:
                self.report.stored += 1
            else:
                self.report.unchanged += 1


def write_records(store: Store, records: Iterable[LetterRecord], report: IngestReport | None = None) -> IngestReport:
    """Write the records as ingest does (one batch at a time, each letter whole); what was done."""
    with LetterWriter(store, report) as writer:
        for record in records:
            writer.add(record)
    return writer.report
