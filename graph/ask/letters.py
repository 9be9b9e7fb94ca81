"""Letters as a reader wants them: one letter with its comments and answers, or a whole thread.

Everything here is read from the store with the SPARQL files in ``asckg/queries`` (``letter_*``,
``company_*``, ``thread*``), parameters bound as RDF terms. Two views:

- :func:`letter_view` gives one letter (by its id, the file name stem, or its accession number):
  the header (kind, date, company, people with their titles and offices, filings reviewed), then
  each comment in order with its heading path, page, text and citations, and the answers across
  letters: for a staff comment, the response comments that answer it; for a response comment,
  the staff comment it answers.
- :func:`thread` gives the conversations of a company (by name or CIK) or of one letter, letter
  by letter in date order, with the days since the previous letter and each comment beside its
  answer.

The ``dump()`` of each dataclass is its JSON form; ``asckg show --format json`` prints
``LetterView.dump()`` and ``asckg thread --format json`` prints :func:`dump_thread`. Library
code raises :class:`LetterNotFound` (nothing matches) and :class:`AmbiguousCompany` (several
companies match a name), never prints.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date as Date
from pathlib import PurePath
from typing import Any

from pyoxigraph import Literal, NamedNode

from asckg.core.errors import AsckgError, BadReference
from asckg.graph.model import iris
from asckg.graph.model.namespace import ID
from asckg.graph.store import Store
from asckg.queries import load_query

__all__ = [
    "AmbiguousCompany", "Answer", "Citation", "CommentView", "FilingRef", "LetterNotFound",
    "LetterRef", "LetterView", "PersonRole", "ThreadAnswer", "ThreadComment", "ThreadLetter",
    "dump_thread", "excerpt", "find_letter", "group_conversations", "letter_view", "shorten", "thread",
]


class LetterNotFound(AsckgError):
    """No stored letter (or company) matches what the user typed."""


class AmbiguousCompany(BadReference):
    """A company name that matches several companies; ``matches`` lists (name, CIK) of each."""

    def __init__(self, query: str, matches: list[tuple[str, str | None]]) -> None:
        self.query = query
        self.matches = matches
        shown = "; ".join(f"{name} (CIK {cik})" if cik else name for name, cik in matches[:12])
        more = f"; and {len(matches) - 12} more" if len(matches) > 12 else ""
        super().__init__(f"{query!r} matches {len(matches)} companies: {shown}{more}. "
                         "Give more of the name, or the CIK")


# ---------------------------------------------------------------- one letter
@dataclass(slots=True)
class PersonRole:
    """A person as one letter names them."""

    name: str
    role: str  # addressee, signer, signed_for, staff_contact
    title: str | None = None
    office: str | None = None


@dataclass(slots=True)
class FilingRef:
    """A filing named in the Re: block."""

    form: str
    period_end: str | None = None
    filed: list[str] = field(default_factory=list)  # usually one date; letters sometimes differ
    file_number: str | None = None


@dataclass(slots=True)
class Citation:
    """A mention in the letter: the words as written and the normal forms they refer to."""

    text: str
    kind: str  # asc, guidance, sec_rule
    refs: list[str] = field(default_factory=list)
    start: int = 0


@dataclass(slots=True)
class LetterRef:
    """Another letter, by id and date."""

    id: str
    date: str | None = None


@dataclass(slots=True)
class Answer:
    """A comment of another letter that answers, or is answered by, a comment of this one.

    ``text`` is what a reader wants from the other side: the company's answer (its response
    text) for a response comment, the staff's words for a staff comment.
    """

    letter_id: str
    letter_date: str | None
    number: int | None
    text: str


@dataclass(slots=True)
class CommentView:
    """One comment of the letter, in order."""

    position: int
    number: int | None
    heading_path: list[str]
    page_reference: str | None
    text: str
    restated_text: str | None = None  # responses: the staff comment as the company repeats it
    response_text: str | None = None  # responses: the company's answer
    citations: list[Citation] = field(default_factory=list)
    answered_by: list[Answer] = field(default_factory=list)  # staff comment <- response comments
    answers: list[Answer] = field(default_factory=list)  # response comment -> staff comment
    commitment: list[str] = field(default_factory=list)  # responses: amend / future / none


@dataclass(slots=True)
class LetterView:
    """One letter, header and comments, as ``asckg show`` prints it."""

    id: str
    iri: str
    accession: str | None
    kind: str | None
    date: str | None
    company: str | None
    cik: str | None
    addressees: list[PersonRole] = field(default_factory=list)
    signers: list[PersonRole] = field(default_factory=list)  # signers and those signed for
    staff_contacts: list[PersonRole] = field(default_factory=list)
    filings: list[FilingRef] = field(default_factory=list)
    comments: list[CommentView] = field(default_factory=list)
    other_citations: list[Citation] = field(default_factory=list)  # outside every comment
    replies_to: LetterRef | None = None
    conversation: str | None = None
    letter_type: str | None = None  # sec_comment, review_complete, ..., company_response, ...
    review: ReviewFacts | None = None  # how the conversation it belongs to went

    def dump(self) -> dict[str, Any]:
        """The JSON form: the fields above, nested objects as dicts, ``iri`` included."""
        return asdict(self)


@dataclass(slots=True)
class ReviewFacts:
    """How a review (conversation) went, as relink planned it (ingest/reviews.py)."""

    rounds: int | None
    letters: int | None
    days_open: int | None
    closed_by: str | None  # the id of the review_complete letter
    outcome: str | None  # amend / future / none
    filing: str | None  # accession of the filing under review, from an EDGAR header
    office: str | None


def review_facts(store: Store, conversation: str | None) -> ReviewFacts | None:
    """The review facts of one conversation IRI, or None (no conversation, or a store without them)."""
    if not conversation or "/conversation/" not in conversation:
        return None
    rows = store.select(load_query("review_view"), {"conversation": NamedNode(conversation)})
    if not rows:
        return None
    r = rows[0]
    return ReviewFacts(r["rounds"], r["letters"], r["daysOpen"], r["closedBy"], r["outcome"], r["reviewsFiling"],
                       r["office"])


def _commitments(store: Store, letter: str) -> dict[str, list[str]]:
    """Each answer's commitments in one letter, by comment IRI."""
    out: dict[str, list[str]] = {}
    for row in store.select(load_query("letter_commitments"), {"letter": NamedNode(letter)}):
        out.setdefault(row["comment"], []).append(row["commitment"])
    return out


