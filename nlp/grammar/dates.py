"""Written dates in SEC comment letters: find them, normalize them to ``YYYY-MM-DD``.

Letters write dates as "December 19, 2011", "DECEMBER 19, 2011", "Dec. 19, 2011", "19 December 2011",
"12/19/2011" or "2011-12-19", and pdftotext or html2text may break the line anywhere inside
("November\\n13, 2007"). ``find`` returns every date as a ``Mention`` of kind ``"date"`` with one ref,
the ISO date; ``parse_date`` normalizes one written date; ``letter_date`` picks the date printed on
the letter itself (its dateline), as opposed to dates the letter mentions.

Standard library only.
"""

from __future__ import annotations

import re
from datetime import date

from asckg.nlp.mention import Mention

KIND = "date"

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
_ABBREVS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}

# --- named pieces ------------------------------------------------------------------------------
# Full month names first so that "Sept" does not cut "September" short; abbreviations may carry a dot.
MONTH_NAME = (
    r"(?<![a-z])(?P<{g}>(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")(?![a-z])"
    r"|(?:" + "|".join(sorted(_ABBREVS, key=len, reverse=True)) + r")(?:\.|(?![a-z])))"
)
# Blanks between the parts of a date: spaces, tabs, at most a couple of line breaks (pdftotext
# splits "November\n13, 2007"), and html2text's non-breaking spaces. Bounded, so no backtracking.
GAP = r"[ \t\u00a0]{0,4}(?:\r?\n[ \t\u00a0]{0,8}){0,2}"
SEP = r"[ \t\u00a0]{1,4}(?:\r?\n[ \t\u00a0]{0,8}){0,2}|(?:\r?\n[ \t\u00a0]{0,8}){1,2}"
DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<{g}>(?:19|20)\d\d)(?!\d)"
# html2text may even break inside the year ("September 9, 2\n024", 1037540_0001656423-24-000052):
# one line break among the digits of a month-day-year date's year; 19xx/20xx is checked on conversion.
SPLIT_YEAR = r"(?P<{g}>[12](?:\n?\d){{3}})(?!\d)"

# "December 19, 2011", "Dec. 19, 2011", "December 19,\n2011", "December 19 2011"
MONTH_DAY_YEAR = (
    MONTH_NAME.format(g="mdy_month") + "(?:" + SEP + ")" + DAY.format(g="mdy_day")
    + r"(?![\d])" + GAP + r",?" + "(?:" + SEP + r"|" + GAP + ")" + SPLIT_YEAR.format(g="mdy_year")
)
# "19 December 2011", "2 September, 2016"
DAY_MONTH_YEAR = (
    r"(?<![\d,.])" + DAY.format(g="dmy_day") + "(?:" + SEP + ")" + MONTH_NAME.format(g="dmy_month")
    + GAP + r",?" + "(?:" + SEP + ")" + YEAR.format(g="dmy_year")
)
# "12/19/2011", "12/19/11": US order only; letters never write day-first numerals.
# Guard: "(202) 551-3739" and fractions like "1/2" must not match; need two slashes and a 4- or
# 2-digit year bounded by non-digits.
NUMERIC_US = (
    r"(?<![\d/])(?P<us_month>[01]?\d)/(?P<us_day>[0-3]?\d)/(?P<us_year>(?:19|20)?\d\d)(?![\d/])"
)
# "2011-12-19" (EDGAR headers, markdown front matter). Guard: accession numbers such as
# "0001193125-16-685168" and file numbers "333-210102" are not dates: require a 19xx/20xx year
# not preceded by a digit or hyphen.
ISO = r"(?<![\d-])(?P<iso_year>(?:19|20)\d\d)-(?P<iso_month>[01]\d)-(?P<iso_day>[0-3]\d)(?![\d-])"

