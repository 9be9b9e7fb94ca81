"""What the FASB Accounting Standards Codification contains: names, status and old-standard crosswalk.

Pure standard library. The facts live as CSV package data in ``asckg/core/data/ascref/`` (each row with
an ``evidence`` column saying where it came from; see the README there) and are read once, lazily,
on the first lookup: importing this module reads no file.

All lookups take a code as :mod:`asckg.core.codes` writes it ("985-605-25-12", or anything
:func:`asckg.core.codes.parse` accepts, or an :class:`~asckg.core.codes.AscCode`)::

    >>> title("985-605")
    'Software—Revenue Recognition'
    >>> status("985-605-25-12")
    'superseded'
    >>> check("985-605-26")
    ('no such Section 26',)
    >>> [c.asc for c in crosswalk("SOP 97-2")]
    ['985-605']

Titles follow the Codification's own style: a Subtopic is "<Topic title>—<Subtopic title>"
(the FASB writes "Subtopic 350-20, Intangibles—Goodwill and Other—Goodwill"); a Section adds its
name after a colon ("Software—Revenue Recognition: Recognition"); a paragraph has no title of its
own and is labelled by its Section.

Older standards are keyed by the canonical forms of GOLD.md's ``guidance`` field ("SFAS 133",
"FIN 48", "EITF 00-21", "SOP 97-2", "ARB 51", "FSP FAS 157-3", "SAB Topic 13", "ASU 2014-09"), the
forms :mod:`asckg.nlp.grammar.guidance` produces. :func:`canonical_standard` tidies the few other
spellings a caller may type ("FAS 133", "FIN 46(R)", "ASU No. 2016-02").
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Iterable, Optional, Union

from asckg.core.codes import AscCode, parse

__all__ = [
    "TopicInfo", "SubtopicInfo", "SectionInfo", "ParagraphInfo", "Crosswalk",
    "topic", "subtopic", "section", "paragraph", "title", "status", "known_paragraph", "check",
    "crosswalk", "standards_in", "guidance_title", "canonical_standard",
    "topics", "subtopics", "sections", "crosswalks",
]

_DATA = "asckg.core.data.ascref"
Code = Union[str, AscCode]


@dataclass(frozen=True, slots=True)
class TopicInfo:
    """A Topic ("985 Software"): its Area, whether it is still in force, and the source of the facts."""

    code: str
    title: str
    area: str
    area_code: str
    status: str  # "current" | "superseded"
    note: str
    evidence: str
    #: True when the data's list of this Topic's Subtopics is believed complete (Topics 105-860),
    #: so that a Subtopic missing from it is worth flagging; False for the industry Topics 9xx.
    subtopics_complete: bool


@dataclass(frozen=True, slots=True)
class SubtopicInfo:
    """A Subtopic ("985-605 Revenue Recognition") with its own status."""

    code: str
    topic: str
    title: str
    topic_title: str
    status: str  # "current" | "superseded" | "unknown"
    note: str
    evidence: str


@dataclass(frozen=True, slots=True)
class SectionInfo:
    """A Section number, the same in every Subtopic ("25" Recognition, "S99" SEC Materials)."""

    code: str
    name: str
    kind: str  # "standard" | "SEC"
    note: str
    evidence: str


@dataclass(frozen=True, slots=True)
class ParagraphInfo:
    """A paragraph known to exist because the US GAAP XBRL taxonomy references it."""

    code: str
    element_count: int
    ref_roles: str
    asc_uri: str
    evidence: str


@dataclass(frozen=True, slots=True)
class Crosswalk:
    """One place in the Codification where an older standard or an ASU went.

    A standard codified in several places has one Crosswalk per place, the main one first
    (``primary``). ``part`` names a piece of the standard when the row is about that piece
    only ("Ch. 3A" of ARB 43).
    """

    standard: str
    title: str
    asc: str
    primary: bool
    part: str
    note: str
    evidence: str
    legacy_id: str


@dataclass(frozen=True, slots=True)
class _Tables:
    topics: dict[str, TopicInfo]
    subtopics: dict[str, SubtopicInfo]
    sections: dict[str, SectionInfo]
    paragraphs: dict[str, ParagraphInfo]
    crosswalk: dict[str, tuple[Crosswalk, ...]]
    by_node: dict[str, tuple[Crosswalk, ...]]
    asu_names: dict[str, str]


def _rows(name: str) -> list[dict[str, str]]:
    text = files(_DATA).joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    """Read every CSV once (on the first lookup, never at import)."""
    topics = {
        r["topic"]: TopicInfo(r["topic"], r["title"], r["area"], r["area_code"], r["status"], r["note"],
                              r["evidence"], r["subtopics_complete"] == "yes")
        for r in _rows("topics.csv")
    }
    subtopics = {
        r["citation"]: SubtopicInfo(r["citation"], r["topic"], r["title"], r["topic_title"], r["status"],
                                    r["note"], r["evidence"])
        for r in _rows("subtopics.csv")
    }
    sections = {
        r["section"]: SectionInfo(r["section"], r["name"], r["kind"], r["note"], r["evidence"])
        for r in _rows("sections.csv")
    }
    paragraphs = {
        r["citation"]: ParagraphInfo(r["citation"], int(r["element_count"] or 0), r["ref_roles"], r["asc_uri"],
                                     r["sources"])
        for r in _rows("paragraphs.csv") if r["level"] == "paragraph"
    }
    walk: dict[str, list[Crosswalk]] = {}
    for r in _rows("legacy.csv"):
        for i, code in enumerate(c.strip() for c in r["asc"].split(";")):
            walk.setdefault(r["standard"], []).append(
                Crosswalk(r["standard"], r["title"], code, i == 0, r["part"], r["asc_note"], r["evidence"],
                          r["legacy_id"]))
    by_node: dict[str, list[Crosswalk]] = {}
    for entries in walk.values():
        for c in entries:
            node = parse(c.asc)
            for n in (node, *node.ancestors()):
                by_node.setdefault(n.code, []).append(c)
    asu_names = {r["asu"]: r["taxonomy_project_name"] for r in _rows("asu_taxonomy_names.csv")}
    return _Tables(topics, subtopics, sections, paragraphs,
                   {k: tuple(v) for k, v in walk.items()}, {k: tuple(v) for k, v in by_node.items()}, asu_names)


def _code(code: Code) -> Optional[AscCode]:
    """The code as an AscCode, or None when it is not a well-formed ASC code."""
    if isinstance(code, AscCode):
        return code
    try:
        return parse(code)
    except ValueError:
        return None


# --- nodes ----------------------------------------------------------------------------------------

def topic(code: Code) -> Optional[TopicInfo]:
    """The Topic of any code ("985-605-25-12" -> Topic 985), None if the Codification has no such Topic."""
    c = _code(code)
    return _tables().topics.get(c.topic) if c else None


def subtopic(code: Code) -> Optional[SubtopicInfo]:
    """The Subtopic of a code at subtopic level or below, None if unknown or the code is a bare Topic."""
    c = _code(code)
    if c is None or not c.subtopic:
        return None
    return _tables().subtopics.get(f"{c.topic}-{c.subtopic}")


def section(code: Code) -> Optional[SectionInfo]:
    """A Section by its number ("25", "S99") or of a code at section level or below ("985-605-25")."""
    if isinstance(code, str) and re.fullmatch(r"\s*(?:S\d{2}|\d{2})\s*", code, re.IGNORECASE):
        return _tables().sections.get(code.strip().upper())
    c = _code(code)
    if c is None or not c.section:
        return None
    return _tables().sections.get(c.section)


def paragraph(code: Code) -> Optional[ParagraphInfo]:
    """The taxonomy's record of a paragraph (with its evidence), None when the data does not list it.

    The list is a sample of the paragraphs that exist, so None does not mean "no such paragraph".
    Paragraphs with two inserted letters ("810-10-50-2AA") are found by their plain string.
    """
    c = _code(code)
    key = c.code if c else (code.strip().upper() if isinstance(code, str) else "")
    return _tables().paragraphs.get(key)


def known_paragraph(code: Code) -> bool:
    """Whether the reference data knows this paragraph exists (see :func:`paragraph`)."""
    return paragraph(code) is not None


def title(code: Code) -> Optional[str]:
    """A display title for a code at any level, None when its Topic or Subtopic is not known.

    >>> title("350-20")
    'Intangibles—Goodwill and Other—Goodwill'
    >>> title("606-10-25-19")
    'Revenue from Contracts with Customers—Overall: Recognition'
    """
    c = _code(code)
    if c is None:
        return None
    t = _tables().topics.get(c.topic)
    if t is None:
        return None
    if not c.subtopic:
        return t.title
    s = _tables().subtopics.get(f"{c.topic}-{c.subtopic}")
    if s is None:
        return None
    label = f"{t.title}—{s.title}"
    if not c.section:
        return label
    sec = _tables().sections.get(c.section)
    return f"{label}: {sec.name}" if sec else None


def status(code: Code) -> str:
    """"current", "superseded" or "unknown" for a code at any level.

    A node inside a superseded Topic or Subtopic is superseded ("985-605-25-12", "840-10-15"); a
    Subtopic the data does not list, or a Topic that does not exist, is "unknown".
    """
    c = _code(code)
    t = _tables().topics.get(c.topic) if c else None
    if t is None or c is None:
        return "unknown"
    if t.status == "superseded":
        return "superseded"
    if not c.subtopic:
        return t.status
    s = _tables().subtopics.get(f"{c.topic}-{c.subtopic}")
    return s.status if s else "unknown"


def check(code: Code) -> tuple[str, ...]:
    """Reasons to doubt that a cited code exists; empty when nothing is wrong.

    Flags a Topic the Codification never had ("no such Topic 999"), a Section number outside the
    standard set ("no such Section 26"), and a Subtopic missing from a Topic whose list of Subtopics
    is complete (Topics 105-860: "unverified subtopic 323-970", a letter's slip for 970-323). The
    industry Topics 9xx have many cross-reference Subtopics the data does not list, so an unlisted
    Subtopic there is not flagged; nor is an unlisted paragraph, since the paragraph list is a sample.

    >>> check("ASC 841-40-25-5")
    ('no such Topic 841',)
    """
    c = _code(code)
    if c is None:
        return (f"not a well-formed ASC code: {code!r}",)
    tables = _tables()
    flags = []
    t = tables.topics.get(c.topic)
    if t is None:
        flags.append(f"no such Topic {c.topic}")
    elif c.subtopic and t.subtopics_complete and f"{c.topic}-{c.subtopic}" not in tables.subtopics:
        flags.append(f"unverified subtopic {c.topic}-{c.subtopic}: not among the Subtopics of Topic {c.topic}")
    if c.section and c.section not in tables.sections:
        flags.append(f"no such Section {c.section}")
    return tuple(flags)


# --- older standards ------------------------------------------------------------------------------

_H = "[-\u2010\u2011\u2012\u2013\u2014]"
def canonical_standard(standard: str) -> str:
    """The GOLD.md form of a standard's name for the spellings this data uses and a few common ones.

    >>> canonical_standard("FAS 133"), canonical_standard("FIN 46(R)"), canonical_standard("ASU No. 2016-02")
    ('SFAS 133', 'FIN 46R', 'ASU 2016-02')
    """
    s = re.sub(r"\s+", " ", re.sub(_H, "-", standard)).strip()
    s = re.sub(r"\s*\(R\)", "R", s)
    m = re.fullmatch(r"(?:S?FAS|FASB Statement|Statement)(?: No\.?)? ?(\d+R?)", s, re.I)
    if m:
        return f"SFAS {m.group(1).upper()}"
    m = re.fullmatch(r"(?:ASU|Accounting Standards Update)(?: No\.?)? ?(\d{4}-\d{2})", s, re.I)
    if m:
        return f"ASU {m.group(1)}"
    m = re.fullmatch(r"(?:SAB|Staff Accounting Bulletin) Topic (\d+)(?:[.:\- ]\(?([A-Za-z])\)?)?", s, re.I)
    if m:
        return f"SAB Topic {m.group(1)}" + (f".{m.group(2).upper()}" if m.group(2) else "")
    m = re.fullmatch(r"FSP (?:S?FAS) ?(.+)", s, re.I)
    if m:
        return f"FSP FAS {m.group(1).upper()}"
    m = re.fullmatch(r"(FIN|APB|ARB|SAB|SOP|EITF|FTB|DIG)(?: (?:Issue|Topic|Opinion))?(?: No\.?)? ?(\S+)", s, re.I)
    if m:
        # "EITF 05-01" -> "EITF 05-1": the second part of an AICPA/EITF number without leading zeros
        number = re.sub(r"^(\w+)-0+(?=\d)", r"\1-", m.group(2).upper())
        return f"{m.group(1).upper()} {number}"
    return s


def crosswalk(standard: str) -> tuple[Crosswalk, ...]:
    """Where an older standard or an ASU sits in the Codification, main location first.

    A lettered SAB Topic without a row of its own falls back to its Topic ("SAB Topic 13.A" is
    part of SAB Topic 13, at 605-10-S99-1). Empty when the data does not know the standard.
    """
    key = canonical_standard(standard)
    walk = _tables().crosswalk
    if key in walk:
        return walk[key]
    m = re.fullmatch(r"(SAB Topic \d+)\.[A-Z]", key)
    return walk.get(m.group(1), ()) if m else ()


def standards_in(asc_code: Code) -> tuple[Crosswalk, ...]:
    """Every crosswalk entry whose location is this node or below it ("985-605" -> SOP 97-2, ...)."""
    c = _code(asc_code)
    return _tables().by_node.get(c.code, ()) if c else ()


def guidance_title(standard: str) -> Optional[str]:
    """The title of an older standard or ASU; for an ASU the data has no row for, the short project
    name the FASB's XBRL taxonomy gives it ("ASU 2018-09" -> "Codification Improvements")."""
    found = crosswalk(standard)
    if found:
        return found[0].title
    m = re.fullmatch(r"ASU (\d{4}-\d{2})", canonical_standard(standard))
    return _tables().asu_names.get(m.group(1)) if m else None


# --- whole tables, for graph builders -------------------------------------------------------------

def topics() -> tuple[TopicInfo, ...]:
    """Every Topic, in number order."""
    return tuple(_tables().topics.values())


def subtopics(of_topic: Optional[Code] = None) -> tuple[SubtopicInfo, ...]:
    """Every Subtopic the data lists, or those of one Topic."""
    rows: Iterable[SubtopicInfo] = _tables().subtopics.values()
    if of_topic is not None:
        c = _code(of_topic)
        rows = [s for s in rows if c is not None and s.topic == c.topic]
    return tuple(rows)


def sections() -> tuple[SectionInfo, ...]:
    """Every Section number, standard ones first, SEC ones ("S" + number) after."""
    return tuple(_tables().sections.values())


def crosswalks() -> tuple[Crosswalk, ...]:
    """Every crosswalk entry, grouped by standard."""
    return tuple(c for entries in _tables().crosswalk.values() for c in entries)
