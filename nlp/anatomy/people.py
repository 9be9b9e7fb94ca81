"""The foot of a letter: who signed it ("Sincerely," / "/s/" blocks) and whom to contact.

Staff letters close with "Sincerely," and either "/s/ Craig D. Wilson" and the printed name, or
only "Division of Corporation Finance / Office of ..." (no person: no signer). Someone may sign for
another: "/s/ Jacqueline Kaufman for\\nMara L. Ransom". Responses close with "Very truly yours,",
"/s/ Name", the printed name and title; underwriters' letters with "By: /s/ Name / Name: ... /
Title: ...". Staff contacts are the people named in "You may contact X, Staff Accountant, at
(202) 551-3739 ... Please contact Y at 202-551-3805 with any other questions". Standard library only.
"""

from __future__ import annotations

import re

from asckg.nlp.anatomy.model import Person
from asckg.nlp.anatomy.text import CLOSING, NAME_WORD, clean, closings, find_all, lowered, person_name, surname_key

# Where a signature block ends: a "cc:" list, enclosures, an appendix, or a paragraph of prose.
_BLOCK_END = re.compile(r"^\s*(?:cc|c\.c\.|copy\s+to|copies\s+to|enclosures?|attachments?|appendix|annex|exhibit)\b",
                        re.IGNORECASE)
_SLASH_S = re.compile(r"/s/\s*(?P<rest>[^\n]*)", re.IGNORECASE)
_FOR = re.compile(r"\s+for\s*$|\s+for\s+(?P<who>.+)$", re.IGNORECASE)
_NAME_LABEL = re.compile(r"^\s*Name\s*:\s*(?P<name>.+)$", re.IGNORECASE)
_TITLE_LABEL = re.compile(r"^\s*Title\s*:\s*(?P<title>.+)$", re.IGNORECASE)
_LONE_CAPITAL = re.compile(r"(?:^|\s)[A-Z]$")
_OFFICE = re.compile(r"^(?:Office\s+of|Division\s+of|Disclosure\s+Review)\b.*", re.IGNORECASE)


def _block_lines(text: str, start: int, max_lines: int = 24) -> list[tuple[int, int, str]]:
    """The lines of a signature block from ``start``: (start, end, clean text), blank lines skipped."""
    out: list[tuple[int, int, str]] = []
    pos = start
    seen = 0
    while pos < len(text) and seen < max_lines:
        nl = text.find("\n", pos)
        nl = len(text) if nl < 0 else nl
        c = clean(text[pos:nl])
        if c:
            seen += 1
            if len(c) > 160 and not out and c.startswith("/s/"):
                # html2text put the whole foot on one line: "/s/ Todd Taylor Todd Taylor Vice
                # President and Principal Accounting Officer cc: Christy Adams, ..."
                c = c[:160]
            elif _BLOCK_END.match(c) or len(c) > 160 or CLOSING.match(c):
                break
            out.append((pos, nl, c))
        pos = nl + 1
    return out


def _title_after(lines: list[tuple[int, int, str]], i: int, name: str) -> tuple[str | None, str | None]:
    """Title and office printed on the lines after a signer's name line."""
    title = office = None
    for _, _, c in lines[i + 1: i + 4]:
        lab = _TITLE_LABEL.match(c)
        if lab:
            return lab.group("title").strip(), office
        if _OFFICE.match(c):
            office = office or c
        elif (person_name(c) or "") and surname_key(person_name(c) or "") == surname_key(name):
            continue  # the printed name under "/s/ Name"
        elif person_name(c) or c.startswith("/s/") or _NAME_LABEL.match(c) or c.lower().startswith("by"):
            break
        elif title is None and not c.isupper():
            title = c
    return title, office


