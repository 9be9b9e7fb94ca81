"""What a node is: ``asckg guidance REF``.

Title, status and place in the hierarchy come from the reference data (:mod:`asckg.core.reference`);
where older standards went comes from its crosswalk; how many letters cite the node, and how that
count moved by year, comes from the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pyoxigraph import NamedNode

from asckg.core import reference
from asckg.graph.ask.reference import Target, parse_reference
from asckg.graph.store import Store
from asckg.core.codes import parse as parse_code
from asckg.queries import load_query


@dataclass(slots=True)
class NodeInfo:
    """Everything ``asckg guidance`` prints about one reference."""

    kind: str
    ref: str
    iri: str
    title: str | None = None
    status: str | None = None
    problems: list[str] = field(default_factory=list)
    hierarchy: list[tuple[str, str | None]] = field(default_factory=list)  # topic first, with titles
    codified_in: list[dict[str, str]] = field(default_factory=list)  # an older standard's locations
    standards_here: list[dict[str, str]] = field(default_factory=list)  # older standards that went here
    letters: int = 0
    by_year: list[tuple[str, int]] = field(default_factory=list)

    def dump(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "ref": self.ref, "iri": self.iri, "title": self.title,
            "status": self.status, "problems": self.problems,
            "hierarchy": [{"ref": r, "title": t} for r, t in self.hierarchy],
            "codified_in": self.codified_in, "standards_here": self.standards_here,
            "letters": self.letters, "by_year": [{"year": y, "letters": n} for y, n in self.by_year],
        }


def _crosswalk_dump(entry: reference.Crosswalk) -> dict[str, str]:
    return {"standard": entry.standard, "title": entry.title, "asc": entry.asc,
            "part": entry.part, "note": entry.note, "evidence": entry.evidence}


def describe(store: Store, text: str, *, counted: bool = True) -> NodeInfo:
    """The node ``text`` names, with what the reference data and the store know of it; the
    letters citing it counted by year unless not ``counted`` (the reading room counts its own,
    from the citation shelves)."""
    target: Target = parse_reference(text)
    info = NodeInfo(kind=target.kind, ref=target.ref, iri=target.iri)
    if target.kind == "asc":
        code = parse_code(target.ref)
        info.title = reference.title(code)
        info.status = reference.status(code)
        info.problems = list(reference.check(code))
        chain = [code, *code.ancestors()]
        info.hierarchy = [(c.code, reference.title(c)) for c in reversed(chain)]
        info.standards_here = [_crosswalk_dump(e) for e in reference.standards_in(code)]
    elif target.kind == "guidance":
        info.title = reference.guidance_title(target.ref)
        info.codified_in = [_crosswalk_dump(e) for e in reference.crosswalk(target.ref)]
    if not counted:
        return info
    rows = store.select(load_query("citing_letters_by_year"), {"target": NamedNode(target.iri)})
    info.by_year = [(row["year"], int(row["letters"])) for row in rows]
    info.letters = sum(n for _, n in info.by_year)
    return info
