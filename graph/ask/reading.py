"""What the reading room asks the store beyond what ``cites``, ``guidance``, ``show`` and ``thread`` answer.

Each function runs one ``site_*`` query of :mod:`asckg.queries` with its parameters bound as RDF
terms and returns plain values: the kind of a letter as the review-outcomes reading labels it, the
Topics a comment is about and the commitments of the answers, the letters about a node that do not
cite it, a company's names, reviews and references. The terms these read (``asckg:about``,
``asckg:letterType``, ``asckg:commitment``, review nodes, EDGAR header facts) are written by other
parts of asckg; every query takes them as OPTIONAL or answers no rows when the store has none, so
a store built before they existed reads as before. :func:`search` works from answers already
read (no query of its own beyond the lookups it names).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from pyoxigraph import Literal, NamedNode

from asckg.core import reference
from asckg.core.codes import parse as parse_code
from asckg.core.errors import BadReference
from asckg.graph.ask.cites import natural_key
from asckg.graph.ask.reference import parse_reference
from asckg.graph.ask.letters import LetterNotFound, find_letter
from asckg.graph.model import iris
from asckg.graph.model.namespace import ID
from asckg.queries import load_query

__all__ = [
    "AboutLetter", "CommentNotes", "CompanyInfo", "Review", "SearchHit", "children_counts", "comment_notes",
    "company_info", "company_references", "company_reviews", "letter_type", "letters_about", "resolve_company",
    "search", "suggest",
]

_COMPANY = str(ID["company/"])


# ---------------------------------------------------------------- letters and comments
def letter_type(store, letter_id: str) -> str | None:
    """``asckg:letterType`` of the letter with this id, None when the store has none."""
    rows = store.select(load_query("site_letter_type"), {"id": Literal(letter_id)})
    return rows[0]["letterType"] if rows else None


@dataclass(slots=True)
class CommentNotes:
    """What the store says about one comment beyond its text."""

    about: list[dict[str, str | None]] = field(default_factory=list)  # {ref, title}
    commitment: str | None = None  # this (response) comment's commitment
    answered_with: list[str] = field(default_factory=list)  # commitments of the answers it received


def comment_notes(store, letter_iri: str) -> dict[int, CommentNotes]:
    """Notes by comment position for one letter (an empty dict for a store without them)."""
    notes: dict[int, CommentNotes] = {}
    for row in store.select(load_query("site_comment_notes"), {"letter": NamedNode(letter_iri)}):
        note = notes.setdefault(int(row["position"]), CommentNotes())
        if row["note"] == "about":
            ref = row["code"] or _node_ref(row["node"])
            entry = {"ref": ref, "title": row["label"] or _title(ref)}
            if entry not in note.about:
                note.about.append(entry)
        elif row["note"] == "commitment":
            note.commitment = row["value"]
        elif row["value"] not in note.answered_with:
            note.answered_with.append(row["value"])
    return notes


@dataclass(slots=True)
class AboutLetter:
    """A comment about the node asked for, in a letter that does not cite it."""

    id: str
    date: str | None
    company: str | None
    kind: str | None
    number: int | None
    text: str

    def dump(self) -> dict[str, Any]:
        return asdict(self)


def letters_about(store, target_iri: str) -> list[AboutLetter]:
    """Comments about ``target_iri`` in letters that do not cite it or anything under it; newest first."""
    out = []
    for row in store.select(load_query("site_letters_about"), {"target": NamedNode(target_iri)}):
        out.append(AboutLetter(row["id"], row["date"], row["company"], row["kind"], row["number"],
                               row["text"] or ""))
    return out


# ---------------------------------------------------------------- a reference's children
def children_counts(store, target_iri: str, kind: str) -> list[dict[str, Any]]:
    """The nodes one level under a Codification node that letters cite, each with the letters its
    own page lists (citing it or anything under it, or an older standard that went there)."""
    if kind != "asc":
        return []
    rows = store.select(load_query("children_letters"), {"target": NamedNode(target_iri)})
    return [{"ref": row["code"], "title": _title(row["code"]), "letters": int(row["letters"])}
            for row in sorted(rows, key=lambda row: natural_key(row["code"]))]


def _title(ref: str | None) -> str | None:
    if not ref:
        return None
    try:
        return reference.title(parse_code(ref))
    except ValueError:
        return reference.guidance_title(ref)


def _node_ref(iri: str | None) -> str | None:
    if not iri:
        return None
    from urllib.parse import unquote

    return unquote(iri.rsplit("/", 1)[-1])


# ---------------------------------------------------------------- companies
def resolve_company(store, key: str) -> str:
    """A company's IRI from its CIK ("1013871"), its key ("cik/1013871", "name/interactive-...")
    or its IRI; :class:`LetterNotFound` when the store has no such company."""
    key = key.strip()
    if key.startswith(_COMPANY):
        iri = key
    elif key.isdigit() and key.strip("0"):
        iri = str(iris.company_iri(key, None))
    elif key.startswith(("cik/", "name/")) and len(key) > 5:
        iri = _COMPANY + key
    else:
        raise LetterNotFound(f"{key!r} is not a CIK or a company key (cik/NUMBER, name/SLUG)")
    if not store.select(load_query("site_company"), {"company": NamedNode(iri)}):
        raise LetterNotFound(f"no stored company has the key {key!r}")
    return iri


@dataclass(slots=True)
class CompanyInfo:
    """A company's names, CIK and (from EDGAR headers, when read) industry and state."""

    iri: str
    key: str
    names: list[str]
    cik: str | None = None
    sic_code: str | None = None
    sic_title: str | None = None
    state: str | None = None

    @property
    def name(self) -> str:
        return self.names[0] if self.names else self.key

    def dump(self) -> dict[str, Any]:
        return {"key": self.key, "names": self.names, "cik": self.cik, "sic_code": self.sic_code,
                "sic_title": self.sic_title, "state": self.state}


