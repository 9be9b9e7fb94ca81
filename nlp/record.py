"""What asckg knows about one letter once it has been read: the bridge from NLP to the graph.

A :class:`LetterRecord` is plain data (no spaCy objects), made by :mod:`asckg.nlp.extract` and
consumed by :mod:`asckg.graph.model.build`; :meth:`LetterRecord.summary` is the per-letter JSON of
../shared/corpus/GOLD.md that ``asckg extract`` prints.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Mapping

from asckg import __version__
from asckg.core import reference
from asckg.nlp.anatomy.model import Anatomy
from asckg.nlp.grammar import guidance
from asckg.nlp.mention import Mention
from asckg.nlp.topics.rules import CommentTopics

#: GOLD.md's list fields that come straight from mentions, by mention kind.
_MENTION_FIELDS = {
    "asc": "asc",
    "guidance": "guidance",
    "sec_rules": "sec_rule",
    "forms": "form",
    "file_numbers": "file_number",
}


#: The EDGAR submission header's facts (see :mod:`asckg.nlp.readers.edgar`), about the company and
#: about the submission, as ``meta`` keys.
_COMPANY_FACTS = ("sic_code", "sic_title", "state_of_incorporation", "fiscal_year_end")
_FILING_FACTS = ("review_office", "dissemination_date", "public_reference_accession", "sec_file_number")


def content_hash(text: str) -> str:
    """SHA-256 of a letter's text in hex: its fingerprint, and its key when it has no accession."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def reading_stamp(topic_model: str | None) -> str:
    """What read a letter, as its graph records it: asckg's version and the topic model's
    ("asckg 0.2.0, topic model 1.1.0"). Ingest reads a stored letter again when its stamp differs,
    so that an upgrade reaches the letters an older version stored."""
    return f"asckg {__version__}" + (f", topic model {topic_model}" if topic_model else "")


@dataclass(frozen=True, slots=True)
class LetterRecord:
    """One letter: where it came from, its text, and everything found in it."""

    id: str
    path: str
    fmt: str
    text: str
    text_hash: str
    meta: Mapping[str, str] = field(default_factory=dict)
    mentions: tuple[Mention, ...] = ()
    letter_date: str | None = None
    anatomy: Anatomy | None = None
    #: What each comment of a staff letter is about (asckg.nlp.topics); empty for other letters.
    topics: tuple[CommentTopics, ...] = ()
    #: The version of the topic model that labelled them.
    topic_model: str | None = None

    @property
    def read_with(self) -> str:
        """:func:`reading_stamp` of the code that read this letter."""
        return reading_stamp(self.topic_model)

    def refs(self, kind: str) -> list[str]:
        """Every reference of one mention kind, each once, sorted."""
        return sorted({ref for m in self.mentions if m.kind == kind for ref in m.refs})

    @property
    def accession(self) -> str | None:
        return self.meta.get("accession") or None

    @property
    def kind(self) -> str | None:
        return getattr(self.anatomy, "kind", None)

    @property
    def company(self) -> str | None:
        return getattr(self.anatomy, "company", None) or self.meta.get("company") or None

    @property
    def cik(self) -> str | None:
        return getattr(self.anatomy, "cik", None) or self.meta.get("cik") or None

    @property
    def company_facts(self) -> dict[str, str]:
        """What the EDGAR header says of the company: sic_code, sic_title, state_of_incorporation,
        fiscal_year_end (those present)."""
        return {k: self.meta[k] for k in _COMPANY_FACTS if self.meta.get(k)}

    @property
    def filing_facts(self) -> dict[str, str]:
        """What the EDGAR header says of the submission: review_office, dissemination_date,
        public_reference_accession (the filing under review), sec_file_number (those present)."""
        return {k: self.meta[k] for k in _FILING_FACTS if self.meta.get(k)}

    def summary(self) -> dict[str, Any]:
        """The letter summary in GOLD.md's schema (fields the anatomy fills are null or empty without it)."""
        out: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "letter_date": self.letter_date,
            "company": self.company,
            "file_numbers": [],
            "filings_reviewed": [],
            "addressees": [],
            "signers": [],
            "staff_contacts": [],
            "comment_count": None,
            "prior_letter_dates": [],
            "asc": [],
            "guidance": [],
            "sec_rules": [],
            "forms": [],
        }
        for field_name, kind in _MENTION_FIELDS.items():
            out[field_name] = self.refs(kind)
        # The staff's own interpretations (C&DIs, FRM sections, releases) are guidance of their own
        # kind: GOLD.md's `guidance` holds accounting standards only, so they get a field of their own.
        guidance_mentions = [m for m in self.mentions if m.kind == "guidance"]
        out["guidance"] = guidance.gold_refs(guidance_mentions)
        out["staff_guidance"] = guidance.staff_refs(guidance_mentions)
        anatomy = self.anatomy
        if anatomy is not None:
            out["filings_reviewed"] = [
                {"form": f.form, "period_end": f.period_end, "filed": f.filed} for f in anatomy.filings_reviewed
            ]
            out["addressees"] = sorted({p.name for p in anatomy.addressees})
            out["signers"] = sorted({p.name for p in anatomy.signers})
            out["staff_contacts"] = sorted({p.name for p in anatomy.staff_contacts})
            out["comment_count"] = anatomy.comment_count
            out["prior_letter_dates"] = anatomy.prior_letter_dates
        # OUTCOMES.md: what the letter is, and what a company response commits to per comment
        out["letter_type"] = getattr(anatomy, "letter_type", None)
        out["commitments"] = anatomy.commitment_map if anatomy is not None else None
        # Flagged, never dropped: a mention the grammar had doubts about (a range too long, a
        # repaired hyphen), and a reference to something the Codification does not have.
        flagged = [m.dump() for m in self.mentions if set(m.flags) - {guidance.STAFF}]
        for m in self.mentions:
            if m.kind == "asc":
                for ref in m.refs:
                    for problem in reference.check(ref):
                        flagged.append({**m.dump(), "refs": [ref], "flags": [*m.flags, problem]})
        if flagged:
            out["flags"] = flagged
        out.update(self.topic_summary())
        return out

    def topic_summary(self) -> dict[str, Any]:
        """TOPICS.md's ``comment_topics`` and ``comments_citing`` (null unless a staff letter), and
        ``comment_topic_scores``: each label's score and how it was decided."""
        if self.kind != "staff" or self.anatomy is None:
            return {"comment_topics": None, "comments_citing": None}
        topics: dict[str, set[str]] = {}
        scores: dict[str, list[dict[str, Any]]] = {}
        citing: set[str] = set()
        for t in self.topics:
            if t.number is None:
                continue
            key = str(t.number)
            topics.setdefault(key, set()).update(a.label for a in t.labels)
            scores.setdefault(key, []).extend(a.dump() for a in t.labels)
            if t.citing:
                citing.add(key)
        return {
            "comment_topics": {k: sorted(v) for k, v in topics.items()},
            "comments_citing": sorted(citing, key=int),
            "comment_topic_scores": scores,
        }
