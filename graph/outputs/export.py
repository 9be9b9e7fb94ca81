"""Write the graph, or the part about some letters, as RDF another tool reads.

Formats that hold named graphs (N-Quads, TriG, JSON-LD) keep the store's layout: one graph per
letter, the shared Codification and guidance graphs, the links graph. Turtle and N-Triples hold
one graph, so they get the union of all graphs with each triple once (a company described by ten
letters is described once). Serialisation is pyoxigraph's, streamed to the output: a store of
millions of triples is not built up in Python.

A subset (one letter, or one company's letters) is those letters' own graphs, the descriptions of
every shared node they cite (with the nodes above it and where an older standard went), and the
links that start from them (replies, answers, conversations, earlier letters they refer to).
"""

from __future__ import annotations

from pathlib import Path

from dataclasses import dataclass
from typing import BinaryIO, Iterable, Iterator

import pyoxigraph as ox

from asckg.graph.model import iris
from asckg.graph.model.namespace import ASCKG, PREFIXES
from asckg.graph.model.references import GUIDANCE_GRAPH
from asckg.graph.store import Store

#: Format names the command line takes, with pyoxigraph's format and whether it holds graphs.
FORMATS: dict[str, tuple[ox.RdfFormat, bool]] = {
    "ttl": (ox.RdfFormat.TURTLE, False),
    "nt": (ox.RdfFormat.N_TRIPLES, False),
    "nq": (ox.RdfFormat.N_QUADS, True),
    "trig": (ox.RdfFormat.TRIG, True),
    "jsonld": (ox.RdfFormat.JSON_LD, True),
}

_UNION = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"  # Oxigraph returns each triple once
_COMPANY_LETTERS = """PREFIX asckg: <https://w3id.org/asckg/ns#>
SELECT ?letter ?company WHERE { GRAPH ?letter { ?letter asckg:aboutCompany ?company ; asckg:letterId ?id } }"""
_SHARED_GRAPHS = (str(iris.CODIFICATION_GRAPH), str(GUIDANCE_GRAPH))
# Edges from a letter's graph to shared nodes whose descriptions travel with the letter.
_CITING = frozenset({str(ASCKG.citesWithin), str(ASCKG.cites)})
# Edges of a shared node to other shared nodes that must travel with it.
_SHARED_LINKS = frozenset({str(ASCKG.codifiedWithin), str(ASCKG.codifiedIn)})


def _node(iri: str) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


@dataclass(slots=True)
class ExportReport:
    """What was written: how many quads (or triples) and graphs."""

    statements: int = 0
    graphs: int = 0


def company_letters(store: Store, company_iri: str) -> list[str]:
    """The IRIs of the stored letters about a company, sorted."""
    rows = store.select(_COMPANY_LETTERS, {"company": _node(company_iri)})
    return sorted({row["letter"] for row in rows})


def subset_quads(store: Store, letters: Iterable[str]) -> Iterator[ox.Quad]:
    """The quads of a subset: the letters' graphs, the shared nodes they cite, their links, and
    what a manifest said about their companies."""
    letters = list(dict.fromkeys(letters))
    shared: set[str] = set()
    own: set[str] = set()  # subjects of the letters' graphs (the letters, their comments)
    for letter in letters:
        graph = _node(letter)
        for quad in store.quads(graph=graph):
            own.add(quad.subject.value)  # type: ignore[union-attr]  # asckg writes no triple terms
            if quad.predicate.value in _CITING and isinstance(quad.object, ox.NamedNode):
                shared.add(quad.object.value)
            yield quad
    yield from _shared_quads(store, shared)
    yield from _link_quads(store, own)
    manifest = _node(iris.MANIFEST_GRAPH)
    for subject in sorted(own):
        yield from store.quads(_node(subject), graph=manifest)


