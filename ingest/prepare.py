"""A letter made ready to store where it was extracted: its quads built and serialized, its citations counted.

Ingest runs :func:`prepare` in the extraction workers (local processes or a Dask cluster), right
after each letter's extraction, so that both cores extract and build while the one process that
writes only writes. What comes back is small: the letter's text stays in the worker.
"""

from __future__ import annotations

from dataclasses import dataclass

from asckg.graph.model.build import CITING_KINDS, Reading, build_letter, reading_of
from asckg.graph.model.nquads import SerializedLetter, serialize_letter
from asckg.nlp.record import LetterRecord


@dataclass(frozen=True, slots=True)
class PreparedLetter:
    """What the writer needs of one letter: its file, how it was read (text hash and reader), citing
    mentions and quads."""

    path: str
    reading: Reading
    citations: int  # citing mentions (ASC, other guidance, SEC rules) in the letter
    quads: SerializedLetter


def prepare(record: LetterRecord) -> PreparedLetter:
    """The record's quads built and serialized, with what the ingest report counts."""
    citations = sum(1 for m in record.mentions if m.kind in CITING_KINDS)
    return PreparedLetter(record.path, reading_of(record), citations, serialize_letter(build_letter(record)))
