"""FASB Accounting Standards Codification citations: ``find(text) -> list[Mention]`` of kind "asc".

Pure standard library. Reads the ways SEC comment letters cite the Codification and yields each
reference in the normal form of ../shared/corpus/GOLD.md (field ``asc``)::

    "FASB ASC 985-605-25-12", "ASC Topic 606", "Topic 842", "Subtopic 350-20",
    "Section 205-20-45", "Accounting Standards Codification (“ASC”) 740",
    "paragraph 10 of ASC 985-605-25", "paragraphs 25-19 to 25-22 of ASC 606-10",
    "ASC 606-10-55-89 through 91", "ASC 280-10-50-1, 50-10 and -11", "ASC 606-10-50-18 or 19",
    "ASC 606-10-50-12(a)(1)", "ASC 944-40-50-4Da", "ASC 310-10-S99-2"

How it works (eyecite's shape: find triggers, then read forward). A literal prefilter finds the
places where a trigger can start; one regex confirms the trigger there ("ASC", "Accounting
Standards Codification", "Topic", "Subtopic", "Section", "paragraph", or a bare code of three or
four parts); from each, small anchored regexes read a code as a run of hyphen-joined blocks, then
subparagraph markers, ranges and lists. Nothing scans backwards or nests unbounded repeats, and a
trigger inside a mention already read is not tried, so the cost is linear in the text (each
trigger reads at most a few hundred characters ahead).

Decisions:
- A range is expanded to every paragraph between its ends when both ends are in one section
  ("25-19 to 25-22"); letter-suffixed ends of one number expand by letter ("50-4A through 50-4D");
  a numeric range takes only plain numbers between its ends (plus the ends themselves, so
  "35-31 through 32A" is 31, 32, 32A). Ends in different sections, a range running backwards, or
  one of more than ``MAX_RANGE`` paragraphs yield only the two ends (the last two with a flag).
- Subparagraph markers ("(a)(1)", "(c) through (d)", "bbb" in "50-2bbb", ".g.1") are dropped from
  the reference and kept in ``detail``.
- pdftotext loses hyphens where the PDF broke a code across lines ("ASC 360-1035-21",
  "ASC 280-10-5029(f)", "ASC 36010-45-9"). After an explicit trigger a merged block is split where
  the Codification's shape leaves no doubt (topic 3 digits, section 2) and the mention is flagged.
- Refs of a mention are unique, in the order the text gives them (ranges in expansion order);
  a mention never adds a parent for a child (606-10-25-19 does not add 606).
- Bare codes (no "ASC" before them) count when they have four parts, or three with a section
  number the Codification uses; after an explicit trigger any valid code counts.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from asckg.core.codes import PARAGRAPH, SECTION, SUBTOPIC, TOPIC, valid_parts
from asckg.nlp.mention import Mention

KIND = "asc"

#: A range of more paragraphs than this is a typo or an OCR slip: keep its two ends and flag it.
MAX_RANGE = 200

# ---------------------------------------------------------------------------------------------
# Named pieces.

_DASHES = r"\-\u2010\u2011\u2012\u2013\u2014\u2212"
DASH = f"[{_DASHES}]"

# A running page header between the halves of a broken citation, as pdftotext leaves it:
#   "... FASB ASC 410-30-50-\n\nOccidental Petroleum Corporation\nPage 5 of 5\n10(d) are ..."
# Up to six short lines ending in a "Page N" line.
PAGE_HEADER = (
    r"[ \t]*\n(?:[^\n]{0,100}\n){0,6}?[ \t]*Page[ \t]+\d{1,3}(?:[ \t]+of[ \t]+\d{1,3})?[ \t]*\n"
)
#: Space between the parts of a citation: may break lines ("ASC\n606-10-25-19", "606-10-\n25-19").
#: A page header is skipped only when a code follows it: in 1701605_0000000000-24-009305, "your
#: ASC\n280 reconciliation ...\n\nAugust 14, 2024\nPage 2\nGuarantor Information" would otherwise
#: jump from "ASC" over the real code "280" to the words after the header and find nothing.
GAP = rf"(?:{PAGE_HEADER}\s{{0,12}}(?=\d|S\d|[Tt]opic|[Ss]ubtopic|[Ss]ection|[Pp]aragraph)|\s{{0,12}})"

# One block of a hyphenated code. Up to 6 digits so that a merged block ("1035", "5028C") can be
# read and split; the validity of each part is checked afterwards against codes.py. An upper-case
# letter directly after the digits is an inserted paragraph ("15-4A"); a second capital means
# the letter starts a word, so it is not taken.
BLOCK = r"(?:S\d{2,5}(?!\d)|\d{1,6}(?!\d)(?:[A-Z](?![A-Z]))?)"
_BLOCK_RE = re.compile(BLOCK)
_IS_TOPIC = re.compile(rf"(?:{TOPIC})\Z").match
_IS_SUBTOPIC = re.compile(rf"(?:{SUBTOPIC})\Z").match
_IS_SECTION = re.compile(rf"(?:{SECTION})\Z").match
_IS_PARAGRAPH = re.compile(rf"(?:{PARAGRAPH})\Z").match
_IS_MERGED_TOPIC = re.compile(r"\d{5}\Z").match
_IS_MERGED_SUBTOPIC = re.compile(r"\d{4}\Z").match
_IS_MERGED_SECTION = re.compile(rf"S?\d{{2}}(?:{PARAGRAPH})\Z").match
_WHOLE = (_IS_TOPIC, _IS_SUBTOPIC, _IS_SECTION, _IS_PARAGRAPH)
# The hyphen joining blocks. Doubled in "ASC 605-45--50-2"; spaced in "ASC 280- 10-50-40".
_JOIN_RE = re.compile(rf"[ \t]{{0,2}}{DASH}{{1,2}}{GAP}(?=S\d|\d)")

# Subparagraph markers, dropped from the reference:
#   "(a)(1)", " (b)", "(a-c)", "(iii)"  -- "ASC 606-10-50-12 (b)", "ASC 606-10-55-39(a-c)"
#   attached lower-case letters "ASC 820-10-50-2bbb", "ASC 944-40-50-4Da", "ASC 606-10-55-91f"
#   dotted "ASC 740-30-50-2.b.", "ASC 842-20-50-4.g.1"; hyphenated "ASC 310-10-35-13-a"
_PAREN = r"\((?:[a-z]{1,4}|\d{1,2}|[a-z][ ]?[-\u2013][ ]?[a-z])\)"
_SUBPARA_RE = re.compile(
    rf"""(?:[ ]?{_PAREN}(?:{_PAREN}){{0,4}}
        |\.?[a-z]{{1,3}}(?![A-Za-z])(?:\.\d{{1,2}}(?!\d)|\.[a-z](?![A-Za-z])){{0,3}}(?:{_PAREN}){{0,4}}
        |-[a-z](?![A-Za-z]))""",
    re.VERBOSE,
)
# "(c) through (d)", "(a) and (h)", "(a) & (c)": more markers of the same paragraph.
_MORE_SUBPARA_RE = re.compile(
    rf"[ \t]{{0,2}}(?:,[ \t]?)?(?:and|or|through|to|&|,)[ \t]{{1,2}}{_PAREN}(?:{_PAREN}){{0,3}}"
)

# One line break may fall anywhere: "Refer to examples under ASC\n205-20-55-83\nthrough 101."
_RANGE_WORD_RE = re.compile(rf"[ \t]{{0,2}}\n?[ \t]{{0,2}}(?:through|thru|to|{DASH})\s{{0,3}}")
_LIST_WORD_RE = re.compile(r"[ \t]{0,2}\n?[ \t]{0,2}(?:,[ \t]{0,2}(?:and|or)?|and|or|&|as well as)\s{0,3}")
# A citation word allowed before a range end or list item: "25-6 through ASC 718-10-25-19".
_REPEAT_PREFIX_RE = re.compile(r"(?:(?:FASB[ \t]+)?ASC[ \t]+|[Pp]aragraphs?[ \t]+)")

# A bare number ending a range or list is a paragraph only if no unit follows it. Preventive (no
# letter in the corpus trips it, but lists of bare numbers are what staff letters are full of):
#   "... ASC 606-10-50-12 and 10 percent ..." is not paragraph 10; nor is a number with thousands
#   or decimals ("to 1,000", an "Item 2.02" after "and"), nor a ratio or time ("2:1", "3/4").
_UNIT_RE = re.compile(
    r"(?:[ \t]*(?:%|percent|per cent|years?|months?|days?|million|billion|thousand)\b"
    r"|[,.]\d|[:/])"
)

# The triggers. Scanning the whole text with this alternation costs more than all the rest of
# the work, so a literal prefilter (_PREFILTER_WORDS_RE, _PREFILTER_DIGITS_RE) finds the few places
# where one can start and this pattern is only tried there.
_TRIGGER_RE = re.compile(
    rf"""
    (?P<asc>\b(?:FASB[ \t]+)?ASC(?![A-Za-z]))
    |(?P<codif>\bAccounting\s+Standards?\s+Codification\b)
    |(?P<level>\b(?:[Tt]opics?|[Ss]ubtopics?|[Ss]ections?)\b)
    |(?P<para>\b[Pp]aragraphs?\b|\u00b6\u00b6?)
    |(?P<bare>
        # A bare code of four parts: "paragraph 606-10-50-5 of the Accounting Standards
        # Codification", "in FASB ASC 330-10-30-1 and 340-40-25-7"; or of three parts whose section
        # is one the Codification uses (00, 05, ... 75, S99): "Accounting for Changes in
        # Presentation 250-10-45". Never preceded by a digit, hyphen, slash or dot:
        # "1-202-551-3739" (a phone number) starts inside a number, and "202-551-3739" has a
        # four-digit third part, so neither is a code.
        (?<![\w$/.{_DASHES}])
        (?={TOPIC}{DASH}\s{{0,3}}{SUBTOPIC}{DASH}\s{{0,3}}
           (?:(?:{SECTION}){DASH}\s{{0,3}}\d{{1,3}}(?!\d)|(?:S\d{{2}}|[0-7][05])(?![\d{_DASHES}])))
        \d)
    """,
    re.VERBOSE,
)
# (The digits are part of the hit, not a look-behind: an alternation of plain literals and classes
# lets the engine skip along by first character, three times faster on a letter.) The words and the
# digits are scanned apart and the hits merged in text order (``_prefilter_hits``): in one
# alternation the engine tried the words at every digit and the digits at every "o", "e" and "a".
# Neither kind of hit can overlap the other (letters against digits), so the hits are the same.
_PREFILTER_WORDS_RE = re.compile("ASC|Codification|opic|ection|aragraph|\u00b6")
_PREFILTER_DIGITS_RE = re.compile(rf"\d\d\d{DASH}")
# Where a trigger can start, relative to the prefilter hit: "FASB ASC", "Topic"/"Subtopic", ...
_BACKUP = {"opic": (1, 4), "ection": (1,), "aragraph": (1,), "\u00b6": (0,)}
_FASB_BEFORE_RE = re.compile(r"FASB[ \t]+\Z")
# After "ASC": an optional hyphen ("ASC-250-10-50-7") and level word ("ASC Topic 718",
# "FASB ASC paragraph 932-235-50-28", "ASC Topics 606 and 840").
_AFTER_ASC_RE = re.compile(
    rf"[ \t]{{0,2}}{DASH}?{GAP}(?:(?P<word>[Tt]opics?|[Ss]ubtopics?|[Ss]ections?|[Pp]aragraphs?)\s{{1,3}})?"
)
# After "Accounting Standards Codification": '(“ASC”)' and a level word, then the code:
#   "Accounting Standards Codification (“ASC”) 740", "... (“ASC”) Topic 944", "Codification 280".
_AFTER_CODIF_RE = re.compile(
    r"\s{0,3}(?:\(\s{0,3}[\"\u201c\u201d]?\s{0,3}ASC\s{0,3}[\"\u201c\u201d]?\s{0,3}\)\s{0,3})?"
    r"(?:(?P<word>[Tt]opics?|[Ss]ubtopics?|[Ss]ections?)\s{1,3})?"
)
_AFTER_WORD_RE = re.compile(rf"[ \t]{{0,2}}{GAP}")


def _after_word(text: str, at: int) -> int:
    """Where the code after a level word starts (the gap pattern can match nothing, so it always matches)."""
    m = _AFTER_WORD_RE.match(text, at)
    return m.end() if m is not None else at
# "SAB Topic 13", "Staff Accounting Bulletin Topic 11 (L)", "SAB Topic 1.M" are Staff Accounting
# Bulletin topics (guidance), not the Codification. Their numbers are too small for an ASC topic
# anyway; this look-back makes the reason explicit.
_SAB_BEFORE_RE = re.compile(r"(?:SAB|Bulletin|Bulletins|SAB No\. \d{1,3})[ \t\n]{1,3}\Z")
# "paragraph 10 of ASC 985-605-25", "paragraphs 2 through 4 of ASC 805-30-25",
# "paragraphs 25-19 to 25-22 of ASC 606-10": the local numbers before " of ".
_LOCAL_RE = re.compile(rf"(?:(?P<sec>{SECTION}){DASH})?(?P<par>{PARAGRAPH})(?![\d{_DASHES}])")
_OF_RE = re.compile(
    r"\s{1,3}of\s{1,3}(?:the\s{1,3})?(?:FASB\s{1,3})?"
    r"(?:ASC|Accounting\s+Standards?\s+Codification)?[ \t]{0,2}(?:(?:Sub)?[Tt]opic\s|Section\s)?\s{0,3}"
)
# A bare range end or list item: "-32", "-11", "19", "91" (a paragraph of the current section).
_LONE_PAR_RE = re.compile(rf"(?P<dash>{DASH}[ \t]?)?(?P<par>{PARAGRAPH})(?![\d{_DASHES}])")


@dataclass
class _Read:
    """What one citation yielded while it is being read: refs in order, markers, flags."""

    refs: dict[str, None] = field(default_factory=dict)  # an ordered set
    markers: list[tuple[str, str]] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    def add(self, code: str) -> None:
        self.refs.setdefault(code, None)

    def flag(self, why: str) -> None:
        if why not in self.flags:
            self.flags.append(why)


# ---------------------------------------------------------------------------------------------
# Reading codes.


def _blocks(text: str, pos: int, limit: int = 6) -> list[tuple[str, int, int]]:
    """The hyphen-joined blocks starting at ``pos``: (block, start, end), at most ``limit``."""
    out: list[tuple[str, int, int]] = []
    m = _BLOCK_RE.match(text, pos)
    while m and len(out) < limit:
        out.append((m.group(), m.start(), m.end()))
        j = _JOIN_RE.match(text, m.end())
        if j is None:
            break
        m = _BLOCK_RE.match(text, j.end())
    return out


def _split_code(blocks: list[str], repair: bool) -> tuple[list[str], int, bool]:
    """Read blocks as topic, subtopic, section, paragraph: (parts, blocks used, repaired).

    With ``repair``, a block that lost its hyphen is split where the shape is certain: a
    5-digit first block is topic + subtopic ("36010-45-9"); a 4-digit second block is
    subtopic + section ("360-1035-21", "205-2045-3A"); a third block of 3 or more digits is
    section + paragraph ("280-10-5029", "944-40-504H", "250-10-S996"). The first two splits need
    more code after them, since a lone "ASC 36010" or "360-1035" could be anything.
    """
    parts: list[str] = []
    owner: list[int] = []  # the block each part came from
    split: set[int] = set()
    for i, b in enumerate(blocks):
        level, more = len(parts), i + 1 < len(blocks)
        if level >= 4:
            break
        if _WHOLE[level](b):
            pieces = [b]
        elif repair and level == 0 and more and _IS_MERGED_TOPIC(b):
            pieces = [b[:3], b[3:]]
        elif repair and level == 1 and more and _IS_MERGED_SUBTOPIC(b):
            pieces = [b[:2], b[2:]]
        elif repair and level == 2 and _IS_MERGED_SECTION(b):
            cut = 3 if b[0] == "S" else 2  # "ASC 250-10-S996": S99-6
            pieces = [b[:cut], b[cut:]]
        else:
            break
        if len(pieces) == 2:
            split.add(i)
        parts += pieces
        owner += [i] * len(pieces)
    # Drop whole blocks from the end until the rest is valid ("ASC 100-10" is no code at all).
    while parts and not valid_parts(*parts):
        gone = owner.pop()
        parts.pop()
        while owner and owner[-1] == gone:
            owner.pop()
            parts.pop()
    if not parts:
        return [], 0, False
    used = owner[-1] + 1
    return parts, used, any(i in split for i in owner)


def _expand(start: list[str], end_sec: str, end_par: str, read: _Read) -> None:
    """Add the paragraphs from ``start`` (four parts) to ``end_sec``-``end_par`` to ``read``."""
    head = "-".join(start[:2])
    sec, par = start[2], start[3]
    first, last = f"{head}-{sec}-{par}", f"{head}-{end_sec}-{end_par}"
    if not valid_parts(start[0], start[1], end_sec, end_par):
        read.add(first)
        return
    if end_sec != sec:
        # "25-1 through 30-2": the paragraphs between two sections are unknown; keep the ends.
        read.add(first)
        read.add(last)
        return
    n0, l0 = int(par.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")), par.lstrip("0123456789")
    n1, l1 = int(end_par.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")), end_par.lstrip("0123456789")
    if (n1, l1) < (n0, l0):
        read.add(first)
        read.add(last)
        read.flag("range runs backwards: kept the two ends")
        return
    if n1 - n0 > MAX_RANGE:
        read.add(first)
        read.add(last)
        read.flag("range too long: kept the two ends")
        return
    if n0 == n1:
        if not l1:
            # "25-1 through 25-1": a range of one paragraph (it raised TypeError on ord("")).
            read.add(first)
            return
        # "50-4A through 50-4D": by letter; "4 through 4C" starts at the plain number.
        a = ord(l0) if l0 else ord("A") - 1
        for c in range(a, ord(l1) + 1):
            read.add(f"{head}-{sec}-{n0}{chr(c) if c >= ord('A') else ''}")
        return
    read.add(first)
    for n in range(n0 + 1, n1 + 1):
        read.add(f"{head}-{sec}-{n}")
    read.add(last)


# ---------------------------------------------------------------------------------------------
# Reading one citation from a trigger.


class _Reader:
    """Reads one citation forward from a position; ``end`` is where the mention stops."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.read = _Read()
        self.end = 0
        self.last: list[str] = []  # the parts of the code read last (for shorthand)

    def code(self, pos: int, min_parts: int, repair: bool) -> bool:
        """Read a code at ``pos`` with at least ``min_parts`` parts, then its tail."""
        blocks = _blocks(self.text, pos)
        parts, used, repaired = _split_code([b for b, _, _ in blocks], repair)
        if len(parts) < min_parts:
            return False
        self.read.add("-".join(parts))
        self.last = parts
        self.end = blocks[used - 1][2]
        if repaired:
            self.read.flag("missing hyphen repaired")
        rest = blocks[used:]
        if len(parts) == 4 and rest:
            self._hyphen_range(rest)
        self._subparas()
        return True

    def _hyphen_range(self, rest: list[tuple[str, int, int]]) -> None:
        """"ASC 606-10-25-19-22": a hyphen after a paragraph runs to the next block(s)."""
        if len(rest) >= 2 and _IS_SECTION(rest[0][0]) and _IS_PARAGRAPH(rest[1][0]):
            _expand(self.last, rest[0][0], rest[1][0], self.read)
            self.end = rest[1][2]
            self.last = self.last[:2] + [rest[0][0], rest[1][0]]
        elif _IS_PARAGRAPH(rest[0][0]) and not _UNIT_RE.match(self.text, rest[0][2]):
            _expand(self.last, self.last[2], rest[0][0], self.read)
            self.end = rest[0][2]
            self.last = self.last[:3] + [rest[0][0]]

    def _subparas(self) -> None:
        """Markers after a paragraph ("(a)(1)", "2bbb", "(c) through (d)") go to ``detail``."""
        if len(self.last) < 4:
            return
        m = _SUBPARA_RE.match(self.text, self.end)
        if m is None:
            return
        stop = m.end()
        more = _MORE_SUBPARA_RE.match(self.text, stop)
        while more is not None:
            stop = more.end()
            more = _MORE_SUBPARA_RE.match(self.text, stop)
        marker = " ".join(self.text[m.start():stop].split())
        self.read.markers.append(("-".join(self.last), marker))
        self.end = stop

    def tail(self, topics: bool) -> None:
        """Ranges and lists after the first code, as long as they continue."""
        while True:
            if len(self.last) == 4 and self._range():
                continue
            if self._list_item(topics):
                continue
            return

    def _range(self) -> bool:
        m = _RANGE_WORD_RE.match(self.text, self.end)
        if m is None:
            return False
        pos = m.end()
        p = _REPEAT_PREFIX_RE.match(self.text, pos)
        if p is not None:
            pos = p.end()
        start = self.last
        blocks = _blocks(self.text, pos, limit=4)
        names = [b for b, _, _ in blocks]
        if len(names) >= 3 and _IS_TOPIC(names[0]):
            # A full end: "25-6 through ASC 718-10-25-19".
            parts, used, _ = _split_code(names, repair=False)
            if len(parts) < 4:
                return False
            if parts[:2] == start[:2]:
                _expand(start, parts[2], parts[3], self.read)
            else:
                self.read.add("-".join(start))
                self.read.add("-".join(parts))
            self.last, self.end = parts, blocks[used - 1][2]
        elif len(names) >= 2 and _IS_SECTION(names[0]) and _IS_PARAGRAPH(names[1]):
            # "25-19 to 25-22", "55-3A through 55-3C".
            _expand(start, names[0], names[1], self.read)
            self.last, self.end = start[:2] + names[:2], blocks[1][2]
        elif (len(names) == 1 and not _IS_PARAGRAPH(names[0])
              and names[0].startswith(start[2])
              and _IS_PARAGRAPH(names[0][len(start[2]):])):
            # "ASC 280-10-50-28A through 5028C": the end lost its hyphen; it repeats the section.
            end_par = names[0][len(start[2]):]
            _expand(start, start[2], end_par, self.read)
            self.read.flag("missing hyphen repaired")
            self.last, self.end = start[:3] + [end_par], blocks[0][2]
        elif p is not None and "ASC" in p.group():
            return False  # "from ASC 605-10-25-1 to ASC 606": a new citation, not a range end
        else:
            lone = _LONE_PAR_RE.match(self.text, pos)
            if lone is None or _UNIT_RE.match(self.text, lone.end()):
                return False
            # "through 91", "through -32".
            _expand(start, start[2], lone.group("par"), self.read)
            self.last, self.end = start[:3] + [lone.group("par")], lone.end()
        self._subparas()
        return True

    def _list_item(self, topics: bool) -> bool:
        m = _LIST_WORD_RE.match(self.text, self.end)
        if m is None:
            return False
        pos = m.end()
        blocks = _blocks(self.text, pos, limit=6)
        names = [b for b, _, _ in blocks]
        level = len(self.last)
        if names and _IS_TOPIC(names[0]) and (len(names) >= 2 or topics):
            # Another full code: "ASC 330-10-30-1 and 340-40-25-7", "ASC Topics 606 and 840".
            # A lone number is a topic only after "Topics", and a listed code needs a valid
            # subtopic: in "File No. 333-210102" the 333 is no topic (preventive guards).
            return self.code(pos, 1 if topics else 2, repair=False)
        if level >= 3 and len(names) >= 2 and _IS_SECTION(names[0]) and _IS_PARAGRAPH(names[1]):
            # Shorthand within the subtopic: "ASC 606-10-25-19 and 25-21", "50-3 and 50-4".
            parts = self.last[:2] + names[:2]
            if not valid_parts(*parts):
                return False
            self.read.add("-".join(parts))
            self.last, self.end = parts, blocks[1][2]
            rest = blocks[2:]
            if rest:
                self._hyphen_range(rest)
            self._subparas()
            return True
        if level == 4:
            lone = _LONE_PAR_RE.match(self.text, pos)
            if lone is None or _UNIT_RE.match(self.text, lone.end()):
                return False
            # "ASC 280-10-50-1, 50-10 and -11", "ASC 606-10-50-18 or 19".
            parts = self.last[:3] + [lone.group("par")]
            self.read.add("-".join(parts))
            self.last, self.end = parts, lone.end()
            self._subparas()
            return True
        return False

    def locals_of(self, pos: int) -> bool:
        """"paragraphs 2 through 4 of ASC 805-30-25", "paragraph 10 of ASC 985-605-25"."""
        items: list[tuple[str, str, str]] = []  # (section or "", paragraph, joiner before it)
        joiner = ""
        while len(items) < 12:
            m = _LOCAL_RE.match(self.text, pos)
            if m is None or _UNIT_RE.match(self.text, m.end()):
                return False
            items.append((m.group("sec") or "", m.group("par"), joiner))
            pos = m.end()
            r = _RANGE_WORD_RE.match(self.text, pos)
            w = _LIST_WORD_RE.match(self.text, pos)
            if r is not None and _LOCAL_RE.match(self.text, r.end()):
                joiner, pos = "range", r.end()
            elif w is not None and _LOCAL_RE.match(self.text, w.end()):
                joiner, pos = "list", w.end()
            else:
                break
        of = _OF_RE.match(self.text, pos)
        if of is None:
            return False
        blocks = _blocks(self.text, of.end(), limit=3)
        parts, used, _ = _split_code([b for b, _, _ in blocks], repair=False)
        # A bare paragraph needs a section ("of ASC 805-30-25"); "25-19" needs a subtopic.
        need = 3 if not items[0][0] else 2
        if len(parts) != need or any(bool(sec) != (need == 2) for sec, _, _ in items):
            return False
        fulls = [parts[:2] + [sec or parts[2], par] for sec, par, _ in items]
        if not all(valid_parts(*full) for full in fulls):
            return False
        prev: list[str] = []
        for full, (_, _, how) in zip(fulls, items):
            if how == "range" and prev:
                _expand(prev, full[2], full[3], self.read)
            else:
                self.read.add("-".join(full))
            prev = full
        self.last, self.end = prev, blocks[used - 1][2]
        return True


