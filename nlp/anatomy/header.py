"""The head of a letter: what kind it is, the registrant, the filings in the "Re:" block, addressees.

A staff letter's head is an address block (the company officer), a "Re:" block (registrant,
filings, "Filed ...", "File No. ...") and a salutation; a response's head is the same with the
SEC staff as addressees. pdftotext gives one item per line, html2text may break an item anywhere
("Registration Statement on Form\\nS-1") or put the whole head on one line, so the "Re:" block is
read as a flat string with the same offsets. Standard library only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from asckg.nlp.anatomy.model import FilingRef, Person
from asckg.nlp.anatomy.text import clean, folds_plainly, lowered, person_name, surname_key
from asckg.nlp.grammar import dates, forms
from asckg.nlp.mention import Mention

# --- kind ----------------------------------------------------------------------------------------
#: Accession prefixes of letters the SEC itself files on EDGAR: staff comment letters
#: (0000000000-) and "SEC STAFF LETTER" notices such as effectiveness orders (9999999997-).
STAFF_ACCESSION_PREFIXES = ("0000000000-", "9999999997-")
_ACCESSION = re.compile(r"^\d{10}-\d{2}-\d{6}$")
# Underwriters joining a registrant's acceleration request write to the SEC, but neither as the
# staff nor as the company: "we, the representatives of the underwriters ... hereby join in the
# request of the Registrant" (1751008_0001193125-21-346661), "as representatives of the several
# underwriters, hereby join DoorDash, Inc." (1792789_0001193125-20-309524).
_UNDERWRITERS_JOIN = re.compile(
    r"underwriters\b[^.]{0,200}?\bhereby\s+join|\bjoin\s+in\s+the\s+request\s+of\s+the\s+(?:Registrant|Company|Issuer)",
    re.IGNORECASE,
)
# What every _UNDERWRITERS_JOIN match holds, looked for first in the lower-cased text: the case-blind
# pattern has no first character to skip to and would be tried at every offset of the letter.
_JOIN_REQUEST = re.compile(r"join\s+in\s+the\s+request\s+of\s+the\s+(?:registrant|company|issuer)")
# Staff voice: sentences only the Division writes to a registrant.
_STAFF_VOICE = re.compile(
    r"We\s+have\s+(?:reviewed|completed\s+our\s+review|limited\s+our\s+review|concluded\s+our)"
    r"|Please\s+respond\s+to\s+th(?:is|ese)\s+(?:letter|comments?)"
    r"|You\s+may\s+contact\s+[^.]{0,80}\(?202\)?"
    r"|we\s+have\s+not\s+reviewed\s+and\s+will\s+not\s+review"
    r"|^[ \t]*Division\s+of\s+Corporation\s+Finance[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
# Company voice: sentences only a registrant or its counsel writes to the SEC.
_COMPANY_VOICE = re.compile(
    r"^[ \t|*]*(?:Company\s+|Management[’']s\s+|Our\s+)?Response\b"
    r"|\b(?:in\s+response\s+to|respond(?:s|ing)?\s+to)\s+(?:the\s+|your\s+)?(?:comments?|letter)"
    r"|\bon\s+behalf\s+of\s+(?:our\s+client|the\s+Company)"
    r"|\bhereby\s+requests?\s+(?:that|acceleration)"
    r"|\bcomments?\s+of\s+the\s+(?:staff|Staff)",
    re.MULTILINE,
)


def letter_kind(text: str, meta: Mapping[str, str]) -> str:
    """"staff", "response" or "other", from EDGAR metadata when given, else from the text."""
    form_type = (meta.get("form_type") or "").upper()
    accession = meta.get("accession") or ""
    if form_type == "UPLOAD" or accession.startswith(STAFF_ACCESSION_PREFIXES):
        return "staff"
    to_sec = form_type == "CORRESP" or bool(_ACCESSION.match(accession))
    if not to_sec and len(_STAFF_VOICE.findall(text)) > len(_COMPANY_VOICE.findall(text)):
        return "staff"
    # every underwriters' letter says "join" (a literal test before the costly pattern), and either
    # "underwriters" and "hereby" or "join in the request of the ..." (when the lower-cased text
    # stands for the text: folds_plainly); the pattern itself decides
    low = lowered(text)
    if "join" not in low:
        return "response"
    if folds_plainly(text, low) and not ("underwriters" in low and "hereby" in low or _JOIN_REQUEST.search(low)):
        return "response"
    return "other" if _UNDERWRITERS_JOIN.search(text) else "response"


# --- the "Re:" block -----------------------------------------------------------------------------
# Blanks around the label are spaces/tabs only: "[|*\s]*" would rescan runs of line breaks.
_RE_LABEL = re.compile(r"(?:^|(?<=\s))[|* \t]*(?:Re|RE|Subject|SUBJECT)[|* \t]*:[*|]*", re.MULTILINE)
# Where the block stops when no salutation follows it: an "Attention" line or the first paragraph.
_BLOCK_STOP = re.compile(r"\b(?:Attention|Attn)\s*:|\n\s*\n\s*\n|\n[^\n]{160}", re.IGNORECASE)


def re_block(text: str, head_end: int) -> tuple[int, int] | None:
    """The span of the "Re:" block's contents (after the label, up to the salutation)."""
    m = _RE_LABEL.search(text, 0, head_end)
    if not m:
        return _unlabelled_block(text, head_end)
    stop = _BLOCK_STOP.search(text, m.end(), head_end)
    end = stop.start() if stop and stop.start() > m.end() + 5 else head_end
    return m.end(), min(end, m.end() + 1200)


