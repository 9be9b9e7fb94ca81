"""The links between letters, planned from what each letter says: pure, no store.

:func:`plan_links` takes the facts of every stored letter (company, date, kind, the dates of
earlier letters it refers to, its numbered comments, its type and commitments) and yields the links
as (subject, predicate, object) statements; :mod:`asckg.ingest.relink` reads the facts from the store
and writes what is planned here to the links graph. A letter referred to by date but not stored
becomes a placeholder (company + date); when the letter arrives, the next plan points at it instead.

Rules, for letters of the same company:
- a letter refers to each stored letter whose date it quotes ("your letter dated November 2, 2011");
- a response replies to the latest staff letter it refers to; a staff letter replies to the latest
  response it refers to; a response that quotes no date it can be matched by replies to the latest
  staff letter of the same company dated within the 120 days before it;
- a staff letter closing a review ("We have completed our review of your filing") that quotes no
  date it can be matched by replies to the latest response of the same company dated within the
  120 days before it, else joins the latest staff comment letter of those days;
- a response's comment N answers comment N of the staff letter it replies to, when the response
  quotes that letter's date;
- "prior comment N" in a staff letter refers to comment N of the latest earlier staff letter it
  refers to;
- letters joined by these links form a conversation, a review: its first and last date and
  letter, rounds, days open, the letter that closed it, its outcome, the filing under review and
  the staff office (planned by :func:`asckg.ingest.reviews.plan_review`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date as Date
from typing import AbstractSet, Iterator, Union

from pyoxigraph import Literal

from asckg.graph.model import iris
from asckg.graph.model.build import node
from asckg.graph.model.namespace import ASCKG, DCTERMS, RDF, XSD
from asckg.ingest.reviews import ReviewLetter, plan_review

#: How far back a response that quotes no date may reach for the staff letter it answers.
FALLBACK_DAYS = 120

#: One planned statement: subject IRI, predicate IRI, and an object IRI or literal.
Link = tuple[str, str, Union[str, Literal]]


@dataclass(slots=True)
class LetterFacts:
    """What linking needs to know of one stored letter."""

    iri: str
    key: str
    date: str | None
    kind: str | None
    company: str | None
    # Sets default to the one empty frozenset: an empty set per letter is 216 bytes, and most
    # letters have no prior dates, prior comments or commitments (200,000 letters are relinked).
    prior_dates: AbstractSet[str] = frozenset()
    prior_comments: AbstractSet[int] = frozenset()
    comments: dict[int, str] = field(default_factory=dict)
    letter_type: str | None = None
    commitments: AbstractSet[str] = frozenset()
    reference: str | None = None  # the EDGAR header's PUBLIC REFERENCE ACCESSION NUMBER
    office: str | None = None  # the EDGAR header's ORGANIZATION NAME
    signature_office: str | None = None  # the office in a staff letter's signature

    def as_review(self) -> ReviewLetter:
        return ReviewLetter(self.iri, self.key, self.date, self.kind, self.letter_type, self.commitments,
                            self.reference, self.office, self.signature_office)


@dataclass(slots=True)
class LinkReport:
    """What a relink found, for the ingest summary and the benchmark."""

    letters: int = 0
    responses: int = 0
    responses_linked: int = 0
    placeholders: int = 0
    conversations: int = 0
    quads: int = 0


def _days(a: str, b: str) -> int:
    return (Date.fromisoformat(a) - Date.fromisoformat(b)).days


def _latest_before(candidates: list[LetterFacts], letter: LetterFacts) -> LetterFacts | None:
    """The latest of ``candidates`` dated within the FALLBACK_DAYS before ``letter`` (same day included)."""
    if not letter.date:
        return None
    earlier = [o for o in candidates if o.iri != letter.iri and o.date and 0 <= _days(letter.date, o.date) <= FALLBACK_DAYS]
    return max(earlier, key=lambda o: (o.date or "", o.key)) if earlier else None


def plan_links(letters: dict[str, LetterFacts], report: LinkReport | None = None) -> Iterator[Link]:
    """Every link between the letters (keyed by IRI), as statements; ``report`` counts what was found."""
    report = report if report is not None else LinkReport()
    report.letters = len(letters)
    by_company_date: dict[tuple[str, str], list[LetterFacts]] = defaultdict(list)
    staff_by_company: dict[str, list[LetterFacts]] = defaultdict(list)
    responses_by_company: dict[str, list[LetterFacts]] = defaultdict(list)
    for letter in letters.values():
        if letter.company and letter.date:
            by_company_date[(letter.company, letter.date)].append(letter)
            if letter.kind == "staff":
                staff_by_company[letter.company].append(letter)
            elif letter.kind == "response":
                responses_by_company[letter.company].append(letter)


    def add(s: str, p: str, o: str | Literal) -> Link:
        return (s, str(p), o if isinstance(o, Literal) else str(o))

    # union-find over letters (and placeholders) for conversations
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    placeholders: dict[str, tuple[str, str]] = {}
    for letter in letters.values():
        find(letter.iri)
        if letter.kind == "response":
            report.responses += 1
        if not letter.company:
            continue
        company_iri = letter.company  # the company's IRI, as the letter's graph names it
        referred: list[LetterFacts] = []
        for quoted in sorted(letter.prior_dates):
            if letter.date and quoted >= letter.date:
                continue  # not an earlier letter (a date inside the text misread as one)
            found = [o for o in by_company_date.get((letter.company, quoted), []) if o.iri != letter.iri]
            if found:
                for other in found:
                    yield add(letter.iri, ASCKG.refersToLetter, other.iri)
                    union(letter.iri, other.iri)
                referred.extend(found)
            else:
                ph = str(iris.placeholder_iri(company_iri.rsplit("/company/", 1)[-1], quoted))
                placeholders[ph] = (company_iri, quoted)
                yield add(letter.iri, ASCKG.refersToLetter, ph)
                union(letter.iri, ph)

        other_side = {"response": "staff", "staff": "response"}.get(letter.kind or "")
        replied = sorted((o for o in referred if o.kind == other_side and o.date), key=lambda o: o.date or "")
        target = replied[-1] if replied else None
        quoted_target = target is not None
        if target is None and letter.kind == "response" and letter.date:
            earlier = [s for s in staff_by_company.get(letter.company, [])
                       if s.date and 0 <= _days(letter.date, s.date) <= FALLBACK_DAYS]
            target = max(earlier, key=lambda s: s.date or "") if earlier else None
        closing = letter.kind == "staff" and letter.letter_type == "review_complete"
        if target is None and closing and letter.date:
            target = _latest_before(responses_by_company.get(letter.company, []), letter)
            if target is None:
                asked = _latest_before([s for s in staff_by_company.get(letter.company, [])
                                        if s.letter_type == "sec_comment"], letter)
                if asked is not None:
                    yield add(letter.iri, ASCKG.refersToLetter, asked.iri)
                    union(letter.iri, asked.iri)
        if target is not None:
            yield add(letter.iri, ASCKG.repliesTo, target.iri)
            yield add(letter.iri, ASCKG.refersToLetter, target.iri)
            union(letter.iri, target.iri)
            if letter.kind == "response":
                report.responses_linked += 1
            # Comments are aligned only when the response names the letter it answers: one that
            # quotes no date may answer a later letter that is not stored (or an oral comment).
            if letter.kind == "response" and quoted_target:
                for number, comment in letter.comments.items():
                    if number in target.comments:
                        yield add(comment, ASCKG.answers, target.comments[number])

        if letter.kind == "staff" and letter.prior_comments:
            earlier_staff = sorted((o for o in referred if o.kind == "staff" and o.date), key=lambda o: o.date or "")
            if earlier_staff:
                prior = earlier_staff[-1]
                for number in sorted(letter.prior_comments):
                    if number in prior.comments:
                        yield add(letter.iri, ASCKG.refersToPriorComment, prior.comments[number])

    for ph, (company_iri, quoted) in placeholders.items():
        # Typed only as a placeholder, so that counting asckg:Letter counts letters held.
        yield add(ph, RDF.type, ASCKG.LetterPlaceholder)
        yield add(ph, DCTERMS.date, Literal(quoted, datatype=node(XSD.date)))
        yield add(ph, ASCKG.aboutCompany, company_iri)
    report.placeholders = len(placeholders)

    groups: dict[str, list[str]] = defaultdict(list)
    for member in parent:
        groups[find(member)].append(member)
    for members in groups.values():
        real = [letters[m] for m in members if m in letters]
        if not real:
            continue
        dated = sorted((l for l in real if l.date), key=lambda l: (l.date or "", l.key))
        first = dated[0] if dated else min(real, key=lambda l: l.key)
        conv = str(iris.conversation_iri(first.key))
        yield add(conv, RDF.type, ASCKG.Conversation)
        for l in real:
            yield add(l.iri, ASCKG.partOfConversation, conv)
        if dated:
            yield add(conv, ASCKG.firstDate, Literal(dated[0].date or "", datatype=node(XSD.date)))
            yield add(conv, ASCKG.lastDate, Literal(dated[-1].date or "", datatype=node(XSD.date)))
        review = plan_review([l.as_review() for l in real])
        yield add(conv, ASCKG.rounds, Literal(str(review.rounds), datatype=node(XSD.integer)))
        yield add(conv, ASCKG.letterCount, Literal(str(len(real)), datatype=node(XSD.integer)))
        yield add(conv, ASCKG.firstLetter, review.first)
        yield add(conv, ASCKG.lastLetter, review.last)
        if review.days_open is not None:
            yield add(conv, ASCKG.daysOpen, Literal(str(review.days_open), datatype=node(XSD.integer)))
        if review.closed_by:
            yield add(conv, ASCKG.closedBy, review.closed_by)
        for term, value in ((ASCKG.outcome, review.outcome), (ASCKG.reviewsFiling, review.filing),
                            (ASCKG.staffOffice, review.office)):
            if value:
                yield add(conv, term, Literal(value))
        report.conversations += 1

