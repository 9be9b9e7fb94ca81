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

from asckg.graph.model import ids
from asckg.graph.model.namespace import ID

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


def mention_iri(letter: URIRef | str, kind: str, start: int, end: int) -> URIRef:
    """A mention is named by its letter, kind and span."""
    return URIRef(f"{letter}/mention/{kind}/{start}-{end}")


def asc_iri(code: str) -> URIRef:
    """A Codification node, named by its canonical code (985-605-25-12)."""
    return URIRef(ids.asc(code))


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


#: The named graph of links between letters (replies, prior comments, conversations), rebuilt
#: from the letters' own graphs after each ingest.
LINKS_GRAPH = ID["graph/links"]
#: The named graph of what a corpus manifest says about the stored letters' companies (their
#: industry sector), replaced whole each time ``asckg ingest --manifest`` is given one.
MANIFEST_GRAPH = ID["graph/manifest"]
#: The named graph of the store's own state (whether the links graph is stale).
STATE_GRAPH = ID["graph/state"]


def company_key(cik: str | None, name: str | None) -> str | None:
    """The last part of a company's IRI ("cik/1013871", "name/interactive-intelligence-group-inc")."""
    iri = company_iri(cik, name)
    return str(iri)[len(str(ID)) + len("company/"):] if iri is not None else None


def person_iri(name: str) -> URIRef:
    """A person by name, folded: the same staff accountant across letters is one node."""
    return ID[f"person/{company_slug(name)}"]


def role_iri(letter: URIRef | str, role: str, index: int) -> URIRef:
    """A person's part in one letter."""
    return URIRef(f"{letter}/role/{role}/{index}")


def comment_iri(letter: URIRef | str, label: str) -> URIRef:
    """A comment of a letter: its number as written ("5"), or "p3" for an unnumbered third comment."""
    return URIRef(f"{letter}/comment/{label}")


def filing_iri(company: str | None, form: str, period_end: str | None, filed: str | None) -> URIRef:
    """A filing by its company, form and period (or filing date when no period is stated)."""
    when = period_end or (f"filed-{filed}" if filed else "undated")
    who = company or "unknown"
    return ID[f"filing/{who}/{quote(form, safe='-')}/{when}"]


def placeholder_iri(company: str, date: str) -> URIRef:
    """An earlier letter known only by its company and date, until the letter itself is stored."""
    return ID[f"letter-placeholder/{company}/{date}"]


def conversation_iri(first_letter_key: str) -> URIRef:
    """A conversation, named after its first letter."""
    return ID[f"conversation/{first_letter_key}"]


def guidance_iri(ref: str) -> URIRef:
    """Other guidance by its normal form ("SFAS 133" becomes guidance/SFAS%20133)."""
    return URIRef(ids.guidance(ref))


def rule_iri(ref: str) -> URIRef:
    """An SEC rule or form item by its normal form ("S-K 303" becomes rule/S-K%20303)."""
    return URIRef(ids.rule(ref))


def citation_iri(letter: URIRef | str, node: str) -> URIRef:
    """A letter's citation of one node: the node's own path under the letter ("asc/985-605")."""
    return URIRef(f"{letter}/citation/{str(node)[len(str(ID)):]}")


def shelf_iri(node: str, holds: str, month: str, kind: str) -> URIRef:
    """The shelf of what one node ``holds`` ("citations", "about-cited", "about-uncited") from the
    letters of one month and kind: ``<id/shelf/citations/2024-10/staff/asc/606>``; ``undated``
    for letters without a date."""
    return URIRef(f"{ID}shelf/{holds}/{month}/{kind}/{str(node)[len(str(ID)):]}")


def topic_assignment_iri(comment: URIRef | str, label: str) -> URIRef:
    """One comment's assignment to one topic label ("350", "S-K 303"): ``<comment>/about/S-K%20303``."""
    return URIRef(f"{comment}/about/{quote(label, safe='-')}")


def labelling_iri(letter: URIRef | str) -> URIRef:
    """The activity that labelled a letter's comments with their topics."""
    return URIRef(f"{letter}/topic-labelling")


def topic_model_iri(version: str) -> URIRef:
    """The topic model of one version, as a PROV software agent."""
    return ID[f"agent/topic-model/{quote(version, safe='.-')}"]