def _key_variants(key: str) -> list[str]:
    key = key.strip()
    variants = [key]
    stem = PurePath(key).stem if PurePath(key).suffix.lower() in {".txt", ".htm", ".html", ".pdf", ".md"} else None
    if stem:
        variants.append(stem)
    return variants


def find_letter(store: Store, key: str) -> str:
    """The IRI of the letter whose id (file name stem) or accession number is ``key``."""
    if key.startswith(str(ID["letter/"])):
        if store.select(load_query("letter_view"), {"letter": NamedNode(key)}):
            return key
    for variant in _key_variants(key):
        rows = store.select(load_query("letter_find"), {"key": Literal(variant)})
        if rows:
            return rows[0]["letter"]
    raise LetterNotFound(f"no stored letter has the id or accession number {key!r}")


def letter_view(store: Store, letter: str) -> LetterView:
    """Everything ``asckg show`` prints about one letter (an id, accession or letter IRI)."""
    iri = find_letter(store, letter)
    bind = {"letter": NamedNode(iri)}
    head = store.select(load_query("letter_view"), bind)[0]
    view = LetterView(
        id=head["id"], iri=iri, accession=head["accession"], kind=head["kind"], date=head["date"],
        company=head["companyName"], cik=head["cik"], conversation=_conversation_key(head["conversation"]),
        replies_to=LetterRef(head["repliesToId"], head["repliesToDate"]) if head["repliesToId"] else None,
        letter_type=head.get("letterType"), review=review_facts(store, head["conversation"]),
    )
    lists = {"addressee": view.addressees, "signer": view.signers, "signed_for": view.signers,
             "staff_contact": view.staff_contacts}
    for row in store.select(load_query("letter_people"), bind):
        lists.get(row["roleName"], view.signers).append(
            PersonRole(row["name"], row["roleName"], row["title"], row["office"]))

    filings: dict[str, FilingRef] = {}
    for row in store.select(load_query("letter_filings"), bind):
        filing = filings.setdefault(row["filing"], FilingRef(row["form"], row["periodEnd"], [], row["fileNumber"]))
        if row["filed"] and row["filed"] not in filing.filed:
            filing.filed.append(row["filed"])
    view.filings = list(filings.values())

    comments: dict[str, CommentView] = {}
    for row in store.select(load_query("letter_comments"), bind):
        comments[row["comment"]] = CommentView(
            position=row["position"], number=row["number"],
            heading_path=row["heading"].split(" > ") if row["heading"] else [],
            page_reference=row["page"], text=row["text"],
            restated_text=row["restated"], response_text=row["response"],
        )
    view.comments = list(comments.values())
    for comment_iri, labels in _commitments(store, iri).items():
        if comment_iri in comments:
            comments[comment_iri].commitment = labels

    mentions: dict[str, Citation] = {}
    where: dict[str, str | None] = {}
    for row in store.select(load_query("letter_citations"), bind):
        cite = mentions.get(row["mention"])
        if cite is None:
            cite = mentions[row["mention"]] = Citation(row["matched"], row["kind"], [], row["start"])
            where[row["mention"]] = row["comment"]
        if row["ref"] and row["ref"] not in cite.refs:
            cite.refs.append(row["ref"])
    for mention, cite in sorted(mentions.items(), key=lambda item: item[1].start):
        comment = comments.get(where[mention] or "")
        (comment.citations if comment is not None else view.other_citations).append(cite)

    for row in store.select(load_query("letter_answers"), bind):
        comment = comments.get(row["comment"])
        if comment is None:
            continue
        text = row["otherResponse"] or row["otherText"]
        answer = Answer(row["otherId"], row["otherDate"], row["otherNumber"], text)
        (comment.answered_by if row["direction"] == "answered-by" else comment.answers).append(answer)
    return view


