"""Running page headers of letters converted from PDF (and printed HTML), found and blanked out.

A staff letter converted by pdftotext repeats, at the top of every page after the first, the
addressee, the company and the date from the letter's head, then "Page N"::

    \\fDidier Hirsch
    Agilent Technologies, Inc.
    September 14, 2016
    Page 2

Letters made from EDGAR's newer template also carry the template's field labels, sometimes in a
tidy block ("FirstName LastNameMark Kempa / Comapany NameNorwegian Cruise Line Holdings Ltd. /
August 29, 2018 Page 2 / FirstName LastName") and sometimes scrambled word by word. Responses
converted from HTML have their own ("Securities and Exchange Commission / June 3, 2022 / Page 3").
Such a header can fall in the middle of a sentence or of a citation ("ASC 606-10-" at the end of one
page, "25-19" at the top of the next).

:func:`mask_running_headers` replaces those lines by spaces, keeping every newline and form feed, so
the text keeps its length, every character offset stays valid, and a citation split by a header
reads through with only whitespace between its pieces. The module uses the standard library only.

>>> text = "see ASC 606-10-\\n\\fDidier Hirsch\\nAgilent Technologies, Inc.\\nMay 1, 2016\\nPage 2\\n25-19."
>>> masked = mask_running_headers("Didier Hirsch\\nAgilent Technologies, Inc.\\nMay 1, 2016\\n" + text)
>>> " ".join(masked.split())[-22:]
'see ASC 606-10- 25-19.'
"""

from __future__ import annotations

from typing import Any

import bisect
import re
from collections import Counter
from collections.abc import Callable
from itertools import accumulate

__all__ = ["mask_running_headers", "page_header_spans"]

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_DATE = rf"{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}"
#: "Page 2", "Page 1 of 5": the anchor of a running header, alone on its line.
_PAGE_LINE = re.compile(r"Page\s+\d{1,3}(?:\s+of\s+\d{1,3})?")
#: html2text and scrambled pdftotext break "Page" and its number onto two lines ("Page" / "2").
_PAGE_WORD = re.compile(r"Page")
_NUMBER = re.compile(r"\d{1,3}(?:\s+of\s+\d{1,3})?")
#: One-line headers: "August 29, 2018 Page 2", "2 2019 Page 2" (scrambled), and the markdown
#: conversion of the 2011 letter, "Mr. Stephen R. Head Interactive Intelligence Group, Inc.
#: December 19, 2011 Page 2", whose prefix must consist of words of the letter's head.
_DATE_PAGE = re.compile(rf"(?P<pre>.{{0,150}}?)(?:\b{_DATE}|\b\d{{1,2}}\s+\d{{4}})\s+Page\s+\d{{1,3}}")
_DATE_LINE = re.compile(rf"<?{_DATE}>?")
#: Pieces of a date broken over lines by pdftotext or html2text: "November 17," / "2020", "June".
_DATE_PART = re.compile(
    rf"{_MONTH}(?:\s+\d{{1,2}},?)?|\d{{1,2}},?(?:\s+\d{{4}})?|\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}"
)
#: The field labels of EDGAR's letter template, as pdftotext extracts them ("Comapany" sic).
_TEMPLATE = re.compile(r"FirstName|LastName|Comapany")
_TEMPLATE_WORDS = re.compile(r"FirstName|LastName|Comapany|Company|Name")
#: Lines of a letter's head that also recur in its body and are no header: the "Re:" block repeats
#: "Form 10-K for the Fiscal Year Ended December 31, 2015" as a section heading in the body.
_NOT_HEADER = re.compile(
    r"^(?:Re\b|Form\b|Forms\b|File\b|Filed\b|Dear\b|Definitive|Registration|Amendment|Schedule|Response"
    r"|Comment|Note\b|Item\b)|Fiscal|Quarter|Period\s+Ended|Year\s+Ended",
    re.I,
)
#: Sentences are no header, even when a response repeats them above two page numbers: "for an
#: example of the Company's planned disclosure." (1811074_0001104659-25-098757) and the bullets
#: "Add a column identifying ... for each property." (831259_0000831259-22-000030).
_PROSE = re.compile(r"^[a-z\u2022\uf0b7\-]|\b[a-z]{2,}[.;:]$|^(?:Add|Please|We|The Company)\b")
#: At most this many non-blank lines above "Page N" belong to its header.
_MAX_HEADER_LINES = 6
#: The letter's head (address block) lies within its first lines.
_HEAD_LINES = 60
#: A template block ("FirstName ..." to "FirstName LastName") spans at most this many lines.
_MAX_TEMPLATE_LINES = 25


