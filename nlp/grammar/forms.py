"""SEC form types named in comment letters: "Form 10-K", "Forms 10-K and 10-Q", "the 10-K", "Schedule 14A".

The form types are a closed vocabulary, kept as package data in ``asckg/nlp/patterns/forms.jsonl``
(one JSON object per form: ``form`` canonical name, ``kind`` form / schedule / edgar, ``bare``
whether the name alone is a form, ``strict`` whether it needs a capitalized "Form" right before it,
``aliases`` other spellings). Only names in the vocabulary are found, so "Form 483" (an FDA form),
"Schedule II" (an S-X financial statement schedule), "Regulation S-K" and "Rule 10b-5" never are.

Refs are normalized per GOLD.md "forms": without the word "Form" ("10-K", "S-1", "10" for Form 10);
amendments separately ("Form 10-K/A" -> "10-K/A"; "Amendment No. 1 to Form S-3" -> "S-3/A" and
"S-3"); schedules as "Schedule 14A", "Schedule TO-I"; proxy filings by EDGAR type if written so
("Schedule PREM14A" -> "PREM14A", "DEF 14A").

Standard library only.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from asckg.nlp.grammar import scan
from asckg.nlp.mention import Mention

KIND = "form"

#: Hyphens as written: ASCII, Unicode hyphen, non-breaking hyphen ("Form 10‑Q" in html2text
#: output), figure dash, en and em dash.
DASH = "[-\u2010\u2011\u2012\u2013\u2014]"
_DASH_RE = re.compile(DASH)


@dataclass(frozen=True, slots=True)
class FormType:
    """One entry of the closed vocabulary (a line of ``forms.jsonl``)."""

    form: str
    kind: str  # "form" (Form X), "schedule" (Schedule X), "edgar" (an EDGAR type: DEF 14A)
    bare: bool  # the name alone, without "Form", is a form ("the 10-K")
    strict: bool  # only right after a capitalized "Form" ("Form 10", "Form 4")
    aliases: tuple[str, ...]

    def ref(self, amended: bool = False) -> str:
        """The normalized reference: "10-K", "10-K/A", "Schedule 14A"."""
        name = f"Schedule {self.form}" if self.kind == "schedule" else self.form
        return name + "/A" if amended else name


def _key(written: str) -> str:
    """Lookup key of a written form name: dashes unified, blanks dropped, upper case ("def 14a" -> "DEF14A")."""
    return re.sub(r"\s+", "", _DASH_RE.sub("-", written)).upper()


def _written_pattern(name: str) -> str:
    """Regex for one spelling: a hyphen may be any dash, a blank may be absent ("DEF 14A", "DEF14A")."""
    parts = []
    for ch in name:
        if ch == "-":
            parts.append(DASH)
        elif ch == " ":
            parts.append(r"[ \t\u00a0]?")
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, FormType]:
    """The closed vocabulary from package data, by lookup key of every spelling (read once)."""
    text = resources.files("asckg.nlp.patterns").joinpath("forms.jsonl").read_text(encoding="utf-8")
    vocab: dict[str, FormType] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        ft = FormType(
            form=row["form"],
            kind=row["kind"],
            bare=bool(row.get("bare", False)),
            strict=bool(row.get("strict", False)),
            aliases=tuple(row.get("aliases", ())),
        )
        for spelling in (ft.form, *ft.aliases):
            vocab[_key(spelling)] = ft
    return vocab


@lru_cache(maxsize=1)
def _token_re() -> re.Pattern[str]:
    """One form name as written, plus "/A" (amended) or a plural "s" ("10-Ks").

    Longest spellings first, so "10-12B" wins over "10" and "S-3ASR" over "S-3". The name must not
    touch a letter, digit or dash on either side: "F-150" (a Ford truck) is not "F-1", "10-K405"
    is not "10-K", and "333-10" in a file number is not "Form 10".
    """
    spellings: set[str] = set()
    for ft in vocabulary().values():
        spellings.update((ft.form, *ft.aliases))
    alts = "|".join(_written_pattern(s) for s in sorted(spellings, key=len, reverse=True))
    # No look-behind here: a pattern that starts with one cannot be scanned by first character,
    # which made this search four times slower. ``find`` checks the character before instead.
    return re.compile(
        r"(?P<name>" + alts + r")"
        r"(?P<amend>\s?/\s?A(?![A-Za-z]))?(?P<plural>s(?![A-Za-z]))?"
        r"(?![\w\u2010\u2011]|" + DASH + r"\w|\.\d)"
    )


# PDF text may break a line after a name's hyphen: "Form 10-" / "K" is Form 10-K, not Form 10. The
# pattern reads "10"; the rest is joined on here, only where the joined name is in the vocabulary.
_WRAPPED_REST = re.compile(DASH + r"\n[ \t]{0,12}(?P<rest>[A-Z0-9]{1,5})(?![\w\u2010\u2011-])")

# A name may not touch a word, a dash, "/" or "." before it (checked outside the pattern, see above).
_BEFORE_NAME = scan.not_after("-\u2010\u2011/.")


# --- context ------------------------------------------------------------------------------------
# What may stand right before a form name to make it one. "Form"/"Forms"/"FORM" or
# "Schedule"/"Schedules", with any blanks or line breaks between ("Form\n10-K" in pdftotext output).
_INTRO = re.compile(r"(?<![A-Za-z])(?P<word>forms?|schedules?)\s{0,6}$", re.IGNORECASE)
# An amendment named as such: "Amendment No. 1 to Form S-3", "Amendment No. 2 to Registration
# Statement on Form\nS-1", "Amendment No. 2 to Preliminary Proxy Statement on Schedule 14A",
# "Amendment No.1 to the Form S-4". At most six title words between, so the look-back is bounded.
_AMENDMENT = re.compile(
    r"(?<![A-Za-z])(?:Amendment\s+No\.?\s*\d{1,2}\s+to|Amended)\s+(?:[A-Za-z’'\-]+\s+){0,6}(?:forms?|schedules?)\s{0,6}$",
    re.IGNORECASE,
)
# ("Amended Draft Registration Statement on Form 10", Texas Pacific Land 2020: an amendment too.)
# The same without "Form" before the name: "Amendment No. 1 to the S-4" (a name accepted bare).
_AMENDMENT_BARE = re.compile(
    r"(?<![A-Za-z])Amendment\s+No\.?\s*\d{1,2}\s+to\s+(?:[A-Za-z’'\-]+\s+){0,6}$",
    re.IGNORECASE,
)
# Words that may join the names of a list after one "Forms": "Forms 10-K and 10-Q",
# "Forms 10-K, 10-Q and 8-K", "Forms 3, 4 and 5", "Forms 10-K/10-Q".
_LIST_SEP = re.compile(r"\s{0,4}(?:,\s{0,4}(?:and\s+|or\s+)?|and\s+|or\s+|/\s?|&\s?)\s{0,4}", re.IGNORECASE)
# A determiner right before a name that is not a form on its own: "the F-1", "its F-3".
_DETERMINER = re.compile(r"(?<![A-Za-z])(?:the|its|our|your|this|that|such|an?)\s+$", re.IGNORECASE)
# Guard: a bare name after these words is a page or part label, not a form. Prospectus supplements
# number pages "S-1", "S-2", ...; financial statement pages run "F-1" to "F-122" ("on page F-16").
_NOT_BEFORE_BARE = re.compile(
    r"(?<![A-Za-z])(?:pages?|pp?\.|exhibits?|annex|appendix|item|rule|section|note|regulation|table)\s{0,3}$",
    re.IGNORECASE,
)
# Guard: a bare name inside a page range, "pages S-1 through S-4" or "pages F-1 to F-3": neither end
# is a form (the start fails _NOT_BEFORE_BARE, these catch the end and a start without "page").
_PAGE_RANGE_AFTER = re.compile(r"\s{0,3}(?:through|to|–|-)\s{0,3}[SF]-\d", re.IGNORECASE)
_PAGE_RANGE_BEFORE = re.compile(r"(?<![\w-])[SF]-\d{1,3}\s{0,3}(?:through|to|and|–|-)\s{0,3}$", re.IGNORECASE)
_LOOKBACK = 160  # characters: enough for "Amendment No. 1 to the Registration Statement on Form"
_INTRO_BACK = 16  # characters: "Schedules" and six blanks


def _accept(text: str, start: int, end: int, ft: FormType, list_ok: bool) -> tuple[int, bool] | None:
    """Whether a vocabulary name at ``start`` is a form here: (span start, named as an amendment) or None."""
    intro = _INTRO.search(text, max(0, start - _INTRO_BACK), start)
    if intro is not None:
        word = intro.group("word")
        is_schedule = word.lower().startswith("schedule")
        if is_schedule and ft.kind == "form":
            # "Schedule I" / "Schedule II" are S-X schedules; "Schedule 10" is no SEC schedule.
            return None
        if not is_schedule and ft.kind == "schedule":
            return None
        if ft.strict and not word[0].isupper():
            # "in the form 4 ..." is no Form 4; strict names need "Form"/"FORM" as a title.
            return None
        window_start = max(0, start - _LOOKBACK)
        # The literal test first: the amendment pattern is the one costly look-back.
        amend = _AMENDMENT.search(text, window_start, start) if "mend" in text[window_start:start] else None
        if amend is not None:
            return amend.start(), True
        return intro.start(), False
    if list_ok:
        return start, False
    if ft.strict:
        return None
    if ft.kind == "schedule":
        # A hyphenated schedule type after a determiner is still one: 'the Company's Schedule TO-C
        # ... (the "TO-C")'. A plain "the 14A" or "the TO" is not written in letters.
        if "-" in ft.form and _DETERMINER.search(text, max(0, start - 12), start):
            return start, False
        return None
    if _NOT_BEFORE_BARE.search(text, max(0, start - 20), start):
        return None
    if _PAGE_RANGE_BEFORE.search(text, max(0, start - 20), start) or _PAGE_RANGE_AFTER.match(text, end, end + 16):
        return None
    if ft.bare or _DETERMINER.search(text, max(0, start - 12), start):
        window_start = max(0, start - _LOOKBACK)
        if "mendment" in text[window_start:start]:
            amend = _AMENDMENT_BARE.search(text, window_start, start)
            if amend is not None:
                return amend.start(), True
        return start, False
    return None


def find(text: str) -> list[Mention]:
    """Every SEC form type named in ``text``, one ``Mention`` per name, refs normalized per GOLD.md.

    >>> [m.refs for m in find("Forms 10-K and 10-Q for the periods; Amendment No. 1 to Form S-3")]
    [('10-K',), ('10-Q',), ('S-3/A', 'S-3')]
    """
    vocab = vocabulary()
    out: list[Mention] = []
    last_end = -1
    last_kind = ""
    last_strict = False
    for m in scan.finditer(_token_re(), text, _BEFORE_NAME):
        ft = vocab[_key(m.group("name"))]
        name_end = m.end("name")
        wrapped = _WRAPPED_REST.match(text, name_end) if m.end() == name_end else None
        if wrapped is not None:
            joined = vocab.get(_key(m.group("name") + "-" + wrapped.group("rest")))
            if joined is not None:
                ft, name_end = joined, wrapped.end()
        # A name that continues a list opened by "Forms"/"Schedules" ("Forms 10-K and 10-Q").
        # Strict names only continue a list of strict names ("Forms 3, 4 and 5"): in "our Form
        # 10-K, 4 of which ..." the "4" is no form.
        kind = ft.kind if ft.kind != "edgar" else "form"
        list_ok = (
            last_end >= 0
            and kind == last_kind
            and ft.strict == last_strict
            and bool(_LIST_SEP.fullmatch(text, last_end, m.start()))
        )
        got = _accept(text, m.start(), m.end(), ft, list_ok)
        if got is None:
            last_end = -1
            continue
        span_start, amendment = got
        written_amended = m.group("amend") is not None
        if written_amended:
            refs: tuple[str, ...] = (ft.ref(amended=True),)
        elif amendment:
            refs = (ft.ref(amended=True), ft.ref())
        else:
            refs = (ft.ref(),)
        end = m.end("amend") if written_amended else name_end
        out.append(Mention(KIND, span_start, end, text[span_start:end], refs, detail="amendment" if amendment else ""))
        last_end = max(m.end(), name_end)
        last_kind = ft.kind if ft.kind != "edgar" else "form"
        last_strict = ft.strict
    return out