def company_info(store, company_iri: str) -> CompanyInfo:
    rows = store.select(load_query("site_company"), {"company": NamedNode(company_iri)})
    names = list(dict.fromkeys(r["name"] for r in rows if r["name"]))
    info = CompanyInfo(company_iri, company_iri[len(_COMPANY):], names)
    for row in rows:
        info.cik = info.cik or row["cik"]
        info.sic_code = info.sic_code or row["sicCode"]
        info.sic_title = info.sic_title or row["sicTitle"]
        info.state = info.state or row["state"]
    return info


@dataclass(slots=True)
class Review:
    """A review of the company, as the review-outcomes reading stored it."""

    first_letter: str
    last_letter: str | None
    conversation: str | None
    outcome: str | None
    rounds: int | None
    days_open: int | None
    closed_by: str | None
    filing: str | None

    def dump(self) -> dict[str, Any]:
        return asdict(self)


def company_reviews(store, company_iri: str) -> list[Review]:
    """The company's review nodes (none in a store without them), by first letter."""
    out = []
    for row in store.select(load_query("site_company_reviews"), {"company": NamedNode(company_iri)}):
        conversation = row["conversation"]
        out.append(Review(row["firstId"], row["lastId"],
                          conversation.rsplit("/conversation/", 1)[-1] if conversation else None,
                          row["outcome"], _int(row["rounds"]), _int(row["daysOpen"]), row["closedById"],
                          row["filing"]))
    return out


def company_references(store, company_iri: str) -> dict[str, list[dict[str, Any]]]:
    """What the company's letters cite (``cites``) and its comments are about (``about``), most
    letters first: ``{"cites": [{ref, title, letters}], "about": [...]}``."""
    out: dict[str, list[dict[str, Any]]] = {"cites": [], "about": []}
    for row in store.select(load_query("site_company_references"), {"company": NamedNode(company_iri)}):
        ref = row["code"] or _node_ref(row["node"])
        out[row["how"]].append({"ref": ref, "title": row["label"] or _title(ref), "letters": int(row["letters"])})
    return out


def _int(value: Any) -> int | None:
    if value is None:
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# ---------------------------------------------------------------- search
@dataclass(frozen=True, slots=True)
class SearchHit:
    """Where a search goes: the kind of thing found, its key for the page's address, a label."""

    kind: str  # "reference", "letter" or "company"
    key: str
    label: str


def search(store, text: str) -> SearchHit | list[SearchHit]:
    """What ``text`` names: a letter (id or accession), a reference (as ``asckg cites`` takes it),
    a company (CIK or name). One hit, or the candidates when a name fits several companies;
    :class:`BadReference` (or its subclass) when it names nothing stored or known."""
    words = " ".join(text.split())
    if not words:
        raise BadReference("type a reference (985-605-25-12, Topic 606, SOP 97-2), a company or a letter id")
    try:
        letter = find_letter(store, words)
        rows = store.select(load_query("letter_view"), {"letter": NamedNode(letter)})
        return SearchHit("letter", rows[0]["id"], f"letter {rows[0]['id']}")
    except LetterNotFound:
        pass
    try:
        target = parse_reference(words)
        return SearchHit("reference", target.ref, target.ref)
    except BadReference as not_a_reference:
        problem = not_a_reference
    matches = _companies(store, words)
    if len(matches) == 1:
        return matches[0]
    if matches:
        exact = [m for m in matches if iris.company_slug(m.label) == iris.company_slug(words)]
        return exact[0] if len(exact) == 1 else matches
    why = f" ({problem})" if re.search(r"\d{3}", words) else " (such as 985-605-25-12, Topic 606, SOP 97-2, S-K 303)"
    raise BadReference(f"nothing matches {words!r}: no stored letter has that id, no company that name or CIK, "
                       f"and it is not a reference asckg knows{why}")


def _companies(store, words: str) -> list[SearchHit]:
    cik = str(int(words)) if words.isdigit() and words.strip("0") else ""
    rows = store.select(load_query("company_find"), {"words": Literal(words.lower()), "cikWanted": Literal(cik)})
    names: dict[str, str] = {}
    for row in rows:
        names.setdefault(row["company"], row["name"] or row["company"][len(_COMPANY):])
    return sorted((SearchHit("company", iri[len(_COMPANY):], name) for iri, name in names.items()),
                  key=lambda h: h.label.lower())


def suggest(store, text: str, limit: int = 8) -> list[SearchHit]:
    """Suggestions while typing: the reference the text already is (with its title), Topics whose
    number or title starts with it, and companies whose name contains it."""
    words = " ".join(text.split())
    if len(words) < 2:
        return []
    out: list[SearchHit] = []
    try:
        target = parse_reference(words)
        title = _title(target.ref)
        out.append(SearchHit("reference", target.ref, f"{target.ref} {title}" if title else target.ref))
    except BadReference:
        pass
    if not words.replace("-", "").isdigit() or words.isdigit():
        out.extend(_companies(store, words)[: limit // 2])
    low = words.lower()
    for topic in reference.topics():
        if len(out) >= limit:
            break
        if str(topic.code).startswith(low) or (len(low) >= 3 and low in topic.title.lower()):
            hit = SearchHit("reference", str(topic.code), f"{topic.code} {topic.title}")
            if hit.key not in {h.key for h in out}:
                out.append(hit)
    return out[:limit]
