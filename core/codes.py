"""The FASB Accounting Standards Codification (ASC) code model: one reference, at any level.

Pure standard library. A code names a node of the Codification's tree::

    985                 topic       3 digits, 105-999
    985-605             subtopic    + 2 or 3 digits ("10", "20", "605"; "235" in 932-235)
    985-605-25          section     + 2 digits ("05", "25") or an SEC section "S" + 2 digits ("S99")
    985-605-25-12       paragraph   + 1-3 digits with an optional upper-case letter ("12", "4A")

Normal form (the one ../shared/corpus/GOLD.md uses): the parts joined by "-", leading zeros kept as
written in the standard form, a paragraph's inserted-paragraph letter in upper case. An SEC
paragraph such as "310-10-S99-2" is section ``"S99"`` and paragraph ``"2"``: the "S" belongs to
the section, so a paragraph is always digits plus an optional letter, whatever its section.

Two codes are equal when their canonical strings are; they hash the same way, so sets of
references from different grammars and from the gold compare directly.

>>> AscCode.parse("ASC 985-605-25-12").ancestors()
(AscCode('985-605-25'), AscCode('985-605'), AscCode('985'))
>>> str(AscCode.parse("Subtopic 350-20"))
'350-20'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

LEVELS = ("topic", "subtopic", "section", "paragraph")

# Named pieces, reused by the citation grammar (asckg.nlp.grammar.asc) for its validity checks.
TOPIC = r"[1-9]\d{2}"
SUBTOPIC = r"\d{2,3}"
SECTION = r"S\d{2}|\d{2}"
PARAGRAPH = r"\d{1,3}[A-Z]?"

_TOPIC_RE = re.compile(rf"(?:{TOPIC})\Z")
_SUBTOPIC_RE = re.compile(rf"(?:{SUBTOPIC})\Z")
_SECTION_RE = re.compile(rf"(?:{SECTION})\Z")
_PARAGRAPH_RE = re.compile(rf"(?:{PARAGRAPH})\Z")

# What a user may type before a code: "ASC 606", "FASB ASC 606", "ASC Topic 842", "Topic 606",
# "Subtopic 350-20", "Section 205-20-45", "paragraph 606-10-50-12". The level word, if any, must
# agree with the code's level.
_USER_RE = re.compile(
    r"""\s*
    (?:FASB\s+)?(?:ASC\s*)?
    (?:(?P<word>topic|subtopic|section|paragraph|para\.?)\s+)?
    (?P<code>[0-9A-Za-z]+(?:\s*[-\u2010\u2011\u2013\u2014]\s*[0-9A-Za-z]+){0,3})
    (?P<sub>(?:\s?\((?:[a-z]{1,4}|\d{1,2})\))*)
    \s*\Z""",
    re.IGNORECASE | re.VERBOSE,
)
_PART_SPLIT_RE = re.compile(r"\s*[-\u2010\u2011\u2013\u2014]\s*")
_WORD_LEVEL = {"topic": "topic", "subtopic": "subtopic", "section": "section",
               "paragraph": "paragraph", "para": "paragraph", "para.": "paragraph"}


def valid_parts(topic: str, subtopic: str = "", section: str = "", paragraph: str = "") -> bool:
    """Whether these parts (already in normal form) make a well-formed code, without raising."""
    try:
        _check(topic, subtopic, section, paragraph)
    except ValueError:
        return False
    return True


def _check(topic: str, subtopic: str, section: str, paragraph: str) -> None:
    """Raise ``ValueError`` naming the first part that breaks the Codification's shape."""
    if not _TOPIC_RE.match(topic) or int(topic) < 105:
        raise ValueError(f"ASC topic must be 3 digits from 105 to 999, not {topic!r}")
    if paragraph and not section:
        raise ValueError("an ASC paragraph needs a section")
    if section and not subtopic:
        raise ValueError("an ASC section needs a subtopic")
    if subtopic and not _SUBTOPIC_RE.match(subtopic):
        raise ValueError(f"ASC subtopic must be 2 or 3 digits, not {subtopic!r}")
    if section and not _SECTION_RE.match(section):
        raise ValueError(f"ASC section must be 2 digits or S + 2 digits, not {section!r}")
    if paragraph and not _PARAGRAPH_RE.match(paragraph):
        raise ValueError(
            f"ASC paragraph must be 1-3 digits with an optional upper-case letter, not {paragraph!r}"
        )


