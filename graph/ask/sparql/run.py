"""Running a query: parameters bound, the query checked, the answer as rows, a truth value or triples."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

import pyoxigraph as ox

from asckg.core.errors import StoreError
from asckg.graph.ask.sparql.params import bind_params
from asckg.graph.ask.sparql.terms import BadQuery
from asckg.graph.store import Store
from asckg.queries import QuerySpec


@dataclass(slots=True)
class Answer:
    """What a query returned: rows for SELECT, a truth value for ASK, triples for CONSTRUCT."""

    form: str  # "select", "ask" or "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Any, ...]] = field(default_factory=list)  # pyoxigraph terms, None when unbound
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)

    def dicts(self) -> list[dict[str, Any]]:
        """Rows as dicts of the terms' plain values (strings; None where unbound)."""
        return [{v: (t.value if t is not None else None) for v, t in zip(self.variables, row)} for row in self.rows]


def _one_line(err: Exception) -> str:
    return " ".join(str(err).split())


def check_query(spec: QuerySpec, bindings: Mapping[str, Any] | None = None) -> None:
    """Parse the query (with its bindings) against an empty store: a malformed query, or a bound
    variable the query does not project, is one BadQuery before any real store is opened."""
    empty = ox.Store()
    try:
        result = empty.query(spec.text, use_default_graph_as_union=True,
                             substitutions={ox.Variable(k): v for k, v in (bindings or {}).items()})
        if isinstance(result, (ox.QuerySolutions, ox.QueryTriples)):
            for _ in result:
                break
    except SyntaxError as err:
        raise BadQuery(f"{spec.path or spec.name}: malformed SPARQL: {_one_line(err)}") from None
    except (RuntimeError, ValueError, TypeError) as err:
        text = _one_line(err)
        if "SELECT projection" in text:
            text += " (a bound parameter must be a column of the SELECT)"
        raise BadQuery(f"{spec.path or spec.name}: {text}") from None


def run_query(store: Store, spec: QuerySpec, given: Mapping[str, str] | None = None) -> Answer:
    """Bind the parameters, check the query, run it over the union of the store's graphs."""
    bindings = bind_params(spec, given or {}, store)
    check_query(spec, bindings)
    try:
        result = store.query(spec.text, bindings)
    except StoreError as err:  # checked above; kept for safety
        raise BadQuery(f"{spec.path or spec.name}: malformed SPARQL: {_one_line(err)}") from None
    if isinstance(result, ox.QueryBoolean):
        return Answer("ask", boolean=bool(result))
    if isinstance(result, (ox.QueryTriples, list)):  # a list: triples from a remote store
        return Answer("graph", triples=list(result))
    names = [v.value for v in result.variables]
    return Answer("select", variables=names, rows=[tuple(s[n] for n in names) for s in result])
