"""Shared reading aids for the anatomy parsers: lines with offsets, the head/foot landmarks, names.

The letters come as pdftotext output (staff letters: hard-wrapped lines, running page headers),
html2text output (responses: one paragraph per line, or a whole letter on one line, with stray
table bars "|") and markdown (a few converted PDFs: "**Re:**", "## Via E-mail"). Everything here
keeps offsets into the text it was given. Standard library only.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from operator import add

# --- lines ---------------------------------------------------------------------------------------
# Markup that converters leave around a line's words: markdown bold/heading/bullet marks and
# html2text's table bars ("|Re:", "|/s/ Earl C. Shanks").
_MARKUP = re.compile(r"\*\*|__|^\s*#{1,6}\s+|^\s*[-*+]\s+(?=\S)|\|")
# The same over a passage of many lines at once: blanks that stay within a line.
_MARKUP_LINES = re.compile(r"\*\*|__|^[^\S\n]*#{1,6}[^\S\n]+|^[^\S\n]*[-*+][^\S\n]+(?=\S)|\|", re.MULTILINE)
# Speed: the line-start alternatives above keep the engine from skipping to the next "*", "_" or
# "|", so it tries every offset. They need a line that opens (after blanks) with "#", "-", "*" or
# "+"; where none does, the alternatives left are these, which the engine scans for fast.
_INLINE_MARKUP = re.compile(r"\*\*|__|\|")
_LEAD_MARK = re.compile(r"\s*[#*+\-]")  # where _MARKUP's anchored alternatives may match
_LINE_MARK = re.compile(r"[^\S\n]*[#*+\-]")  # ... _MARKUP_LINES's, on the first line
_LINE_MARK_NL = re.compile(r"\n[^\S\n]*[#*+\-]")  # ... on a later line


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the text: its offsets and its words with converter markup removed."""

    start: int
    end: int
    clean: str


def clean(s: str) -> str:
    """``s`` without markdown/html2text markup, blanks collapsed ("**Filed March 16, 2011** " -> ...)."""
    if _LEAD_MARK.match(s):
        s = _MARKUP.sub(" ", s)
    elif "*" in s or "|" in s or "_" in s:  # none of _MARKUP's anchored alternatives can match
        s = _INLINE_MARKUP.sub(" ", s)
    return " ".join(s.replace("\u00a0", " ").split())


class LineIndex:
    """The lines of a text by offset, each cleaned only when asked for (most never are).

    A letter has hundreds of lines and the parsers look at a few dozen of them; cleaning every
    line up front was a third of the parse time.
    """

    __slots__ = ("text", "starts", "ends", "_clean")

    def __init__(self, text: str) -> None:
        self.text = text
        parts = text.split("\n")
        # offsets summed in C (accumulate, map): a Python loop over the lines was the cost
        before = accumulate(map(len, parts), initial=0)
        self.starts = list(map(add, before, range(len(parts))))
        self.ends = list(map(add, self.starts, map(len, parts)))
        self._clean: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self.starts)

    def index(self, pos: int) -> int:
        """The number of the line holding offset ``pos``."""
        return bisect_right(self.starts, pos) - 1

    def clean(self, i: int) -> str:
        """Line ``i`` without markup, blanks collapsed."""
        c = self._clean.get(i)
        if c is None:
            raw = self.text[self.starts[i]:self.ends[i]]
            c = clean(raw) if raw and not raw.isspace() else ""
            self._clean[i] = c
        return c

    def line(self, i: int) -> Line:
        return Line(self.starts[i], self.ends[i], self.clean(i))


_MARKED_LINE = re.compile(r"\n[^\S\n]*[-+]")


def collapse(s: str) -> str:
    """Blanks and line breaks collapsed to one space, markup dropped: the readable text of a passage."""
    if "*" in s or "|" in s or "_" in s or "#" in s or _MARKED_LINE.search(s) or s.lstrip()[:1] in ("-", "+"):
        # the anchored alternatives only where a line opens with a mark, else the fast scan
        s = (_MARKUP_LINES if _LINE_MARK.match(s) or _LINE_MARK_NL.search(s) else _INLINE_MARKUP).sub(" ", s)
    return " ".join(s.split())


_LOWER: list[str] = ["", ""]


