"""A query's parameters: each given text turned into one RDF term by its declared type."""

from __future__ import annotations

from typing import Any, Mapping

import pyoxigraph as ox

from asckg.graph.ask.sparql.resolve import resolve_company, resolve_letter, resolve_node
from asckg.graph.ask.sparql.terms import _DECIMAL, _TRUE, _FALSE, _XSD_BOOLEAN, _XSD_DECIMAL, BadQuery, _date, _integer, _iri, infer_term
from asckg.graph.model import iris
from asckg.graph.store import Store
from asckg.queries import Param, QuerySpec


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
