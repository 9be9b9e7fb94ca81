"""The body of a letter, comment by comment: number, heading path, page, text, sub-items, answer.

Staff letters number their comments ("1. We have reviewed your response to prior comment 5.")
under captions that locate them in the filing ("Form 10-K for the Fiscal Year ended December 31,
2010" / "Notes to Consolidated Financial Statements" / "Revenue Recognition, page 36"). A response
restates each comment and answers it ("Response:", "Company Response:", or just the next
paragraph). Captions carry over from one comment to the next until a new one appears.
Standard library only; the text given should have its running page headers masked already.
"""

from __future__ import annotations

import re

from asckg.nlp.anatomy.model import Comment
from asckg.nlp.anatomy.text import Line, clean, closings, collapse, lines_of

# A comment's number at the start of a line: "1. We note", "- 2. We note" (markdown list),
# "|1.|" (html2text table), "Comment 3:", "Staff Comment No. 4", "1.\n" (number alone, text below).
_NUMBER = re.compile(
    r"^[ \t|*#>\-]*(?:(?:Staff\s+)?Comment\s*(?:No\.?|Number|#)?\s*(?P<cn>\d{1,3})\s*[.:)\-–]?"
    r"|(?P<n>\d{1,3})\.)(?=[\s|*]|$)",
    re.IGNORECASE | re.MULTILINE,
)
# What a staff comment says: the staff's requests and observations. A company's own numbered list
# in a response ("1. general liability and other ...; 2. CMP liability; and", 11544_0000899140-17-000459;
# "1. Monthly Sales Reporting Primarily Reflects Sales By Our Dealers", 37996_0000037996-17-000104)
# says none of these and is not a restated comment.
_STAFF_ASK = re.compile(
    r"\b(?:you|your|we\s+note|please|tell\s+us|revise|disclose|explain|describe|clarify|provide|confirm|"
    r"discuss|quantify|expand|advise|refer\s+to|it\s+appears|consider|show\s+us|remove|file)\b",
    re.IGNORECASE,
)
# The label of the company's answer: "Response:", "Company Response:", "Management’s Response:",
# "RESPONSE TO COMMENT 1", "Response\n: Item 10 ..." (html2text split the label).
_RESPONSE = re.compile(
    r"^[ \t|*]*(?:(?:Company|Management[’']s|Our|Registrant[’']s|Company[’']s|[A-Z][\w&.]+[’']s)\s+)?"
    r"(?:Response|RESPONSE|Reply|REPLY|Answer)(?:\s+to\s+(?:Staff\s+)?Comment\s*(?:No\.?\s*)?\d*)?\s*(?:[:.\-–—]|\n\s*:|$)",
    re.MULTILINE,
)
_UNNUMBERED = re.compile(
    r"^[ \t|*]*(?:(?:Staff\s+)?Comment\s*:|We\s+(?:note|have\s+reviewed\s+your\s+response)\b)", re.MULTILINE)
# The staff letter's closing paragraphs and a response's sign-off: where the last comment ends.
_FOOT = re.compile(
    r"^[ \t|*]*(?:You\s+may\s+contact|Please\s+contact|We\s+remind\s+you|In\s+closing|We\s+urge\s+all|"
    r"If\s+you\s+have\s+(?:any\s+)?(?:further\s+|additional\s+)?questions|Should\s+you\s+have|"
    r"Please\s+(?:do\s+not\s+hesitate|feel\s+free|direct\s+any)|\*\s*\*\s*\*|"
    r"Sincerely|Very\s+truly|Respectfully|Thank\s+you\s+for)",
    re.IGNORECASE | re.MULTILINE,
)
_PAGE_REF = re.compile(r"\bpages?\s+(?P<p>[\dA-Za-z]{1,4}(?:\s*(?:-|–|through|and|,)\s*\d{1,4})*)\b", re.IGNORECASE)
_BULLET = re.compile(
    r"^[ \t|]*(?:[•·▪●◦○■□➢»–*\-]|[\uf0a7\uf0b7\uf0d8\uf076\uf0fc\uf02d]|\(?[a-z]\)|\([ivx]{1,4}\)|[a-h]\.)(?:\s+|$)")
