"""Earlier letters and earlier comments a letter refers to.

"your letter dated November 2, 2011", "our letter dated October 19, 2011", "the comment letter
dated ...", "the Staff's letter of September 2, 2022", "your May 24, 2016 response", "our April 26,
2017 letter", "Response dated May 24, 2016" (a staff "Re:" line), "the comments, dated April 30,
2008"; and "prior comment 5", "previous comments 9 and 10", "your response to comment 4".
Standard library only; dates through :mod:`asckg.nlp.grammar.dates`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from asckg.nlp.anatomy.model import PriorComment, PriorLetter
from asckg.nlp.anatomy.text import find_all, lowered
from asckg.nlp.grammar import dates

_LETTER_WORD = r"(?:comment\s+)?(?:letters?|responses?|comments|correspondence|submission|e-?mail)"
_LETTER_NOUN = re.compile(rf"\b(?P<word>{_LETTER_WORD})\b", re.IGNORECASE)
# "... dated <DATE>", "... letter of <DATE>", "... letter, dated as of <DATE>"
_DATED = re.compile(r"\b(?P<how>dated(?:\s+as\s+of)?|of|on)[\s,]*$", re.IGNORECASE)
# The document a "dated" belongs to when it is not a letter: "the Preliminary Prospectus dated
# November 30, 2020" (1792789_0001193125-20-309524), "the Underwriting Agreement dated ...".
_OTHER_DOC = re.compile(
    r"\b(?:prospectus|agreement|indenture|statement|report|plan|notice|amendment|form|filing|order|release|"
    r"opinion|memorandum|certificate|supplement|press|presentation|call|meeting|conversation|transcript|"
    r"no-action|intent|credit|engagement|comfort|support|representation|transmittal|offer|award|commitment)\b",
    re.IGNORECASE,
)
_POSSESSOR = re.compile(
    r"\b(?P<pos>your|our|its|the\s+Staff[’']s|the\s+staff[’']s|the\s+Commission[’']s|the\s+SEC[’']s)\b", re.IGNORECASE)
# "<possessive> <DATE> <letter>": "your May 24, 2016 response", "our April 26, 2017 letter".
_POSSESSIVE = re.compile(
    r"\b(?P<pos>your|our|its|the\s+Staff[’']s|the\s+staff[’']s|the\s+Commission[’']s|the|a)\s*$", re.IGNORECASE)
_AFTER = re.compile(rf"[\s,]*(?P<word>{_LETTER_WORD})\b", re.IGNORECASE)
_LIST_GLUE = re.compile(r"[\s,]*(?:and|&)?[\s,]*", re.IGNORECASE)


def _who(pos: str | None, word: str) -> str:
    p = (pos or "").lower()
    if p.startswith("your"):
        return "yours"
    if p.startswith("our"):
        return "ours"
    if "staff" in p or "commission" in p or "sec" in p or word.lower().startswith("comment"):
        return "staff"
    if word.lower().startswith("response"):
        return "company"
    return "unknown"


_SENTENCE_END = re.compile(r"[.;:]\s+(?=[A-Z“\"(])|\n\s*\n")


def _sentence_start(text: str, pos: int, reach: int = 260) -> int:
    """Where the sentence holding ``pos`` starts (a period and blank before it), at most ``reach`` back."""
    lo = max(0, pos - reach)
    cut = max((m.end() for m in _SENTENCE_END.finditer(text[lo:pos + 2]) if m.end() <= pos - lo), default=0)
    return lo + cut


# Which dates may refer to a letter is decided by the words right around them, so the dates are
# read only there, not in the whole letter (the dates grammar's scan of a whole letter was most of
# the parse time). A reference is one of:
#   "dated <date>" / "dated as of <date>"      -> read the date after each "dated";
#   "<letter word> of|on <date>"               -> after a letter word followed by "of" / "on";
#   "<date> <letter word>" ("your May 24, 2016 response") -> before a letter word right after a digit;
#   "<date> and <date>" after one of those     -> the dates that follow a date in a list.
#: The letter words of _LETTER_WORD as literals, found with ``str.find``.
_LETTER_KEYS = ("letter", "response", "comments", "correspondence", "submission", "mail")
_AFTER_NOUN = re.compile(r"[a-z]{0,2}\W{0,3}(?:of|on)[\s,]")  # "letter of", "letters, on"
_DATE_SPAN = 80  # a date with its blanks is shorter than this ("September 30,\n   2011")
_SPACE = re.compile(r"\s")


def _cut(text: str, lo: int, hi: int) -> tuple[int, int]:
    """``lo`` and ``hi`` moved out to blanks, where no date is broken into one that reads as another
    ("December 19, | 2011" has no year; "12/19/2011" has no blank)."""
    lo, hi = max(0, lo), min(len(text), hi)
    if lo > 0 and not text[lo - 1].isspace():
        lo = max(text.rfind(" ", 0, lo), text.rfind("\n", 0, lo)) + 1
    sp = _SPACE.search(text, hi) if hi < len(text) else None
    return lo, (sp.start() if sp else len(text))


def _dates_in_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """The dates in the given stretches of ``text``, merged where they touch, each read once."""
    merged: list[list[int]] = []
    for lo, hi in sorted(_cut(text, lo, hi) for lo, hi in spans):
        if merged and lo <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    out: list[tuple[int, int, str]] = []
    for lo, hi in merged:
        out += [(lo + m.start, lo + m.end, m.refs[0]) for m in dates.find(text[lo:hi])]
    return out


def _ends_with_digit(text: str, pos: int) -> bool:
    """Whether the text before ``pos``, blanks and commas left out, ends with a digit (a date's end)."""
    j = pos - 1
    while j >= 0 and (text[j].isspace() or text[j] == ","):
        j -= 1
    return j >= 0 and text[j].isdigit()


def _candidate_dates(text: str) -> list[tuple[int, int, str]]:
    """The dates (start, end, ISO date) that may refer to a letter, in order, each once."""
    low = lowered(text)
    after: list[int] = []  # the first date at or after each of these may refer to a letter
    before: list[int] = []  # ... the last date ending at or before each of these
    for i in find_all(low, "dated"):
        after.append(i + 5)
    for key in _LETTER_KEYS:
        for k in find_all(low, key):
            end = k + len(key)
            if _AFTER_NOUN.match(low, end):
                after.append(end)
            for start in (k, k - 8):  # the noun may be "comment letter"
                if start > 0 and (start == k or low.startswith("comment", start)) and _ends_with_digit(text, start):
                    before.append(start)
    if not after and not before:
        return []
    spans = [(p, p + 12 + _DATE_SPAN) for p in after] + [(p - 40 - _DATE_SPAN, p) for p in before]
    found_dates = _dates_in_spans(text, spans)
    starts = [d[0] for d in found_dates]
    ends = sorted((d[1], n) for n, d in enumerate(found_dates))
    end_keys = [e for e, _ in ends]
    picked: dict[int, tuple[int, int, str]] = {}
    for p in after:
        n = bisect_left(starts, p)
        if n < len(found_dates) and found_dates[n][0] < p + 12 + _DATE_SPAN:
            picked.setdefault(found_dates[n][0], found_dates[n])
    for p in before:
        n = bisect_right(end_keys, p) - 1
        if n >= 0 and found_dates[ends[n][1]][1] > p - 40 - _DATE_SPAN:
            d = found_dates[ends[n][1]]
            picked.setdefault(d[0], d)
    # the dates listed after each: "Responses dated December 3, 2015 and January 5, 2016"
    for d in sorted(picked.values()):
        while True:
            n = bisect_left(starts, d[1])
            if n < len(found_dates):
                nxt = found_dates[n]
            else:
                more = [x for x in _dates_in_spans(text, [(d[1], d[1] + 12 + _DATE_SPAN)]) if x[0] >= d[1]]
                if not more:
                    break
                nxt = more[0]
            if nxt[0] - d[1] >= 12 or nxt[0] in picked:
                break
            d = picked.setdefault(nxt[0], nxt)
    return sorted(picked.values())


def prior_letters(text: str, letter_date: str | None = None) -> list[PriorLetter]:
    """Every reference to an earlier letter with its date; dates on or after ``letter_date`` dropped."""
    out: list[PriorLetter] = []
    last: PriorLetter | None = None
    for m_start, m_end, iso in _candidate_dates(text):
        if letter_date and iso >= letter_date:
            continue  # "Response Letter dated July 13, 2007" in the Re: block is this letter
        # "Responses dated December 3, 2015 and January 5, 2016": the second date shares the first's noun.
        if last is not None and _LIST_GLUE.fullmatch(text, last.end, m_start) and m_start - last.end < 12:
            last = PriorLetter(iso, last.who, m_start, m_end)
            out.append(last)
            continue
        found = None
        dm = _DATED.search(text, max(0, m_start - 20), m_start)
        if dm:
            lo = _sentence_start(text, dm.start())
            window = text[lo:dm.start()]
            nouns = list(_LETTER_NOUN.finditer(window))
            # another document named after the last letter word takes the date ("the letter ... the
            # Prospectus dated ..."): searched from that word on only
            other_after = _OTHER_DOC.search(window, nouns[-1].start()) if nouns else None
            # "of"/"on" only right after the noun ("your letter of June 1, 2007"), never "On May 9, 2019, ..."
            loose = dm.group("how").lower() in ("of", "on")
            if loose and nouns and nouns[-1].end() < len(window) - 3:
                nouns = []
            if nouns and other_after is None:
                noun = nouns[-1]
                pos = list(_POSSESSOR.finditer(window, max(0, noun.start() - 40), noun.start()))
                found = PriorLetter(iso, _who(pos[-1].group("pos") if pos else None, noun.group("word")),
                                    lo + noun.start(), m_end)
        if found is None:
            am = _AFTER.match(text, m_end, m_end + 40)
            pm = _POSSESSIVE.search(text, max(0, m_start - 30), m_start)
            if am and pm:
                found = PriorLetter(iso, _who(pm.group("pos"), am.group("word")), pm.start(), am.end())
        if found is not None:
            out.append(found)
        last = found
    return out


_NUM_LIST = r"(?P<nums>\d{1,3}(?:\s*(?:,|and|&|through|to|-|–)\s*(?:comments?\s+)?\d{1,3}){0,8})"
_PRIOR_COMMENT = re.compile(
    rf"\b(?:(?:prior|previous|earlier|original)\s+(?:staff\s+)?comments?(?:\s+(?:no\.|number|nos\.))?"
    rf"|(?:responses?|reply)\s+to\s+(?:our\s+|the\s+staff[’']s\s+)?comments?(?:\s+(?:no\.|number|nos\.))?)\s*{_NUM_LIST}\b",
    re.IGNORECASE,
)


#: One of these comes before "comment" in every _PRIOR_COMMENT match.
_PRIOR_WORDS = ("prior", "previous", "earlier", "original", "respons", "reply")


def _prior_comment_matches(text: str) -> list[re.Match[str]]:
    """``_PRIOR_COMMENT.finditer(text)``, tried only around the word "comment" that every match holds:
    the pattern opens with alternatives Python cannot search for quickly."""
    low = lowered(text)
    out: list[re.Match[str]] = []
    end = 0
    i = low.find("comment")
    while i >= 0:
        before = low[max(0, i - 40):i]
        if not any(w in before for w in _PRIOR_WORDS):
            i = low.find("comment", i + 1)
            continue
        m = _PRIOR_COMMENT.search(text, max(end, i - 40), i + 200)
        if m and m.start() <= i:
            out.append(m)
            end = m.end()
            i = low.find("comment", max(end, i + 1))
        else:
            i = low.find("comment", i + 1)
    return out


def prior_comments(text: str) -> list[PriorComment]:
    """Comments of an earlier letter referred to by number, one per number ("comments 9 and 10")."""
    out: list[PriorComment] = []
    for m in _prior_comment_matches(text):
        nums = [int(n) for n in re.findall(r"\d+", m.group("nums"))]
        if re.search(r"through|to|-|–", m.group("nums")) and len(nums) == 2 and 0 < nums[1] - nums[0] < 30:
            nums = list(range(nums[0], nums[1] + 1))
        for n in nums:
            out.append(PriorComment(n, m.start(), m.end()))
    return out
