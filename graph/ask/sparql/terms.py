"""Text as RDF terms: IRIs and prefixed names, numbers, dates, truth values; and the error of a bad one."""

from __future__ import annotations

import re
from datetime import date as Date
from typing import Any

import pyoxigraph as ox

from asckg.core.errors import BadReference
from asckg.graph.model.namespace import PREFIXES, XSD


class BadQuery(BadReference):
    """A query or a parameter the user gave that cannot run: a usage error (exit code 2)."""


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