_FILING_LINE = re.compile(r"^[\s|*]*(?:Forms?\s|Filed\b|File\s+No|Schedule\s|Registration\s+Statement|Amendment\s+No|"
                          r"Definitive\s|Preliminary\s|Annual\s+Report)", re.IGNORECASE)


_BROKEN_FILING_LINE = re.compile(
    r"[\s|*]*(?:(?:Nos?\.\s*)?[\d\-\s|]+|[A-Z0-9]{1,4}-[0-9A-Z]{1,5}(?:/A)?|File|Form|Filed)[\s|*]*", re.IGNORECASE)


def _unlabelled_block(text: str, head_end: int) -> tuple[int, int] | None:
    """The filing lines right above the salutation when the letter prints no "Re:" label.

    1289592_0001193125-11-346616 lists "Form 10-K for Fiscal Year Ended December 31, 2010 / Filed
    March 1, 2011 / File No. 0-50990" between the address block and "Dear Mr. Rosenberg:".
    """
    end = text.rfind("\n", 0, head_end)
    pos = end
    start = None
    while pos > 0:
        ls = text.rfind("\n", 0, pos) + 1
        line = text[ls:pos]
        if clean(line):
            # "File No. 333-\n232001", "Registration Statement on Form\nS-4", "File\nNo. 333-277342":
            # html2text broke the line (315293_0001193125-24-103048)
            if not _FILING_LINE.match(line) and not _BROKEN_FILING_LINE.fullmatch(line):
                break
            start = ls
        pos = ls - 1
    if start is None:
        return None
    # the registrant's line right above ("Occidental Petroleum Corporation / Registration Statement ...")
    pos = start - 1
    while pos > 0:
        ls = text.rfind("\n", 0, pos) + 1
        if clean(text[ls:pos]):
            if _ORG_END.search(clean(text[ls:pos])):
                start = ls
            break
        pos = ls - 1
    return start, end


def flat(text: str, start: int, end: int) -> str:
    """``text[start:end]`` with line breaks and markup turned into blanks, same length."""
    return re.sub(r"[\n\r|*#\u00a0]", " ", text[start:end])


# --- filings -------------------------------------------------------------------------------------
# The forms themselves come from the forms grammar (asckg.nlp.grammar.forms), so that the "Re:" block
# and the body name a form alike ("Registration Statement on Form 10-12B" -> "10-12B"). Here only
# what the block says about each form: the period it covers, when it was filed, its file number.
_PERIOD = re.compile(r"\b(?:ended|ending)\b", re.IGNORECASE)
_PERIOD_STOP = re.compile(r"\b(?:filed|submitted|furnished|file\s+no|response|comment|letter|dated|\(\s*[“\"])",
                          re.IGNORECASE)
