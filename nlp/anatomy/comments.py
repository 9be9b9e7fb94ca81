"""The body of a letter, comment by comment: number, heading path, page, text, sub-items, answer.

Staff letters number their comments ("1. We have reviewed your response to prior comment 5.")
under captions that locate them in the filing ("Form 10-K for the Fiscal Year ended December 31,
2010" / "Notes to Consolidated Financial Statements" / "Revenue Recognition, page 36"). A response
restates each comment and answers it ("Response:", "Company Response:", or just the next
paragraph); it restates the comments by number ("1.", "Comment 1:", "Comment No. 1:"), or without
one when the staff wrote bullet points or plain paragraphs (each restated in bold or italics and
followed by "Response:"), and it counts the distinct comments answered either way. Captions carry
over from one comment to the next until a new one appears.
Standard library only; the text given should have its running page headers masked already.
"""

from __future__ import annotations

import re

from asckg.nlp.anatomy.model import Comment
from bisect import bisect_left

from asckg.nlp.anatomy.text import LineIndex, after_newline, clean, closings, collapse, find_all, line_matches, lowered

# A comment's number at the start of a line: "1. We note", "- 2. We note" (markdown list),
# "|1.|" (html2text table), "Comment 3:", "Staff Comment No. 4", "1.\n" (number alone, text below).
# Blanks inside stay on the line ([ \t]), so the pattern can run over the whole text at once.
_NUMBER = re.compile(
    r"^[ \t|*#>\-]*(?:(?:Staff[ \t]+)?Comment[ \t]*(?:No\.?|Number|#)?[ \t]*(?P<cn>\d{1,3})[ \t]*[.:)\-–]?"
    r"|(?P<n>\d{1,3})\.)(?=[\s|*]|$)",
    re.IGNORECASE | re.MULTILINE,
)
_NUMBER_NL = after_newline(_NUMBER)  # the same from the line break before (text.line_matches)
# What a staff comment says: the staff's requests and observations. A company's own numbered list
# in a response ("1. general liability and other ...; 2. CMP liability; and", 11544_0000899140-17-000459;
# "1. Monthly Sales Reporting Primarily Reflects Sales By Our Dealers", 37996_0000037996-17-000104)
# says none of these and is not a restated comment.
_STAFF_ASK = re.compile(
    r"\b(?:you|your|we\s+note|please|tell\s+us|revise|disclose|explain|describe|clarify|provide|confirm|"
    r"discuss|quantify|expand|advise|refer\s+to|it\s+appears|consider|show\s+us|remove|file)\b",
    re.IGNORECASE,
)
# A staff comment may open with a bare imperative the list above lacks: "2. Identify the “selected
# comparable companies” cited in the seventh paragraph." (1701605_0001193125-17-182757).
_IMPERATIVE = re.compile(r"(?:Identify|Update|State|Reconcile|Address|Indicate|Include|Specify|Define|Present|"
                         r"Elaborate|Balance|Reconsider|Supplementally)\b")
# The label a response may put between a comment's number and its restatement: "1.\nComment\n:\nWe
# note ..." (7084_0000007084-20-000029), "1.\nStaff’s\ncomment\n: We note ..." (1551152_0001104659-21-039166).
_COMMENT_LABEL = re.compile(r"[\s|*_]*(?:Staff(?:[’']s)?\s+)?Comment\s*:\s*", re.IGNORECASE)
# The label of the company's answer: "Response:", "Company Response:", "Management’s Response:",
# "RESPONSE TO COMMENT 1", "Response No. 2:", "Response\n: Item 10 ..." (html2text split the label).
_RESPONSE = re.compile(
    r"^[ \t|*_]*(?:(?:Company|Management[’']s|Our|Registrant[’']s|Company[’']s|Supplemental|[A-Z][\w&.]+[’']s)\s+)?"
    r"(?:Response|RESPONSE|Reply|REPLY|Answer)"
    r"(?i:\s+(?:to\s+(?:the\s+)?(?:Staff(?:[’']s)?\s+)?Comment\s*)?(?:No\.?|Number|#)?\s*(?P<rn>\d{1,3}))?"
    r"(?i:\s+to\s+(?:the\s+)?(?:Staff(?:[’']s)?\s+)?Comments?)?[ \t*_]*(?:[:.\-–—]|\n\s*:|$)",
    re.MULTILINE,
)
# The same label inside a line, after the restated comment's last sentence, as html2text writes a
# letter on one line: "... See Item 303 of Regulation S-K. Response: The Company respectfully
# acknowledges ..." (1757898_0001757898-24-000003).
_RESPONSE_INLINE = re.compile(r"[.?!”\")][ \t]{1,3}(?P<lab>(?:Company\s+)?Response\s*:)")


