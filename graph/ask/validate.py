"""Check a store against the graph's SHACL shapes (``asckg/graph/model/shapes.ttl``) with pySHACL.

The shapes describe the graph as :mod:`asckg.graph.model.build` and :mod:`asckg.ingest.relink` make it,
so a store straight from ``asckg ingest`` conforms; a problem means a bug in the builder or a store
edited by hand. Letters live in many named graphs and refer to nodes in others (a mention refers to
a Codification node in the Codification graph), so the union of all graphs is validated as one
graph, the way the queries see it. No inference is run: build.py writes out every class a node has
(an ``asckg:StaffLetter`` is also typed ``asckg:Letter``), and RDFS inference over the ontology
would wrongly make comments into mentions (``asckg:startOffset`` has domain ``asckg:Mention`` but
comments carry offsets too).

Warnings (a staff letter without a date) are reported but do not stop a graph from conforming.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from asckg.graph.model.namespace import PREFIXES

__all__ = ["Problem", "ValidationReport", "load_shapes", "union_graph", "validate"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One validation result: where it is, what property, what is wrong, how bad."""

    focus: str
    path: str | None
    message: str
    severity: str  # "Violation", "Warning" or "Info"
    value: str | None = None
    shape: str | None = None

    def line(self) -> str:
        """One readable line: ``Violation id:letter/X asckg:letterId: a letter needs ...``."""
        where = self.focus + (f" {self.path}" if self.path else "")
        value = f" (value {self.value})" if self.value is not None else ""
        return f"{self.severity} {where}: {self.message}{value}"

    def dump(self) -> dict[str, Any]:
        return {"severity": self.severity, "focus": self.focus, "path": self.path,
                "message": self.message, "value": self.value, "shape": self.shape}


@dataclass(slots=True)
class ValidationReport:
    """pySHACL's verdict on a graph, in plain values.

    ``conforms`` is False only for violations; ``results`` counts every result (warnings too);
    ``text`` is pySHACL's own readable report; ``problems`` one :class:`Problem` per result,
    violations first.
    """

    conforms: bool
    results: int
    text: str
    problems: list[Problem] = field(default_factory=list)
    triples: int = 0

    @property
    def violations(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "Violation"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != "Violation"]

    def lines(self) -> list[str]:
        """One line per problem, violations first."""
        return [p.line() for p in self.problems]

    def dump(self) -> dict[str, Any]:
        return {"conforms": self.conforms, "results": self.results, "triples": self.triples,
                "problems": [p.dump() for p in self.problems]}


@lru_cache(maxsize=1)
def _shapes_text() -> str:
    return (resources.files("asckg.graph.model") / "shapes.ttl").read_text(encoding="utf-8")


def load_shapes() -> Graph:
    """The shipped shapes as a fresh rdflib Graph."""
    return Graph().parse(data=_shapes_text(), format="turtle")


def union_graph(source: Any) -> Graph:
    """All triples of a store, Dataset, ConjunctiveGraph or Graph, as one plain rdflib Graph.

    A :class:`~asckg.graph.store.Store` (embedded or a server) or a ``pyoxigraph.Store`` is read
    directly, quad by quad, which is several times faster than going through oxrdflib.
    """
    import pyoxigraph as ox

    graph = Graph()
    if isinstance(source, ox.Store) or callable(getattr(source, "named_graphs", None)):
        add = graph.add
        stream = source.quads_for_pattern(None, None, None) if isinstance(source, ox.Store) else source.quads()
        for quad in stream:
            add((_rdflib(quad.subject), _rdflib(quad.predicate), _rdflib(quad.object)))
        return graph
    quads = getattr(source, "quads", None)
    if callable(quads) and getattr(source, "context_aware", False):
        for s, p, o, _ in quads((None, None, None, None)):
            graph.add((s, p, _simple(o)))
        return graph
    if isinstance(source, Graph):
        return source
    raise TypeError(f"cannot validate a {type(source).__name__}: give a store, a Dataset or a Graph")


def validate(source: Any) -> ValidationReport:
    """Validate a store (or an rdflib Dataset/Graph) against the shipped shapes."""
    from pyshacl import validate as shacl_validate

    data = union_graph(source)
    conforms, results_graph, text = shacl_validate(
        data,
        shacl_graph=load_shapes(),
        inference="none",
        advanced=True,  # SPARQL-based constraints
        allow_warnings=True,
        inplace=data is not source,  # our own copy: spare pySHACL from copying it again
    )
    if not isinstance(results_graph, Graph):  # pySHACL could not run a shape: a bug in shapes.ttl
        raise RuntimeError(f"SHACL validation failed to run: {text.strip()}")
    problems = _problems(results_graph, data)
    return ValidationReport(conforms=bool(conforms), results=len(problems), text=text,
                            problems=problems, triples=len(data))


# -- reading pySHACL's results graph ------------------------------------------------------------
_SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


def _problems(results: Graph, data: Graph) -> list[Problem]:
    namespaces = _namespaces()
    found: list[Problem] = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        severity = results.value(result, SH.resultSeverity)
        message = results.value(result, SH.resultMessage)
        shape = results.value(result, SH.sourceShape)
        component = results.value(result, SH.sourceConstraintComponent)
        found.append(Problem(
            focus=_short(focus, namespaces),
            path=_path(results, path, namespaces),
            message=str(message) if message is not None else _short(component, namespaces),
            severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
            value=_short(value, namespaces) if value is not None else None,
            shape=_short(shape, namespaces) if isinstance(shape, URIRef) else None,
        ))
    found.sort(key=lambda p: (_SEVERITY_ORDER.get(p.severity, 3), p.focus, p.path or "", p.message))
    return found


@lru_cache(maxsize=1)
def _namespaces() -> tuple[tuple[str, str], ...]:
    # Longest namespace first, so id: wins over nothing and asckg: over its own base.
    pairs = sorted(((uri, prefix) for prefix, uri in PREFIXES.items()), key=lambda p: -len(p[0]))
    return tuple(pairs)


def _short(term: Any, namespaces: tuple[tuple[str, str], ...]) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal):
        dt = term.datatype
        kind = f"^^{_short(dt, namespaces)}" if dt is not None else ""
        return f'"{term}"{kind}'
    if isinstance(term, BNode):
        return "[]"
    text = str(term)
    for uri, prefix in namespaces:
        if text.startswith(uri):
            return f"{prefix}:{text[len(uri):]}"
    return f"<{text}>"


def _path(results: Graph, path: Any, namespaces: tuple[tuple[str, str], ...]) -> str | None:
    if path is None:
        return None
    if isinstance(path, BNode):
        inverse = results.value(path, SH.inversePath)
        if inverse is not None:
            return f"^{_short(inverse, namespaces)}"
        return "[path]"
    return _short(path, namespaces)


# -- pyoxigraph terms to rdflib terms -------------------------------------------------------------
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _simple(term: Any):
    """An ``xsd:string`` literal as the simple literal it is (rdflib tells the two apart)."""
    if isinstance(term, Literal) and term.datatype is not None and str(term.datatype) == _XSD_STRING:
        return Literal(str(term))
    return term


def _rdflib(term: Any):
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:  # a simple literal, as Turtle's "text" in the shapes is
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"unexpected RDF term {term!r}")
