"""Answer "which letters cite this?" from the store.

A reference is given as a user writes it ("985-605-25-12", "ASC 985-605-25-12", "Topic 606",
"985-605") and parsed by :mod:`asckg.nlp.codes`; something that is not a valid code is a
:class:`~asckg.errors.BadReference`, never an empty answer. By default a reference matches
everything under it (the stored ``asckg:citesWithin`` roll-up makes that one lookup); ``exact``
matches only the node itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pyoxigraph import NamedNode

from asckg.errors import BadReference
from asckg.graph import iris
from asckg.graph.store import LetterStore
from asckg.nlp.codes import AscCode
from asckg.nlp.codes import parse as parse_code
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
    refs: list[str] = field(default_factory=list)  # the canonical references under the target
    context: str = ""  # the words around the first citing mention

    def dump(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.date,
            "company": self.company,
            "kind": self.kind,
            "citations": self.citations,
            "refs": self.refs,
            "context": self.context,
        }


_PARTS = re.compile(r"\d+|\D+")


def natural_key(code: str) -> tuple:
    """Sort codes as a reader expects: 606-10-55-9 before 606-10-55-36, 15-4 before 15-4A."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in _PARTS.findall(code))


def parse_reference(text: str) -> AscCode:
    """A user's reference as a Codification code; BadReference if it is not one."""
    try:
        return parse_code(text)
    except ValueError as err:
        raise BadReference(f"{text!r} is not a Codification reference: {err}") from err


def _under(ref: str, target: str) -> bool:
    code: AscCode | None = parse_code(ref)
    while code is not None:
        if code.code == target:
            return True
        code = code.parent
    return False


def cites(store: LetterStore, reference: str, *, exact: bool = False) -> list[CitingLetter]:
    """Letters citing ``reference`` (or anything under it unless ``exact``), by date then id."""
    target = parse_reference(reference)
    query = load_query("cites_exact" if exact else "cites")
    rows = store.select(query, {"target": NamedNode(str(iris.asc_iri(target.code)))})
    letters: dict[str, CitingLetter] = {}
    for row in rows:
        if not exact and not _under(row["ref"], target.code):
            continue  # a range in the same mention that reaches outside the target
        hit = letters.get(row["letter"])
        if hit is None:
            hit = letters[row["letter"]] = CitingLetter(
                id=row["id"],
                iri=row["letter"],
                date=row["date"],
                company=row["company"],
                kind=row["kind"],
                context=row["context"],
            )
        if row["matched"] not in hit.citations:
            hit.citations.append(row["matched"])
        if row["ref"] not in hit.refs:
            hit.refs.append(row["ref"])
    for hit in letters.values():
        hit.refs.sort(key=natural_key)
    return list(letters.values())
