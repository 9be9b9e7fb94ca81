"""Run a canned or a user's own SPARQL query with typed parameters, and render its answer.

A parameter arrives as text (``--param year=2018``) and is turned into one RDF term by its declared
type (:data:`asckg.queries.PARAM_TYPES`): ``2018`` an ``xsd:integer``, ``Topic 606`` the Topic's
node, ``Norwegian Cruise`` the one company whose name holds those words. The term is bound with
pyoxigraph ``substitutions``; no user text is ever pasted into a query. A missing or ill-typed
parameter, an unknown one and a malformed query are each one :class:`BadQuery` line.

Answers render as a table (for a person), CSV and TSV (SPARQL 1.1 Query Results CSV/TSV) and JSON
(SPARQL 1.1 Query Results JSON), so a result can be taken to a spreadsheet or another tool.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date as Date
from typing import Any, Iterable, Mapping

import pyoxigraph as ox

from asckg.core.errors import BadReference, StoreError
from asckg.graph.model import iris
from asckg.graph.model.namespace import PREFIXES, XSD
from asckg.graph.ask.reference import parse_reference
from asckg.graph.store import Store
from asckg.queries import Param, QuerySpec

__all__ = [
    "BadQuery", "Answer", "bind_params", "check_query", "run_query",
    "coerce", "infer_term", "resolve_company", "resolve_letter", "resolve_node",
    "to_json", "to_csv", "to_tsv", "display_value",
]


class BadQuery(BadReference):
    """A query or a parameter the user gave that cannot run: a usage error (exit code 2)."""


@dataclass(slots=True)
class Answer:
    """What a query returned: rows for SELECT, a truth value for ASK, triples for CONSTRUCT."""

    form: str  # "select", "ask" or "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Any, ...]] = field(default_factory=list)  # pyoxigraph terms, None when unbound
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)

    def dicts(self) -> list[dict[str, str | None]]:
        """Rows as dicts of the terms' plain values, for tests and quick scripts."""
        return [{v: (t.value if t is not None else None) for v, t in zip(self.variables, row)} for row in self.rows]


# ------------------------------------------------------------------------------------ typing values
_XSD_INTEGER = ox.NamedNode(str(XSD.integer))
_XSD_DECIMAL = ox.NamedNode(str(XSD.decimal))
_XSD_DATE = ox.NamedNode(str(XSD.date))
_XSD_BOOLEAN = ox.NamedNode(str(XSD.boolean))
_INTEGER = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?(?:\d+\.\d*|\.\d+|\d+)$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CURIE = re.compile(r"^(?P<prefix>[A-Za-z][\w-]*):(?P<local>\S*)$")
_TRUE, _FALSE = {"true", "yes", "1"}, {"false", "no", "0"}


def _iri(raw: str) -> ox.NamedNode | None:
    """``<...>``, an absolute http(s)/urn IRI, or a prefixed name with a known prefix; else None."""
    text = raw.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    elif (m := _CURIE.match(text)) and m["prefix"] in PREFIXES:
        text = PREFIXES[m["prefix"]] + m["local"]
    elif not re.match(r"^(?:https?|urn|file):", text):
        return None
    try:
        return ox.NamedNode(text)
    except ValueError:
        return None


def _integer(name: str, raw: str) -> ox.Literal:
    if not _INTEGER.match(raw.strip()):
        raise BadQuery(f"parameter {name}: {raw!r} is not a whole number")
    return ox.Literal(str(int(raw)), datatype=_XSD_INTEGER)


def _date(name: str, raw: str) -> ox.Literal:
    try:
        if not _DATE.match(raw.strip()):
            raise ValueError
        day = Date.fromisoformat(raw.strip())
    except ValueError:
        raise BadQuery(f"parameter {name}: {raw!r} is not a date (write YYYY-MM-DD)") from None
    return ox.Literal(day.isoformat(), datatype=_XSD_DATE)


def coerce(param: Param, raw: str, store: Store | None = None) -> Any:
    """The RDF term for a parameter's text, by its declared type; BadQuery if it is not one.

    Types that name things in the store (company, letter, and a reference given by its notation)
    look them up there, so ``store`` is needed for them.
    """
    name, kind, text = param.name, param.type, raw.strip()
    if not text:
        raise BadQuery(f"parameter {name}: empty value (expected {kind})")
    if kind == "integer":
        return _integer(name, text)
    if kind == "decimal":
        if not _DECIMAL.match(text):
            raise BadQuery(f"parameter {name}: {raw!r} is not a number")
        return ox.Literal(text, datatype=_XSD_DECIMAL)
    if kind == "date":
        return _date(name, text)
    if kind == "boolean":
        if text.lower() not in _TRUE | _FALSE:
            raise BadQuery(f"parameter {name}: {raw!r} is not true or false")
        return ox.Literal("true" if text.lower() in _TRUE else "false", datatype=_XSD_BOOLEAN)
    if kind == "string":
        return ox.Literal(text)
    if kind == "iri":
        node = _iri(text)
        if node is None:
            raise BadQuery(f"parameter {name}: {raw!r} is not an IRI (write <https://...> or a prefixed name such as id:asc/606)")
        return node
    if kind == "asc":
        return _asc_node(name, text)
    if kind == "node":
        return resolve_node(store, text, name)
    if kind == "company":
        return ox.NamedNode(resolve_company(_need(store, name), text))
    if kind == "letter":
        return ox.NamedNode(resolve_letter(_need(store, name), text))
    raise BadQuery(f"parameter {name}: unknown type {kind!r}")