@dataclass(frozen=True, slots=True, eq=False)
class AscCode:
    """One Codification reference: a topic, subtopic, section or paragraph.

    Parts are strings in normal form; the empty string means "not this deep". Build one with
    :meth:`parse` (which validates) or directly with parts that :func:`valid_parts` accepts.
    """

    topic: str
    subtopic: str = ""
    section: str = ""
    paragraph: str = ""

    def __post_init__(self) -> None:
        _check(self.topic, self.subtopic, self.section, self.paragraph)

    @classmethod
    def parse(cls, code: str) -> AscCode:
        """Read a canonical code or a user's way of writing one.

        Accepts "985-605-25-12", "ASC 985-605-25-12", "FASB ASC 606", "Topic 606",
        "ASC Topic 842", "Subtopic 350-20", "Section 205-20-45", "310-10-S99-2"; en and em dashes
        count as hyphens, a lower-case paragraph letter is raised ("15-4a" -> "15-4A"), and trailing
        subparagraph markers are dropped ("606-10-50-12(a)(1)" -> "606-10-50-12"). Anything else
        raises ``ValueError`` saying why.

        >>> AscCode.parse("ASC Topic 842").level
        'topic'
        >>> AscCode.parse("99")
        Traceback (most recent call last):
        ...
        ValueError: ASC topic must be 3 digits from 105 to 999, not '99'
        """
        if not isinstance(code, str):
            raise ValueError(f"an ASC code is a string, not {type(code).__name__}")
        m = _USER_RE.match(code)
        if m is None:
            raise ValueError(f"not an ASC code: {code!r}")
        parts = _PART_SPLIT_RE.split(m.group("code"))
        topic, subtopic, section, paragraph = (parts + ["", "", ""])[:4]
        section = section.upper() if section[:1] in "sS" else section
        paragraph = paragraph.upper()
        result = cls(topic, subtopic, section, paragraph)
        word = m.group("word")
        if word and _WORD_LEVEL[word.lower()] != result.level:
            raise ValueError(f"{code!r} says {word.lower()} but {result.code} is a {result.level}")
        return result

    @property
    def code(self) -> str:
        """The canonical string, e.g. ``"985-605-25-12"``."""
        return "-".join(p for p in (self.topic, self.subtopic, self.section, self.paragraph) if p)

    @property
    def level(self) -> str:
        """``"topic"``, ``"subtopic"``, ``"section"`` or ``"paragraph"``."""
        if self.paragraph:
            return "paragraph"
        if self.section:
            return "section"
        if self.subtopic:
            return "subtopic"
        return "topic"

    @property
    def parent(self) -> Optional[AscCode]:
        """The node one level up (paragraph -> section -> subtopic -> topic), None for a topic."""
        if self.paragraph:
            return AscCode(self.topic, self.subtopic, self.section)
        if self.section:
            return AscCode(self.topic, self.subtopic)
        if self.subtopic:
            return AscCode(self.topic)
        return None

    def ancestors(self) -> tuple[AscCode, ...]:
        """Every node above this one, nearest first; empty for a topic."""
        out: list[AscCode] = []
        node = self.parent
        while node is not None:
            out.append(node)
            node = node.parent
        return tuple(out)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, AscCode):
            return NotImplemented
        return self.code == other.code

    def __hash__(self) -> int:
        return hash(("AscCode", self.code))

    def __str__(self) -> str:
        return self.code

    def __repr__(self) -> str:
        return f"AscCode({self.code!r})"


def parse(code: str) -> AscCode:
    """Module-level shorthand for :meth:`AscCode.parse`."""
    return AscCode.parse(code)


_PARTS = re.compile(r"\d+|\D+")


@lru_cache(maxsize=1 << 16)
def natural_key(ref: str) -> tuple:
    """Sort references as a reader expects: 606-10-55-9 before 606-10-55-36, 15-4 before 15-4A,
    S-K 229 before S-K 1300 (numbers by value, the rest by its characters).

    Cached: a Topic's letters name the same few thousand paragraphs again and again, and without
    the cache this was a third of the time `cites` took for a Topic at 200,000 letters.

    >>> sorted(["606-10-55-36", "606-10-55-9", "15-4A", "15-4"], key=natural_key)
    ['15-4', '15-4A', '606-10-55-9', '606-10-55-36']
    """
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in _PARTS.findall(ref))