def _inline_labels(text: str, lo: int, hi: int) -> list[re.Match[str]]:
    """``list(_RESPONSE_INLINE.finditer(text, lo, hi))``, tried only just before each "Response".

    The pattern opens with a sentence's last character, and the engine stops at every period. A
    match starts 2 to 4 characters before its "Response", or before the "Company" that precedes
    it across blanks; and no match can start inside another (only its first character is one of
    those closing marks), so trying those starts gives every match, in order.
    """
    starts: set[int] = set()
    r = text.find("Response", lo, hi)
    while r >= 0:
        starts.update((r - 2, r - 3, r - 4))
        j = r
        while j > lo and text[j - 1].isspace():
            j -= 1
        if j < r and text.startswith("Company", j - 7):
            starts.update((j - 9, j - 10, j - 11))
        r = text.find("Response", r + 1, hi)
    found = (_RESPONSE_INLINE.match(text, p, hi) for p in sorted(starts) if p >= lo)
    return [m for m in found if m]


_LABEL_WORDS = ("respons", "reply", "answer")
# An unnumbered restated comment: "Comment:", "COMMENT: We note your disclosure under Regulatory
# Matters ..." (1013871_0001104659-24-105023), "Staff Comment:".
_COMMENT_HEAD = re.compile(
    r"^[ \t|*_]*(?:Staff(?:[’']s)?\s+)?(?:Comment|COMMENT)[ \t*_]*(?:\n[ \t]*)?:", re.MULTILINE)
_COMMENT_HEAD_NL = after_newline(_COMMENT_HEAD)
_UNNUMBERED = re.compile(
    r"^[ \t|*]*(?:(?:Staff\s+)?(?:Comment|COMMENT)\s*:|We\s+(?:note|have\s+reviewed\s+your\s+response)\b)", re.MULTILINE)
# The staff letter's closing paragraphs and a response's sign-off: where the last comment ends.
_FOOT = re.compile(
    r"^[ \t|*]*(?:You\s+may\s+contact|Please\s+contact|We\s+remind\s+you|In\s+closing|We\s+urge\s+all|"
    r"If\s+you\s+have\s+(?:any\s+)?(?:further\s+|additional\s+)?questions|Should\s+you\s+have|"
    r"Please\s+(?:do\s+not\s+hesitate|feel\s+free|direct\s+any)|\*\s*\*\s*\*|"
    r"Sincerely|Very\s+truly|Respectfully(?:\s+(?:submitted|yours))?[ \t]*,?[ \t|*]*$|Thank\s+you\s+for)",
    re.IGNORECASE | re.MULTILINE,
)
_FOOT_NL = after_newline(_FOOT)
_PAGE_REF = re.compile(r"\bpages?\s+(?P<p>[\dA-Za-z]{1,4}(?:\s*(?:-|–|through|and|,)\s*\d{1,4})*)\b", re.IGNORECASE)
_BULLET = re.compile(
    r"^[ \t|]*(?:[•·▪●◦○■□➢»–*\-]|[\uf0a7\uf0b7\uf0d8\uf076\uf0fc\uf02d]|\(?[a-z]\)|\([ivx]{1,4}\)|[a-h]\.)(?:\s+|$)")