# ---------------------------------------------------------------- a thread
@dataclass(slots=True)
class ThreadAnswer:
    """The other side of a comment: the response comment answering it, or the staff comment answered."""

    letter_id: str
    number: int | None
    excerpt: str
    commitment: list[str] = field(default_factory=list)  # an answer's: amend / future / none


@dataclass(slots=True)
class ThreadComment:
    """A comment in a thread: its number and a short excerpt, with what answers it (staff) or
    what it answers (response)."""

    position: int
    number: int | None
    excerpt: str
    answered_by: list[ThreadAnswer] = field(default_factory=list)
    answers: list[ThreadAnswer] = field(default_factory=list)
    commitment: list[str] = field(default_factory=list)  # a response's answer: amend / future / none


@dataclass(slots=True)
class ThreadLetter:
    """One letter of a conversation, in date order."""

    conversation: str
    id: str
    iri: str
    kind: str | None
    date: str | None
    company: str | None
    replies_to: str | None = None
    days_since_previous: int | None = None  # since the previous dated letter of the conversation
    comments: list[ThreadComment] = field(default_factory=list)
    letter_type: str | None = None

    def dump(self) -> dict[str, Any]:
        out = asdict(self)
        del out["conversation"]
        return out


_KIND_ORDER = {"staff": 0, "response": 1, "other": 2}


def thread(store: Store, company_or_letter: str) -> list[ThreadLetter]:
    """The conversation of one letter, or every conversation of one company, letter by letter.

    ``company_or_letter`` is a letter id or accession number, a CIK, (part of) a company name
    in any case, or a company's IRI. Conversations come in order of their first letter; within
    one, letters by date.
    """
    conversations = _conversations_for(store, company_or_letter)
    letters: list[ThreadLetter] = []
    for conversation in conversations:
        letters.extend(_conversation_letters(store, conversation))
    return letters


def group_conversations(letters: list[ThreadLetter]) -> list[tuple[str, list[ThreadLetter]]]:
    """Thread letters grouped by conversation, keeping their order."""
    groups: dict[str, list[ThreadLetter]] = {}
    for letter in letters:
        groups.setdefault(letter.conversation, []).append(letter)
    return list(groups.items())


def thread_reviews(store: Store, letters: list[ThreadLetter]) -> dict[str, ReviewFacts | None]:
    """The review facts of each conversation of a thread, by conversation key."""
    return {conversation: review_facts(store, str(iris.conversation_iri(conversation)))
            for conversation, _ in group_conversations(letters)}


def dump_thread(letters: list[ThreadLetter], reviews: dict[str, ReviewFacts | None] | None = None) -> list[dict[str, Any]]:
    """The JSON form of a thread: a list of conversations, each
    ``{"conversation", "first_date", "last_date", "letters": [ThreadLetter.dump(), ...]}``."""
    out: list[dict[str, Any]] = []
    for conversation, members in group_conversations(letters):
        dates = [m.date for m in members if m.date]
        out.append({"conversation": conversation, "first_date": min(dates, default=None),
                    "last_date": max(dates, default=None), "letters": [m.dump() for m in members]})
        review = (reviews or {}).get(conversation)
        if review is not None:
            out[-1]["review"] = asdict(review)
    return out


def _conversations_for(store: Store, query: str) -> list[str]:
    try:
        letter = find_letter(store, query)
    except LetterNotFound:
        letter = None
    if letter is not None:
        head = store.select(load_query("letter_view"), {"letter": NamedNode(letter)})[0]
        # A store written before links existed has no conversations: the letter stands alone.
        return [head["conversation"] or letter]

    company = _find_company(store, query)
    rows = store.select(load_query("company_conversations"), {"company": NamedNode(company)})
    return list(dict.fromkeys(row["conversation"] for row in rows))