# ---------------------------------------------------------------------------------------------
# The public function.


def find(text: str) -> list[Mention]:
    """Every Codification citation in ``text``, in text order, as ``Mention``s of kind "asc".

    >>> [m.refs for m in find("See ASC 350-20-35-28 through -30 and Topic 842.")]
    [('350-20-35-28', '350-20-35-29', '350-20-35-30'), ('842',)]
    """
    out: list[Mention] = []
    taken = 0
    for t in _triggers(text, lambda: taken):
        if t.start() < taken:
            continue
        r = _Reader(text)
        start = t.start()
        kind = t.lastgroup
        ok = False
        topics = False
        if kind == "asc":
            a = _AFTER_ASC_RE.match(text, t.end())
            assert a is not None  # it can match nothing, so it always matches
            word = (a.group("word") or "").lower()
            if word.startswith("paragraph") and r.locals_of(a.end()):
                ok = True
            else:
                topics = word == "topics"
                ok = r.code(a.end(), _min_parts(word), repair=True)
        elif kind == "codif":
            a = _AFTER_CODIF_RE.match(text, t.end())
            assert a is not None  # it can match nothing, so it always matches
            word = (a.group("word") or "").lower()
            topics = word == "topics"
            ok = r.code(a.end(), _min_parts(word), repair=True)
        elif kind == "level":
            word = t.group().lower()
            if word.startswith("topic") and _SAB_BEFORE_RE.search(text, max(0, start - 30), start):
                continue
            topics = word == "topics"
            ok = r.code(_after_word(text, t.end()), _min_parts(word), repair=True)
        elif kind == "para":
            pos = _after_word(text, t.end())
            ok = r.locals_of(pos) or r.code(pos, 3, repair=True)
        else:  # a bare code of three or four parts
            ok = r.code(t.start(), 3, repair=False)
        if not ok:
            continue
        r.tail(topics)
        taken = r.end
        out.append(_mention(text, start, r))
    return out