_TERMINAL = tuple(".?!;:\"”’)")
# Lines that may be bullets (checked with _BULLET after the markup is dropped): a bullet sign, "(",
# or a letter with "." or ")" first on the line, after blanks and markup.
_BULLET_CANDIDATE = re.compile(
    r"^[ \t|*\u00a0]*(?:[•·▪●◦○■□➢»–*\-(\uf0a7\uf0b7\uf0d8\uf076\uf0fc\uf02d]|[a-z][.)])", re.MULTILINE)
_BULLET_CANDIDATE_NL = after_newline(_BULLET_CANDIDATE)


_PAGE_END = re.compile(r"\bpages?\s+\d+\.?$")


def _is_heading(c: str) -> bool:
    """A caption line: short, not ending a sentence ("Revenue Recognition, page 36")."""
    return 0 < len(c) <= 130 and not c.endswith(_TERMINAL) and not _BULLET.match(c) or bool(
        len(c) <= 130 and _PAGE_END.search(c))


def _heading_lines(lines: LineIndex, idx: int, floor: int) -> list[int]:
    """Indices of the caption lines right above line ``idx`` (down to line ``floor``)."""
    out: list[int] = []
    j = idx - 1
    while j >= floor and len(out) < 6:
        c = lines.clean(j)
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


def _sub_items(text: str, lines: LineIndex, first: int, last: int) -> tuple[str, ...]:
    """The bulleted or lettered points on lines ``first`` .. ``last - 1``, each as readable text:
    the bullet's line and every line below it up to the next bullet."""
    if first >= last:
        return ()
    lo, hi = lines.starts[first], lines.ends[last - 1]
    bullets: list[tuple[int, str]] = []  # (line index, text after the bullet sign)
    for cand_start, _ in line_matches(_BULLET_CANDIDATE, _BULLET_CANDIDATE_NL, text, lo, hi):
        i = lines.index(cand_start)
        raw = text[lines.starts[i]:lines.ends[i]].replace("**", "").replace("|", " ").replace("\u00a0", " ")
        bm = _BULLET.match(raw)
        if bm and lines.clean(i):
            bullets.append((i, clean(raw[bm.end():])))
    items: list[str] = []
    for k, (i, head) in enumerate(bullets):
        stop = lines.starts[bullets[k + 1][0]] if k + 1 < len(bullets) else hi
        below = collapse(text[lines.ends[i]:stop]) if lines.ends[i] < stop else ""
        item = " ".join(x for x in (head, below) if x).strip()
        if item:
            items.append(item)
    return tuple(items)


def _ends_mid_sentence(text: str) -> bool:
    tail = text.rstrip(" \t\n|*")
    return bool(tail) and not tail.endswith(_TERMINAL + ("]",))


# --- finding the comments ---------------------------------------------------------------------------


_ALNUM = re.compile(r"[^\W_]")  # a letter or digit: clean() never removes one


def _first_paragraph(text: str, pos: int) -> str:
    """The first two non-blank lines from ``pos`` on: the start of what follows a comment number.

    Two, because html2text may break a restated comment before its request ("Pro forma adjustment
    (d) indicates that ... were $38,839 million,\n$2,335 million, ... Expand the disclosure").
    A "Comment:" label right after the number is skipped.
    """
    label = _COMMENT_LABEL.match(text, pos)
    if label:
        pos = label.end()
    parts: list[str] = []
    limit = min(len(text), pos + 3000)
    while pos < limit and len(parts) < 2:
        nl = text.find("\n", pos, limit)
        nl = limit if nl < 0 else nl
        # a letter or digit on the line keeps it (markup is never one), without cleaning a
        # line that may run to thousands of characters; else the line is cleaned as written
        if pos < nl and (_ALNUM.search(text, pos, nl) or not text[pos:nl].isspace() and clean(text[pos:nl])):
            parts.append(text[pos:min(nl, pos + 400)])
        pos = nl + 1
    return " ".join(parts)


def _asks(text: str, pos: int) -> bool:
    """Whether the passage after a number at ``pos`` reads as a staff comment."""
    ahead = _first_paragraph(text, pos)
    return bool(_STAFF_ASK.search(ahead) or _IMPERATIVE.match(ahead.lstrip(" \t|*_")))