DATE_RE = re.compile(
    "|".join(f"(?:{p})" for p in (MONTH_DAY_YEAR, DAY_MONTH_YEAR, NUMERIC_US, ISO)),
    re.IGNORECASE,
)
# Every date holds a year, and years are rare in a letter: ``find`` looks for the years first
# (a fast scan with no look-behind, so the regex engine can skip along by first character) and tries
# the full pattern only in a short window before each. Two-digit years occur only in "12/19/11".
# Two scans, each starting with a plain character class or literal so that the engine skips along
# fast: four-digit years (one may be broken by a line, "2\n024") and the "/11" of "12/19/11".
_YEAR = re.compile(r"[12](?:\d\d\d|\n\d\d\d|\d\n\d\d|\d\d\n\d)(?!\d)")
_SHORT_YEAR = re.compile(r"/\d\d(?![\d/])")
# How far a date can start before its year: the longest month name, a line-broken gap, the day, a
# line-broken gap ("September\n   13,\n   2007"). Longer than any match of MONTH_DAY_YEAR can be.
_BACK = 110
# How far a date can run after the year's first character: ISO's "-12-19" and one character of
# look-ahead.
_AHEAD = 12
# A date written with a month name needs one in the window: the first three letters, as letters
# write them ("Dec", "DEC", "dec"). Case-sensitive on purpose: the engine scans a plain alternation
# three times faster than a case-insensitive one. Without a month name only "12/19/2011" and
# "2011-12-19" remain, which start right next to the year.
_MONTH_START = re.compile(
    "|".join(
        variant
        for m in ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
        for variant in (m.capitalize(), m.upper(), m)
    )
)
# How far before its month name a date can start ("19 December 2011": the day and a gap).
_DAY_BACK = 32
# How far before its year a numeric date can start ("12/19/2011").
_NUMERIC_BACK = 8


def _month_number(word: str) -> int | None:
    """The month number of a month name or abbreviation ("Dec." -> 12), None if not a month."""
    w = word.lower().rstrip(".")
    return _MONTHS.get(w) or _ABBREVS.get(w)


def _iso(year: int, month: int | None, day: int) -> str | None:
    """``YYYY-MM-DD`` if the parts make a real calendar date, else None ("February 30")."""
    if month is None:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _from_match(m: re.Match[str]) -> str | None:
    """The ISO date of a ``DATE_RE`` match, or None if its parts are not a calendar date."""
    g = m.groupdict()
    if g["mdy_month"]:
        year = int(g["mdy_year"].replace("\n", ""))
        if not 1900 <= year <= 2099:
            return None
        return _iso(year, _month_number(g["mdy_month"]), int(g["mdy_day"]))
    if g["dmy_month"]:
        return _iso(int(g["dmy_year"]), _month_number(g["dmy_month"]), int(g["dmy_day"]))
    if g["us_month"]:
        year = int(g["us_year"])
        if year < 100:
            year += 2000 if year < 70 else 1900
        return _iso(year, int(g["us_month"]), int(g["us_day"]))
    return _iso(int(g["iso_year"]), int(g["iso_month"]), int(g["iso_day"]))


def parse_date(text: str) -> str | None:
    """Normalize one written date to ``YYYY-MM-DD``; None if ``text`` is not (only) a date.

    >>> parse_date("December 19,\\n2011")
    '2011-12-19'
    >>> parse_date("Dec. 19, 2011"), parse_date("19 December 2011"), parse_date("12/19/2011")
    ('2011-12-19', '2011-12-19', '2011-12-19')
    >>> parse_date("fiscal 2011") is None
    True
    """
    m = DATE_RE.fullmatch(text.strip())
    return _from_match(m) if m else None


def find(text: str) -> list[Mention]:
    """Every written date in ``text`` as a ``Mention`` of kind ``"date"`` with refs ``("YYYY-MM-DD",)``.

    The same dates as ``DATE_RE.finditer`` would give (leftmost first, no overlaps), found from
    their years: for each year not inside a date already found, the first place in the window
    before it where ``DATE_RE`` matches.
    """
    out: list[Mention] = []
    pos = 0
    n = len(text)
    anchors = [(m.start(), m.end()) for m in _YEAR.finditer(text)]
    if "/" in text:
        anchors += [(m.start(), m.end()) for m in _SHORT_YEAR.finditer(text)]
        anchors.sort()
    for a_start, a_end in anchors:
        if a_end <= pos:
            continue
        lo = max(pos, a_start - _BACK)
        hi = min(n, a_start + _AHEAD)
        month = _MONTH_START.search(text, lo, a_start)
        lo = max(lo, month.start() - _DAY_BACK if month else a_start - _NUMERIC_BACK)
        while lo < hi:
            m = DATE_RE.search(text, lo, hi)
            if m is None:
                break
            # The window's end may cut a longer text short ("12/19/20" of "12/19/2011"): the match
            # must hold at the same start in the whole text.
            full = DATE_RE.match(text, m.start())
            if full is None:
                lo = m.start() + 1
                continue
            iso = _from_match(full)
            if iso is not None:
                out.append(Mention(KIND, full.start(), full.end(), full.group(0), (iso,)))
            pos = lo = full.end()
            if pos >= a_end:
                break
    return out


