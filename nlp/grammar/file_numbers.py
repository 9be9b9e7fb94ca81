"""SEC file numbers in comment letters: "File No. 000-27385", "File Nos. 001-35784 and 333-12345".

A file number is the SEC's docket for a registrant or a registration: a prefix naming the act and
kind ("001-" or "1-" Exchange Act Section 12(b), "000-"/"0-" Section 12(g), "333-" Securities Act
registration, "005-" tender offer and beneficial ownership schedules, "811-"/"814-" investment
companies and BDCs), a hyphen, and a serial number. Refs are the number as written (leading zeros
kept, any dash written as "-"), per GOLD.md "file_numbers".

A number counts when "File No.", "File Nos.", "File Number", "Commission File Number",
"Registration No." or "Registration Statement No." introduces it, when it continues such a list
("File Nos. 814-149; 333-142398"), or, standing alone, when its prefix is one only file numbers
have ("(No. 333-224495)", "Form F-3 ... (333-180300)"). Standard library only.
"""

from __future__ import annotations

import re

from asckg.nlp.grammar import scan
from asckg.nlp.mention import Mention

KIND = "file_number"

DASH = "[-\u2010\u2011\u2012\u2013\u2014]"

# --- named pieces ------------------------------------------------------------------------------
# A file number: 1-3 digit prefix, dash, 3-8 digit serial ("814-149", "1-3247", "333-210102").
# Guard: the number may not touch another digit or dash on either side (the side before is
# checked by _BEFORE_NUMBER). That keeps out accession
# numbers "0001193125-16-685168", phone numbers "202-551-3739" (the "551-3739" follows a dash),
# zip+4 codes "20549-0405" (5-digit prefix) and ASC paragraphs "606-10-25-1" (more dashes follow).
# html2text and pdftotext may break the line or put a blank after the dash: "File No. 333-\n249277",
# "File No. 333- 227503". Co-registrant files carry a suffix: "File No. 001-11307-01".
NUMBER = (
    # (\d\d{0,2}, not \d{1,3}: a plain class first lets the engine skip along by first character)
    r"(?P<prefix>\d\d{0,2})" + DASH + r"[ \t]{0,2}(?:\r?\n[ \t]{0,4})?(?P<serial>\d{3,8})"
    r"(?:" + DASH + r"(?P<suffix>\d{2})(?![\d\w]|" + DASH + r"\d))?"
    r"(?!\d|" + DASH + r"\d|\.\d)"
)
_NUMBER_RE = re.compile(NUMBER)
# The guard before the number, checked outside the pattern so that the engine can skip along by
# the first digit (asckg.nlp.grammar.scan).
_BEFORE_NUMBER = scan.not_after("-\u2010\u2011\u2012\u2013\u2014./")

# What introduces a file number, right before it (blanks and line breaks allowed: "File\nNo.
# 001-16483" in html2text output): "File No.", "File Nos.", "File No.:", "File no.", "File Number:",
# "Commission File Number", "SEC File No.", "File 000-04690", "Registration No.", "Registration
# Statement No.", "(File No. 333-216383)". Bounded blanks keep the look-back linear.
_INTRO = re.compile(
    r"(?<![A-Za-z])(?:file|registration(?:\s{1,4}statement)?)\s{0,4}"
    r"(?:(?:nos?|numbers?)\s{0,2}\.?|#)?\s{0,3}:?\s{0,4}$",
    re.IGNORECASE,
)
# Joins the numbers of one list: "File Nos. 1-15891 and 1-36002", "File Nos. 814-149; 333-142398",
# "001-15244, 001-33434 and 333-180300".
_LIST_SEP = re.compile(r"\s{0,4}(?:[,;&]\s{0,4}(?:and\s{1,4})?|and\s{1,4}|or\s{1,4})\s{0,4}", re.IGNORECASE)
# Prefixes that are file numbers even without "File No.": 333- registration statements (six-digit
# serial since 1996, five before), zero-padded Exchange Act prefixes 000-, 001-, 002-, 005-, and
# 811-/814- investment company and BDC files (five-digit serials). Not "33-8350" or "34-48960":
# those are SEC release numbers ("SEC Release No. 33-8350"), whose prefixes are two digits.
_BARE = re.compile(r"(?:333-\d{5,6}|00[0-9]-\d{5}|81[14]-\d{5})")
# Guard: release numbers look like file numbers but are not ("Release No. 34-48960"; "Section V of
# SEC Release 33-8350"). A bare-prefix number after "Release" is left out as well.
_RELEASE = re.compile(r"(?<![A-Za-z])Release\s{0,3}(?:Nos?\.?\s{0,3})?$", re.IGNORECASE)
_LOOKBACK = 48  # characters: "Commission File Number:" plus blanks
_PREFILTER = re.compile(r"\d" + DASH)


def _normalize(prefix: str, serial: str, suffix: str | None = None) -> str:
    """The ref: the number as written, with plain hyphens and no line break ("001‑13652" -> "001-13652")."""
    return f"{prefix}-{serial}" + (f"-{suffix}" if suffix else "")


def find(text: str) -> list[Mention]:
    """Every SEC file number in ``text``, one ``Mention`` per number (span = the number itself).

    >>> [m.refs[0] for m in find("File Nos. 001-35784 and 333-12345; Release No. 33-8350; (202) 551-3739")]
    ['001-35784', '333-12345']
    """
    if not _PREFILTER.search(text):
        return []
    out: list[Mention] = []
    last_end = -1
    for m in scan.finditer(_NUMBER_RE, text, _BEFORE_NUMBER):
        ref = _normalize(m.group("prefix"), m.group("serial"), m.group("suffix"))
        start = m.start()
        window = max(0, start - _LOOKBACK)
        # Only a list that "File Nos." opened continues: in "333-180300, 555-1234" a bare number
        # does not vouch for the next one.
        if last_end >= 0 and _LIST_SEP.fullmatch(text, last_end, start):
            introduced = True
        else:
            introduced = bool(_INTRO.search(text, window, start))
        if not introduced and (
            m.group("suffix") or not _BARE.fullmatch(ref) or _RELEASE.search(text, window, start)
        ):
            last_end = -1
            continue
        out.append(Mention(KIND, start, m.end(), m.group(0), (ref,)))
        last_end = m.end() if introduced else -1
    return out