def _norm(line: str) -> str:
    """A line compared as header text: no markdown emphasis, single spaces."""
    return " ".join(line.replace("*", " ").replace("#", " ").split())


class _Norm:
    """Each line's text as ``_norm`` gives it, made when first asked for: most lines of a letter
    are never looked at (only those near a "Page N", in the head or on a page's top are)."""

    def __init__(self, text: str) -> None:
        # The replacements of _norm done once over the whole text; str.split() takes a form feed
        # for a blank, so the leading form feeds that line spans leave out need no care.
        self.raw = text.replace("*", " ").replace("#", " ").split("\n")
        self._made: list[Any] = [None] * len(self.raw)  # each line once made (None: not yet)
        self._all: list[str] | None = None

    def __len__(self) -> int:
        return len(self.raw)

    def __getitem__(self, i: int) -> str:
        n = self._made[i]
        if n is None:
            n = self._made[i] = " ".join(self.raw[i].split())
        return n

    def upto(self, end: int) -> list[str]:
        """The first ``end`` lines."""
        return [self[i] for i in range(min(end, len(self.raw)))]

    def every(self) -> list[str]:
        """All lines."""
        if self._all is None:
            self._all = self._made = [" ".join(line.split()) for line in self.raw]
        return self._all


class _Lines:
    """The text's lines (content spans without the newline or a leading form feed) and what the
    letter's head says, which running headers repeat.

    Built for every letter with a "Page" in it, so built cheaply: the markdown emphasis is blanked
    in the whole text at once, and the count of each line's text is made only when asked for.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.norm = _Norm(text)
        # The blanking in _Norm keeps every line's length, so its lines give the offsets.
        self.starts = list(accumulate((len(r) + 1 for r in self.norm.raw), initial=0))
        self._count: Counter[str] | None = None
        if "\f" in text:
            self.page_start = [
                line.startswith("\f") or (pos > 0 and text[pos - 1] == "\f")
                for pos, line in zip(self.starts, self.norm.raw)
            ]
        else:
            self.page_start = [False] * len(self.norm.raw)
        # A line's text holds a field label only if the letter does (the label has no blank or
        # markdown character in it that _norm could change).
        self.has_template = _TEMPLATE.search(text) is not None

    def span(self, i: int) -> tuple[int, int]:
        """Line ``i``'s content: from after its leading form feeds to before its newline."""
        start, end = self.starts[i], self.starts[i + 1] - 1
        line = self.norm.raw[i]
        return start + len(line) - len(line.lstrip("\f")), end

    @property
    def count(self) -> Counter[str]:
        """How often each non-blank line text occurs in the letter."""
        if self._count is None:
            self._count = Counter(n for n in self.norm.every() if n)
        return self._count

    def __len__(self) -> int:
        return len(self.norm)

    def lines_with(self, word: str) -> list[int]:
        """The indexes of the lines that hold ``word``, in order (a word has no newline in it)."""
        out: list[int] = []
        pos = self.text.find(word)
        while pos >= 0:
            i = bisect.bisect_right(self.starts, pos) - 1
            if not out or out[-1] != i:
                out.append(i)
            pos = self.text.find(word, pos + 1)
        return out

    def page_starts(self) -> list[int]:
        """The indexes of the lines that start a page (after a form feed)."""
        return [i for i, start in enumerate(self.page_start) if start] if "\f" in self.text else []


def _is_page_anchor(lines: _Lines, i: int, vocab: Callable[[], set[str]]) -> int:
    """If line ``i`` is (the start of) a "Page N" anchor, the index of its last line, else -1."""
    n = lines.norm[i]
    if "Page" not in n or len(n) > 250:
        return -1
    if _PAGE_LINE.fullmatch(n):
        return i
    if _PAGE_WORD.fullmatch(n) and i + 1 < len(lines) and _NUMBER.fullmatch(lines.norm[i + 1]):
        # "Page" / "1" / "of 5" in an html2text response
        if i + 2 < len(lines) and re.fullmatch(r"of\s+\d{1,3}", lines.norm[i + 2]):
            return i + 2
        return i + 1
    m = _DATE_PAGE.fullmatch(n)
    if m and _segments(_TEMPLATE_WORDS.sub(" ", m["pre"]), vocab()):
        return i
    return -1