_TERMINAL = tuple(".?!;:\"”’)")


def _is_heading(c: str) -> bool:
    """A caption line: short, not ending a sentence ("Revenue Recognition, page 36")."""
    return 0 < len(c) <= 130 and not c.endswith(_TERMINAL) and not _BULLET.match(c) or bool(
        re.search(r"\bpages?\s+\d+\.?$", c) and len(c) <= 130)


def _heading_lines(lines: list[Line], idx: int, floor: int) -> list[int]:
    """Indices of the caption lines right above line ``idx`` (down to line ``floor``)."""
    out: list[int] = []
    j = idx - 1
    while j >= floor and len(out) < 6:
        c = lines[j].clean
        if not c:
            j -= 1
            continue
        if not _is_heading(c) or _NUMBER.match(c) or _RESPONSE.match(c):
            break
        out.append(j)
        j -= 1
    return out[::-1]


def _merge_wrapped(texts: list[str]) -> list[str]:
    """Join a caption broken over lines ("Note 5— Investments ..., page" + "90")."""
    out: list[str] = []
    for t in texts:
        if out and (re.fullmatch(r"\d{1,4}", t) or out[-1].endswith((",", "-", "–", "and", "of", "page", "for", "to"))
                    or t[:1].islower()):
            out[-1] = f"{out[-1]} {t}"
        else:
            out.append(t)
    return out


_FILING_CAPTION = re.compile(r"^(?:[A-Z][\w.,&' ]{0,60}\s)?(?:Forms?\s+\S+|Schedule\s+\S+|(?:Amendment\s+No\.\s*\d+\s+to\s+)?"
                             r"(?:Draft\s+)?Registration\s+Statement|(?:Definitive|Preliminary)\s+Proxy|Annual\s+Report)",
                             re.IGNORECASE)


def _new_path(old: tuple[str, ...], block: list[str]) -> tuple[str, ...]:
    """The heading path after a caption block: a filing caption restarts it, else it goes under the filing."""
    if not block:
        return old
    if _FILING_CAPTION.match(block[0]):
        return tuple(block)
    keep = old[:1] if old and _FILING_CAPTION.match(old[0]) else ()
    # "Note 3" under a kept "Notes to Consolidated Financial Statements"
    if old and len(old) >= 2 and re.match(r"Notes?\b", block[0]) and re.match(r"Notes\s+to\b", old[1]) \
            and not re.match(r"Notes\s+to\b", block[0]):
        keep = old[:2]
    return keep + tuple(block)


def _sub_items(text: str, body: list[Line]) -> tuple[str, ...]:
    """The bulleted or lettered points inside a comment, each as readable text."""
    items: list[list[str]] = []
    cur: list[str] | None = None
    for ln in body:
        c = ln.clean
        if not c:
            continue
        raw = text[ln.start:ln.end].replace("**", "").replace("|", " ").replace("\u00a0", " ")
        bm = _BULLET.match(raw)
        if bm:
            cur = [clean(raw[bm.end():])]
            items.append(cur)
        elif cur is not None:
            cur.append(c)
    return tuple(" ".join(x for x in it if x).strip() for it in items if any(it))


def _ends_mid_sentence(text: str) -> bool:
    tail = text.rstrip(" \t\n|*")
    return bool(tail) and not tail.endswith(_TERMINAL + ("]",))


