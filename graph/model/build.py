"""Turn a :class:`~asckg.nlp.record.LetterRecord` into RDF quads.

Knows nothing of spaCy. Quads are built as pyoxigraph terms directly (about six times faster than
adding through rdflib, see ../shared/PERF.md); the IRIs come from :mod:`asckg.graph.model.namespace` and
:mod:`asckg.graph.model.iris`. A letter's own triples go in the named graph named by the letter's IRI, so
re-ingesting a letter replaces exactly them; the Codification nodes it cites (with their whole
``skos:broader`` chain) go in the shared Codification graph, where adding them again changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from pyoxigraph import Literal, NamedNode, Quad

from asckg.graph.model import answer_rows, iris
from asckg.graph.model.literals import clean_literal
from asckg.graph.model.namespace import ASCKG, DCTERMS, RDF, RDFS, SKOS, XSD
from asckg.graph.model.references import CitedNode, cited_node
from asckg.graph.model.topics import add_topics
from asckg.nlp.mention import Mention
from asckg.nlp.record import LetterRecord, content_hash

#: Mention kinds that become mention nodes with citation edges.
CITING_KINDS = ("asc", "guidance", "sec_rule")
#: Characters of context kept on each side of a mention.
CONTEXT_CHARS = 80
#: Citing mentions of one letter stored as mention nodes and citations. Real letters cite a few
#: dozen times at most (55 in the 989 corpus letters); a text repeating a citation 50,000 times
#: would build over half a million quads and hold a gigabyte while it is stored. The number left
#: out is stored in asckg:omittedMentions, and `asckg ingest` says so.
MAX_CITING_MENTIONS = 1_000
#: File numbers stored per letter (real letters name one to five), for the same reason.
MAX_FILE_NUMBERS = 100

_LETTER_CLASS = {"staff": ASCKG.StaffLetter, "response": ASCKG.Response, "other": ASCKG.OtherLetter}
_SPACE = re.compile(r"\s+")
_ROLE_EDGE = {"addressee": ASCKG.addressedTo, "signer": ASCKG.signedBy, "staff_contact": ASCKG.staffContact}


#: The EDGAR header's facts (LetterRecord.company_facts and .filing_facts) as graph terms.
_COMPANY_FACT_TERMS = {
    "sic_code": ASCKG.sicCode, "sic_title": ASCKG.sicTitle,
    "state_of_incorporation": ASCKG.stateOfIncorporation, "fiscal_year_end": ASCKG.fiscalYearEnd,
}
_FILING_FACT_TERMS = {
    "review_office": ASCKG.reviewOffice, "dissemination_date": ASCKG.disseminationDate,
    "public_reference_accession": ASCKG.publicReferenceAccession, "sec_file_number": ASCKG.secFileNumber,
}


@lru_cache(maxsize=4096)
def node(iri: str) -> NamedNode:
    """A pyoxigraph IRI term, cached: the same few hundred predicates and classes recur (bounded:
    letters' own IRIs pass through once, and an unbounded cache grew with the corpus)."""
    return NamedNode(str(iri))


_XSD_DATE = node(XSD.date)
_XSD_INTEGER = node(XSD.integer)
_RDF_JSON = node(str(RDF) + "JSON")
_CODIFICATION = node(iris.CODIFICATION_GRAPH)


@dataclass(frozen=True, slots=True)
class LetterQuads:
    """The quads of one letter: its own named graph, and what it adds to the Codification graph."""

    iri: str
    letter: list[Quad]
    codification: list[Quad]
    omitted: int = 0  # citing mentions beyond MAX_CITING_MENTIONS, not stored
    #: The letter's rows for the store's answer index, one per cited node, as
    #: :func:`asckg.graph.model.answer_rows.index_row` makes them (made here, in the worker that
    #: extracted the letter, so that the one writing process only writes them).
    answers: tuple[tuple[str, str, str, str], ...] = ()

    def __len__(self) -> int:
        return len(self.letter) + len(self.codification)


def letter_iri_for(record: LetterRecord) -> str:
    """The IRI (and graph name) of a record's letter."""
    return str(iris.letter_iri(iris.letter_key(record.accession, record.text_hash, record.meta.get("document"))))


class Reading(NamedTuple):
    """How a stored letter came to be: the hash of the text read and what read it
    (``asckg:contentHash`` and ``asckg:readWith``; the stamp is None in a store made before asckg
    recorded it). Ingest skips a letter only when both are what it would store now."""

    text_hash: str
    read_with: str | None


def reading_of(record: LetterRecord) -> Reading:
    """The :class:`Reading` a record's graph records."""
    return Reading(record.text_hash, record.read_with)


def letter_iri_for_letter(letter) -> tuple[str, str]:
    """The IRI and text hash a letter will have, from the letter as read (before extraction)."""
    text_hash = content_hash(letter.text)
    key = iris.letter_key(letter.meta.get("accession") or None, text_hash, letter.meta.get("document"))
    return str(iris.letter_iri(key)), text_hash


def context_snippet(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> str:
    """The words around a span, whitespace folded, with an ellipsis where the text goes on."""
    lo, hi = max(0, start - width), min(len(text), end + width)
    # Whole words only: move each cut to the nearest space inside the window.
    if lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space != -1 else lo
    if hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space != -1 else hi
    snippet = _SPACE.sub(" ", text[lo:hi]).strip()
    return ("…" if lo > 0 else "") + snippet + ("…" if hi < len(text) else "")


def build_letter(record: LetterRecord) -> LetterQuads:
    """Every quad asckg stores for one letter."""
    letter_iri = letter_iri_for(record)
    letter = node(letter_iri)
    graph = letter
    quads: list[Quad] = []
    shared: dict[str, Sequence[Quad]] = {}  # description quads of the cited nodes (and shelves), by node

    def add(s: NamedNode, p: str, o) -> None:
        quads.append(Quad(s, node(p), clean_literal(o), graph))

    add(letter, RDF.type, node(ASCKG.Letter))
    if record.kind in _LETTER_CLASS:
        add(letter, RDF.type, node(_LETTER_CLASS[record.kind]))
    add(letter, ASCKG.letterId, Literal(record.id))
    add(letter, DCTERMS.identifier, Literal(record.id))
    add(letter, ASCKG.contentHash, Literal(record.text_hash))
    add(letter, ASCKG.readWith, Literal(record.read_with))
    add(letter, ASCKG.sourceFile, Literal(record.path))
    add(letter, ASCKG.sourceFormat, Literal(record.fmt))
    if record.accession:
        add(letter, ASCKG.accessionNumber, Literal(record.accession))
    if record.letter_date:
        add(letter, DCTERMS.date, Literal(record.letter_date, datatype=_XSD_DATE))
    letter_type = getattr(record.anatomy, "letter_type", None)
    if letter_type:
        add(letter, ASCKG.letterType, Literal(letter_type))

    company = iris.company_iri(record.cik, record.company)
    if company is not None:
        company_node = node(company)
        add(letter, ASCKG.aboutCompany, company_node)
        add(company_node, RDF.type, node(ASCKG.Company))
        if record.company:
            add(company_node, RDFS.label, Literal(record.company))
            add(letter, ASCKG.companyName, Literal(record.company))
        if record.cik and record.cik.strip("0").isdigit():
            add(company_node, ASCKG.cik, Literal(str(int(record.cik))))
        for key, value in record.company_facts.items():
            add(company_node, _COMPANY_FACT_TERMS[key], Literal(value))
    for key, value in record.filing_facts.items():
        add(letter, _FILING_FACT_TERMS[key], _date(value) if key == "dissemination_date" else Literal(value))

    for number in record.refs("file_number")[:MAX_FILE_NUMBERS]:
        add(letter, ASCKG.fileNumber, Literal(number))
    for form in record.refs("form"):
        form_node = node(iris.form_iri(form))
        add(letter, ASCKG.mentionsForm, form_node)
        add(form_node, RDF.type, node(ASCKG.FormType))
        add(form_node, SKOS.notation, Literal(form))

    comments = _add_anatomy(record, letter, add)
    unpaged = _Unpaged(record.text)
    citations: dict[str, _Citation] = {}
    answers: list[tuple[str, str, str, str]] = []
    month, kind = (record.letter_date or "")[:7] or "undated", record.kind or "other"

    def shelve(item: NamedNode, node_iri: str, holds: str) -> None:
        # Shelves: what a node holds by month and kind of letter, so that a reference's newest
        # letters are read a shelf at a time and counted without being read (see graph/ask/shelves.py).
        shelf = node(iris.shelf_iri(node_iri, holds, month, kind))
        add(item, ASCKG.onShelf, shelf)
        shared.setdefault(str(shelf), _shelf_description(shelf, node_iri, holds, month, kind))

    citing = [m for m in record.mentions if m.kind in CITING_KINDS]
    omitted = max(0, len(citing) - MAX_CITING_MENTIONS)
    if omitted:
        add(letter, ASCKG.omittedMentions, Literal(str(omitted), datatype=_XSD_INTEGER))
    for mention in citing[:MAX_CITING_MENTIONS]:
        cited = [cited_node(mention.kind, ref, mention.flags) for ref in mention.refs]
        m = _add_citation(record, letter, mention, cited, add, unpaged)
        _gather(citations, mention, cited, unpaged)
        comment = _comment_at(comments, mention.start)
        if comment is not None:
            add(m, ASCKG.inComment, comment)
            for target in cited:
                add(comment, ASCKG.cites, node(target.iri))
        for target in cited:
            shared.setdefault(target.iri, target.description)

    for node_iri, citation in citations.items():
        c = node(iris.citation_iri(letter.value, node_iri))
        add(letter, ASCKG.hasCitation, c)
        add(c, RDF.type, node(ASCKG.Citation))
        add(c, ASCKG.citedNode, node(node_iri))
        add(c, ASCKG.citedAs, Literal(" | ".join(citation.words)))
        add(c, ASCKG.context, Literal(citation.context))
        if citation.refs:
            add(c, ASCKG.citedRefs, Literal(" | ".join(citation.refs)))
        if citation.via:
            add(c, ASCKG.citedVia, Literal(" | ".join(citation.via)))
        # The whole answer row, so that "which letters cite X" reads one literal per letter.
        answer = {
            "id": record.id, "date": record.letter_date, "company": record.company, "kind": record.kind,
            "citations": [" ".join(w.split()) for w in citation.words], "refs": citation.refs,
            "via": citation.via, "context": citation.context,
        }
        add(c, ASCKG.answerRow, Literal(answer_rows.stored(answer), datatype=_RDF_JSON))
        answers.append(answer_rows.index_row(node_iri, answer))
        if record.letter_date:
            add(c, DCTERMS.date, _date(record.letter_date))
        shelve(c, node_iri, "citations")

    cited_within = {iri for iri, citation in citations.items() if citation.refs}
    add_topics(record, letter, [c for _, _, c in comments], add, shared,
               lambda a, target: shelve(a, target, "about-cited" if target in cited_within else "about-uncited"))

    # The same edge recurs (a paragraph cited twice); each quad is stored once.
    described = (q for quads_of_node in shared.values() for q in quads_of_node)
    return LetterQuads(letter_iri, list(dict.fromkeys(quads)), list(dict.fromkeys(described)), omitted,
                       tuple(answers))


@lru_cache(maxsize=4096)
def _shelf_description(shelf: NamedNode, node_iri: str, holds: str, month: str, kind: str) -> tuple[Quad, ...]:
    graph = _CODIFICATION
    return (Quad(shelf, node(RDF.type), node(ASCKG.Shelf), graph),
            Quad(shelf, node(ASCKG.shelfOf), node(node_iri), graph),
            Quad(shelf, node(ASCKG.shelfHolds), Literal(holds), graph),
            Quad(shelf, node(ASCKG.shelfMonth), Literal(month), graph),
            Quad(shelf, node(ASCKG.shelfKind), Literal(kind), graph))


@dataclass(slots=True)
class _Citation:
    words: list[str]
    refs: list[str]
    via: list[str]
    context: str


class _Unpaged:
    """A letter's text for context snippets, its running page headers blanked out where a snippet
    would reach across a page break (blanked once per letter, and only then: the same length, so
    every span still points at the same characters)."""

    __slots__ = ("text", "_masked")

    def __init__(self, text: str) -> None:
        self.text = text
        self._masked: str | None = None

    def snippet(self, start: int, end: int) -> str:
        lo, hi = max(0, start - CONTEXT_CHARS), end + CONTEXT_CHARS
        if self._masked is None and "\f" in self.text[lo:hi]:
            from asckg.nlp.layout import mask_running_headers

            masked = mask_running_headers(self.text)
            self._masked = masked if len(masked) == len(self.text) else self.text
        return context_snippet(self._masked or self.text, start, end)


def words_as_written(text: str) -> str:
    """A mention's words as the letter writes them, on one line: line wraps, page breaks and the
    blanked running header inside a match folded to single spaces ("Release\n\n\f   33-8350" ->
    "Release 33-8350")."""
    return " ".join(text.split())


def _gather(citations: dict[str, _Citation], mention: Mention, cited: list[CitedNode], text: _Unpaged) -> None:
    """Fold one mention into the letter's citation of every node it falls under (and, for an older
    standard, of every Codification node it went into)."""
    words = words_as_written(mention.text)

    def entry(node_iri: str) -> _Citation:
        found = citations.get(node_iri)
        if found is None:
            found = citations[node_iri] = _Citation([], [], [], text.snippet(mention.start, mention.end))
        if words not in found.words:
            found.words.append(words)
        return found

    for ref, target in zip(mention.refs, cited):
        for within in target.within:
            found = entry(within)
            if ref not in found.refs:
                found.refs.append(ref)
        for within in target.codified_within:
            found = entry(within)
            if ref not in found.via:
                found.via.append(ref)


def _comment_at(comments: list[tuple[int, int, NamedNode]], offset: int) -> NamedNode | None:
    for start, end, comment in comments:
        if start <= offset < end:
            return comment
    return None


def _date(value: str) -> Literal:
    return Literal(value, datatype=_XSD_DATE)


def _integer(value: int) -> Literal:
    return Literal(str(value), datatype=_XSD_INTEGER)


def _add_anatomy(record: LetterRecord, letter: NamedNode, add) -> list[tuple[int, int, NamedNode]]:
    """People, filings reviewed, comments and prior letters; returns the comments' spans."""
    anatomy = record.anatomy
    if anatomy is None:
        return []
    company = iris.company_key(record.cik, record.company)

    for role, people in (
        ("addressee", anatomy.addressees),
        ("signer", anatomy.signers),
        ("staff_contact", anatomy.staff_contacts),
    ):
        for index, person in enumerate(people, start=1):
            if not iris.company_slug(person.name):
                continue
            who = node(iris.person_iri(person.name))
            add(who, RDF.type, node(ASCKG.Person))
            add(who, RDFS.label, Literal(person.name))
            add(letter, _ROLE_EDGE[role], who)
            part = node(iris.role_iri(letter.value, person.role or role, index))
            add(letter, ASCKG.hasRole, part)
            add(part, RDF.type, node(ASCKG.Role))
            add(part, ASCKG.roleName, Literal(person.role or role))
            add(part, ASCKG.agent, who)
            if person.title:
                add(part, ASCKG.title, Literal(person.title))
            if person.office:
                add(part, ASCKG.office, Literal(person.office))

    company_iri = iris.company_iri(record.cik, record.company)
    for filing in anatomy.filings_reviewed:
        f = node(iris.filing_iri(company, filing.form, filing.period_end, filing.filed))
        add(letter, ASCKG.reviews, f)
        add(f, RDF.type, node(ASCKG.Filing))
        form_node = node(iris.form_iri(filing.form))
        add(f, ASCKG.formType, form_node)
        add(form_node, RDF.type, node(ASCKG.FormType))
        add(form_node, SKOS.notation, Literal(filing.form))
        if company_iri is not None:
            add(f, ASCKG.filedBy, node(company_iri))
        if filing.period_end:
            add(f, ASCKG.periodEnd, _date(filing.period_end))
        if filing.filed:
            add(f, ASCKG.filingDate, _date(filing.filed))
        if filing.file_number:
            add(f, ASCKG.fileNumber, Literal(filing.file_number))

    spans: list[tuple[int, int, NamedNode]] = []
    seen: set[str] = set()
    for position, comment in enumerate(anatomy.comments, start=1):
        label = str(comment.number) if comment.number is not None else f"p{position}"
        if label in seen:  # a number written twice: keep both, the second by position
            label = f"{label}-p{position}"
        seen.add(label)
        c = node(iris.comment_iri(letter.value, label))
        add(letter, ASCKG.hasComment, c)
        add(c, RDF.type, node(ASCKG.Comment))
        add(c, ASCKG.position, _integer(position))
        if comment.number is not None:
            add(c, ASCKG.commentNumber, _integer(comment.number))
        if comment.heading_path:
            add(c, ASCKG.headingPath, Literal(" > ".join(comment.heading_path)))
        if comment.page_ref:
            add(c, ASCKG.pageReference, Literal(comment.page_ref))
        add(c, ASCKG.commentText, Literal(comment.text))
        add(c, ASCKG.startOffset, _integer(comment.start))
        add(c, ASCKG.endOffset, _integer(comment.end))
        for item in comment.sub_items:
            add(c, ASCKG.subItem, Literal(item))
        if comment.restated_text:
            add(c, ASCKG.restatedText, Literal(comment.restated_text))
        if comment.response_text:
            add(c, ASCKG.responseText, Literal(comment.response_text))
        for label in comment.commitment:
            add(c, ASCKG.commitment, Literal(label))
        spans.append((comment.start, comment.end, c))

    for date in anatomy.prior_letter_dates:
        add(letter, ASCKG.priorLetterDate, _date(date))
    for prior in anatomy.prior_comments:
        add(letter, ASCKG.priorCommentNumber, _integer(prior.number))
    return spans


def _add_citation(record: LetterRecord, letter: NamedNode, mention: Mention, cited: list[CitedNode], add,
                  unpaged: _Unpaged | None = None) -> NamedNode:
    """A mention node with its span and words, and the citation edges it makes."""
    m = node(iris.mention_iri(letter.value, mention.kind, mention.start, mention.end))
    add(letter, ASCKG.hasMention, m)
    add(m, RDF.type, node(ASCKG.Mention))
    add(m, ASCKG.mentionKind, Literal(mention.kind))
    add(m, ASCKG.startOffset, _integer(mention.start))
    add(m, ASCKG.endOffset, _integer(mention.end))
    add(m, ASCKG.matchedText, Literal(words_as_written(mention.text)))
    add(m, ASCKG.context, Literal((unpaged or _Unpaged(record.text)).snippet(mention.start, mention.end)))
    if mention.detail:
        add(m, ASCKG.detail, Literal(mention.detail))
    for flag in mention.flags:
        add(m, ASCKG.flag, Literal(flag))
    for target in cited:
        add(m, ASCKG.refersTo, node(target.iri))
        add(letter, ASCKG.cites, node(target.iri))
        for problem in target.problems:
            add(m, ASCKG.flag, Literal(problem))
        for within in target.within:
            add(m, ASCKG.refersWithin, node(within))
            add(letter, ASCKG.citesWithin, node(within))
    return m
