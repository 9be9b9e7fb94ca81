"""How a review went, from its letters: first and last letter, rounds, days open, what closed it, outcome.

A review (a conversation, as :mod:`asckg.ingest.relink` joins letters into one) is planned here as
plain data from the facts of its letters, so that the rules can be read and tested without a store:

- rounds are the staff letters that ask (letter type ``sec_comment``); where no letter of the review
  has a type (a store written before letter types), every staff letter counts;
- a review is closed by its latest ``review_complete`` letter; it is open for the days from its
  first letter to that letter, or to its last letter while it is not closed;
- its outcome is ``amend`` if any answer amends the filing, else ``future`` if any answer promises
  changes to later filings, else ``none``; unknown (None) when no answer's commitment is known;
- the filing under review is the EDGAR header's PUBLIC REFERENCE ACCESSION NUMBER on one of its
  letters (staff letters first); the staff office is the header's ORGANIZATION NAME, else the office
  written in a staff letter's signature.

>>> letters = [ReviewLetter("a", "k1", "2020-01-10", "staff", "sec_comment"),
...            ReviewLetter("b", "k2", "2020-02-01", "response", "company_response", commitments={"future"}),
...            ReviewLetter("c", "k3", "2020-02-20", "staff", "review_complete")]
>>> r = plan_review(letters)
>>> r.first, r.last, r.rounds, r.days_open, r.closed_by, r.outcome
('a', 'c', 1, 41, 'c', 'future')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as Date
from typing import AbstractSet


@dataclass(slots=True)
class ReviewLetter:
    """What planning a review needs to know of one of its letters."""

    iri: str
    key: str
    date: str | None
    kind: str | None
    letter_type: str | None = None
    commitments: AbstractSet[str] = frozenset()
    reference: str | None = None  # the EDGAR header's PUBLIC REFERENCE ACCESSION NUMBER
    office: str | None = None  # the EDGAR header's ORGANIZATION NAME
    signature_office: str | None = None  # the office in a staff letter's signature


@dataclass(frozen=True, slots=True)
class Review:
    """The facts of one review, as they are written on its conversation node."""

    first: str
    last: str
    rounds: int
    days_open: int | None
    closed_by: str | None
    outcome: str | None
    filing: str | None
    office: str | None


def _days(later: str, earlier: str) -> int | None:
    try:
        return (Date.fromisoformat(later) - Date.fromisoformat(earlier)).days
    except ValueError:
        return None


def office_name(office: str | None) -> str | None:
    """An office as one spelling: "&" as "and", no commas, no dangling "and" where a signature's
    line broke ("Office of Beverages, Apparel, and" / "Office of Beverages, Apparel and")."""
    if not office:
        return None
    words = office.replace("&", " and ").replace(",", " ").split()
    while words and words[-1].lower() in {"and", "of", "the"}:
        words.pop()
    return " ".join(words) or None


def plan_review(letters: list[ReviewLetter]) -> Review:
    """The facts of the review made of ``letters`` (one or more)."""
    ordered = sorted(letters, key=lambda l: (l.date is None, l.date or "", l.key))
    dated = [l for l in ordered if l.date]
    typed = any(l.letter_type for l in letters)
    rounds = sum(1 for l in letters if (l.letter_type == "sec_comment" if typed else l.kind == "staff"))
    closing = [l for l in dated if l.letter_type == "review_complete"]
    closed_by = closing[-1] if closing else None
    end = closed_by or (dated[-1] if dated else None)
    days_open = _days(end.date, dated[0].date) if end is not None and end.date and dated and dated[0].date else None
    given = set().union(*(l.commitments for l in letters))
    outcome = next((label for label in ("amend", "future", "none") if label in given), None)
    staff_first = sorted(ordered, key=lambda l: l.kind != "staff")
    filing = next((l.reference for l in staff_first if l.reference), None)
    office = next((l.office for l in staff_first if l.office), None) or next(
        (l.signature_office for l in ordered if l.kind == "staff" and l.signature_office), None)
    return Review(
        first=ordered[0].iri,
        last=(dated[-1] if dated else ordered[-1]).iri,
        rounds=rounds,
        days_open=days_open if days_open is None or days_open >= 0 else None,
        closed_by=closed_by.iri if closed_by else None,
        outcome=outcome,
        filing=filing,
        office=office_name(office),
    )