def lowered(text: str) -> str:
    """``text.lower()``, kept for the last text asked about: several parsers look for words in it."""
    if _LOWER[0] is not text:
        _LOWER[0], _LOWER[1] = text, text.lower()
    return _LOWER[1]


def after_newline(anchored: re.Pattern[str]) -> re.Pattern[str]:
    """``anchored`` ("^..." with MULTILINE) as a pattern that starts with the line break before
    the line instead, for :func:`line_matches`.

    A pattern that opens with ``^`` is tried at every offset of the text (the engine cannot skip
    ahead by its first character); one that opens with a literal "\\n" skips from line break to
    line break, two to three times faster. ``anchored`` must apply its "^" to the whole pattern
    (no "|" outside a group).
    """
    assert anchored.pattern.startswith("^") and anchored.flags & re.MULTILINE
    return re.compile("\n(?:" + anchored.pattern[1:] + ")", anchored.flags)


def line_matches(anchored: re.Pattern[str], after_nl: re.Pattern[str], text: str, pos: int = 0,
                 endpos: int | None = None) -> list[tuple[int, re.Match[str]]]:
    """``anchored.finditer(text, pos, endpos)`` as (start, match) pairs, found with ``after_nl``
    (:func:`after_newline` of ``anchored``) except on the first line of the text.

    The same matches, for a pattern whose matches never end with a line break: "^" matches at 0
    and right after each "\\n" (not at ``pos`` itself), so each match at a line start ``p > 0`` is
    the ``after_nl`` match at ``p - 1``, and from ``pos - 1`` on they are the same, one after the
    other. The match object of a match found after a line break starts one too early (at the
    "\\n"): use the start given with it, and its end and groups.
    """
    endpos = len(text) if endpos is None else endpos
    out: list[tuple[int, re.Match[str]]] = []
    if pos <= 0:
        first = anchored.match(text, 0, endpos)
        if first:
            out.append((0, first))
        pos = first.end() if first else 1
    out += [(m.start() + 1, m) for m in after_nl.finditer(text, pos - 1, endpos)]
    return out


def folds_plainly(text: str, low: str) -> bool:
    """Whether a case-sensitive pattern of lower-case words finds in ``low`` (``text.lower()``) just
    what the same pattern with IGNORECASE finds in ``text``, at the same offsets.

    True unless ``lower()`` changed the length (it turns "İ" into two characters) or the text has
    one of the two letters the regex engine matches to an ASCII letter although ``lower()`` keeps
    them ("ı" for "i", "ſ" for "s"; found by trying every character against every ASCII letter).
    """
    return len(low) == len(text) and (text.isascii() or ("\u0131" not in text and "\u017f" not in text))


def find_all(low: str, word: str, lo: int = 0, hi: int | None = None) -> list[int]:
    """Every offset of ``word`` in ``low[lo:hi]`` (``str.find``: far faster than a regex scan)."""
    out: list[int] = []
    hi = len(low) if hi is None else hi
    i = low.find(word, lo, hi)
    while i >= 0:
        out.append(i)
        i = low.find(word, i + 1, hi)
    return out


# --- landmarks -----------------------------------------------------------------------------------
# The salutation ends the head of a letter: "Dear Mr. Head:", "Dear Walter S. Hulse:",
# "Dear\nMr. Reynolds and Ms. Daniels:" (html2text broke the line), "Ladies and Gentlemen:", and
# Capital One's 2021 response's "Ladies and Gentleman:".
SALUTATION = re.compile(
    r"\bDear\s+(?P<dear>[^\n:;]{2,120}?)\s*[:,;]"
    r"|\b(?:Ladies\s+and\s+Gentlem[ae]n|Gentlem[ae]n|Dear\s+Sir\s+or\s+Madam|To\s+Whom\s+It\s+May\s+Concern)\s*[:,]",
    re.IGNORECASE,
)
# The complimentary close above the signature. "For the Commission, by the Division of Corporation
# Finance, pursuant to delegated authority." closes the effectiveness orders (9999999997- letters),
# which have no "Sincerely".
CLOSING = re.compile(
    r"^[ \t|*]*(?:Sincerely(?:\s+yours)?|Very\s+truly\s+yours|Yours\s+(?:very\s+)?(?:truly|sincerely|faithfully)"
    r"|Respectfully(?:\s+(?:submitted|yours))?|(?:Best|Kind|Warm)\s+regards|Regards|Cordially"
    r"|Thank\s+you(?:\s+very\s+much)?)\s*[,.]?[ \t|*]*$"
    # a staff letter signed by the Division alone, with no "Sincerely," (1099219_0000000000-17-042540)
    r"|^[ \t|*]*Division\s+of\s+Corporation\s+Finance(?=[ \t|*]*\n[^\n]{0,12}Office\s+of\b)"
    r"|For\s+the\s+Commission,\s+by\s+the\s+Division[^.]{0,80}?pursuant\s+to\s+delegated\s+authority\.?",
    re.IGNORECASE | re.MULTILINE,
)