_FILED = re.compile(r"\b(?:(?:date\s+)?filed|submitted|furnished)\b\s*:?\s*(?:on\s+)?", re.IGNORECASE)
_FILED_CUT = re.compile(r"\b(?:File\s+No|Response|Comment|Form|Schedule|Amendment)\b", re.IGNORECASE)
_FILE_NO = re.compile(r"\b(?:File|Registration|Commission\s+File)\s+Nos?\.?\s*:?\s*(?P<no>\d{1,3}-\d{3,6})",
                      re.IGNORECASE)
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")
# A month and day with an optional year: "April 4 and July 4, 2009" shares the year at the end.
_MONTH_DAY = re.compile(rf"(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}})(?!\d)(?:\s*,?\s*(?P<y>(?:19|20)\d\d))?", re.IGNORECASE)
# Forms written as a list share what follows them: "PREC14A and DFAN14A Filed March 28, 2024".
_LIST_GLUE = re.compile(r"\s*(?:,|and|&|/)?\s*(?:and\s*)?", re.IGNORECASE)
# The schedule a filing is made on is no second filing: "PREC14A preliminary proxy statement
# filing made on Schedule 14A" (797468_0000000000-19-010557), "PREC14A Preliminary Revocation
# Solicitation Statement on Schedule 14A" (797468_0001140361-19-012472).
_MADE_ON = re.compile(r"\bon\s*$", re.IGNORECASE)
_EDGAR_TYPE = re.compile(r"^[A-Z]{3,5}\s?(?P<sched>14[AC])$")


def _dates_in(s: str) -> list[str]:
    """ISO dates written in ``s``, a year shared backwards ("March 31, June 30 and September 30, 2005")."""
    parts = [(mm.group("m"), mm.group("d"), mm.group("y")) for mm in _MONTH_DAY.finditer(s)]
    out: list[str] = []
    year = None
    for m, d, y in reversed(parts):
        year = y or year
        if year:
            iso = dates.parse_date(f"{m} {d}, {year}")
            if iso:
                out.append(iso)
    return out[::-1]


def _filing_forms(s: str) -> tuple[list[Mention], str]:
    """The forms named in the flattened block ``s`` that are filings of their own, and ``s`` with
    the schedules they are made on blanked out ("Filed on Schedule 14A November 8, 2019" then
    reads as the filing date of the form before it)."""
    # A filing named inside a parenthesis is a defined term, not another filing:
    # "Form 10-K for Fiscal Year Ended December 31, 2016 (“2016 10-K Report”)".
    found = [m for m in forms.find(s) if s.count("(", 0, m.start) <= s.count(")", 0, m.start)]
    out: list[Mention] = []
    for m in found:
        if out and m.refs[0].startswith("Schedule "):
            prev = out[-1]
            edgar = _EDGAR_TYPE.match(prev.refs[0])
            gap = s[prev.end:m.start]
            # "DFAN14A soliciting material filed pursuant to Rule 14a-12 / Filed on Schedule 14A
            # November 8, 2019" (797468_0000000000-19-015418): still the schedule it is made on
            if edgar and m.refs[0].endswith(edgar.group("sched")) and _MADE_ON.search(gap) \
                    and not _MONTH_DAY.search(gap):
                s = s[:m.start] + " " * (m.end - m.start) + s[m.end:]
                continue
        out.append(m)
    return out, s


def filings(text: str, block: tuple[int, int] | None) -> list[FilingRef]:
    """The filings the "Re:" block names, each with its period end, filing date and file number."""
    if block is None:
        return []
    start, end = block
    s = flat(text, start, end)
    hits, s = _filing_forms(s)
    block_file_no = _FILE_NO.search(s)
    out: list[dict] = []
    group: list[Mention] = []
    for i, m in enumerate(hits):
        tail_end = hits[i + 1].start if i + 1 < len(hits) else len(s)
        group.append(m)
        if i + 1 < len(hits) and _LIST_GLUE.fullmatch(s, m.end, tail_end):
            continue  # the next form continues the list
        tail = s[m.end:tail_end]
        stop = _PERIOD_STOP.search(tail)
        head_part = tail[: stop.start()] if stop else tail
        periods: list[str | None] = [None]
        pm = _PERIOD.search(head_part)
        if pm:
            dated: list[str | None] = list(_dates_in(head_part[pm.end():]))
            periods = dated or [None]
        filed: list[str] = []
        for fm in _FILED.finditer(tail):  # the first "filed" with a date after it
            seg = tail[fm.end():]
            cut = _FILED_CUT.search(seg)
            filed = _dates_in(seg[: cut.start()] if cut else seg)
            if filed:
                break
        fno = _FILE_NO.search(tail)
        added = 0
        for g in group:
            for p in periods:
                out.append({"form": g.refs[0], "period_end": p, "filed": None,
                            "file_number": fno.group("no") if fno else None,
                            "start": start + g.start, "end": start + g.end})
                added += 1
        group = []
        if filed:
            open_ = [f for f in out if f["filed"] is None]
            if len(filed) == 1:
                for f in out[len(out) - added:]:
                    f["filed"] = filed[0]
            else:  # "Filed February 28, 2018 and August 7, 2018, respectively"
                for f, d in zip(open_[-len(filed):], filed):
                    f["filed"] = d
    seen: set[tuple] = set()
    refs: list[FilingRef] = []
    for f in out:
        key = (f["form"], f["period_end"], f["filed"])
        if key in seen:
            continue
        seen.add(key)
        file_no = f["file_number"] or (block_file_no.group("no") if block_file_no else None)
        refs.append(FilingRef(f["form"], f["period_end"], f["filed"], file_no, f["start"], f["end"]))
    return refs