def _answer_labels(text: str, lo: int, hi: int) -> list[tuple[int, int, int | None]]:
    """The company's answer labels in ``text[lo:hi]``: (start, end, comment number if the label gives one)."""
    # _RESPONSE.finditer, tried only on the lines of the label words and the line above each
    # ("Company\nResponse:"): the line-anchored pattern is slow to try at every offset
    low = lowered(text)
    starts: set[int] = set()
    for word in _LABEL_WORDS:
        for i in find_all(low, word, lo, hi):
            ls = max(lo, low.rfind("\n", 0, i) + 1)
            starts.add(ls)
            if ls > lo:
                starts.add(max(lo, low.rfind("\n", 0, ls - 1) + 1))
    out: list[tuple[int, int, int | None]] = []
    for ls in sorted(starts):
        m = _RESPONSE.match(text, ls)
        if m and (not out or m.start() >= out[-1][1]):
            out.append((m.start(), m.end(), int(m.group("rn")) if m.group("rn") else None))
    if text.find("Response", lo, hi) >= 0:
        out += [(m.start("lab"), m.end("lab"), None) for m in _inline_labels(text, lo, hi)]
        out.sort()
    return out


def _response_marks(text: str, cands: list[tuple[int, int, tuple[int, int]]],
                    labels: list[tuple[int, int, int | None]]) -> list[tuple[int, int, tuple[int, int]]]:
    """The numbers of a response that restate staff comments, in order.

    A number counts when it follows the last one closely and the staff's words follow it, or when
    a company answer label follows it before the next number, close by: "1.\nWhere a filing person
    elects to incorporate by reference ..." + "Response:" (865752_0001104659-24-062564), "5." after
    "1." when comments 2 to 4 were answered elsewhere (92122_0000092122-21-000068).
    """
    label_starts = [s for s, _, _ in labels]
    marks: list[tuple[int, int, tuple[int, int]]] = []
    prev = 0
    for k, (i, n, (_, m_end)) in enumerate(cands):
        if n <= prev or n > prev + 10:
            continue
        ok = n <= prev + 3 and _asks(text, m_end)
        if not ok:
            j = bisect_left(label_starts, m_end)
            # no other number between: "7. Policy Liabilities, page 139" (a caption) is followed by
            # "1. Please tell us ..." before the answer (4977_0000004977-17-000123)
            nxt = cands[k + 1][2][0] if k + 1 < len(cands) else len(text)
            if j < len(label_starts) and label_starts[j] < nxt and label_starts[j] - m_end <= 2500:
                ok = bool(_STAFF_ASK.search(text, m_end, label_starts[j]))
        if ok:
            marks.append(cands[k])
            prev = n
    return marks


def _restated_start(text: str, lines: LineIndex, label: int, floor: int) -> int:
    """Where the comment restated right above an answer label at ``label`` starts (not before ``floor``):
    the paragraph above it, or in a letter written on one line, at most 1,500 characters back."""
    i = lines.index(label)
    if label - lines.starts[i] > 200:  # an inline label: the paragraph is this very line
        return max(floor, lines.starts[i], label - 1500)
    j = i - 1
    while j >= 0 and lines.starts[j] >= floor and not lines.clean(j):
        j -= 1  # blank lines above the label
    top = j
    while j >= 0 and lines.starts[j] >= floor and lines.clean(j) and top - j < 12:
        top = j
        j -= 1
    return max(floor, lines.starts[top]) if top >= 0 else floor


