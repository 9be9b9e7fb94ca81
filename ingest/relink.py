"""Link letters to each other: replies, answers to comments, prior comments, conversations.

Links cross letters, so they cannot live in one letter's graph: they are worked out from what the
letters' graphs say (company, date, kind, the dates of earlier letters each refers to) and written
to one links graph, rebuilt after each ingest (in chunks, under the stale mark, so that an
interrupted relink is redone by the next ingest). A letter referred to by
date but not stored becomes a placeholder (company + date); when the letter arrives, the next
relink points at it instead.

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

from pyoxigraph import Literal, Quad

from asckg.core import settings
from asckg.graph.model import iris
from asckg.graph.model.build import node
from asckg.graph.model.namespace import ASCKG, DCTERMS, RDF, XSD
from asckg.graph.store import Store
from asckg.ingest.reviews import ReviewLetter, plan_review
from asckg.queries import load_query

#: How far back a response that quotes no date may reach for the staff letter it answers.
FALLBACK_DAYS = 120


@dataclass(slots=True)
class _Letter:
    iri: str
    key: str
    date: str | None
    kind: str | None
    company: str | None
    prior_dates: set[str] = field(default_factory=set)
    prior_comments: set[int] = field(default_factory=set)
    comments: dict[int, str] = field(default_factory=dict)
    review: ReviewLetter | None = None  # what planning its review needs


@dataclass(slots=True)
class LinkReport:
    """What a relink found, for the ingest summary and the benchmark."""

    letters: int = 0
    responses: int = 0
    responses_linked: int = 0
    placeholders: int = 0
    conversations: int = 0
    quads: int = 0


def _load(store: Store) -> dict[str, _Letter]:
    letters: dict[str, _Letter] = {}
    for row in store.iter_rows(load_query("letters_index")):
        if row["letter"] not in letters:  # one row per letter unless a letter had two kinds
            letters[row["letter"]] = _Letter(row["letter"], row["key"], row["date"], row["kind"], row["company"])
    for row in store.iter_rows(load_query("letters_priors")):
        letter = letters.get(row["letter"])
        if letter is None:
            continue
        if row["priorDate"]:
            letter.prior_dates.add(row["priorDate"])
        if row["priorComment"] is not None:
            letter.prior_comments.add(int(row["priorComment"]))
    for row in store.iter_rows(load_query("letters_comments")):
        letter = letters.get(row["letter"])
        if letter is not None:
            letter.comments.setdefault(int(row["number"]), row["comment"])
    for letter in letters.values():
        letter.review = ReviewLetter(letter.iri, letter.key, letter.date, letter.kind)
    for row in store.iter_rows(load_query("letters_outcomes")):
        letter = letters.get(row["letter"])
        if letter is None:
            continue
        r = letter.review
        r.letter_type = r.letter_type or row["letterType"]
        if row["commitment"]:
            r.commitments.add(row["commitment"])
        r.reference = r.reference or row["reference"]
        r.office = r.office or row["office"]
        r.signature_office = r.signature_office or row["signatureOffice"]
    return letters


_STATE = f"<{iris.STATE_GRAPH}>"
_STALE = f"<{iris.STATE_GRAPH}> <{ASCKG.linksStale}> true"


def mark_stale(store) -> None:
    """Say, before letters are written, that the links graph no longer matches them; a relink clears
    it. An ingest killed between the two leaves the mark, and the next ingest relinks."""
    store.update(f"INSERT DATA {{ GRAPH {_STATE} {{ {_STALE} }} }}")


def is_stale(store) -> bool:
    """Whether letters were written since the links graph was last rebuilt."""
    return store.ask(f"ASK {{ GRAPH {_STATE} {{ {_STALE} }} }}")


def _days(a: str, b: str) -> int:
    return (Date.fromisoformat(a) - Date.fromisoformat(b)).days


def _latest_before(candidates: list[_Letter], letter: _Letter) -> _Letter | None:
    """The latest of ``candidates`` dated within the FALLBACK_DAYS before ``letter`` (same day included)."""
    earlier = [o for o in candidates if o.iri != letter.iri and o.date and 0 <= _days(letter.date, o.date) <= FALLBACK_DAYS]
    return max(earlier, key=lambda o: (o.date, o.key)) if earlier else None


def relink(store: Store) -> LinkReport:
    """Work out every link between stored letters and replace the links graph with them."""
    letters = _load(store)
    report = LinkReport(letters=len(letters))
    by_company_date: dict[tuple[str, str], list[_Letter]] = defaultdict(list)
    staff_by_company: dict[str, list[_Letter]] = defaultdict(list)
    responses_by_company: dict[str, list[_Letter]] = defaultdict(list)
    for letter in letters.values():
        if letter.company and letter.date:
            by_company_date[(letter.company, letter.date)].append(letter)
            if letter.kind == "staff":
                staff_by_company[letter.company].append(letter)
            elif letter.kind == "response":
                responses_by_company[letter.company].append(letter)

    graph = node(iris.LINKS_GRAPH)
    # Written as they are made, in transactions of settings.RELINK_CHUNK quads, after the old links are cleared:
    # at 200,000 letters the links graph has about a million quads, and made whole in memory and
    # written as one update it took gigabytes. Not one transaction, but the stale mark (cleared
    # below, only once all is written) makes the next ingest relink if this one is interrupted.
    mark_stale(store)
    store.clear_graph(str(iris.LINKS_GRAPH))
    chunk: dict[Quad, None] = {}

    def add(s: str, p: str, o) -> None:
        chunk[Quad(node(s), node(p), o if not isinstance(o, str) else node(o), graph)] = None
        if len(chunk) >= settings.RELINK_CHUNK:
            write()

    def write() -> None:
        report.quads += len(chunk)
        store.add_quads(list(chunk))
        chunk.clear()
        # RocksDB holds what was written in memory tables until they are flushed; a million
        # link quads left there held over a gigabyte. (A server's store has nothing to flush.)
        store.flush()

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
        referred: list[_Letter] = []
        for quoted in sorted(letter.prior_dates):
            if letter.date and quoted >= letter.date:
                continue  # not an earlier letter (a date inside the text misread as one)
            found = [o for o in by_company_date.get((letter.company, quoted), []) if o.iri != letter.iri]
            if found:
                for other in found:
                    add(letter.iri, ASCKG.refersToLetter, other.iri)
                    union(letter.iri, other.iri)
                referred.extend(found)
            else:
                ph = str(iris.placeholder_iri(company_iri.rsplit("/company/", 1)[-1], quoted))
                placeholders[ph] = (company_iri, quoted)
                add(letter.iri, ASCKG.refersToLetter, ph)
                union(letter.iri, ph)

        other_side = {"response": "staff", "staff": "response"}.get(letter.kind or "")
        replied = sorted((o for o in referred if o.kind == other_side and o.date), key=lambda o: o.date)
        target = replied[-1] if replied else None
        quoted_target = target is not None
        if target is None and letter.kind == "response" and letter.date:
            earlier = [s for s in staff_by_company.get(letter.company, [])
                       if s.date and 0 <= _days(letter.date, s.date) <= FALLBACK_DAYS]
            target = max(earlier, key=lambda s: s.date) if earlier else None
        closing = letter.kind == "staff" and letter.review is not None and letter.review.letter_type == "review_complete"
        if target is None and closing and letter.date:
            target = _latest_before(responses_by_company.get(letter.company, []), letter)
            if target is None:
                asked = _latest_before([s for s in staff_by_company.get(letter.company, [])
                                        if s.review is not None and s.review.letter_type == "sec_comment"], letter)
                if asked is not None:
                    add(letter.iri, ASCKG.refersToLetter, asked.iri)
                    union(letter.iri, asked.iri)
        if target is not None:
            add(letter.iri, ASCKG.repliesTo, target.iri)
            add(letter.iri, ASCKG.refersToLetter, target.iri)
            union(letter.iri, target.iri)
            if letter.kind == "response":
                report.responses_linked += 1
            # Comments are aligned only when the response names the letter it answers: one that
            # quotes no date may answer a later letter that is not stored (or an oral comment).
            if letter.kind == "response" and quoted_target:
                for number, comment in letter.comments.items():
                    if number in target.comments:
                        add(comment, ASCKG.answers, target.comments[number])

        if letter.kind == "staff" and letter.prior_comments:
            earlier_staff = sorted((o for o in referred if o.kind == "staff" and o.date), key=lambda o: o.date)
            if earlier_staff:
                prior = earlier_staff[-1]
                for number in sorted(letter.prior_comments):
                    if number in prior.comments:
                        add(letter.iri, ASCKG.refersToPriorComment, prior.comments[number])

    for ph, (company_iri, quoted) in placeholders.items():
        # Typed only as a placeholder, so that counting asckg:Letter counts letters held.
        add(ph, RDF.type, ASCKG.LetterPlaceholder)
        add(ph, DCTERMS.date, Literal(quoted, datatype=node(XSD.date)))
        add(ph, ASCKG.aboutCompany, company_iri)
    report.placeholders = len(placeholders)

    groups: dict[str, list[str]] = defaultdict(list)
    for member in parent:
        groups[find(member)].append(member)
    for members in groups.values():
        real = [letters[m] for m in members if m in letters]
        if not real:
            continue
        dated = sorted((l for l in real if l.date), key=lambda l: (l.date, l.key))
        first = dated[0] if dated else min(real, key=lambda l: l.key)
        conv = str(iris.conversation_iri(first.key))
        add(conv, RDF.type, ASCKG.Conversation)
        for l in real:
            add(l.iri, ASCKG.partOfConversation, conv)
        if dated:
            add(conv, ASCKG.firstDate, Literal(dated[0].date, datatype=node(XSD.date)))
            add(conv, ASCKG.lastDate, Literal(dated[-1].date, datatype=node(XSD.date)))
        review = plan_review([l.review for l in real])
        add(conv, ASCKG.rounds, Literal(str(review.rounds), datatype=node(XSD.integer)))
        add(conv, ASCKG.letterCount, Literal(str(len(real)), datatype=node(XSD.integer)))
        add(conv, ASCKG.firstLetter, review.first)
        add(conv, ASCKG.lastLetter, review.last)
        if review.days_open is not None:
            add(conv, ASCKG.daysOpen, Literal(str(review.days_open), datatype=node(XSD.integer)))
        if review.closed_by:
            add(conv, ASCKG.closedBy, review.closed_by)
        for term, value in ((ASCKG.outcome, review.outcome), (ASCKG.reviewsFiling, review.filing),
                            (ASCKG.staffOffice, review.office)):
            if value:
                add(conv, term, Literal(value))
        report.conversations += 1

    write()
    store.update(f"DROP SILENT GRAPH {_STATE}")  # the state graph holds only the stale mark
    return report
