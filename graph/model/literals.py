"""Text as the graph stores it: every string literal made from a letter holds only characters that
every output format can carry.

A letter may hold characters that RDF allows but other formats do not: XML 1.0 (GraphML, GEXF, the
RDF/XML some tools ask for) forbids the C0 control characters other than tab, line feed and carriage
return (a PDF's form feed, an escape or NUL byte left by a converter), the noncharacters U+FFFE and
U+FFFF, and lone surrogates. They are replaced where text enters the graph, once, so that no writer
has to know: a control character becomes a space (a form feed is a page break between words), the
others the replacement character U+FFFD.

>>> graph_text("Release\\n\\n\\f 33-8350")
'Release\\n\\n  33-8350'
>>> graph_text("Acme\\x00Corp\\ufffe")
'Acme Corp\\ufffd'
"""

from __future__ import annotations

import re

from pyoxigraph import Literal

#: What XML 1.0 does not allow in a document (its Char production), as a class.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_CONTROL_MAX = "\x1f"


def _replace(m: re.Match[str]) -> str:
    return " " if m.group() <= _CONTROL_MAX else "\ufffd"


def graph_text(value: str) -> str:
    """``value`` with every character XML 1.0 forbids replaced (unchanged, and cheap, when it has none)."""
    return _NOT_XML.sub(_replace, value) if _NOT_XML.search(value) else value


def clean_literal(term):
    """``term`` itself, or for a string literal holding a forbidden character the same literal with
    :func:`graph_text` applied (its datatype or language kept)."""
    if type(term) is not Literal or not _NOT_XML.search(term.value):
        return term
    if term.language:
        return Literal(graph_text(term.value), language=term.language)
    return Literal(graph_text(term.value), datatype=term.datatype)