def _find_company(store: Store, query: str) -> str:
    if query.startswith(str(ID["company/"])):  # a company's IRI, as the reading room passes it
        if store.select(load_query("company_conversations"), {"company": NamedNode(query)}):
            return query
        raise LetterNotFound(f"no stored letter is about the company {query}")
    words = " ".join(query.split()).lower()
    if not words:
        raise LetterNotFound("give a letter id, a company name or a CIK")
    cik = str(int(words)) if words.isdigit() and words.strip("0") else ""
    rows = store.select(load_query("company_find"), {"words": Literal(words), "cikWanted": Literal(cik)})
    names: dict[str, list[str]] = {}
    ciks: dict[str, str | None] = {}
    for row in rows:
        names.setdefault(row["company"], [])
        if row["name"] and row["name"] not in names[row["company"]]:
            names[row["company"]].append(row["name"])
        ciks[row["company"]] = row["cik"]
    if not names:
        raise LetterNotFound(f"no stored letter or company matches {query!r}")
    if len(names) == 1:
        return next(iter(names))
    by_cik = [c for c in names if cik and ciks[c] == cik]
    exact = [c for c, labels in names.items() if any(label.lower() == words for label in labels)]
    for chosen in (by_cik, exact):
        if len(chosen) == 1:
            return chosen[0]
    matches = sorted(((labels[0] if labels else c, ciks[c]) for c, labels in names.items()),
                     key=lambda m: m[0].lower())
    raise AmbiguousCompany(query, matches)


def _conversation_letters(store: Store, conversation: str) -> list[ThreadLetter]:
    if "/conversation/" not in conversation:  # a lone letter in a store without links
        view = letter_view(store, conversation)
        return [ThreadLetter(view.id, view.id, view.iri, view.kind, view.date, view.company,
                             comments=[ThreadComment(c.position, c.number, excerpt(c.text)) for c in view.comments])]
    bind = {"conversation": NamedNode(conversation)}
    key = _conversation_key(conversation) or conversation
    letters: dict[str, ThreadLetter] = {}
    for row in store.select(load_query("thread"), bind):
        if row["letter"] not in letters:
            letters[row["letter"]] = ThreadLetter(key, row["id"], row["letter"], row["kind"], row["date"],
                                                  row["companyName"], row["repliesToId"],
                                                  letter_type=row.get("letterType"))
    ordered = sorted(letters.values(), key=lambda l: (l.date is None, l.date or "", _KIND_ORDER.get(l.kind or "", 3), l.id))
    previous: str | None = None
    for letter in ordered:
        if letter.date:
            if previous is not None:
                letter.days_since_previous = (Date.fromisoformat(letter.date) - Date.fromisoformat(previous)).days
            previous = letter.date

    comments: dict[str, tuple[ThreadLetter, ThreadComment]] = {}
    answer_of: dict[str, str] = {}
    texts: dict[str, str] = {}
    for row in store.select(load_query("thread_comments"), bind):
        found = letters.get(row["letter"])
        if found is None or row["comment"] in comments:
            continue
        letter = found
        text = row["response"] or row["text"]
        texts[row["comment"]] = text
        comment = ThreadComment(row["position"], row["number"], excerpt(text))
        letter.comments.append(comment)
        comments[row["comment"]] = (letter, comment)
        if row["answers"]:
            answer_of[row["comment"]] = row["answers"]
    for letter in ordered:
        if letter.kind == "response":
            for comment_iri, labels in _commitments(store, letter.iri).items():
                if comment_iri in comments:
                    comments[comment_iri][1].commitment = labels
    for answering, answered in answer_of.items():
        if answered not in comments:
            continue  # answers a comment outside this conversation
        a_letter, a_comment = comments[answering]
        s_letter, s_comment = comments[answered]
        s_comment.answered_by.append(ThreadAnswer(a_letter.id, a_comment.number, a_comment.excerpt,
                                                  list(a_comment.commitment)))
        a_comment.answers.append(ThreadAnswer(s_letter.id, s_comment.number, s_comment.excerpt))
    for letter in ordered:
        letter.comments.sort(key=lambda c: c.position)
    return ordered


def _conversation_key(iri: str | None) -> str | None:
    if not iri:
        return None
    return iri.rsplit("/conversation/", 1)[-1]


# ---------------------------------------------------------------- shortening text
_SENTENCE_END = re.compile(r"(?<=[.?!:;])[\"”’)]*\s+(?=[A-Z(\"“•·\u2022\uf0b7])")


def excerpt(text: str, limit: int = 160) -> str:
    """The start of a text, cut at a word and marked with an ellipsis when cut.

    >>> excerpt("Please tell us whether the liabilities include expected development.", 30)
    'Please tell us whether the…'
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip(" ,;:") + "…"


def shorten(text: str, limit: int = 700) -> str:
    """A paragraph or two: whole sentences up to about ``limit`` characters, an ellipsis if cut.

    The first sentence is kept even when it alone is longer (cut at a word then).
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    ends = [m.start() for m in _SENTENCE_END.finditer(text)]
    fitting = [end for end in ends if end <= limit]
    if fitting and fitting[-1] >= limit // 3:
        return text[: fitting[-1]] + " …"
    return excerpt(text, limit)