def _shared_quads(store: Store, nodes: set[str]) -> Iterator[ox.Quad]:
    """Descriptions of shared nodes, following where older standards went (and the scheme)."""
    todo, done = sorted(nodes, reverse=True), set()  # sorted: the same subset exports the same bytes
    if any(n.startswith(str(iris.ID["asc/"])) for n in nodes):
        todo.append(str(iris.CODIFICATION_SCHEME))
    while todo:
        node = todo.pop()
        if node in done:
            continue
        done.add(node)
        for graph in _SHARED_GRAPHS:
            for quad in store.quads(_node(node), graph=_node(graph)):
                if quad.predicate.value in _SHARED_LINKS and isinstance(quad.object, ox.NamedNode) \
                        and quad.object.value not in done:
                    todo.append(quad.object.value)
                yield quad


def _link_quads(store: Store, subjects: set[str]) -> Iterator[ox.Quad]:
    """Links that start from the subset's letters and comments, and what they lead to in the
    links graph itself (a conversation's dates, a placeholder's date and company)."""
    links = _node(iris.LINKS_GRAPH)
    targets: set[str] = set()
    for subject in sorted(subjects):
        for quad in store.quads(_node(subject), graph=links):
            if isinstance(quad.object, ox.NamedNode):
                targets.add(quad.object.value)
            yield quad
    for target in sorted(targets - subjects):
        # Only things that live in the links graph (conversations, placeholders); a link to
        # another stored letter brings that letter's IRI, not its graph.
        yield from store.quads(_node(target), graph=links)


def export(store: Store, fmt: str, output: BinaryIO, letters: Iterable[str] | None = None) -> ExportReport:
    """Write the whole store (``letters`` None) or the subset about ``letters`` in ``fmt``."""
    rdf_format, holds_graphs = FORMATS[fmt]
    prefixes = PREFIXES if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    report = ExportReport()
    if letters is None:
        if holds_graphs:
            store.dump(output, rdf_format, prefixes=prefixes)
            report.statements = len(store)
            report.graphs = sum(1 for _ in store.named_graphs())
            return report
        triples = store.query(_UNION)
        if prefixes:
            counted = _counting(triples, report)
            ox.serialize(counted, output, rdf_format, prefixes=prefixes)
        else:
            ox.serialize(_counting(triples, report), output, rdf_format)
        report.graphs = 1
        return report
    quads = list(dict.fromkeys(subset_quads(store, letters)))
    if holds_graphs:
        report.statements = len(quads)
        report.graphs = len({str(q.graph_name) for q in quads})
        ox.serialize(quads, output, rdf_format, prefixes=prefixes) if prefixes else ox.serialize(quads, output, rdf_format)
        return report
    triples = list(dict.fromkeys(q.triple for q in quads))
    report.statements, report.graphs = len(triples), 1
    ox.serialize(triples, output, rdf_format, prefixes=prefixes) if prefixes else ox.serialize(triples, output, rdf_format)
    return report


def _counting(items: Iterable, report: ExportReport) -> Iterator:
    for item in items:
        report.statements += 1
        yield item


def export_shards(store: Store, shards: int, directory: Path) -> list[tuple[Path, int]]:
    """N-Quads in ``shards`` files for a server's bulk loader (Fuseki's tdb2.tdbloader, GraphDB's
    importrdf, Virtuoso's ld_dir, Neptune's bulk loader): a letter's graph lies whole in one shard
    (chosen by a hash of its name, so a rerun puts it in the same file), the shared graphs in the first.

    Returns each file with its number of quads.
    """
    import hashlib

    directory.mkdir(parents=True, exist_ok=True)
    width = len(str(shards))
    paths = [directory / f"asckg-{i + 1:0{width}d}-of-{shards}.nq" for i in range(shards)]
    counts = [0] * shards
    streams = [p.open("wb") for p in paths]
    shared = {str(g) for g in _SHARED_GRAPHS} | {str(iris.LINKS_GRAPH), str(iris.MANIFEST_GRAPH)}
    try:
        for graph in store.named_graphs():
            name = graph.value
            index = 0 if name in shared else int(hashlib.sha1(name.encode()).hexdigest(), 16) % shards
            quads = list(store.quads(graph=graph))
            ox.serialize(quads, streams[index], ox.RdfFormat.N_QUADS)
            counts[index] += len(quads)
    finally:
        for stream in streams:
            stream.close()
    return list(zip(paths, counts))
