"""Things a parameter names, looked up in the store: a company, a letter, a cited reference."""

from __future__ import annotations

import re

import pyoxigraph as ox

from asckg.core.errors import BadReference
from asckg.graph.ask.reference import parse_reference
from asckg.graph.ask.sparql.terms import BadQuery, _iri
from asckg.graph.model import iris
from asckg.graph.store import Store


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
