"""Shared reading aids for the anatomy parsers: lines with offsets, the head/foot landmarks, names.

The letters come as pdftotext output (staff letters: hard-wrapped lines, running page headers),
html2text output (responses: one paragraph per line, or a whole letter on one line, with stray
table bars "|") and markdown (a few converted PDFs: "**Re:**", "## Via E-mail"). Everything here
keeps offsets into the text it was given. Standard library only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# --- lines ---------------------------------------------------------------------------------------
# Markup that converters leave around a line's words: markdown bold/heading/bullet marks and
# html2text's table bars ("|Re:", "|/s/ Earl C. Shanks").
_MARKUP = re.compile(r"\*\*|__|^\s*#{1,6}\s+|^\s*[-*+]\s+(?=\S)|\|")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the text: its offsets and its words with converter markup removed."""

    start: int
    end: int
    clean: str


def clean(s: str) -> str:
    """``s`` without markdown/html2text markup, blanks collapsed ("**Filed March 16, 2011** " -> ...)."""
    s = _MARKUP.sub(" ", s)
    return " ".join(s.replace("\u00a0", " ").split())


def lines_of(text: str) -> list[Line]:
    """Every line of ``text`` with its offsets (empty lines kept, as blank ``clean``)."""
    out: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        out.append(Line(pos, pos + len(raw), clean(raw)))
        pos += len(raw) + 1
    return out


def collapse(s: str) -> str:
    """Blanks and line breaks collapsed to one space, markup dropped: the readable text of a passage."""
    return " ".join(clean(part) for part in s.split("\n") if clean(part))


# --- landmarks -----------------------------------------------------------------------------------
# The salutation ends the head of a letter: "Dear Mr. Head:", "Dear Walter S. Hulse:",
# "Dear\nMr. Reynolds and Ms. Daniels:" (html2text broke the line), "Ladies and Gentlemen:".
SALUTATION = re.compile(
    r"\bDear\s+(?P<dear>[^\n:;]{2,120}?)\s*[:,;]"
    r"|\b(?:Ladies\s+and\s+Gentlemen|Gentlemen|Dear\s+Sir\s+or\s+Madam|To\s+Whom\s+It\s+May\s+Concern)\s*[:,]",
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


def closings(text: str) -> list[re.Match[str]]:
    """Every complimentary close ("Sincerely,") in the text, in order."""
    return list(CLOSING.finditer(text))


# --- names ---------------------------------------------------------------------------------------
# A person's name as letters print it: given names or initials, then a surname; "W. Robert
# Berkley Jr.", "Terence O’Brien", "Moncada-Terry", "McWilliams", "Adélaja Heyliger".
_UP = r"[A-ZÀ-ÖØ-Þ]"
_LOW = r"[a-zß-öø-ÿ]"
NAME_WORD = rf"(?:{_UP}(?:{_LOW}|{_UP})*(?:[’']\s?{_UP}{_LOW}+)?(?:-{_UP}{_LOW}+)?{_LOW}|{_UP}\.(?:\s?{_UP}\.)?|{_UP}{_UP}+)"
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
""".split())
_NOT_NAME_LOWER = frozenset(w.lower() for w in NOT_NAME)
_NAME_WORD_RE = re.compile(NAME_WORD)
_ORG_WORDS = frozenset("""corp corporation inc incorporated co company llc llp lp l.p ltd limited plc
    group holdings bank n.a trust partners ag sa nv se""".split())
_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "II", "III", "IV"})
_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Messrs|Mses|Prof)\.?\s+")


def person_name(s: str) -> str | None:
    """The person's name that ``s`` starts with, without honorific or title, or None.

    >>> person_name("Mr. Stephen R. Head Chief Financial Officer")
    'Stephen R. Head'
    >>> person_name("Ryan Rohn, Staff Accountant") , person_name("Division of Corporation Finance")
    ('Ryan Rohn', None)
    """
    s = s.strip(" \t|*,:;")
    signed = s.startswith("/s/")
    s = _HONORIFIC.sub("", re.sub(r"^/s/\s*", "", s))
    keep: list[str] = []
    for tok in s.split()[:8]:
        bare = tok.rstrip(",;:")
        if bare in _SUFFIXES and len(keep) >= 2:
            # "Craig D. Wilson Sr. Asst. Chief Accountant": "Sr." before a title is the title's.
            if bare.startswith("Sr") and tok is not s.split()[-1]:
                break
            keep.append(bare if bare != "Jr" else "Jr.")
            break
        if bare.rstrip(".").lower() in _ORG_WORDS:
            return None  # "Las Vegas Sands Corp.", "Ford Motor Company"
        if not _NAME_WORD_RE.fullmatch(bare) or bare.rstrip(".").lower() in _NOT_NAME_LOWER:
            break
        keep.append(bare)
        if tok != bare:  # a comma ends the name: "Ryan Rohn, Staff Accountant"
            if len(keep) >= 2:
                break
            return None
    core = [w for w in keep if w not in _SUFFIXES]
    if len(core) < 2 or len(core[-1]) < 2 or core[-1].endswith("."):
        return None
    name = " ".join(keep)
    # An all-capitals line is an organization ("BOFA SECURITIES, INC."), unless it is a signature.
    if name.isupper() and not signed:
        return None
    return name


def surname_key(name: str) -> str:
    """The surname of ``name`` for matching printed and "/s/" forms: lower case, no blanks."""
    words = [w for w in name.split() if w.rstrip(".,") not in ("Jr", "Sr", "II", "III", "IV")]
    return words[-1].lower().replace("’", "'") if words else ""