def _answers(text: str, lines: LineIndex, marks: list[tuple[int, int, tuple[int, int]]],
             labels: list[tuple[int, int, int | None]], heads: list[int], lo: int, hi: int
             ) -> list[tuple[int, int | None]]:
    """The comments answered without a restated number of their own: (restated start, number or None).

    Each answer label answers the comment restated above it. After a number it answers that
    number's comment, and further labels before the next number answer its bullet points (one
    comment: 831001_0000831001-20-000101). Without any number before it, a label answers a comment
    of its own: a staff letter's bullet or unnumbered paragraph that the response restates in bold
    or italics ("Consolidated Statements of Income, page 35 / Please explain to us ... / Response:").
    """
    events = sorted([(span[0], 0, n) for _, n, span in marks] + [(h, 1, None) for h in heads if lo <= h < hi]
                    + [(s, 2, rn) for s, _, rn in labels if lo <= s < hi])
    numbered = {n for _, n, _ in marks}
    out: list[tuple[int, int | None]] = []
    pending_num = pending_head = False
    current: int | None = None
    floor = lo
    for pos, what, n in events:
        if what == 0:
            pending_num, pending_head, current = True, False, n
        elif what == 1:
            if not pending_num:
                pending_head, floor = True, pos
        else:
            if n is not None and n not in numbered:
                out.append((_restated_start(text, lines, pos, floor), n))  # "Response to Comment 3:"
                numbered.add(n)
            elif n is not None or pending_num:
                pass  # the answer to a numbered comment
            elif pending_head:
                out.append((floor, None))
            elif current is None:
                out.append((_restated_start(text, lines, pos, floor), None))
            pending_num = pending_head = False
            floor = pos + 1
    return out


_PARAGRAPH_BREAK = re.compile(r"\n[ \t|]*\n(?=[ \t|]*\S)")
_LINE_BREAK = re.compile(r"\n(?=[ \t|]*\S)")
_EMPTY_LINE = re.compile(r"\n[|]*\n")


def _restated_end(seg: str) -> re.Match[str] | None:
    """Where a restated comment ends and its answer begins, when no label stands between them.

    The first paragraph break (a blank line; or a line break, where the response writes one
    paragraph per line) at which a sentence ends and the next line does not carry it on. A break
    inside a sentence is a page break whose running header was blanked out: "... used by our chief
    operating decision maker for evaluating the financial" / "Page 5 of 8" / "performance and making
    resource decisions" (37996_0000037996-17-000077) is one paragraph of the answer, not two.
    """
    # blank lines that were in the letter (a blanked header keeps its blanks: it is not empty)
    breaks = _PARAGRAPH_BREAK if _EMPTY_LINE.search(seg) else _LINE_BREAK
    first = None
    for m in breaks.finditer(seg):
        first = first or m
        before = seg[:m.start()].rstrip(" \t|*_")
        after = seg[m.end():].lstrip(" \t|*_")
        if before.endswith(_TERMINAL + ("]",)) and not after[:1].islower():
            return m
    return first


