"""An answer written out: a table's cells, SPARQL 1.1 results JSON, CSV and TSV, RDF text."""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterable

import pyoxigraph as ox

from asckg.graph.ask.sparql.run import Answer
from asckg.graph.model.namespace import PREFIXES, XSD


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
    assert data is not None  # serialised to bytes, as no output was given
    return data.decode("utf-8")
