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
# "the Securities and Exchange Commission staff’s (the “Staff”) <date> comment letter": the
# possessor may carry its defined term.
_POSSESSIVE = re.compile(
    r"\b(?P<pos>your|our|its|(?:the\s+)?Staff[’']s|(?:the\s+)?Commission[’']s|(?:the\s+)?SEC[’']s|the|a)"
    r"(?:\s*\(the\s*[“\"]\s*\w+\s*[”\"]\s*\))?\s*$", re.IGNORECASE)
_POSSESSIVE_REACH = 60
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
    for end in _chain_leads(text, low):
        lead = _CHAIN_LEAD.search(text, max(0, end - 25), end)
        if lead and _chain_noun(text, lead.start()) is not None:
            after.append(end)
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
    # the dates listed before a date picked by the noun after it: "<date> and <date> comment letters"
    for p in before:
        n = bisect_right(end_keys, p) - 1
        while n > 0:
            d, prev = found_dates[ends[n][1]], found_dates[ends[n - 1][1]]
            if d[0] - prev[1] >= 12 or not _LIST_GLUE.fullmatch(text, prev[1], d[0]) or d[0] not in picked:
                break
            picked.setdefault(prev[0], prev)
            n -= 1
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


# A letter named with who sent it, to whom and how, between its noun and its date (the shapes the
# corpus responses use): "the letter from the staff (the "Staff") of the Division of Corporation
# Finance, Office of <office>, of the U.S. Securities and Exchange Commission (the "Commission"),
# dated <date>", "the comment letter of the staff ... issued to the Company on <date>", "your letter
# to the Company delivered <date>", "the comment letter to the <filing> received on <date>", "the
# response letters previously submitted by the Company on <date>", "our letter to the Staff on
# <date>", "the Staff's letter to <name>, dated <date>", "received (by electronic mail) on <date>".
#: How the date is introduced, right before it.
_CHAIN_LEAD = re.compile(r"\b(?:dated(?:\s+as\s+of)?|on|delivered|issued|received|sent|transmitted)[\s,]*$",
                         re.IGNORECASE)
#: The lead words besides "dated" (whose dates are candidates anyway), found with ``str.find``.
_CHAIN_LEADS = (" on", "delivered", "issued", "received", "sent", "transmitted")
#: The words that may stand between a letter's noun and its date: senders, addressees, and how it
#: came. Capitalized words (names, "Office of Technology") may too. Anything else breaks the chain:
#: "comments provided orally by Mr. <name> on <date>" were a call, not a letter; in "your comment
#: letter with respect to the Form 10-K on <date>" the date may be the filing's.
_CHAIN_WORDS = frozenset(
    "the of from to by and its your our their this staff staff's staff’s commission commission's "
    "commission’s division corporation finance office securities exchange sec sec's sec’s company "
    "company's company’s registrant us you we me him her them u.s. & initially previously originally "
    "recently issued received delivered sent submitted transmitted filed with via electronic "
    "electronically mail e-mail email facsimile fax hand courier".split())
#: The letter nouns, as the word before a lead ("the comment letter received on").
_CHAIN_NOUNS = frozenset("letter letters response responses comments correspondence submission e-mail email".split())
#: Quotes and brackets around defined terms ("(the “Staff”)"), stripped from each word.
_CHAIN_STRIP = "()[]“”\"'‘’"
#: A chain naming the staff as the sender: "the letter from the staff", "the comment letter of the Staff".
_FROM_STAFF = re.compile(r"[\s,]*(?:from|of)\s+the\s+(?:staff|commission|sec)\b", re.IGNORECASE)
_CHAIN_REACH = 400  # the longest sender chain seen is about 240 characters
#: A sentence end for the chain: not the period of an initial or of "U.S." ("the U.S. Securities
#: and Exchange Commission").
_CHAIN_SENTENCE_END = re.compile(r"(?<![A-Z])[.;:]\s+(?=[A-Z“\"(])|\n\s*\n")