def signers(text: str, after: int = 0, closes: list[re.Match[str]] | None = None) -> list[Person]:
    """The people who signed, read from the complimentary close at or after ``after``.

    The close used is the first one after ``after`` (the start of the last comment, so that a
    quoted close earlier does not count), else the last in the letter.
    """
    found = closings(text) if closes is None else closes
    starts = [m.end() for m in found if m.start() >= after]
    if not starts:
        # No close after the body: a block of "/s/" lines ("By:\n/s/ Brian J. Doerger") still signs.
        sm = _SLASH_S.search(text, after)
        if sm:
            line_start = text.rfind("\n", 0, sm.start()) + 1
            line_end = text.find("\n", sm.start())
            long_line = (len(text) if line_end < 0 else line_end) - line_start > 160
            # a long line is a whole paragraph or letter: start the block at the "/s/" itself
            starts = [sm.start() if long_line else line_start]
        elif found:
            starts = [found[-1].end()]
        else:
            return []
    out: list[Person] = []
    for start in starts[:4]:
        out.extend(_signers_in(text, start))
    return _dedupe(out)


def _signers_in(text: str, start: int) -> list[Person]:
    """The signers of the signature block starting at ``start`` (just after a close)."""
    lines = _block_lines(text, start)
    out: list[Person] = []
    printed = [(i, person_name(c) or "") for i, (_, _, c) in enumerate(lines)]
    for i, (ls, le, c) in enumerate(lines):
        lab = _NAME_LABEL.match(c)
        sm = _SLASH_S.search(c)
        if not sm:
            continue
        rest = sm.group("rest").strip(" |")
        fm = _FOR.search(rest)
        principal = None
        # "/s/ Jacqueline Kaufman for" + "Mara L. Ransom": only right after a whole name, not a
        # "for" further on in a one-line foot ("... Vice President for Finance")
        if fm and person_name("/s/ " + rest[: fm.start()]) == " ".join(rest[: fm.start()].split()).strip(" ,"):
            rest = rest[: fm.start()]
            who = fm.group("who") if fm.group("who") else (lines[i + 1][2] if i + 1 < len(lines) else "")
            principal = person_name(who)
        name = person_name("/s/ " + rest) if rest else None
        if not name:
            # html2text broke the signed name over lines: "/s/" + "Jin-Kyu" + "Baek",
            # "/s/" + "Wendy" + "A." + "Beck"; join the short lines below until a name reads.
            # Small capitals come apart letter by letter: "/s/ D. Z" + "ACHARY" + "H" + "UDSON".
            acc, prev_end = rest, le
            for k, (ns, ne, nxt) in enumerate(lines[i + 1: i + 6]):
                if len(nxt) > 30 or _NAME_LABEL.match(nxt) or _TITLE_LABEL.match(nxt):
                    break
                if k and text.count("\n", prev_end, ns) > 1 or name and person_name(nxt):
                    break  # a blank line or the printed name ends the broken name
                glue = "" if _LONE_CAPITAL.search(acc) and nxt.isupper() else " "
                acc = f"{acc}{glue}{nxt}".strip()
                name = person_name("/s/ " + acc) or name
                prev_end = ne
            rest = rest or (name or "")
        if not name:
            continue
        # Prefer the printed name below when it spells the same person out more fully
        # ("/s/ Scott Flood" over "Scott L. Flood"; "/s/ SUNIT S. PATEL" over "Sunit S. Patel").
        for j, p in printed[i + 1: i + 8]:
            if p and surname_key(p) == surname_key(name) and (p.lower() == name.lower() or len(p.split()) > len(name.split())):
                name = p
                break
        st = text.find(rest.split()[0], ls) if rest else ls
        title, office = _title_after(lines, i, name)
        out.append(Person(name, title, office, "signer", st, st + len(rest or name)))
        if principal:
            pst = text.find(principal.split()[0], ls)
            out.append(Person(principal, None, None, "signed_for", pst, pst + len(principal)))
        del lab
    if out:
        return out
    # No "/s/": the printed names right under the close ("Sincerely,\nBrad Skinner\nSenior ...").
    for i, (ls, le, c) in enumerate(lines[:6]):
        lab = _NAME_LABEL.match(c)
        name = person_name(lab.group("name") if lab else c)
        if name and not re.search(r"\d", c):
            title, office = _title_after(lines, i, name)
            st = text.find(name.split()[0], ls)
            out.append(Person(name, title, office, "signer", st, st + len(name)))
            break
        if c.lower().startswith("division of") or _OFFICE.match(c):
            break
    return out


