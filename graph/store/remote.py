"""A store on any SPARQL 1.1 server: the same operations as the embedded store, over HTTP.

Letters are written with the SPARQL 1.1 Graph Store HTTP Protocol (``PUT`` of a letter's named
graph replaces it whole, which the server does atomically), queries go through the SPARQL 1.1
Protocol, and the few updates asckg makes through SPARQL Update. Only the standard library speaks
HTTP here: the protocols are three verbs on three paths.

``--store`` takes the server's base address; a prefix on the scheme names the kind of server, which
fixes its endpoint paths:

=============================================  ===============================  ====================
``--store``                                     query / update                   graph store
=============================================  ===============================  ====================
``http://host:7878`` (Oxigraph server)          ``/query``, ``/update``           ``/store``
``fuseki+http://host:3030/ds``                  ``/ds/query``, ``/ds/update``     ``/ds/data``
``graphdb+http://host:7200/repositories/r``     ``/repositories/r``, ``…/statements``  ``…/rdf-graphs/service``
``virtuoso+http://host:8890``                   ``/sparql``, ``/sparql``          ``/sparql-graph-crud``
``neptune+https://host:8182``                   ``/sparql``, ``/sparql``          (none: SPARQL Update)
=============================================  ===============================  ====================

asckg's queries read the union of all graphs as the default graph. Oxigraph server is asked for that
per query (``union-default-graph``); GraphDB, Virtuoso and Neptune do it by default; a Fuseki dataset
must be configured with ``tdb2:unionDefaultGraph true``.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator, Mapping

import pyoxigraph as ox

from asckg.core.errors import StoreError

from asckg.graph.model import ids

if TYPE_CHECKING:  # rdflib is not loaded for lookups (asckg.graph.model.ids)
    from asckg.graph.model.build import LetterQuads
    from asckg.graph.model.nquads import SerializedLetter

TIMEOUT = 120  # seconds for one HTTP request


@dataclass(frozen=True, slots=True)
class Endpoints:
    """The three addresses of a SPARQL server, and whether to ask for the union default graph."""

    query: str
    update: str
    graph_store: str | None
    union_param: bool = False


def endpoints_for(spec: str) -> Endpoints:
    """Endpoint addresses from a ``--store`` value (see the table in the module docstring)."""
    flavour, _, address = spec.partition("+") if "+" in spec.split("://", 1)[0] else ("oxigraph", "", spec)
    base = address.rstrip("/")
    if flavour == "oxigraph":
        return Endpoints(f"{base}/query", f"{base}/update", f"{base}/store", union_param=True)
    if flavour == "fuseki":
        return Endpoints(f"{base}/query", f"{base}/update", f"{base}/data")
    if flavour == "graphdb":
        return Endpoints(base, f"{base}/statements", f"{base}/rdf-graphs/service")
    if flavour == "virtuoso":
        return Endpoints(f"{base}/sparql", f"{base}/sparql", f"{base}/sparql-graph-crud")
    if flavour == "neptune":
        return Endpoints(f"{base}/sparql", f"{base}/sparql", None)
    raise StoreError(f"{spec}: unknown kind of SPARQL server {flavour!r} (oxigraph, fuseki, graphdb, virtuoso, neptune)")


def _bind(sparql: str, bindings: Mapping[str, Any] | None) -> str:
    """Bind variables with a trailing VALUES block of RDF terms (serialised, escaped, by pyoxigraph).

    A trailing VALUES clause is SPARQL 1.1's own way to give a query its inputs; the values are
    terms, so no value can change the query's shape.
    """
    if not bindings:
        return sparql
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(str(term) for term in bindings.values())
    return f"{sparql}\nVALUES ({names}) {{ ({terms}) }}"


def _value(cell: Mapping[str, str] | None) -> Any:
    if cell is None:
        return None
    if cell.get("type") in ("literal", "typed-literal"):
        dt = cell.get("datatype", "")
        if dt.endswith(("#integer", "#int", "#long")):
            return int(cell["value"])
    return cell["value"]


class RemoteStore:
    """A SPARQL 1.1 server used as asckg's store; same methods as :class:`LetterStore`."""

    def __init__(self, spec: str, *, read_only: bool = False, create: bool = True) -> None:
        self.path = spec
        self.read_only = read_only
        self.endpoints = endpoints_for(spec)
        try:
            self.select("ASK { ?s ?p ?o }", kind="ask")
        except StoreError as err:
            raise StoreError(f"{spec}: cannot reach the SPARQL server ({err})") from err

    def __enter__(self) -> "RemoteStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Nothing to release: every request is its own connection."""

    # -- HTTP ------------------------------------------------------------------------------------
    def _request(self, url: str, *, data: bytes | None = None, method: str = "GET",
                 headers: Mapping[str, str] | None = None) -> bytes:
        request = urllib.request.Request(url, data=data, method=method, headers=dict(headers or {}))
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                return response.read()
        except urllib.error.HTTPError as err:
            detail = err.read().decode("utf-8", "replace").strip().splitlines()
            raise StoreError(f"{url}: HTTP {err.code} {err.reason}: {detail[0] if detail else ''}") from err
        except (urllib.error.URLError, OSError) as err:
            raise StoreError(f"{url}: {getattr(err, 'reason', err)}") from err

    def _post_query(self, sparql: str, accept: str) -> bytes:
        params = {"query": sparql}
        if self.endpoints.union_param:
            params["union-default-graph"] = ""
        body = urllib.parse.urlencode(params).encode()
        return self._request(self.endpoints.query, data=body, method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded", "Accept": accept})

    def update(self, sparql_update: str) -> None:
        """Run a SPARQL update (the server applies one request atomically)."""
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")
        body = urllib.parse.urlencode({"update": sparql_update}).encode()
        self._request(self.endpoints.update, data=body, method="POST",
                      headers={"Content-Type": "application/x-www-form-urlencoded"})

    # -- reading ---------------------------------------------------------------------------------
    def select(self, sparql: str, bindings: Mapping[str, Any] | None = None, *, kind: str = "select"):
        """A SELECT query's rows as dicts of Python values (an ASK's answer with ``kind="ask"``)."""
        raw = self._post_query(_bind(sparql, bindings), "application/sparql-results+json")
        try:
            doc = json.loads(raw)
        except ValueError as err:
            raise StoreError(f"{self.endpoints.query}: the answer is not SPARQL results JSON") from err
        if kind == "ask" or "boolean" in doc:
            return bool(doc.get("boolean"))
        names = doc["head"]["vars"]
        return [{n: _value(b.get(n)) for n in names} for b in doc["results"]["bindings"]]

    def ask(self, sparql: str) -> bool:
        return bool(self.select(sparql, kind="ask"))

    def query_terms(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """A SELECT query's rows as dicts of pyoxigraph terms (unbound variables left out)."""
        raw = self._post_query(_bind(sparql, bindings), "application/sparql-results+json")
        solutions = ox.parse_query_results(raw, format=ox.QueryResultsFormat.JSON)
        assert isinstance(solutions, ox.QuerySolutions)  # a SELECT's answer
        names = [v.value for v in solutions.variables]
        return [{n: s[n] for n in names if s[n] is not None} for s in solutions]

    def dataset(self):
        """The whole store as an in-memory rdflib ``Dataset`` (for validation; reads every quad)."""
        from rdflib import Dataset

        data = self.dump(None, ox.RdfFormat.N_QUADS)
        ds = Dataset()
        ds.parse(data=data.decode("utf-8"), format="nquads")
        return ds

    def query(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> Any:
        """Run a query; pyoxigraph results (solutions, a boolean, or triples), as the embedded
        store gives them, parsed from the server's answer."""
        raw = self._post_query(_bind(sparql, bindings), "application/sparql-results+json, application/n-triples;q=0.9")
        if raw.lstrip().startswith(b"{"):
            return ox.parse_query_results(raw, format=ox.QueryResultsFormat.JSON)
        return list(ox.parse(raw, format=ox.RdfFormat.N_TRIPLES))

    def quads(self, subject: Any = None, predicate: Any = None, object: Any = None,  # noqa: A002
              graph: Any = None) -> Iterator[ox.Quad]:
        """The quads of the named graphs that match the given terms (None matches anything)."""
        terms = {"s": subject, "p": predicate, "o": object, "g": graph}
        given = {k: v for k, v in terms.items() if v is not None}
        for row in self.query_terms("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", given):
            yield ox.Quad(row["s"], row["p"], row["o"], row["g"])

    def named_graphs(self) -> Iterator[ox.NamedNode]:
        for row in self.query_terms("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", {}):
            yield row["g"]

    def dump(self, output: Any, format: ox.RdfFormat, *, prefixes: Mapping[str, str] | None = None) -> Any:  # noqa: A002
        """Every quad (every triple, for a format without graphs) serialised to ``output``."""
        quads: Iterator[Any] = self.quads()
        if format in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.RDF_XML):
            quads = (ox.Triple(q.subject, q.predicate, q.object) for q in quads)
        if prefixes:
            return ox.serialize(quads, output, format, prefixes=dict(prefixes))
        return ox.serialize(quads, output, format)

    def flush(self) -> None:
        """Nothing to flush: the server writes each update when it is made."""

    def release(self) -> None:
        """Nothing to give back: the server's memory is the server's."""

    def __len__(self) -> int:
        # asckg writes only named graphs (the union default graph would count each triple twice).
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0]["n"]) if rows else 0

    def stats(self) -> dict[str, int]:
        from asckg.queries import load_query

        row = self.select(load_query("stats"))[0]
        out = {k: int(v or 0) for k, v in row.items()}
        out["triples"] = len(self)
        return out

    # -- letters ---------------------------------------------------------------------------------
    def stored_reading(self, letter_iri: str) -> tuple[str, str | None] | None:
        """How a stored letter was read (content hash, ``asckg:readWith`` or None); None if not stored."""
        # The predicates are written in, not bound: a VALUES block joins after the OPTIONAL.
        rows = self.select(
            f"SELECT ?h ?w WHERE {{ GRAPH ?g {{ ?g <{ids.CONTENT_HASH}> ?h OPTIONAL {{ ?g <{ids.READ_WITH}> ?w }} }} }}",
            {"g": ox.NamedNode(letter_iri)},
        )
        return (rows[0]["h"], rows[0]["w"]) if rows else None

    def replace_graph(self, graph_iri: str, quads: list[ox.Quad]) -> None:
        """Swap one whole named graph: a Graph Store PUT, or DROP + INSERT DATA in one update."""
        body = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in quads)
        if self.endpoints.graph_store is not None:
            url = f"{self.endpoints.graph_store}?{urllib.parse.urlencode({'graph': graph_iri})}"
            self._request(url, data=body.encode(), method="PUT", headers={"Content-Type": "application/n-triples"})
        else:
            self.update(f"DROP SILENT GRAPH <{graph_iri}> ;\nINSERT DATA {{ GRAPH <{graph_iri}> {{\n{body}}} }}")

    def clear_graph(self, graph_iri: str) -> None:
        """Empty one named graph."""
        self.update(f"DROP SILENT GRAPH <{graph_iri}>")

    def add_quads(self, quads: list[ox.Quad]) -> None:
        """Add quads in one update."""
        if quads:
            body = "\n".join(f"GRAPH {q.graph_name} {{ {q.subject} {q.predicate} {q.object} . }}" for q in quads)
            self.update(f"INSERT DATA {{\n{body}\n}}")

    def column(self, sparql: str, name: str, bindings: Mapping[str, Any] | None = None) -> list[str | None]:
        """One variable's values over a SELECT query's rows, as strings (None where unbound)."""
        return [None if row[name] is None else str(row[name]) for row in self.select(sparql, bindings)]

    def iter_rows(self, sparql: str, bindings: Mapping[str, Any] | None = None):
        """The rows of :meth:`select` one at a time (the server's answer is read whole)."""
        yield from self.select(sparql, bindings)

    def put_letters(self, batch: list[tuple[LetterQuads | SerializedLetter, tuple[str, str | None]]]) -> list[bool]:
        """Store several letters in one SPARQL update, which the server applies whole or not at all
        (as the embedded store's batch transaction): the stored readings (content hash and
        ``asckg:readWith``) are read in one query, and each new or changed letter's graph is dropped
        and written again, its shared nodes beside it. One answer per letter: False for a letter
        already stored as it would be now."""
        if not batch:
            return []
        values = " ".join(f"<{quads.iri}>" for quads, _ in batch)
        stored = {row["g"]: (row["h"], row["w"]) for row in self.select(
            f"SELECT ?g ?h ?w WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?g <{ids.CONTENT_HASH}> ?h "
            f"OPTIONAL {{ ?g <{ids.READ_WITH}> ?w }} }} }}")}
        parts: list[str] = []
        written: list[bool] = []
        for quads, reading in batch:
            if stored.get(quads.iri) == tuple(reading):
                written.append(False)
                continue
            written.append(True)
            # The shared nodes first: a letter graph never points at nodes that are not there.
            if quads.codification:
                shared = "\n".join(f"GRAPH {q.graph_name} {{ {q.subject} {q.predicate} {q.object} . }}"
                                   for q in quads.codification)
                parts.append(f"INSERT DATA {{\n{shared}\n}}")
            body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads.letter)
            parts.append(f"DROP SILENT GRAPH <{quads.iri}>")
            parts.append(f"INSERT DATA {{ GRAPH <{quads.iri}> {{\n{body}\n}} }}")
        if parts:
            self.update(" ;\n".join(parts))
        return written

    def remove_letter(self, letter_iri: str) -> None:
        self.update(f"DROP SILENT GRAPH <{letter_iri}>")

    def answer_rows(self, node_iri: str) -> None:
        """None: a server has no answer index beside it; lookups ask its graph."""
        return None

    def refresh_answers(self) -> None:
        """Nothing to do: a server's store has no answer index."""
        return None