# --- company -------------------------------------------------------------------------------------
_NOT_COMPANY = re.compile(r"^(?:File|Form|Forms|Schedule|Registration|Amendment|Response|Comment|Definitive|"
                          r"Preliminary|Annual|Quarterly|Current|Draft|Filed|Dated|Letter|Request|CIK)\b", re.IGNORECASE)
_PRELUDE = re.compile(r"^(?:(?:Staff\s+)?Comment\s+Letter|Response\s+Letter|Your\s+letter|Letter|Request\s+for|"
                      r"Treatment\s+under|Confidential|Acceleration|Requested\s+(?:Date|Time))", re.IGNORECASE)
# "Aon plc Form\n10-K": html2text left "Form" at the end of the company's line
# Where the registrant's name ends on its line: the filing named after it ("Aon plc Form\n10-K",
# "Crown Castle Inc. PREC14A Filed ..."; forms from the forms grammar), a file number, a parenthesis.
_COMPANY_CUT = re.compile(
    r"\s+Forms?\s*$|\s+(?:(?:Definitive|Preliminary|Revised)\s+)?(?:Proxy|Information)\s+Statements?\b"
    r"|\s+(?:Draft\s+|Amended\s+)?Registration\s+Statements?\b|\s+(?:Annual|Quarterly|Current)\s+Reports?\b"
    r"|\s+(?:Tender\s+Offer|Offering)\s+Statement\b|\s+(?:Post-Effective\s+)?Amendment\s+No\b"
    r"|\s+(?:File\s+No|Filed|Registration\s+No)|\s+\(|\s*[;]",
    re.IGNORECASE)


def _cut_company(line: str) -> int | None:
    """Where the registrant's name on ``line`` ends, if something else follows it on the line."""
    cut = _COMPANY_CUT.search(line)
    ends = [cut.start()] if cut else []
    if any(ch.isdigit() for ch in line):
        ends += [m.start for m in forms.find(line) if m.start > 0]
    return min(ends) if ends else None
_ON_BEHALF = re.compile(r"\b(?i:on\s+behalf\s+of\s+(?:our\s+client,?\s+)?)(?P<co>[A-Z][^,(“\"]{2,80}?(?:,\s*(?:Inc|Ltd|L\.P|LLC|Corp|N\.A)\.?)?)\s*[,(]")


_SUFFIX_LINE = re.compile(r"(?:Corp\.|Corporation|Inc\.|Incorporated|Co\.|Company|Ltd\.|Limited|L\.P\.|LLC|plc|PLC|N\.A\.)")
_LETTER_CONCERNING = re.compile(
    r"^(?:[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4}\s+)?(?:Comment\s+)?Letter\s+"
    r"(?:Concerning|Regarding|Relating\s+to|to)\s+(?=[A-Z0-9])",
)


