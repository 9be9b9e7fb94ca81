"""The spelling of the instance IRIs that lookups need, as plain strings (no rdflib).

``asckg cites`` answers from the store with pyoxigraph alone; loading rdflib would double the time a
shell command takes. :mod:`asckg.graph.model.iris` mints the same IRIs as rdflib terms from these
functions, so there is one spelling.
"""

from __future__ import annotations

from urllib.parse import quote

#: Base of every instance IRI (letters, companies, Codification nodes, graphs).
BASE = "https://w3id.org/asckg/id/"
#: The ontology's namespace.
NS = "https://w3id.org/asckg/ns#"
#: ``asckg:contentHash``, which the store reads to skip letters it holds already.
CONTENT_HASH = NS + "contentHash"
#: ``asckg:readWith``: what read the letter (asckg's and the topic model's versions); a letter read
#: by another version is read again.
READ_WITH = NS + "readWith"


def asc(code: str) -> str:
    """A Codification node, named by its canonical code (985-605-25-12)."""
    return f"{BASE}asc/{code}"


def guidance(ref: str) -> str:
    """Other guidance by its normal form ("SFAS 133" becomes guidance/SFAS%20133)."""
    return f"{BASE}guidance/{quote(ref, safe='-.')}"


def rule(ref: str) -> str:
    """An SEC rule or form item by its normal form ("S-K 303" becomes rule/S-K%20303)."""
    return f"{BASE}rule/{quote(ref, safe='-.')}"