def _need(store: Store | None, name: str) -> Store:
    if store is None:
        raise BadQuery(f"parameter {name}: needs a store to look the value up")
    return store


def _asc_node(name: str, text: str) -> ox.NamedNode:
    node = _iri(text)
    if node is not None:
        return node
    from asckg.core.codes import parse as parse_code

    try:
        return ox.NamedNode(str(iris.asc_iri(parse_code(text).code)))
    except ValueError as err:
        raise BadQuery(f"parameter {name}: {text!r} is not a Codification reference: {err}") from None


def infer_term(raw: str) -> Any:
    """A value for a parameter no header declares (a user's own query), typed by its look:
    an IRI or prefixed name, a whole number, a decimal, a date, true/false, else a string.

    >>> infer_term("2018").datatype.value.endswith("#integer"), infer_term("id:asc/606").value
    (True, 'https://w3id.org/asckg/id/asc/606')
    """
    text = raw.strip()
    node = _iri(text)
    if node is not None:
        return node
    if _INTEGER.match(text):
        return ox.Literal(str(int(text)), datatype=_XSD_INTEGER)
    if _DECIMAL.match(text):
        return ox.Literal(text, datatype=_XSD_DECIMAL)
    if _DATE.match(text):
        return _date("value", text)
    if text in ("true", "false"):
        return ox.Literal(text, datatype=_XSD_BOOLEAN)
    return ox.Literal(raw)