def company(text: str, block: tuple[int, int] | None, head_end: int) -> str | None:
    """The registrant as written in the "Re:" block (first named, for co-registrants)."""
    if block is not None:
        start, end = block
        raw = text[start:end]
        lines = raw.split("\n")
        for at, line in enumerate(lines):
            # "Re: Comment Letter Dated March 16, 2016 / Regarding Weyerhaeuser Company / Form 10-K ...",
            # "Re: Request for Confidential / Treatment under 17 C.F.R. § 200.83 / Citigroup Inc."
            c = re.sub(r"^(?:Regarding|In\s+re)\s+", "", clean(line), flags=re.IGNORECASE)
            # "Re: December 21, 2017 Letter Concerning Archer-Daniels-Midland Company Form 10-K ...":
            # the staff letter named before the registrant is no part of its name.
            c = _LETTER_CONCERNING.sub("", c)
            if not c or _PRELUDE.match(c):
                continue
            cut = _cut_company(" " + c)
            name = (" " + c)[:cut].strip() if cut is not None else c
            name = name.strip(" ,;:-–")
            if not name or _NOT_COMPANY.match(name):
                of = re.search(r"\bof\s+(?P<co>[A-Z][^,;]*(?:,\s*(?:Inc|Ltd|Corp|L\.P|LLC|N\.A)\.?)?)$", c)
                return of.group("co") if of else _company_fallback(text, head_end)
            # "eBay Inc.", "iRobot Corporation": a lower-case first letter before a capital is a name
            if not name or not re.match(r"[A-Za-z0-9]", name) or not re.search(r"[A-Za-z]{2}", name):
                return _company_fallback(text, head_end)
            # "Re: Capital One Financial" / "Corp.": the name's corporate suffix on a line of its own.
            following = next((clean(l) for l in lines[at + 1:] if clean(l)), "")
            if cut is None and _SUFFIX_LINE.fullmatch(following):
                name = f"{name} {following}"
            return name
    return _company_fallback(text, head_end)


def _company_fallback(text: str, head_end: int) -> str | None:
    """Without a usable "Re:" line: "On behalf of X (the "Company")" near the top."""
    m = _ON_BEHALF.search(text, 0, min(len(text), head_end + 1500))
    if m:
        return m.group("co").strip()
    m = re.search(r"CONFIDENTIAL\s+TREATMENT\s+REQUESTED\s+BY\s+(?P<co>[A-Z][A-Z .,&\n]+[A-Z.])", text[:3000])
    if m:
        return " ".join(m.group("co").split())
    return _letterhead_company(text, head_end)


_ORG_END = re.compile(r"(?:Inc\.?|Incorporated|Corporation|Corp\.|Company|Co\.|Ltd\.?|Limited|plc|PLC|L\.P\.|LLC|N\.V\.|S\.A\.|AG|SE)$")


def _letterhead_company(text: str, head_end: int) -> str | None:
    """A registrant printed as the letterhead above the dateline ("Ergo Science Corporation")."""
    first_date = next(iter(dates.find(text[:head_end])), None)
    top = text[: first_date.start if first_date else 0]
    for line in top.split("\n"):
        c = clean(line)
        if c and _ORG_END.search(c) and len(c) < 80 and not person_name(c):
            return c
    return None


# --- addressees ----------------------------------------------------------------------------------
_HONOR = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Messrs|Mses|Mmes|Prof)\.?\s+")
_ATTENTION = re.compile(r"\b(?:Attention|Attn)\s*[:.]?\s*", re.IGNORECASE)
_TITLE_LINE = re.compile(r"(?:Officer|Chief|Director|President|Accountant|Counsel|Secretary|Chairman|Treasurer|"
                         r"Controller|Attorney|Adviser|Advisor|Manager|Branch|Partner)\b")


def _person_at(text: str, start: int, end: int, name: str, role: str) -> Person:
    """A Person for ``name`` found at ``start``, with the title and office written beside it."""
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    rest = clean(text[end:line_end]).lstrip(" ,")
    nxt = [clean(x) for x in text[line_end + 1: line_end + 300].split("\n")[:3]]
    title = None
    if rest and _TITLE_LINE.search(rest):
        title = re.split(r"\s*(?:;|,\s*(?=Office|Division)|\s(?=Office\s+of))", rest)[0].strip(" ,") or None
    elif nxt and nxt[0] and _TITLE_LINE.search(nxt[0]) and len(nxt[0]) < 80:
        title = nxt[0]
    office = None
    for cand in [rest] + nxt:
        om = re.search(r"\bOffice\s+of\s+[A-Z][\w&,' ]+", cand or "")
        if om:
            office = om.group(0).strip(" ,")
            break
    if title and office and office in title:
        title = title.replace(office, "").strip(" ,") or None
    return Person(name, title, office, role, start, end)