def parse_comments(text: str, kind: str, body_start: int = 0,
                   closes: list[re.Match[str]] | None = None) -> tuple[list[Comment], int | None]:
    """The comments of ``text`` (masked) and the GOLD.md ``comment_count``.

    ``closes`` are the complimentary closes of the text (:func:`closings`), if already found.
    """
    closes = closings(text) if closes is None else closes
    lines = LineIndex(text)
    first = lines.index(body_start)
    cands = []  # (line, number, (start, end) of the number's match)
    for st, m in line_matches(_NUMBER, _NUMBER_NL, text, lines.starts[first]):
        cands.append((lines.index(st), int(m.group("cn") or m.group("n")), (st, m.end())))
    labels: list[tuple[int, int, int | None]] = []
    unnumbered: list[tuple[int, int | None]] = []
    if kind == "response":
        sig = next((c.start() for c in closes if c.start() >= body_start), len(text))
        labels = _answer_labels(text, body_start, len(text))
        marks = _response_marks(text, cands, labels)
        if labels:
            heads = [st for st, _ in line_matches(_COMMENT_HEAD, _COMMENT_HEAD_NL, text, body_start, sig)]
            unnumbered = _answers(text, lines, marks, labels, heads, body_start, sig)
    else:
        marks = []
        prev = 0
        for c in cands:
            if c[1] == prev + 1:
                marks.append(c)
                prev = c[1]
    # every comment: (its line, its number, where its restated text starts, where it starts)
    anchors: list[tuple[int, int | None, int, int]] = [(i, n, m_end, m_start) for i, n, (m_start, m_end) in marks]
    anchors += [(lines.index(st), n, st, st) for st, n in unnumbered]
    anchors.sort(key=lambda a: a[3])
    foot = _foot_start(text, lines.starts[anchors[-1][0]] if anchors else body_start)
    comments: list[Comment] = []
    path: tuple[str, ...] = ()
    floor = first
    heads_of = [_heading_lines(lines, a[0], first) if a[3] == lines.starts[a[0]] or a[2] != a[3] else []
                for a in anchors]
    for k, (i, n, body, start_pos) in enumerate(anchors):
        block = _merge_wrapped([lines.clean(j) for j in heads_of[k] if j >= floor])
        path = _new_path(path, block)
        if k + 1 < len(anchors):
            nxt = anchors[k + 1]
            end = lines.starts[heads_of[k + 1][0]] if heads_of[k + 1] else nxt[3]
            end = max(end, start_pos + 1)
        else:
            end = max(foot, lines.ends[i])
        start = lines.starts[i] if body != start_pos else start_pos
        restated = response = None
        rm = None
        whole = ""
        if kind == "response":
            rm = _RESPONSE.search(text, body, end)
            if rm is None and n is None:
                rm = next(iter(_inline_labels(text, body, end)), None)  # _RESPONSE_INLINE.search
            if rm:
                lab_start = rm.start("lab") if rm.re is _RESPONSE_INLINE else rm.start()
                restated, response = collapse(text[body:lab_start]), collapse(text[rm.end():end])
                # the whole passage from its parts, cut where no markup spans the cut
                whole = " ".join(x for x in (restated, collapse(text[lab_start:rm.end()]), response) if x)
            else:
                # No label: the restated comment is the first paragraph, the answer the rest.
                seg = text[body:end].strip("\n")
                cut = _restated_end(seg)
                split = [seg[:cut.start()], seg[cut.end():]] if cut else [seg]
                restated = collapse(split[0])
                response = collapse(split[1]) if len(split) > 1 else None
                whole = f"{restated} {response}".strip() if response else restated
        page = None
        for cap in reversed(block or path[-1:]):
            pm = _PAGE_REF.search(cap)
            if pm:
                page = pm.group("p")
                break
        # sub-items are on the lines below the number's line, and in a response above the answer
        limit = rm.start() if kind == "response" and rm else end
        sub = _sub_items(text, lines, i + 1, lines.index(max(limit - 1, lines.starts[i])) + 1) \
            if limit > lines.ends[i] else ()
        comments.append(Comment(n, path, page, whole if kind == "response" else collapse(text[body:end]), start, end,
                                sub, response or None if kind == "response" else None, restated))
        floor = i + 1
    return comments, _count(text, kind, comments, body_start, foot, closes)


def _foot_start(text: str, after: int) -> int:
    # _FOOT.search(text, after + 1) (after >= 0), from the line break before the line
    m = _FOOT_NL.search(text, after)
    return m.start() + 1 if m else len(text)


def _count(text: str, kind: str, comments: list[Comment], body_start: int, foot: int,
           closes: list[re.Match[str]]) -> int | None:
    """GOLD.md's comment_count; None when the text stops before the letter's end (an excerpt).

    A response counts the distinct staff comments it answers: each number once, and each comment
    answered without a number of its own (:func:`_answers`).
    """
    last = comments[-1].start if comments else body_start
    closed = any(c.start() >= last for c in closes) or text.find("/s/", last) >= 0 or bool(_FOOT_NL.search(text, last))
    if not closed and (_ends_mid_sentence(text) or not closes):
        return None
    if kind == "staff":
        return max((c.number or 0 for c in comments), default=0)
    if kind != "response":
        return 0
    numbers = {c.number for c in comments if c.number is not None}
    others = sum(1 for c in comments if c.number is None)
    if numbers or others:
        return len(numbers) + others
    return 1 if _UNNUMBERED.search(text, body_start, foot) else 0
