"""The one way letters are written: records built into quads and stored in batched transactions.

:class:`LetterWriter` is what ``asckg ingest`` streams records into; :func:`write_records` is the
same writer for a list of records (the library and the tests use it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from asckg.core import settings
from asckg.graph.model.build import CITING_KINDS, LetterQuads, build_letter
from asckg.graph.store import Store
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
    """Stores records in batches: building is done as they come, writing ``batch`` at a time.

    A batch of new letters is one transaction, so the store holds each letter whole or not at all
    even if ingest is killed; writing many letters at once is several times faster than one by one.
    Use as a context manager (the last batch is written on exit) or call :meth:`flush`.
    """

    def __init__(self, store: Store, report: IngestReport | None = None, batch: int = settings.WRITE_BATCH, before_first_write=None,
                 on_omitted=None) -> None:
        """``on_omitted(record, n)`` is called for a letter whose last ``n`` citing mentions are
        left out of its graph (asckg.graph.model.build.MAX_CITING_MENTIONS)."""
        self.store = store
        self._on_omitted = on_omitted
        self._before_first_write = before_first_write
        self.report = report if report is not None else IngestReport()
        self.batch = batch
        self._pending: list[tuple[LetterRecord, LetterQuads]] = []
        self._quads = 0
        self._batches = 0
        self._iris: set[str] = set()

    def __enter__(self) -> "LetterWriter":
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            self.flush()

    def add(self, record: LetterRecord) -> None:
        quads = build_letter(record)
        if quads.omitted and self._on_omitted is not None:
            self._on_omitted(record, quads.omitted)
        if quads.iri in self._iris:  # the same letter twice in one batch: write the first first
            self.flush()
        self._pending.append((record, quads))
        self._iris.add(quads.iri)
        self._quads += len(quads)
        # A batch is 64 letters, or fewer when they are huge (a letter citing 100,000 times).
        if len(self._pending) >= self.batch or self._quads >= settings.MAX_BATCH_QUADS:
            self.flush()

    def flush(self) -> None:
        if not self._pending:
            return
        if self._before_first_write is not None:
            self._before_first_write(self.store)
            self._before_first_write = None
        written = self.store.put_letters([(quads, record.text_hash) for record, quads in self._pending])
        for (record, _), was_written in zip(self._pending, written):
            self.report.letters += 1
            self.report.citations += sum(1 for m in record.mentions if m.kind in CITING_KINDS)
            if was_written:
                self.report.stored += 1
            else:
                self.report.unchanged += 1
        self._pending.clear()
        self._iris.clear()
        self._quads = 0
        self._batches += 1
        if self._batches % settings.FLUSH_EVERY == 0:
            # RocksDB keeps written data in memory tables until they are flushed to disk; left
            # alone they grew by ~150 MB per 1,000 letters before a flush, so ingest flushes them
            # (a SPARQL server's store has nothing to flush).
            self.store.flush()


def write_records(store: Store, records: Iterable[LetterRecord], report: IngestReport | None = None) -> IngestReport:
    """Write the records as ingest does (one batch at a time, each letter whole); what was done."""
    with LetterWriter(store, report) as writer:
        for record in records:
            writer.add(record)
    return writer.report
