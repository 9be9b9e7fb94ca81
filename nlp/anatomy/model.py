"""The parts of a letter's anatomy as frozen dataclasses, each with a JSON-ready ``dump()``.

A comment letter says who wrote to whom about which filing, and then, comment by comment, what the
staff asked (and, in a response, what the company answered). These classes hold that; the parsers in
the sibling modules fill them. Offsets (``start``, ``end``) are into the text given to
:func:`asckg.nlp.anatomy.parse_letter`. Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: What a letter is: written by SEC staff, by the company (or its counsel) to the SEC, or else
#: (an underwriters' acceleration request, ...). See ../shared/corpus/GOLD.md.
KINDS = ("staff", "response", "other")
#: The roles a :class:`Person` plays in a letter.
ROLES = ("addressee", "signer", "signed_for", "staff_contact")


@dataclass(frozen=True, slots=True)
class Person:
    """A named person in the letter's head or foot: an addressee, a signer or a staff contact.

    ``name`` is written without Mr./Ms./Esq.; ``title`` ("Staff Accountant") and ``office``
    ("Office of Technology") only where the letter writes them beside the name.
    """

    name: str
    title: str | None
    office: str | None
    role: str
    start: int
    end: int

    def dump(self) -> dict[str, Any]:
        return {"name": self.name, "title": self.title, "office": self.office, "role": self.role,
                "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class FilingRef:
    """One filing named in the "Re:" block: form as in GOLD.md ("10-K", "S-1/A", "Schedule 14A")."""

    form: str
    period_end: str | None
    filed: str | None
    file_number: str | None
    start: int
    end: int

    def dump(self) -> dict[str, Any]:
        return {"form": self.form, "period_end": self.period_end, "filed": self.filed,
                "file_number": self.file_number, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Comment:
    """One numbered staff comment; in a response, also the company's answer to it.

    ``heading_path`` runs from the filing heading down to the caption right above the comment
    ("Form 10-K for the Fiscal Year ended December 31, 2010", ..., "Revenue Recognition, page 36").
    ``text`` is the comment's whole passage with running page headers left out and blanks collapsed;
    in a response ``restated_text`` is the staff comment as the company repeats it and
    ``response_text`` the answer ("Response: ..."), kept apart. ``number`` is None for a comment
    a response answers without its number (the staff's bullet points or unnumbered paragraphs,
    restated and each followed by "Response:"), so that every answer can still be aligned.
    """

    number: int | None
    heading_path: tuple[str, ...]
    page_ref: str | None
    text: str
    start: int
    end: int
    sub_items: tuple[str, ...] = field(default=())
    response_text: str | None = None
    restated_text: str | None = None
    #: What the company's answer commits to ("amend", "future", "none"; see anatomy.outcome), or ().
    commitment: tuple[str, ...] = ()

    def dump(self) -> dict[str, Any]:
        return {"number": self.number, "heading_path": list(self.heading_path), "page_ref": self.page_ref,
                "text": self.text, "start": self.start, "end": self.end, "sub_items": list(self.sub_items),
                "response_text": self.response_text, "restated_text": self.restated_text,
                "commitment": list(self.commitment)}


@dataclass(frozen=True, slots=True)
class PriorLetter:
    """An earlier letter this one refers to ("your letter dated November 2, 2011").

    ``who`` says whose letter: "yours" / "ours" as the writer puts it, "staff" or "company" when
    the text names the side ("the Staff's letter", "Response dated ..."), else "unknown".
    """

    date: str | None
    who: str
    start: int
    end: int

    def dump(self) -> dict[str, Any]:
        return {"date": self.date, "who": self.who, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class PriorComment:
    """A comment of an earlier letter referred to by number ("prior comment 5")."""

    number: int
    start: int
    end: int

    def dump(self) -> dict[str, Any]:
        return {"number": self.number, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Anatomy:
    """Who wrote to whom about which filing, comment by comment.

    ``comment_count`` follows GOLD.md: for a staff letter the highest comment number, for a
    response the number of distinct staff comments answered (each number once, plus each comment
    answered without a number), 0 if none, None when the text is cut off before its end (an
    excerpt) so that the count cannot be told.
    """

    kind: str
    company: str | None
    cik: str | None
    letter_date: str | None
    addressees: tuple[Person, ...]
    signers: tuple[Person, ...]
    staff_contacts: tuple[Person, ...]
    filings_reviewed: tuple[FilingRef, ...]
    comments: tuple[Comment, ...]
    prior_letters: tuple[PriorLetter, ...]
    prior_comments: tuple[PriorComment, ...]
    comment_count: int | None
    #: What the letter is, finer than ``kind`` (anatomy.outcome.LETTER_TYPES), and for a company
    #: response what it commits to per staff comment key: (("1", ("future",)), ("2", ("none",))).
    letter_type: str | None = None
    commitments: tuple[tuple[str, tuple[str, ...]], ...] | None = None

    @property
    def prior_letter_dates(self) -> list[str]:
        """The distinct dates of the earlier letters referred to, sorted (the GOLD.md field)."""
        return sorted({p.date for p in self.prior_letters if p.date})

    def dump(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "company": self.company,
            "cik": self.cik,
            "letter_date": self.letter_date,
            "addressees": [p.dump() for p in self.addressees],
            "signers": [p.dump() for p in self.signers],
            "staff_contacts": [p.dump() for p in self.staff_contacts],
            "filings_reviewed": [f.dump() for f in self.filings_reviewed],
            "comments": [c.dump() for c in self.comments],
            "prior_letters": [p.dump() for p in self.prior_letters],
            "prior_comments": [p.dump() for p in self.prior_comments],
            "prior_letter_dates": self.prior_letter_dates,
            "comment_count": self.comment_count,
            "letter_type": self.letter_type,
            "commitments": self.commitment_map,
        }

    @property
    def commitment_map(self) -> dict[str, list[str]] | None:
        """``commitments`` as OUTCOMES.md writes them: {"1": ["future"], "2": ["none"]}, or None."""
        return {k: list(v) for k, v in self.commitments} if self.commitments else None