# --- the letter's own date ---------------------------------------------------------------------
# Where the head of a letter ends: the salutation ("Dear Mr. Andrews:", "Ladies and Gentlemen:"),
# or, in an excerpt that starts mid-letter, the first numbered comment ("|\n1.\n|"). The dateline
# is above it. html2text sometimes puts a whole letter on one line ("... 85004 April 27, 2022 Via
# EDGAR ... Ladies and Gentlemen: STERIS plc ..."), so the salutation is not anchored to a line start.
_SALUTATION = re.compile(
    r"\bDear\s+(?:Mr|Ms|Mrs|Miss|Messrs|Mses|Sir|Madam|Dr|[A-Z])"
    r"|\bLadies\s+and\s+Gentlemen\b|^[ \t]*Gentlemen\b|\bTo\s+Whom\s+It\s+May\s+Concern"
    r"|^[ \t|]*(?:Comment\s+)?1\.[ \t|]*$",
    re.IGNORECASE | re.MULTILINE,
)
# A word right before a date that makes it a date the letter *mentions*, not its own date:
# "Filed March 16, 2011", "Fiscal Year Ended December 31, 2010", "your letter dated November 2,
# 2011", "Date Filed: January 21, 2011", "Form 8-K furnished October 30, 2019", "requesting an
# extension until May 20, 2022", "the table at March 31, 2010". Whole words only: "Request for
# Acceleration\n\nMay 26, 2017" is a dateline although "Acceleration" ends in "on".
_MENTIONED_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:filed|furnished|ended|ending|dated|date|on|of|at|in|by|through|thru|and|or|"
    r"to|from|since|until|before|after|submitted|amended|received|effective|as|our|your|the)"
    r"[\s:,|]*$",
    re.IGNORECASE,
)
# A word right after a date that makes it a mentioned date: "Our July 8, 2010 letter ...",
# "the July 23, 2010 conference call", "December 31, 2009, Filed March 31, 2010".
_MENTIONED_AFTER = re.compile(
    r"^[\s,|]*(?:letter|conference|call|meeting|filed|and|through|to|-|–)",
    re.IGNORECASE,
)
# Running page header of page 2+: "Securities and Exchange Commission\n\nJuly 14, 2017\n\nPage\n4"
# (936395_0001193125-17-228629 prints its date only there).
_PAGE_WORD = re.compile(r"\bPage\b", re.IGNORECASE)


def _blank(s: str) -> bool:
    """True if ``s`` holds nothing but blanks and the table bars html2text leaves ("|June 1, 2005")."""
    return not s.strip(" \t\u00a0|.,\ufeff")


def _line_bounds(text: str, start: int, end: int) -> tuple[str, str]:
    """The text before ``start`` on its line and after ``end`` on its line."""
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    return text[ls:start], text[end: le if le >= 0 else len(text)]


def _own_dates(text: str, head_end: int) -> tuple[list[Mention], list[Mention]]:
    """Dates in ``text[:head_end]`` that are not mentioned dates: (alone on their line, in a line)."""
    head = text[:head_end]
    alone: list[Mention] = []
    inline: list[Mention] = []
    for m in find(head):
        if _MENTIONED_BEFORE.search(head, max(0, m.start - 40), m.start):
            continue
        if _MENTIONED_AFTER.match(text, m.end, m.end + 40):
            continue
        before, after = _line_bounds(head, m.start, m.end)
        (alone if _blank(before) and _blank(after) else inline).append(m)
    return alone, inline


def letter_date(text: str) -> str | None:
    """The date printed on the letter itself as ``YYYY-MM-DD``; None if the text shows none.

    The dateline is in the head of the letter (above the salutation): the first date there that
    no "Filed", "Ended", "dated" introduces. A date alone on its line wins over one inside a line.
    Without a salutation (an excerpt that starts mid-letter) only a date alone on its line counts.
    Failing all that, the date of a running page header ("July 14, 2017 / Page 4").

    >>> letter_date("July 23, 2018\\nNRG Energy, Inc.\\nRe: Form 10-K ... Filed March 1, 2018\\nDear Mr. A:")
    '2018-07-23'
    """
    sal = _SALUTATION.search(text)
    alone, inline = _own_dates(text, sal.start() if sal else min(len(text), 3000))
    if alone:
        return alone[0].refs[0]
    if inline and sal:
        return inline[0].refs[0]
    # Page 2+ running header: a date alone on its line with "Page" within a few lines of it.
    for m in find(text):
        before, after = _line_bounds(text, m.start, m.end)
        if _blank(before) and _blank(after) and _PAGE_WORD.search(text, max(0, m.start - 80), m.end + 40):
            return m.refs[0]
    return None
