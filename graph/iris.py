"""Small deterministic functions that mint instance IRIs.

Identity never depends on ingest order: a letter is named by its EDGAR accession number (plus the
document's sequence when a submission holds several letters) or, without one, by the SHA-256 of its
text; a company by its CIK, or by its name folded to a slug when no CIK is known; a Codification
node by its canonical code. No blank nodes are used for anything with identity.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from rdflib.term import URIRef

from asckg.graph.namespace import ID

#: The named graph that holds the Codification hierarchy (shared by all letters).
CODIFICATION_GRAPH = ID["graph/codification"]
#: The SKOS concept scheme of the Codification.
CODIFICATION_SCHEME = ID["asc"]


def letter_key(accession: str | None, text_hash: str, document: str | None = None) -> str:
    """The stable key of a letter: its accession (and document), else its content hash.

    >>> letter_key("0000000000-11-071458", "ab12")
    '0000000000-11-071458'
    >>> letter_key(None, "1ae12daddb492283aaaa")
    'sha256-1ae12daddb492283aaaa'
    """
    if accession:
        key = accession if not document else f"{accession}-{document}"
        return quote(key, safe="-._")
    return f"sha256-{text_hash[:20]}"


def letter_iri(key: str) -> URIRef:
    """The letter's IRI; it is also the name of the letter's graph."""
    return ID[f"letter/{key}"]


def mention_iri(letter: URIRef, kind: str, start: int, end: int) -> URIRef:
    """A mention is named by its letter, kind and span."""
    return URIRef(f"{letter}/mention/{kind}/{start}-{end}")


def asc_iri(code: str) -> URIRef:
    """A Codification node, named by its canonical code (985-605-25-12)."""
    return ID[f"asc/{code}"]


def form_iri(form: str) -> URIRef:
    """An SEC form type, named by its normal form (10-K/A becomes 10-K%2FA)."""
    return ID[f"form/{quote(form, safe='-')}"]


_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def company_slug(name: str) -> str:
    """A company name folded for identity: case, punctuation and spacing do not matter.

    >>> company_slug("Interactive Intelligence Group, Inc.")
    'interactive-intelligence-group-inc'
    """
    return _SLUG_DROP.sub("-", name.lower()).strip("-")


def company_iri(cik: str | None, name: str | None) -> URIRef | None:
    """A company by CIK (leading zeros dropped), else by its name's slug; None if neither."""
    if cik and cik.strip("0").isdigit():
        return ID[f"company/cik/{int(cik)}"]
    if name and company_slug(name):
        return ID[f"company/name/{company_slug(name)}"]
    return None