def _chain_noun(text: str, lead: int) -> re.Match[str] | None:
    """The letter noun a chain of sender words leads back to from ``lead`` (where the words that
    introduce the date start), or None when some other word stands between."""
    low = lowered(text)
    lo = max(0, lead - _CHAIN_REACH)
    noun = None  # the nearest letter noun, found from the nearest of each letter word
    for key in _LETTER_KEYS:
        k = low.rfind(key, lo, lead)
        if k >= 0 and (noun is None or k > noun.start()):
            for m in _LETTER_NOUN.finditer(text, max(lo, k - 10), min(lead, k + len(key) + 12)):
                if noun is None or m.start() > noun.start():
                    noun = m
    if noun is None or _CHAIN_SENTENCE_END.search(text, noun.end(), lead):
        return None
    gap = text[noun.end():lead]
    if _OTHER_DOC.search(gap):
        return None
    for token in gap.replace(",", " ").split():
        word = token.strip(_CHAIN_STRIP)
        if word and word.lower() not in _CHAIN_WORDS and not word[0].isupper():
            return None
    return noun


def _chain_leads(text: str, low: str) -> list[int]:
    """Where a date may follow a sender chain: after each lead word that follows a word a chain may
    hold ("... by the Company on", "... letter delivered"); "based on", "represented" are no leads."""
    out: list[int] = []
    for lead in _CHAIN_LEADS:
        for i in find_all(low, lead):
            end = i + len(lead)
            if end >= len(low) or low[end] not in " \n\t," or (lead[0] != " " and i and low[i - 1].isalpha()):
                continue
            start = i + 1 if lead[0] == " " else i
            j = start - 1
            while j >= 0 and low[j] in " \n\t,":
                j -= 1
            k = j
            while k >= 0 and not low[k].isspace():
                k -= 1
            word = text[k + 1:j + 1].strip(_CHAIN_STRIP)
            if word and (word[0].isupper() or word.lower() in _CHAIN_WORDS or word.lower() in _CHAIN_NOUNS):
                out.append(end)
    return out


def _listed_noun(text: str, candidates: list[tuple[int, int, str]], index: int) -> re.Match[str] | None:
    """The letter noun after the list of dates that candidate ``index`` opens: "the Commission
    staff’s <date> and <date> comment letters"."""
    end = candidates[index][1]
    for start, nxt_end, _ in candidates[index + 1: index + 6]:
        if start - end >= 12 or not _LIST_GLUE.fullmatch(text, end, start):
            return None
        end = nxt_end
        am = _AFTER.match(text, end, end + 40)
        if am:
            return am
    return None


def prior_letters(text: str, letter_date: str | None = None) -> list[PriorLetter]:
    """Every reference to an earlier letter with its date; dates on or after ``letter_date`` dropped."""
    out: list[PriorLetter] = []
    last: PriorLetter | None = None
    last_date_end = -1  # where the date of ``last`` ends
    candidates = _candidate_dates(text)
    for index, (m_start, m_end, iso) in enumerate(candidates):
        if letter_date and iso >= letter_date:
            continue  # "Response Letter dated July 13, 2007" in the Re: block is this letter
        # "Responses dated December 3, 2015 and January 5, 2016": the second date shares the first's noun.
        if last is not None and any(m_start - e < 12 and _LIST_GLUE.fullmatch(text, e, m_start)
                                    for e in (last.end, last_date_end)):
            last = PriorLetter(iso, last.who, m_start, m_end)
            last_date_end = m_end
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
            chain_lead = _CHAIN_LEAD.search(text, max(0, m_start - 25), m_start)
            chain_noun = _chain_noun(text, chain_lead.start()) if chain_lead else None
            if chain_noun is not None and chain_lead is not None:
                if _FROM_STAFF.match(text, chain_noun.end(), chain_lead.start()):
                    who = "staff"
                else:  # whose: said right before the noun ("your letter to the Company delivered ...")
                    pm = _POSSESSIVE.search(text, max(0, chain_noun.start() - _POSSESSIVE_REACH), chain_noun.start())
                    who = _who(pm.group("pos") if pm else None, chain_noun.group("word"))
                found = PriorLetter(iso, who, chain_noun.start(), m_end)
        if found is None:
            am = _AFTER.match(text, m_end, m_end + 40)
            pm = _POSSESSIVE.search(text, max(0, m_start - _POSSESSIVE_REACH), m_start)
            if pm and not am:
                am = _listed_noun(text, candidates, index)
            if am and pm:
                found = PriorLetter(iso, _who(pm.group("pos"), am.group("word")), pm.start(), am.end())
        if found is not None:
            out.append(found)
        last, last_date_end = found, m_end
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