def _word_at(text: str, word: str, lo: int, hi: int) -> list[int]:
    """Where ``word`` stands in ``text[lo:hi]`` as a whole word (no letter, digit or hyphen touching it).
    ``str.find`` rather than a pattern per surname, which would be compiled for every letter."""
    out: list[int] = []
    i = text.find(word, lo, hi)
    while i >= 0:
        before = text[i - 1] if i > lo else ""
        after = text[i + len(word)] if i + len(word) < hi else ""
        if not (before and (before.isalnum() or before in "_-")) and not (after and (after.isalnum() or after in "_-")):
            out.append(i)
        i = text.find(word, i + 1, hi)
    return out


def _find_full_name(text: str, surname: str, lo: int, hi: int) -> tuple[str, int, int] | None:
    """The fullest "Given M. Surname" written in ``text[lo:hi]`` for a salutation's surname."""
    best = None
    key = surname_key(surname)
    for s in _word_at(text, surname, lo, hi):
        line_start = max(text.rfind("\n", lo, s) + 1, lo)
        prefix = text[line_start:s]
        # try starts up to four words back, nearest last so the fullest wins
        starts = [line_start + w.start() for w in re.finditer(r"\S+", prefix)][-4:]
        for st in starts:
            line_end = text.find("\n", s)
            name = person_name(text[st: line_end if line_end >= 0 else len(text)])
            if name and surname_key(name) == key and (best is None or len(name) > len(best[0])):
                best = (name, st, st + len(name))
        if best is None and not prefix.strip(" |*"):
            # html2text broke the name: "Brad\nSkinner", "Mr. Tim\nBuchmiller"
            prev_end = line_start - 1
            prev_start = max(text.rfind("\n", lo, prev_end) + 1, lo)
            prev = clean(text[prev_start:prev_end])
            line_end = text.find("\n", s)
            if prev and len(prev.split()) <= 3:
                name = person_name(prev + " " + clean(text[s: line_end if line_end >= 0 else len(text)]))
                if name and surname_key(name) == key:
                    best = (name, prev_start, s + len(surname))
        if best:
            return best
    return None


def addressees(text: str, sal: re.Match[str] | None, head_end: int) -> list[Person]:
    """The people the letter is addressed to: the salutation's names, spelled out from the head."""
    out: list[Person] = []
    seen: set[str] = set()

    def add(name: str, st: int, en: int) -> None:
        k = surname_key(name)
        if k and k not in seen:
            seen.add(k)
            out.append(_person_at(text, st, en, name, "addressee"))

    if sal and sal.group("dear"):
        dear = re.sub(r"\s+", " ", sal.group("dear"))
        for part in re.split(r"\s*(?:,|\band\b|&)\s*", _HONOR.sub("", dear)):
            part = part.strip(" .")
            # "Dear Mr. McCullough III:", "Dear Anne Chwat, Esq.:" - the surname is before the suffix
            words = [w for w in part.split() if w.rstrip(".,") not in ("Esq", "Jr", "Sr", "II", "III", "IV")]
            if not words or not words[-1][:1].isupper():
                continue
            full = _find_full_name(text, words[-1], 0, sal.start())
            if full:
                add(*full)
            elif len(words) >= 2 and (name := person_name(" ".join(words))):
                add(name, sal.start("dear"), sal.end("dear"))
    # "Attention: Katherine Bagley / Lilyanna Peyser ..." or "Attn: Lily Dang and Gus Rodriguez"
    lim = sal.start() if sal else head_end
    # every match opens with "att" (case-blind): the scan starts at the first one, when the
    # lower-cased text stands for the text (folds_plainly); no match starts before it
    low = lowered(text)
    first = low.find("att", 0, lim) if folds_plainly(text, low) else 0
    for am in _ATTENTION.finditer(text, first, lim) if first >= 0 else ():
        stop = _RE_LABEL.search(text, am.end(), lim)
        seg_end = stop.start() if stop else lim
        pos = am.end()
        for piece in re.split(r"(\s*(?:;|,|\n|\band\b|\s{2,})\s*)", text[am.end():seg_end]):
            name = person_name(clean(piece)) if piece.strip() else None
            if name and not re.search(r"\d", piece):
                st = text.find(name.split()[0], pos)
                add(name, st if st >= 0 else pos, (st if st >= 0 else pos) + len(name))
            pos += len(piece)
    return out
