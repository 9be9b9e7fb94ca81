"""Answer "which letters cite this?" from the store.

A reference is given as a user writes it: a Codification code ("985-605-25-12", "ASC 985-605-25-12",
"Topic 606", "985-605"), other guidance ("SFAS 133", "SOP 97-2", "SAB Topic 13", "ASU 2014-09") or an
SEC rule ("S-K 303", "Item 303 of Regulation S-K", "Rule 4-08(e)"). Something that is none of these is
a :class:`~asckg.core.errors.BadReference`, never an empty answer.

By default a reference matches everything under it (the stored ``asckg:citesWithin`` roll-up makes
that one lookup), and a Codification node also matches the letters that cite an older standard that
went there ("via SOP 97-2", through the crosswalk of :mod:`asckg.core.reference`); ``exact`` matches
only the node itself, ``via=False`` leaves the older standards out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from pyoxigraph import NamedNode

from asckg.core.codes import natural_key
from asckg.graph.ask.reference import parse_reference
from asckg.graph.store import Store
from asckg.queries import load_query


@dataclass(slots=True)
class CitingLetter:
    """One letter that cites the reference asked about, with the words that cite it."""

    id: str
    iri: str
    date: str | None
    company: str | None
    kind: str | None
    citations: list[str] = field(default_factory=list)  # the mentions as written
    refs: list[str] = field(default_factory=list)  # the normal forms under the target
    via: list[str] = field(default_factory=list)  # older standards that led here (crosswalk)
    context: str = ""  # the words around the first citing mention

    def dump(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.date,
            "company": self.company,
            "kind": self.kind,
            "citations": self.citations,
            "refs": self.refs,
            "via": self.via,
            "context": self.context,
        }


def cites(store: Store, reference: str, *, exact: bool = False, via: bool = True) -> list[CitingLetter]:
    """Letters citing ``reference`` (or anything under it unless ``exact``), by date then id."""
    target = parse_reference(reference)
    bindings = {"target": NamedNode(target.iri)}
    letters: dict[str, CitingLetter] = {}
    if exact:
        for row in store.select(load_query("cites_exact"), bindings):
            hit = letters.get(row["letter"])
            if hit is None:
                hit = letters[row["letter"]] = _hit(row)
            if row["matched"] not in hit.citations:
                hit.citations.append(row["matched"])
            if row["ref"] not in hit.refs:
                hit.refs.append(row["ref"])
    else:
        # The stored answer rows, from the embedded store's answer index when it has a complete
        # one (a range read), else from the graph. One JSON document for all of them: one call to
        # the C decoder, not one per letter (a Topic at 200,000 letters has over ten thousand).
        indexed = store.answer_rows(target.iri)
        if indexed is not None:
            document: str | bytes = b"[" + b",".join(indexed) + b"]"
        else:
            document = "[" + ",".join(r for r in store.column(load_query("cites"), "row", bindings) if r is not None) + "]"
        for answer in json.loads(document):
            if not answer["refs"] and not (via and answer["via"]):
                continue  # only an older standard leads here, and --no-via was asked for
            if answer["id"] not in letters:  # one row per letter id, the first (see answer_lines)
                letters[answer["id"]] = answer_letter(answer, via=via)
    return sorted(letters.values(), key=lambda h: (h.date or "", h.id))


def answer_lines(store: Store, reference: str, *, exact: bool = False, via: bool = True) -> list[bytes] | None:
    """What ``cites(store, reference, exact=exact, via=via)`` answers, each letter as the JSON
    object its ``dump()`` gives (``json.dumps(..., ensure_ascii=False)``, in UTF-8), in the same
    order; None when the store has no complete answer index, or for ``exact`` or ``via=False``
    (those read the rows: call :func:`cites`).

    Straight from the answer index, which keeps each row as it is printed: a Subtopic cited by
    thousands of letters is printed without decoding and encoding each letter again."""
    if exact or not via:
        return None
    return store.answer_rows(parse_reference(reference).iri)


def answer_letter(answer: dict[str, Any], *, via: bool = True) -> CitingLetter:
    """A letter from its stored answer row (asckg:answerRow, decoded)."""
    return CitingLetter(
        id=answer["id"], iri="", date=answer["date"], company=answer["company"], kind=answer["kind"],
        citations=answer["citations"], refs=sorted(answer["refs"], key=natural_key),
        via=sorted(answer["via"], key=natural_key) if via else [], context=answer["context"],
    )


def _hit(row: dict[str, Any]) -> CitingLetter:
    return CitingLetter(id=row["id"], iri=row["letter"], date=row["date"], company=row["company"],
                        kind=row["kind"], context=row["context"])