_NUMBER_PIECE = re.compile(r"\d{1,4}[,.]?|[,.;:()/-]")
#: Longest header word looked up (longer words are not kept in the vocabulary).
_MAX_WORD = 40


def _segments(s: str, vocab: set[str]) -> bool:
    """True if ``s`` without its spaces is a run of words of ``vocab`` and numbers: the test for the
    scrambled template lines pdftotext glues together ("Inc.Zaramella", "29, NameONEOK,")."""
    s = "".join(s.split())
    if not s:
        return True
    if len(s) > 150:
        return False
    reach = [False] * (len(s) + 1)
    reach[0] = True
    for pos in range(len(s)):
        if not reach[pos]:
            continue
        m = _NUMBER_PIECE.match(s, pos)
        if m:
            reach[m.end()] = True
        for end in range(pos + 1, min(len(s), pos + _MAX_WORD) + 1):
            if s[pos:end] in vocab:
                reach[end] = True
    return reach[len(s)]


def _header_words(n: str, vocab: set[str]) -> bool:
    """True for a line made of header words, dates and page numbers. Numbers alone count only as a
    date or page piece ("2", "2022", "25, 2019"): the "7." of a comment pdftotext dropped into a
    scrambled block in 1964738_0000000000-24-001399 stays."""
    if not n:
        return False
    if not re.search(r"[A-Za-z]", n) and not _DATE_PART.fullmatch(n):
        return False
    return _segments(_TEMPLATE_WORDS.sub(" ", n), vocab)


def _vocabulary(lines: _Lines, head_end: int) -> set[str]:
    """Words a header may consist of: those of the letter's head and of its template field lines."""
    words: set[str] = {"Page", "Mr.", "Ms.", "Mrs."}
    sources = lines.norm.upto(head_end)
    if lines.has_template:
        sources += [_TEMPLATE_WORDS.sub(" ", n) for n in lines.norm.every() if _TEMPLATE.search(n)]
    for source in sources:
        for word in source.split():
            for variant in (word, word.strip(",.;:")):
                if (len(variant) > 1 or variant.isalnum()) and len(variant) <= _MAX_WORD:
                    words.add(variant)
    return words