def _dedupe(people: list[Person]) -> list[Person]:
    seen: set[str] = set()
    out = []
    for p in people:
        if p.name.lower() not in seen:
            seen.add(p.name.lower())
            out.append(p)
    return out


# --- staff contacts --------------------------------------------------------------------------------
_PHONE = r"\(?\d{3}\)?[\s.\-]*\d{3}[\s.\-]*\d{4}"
_TITLE = (r"(?:[A-Z][A-Za-z\-]*\.?\s+){0,4}(?:[A-Z][A-Za-z]*-)?"
          r"(?:Accountant|Adviser|Advisor|Attorney|Chief|Counsel|Director|Examiner|Analyst|Editor|Officer|Engineer)s?")
# "Ryan Rohn, Staff Accountant, at (202) 551-3739", "Frank Knapp at 202-551-3805",
# "Danilo Castelli, Attorney Adviser at\n(202) 551-6521".
# A name's words are one to three blanks apart, or a page break apart (pdftotext's form feed, with
# the running header's lines blanked out around it).
_NAME_GAP = r"(?:\s{1,3}|[^\S\f]*\f\s*)"
_CONTACT_ITEM = re.compile(
    rf"(?P<name>{NAME_WORD}(?:{_NAME_GAP}{NAME_WORD}){{1,3}}(?:,?\s(?:Jr\.|III|II))?)"
    rf"(?:\s*,\s*(?P<title>{_TITLE})\s*,?|\s*\((?P<ptitle>{_TITLE})\))?\s+(?:at|on)\s+(?:telephone\s+(?:number\s+)?)?{_PHONE}"
)
# "Please contact David Korvin, Staff Attorney, at (202) 551-3236 or, in his absence, Pamela Long,
# Assistant Director." (the 2005-2010 wording): the stand-in may have no number of their own.
_ABSENCE_ITEM = re.compile(
    rf"\bin\s+(?:his|her|their)\s+absence\s*,?\s+(?P<name>{NAME_WORD}(?:{_NAME_GAP}{NAME_WORD}){{1,3}})"
    rf"(?:\s*,\s*(?P<title>{_TITLE}))?"
)
#: The end of a contact sentence: a period before a capital, or three line breaks with no page
#: break among them (a page break is a run of line breaks, not the end of the sentence).
_CONTACT_END = re.compile(r"(?<![A-Z])\.\s+(?=[A-Z])|\n\s*\n\s*\n")
# "You may contact ...", "Please call ...", "Please direct any questions to Shane Callaghan at ..."
_CONTACT = re.compile(r"\b(?:contact|call|questions\s+to)\b", re.IGNORECASE)


def staff_contacts(text: str) -> list[Person]:
    """People a staff letter names as contacts, with the title written beside the name."""
    out: list[Person] = []
    seen: set[str] = set()
    low = lowered(text)
    # the trigger words found as literals first: the pattern would be tried at every offset
    spots = sorted(find_all(low, "contact") + find_all(low, "call") + find_all(low, "questions"))
    found = (_CONTACT.match(text, i) or _CONTACT.search(text, max(0, i - 1), i + 40) for i in spots)
    seen_at: set[int] = set()
    for cm in found:
        if cm is None or cm.start() in seen_at:
            continue
        seen_at.add(cm.start())
        window_end = min(len(text), cm.end() + 420)
        sentence_end = next((m for m in _CONTACT_END.finditer(text, cm.end(), window_end) if "\f" not in m[0]), None)
        hi = sentence_end.start() if sentence_end else window_end
        items = sorted([*_CONTACT_ITEM.finditer(text, cm.end(), hi), *_ABSENCE_ITEM.finditer(text, cm.end(), hi)],
                       key=lambda m: m.start("name"))
        for m in items:
            name = person_name(re.sub(r"\s+", " ", m.group("name")))
            if not name or name.lower() in seen:
                continue
            seen.add(name.lower())
            t = m.group("title") or m.groupdict().get("ptitle")
            title = re.sub(r"\s+", " ", t).strip() if t else None
            out.append(Person(name, title, None, "staff_contact", m.start("name"), m.start("name") + len(m.group("name"))))
    return out
