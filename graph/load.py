"""Store letter records: build each letter's quads and swap its graph in the store."""

from __future__ import annotations

from dataclasses import dataclass

from asckg.graph.build import CITING_KINDS, build_letter
from asckg.graph.store import LetterStore
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


def store_record(store: LetterStore, record: LetterRecord, report: IngestReport | None = None) -> bool:
    """Write one letter (replacing an earlier version); False if it was already stored as is."""
    quads = build_letter(record)
    written = store.put_letter(quads, record.text_hash)
    if report is not None:
        report.letters += 1
        report.citations += sum(1 for m in record.mentions if m.kind in CITING_KINDS)
        if written:
            report.stored += 1
        else:
            report.unchanged += 1
    return written
