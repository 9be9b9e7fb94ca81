"""Run a canned or a user's own SPARQL query with typed parameters, and render its answer.

A parameter arrives as text (``--param year=2018``) and is turned into one RDF term by its declared
type (:data:`asckg.queries.PARAM_TYPES`): ``2018`` an ``xsd:integer``, ``Topic 606`` the Topic's
node, ``Norwegian Cruise`` the one company whose name holds those words. The term is bound with
pyoxigraph ``substitutions``; no user text is ever pasted into a query. A missing or ill-typed
parameter, an unknown one and a malformed query are each one :class:`BadQuery` line.

Answers render as a table (for a person), CSV and TSV (SPARQL 1.1 Query Results CSV/TSV) and JSON
(SPARQL 1.1 Query Results JSON), so a result can be taken to a spreadsheet or another tool.
"""

from asckg.graph.ask.sparql.params import bind_params, coerce
from asckg.graph.ask.sparql.render import display_value, graph_text, to_csv, to_json, to_tsv
from asckg.graph.ask.sparql.resolve import resolve_company, resolve_letter, resolve_node
from asckg.graph.ask.sparql.run import Answer, check_query, run_query
from asckg.graph.ask.sparql.terms import BadQuery, infer_term

__all__ = [
    "BadQuery", "Answer", "bind_params", "check_query", "run_query",
    "coerce", "infer_term", "resolve_company", "resolve_letter", "resolve_node",
    "to_json", "to_csv", "to_tsv", "display_value", "graph_text",
]