def salutation(text: str, limit: int = 6000) -> re.Match[str] | None:
    """The letter's salutation within its first ``limit`` characters, None for a headless excerpt."""
    return SALUTATION.search(text, 0, min(len(text), limit))


#: A word of every close, in lower case, and how many lines above its line the close may start
#: ("Very\ntruly yours," and "Best\nregards," as html2text breaks them).
_CLOSING_WORDS = (("sincerely", 0), ("truly", 1), ("yours", 0), ("respectfully", 0), ("regards", 1),
                  ("cordially", 0), ("thank", 0), ("division", 0))
_COMMISSION = "for the commission"
# A line that may hold a close, in the lower-cased text: a close's first word first on it, after
# blanks and markup, as CLOSING requires ("For the Commission" only right at the line start). Every
# line where CLOSING matches is one of these (see folds_plainly). Case-sensitive and opening with
# "\n" on purpose: the engine skips from line break to line break, 3x faster than the word finds.
_CLOSE_LINE = re.compile(
    r"\n(?:[ \t|*]*(?:sincerely|very|yours|respectfully|best|kind|warm|regards|cordially|thank|division)|for)")


def _close_line_starts(text: str, low: str) -> list[int]:
    """The line starts where ``closings`` tries CLOSING, in order: the start of every line with a
    word of _CLOSING_WORDS, and of the line above one with "truly" or "regards".

    Found from the other end: only the lines that open with a close's first word (_CLOSE_LINE) can
    hold a match, and of those, the lines that have such a word (or whose next line does) are
    kept. Needs ``low`` to stand for ``text`` (:func:`folds_plainly`); else every word is looked up
    over the whole text, as the words' offsets are used as they are.
    """
    if not folds_plainly(text, low):
        starts: set[int] = set()
        for word, back in _CLOSING_WORDS:
            for i in find_all(low, word):
                ls = low.rfind("\n", 0, i) + 1
                starts.add(ls)
                if back and ls > 0:
                    starts.add(low.rfind("\n", 0, ls - 1) + 1)
        return sorted(starts)
    out: list[int] = []
    n = len(low)
    for ls in [0] + [m.start() + 1 for m in _CLOSE_LINE.finditer(low)]:
        eol = low.find("\n", ls)
        eol = n if eol < 0 else eol
        keep = any(low.find(word, ls, eol) >= 0 for word, _ in _CLOSING_WORDS)
        if not keep and eol < n:
            nxt = low.find("\n", eol + 1)
            nxt = n if nxt < 0 else nxt
            keep = any(low.find(word, eol + 1, nxt) >= 0 for word, back in _CLOSING_WORDS if back)
        if keep:
            out.append(ls)
    return out


def closings(text: str) -> list[re.Match[str]]:
    """Every complimentary close ("Sincerely,") in the text, in order.

    The same as ``CLOSING.finditer(text)``, but the pattern is tried only at the lines around the
    words a close consists of: a full scan tries its many line-anchored alternatives everywhere.
    """
    low = lowered(text)
    found: list[re.Match[str]] = []
    for ls in _close_line_starts(text, low):
        m = CLOSING.match(text, ls)
        if m:
            found.append(m)
    i = low.find(_COMMISSION)
    while i >= 0:  # the delegated-authority close is not anchored to a line
        m = CLOSING.search(text, i, i + 200)
        if m and m.start() == i:
            found.append(m)
        i = low.find(_COMMISSION, i + 1)
    found.sort(key=lambda m: m.start())
    out: list[re.Match[str]] = []
    for m in found:
        if not out or m.start() >= out[-1].end() and m.start() != out[-1].start():
            out.append(m)
    return out


