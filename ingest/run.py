"""One ingest, start to end: files read, letters extracted, graphs written, letters linked.

What ``asckg ingest`` (and ``asckg fetch --ingest``) run. The caller is told of each file as it is
done, of each file that failed and of each letter whose citations were cut, and gets the totals
back; it prints nothing itself.
"""

from __future__ import annotations

import ctypes
import gc
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping

from asckg.core.errors import InputError
from asckg.graph.model.build import Reading, letter_iri_for_letter
from asckg.graph.store import Store
from asckg.ingest.batch import Skipped, iter_records
from asckg.ingest.manifest import apply_sectors
from asckg.ingest.prepare import PreparedLetter, prepare
from asckg.ingest.relink import LinkReport, is_stale, mark_stale, relink
from asckg.ingest.write import IngestReport, LetterWriter
from asckg.nlp.extract import read_with
from asckg.nlp.readers import Letter


@dataclass(slots=True)
class IngestResult:
    """What an ingest did: letters read and stored, the links made (None: nothing new to link), and
    the companies a manifest gave a sector (None: no manifest given)."""

    report: IngestReport
    links: LinkReport | None
    triples: int
    sectors: int | None = None


def run_ingest(
    paths: Iterable[str],
    store: Store,
    *,
    jobs: int = 1,
    timeout: float | None = None,
    scheduler: str | None = None,
    on_file: Callable[[], None] | None = None,
    on_error: Callable[[InputError], None] | None = None,
    on_omitted: Callable[[PreparedLetter, int], None] | None = None,
    sectors: Mapping[str, str] | None = None,
) -> IngestResult:
    """Ingest the letters under ``paths`` into ``store``.

    A letter whose text is already stored, read by this version of asckg and its topic model, is
    not read again (one an older version read is read and replaced whole); an ingest that stopped before linking
    (the stale mark) is linked now. ``on_file`` is called once per file or letter done (for a
    progress bar), ``on_error`` with each file that failed, ``on_omitted`` with each letter whose
    citations past the per-letter cap were left out. ``sectors`` (a manifest's sector per letter id,
    :func:`~asckg.ingest.manifest.read_sectors`) go to the stored letters' companies at the end.

    The workers extract each letter and build its quads (:func:`~asckg.ingest.prepare.prepare`);
    this process reads the files, hands them out and writes, on a thread of its own.
    """
    report = IngestReport()

    reader = read_with()

    def already_stored(letter: Letter) -> bool:
        iri, text_hash = letter_iri_for_letter(letter)
        return store.stored_reading(iri) == Reading(text_hash, reader)

    stale = is_stale(store)  # an earlier ingest stopped before it linked what it had stored
    with LetterWriter(store, report, before_first_write=None if stale else mark_stale,
                      on_omitted=on_omitted) as writer:
        for item in iter_records(paths, jobs=jobs, timeout=timeout, skip=already_stored, scheduler=scheduler,
                                 after=prepare):
            if isinstance(item, InputError):
                report.failed += 1
                if on_error is not None:
                    on_error(item)
            elif isinstance(item, Skipped):
                report.letters += 1
                report.unchanged += 1
            else:
                assert isinstance(item, PreparedLetter)  # what the workers' prepare() made
                writer.add_prepared(item)
            if on_file is not None:
                on_file()
    links = None
    if report.stored or stale:
        # The relink holds every letter's facts; it starts from what writing them left behind given
        # back (at 200,000 letters the writing process held 700 MB, and the relink took it past 1 GB).
        store.release()
        _return_free_memory()
        links = relink(store)
    given = apply_sectors(store, sectors) if sectors is not None else None
    return IngestResult(report, links, len(store), given)


def _return_free_memory() -> None:
    """Collect cycles, then have the C allocator hand its free pages back to the system (glibc keeps
    them otherwise); elsewhere, the collection alone."""
    gc.collect()
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (AttributeError, OSError, TypeError):  # not glibc (Windows has no CDLL(None))
        pass
