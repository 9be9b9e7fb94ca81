"""SEC rules and regulation items cited in comment letters, in the canonical forms of GOLD.md.

Refs::

    "S-K 303"                  Item 303(a)(3)(ii) of Regulation S-K, Regulation S-K Item 10(e),
                               Items 303 and 305 of Regulation S-K, Item 303 of S-K (item number only)
    "M-A 1010" "S-T 405"       Item 1010(c) of Regulation M-A, Rule 405 of Regulation S-T
    "S-X 3-05"                 Rule 3-05 of Regulation S-X, Rule 4-08(e), S-X Rule 5-02,
                               § 210.4-08(h), Rule 5-03.2 (the ".2" goes to detail), and the garbled
                               "Rule 503(b)10 of Regulation SX" (flagged "hyphen restored")
    "S-X Article 11"           Article 11 of Regulation S-X (a whole article; GOLD.md has no form
                               for it and the gold never needs one)
    "Regulation G"             Regulation G, Rule 100(b) of Regulation G
    "Exchange Act Rule 14a-9"  any lettered rule number (12b-25, 14a-9, 13e-4, 15c2-8, 10D-1),
                               named act or not; "Rule 14a12" is read as 14a-12
    "Securities Act Rule 461"  Rule 461 under the Securities Act (of 1933), Securities Act Rule 405,
                               Rule 461 of Regulation C promulgated under the Securities Act,
                               "under the Act" where the letter defines the Act as the Securities Act
    "Rule 461"                 a plain number with no act named ("Rules 460 and 461", "Rule 83")
    "S-B 303"                  Item 303 of Regulation S-B (small business issuers, until 2008)
    "Industry Guide 3"         Industry Guide 3, Guide 3, Securities Act Industry Guide 5
    "Form 8-K Item 2.02"       Item 2.02 of Form 8-K, Form 8-K Item 2.02, "Item 2.02 Form 8-K";
                               "Form 20-F Item 5", "Form S-4 Item 10", "Schedule TO Item 10"

The finer part (subparagraph, clause, instruction) is kept in ``detail``. An item or rule cited
without its regulation ("Item 303(b)(3)", "Rule 100(b)", "Item 10(b)") takes the regulation or form
the same letter gives the same number elsewhere (nearest first); failing that, items 1000-1016 are
Regulation M-A, "N.NN" items are Form 8-K, and other known S-K item numbers with a clause are S-K.

A filing's own section headings ("Item 7. Management's Discussion and Analysis", "Item 1A. Risk
Factors", "Item 7A - Qualitative and Quantitative Disclosures about Market Risk, page 43") and
pointers into the company's own filing ("Item 1 of our Form 10-K") are places, not citations.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from asckg.nlp.grammar import scan
from asckg.nlp.mention import Mention

KIND = "sec_rule"

# --- named pieces -------------------------------------------------------------------------------
H = "[-\u2010\u2011\u2012\u2013]"  # hyphens as the converters leave them ("S\u2011K")
CLAUSE = r"(?:\s?\((?:[A-Za-z]{1,5}|\d{1,3})\))"  # "(a)", "(3)", "(ii)", "(A)"
# Regulation S-B ("small business issuers", until 2008) numbers its items as S-K does: "Item 303 of
# Regulation S-B" -> "S-B 303".
_REG = rf"(?:Regulation\s+)?(?P<reg>S\s?{H}?\s?[KXTB]\b|M\s?{H}?\s?A\b)|Regulation\s+(?P<oreg>G|AB|C|D|S|A|14A|14C|FD)\b"
_FORM = (
    rf"(?:Form\s+(?P<form>\d{{1,2}}{H}[A-Z]{{1,2}}|[A-Z]{{1,2}}{H}\d{{1,2}}[A-Z]?|10\b|20{H}F)"
    rf"|Schedule\s+(?P<sched>TO(?:{H}[IT]\b)?|14[ACD](?:{H}9)?|13[DEG](?:{H}[34])?))"
)
_ACT = (
    r"(?P<act>Securities\s+Exchange\s+Act|Exchange\s+Act|Securities\s+Act|Investment\s+Company\s+Act"
    r"|Investment\s+Advisers\s+Act|Trust\s+Indenture\s+Act|Act)\b"
)

# The heads: "Item(s)", "Rule(s)", "Article(s)" followed by a number. Lower-case "rule" only
# with a distinctive hyphenated or lettered number ("rule 14a-8"), since "the proposed rule 6100" of
# the PCAOB is not an SEC rule.
# (The "\b" before the head word is checked by scan.after_non_word, outside the pattern, so that the
# engine can skip along by first letter: asckg.nlp.grammar.scan.)
# The word is one group, not one group per kind, because the engine skips by first letter only
# through an alternation of plain words; its first letter tells the kind (_HEAD_KIND).
# PDF text may glue the word to its number ("Refer to Item308(a) of Regulation S-K", "Rule3-05"):
# a glued head counts only with a regulation, form or act named beside it, or a rule number no
# page or exhibit has (hyphenated or lettered), so that "Item1A" and "Rule144" in a heading or a
# name stay out.
_HEAD = re.compile(r"(?P<word>Items?|Rules?|rules?|Articles?)(?P<gap>\s*)(?=\d)")
_HEAD_KIND = {"I": "item", "R": "rule", "r": "rule", "A": "article"}
_ITEM_NUM = re.compile(
    rf"(?P<num>\d{{1,2}}\s?{H}\s?\d{{2}}|\d{{1,4}}(?:\.\d{{2}}(?!\d)|\.[A-Z](?![a-z])|[A-Z](?![A-Za-z]))?)"
    rf"(?P<cl>{CLAUSE}{{0,8}}(?:(?<=\))\d{{1,2}}(?!\d))?)"
)
_RULE_NUM = re.compile(
    rf"(?P<num>\d{{1,2}}[a-zA-Z]\d?(?:\s?{H}\s?\d{{1,3}}|\d{{1,3}})[a-zA-Z]?(?![\w-])"  # 14a-9, 15c2-8, 14a12
    rf"|\d{{1,2}}\s?{H}\s?\d{{2}}(?:\.\d{{1,2}})?(?![\d\w])"  # 3-05, 5-03.2, 11- 02
    rf"|\d{{3}}\.\d{{1,2}}(?=\S*\s+of\s+Regulation\s+S\S?X)"  # "Rule 503.2 of Regulation S-X"
    rf"|\d{{1,4}}[A-Z]?(?![\d\w]|{H}\d|\.\d|\s*C\.?\s?F\.?\s?R|\s*U\.?\s?S\.?\s?C))"  # 461, 144A, 83; "Rule 83, 17 CFR 200.83"
    rf"(?P<cl>{CLAUSE}{{0,8}}(?:(?<=\))\d{{1,2}}(?!\d))?)"
)
_ART_NUM = re.compile(rf"(?P<num>\d{{1,2}})(?![\d.]|{H})(?P<cl>)")  # "Article 11"; "Article 4-08" is not one
_CLAUSES_ONLY = re.compile(rf"(?P<cl>{CLAUSE}{{1,8}})")
_SEP = re.compile(rf"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|through\s+|&\s*|{H}\s*)(?:(?:Items?|Rules?)\s+)?")
# After the list: "of Regulation S-K", ", as appropriate, of Regulation SK", "of Form 8-K",
# "Form 8-K" right after an 8-K item (the Re: line "Item 2.02 Form 8-K"). No determiner before a
# form: "Item 1 of our Form 10-K" / "Item 1A of the Form 10-K" point into the company's filing.
_ANCHOR_AFTER = re.compile(
    rf"\s*,?\s*(?:as\s+(?:appropriate|applicable)\s*,?\s*)?"
    rf"(?:(?:of|under|in|to)\s+(?:the\s+)?(?:{_REG})|(?:(?:of|under|in|to|on)\s+)?{_FORM})"
)
_ANCHOR_BEFORE = re.compile(
    rf"(?:(?:Regulation\s+)?(?P<reg>S\s?{H}?\s?[KXTB]|M\s?{H}?\s?A)|Regulation\s+(?P<oreg>G|AB)),?\s+$"  # "Regulation S-K, Item 601"
    rf"|(?:{_FORM}|(?:Securities\s+)?(?P<xact>Exchange)\s+Act|(?P<sact>Securities)\s+Act)\s+$"
)
# "Rule 461 under the Securities Act of 1933", "Rule 461 of the General Rules and Regulations
# under the Securities Act", "Rule 461 of Regulation C promulgated under the Securities Act",
# "Rule 405 of the Securities Act", "Rule 460 under the Act".
_ACT_AFTER = re.compile(
    rf"\s*(?:\([^()]{{0,40}}\)\s*)?,?\s*(?:promulgated\s+|adopted\s+)?(?:under|of|pursuant\s+to)\s+(?:the\s+)?"
    rf"(?:(?:General\s+)?Rules\s+and\s+Regulations\s+(?:of\s+the\s+[\w\s.]{{0,60}}?\s+)?(?:promulgated\s+)?(?:under|of)\s+the\s+"
    rf"|Regulation\s+[A-Z0-9]{{1,3}}\s+(?:promulgated\s+)?under\s+the\s+)?{_ACT}"
)
# "Securities Act of 1933, as amended (the “Act”)": which act a letter calls "the Act".
_QUOTED_ACT = r"\(\s*(?:the\s+)?[“\"”]\s*Act\s*[”\"“]\s*\)"
_ACT_DEFINED = re.compile(
    r"(?P<act>Securities\s+Exchange\s+Act|Exchange\s+Act|Securities\s+Act)[^()]{0,60}" + _QUOTED_ACT
)
# What every match of _ACT_DEFINED ends with. It opens with "(", which the engine skips along to, so
# the letters without it (nearly all) are passed over without trying the act names at every offset.
_ACT_QUOTED = re.compile(_QUOTED_ACT)
# 17 CFR: § 210.4-08(h) (S-X), § 229.303 (S-K), § 230.405, § 240.10D-1(d), § 232.405, § 244.100.
# Part 200 (the Commission's own rules, "17 C.F.R. § 200.83") is left out: gold notes it as a CFR
# citation, not a rule citation.
_CFR = re.compile(
    rf"(?:\b17\s*C\.?\s?F\.?\s?R\.?\s*(?:§§?|[Ss]ections?|[Pp]arts?)?|§§?)\s*"
    rf"(?P<part>210|229|230|232|240|244)\.(?P<num>\d{{1,2}}[a-zA-Z]\d?{H}\d{{1,3}}|\d{{1,2}}{H}\d{{2}}|\d{{1,4}}[A-Z]?)"
    rf"(?P<cl>{CLAUSE}{{0,8}})"
)
# "Regulation S-X §5.03(6)": the rule written with the section sign and a dot.
_SX_SECTION = re.compile(rf"(?:Regulation\s+)?S{H}?X,?\s*§\s*(?P<num>\d{{1,2}}[.\u2010-\u2013-]\d{{2}})(?P<cl>{CLAUSE}{{0,8}})")
_SX_NAMED = re.compile(rf"S{H}?X\b")  # "S-X" as a word (after a non-word character)
_REG_G = re.compile(r"Regulation\s+G\b")  # after a non-word character: scan.after_non_word
# "PCAOB Rule 1001(i)(iii)", "NYSE Rule 303A", "Nasdaq Listing Rule 5635": not SEC rules.
_OTHER_BODY = re.compile(r"(?:PCAOB|NYSE|Nasdaq|NASDAQ|FINRA|Listing|AICPA|Board|IRS|Treasury|Bankruptcy)\s+$")
# "Item 7. Management's ...", "Item 1A - Risk Factors", "Item 8: Financial Statements".
_HEADING_AFTER = re.compile(r"\s*(?:[.:]\s*|\s[-\u2013\u2014]\s*|\u2014\s*)[\"“”]?[A-Z]")
_SX_NUMBER = re.compile(rf"\d{{1,2}}\s?{H}\s?\d{{2}}")
_DISTINCT_RULE = re.compile(rf"\d{{1,2}}(?:[a-zA-Z]\d?)?{H}\d")
_OWN_FILING = re.compile(r"(?:\bour|\bthe|\bits|\byour|\btheir|\d{4})\s+$")
_PART_NUMBER = re.compile(r"\d{1,2}[A-C]?")  # the parts of Forms 10-K/10-Q/20-F: "7", "1A", "9B"
_OF_AFTER = re.compile(r"\s+of\b")
_INSTRUCTION_BEFORE = re.compile(r"(?:(?:General\s+)?Instructions?|Note)\s+[\w.()]{1,8}\s+to\s+$")

# The SEC's Industry Guides (1-7): "Industry Guide 3", "Securities Act Industry Guide 5", "Industry
# Guides 3 and 7", "Guide 3" -> "Industry Guide 3". A bare "Guide" only after a lower-case word or
# punctuation: "the User Guide 2" of a product is no Industry Guide.
_GUIDE = re.compile(r"(?P<head>Industry\s+Guides?|Guides?)\s+(?:No\.?\s*)?(?P<list>[1-7](?:\s*(?:,\s*(?:and\s+)?|and\s+|or\s+)[1-7]){0,6})(?![\d\w]|\.\d)")
_GUIDE_BARE_BEFORE = re.compile(r"(?:^|\b[a-z][\w’']*[ \t\n]+|[(\[,;:.][ \t\n]*|(?:Act|SEC|Commission’s|Commission's)[ \t\n]+)$")

#: Regulation S-K item numbers (and the Regulation AB / M-A subparts codified in it).
_SK_ITEMS = frozenset(
    [10, 101, 102, 103, 104, 105, 106, 201, 302, 303, 304, 305, 307, 308, 601, 701, 702, 703, 801, 802, 901]
    + list(range(401, 411)) + list(range(501, 513)) + list(range(1100, 1126)) + list(range(1200, 1209))
    + list(range(1300, 1306)) + list(range(1400, 1411)) + list(range(1500, 1509)) + list(range(1600, 1611))
)
_MA_ITEMS = range(1000, 1017)


@dataclass
class _Cite:
    """One parsed number of a citation, before the regulation of a bare one is resolved."""

    kind: str  # "item" | "rule" | "article"
    num: str  # as normalised: "303", "2.02", "5-03", "14a-12"
    clause: str
    target: str  # "S-K", "S-X", "S-T", "M-A", "G", "AB", "C", "Form 8-K", "Schedule TO", "" (bare)
    act: str  # "Exchange Act" | "Securities Act" | ... | ""
    flags: tuple[str, ...] = ()
    instruction: bool = False  # "Instruction 2 to Item 10": a citation even without a clause


# --- helpers --------------------------------------------------------------------------------------
def _dash(s: str) -> str:
    return re.sub(rf"\s?{H}\s?", "-", s)


def _reg_name(raw: str) -> str:
    """'S\u2011K' / 'SX' / 'M-A' -> 'S-K' / 'S-X' / 'M-A'."""
    letters = re.sub(r"[^A-Za-z]", "", raw).upper()
    return f"{letters[0]}-{letters[1]}"


def _target(m: re.Match[str]) -> str:
    if m.group("reg"):
        return _reg_name(m.group("reg"))
    if m.groupdict().get("oreg"):
        return m.group("oreg")
    if m.group("form"):
        return "Form " + _dash(m.group("form"))
    if m.group("sched"):
        sched = _dash(m.group("sched"))
        return "Schedule " + ("TO" if sched.startswith("TO") else sched)  # "Schedule TO-I" -> Schedule TO
    return ""


def _act_name(raw: str, defined: str) -> str:
    raw = re.sub(r"\s+", " ", raw)
    if raw == "Act":
        return defined
    if raw == "Securities Exchange Act":
        return "Exchange Act"
    return raw


def _lettered(num: str) -> bool:
    return re.match(r"\d{1,2}[a-zA-Z]", num) is not None


def _norm_rule(num: str) -> str:
    """'14a12' -> '14a-12', '11- 02' -> '11-02'; others as written."""
    num = _dash(num)
    if _lettered(num) and "-" not in num:
        m = re.match(r"(\d{1,2}[a-zA-Z])(\d+)([a-zA-Z]?)$", num)
        if m:
            return f"{m.group(1)}-{m.group(2)}{m.group(3)}"
    return num


def _key(kind: str, num: str) -> str:
    """The number as the letters garble it: 'Rule 503(b)10' and 'Rule 5-03' share the key '503'."""
    return ("item:" if kind == "item" else "rule:") + re.sub(r"[^0-9a-zA-Z.]", "", num).lower().split(".")[0]


# --- parsing --------------------------------------------------------------------------------------
def _parse_list(text: str, pos: int, kind: str) -> tuple[list[tuple[str, str]], int]:
    """The numbers of a list starting at ``pos``: [(number, clause)], and where the list ends."""
    number = {"rule": _RULE_NUM, "item": _ITEM_NUM}.get(kind, _ART_NUM)
    first = number.match(text, pos)
    if not first:
        return [], pos
    out = [(first.group("num"), first.group("cl"))]
    end = first.end()
    for _ in range(40):
        sep = _SEP.match(text, end)
        if not sep:
            break
        nxt = number.match(text, sep.end())
        if nxt and kind != "article":
            out.append((nxt.group("num"), nxt.group("cl")))
        elif nxt and kind == "article":
            out.append((nxt.group("num"), ""))
        else:
            only = _CLAUSES_ONLY.match(text, sep.end())  # "Items 10(e)(1)(i)(C) and (D)"
            if not only:
                break
            num, cl = out[-1]
            out[-1] = (num, cl + only.group("cl"))
            nxt = only
        end = nxt.end()
    return out, end


def _cites(text: str) -> Iterator[tuple[int, int, list[_Cite], str]]:
    """(start, end, cites, detail) for every head in the text, regulation of bare ones unresolved."""
    defined = ""
    d = _ACT_DEFINED.search(text) if _ACT_QUOTED.search(text) else None
    if d:
        defined = _act_name(d.group("act"), "")
    sx_named = next(scan.finditer(_SX_NAMED, text, scan.after_non_word), None) is not None
    done = 0  # where the last citation ended: "Rule 13e-4(f)(5) and Rule 14e-1(b)" is one list
    for head in scan.finditer(_HEAD, text, scan.after_non_word):
        if head.start() < done:
            continue
        initial = head.group("word")[0]
        kind = _HEAD_KIND[initial]
        if kind == "article" and _SX_NUMBER.match(text, head.end()):
            kind = "rule"  # "Article 4-08(h)(1) of Regulation S-X" names a rule
        if initial == "r" and not _DISTINCT_RULE.match(text, head.end()):
            continue
        before = text[max(0, head.start() - 28):head.start()]  # "Securities Exchange Act " fits
        if kind == "rule" and _OTHER_BODY.search(before):
            continue
        numbers, end = _parse_list(text, head.end(), kind)
        if not numbers:
            continue
        start, target, act = head.start(), "", ""
        # an anchor before ends in a capital or digit ("S-K", "Form 8-K", "Schedule TO") or "Act"
        last = before.rstrip(" \n,")[-1:]
        pre = _ANCHOR_BEFORE.search(before) if last and (last.isupper() or last.isdigit() or last == "t") else None
        if pre and (pre.group("form") or pre.group("sched")) and _OWN_FILING.search(before, 0, pre.start()):
            continue  # "our 2021 Form 10-K Item 1A": a place in the company's own filing
        if pre:
            if pre.group("xact"):
                act = "Exchange Act"
            elif pre.group("sact"):
                act = "Securities Act"
            else:
                target = _target(pre)
            start = head.start() - len(before) + pre.start()
        post = None if target else _ANCHOR_AFTER.match(text, end)
        if post:
            target, end = _target(post), post.end()
        if kind == "rule" and not act:
            a = _ACT_AFTER.match(text, end)
            if a:
                act = _act_name(a.group("act"), defined)
                end = a.end() if act else end
        if not head.group("gap"):
            if not (target or act or (kind == "rule" and _DISTINCT_RULE.match(text, head.end()))):
                continue  # glued, with nothing to say it is a citation
            # A page number run into the head of a scrambled page: "Refer\nItem210(e)(1)(i)(A) of
            # Regulation S-K." (7084_0000000000-24-005934, Item 10(e)): a glued S-K item must exist.
            lead_digits = re.match(r"\d+", numbers[0][0])
            if kind == "item" and target in ("S-K", "AB") and lead_digits and int(lead_digits.group()) not in _SK_ITEMS:
                continue
        if kind == "item" and (not target or (pre and not post)):
            # A heading of the filing: "Item 7. Management's Discussion", "Item 1A - Risk Factors",
            # also under the form's name ("Annual Report on Form 10-K\nItem 1A. Risk Factors").
            # Only the short numbers of a form's parts ("7", "1A", "9B"): "Regulation S-K Item 303."
            # ending a sentence is a citation.
            first, clause = numbers[0]
            if len(first) <= 3 and _PART_NUMBER.fullmatch(first) and not clause and _HEADING_AFTER.match(text, head.end() + len(first)):
                continue
        instr = _INSTRUCTION_BEFORE.search(text, max(0, head.start() - 30), head.start()) if before.endswith("to ") else None
        if kind == "article" and not target:
            # "Article 11 pro forma financial information" in a letter that names Regulation S-X;
            # "Article 4 of the Merger Agreement" is not one.
            if not sx_named or _OF_AFTER.match(text, end) or int(numbers[0][0]) > 12:
                continue
            target = "S-X"
        cites = [_Cite(kind, n.strip(), cl.strip(), target, act, (), bool(instr)) for n, cl in numbers]
        detail = "; ".join(
            ((instr.group(0).strip() + " " + kind.capitalize() + " ") if instr and i == 0 else "") + n.strip() + cl.strip()
            for i, (n, cl) in enumerate(numbers)
            if cl.strip() or "." in n or (instr and i == 0)
        )
        done = end
        yield start, end, cites, detail


def _ref(c: _Cite) -> tuple[str, tuple[str, ...]]:
    """The canonical ref of a resolved cite ('' when it names nothing the schema has)."""
    flags: tuple[str, ...] = ()
    if c.kind == "article":
        return (f"S-X Article {int(c.num)}" if c.target == "S-X" else ""), flags
    if c.target == "G":
        return "Regulation G", flags
    if c.kind == "rule":
        num = _norm_rule(c.num)
        if c.target == "S-X":
            num = num.split(".")[0]
        if c.target == "S-X" or (not c.target and re.fullmatch(r"\d{1,2}-\d{2}(?:\.\d+)?", num)):
            if "-" not in num and re.fullmatch(r"\d{3,4}", num):
                num = f"{num[:-2]}-{num[-2:]}"  # "Rule 503(b)10 of Regulation SX", "Rule 410(a)(31)"
                flags = ("hyphen restored",)
            return (f"S-X {num.split('.')[0]}" if "-" in num else ""), flags
        if c.target in ("S-T", "S-K", "M-A"):
            return f"{c.target} {num}", flags
        if _lettered(num):
            act = c.act if c.act and c.act not in ("Securities Act",) else "Exchange Act"
            return f"{act} Rule {num}", flags
        return (f"{c.act} Rule {num}" if c.act else f"Rule {num}"), flags
    # items
    num = _dash(c.num)
    if c.target.startswith(("Form", "Schedule")):
        if not re.fullmatch(r"\d\.\d\d", num):
            num = re.sub(r"\.[A-Z]$", "", num)  # Form 20-F "Item 5.A" -> Item 5
        return f"{c.target} Item {num}", flags
    if c.target == "S-X":
        if "-" in num:
            return f"S-X {num}", flags
        if num.isdigit() and int(num) in _SK_ITEMS:  # "Item 303(a) of Regulation S-X": an S-K item
            return f"S-K {num}", ("S-X named for an S-K item",)
        return "", flags
    if c.target == "S-B":
        base = re.match(r"\d+", num)
        return (f"S-B {int(base.group())}" if base else ""), flags
    if c.target in ("S-K", "AB"):
        base = re.match(r"\d+", num)
        if not base:
            return "", flags
        n = int(base.group())
        return (f"M-A {n}" if n in _MA_ITEMS else f"S-K {n}"), flags
    if c.target == "M-A":
        base = re.match(r"\d+", num)
        return (f"M-A {int(base.group())}" if base else ""), flags
    return "", flags


def _resolve_bare(c: _Cite, at: int, anchored: dict[str, list[tuple[int, _Cite]]], reg_g: bool) -> _Cite | None:
    """Give a bare item or rule the regulation the letter gives the same number elsewhere."""
    if c.kind == "item" and not c.clause and not c.instruction and len(c.num) <= 2:
        # "Item 7", "Item 1A": without a clause or an "Instruction 2 to" these are places in the
        # filing ("disclosed in Item 7 Management's Discussion", "Item 1A of our Form 10-K")
        return None
    same = anchored.get(_key(c.kind, c.num), [])  # in text order
    if same:
        i = _bisect_pos(same, at)
        _pos, src = same[i - 1] if i > 0 else same[0]  # the nearest before, else the first after
        return _Cite(c.kind, c.num, c.clause, src.target, src.act or c.act, ("regulation from context",), c.instruction)
    if c.kind == "rule":
        if reg_g and c.num in ("100", "101", "102"):
            # "prohibited by Rule 100(b)" in a letter about Regulation G (whose rules are 100-102),
            # also where a page header splits "Rule 100(b) of" from "Regulation G"
            return _Cite(c.kind, c.num, c.clause, "G", "", ("regulation from context",))
        return c
    if c.kind == "article":
        return None
    num = _dash(c.num)
    if re.fullmatch(r"\d\.\d\d", num):
        return _Cite(c.kind, num, c.clause, "Form 8-K", "", ("regulation inferred",))
    if not num.isdigit():
        return None
    n = int(num)
    if n in _MA_ITEMS:
        return _Cite(c.kind, num, c.clause, "M-A", "", ("regulation inferred",))
    if n in _SK_ITEMS and (c.clause or n >= 100):
        return _Cite(c.kind, num, c.clause, "S-K", "", ("regulation inferred",))
    return None


def _bisect_pos(same: list[tuple[int, _Cite]], at: int) -> int:
    lo, hi = 0, len(same)
    while lo < hi:
        mid = (lo + hi) // 2
        if same[mid][0] < at:
            lo = mid + 1
        else:
            hi = mid
    return lo


def find(text: str) -> list[Mention]:
    """Every SEC rule and regulation-item citation in ``text``, in order.

    >>> [m.refs for m in find("Refer to Item 303(a)(3)(ii) of Regulation S-K and Rule 4-08(e).")]
    [('S-K 303',), ('S-X 4-08',)]
    """
    if not any(w in text for w in ("Item", "Rule", "rule", "Article", "Regulation", "§", "C.F.R", "CFR", "Guide")):
        return []
    raw = list(_cites(text)) if any(w in text for w in ("Item", "Rule", "rule", "Article")) else []
    anchored: dict[str, list[tuple[int, _Cite]]] = {}
    for start, _end, cites, _detail in raw:
        for c in cites:
            # only a regulation or form is lent to a bare number: a bare "Rule 461" stays bare even
            # where the letter elsewhere writes "Rule 461 under the Securities Act" (GOLD.md)
            if c.target:
                anchored.setdefault(_key(c.kind, c.num), []).append((start, c))
    reg_g = next(scan.finditer(_REG_G, text, scan.after_non_word), None) is not None
    out: list[Mention] = []
    for start, end, cites, detail in raw:
        refs: list[str] = []
        flags: list[str] = []
        for c in cites:
            resolved = c
            if not c.target and not (c.kind == "rule" and (c.act or _lettered(c.num) or "-" in _dash(c.num))):
                bare = _resolve_bare(c, start, anchored, reg_g)
                if bare is None:
                    continue
                resolved = bare
            ref, more = _ref(resolved)
            if ref:
                refs.append(ref)
                flags.extend(resolved.flags + more)
        if refs:
            out.append(Mention(KIND, start, end, text[start:end], tuple(dict.fromkeys(refs)), detail,
                               tuple(dict.fromkeys(flags))))
    out.extend(_cfr(text))
    if "§" in text:
        out.extend(
            Mention(KIND, m.start(), m.end(), m.group(0), ("S-X " + re.sub(r"\D", "-", m.group("num")),),
                    m.group("num") + m.group("cl"))
            for m in _SX_SECTION.finditer(text)
        )
    out.extend(_regulation_g(text, out))
    if "Guide" in text:
        out.extend(_industry_guides(text))
    out.sort(key=lambda m: m.start)
    return out


def _industry_guides(text: str) -> Iterator[Mention]:
    for m in scan.finditer(_GUIDE, text, scan.after_non_word):
        if not m.group("head").startswith("Industry") and not _GUIDE_BARE_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            continue
        nums = re.findall(r"\d", m.group("list"))
        yield Mention(KIND, m.start(), m.end(), m.group(0), tuple(dict.fromkeys(f"Industry Guide {n}" for n in nums)))


def _cfr(text: str) -> Iterator[Mention]:
    if "§" not in text and "C.F.R" not in text and "CFR" not in text:
        return
    for m in _CFR.finditer(text):
        part, num = m.group("part"), _dash(m.group("num"))
        if part == "210":
            ref = f"S-X {num}" if "-" in num else ""
        elif part == "229":
            digits = re.match(r"\d+", num)
            n = int(digits.group()) if digits else 0
            ref = f"M-A {n}" if n in _MA_ITEMS else f"S-K {n}"
        elif part == "230":
            ref = f"Securities Act Rule {num}"
        elif part == "240":
            ref = f"Exchange Act Rule {num}"
        elif part == "232":
            ref = f"S-T {num}"
        else:
            ref = "Regulation G"
        if ref:
            yield Mention(KIND, m.start(), m.end(), m.group(0), (ref,), num + m.group("cl"))


def _regulation_g(text: str, found: Iterable[Mention]) -> Iterator[Mention]:
    """'Regulation G' on its own; those inside a rule citation ("Rule 100(b) of Regulation G") are taken."""
    if "Regulation" not in text:
        return
    spans = sorted((m.start, m.end) for m in found)
    starts = [s for s, _e in spans]
    for m in scan.finditer(_REG_G, text, scan.after_non_word):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i < 0 or spans[i][1] <= m.start():
            yield Mention(KIND, m.start(), m.end(), m.group(0), ("Regulation G",))