def page_header_spans(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` character spans of the running page headers and footers in ``text``.

    Each span runs from the first character of a header's first line to the end of its last line
    (newlines inside a span are not part of the header and stay when it is masked).
    """
    if "Page" not in text and "FirstName" not in text and "\f" not in text:
        return []
    lines = _Lines(text)
    # The head: the letter's lines before its first "Dear" (the address block and the Re: block).
    head_end = next((i for i, n in enumerate(lines.norm.upto(_HEAD_LINES)) if n.startswith("Dear ")),
                    min(_HEAD_LINES, len(lines)))
    head = {n for n in lines.norm.upto(head_end) if n and len(n) <= 100 and not _NOT_HEADER.search(n)}
    # The header vocabulary is needed only for a "date ... Page N" line or a template block.
    vocab_made: list[set[str]] = []

    def vocab() -> set[str]:
        if not vocab_made:
            vocab_made.append(_vocabulary(lines, head_end))
        return vocab_made[0]

    # Only a line with "Page" in it can be an anchor: those lines, in order, and after an anchor
    # of several lines on from its last.
    anchors = []
    after = 0
    for i in lines.lines_with("Page"):
        if i < after:
            continue
        last = _is_page_anchor(lines, i, vocab)
        if last >= 0:
            anchors.append((i, last))
            after = last + 1
    # Lines that stand above two or more anchors are header lines however the head was written
    # ("Securities and Exchange Commission" above every "Page N" of a response).
    in_anchor = {k for first, last in anchors for k in range(first, last + 1)}
    above: Counter[str] = Counter()
    for first, _ in anchors:
        for j in _lines_above(lines, first):
            if j not in in_anchor:
                above[lines.norm[j]] += 1
    repeated = {n for n, c in above.items() if c >= 2 and not _NOT_HEADER.search(n)}

    def header_like(j: int) -> bool:
        n = lines.norm[j]
        if not n or len(n) > 100 or j in in_anchor:
            return False
        if _DATE_LINE.fullmatch(n):
            return True
        if _DATE_PART.fullmatch(n):
            return True
        if _PROSE.search(n) or len(n.split()) > 14:
            return False
        return n in repeated or (n in head and lines.count[n] >= 2)

    masked: set[int] = set()
    for first, last in anchors:
        top = first
        # Above "Page 1" is the letter's own head (1037540_0001656423-18-000022), not a header.
        first_page = re.search(r"Page\s+1\b(?!\d)", " ".join(lines.norm[k] for k in range(first, last + 1)))
        for j in [] if first_page else _lines_above(lines, first):
            if not header_like(j):
                break
            top = j
            if lines.page_start[j]:
                break
        masked.update(range(top, last + 1))
    for i in lines.page_starts():
        if i not in masked:
            masked.update(_headless_page_top(lines, i, header_like))
    if lines.has_template:
        masked.update(_template_lines(lines, vocab()))
    return _spans(lines, sorted(masked))


def _lines_above(lines: _Lines, first: int) -> list[int]:
    """The non-blank lines above line ``first`` that may belong to its header, nearest first,
    stopping after a page's first line."""
    out: list[int] = []
    j = first - 1
    if lines.page_start[first]:
        return out
    while j >= 0 and len(out) < _MAX_HEADER_LINES:
        if lines.norm[j]:
            out.append(j)
            if lines.page_start[j]:
                break
        j -= 1
    return out


def _headless_page_top(lines: _Lines, i: int, header_like) -> list[int]:
    """The header lines at the top of page ``i`` when it has no "Page N" (addressee, company, date:
    1701605_0000000000-18-030596 has "Mr. Brian Worrell / Baker Hughes, a GE company / September 27,
    2018" and then the body). Counted only when they end with a date."""
    taken: list[int] = []
    j = i
    while j < len(lines) and len(taken) < 4:
        if lines.norm[j]:
            if not header_like(j):
                break
            taken.append(j)
            if _DATE_LINE.fullmatch(lines.norm[j]):
                return list(range(i, j + 1))
        j += 1
    return []


def _template_lines(lines: _Lines, vocab: set[str]) -> set[int]:
    """The lines of EDGAR template blocks: from a line with a field label to the closing
    "FirstName LastName", every line made only of labels, header words, dates and "Page N".
    Body text pdftotext interleaved into a block (1051470_0000000000-24-003517) stays."""
    out: set[int] = set()
    i = 0
    while i < len(lines):
        if not _TEMPLATE.search(lines.norm[i]):
            i += 1
            continue
        end = i
        for k in range(i + 1, min(len(lines), i + _MAX_TEMPLATE_LINES)):
            if lines.norm[k] == "FirstName LastName":
                end = k
                break
        for k in range(i, end + 1):
            if _TEMPLATE.search(lines.norm[k]) or _header_words(lines.norm[k], vocab):
                out.add(k)
        # The addressee's name pdftotext puts on the page's first line, above the block.
        above: list[int] = []
        for j in range(i - 1, max(-1, i - 4), -1):
            if lines.page_start[j + 1] and j + 1 < i or lines.norm[j] and not _header_words(lines.norm[j], vocab):
                break
            above.append(j)
            if lines.page_start[j]:
                out.update(above)
                break
        i = end + 1
    return out


def _spans(lines: _Lines, masked: list[int]) -> list[tuple[int, int]]:
    """Merge masked lines that follow each other (blank lines between them included) into spans."""
    spans: list[tuple[int, int]] = []
    prev = -2
    for i in masked:
        start, end = lines.span(i)
        if spans and all(not lines.norm[k] for k in range(prev + 1, i)):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
        prev = i
    return [(s, e) for s, e in spans if e > s]


def mask_running_headers(text: str) -> str:
    """``text`` with its running page headers replaced by spaces: same length, same offsets, every
    newline and form feed kept, so a citation broken by a header reads through."""
    spans = page_header_spans(text)
    if not spans:
        return text
    out: list[str] = []
    pos = 0
    for start, end in spans:
        out.append(text[pos:start])
        out.append(re.sub(r"[^\n\f]", " ", text[start:end]))
        pos = end
    out.append(text[pos:])
    return "".join(out)