# ------------------------------------------------------------------------- looking things up
_COMPANIES = """PREFIX asckg: <https://w3id.org/asckg/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?company ?name WHERE { ?company a asckg:Company . OPTIONAL { ?company rdfs:label ?name } }"""
_LETTER_BY_ID = """PREFIX asckg: <https://w3id.org/asckg/ns#>
SELECT ?letter ?id WHERE { { ?letter asckg:letterId ?id } UNION { ?letter asckg:accessionNumber ?id } }"""
_EXISTS = "SELECT ?s WHERE { { ?s ?p ?o } UNION { ?o ?p ?s } } LIMIT 1"
_BY_NOTATION = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?node ?notation WHERE { ?node skos:notation ?notation }"""


def _exists(store: Store, iri: str) -> bool:
    return bool(list(store.query(_EXISTS, {"s": ox.NamedNode(iri)})))


def resolve_company(store: Store, text: str) -> str:
    """The IRI of the one company that ``text`` names: an IRI, a CIK, or (part of) its name.

    Names are compared folded (case, punctuation and spacing ignored, as company IRIs are minted);
    an exact name wins over partial ones. No match, or several companies that match equally, is a
    BadQuery that lists some of the candidates.
    """
    node = _iri(text)
    if node is not None:
        if not _exists(store, node.value):
            raise BadQuery(f"no company {text} in the store")
        return node.value
    if text.strip().isdigit():
        iri = str(iris.company_iri(text.strip(), None))
        if not _exists(store, iri):
            raise BadQuery(f"no company with CIK {text.strip()} in the store")
        return iri
    want = iris.company_slug(text)
    if not want:
        raise BadQuery(f"{text!r} does not name a company")
    names: dict[str, set[str]] = {}
    for row in store.select(_COMPANIES):
        names.setdefault(row["company"], set()).add(row["name"] or "")
    exact = sorted(c for c, ns in names.items() if any(iris.company_slug(n) == want for n in ns))
    partial = sorted(c for c, ns in names.items() if any(want in iris.company_slug(n) for n in ns))
    found = exact or partial
    if len(found) == 1:
        return found[0]
    if not found:
        raise BadQuery(f"no company named like {text!r} in the store")
    shown = "; ".join(f"{min(names[c])} ({c.rsplit('/company/', 1)[-1]})" for c in found[:5])
    raise BadQuery(f"{text!r} names {len(found)} companies: {shown}{' ...' if len(found) > 5 else ''}; give more of the name or the CIK")


def resolve_letter(store: Store, text: str) -> str:
    """The IRI of a stored letter named by its IRI, its id (file name, with or without extension)
    or its accession number; BadQuery if no stored letter has it."""
    node = _iri(text)
    if node is not None:
        if not _exists(store, node.value):
            raise BadQuery(f"no letter {text} in the store")
        return node.value
    key = text.strip()
    for candidate in dict.fromkeys((key, re.sub(r"\.(?:txt|md|html?|pdf)$", "", key, flags=re.I))):
        rows = store.select(_LETTER_BY_ID, {"id": ox.Literal(candidate)})
        letters = sorted({r["letter"] for r in rows})
        if len(letters) == 1:
            return letters[0]
        if len(letters) > 1:
            raise BadQuery(f"{text!r} names {len(letters)} letters: {', '.join(letters[:5])}")
    raise BadQuery(f"no letter with id or accession number {text!r} in the store")


def resolve_node(store: Store | None, text: str, name: str = "reference") -> ox.NamedNode:
    """A cited reference's node: an IRI, a reference as ``asckg cites`` reads it
    (:func:`asckg.graph.ask.reference.parse_reference`), or a notation stored in the graph."""
    node = _iri(text)
    if node is not None:
        return node
    try:
        return ox.NamedNode(parse_reference(text).iri)
    except BadReference as err:
        problem = err
    if store is not None:
        rows = store.select(_BY_NOTATION, {"notation": ox.Literal(text.strip())})
        if len(rows) == 1:
            return ox.NamedNode(rows[0]["node"])
    raise BadQuery(f"parameter {name}: {problem}") from None


# ------------------------------------------------------------------------------- running
def bind_params(spec: QuerySpec, given: Mapping[str, str], store: Store | None = None) -> dict[str, Any]:
    """The terms to bind for a query: each given value typed, defaults filled, required ones checked.

    A query whose header declares parameters accepts only those; one that declares none (a user's
    own file) takes any name, typed by the value's look (:func:`infer_term`).
    """
    if not spec.declared:
        return {name: infer_term(value) for name, value in given.items()}
    unknown = [n for n in given if spec.param(n) is None]
    if unknown:
        takes = ", ".join(p.name for p in spec.params)
        raise BadQuery(f"{spec.name} has no parameter {', '.join(unknown)} (it takes: {takes})")
    bound: dict[str, Any] = {}
    for param in spec.params:
        if param.name in given:
            bound[param.name] = coerce(param, given[param.name], store)
        elif param.default is not None:
            bound[param.name] = coerce(param, param.default, store)
        elif param.required:
            hint = f" ({param.help})" if param.help else ""
            raise BadQuery(f"{spec.name} needs --param {param.name}=<{param.type}>{hint}")
    return bound


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


# ------------------------------------------------------------------------------- rendering
def _json_term(term: Any) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != str(XSD.string):
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):  # RDF 1.2 triple terms, as Oxigraph writes them
        return {"type": "triple", "value": {"subject": _json_term(term.subject),  # type: ignore[dict-item]
                                            "predicate": _json_term(term.predicate),
                                            "object": _json_term(term.object)}}
    raise TypeError(f"not an RDF term: {term!r}")


def to_json(answer: Answer) -> str:
    """SPARQL 1.1 Query Results JSON (https://www.w3.org/TR/sparql11-results-json/)."""
    if answer.form == "ask":
        return json.dumps({"head": {}, "boolean": bool(answer.boolean)})
    bindings = [{v: _json_term(t) for v, t in zip(answer.variables, row) if t is not None} for row in answer.rows]
    return json.dumps({"head": {"vars": answer.variables}, "results": {"bindings": bindings}},
                      ensure_ascii=False, indent=1)


def to_csv(answer: Answer) -> str:
    """SPARQL 1.1 Query Results CSV: values only (IRIs bare, literals as their lexical form)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(answer.variables)
    for row in answer.rows:
        writer.writerow(["" if t is None else (f"_:{t.value}" if isinstance(t, ox.BlankNode) else t.value) for t in row])
    return buffer.getvalue()


def to_tsv(answer: Answer) -> str:
    """SPARQL 1.1 Query Results TSV: ``?var`` headers, each value an RDF term in Turtle syntax."""
    lines = ["\t".join(f"?{v}" for v in answer.variables)]
    for row in answer.rows:
        lines.append("\t".join("" if t is None else str(t) for t in row))
    return "\n".join(lines) + "\n"


_SHORT = sorted(((base, prefix) for prefix, base in PREFIXES.items()), key=lambda bp: -len(bp[0]))


def display_value(term: Any) -> str:
    """A term as a person reads it in a table: IRIs with a prefix (id:letter/...), literals bare."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for base, prefix in _SHORT:
            if term.value.startswith(base):
                return f"{prefix}:{term.value[len(base):]}"
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def graph_text(triples: Iterable[ox.Triple], fmt: ox.RdfFormat) -> str:
    """A CONSTRUCT or DESCRIBE answer serialised (Turtle for a person, N-Triples, JSON-LD)."""
    prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.JSON_LD) else None
    data = ox.serialize(list(triples), format=fmt, prefixes=prefixes) if prefixes else ox.serialize(list(triples), format=fmt)
    return data.decode("utf-8")
