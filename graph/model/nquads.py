"""A letter's quads as N-Quads bytes: how a built letter travels from a worker process to the store.

Ingest builds each letter's quads in the worker process that extracted it. Pickling a few hundred
pyoxigraph terms per letter costs more than building them; their N-Quads serialization (Oxigraph's
own, in Rust) is a few times cheaper to make, send and read back, and the embedded store loads it as
it is. :class:`SerializedLetter` holds the two parts of :class:`~asckg.graph.model.build.LetterQuads`
(the letter's own graph, the Codification nodes it describes) this way, and gives them back as
quads to a store that wants terms (a SPARQL server's update).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from asckg.graph.model.build import LetterQuads

_NQ = ox.RdfFormat.N_QUADS


@dataclass(frozen=True, slots=True)
class SerializedLetter:
    """The quads of one letter as N-Quads: its own named graph, and what it adds to the Codification graph."""

    iri: str
    letter_nquads: bytes
    codification_nquads: bytes
    omitted: int = 0  # citing mentions beyond MAX_CITING_MENTIONS, not stored
    size: int = 0  # quads in both parts
    answers: tuple[tuple[str, str, str, str], ...] = ()  # LetterQuads.answers, as they are

    @property
    def letter(self) -> list[ox.Quad]:
        return list(ox.parse(self.letter_nquads, format=_NQ))

    @property
    def codification(self) -> list[ox.Quad]:
        return list(ox.parse(self.codification_nquads, format=_NQ))

    def __len__(self) -> int:
        return self.size


def serialize_letter(quads: LetterQuads) -> SerializedLetter:
    """The letter's quads as N-Quads bytes (each part keeps its quads' order)."""
    return SerializedLetter(quads.iri, _serialize(quads.letter), _serialize(quads.codification),
                            quads.omitted, len(quads), quads.answers)


def nquads_of(quads: LetterQuads | SerializedLetter) -> bytes:
    """Both parts of a letter's quads as one N-Quads document."""
    if isinstance(quads, SerializedLetter):
        return quads.letter_nquads + quads.codification_nquads
    return _serialize(quads.letter) + _serialize(quads.codification)


def _serialize(quads: list[ox.Quad]) -> bytes:
    data = ox.serialize(quads, format=_NQ) if quads else None  # bytes when no output is given
    return data or b""