def parse_comments(text: str, kind: str, body_start: int = 0) -> tuple[list[Comment], int | None]:
    """The numbered comments of ``text`` (masked) and the GOLD.md ``comment_count``."""
    lines = lines_of(text)
    first = next((i for i, ln in enumerate(lines) if ln.end >= body_start), 0)
    marks: list[tuple[int, int]] = []  # (line index, number)
    prev = 0
    for i in range(first, len(lines)):
        m = _NUMBER.match(text, lines[i].start, lines[i].end) if lines[i].clean else None
        if not m:
            continue
        n = int(m.group("cn") or m.group("n"))
        if kind == "response":
            ahead = _first_paragraph(text, m.end())
            if not (prev < n <= prev + 3) or not _STAFF_ASK.search(ahead):
                continue
        elif n != prev + 1:
            continue
        marks.append((i, n))
        prev = n
    foot = _foot_start(text, lines[marks[-1][0]].start if marks else body_start)
    comments: list[Comment] = []
    path: tuple[str, ...] = ()
    floor = first
    heads = [_heading_lines(lines, i, first) for i, _ in marks]
    for k, (i, n) in enumerate(marks):
        block = _merge_wrapped([lines[j].clean for j in heads[k] if j >= floor])
        path = _new_path(path, block)
        if k + 1 < len(marks):
            nxt = heads[k + 1][0] if heads[k + 1] else marks[k + 1][0]
            end = lines[nxt].start
        else:
            end = max(foot, lines[i].end)
        m = _NUMBER.match(text, lines[i].start, lines[i].end)
        start = lines[i].start
        body_lines = [ln for ln in lines if m.end() <= ln.end and ln.start < end]
        restated = response = None
        rm = None
        if kind == "response":
            rm = _RESPONSE.search(text, m.end(), end)
            if rm:
                restated, response = collapse(text[m.end():rm.start()]), collapse(text[rm.end():end])
            else:
                # No label: the restated comment is the first paragraph, the answer the rest.
                body = text[m.end():end]
                split = re.split(r"\n[ \t|]*\n(?=[ \t|]*\S)", body.strip("\n"), maxsplit=1) if re.search(r"\n[ \t]*\n", body.strip("\n")) \
                    else body.strip("\n").split("\n", 1)
                restated = collapse(split[0])
                response = collapse(split[1]) if len(split) > 1 else None
        page = None
        for cap in reversed(block or path[-1:]):
            pm = _PAGE_REF.search(cap)
            if pm:
                page = pm.group("p")
                break
        # sub-items are on the lines below the number's line, and in a response above the answer
        limit = rm.start() if kind == "response" and rm else end
        sub_src = [ln for ln in body_lines if ln.start > lines[i].start and ln.start < limit]
        comments.append(Comment(n, path, page, collapse(text[m.end():end]), start, end,
                                _sub_items(text, sub_src), response or None if kind == "response" else None, restated))
        floor = i + 1
    return comments, _count(text, kind, comments, body_start, foot)


def _first_paragraph(text: str, pos: int) -> str:
    """The first two non-blank lines from ``pos`` on: the start of what follows a comment number.

    Two, because html2text may break a restated comment before its request ("Pro forma adjustment
    (d) indicates that ... were $38,839 million,\n$2,335 million, ... Expand the disclosure").
    """
    parts = [p for p in text[pos: pos + 3000].split("\n") if clean(p)][:2]
    return " ".join(p[:400] for p in parts)


def _foot_start(text: str, after: int) -> int:
    m = _FOOT.search(text, after + 1)
    return m.start() if m else len(text)


def _count(text: str, kind: str, comments: list[Comment], body_start: int, foot: int) -> int | None:
    """GOLD.md's comment_count; None when the text stops before the letter's end (an excerpt)."""
    last = comments[-1].start if comments else body_start
    closed = any(c.start() >= last for c in closings(text)) or "/s/" in text[last:] or bool(_FOOT.search(text, last + 1))
    if not closed and (_ends_mid_sentence(text) or not closings(text)):
        return None
    if kind == "staff":
        return max((c.number or 0 for c in comments), default=0)
    if kind != "response":
        return 0
    numbers = {c.number for c in comments if c.number is not None}
    if numbers:
        return len(numbers)
    return 1 if _UNNUMBERED.search(text, body_start, foot) else 0