# --- names ---------------------------------------------------------------------------------------
# A person's name as letters print it: given names or initials, then a surname; "W. Robert
# Berkley Jr.", "Terence O’Brien", "Moncada-Terry", "McWilliams", "Adélaja Heyliger", "Woo-Sung
# Chung" (a hyphenated given name: the part after the hyphen may be short), "Rory O’Halloran".
_UP = r"[A-ZÀ-ÖØ-Þ]"
_LOW = r"[a-zß-öø-ÿ]"
# One capitalized word: "Head", "McWilliams", "O’Brien", "D’Arcy", "DeSantis". The apostrophe part
# is a separator, so the two starred runs never compete for the same letters (no backtracking).
_CAP_WORD = rf"{_UP}(?:{_LOW}|{_UP})*(?:[’']\s?{_UP}(?:{_LOW}|{_UP})*)?{_LOW}"
# Hyphenated parts: "Moncada-Terry", "Woo-Sung", "Jin-Kyu", "Geri-Michelle", and "Hae-won".
_HYPHEN_PART = rf"-{_UP}?(?:{_LOW}|{_UP})*{_LOW}"
# An all-capitals word, as signatures print them ("/s/ PATRICK GORIS", "JIN-KYU BAEK", "O’SHEA").
_CAPS_WORD = rf"{_UP}(?:[’']{_UP})?{_UP}+(?:-{_UP}{_UP}+)*"
NAME_WORD = rf"(?:{_CAP_WORD}(?:{_HYPHEN_PART})*|{_UP}\.(?:\s?{_UP}\.)?|{_CAPS_WORD})"
SUFFIX = r"(?:,?\s(?:Jr\.|Sr\.|II|III|IV)(?![A-Za-z]))"
#: Words that start a title or an organization, never part of a person's name.
NOT_NAME = frozenset("""
    Chief Senior Sr Asst Assistant Accountant Accounting Director Officer Executive Vice President Branch
    Office Division Staff Special Counsel Legal General Secretary Chairman Chair Treasurer Controller Managing
    Partner Associate Attorney Adviser Advisor Deputy Corporate Corporation Inc Company Securities Exchange
    Commission United States The Re Dear Mr Mrs Ms Miss Dr Esq Mses Messrs Sincerely Name Title By Date
    Telephone Phone Tel Fax Email Via Attention Attn Page Financial Operating Principal Global Group
    Manager Member Of And For To At In On With Please You Your We Our Form Filed File Street Avenue Suite
    Washington Division Mail Stop Ladies Gentlemen Enclosure Enclosures Cc LLP LLC Ltd Plc Co Bank Trust
    Investor Relations Capital Markets Holdings International Industries Incorporated Limited Vice-President
    Engineering Technology Technologies Energy Healthcare Insurance Services Transportation Leisure Real Estate
    Construction Manufacturing Trade Finance Life Sciences Mergers Acquisitions Disclosure Review Program
    Corporation Partners Professional Practice Audit Tax Regulatory Affairs Compliance Operations Strategy
    Development Business Board Directors Committee Investments Investment Treasury Communications Legal
    Engineer Analyst Examiner Economist Actuary Specialist Coordinator Paralegal Consultant Administrator
    Registration Statement Amendment Proxy Schedule Annual Quarterly Current Report Draft Offering Prospectus
    Response Comment Letter
""".split())
_NOT_NAME_LOWER = frozenset(w.lower() for w in NOT_NAME)
_NAME_WORD_RE = re.compile(NAME_WORD)
_ORG_WORDS = frozenset("""corp corporation inc incorporated co company llc llp lp l.p ltd limited plc
    group holdings bank n.a trust partners ag sa nv se""".split())
#: Generational suffixes kept in a name (GOLD.md drops titles, not these): "Jesus Malave, Jr.",
#: "Walter S. Hulse, III", "Pierce H. Norton II".
_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "II", "III", "IV"})
#: Particles inside a surname: "Marc de Jong", "Bart van der Berg" (capitalized "Van Dyke" is a word).
_PARTICLES = frozenset("de van von der den da del della di du la le dos das ten ter bin al".split())
_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Messrs|Mses|Prof)\.?\s+")
_SLASH_S_PREFIX = re.compile(r"^/s/\s*")
_INITIAL = re.compile(r"[A-Z]")


