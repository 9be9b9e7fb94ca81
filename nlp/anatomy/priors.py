"""Earlier letters and earlier comments a letter refers to.

"your letter dated November 2, 2011", "our letter dated October 19, 2011", "the comment letter
dated ...", "the Staff's letter of September 2, 2022", "your May 24, 2016 response", "our April 26,
2017 letter", "Response dated May 24, 2016" (a staff "Re:" line), "the comments, dated April 30,
2008"; and "prior comment 5", "previous comments 9 and 10", "your response to comment 4".
Standard library only; dates through :mod:`asckg.nlp.grammar.dates`.
"""

from __future__ import annotations

import re

from asckg.nlp.anatomy.model import PriorComment, PriorLetter
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


def _sentence_start(text: str, pos: int, reach: int = 260) -> int:
    """Where the sentence holding ``pos`` starts (a period and blank before it), at most ``reach`` back."""
    lo = max(0, pos - reach)
    cut = max((m.end() for m in re.finditer(r"[.;:]\s+(?=[A-Z“\"(])|\n\s*\n", text[lo:pos + 2])
               if m.end() <= pos - lo), default=0)
    return lo + cut


def prior_letters(text: str, letter_date: str | None = None) -> list[PriorLetter]:
    """Every reference to an earlier letter with its date; dates on or after ``letter_date`` dropped."""
    out: list[PriorLetter] = []
    last: PriorLetter | None = None
    for m in dates.find(text):
        iso = m.refs[0]
        if letter_date and iso >= letter_date:
            continue  # "Response Letter dated July 13, 2007" in the Re: block is this letter
        # "Responses dated December 3, 2015 and January 5, 2016": the second date shares the first's noun.
        if last is not None and _LIST_GLUE.fullmatch(text, last.end, m.start) and m.start - last.end < 12:
            last = PriorLetter(iso, last.who, m.start, m.end)
            out.append(last)
            continue
        found = None
        dm = _DATED.search(text, max(0, m.start - 20), m.start)
        if dm:
            lo = _sentence_start(text, dm.start())
            window = text[lo:dm.start()]
            nouns = list(_LETTER_NOUN.finditer(window))
            others = list(_OTHER_DOC.finditer(window))
            # "of"/"on" only right after the noun ("your letter of June 1, 2007"), never "On May 9, 2019, ..."
            loose = dm.group("how").lower() in ("of", "on")
            if loose and nouns and nouns[-1].end() < len(window) - 3:
                nouns = []
            if nouns and (not others or others[-1].start() < nouns[-1].start()):
                noun = nouns[-1]
                pos = list(_POSSESSOR.finditer(window, max(0, noun.start() - 40), noun.start()))
                found = PriorLetter(iso, _who(pos[-1].group("pos") if pos else None, noun.group("word")),
                                    lo + noun.start(), m.end)
        if found is None:
            am = _AFTER.match(text, m.end, m.end + 40)
            pm = _POSSESSIVE.search(text, max(0, m.start - 30), m.start)
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


def prior_comments(text: str) -> list[PriorComment]:
    """Comments of an earlier letter referred to by number, one per number ("comments 9 and 10")."""
    out: list[PriorComment] = []
    for m in _PRIOR_COMMENT.finditer(text):
        nums = [int(n) for n in re.findall(r"\d+", m.group("nums"))]
        if re.search(r"through|to|-|–", m.group("nums")) and len(nums) == 2 and 0 < nums[1] - nums[0] < 30:
            nums = list(range(nums[0], nums[1] + 1))
        for n in nums:
            out.append(PriorComment(n, m.start(), m.end()))
    return out