def _prefilter_hits(text: str) -> Iterator[re.Match[str]]:
    """The prefilter's hits in text order: word hits and digit hits, merged."""
    return heapq.merge(_PREFILTER_WORDS_RE.finditer(text), _PREFILTER_DIGITS_RE.finditer(text), key=_start)


def _start(m: re.Match[str]) -> int:
    return m.start()


def _triggers(text: str, taken: Callable[[], int]) -> Iterator[re.Match[str]]:
    """The matches of ``_TRIGGER_RE`` in text order, tried only where the prefilter hits.

    ``taken()`` says where the last mention ended; hits before it are not tried at all.
    """
    for hit in _prefilter_hits(text):
        h, lit = hit.start(), hit.group()
        if lit[0].isdigit():  # three digits and a dash: the hit is the dash, as before
            h = hit.end() - 1
        if h < taken():
            continue
        if lit == "Codification":
            a = text.rfind("Accounting", max(0, h - 40), h)
            starts: tuple[int, ...] = (a,) if a >= 0 else ()
        elif lit == "ASC":
            fasb = _FASB_BEFORE_RE.search(text, max(0, h - 10), h)
            starts = (fasb.start(), h) if fasb else (h,)
        elif lit in _BACKUP:
            starts = tuple(h - b for b in _BACKUP[lit])
        else:  # a dash after three digits: a bare code starts at the digits
            starts = (h - 3,)
        for s in starts:
            if s >= 0:
                m = _TRIGGER_RE.match(text, s)
                if m is not None:
                    yield m
                    break


def _min_parts(word: str) -> int:
    """How deep a code must be after a level word.

    "Section 220 of the DGCL" and "Section 22 of the Securities Act" (in the letters) are not the
    Codification: a Codification section has three parts, so "Section" needs three. "Subtopic"
    needs two; "Topic" and "ASC" one.
    """
    if word.startswith("section"):
        return 3
    if word.startswith("subtopic"):
        return 2
    if word.startswith("paragraph"):
        return 3
    return 1


def _mention(text: str, start: int, r: _Reader) -> Mention:
    """Package what the reader found; ``detail`` names the code when there are several."""
    read = r.read
    if len(read.markers) == 1 and len(read.refs) == 1:
        detail = read.markers[0][1]
    else:
        detail = "; ".join(f"{code} {marker}" for code, marker in read.markers)
    return Mention(
        kind=KIND,
        start=start,
        end=r.end,
        text=text[start:r.end],
        refs=tuple(read.refs),
        detail=detail,
        flags=tuple(read.flags),
    )