def _is_suffix(tokens: list[str], k: int) -> bool:
    """Whether ``tokens[k]`` is a generational suffix; "Sr." before a title is the title's
    ("Craig D. Wilson Sr. Asst. Chief Accountant", "Ryan Rohn, Sr. Staff Accountant")."""
    bare = tokens[k].rstrip(",;:")
    if bare not in _SUFFIXES:
        return False
    if bare.startswith("Sr") and k + 1 < len(tokens):
        return tokens[k + 1].rstrip(".,;:").lower() not in _NOT_NAME_LOWER
    return True


@lru_cache(maxsize=4096)
def person_name(s: str) -> str | None:
    """The person's name that ``s`` starts with, without honorific or title, or None.

    Generational suffixes stay as written ("Jesus Malave, Jr."); a name printed twice in a row,
    as html2text joins "/s/ Todd Taylor" and the printed "Todd Taylor", is taken once.

    >>> person_name("Mr. Stephen R. Head Chief Financial Officer")
    'Stephen R. Head'
    >>> person_name("Ryan Rohn, Staff Accountant") , person_name("Division of Corporation Finance")
    ('Ryan Rohn', None)
    >>> person_name("Jesus Malave, Jr., Chief Financial Officer")
    'Jesus Malave, Jr.'
    """
    s = s.strip(" \t|*,:;")
    signed = s.startswith("/s/")
    if signed:
        s = _SLASH_S_PREFIX.sub("", s)
    s = _HONORIFIC.sub("", s)
    tokens = s.split()[:10]
    keep: list[str] = []
    suffix = ""
    stop = len(tokens)
    for k, tok in enumerate(tokens):
        bare = tok.rstrip(",;:")
        if len(keep) >= 2 and _is_suffix(tokens, k):
            suffix = " " + (bare if bare != "Jr" else "Jr.")
            stop = k + 1
            break
        if bare.rstrip(".").lower() in _ORG_WORDS:
            return None  # "Las Vegas Sands Corp.", "Ford Motor Company"
        word = _NAME_WORD_RE.fullmatch(bare) and bare.rstrip(".").lower() not in _NOT_NAME_LOWER
        if not word and keep and tok == bare and k + 1 < len(tokens):
            # "Julia A Thompson": an initial without its dot; "Marc de Jong": a particle
            j = k + 1
            while bare in _PARTICLES and j + 1 < len(tokens) and tokens[j] in _PARTICLES:
                j += 1  # "van der Berg"
            nxt = tokens[j].rstrip(",;:")
            inner = (_INITIAL.fullmatch(bare) or bare in _PARTICLES) and _NAME_WORD_RE.fullmatch(nxt)
            word = bool(inner) and nxt.rstrip(".").lower() not in _NOT_NAME_LOWER
        if not word:
            stop = k
            break
        keep.append(bare)
        if tok != bare:  # a comma ends the name: "Ryan Rohn, Staff Accountant"
            stop = k + 1
            if len(keep) < 2:
                return None
            if tok.endswith(",") and k + 1 < len(tokens) and _is_suffix(tokens, k + 1):
                nxt = tokens[k + 1].rstrip(",;:")
                suffix = ", " + (nxt if nxt != "Jr" else "Jr.")  # "Walter S. Hulse, III"
                stop = k + 2
            break
    # "MORGAN STANLEY & CO. LLC", "Goldman Sachs & Co.": a firm, not a person
    after = tokens[stop: stop + 3]
    if after and (after[0] == "&" or any(t.rstrip(".,;:").lower() in _ORG_WORDS for t in after[:1])):
        return None
    half = len(keep) // 2
    if len(keep) >= 4 and len(keep) % 2 == 0 and [w.lower() for w in keep[:half]] == [w.lower() for w in keep[half:]]:
        keep = keep[:half]  # "/s/ Todd Taylor Todd Taylor Vice President ..." on one line
        suffix = ""
    if len(keep) < 2 or len(keep[-1]) < 2 or keep[-1].endswith("."):
        return None
    name = " ".join(keep) + suffix
    # An all-capitals line is an organization ("BOFA SECURITIES, INC."), unless it is a signature.
    if name.isupper() and not signed:
        return None
    return name


def surname_key(name: str) -> str:
    """The surname of ``name`` for matching printed and "/s/" forms: lower case, no blanks."""
    words = [w for w in name.replace(",", " ").split() if w.rstrip(".") not in ("Jr", "Sr", "II", "III", "IV")]
    return words[-1].lower().replace("’", "'") if words else ""
