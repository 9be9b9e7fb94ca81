"""Accounting and auditing guidance cited in comment letters, in the canonical forms of GOLD.md.

Standards (the GOLD ``guidance`` field)::

    "SFAS 133"      SFAS / FAS / FASB Statement / Statement No. 133, "(R)" kept: "SFAS 123R"
    "FIN 48"        FIN 48, FASB Interpretation No. 48
    "EITF 00-21"    EITF 00-21, EITF Issue No. 00-21, EITF Topic D-98 -> "EITF D-98"
    "SOP 97-2"      SOP 97-2, Statement of Position 97-2
    "APB 25" "ARB 51" "FTB 85-3" "FSP FAS 157-3" "FSP FAS 141(R)-1" (as written)
    "CON 6"         FASB Concepts Statement No. 6, Statement of Financial Accounting Concepts No. 6, SFAC 6
    "DIG B16"       Statement 133 Implementation Issue No. B16, DIG Issue B16
    A paragraph of a standard is the standard: "paragraph 14 of SFAS 142", "SFAS 133, paragraph 68".
    "SAB 104"       a numbered bulletin: Staff Accounting Bulletin No. 104, SAB No. 104
    "SAB Topic 5.Y" topic number plus its letter; "SAB Topic 5:Y", "Topic 11 (L)", "Topic 13-a" all
                    normalise so; deeper parts ("1:B.1", ".A.3(f)") go to ``detail``
    "ASU 2014-09"   ASU 2014-09, ASU No. 2016-02, Accounting Standards Update 2014-09
    "IFRS 15" "IAS 36" (a paragraph "IAS 20.7" keeps ".7" in detail)
    "PCAOB AS 2201" Auditing Standard No. 2201, AS 2201, PCAOB AS 2201.69

The staff's own interpretations, which letters cite beside the standards, are mentions of the same
kind with the flag ``STAFF`` and a prefix of their own::

    "C&DI Non-GAAP 102.10"  Question 102.10 of the Non-GAAP Financial Measures Compliance and
                            Disclosure Interpretations; "C&DI 102.10" takes its set from the words
                            around it, else from the last set the letter named, else "Non-GAAP"
                            when non-GAAP measures are discussed just before; without any, "C&DI 102.10"
    "FRM 2015.4"            Section 2015.4 of the Financial Reporting Manual, FRM 2015.4
    "FRC 501.04"            section 501.04 of the Codification of Financial Reporting Policies
    "Release 33-8350"       (SEC) Release No. 33-8350; "Exchange Act Release 43069" -> "Release 34-43069"
    "SLB 19"                Staff Legal Bulletin No. 19

The gold annotators left these out of ``guidance`` (gold notes: "C&DI is not one of the spec's
guidance types", "SEC Release 33-8350 and C&DIs not recorded", "Division's Financial Reporting
Manual mentioned; not a canonical guidance item"), so ``gold_refs`` keeps only the standards.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator

from asckg.nlp.grammar import scan
from asckg.nlp.mention import Mention

KIND = "guidance"
#: Flag on the staff's own interpretations (C&DI, FRM, FRC, releases, SLB): guidance, not a standard.
STAFF = "staff interpretation"

# --- named pieces -------------------------------------------------------------------------------
H = "[-\u2010\u2011\u2012\u2013]"  # hyphens as pdftotext and html2text leave them ("33\u20118350")
NO = r"(?:Nos?\.?|Numbers?)\s*"  # "No. 133", "Nos. 141 and 142"
SEP = r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*)"  # between the numbers of a list
REV = r"(?:\s?\((?:R|revised(?:\s+\d{4})?)\)|R\b)"  # "(R)", " (R)", "R", "(revised 2004)"
QNUM = r"\d{3}[A-Z]?\.\d{2}"  # a C&DI question: 102.10, 128D.13


def _pattern(body: str) -> re.Pattern[str]:
    return re.compile(body, re.VERBOSE)


_SFAS = _pattern(
    rf"""
    (?P<name>\bSFAS|\bFAS|\bFASB\s+Statements?|\bStatements?\s+of\s+(?:the\s+)?Financial\s+Accounting\s+Standards?(?:\s*\(\s*[“"]?S?FAS[”"]?\s*\))?
       |\bFinancial\s+Accounting\s+Standards?|\bStatements?(?=\s+(?:Nos?\.?\s*)?\d))
    \s*(?:{NO})?
    (?P<list>\d{{1,3}}{REV}?(?:{SEP}(?:S?FAS\s*|Statement\s*)?(?:No\.?\s*)?\d{{1,3}}{REV}?){{0,9}})
    (?![\d\u2010-\u2013-]|\.\d)
    """
)
_FIN = _pattern(
    rf"""\b(?:FIN|FASB\s+Interpretations?)\s*(?:{NO})?
    (?P<list>\d{{1,3}}{REV}?(?:{SEP}(?:FIN\s*)?\d{{1,3}}{REV}?){{0,9}})(?![\d-])"""
)
_DASHED = rf"\d{{2}}{H}\d{{1,3}}[A-Za-z]?"  # 00-21, 97-2, 85-3
_EITF = _pattern(
    rf"""\b(?:EITF|Emerging\s+Issues\s+Task\s+Force)\s*(?:Issues?\s*|Topic\s*)?(?:{NO})?
    (?P<list>(?:{_DASHED}|D{H}\d{{1,3}})(?:{SEP}(?:EITF\s*)?(?:{_DASHED}|D{H}\d{{1,3}})){{0,9}})"""
)
_SOP = _pattern(
    rf"""\b(?:SOP|(?:AICPA\s+)?Statements?\s+of\s+Position)\s*(?:{NO})?
    (?P<list>{_DASHED}(?:{SEP}(?:SOP\s*)?{_DASHED}){{0,9}})"""
)
_APB = _pattern(
    rf"""\b(?:APB|Accounting\s+Principles\s+Board)\s*(?:Opinions?\s*)?(?:{NO})?
    (?P<list>\d{{1,2}}(?:{SEP}(?:APB\s*)?\d{{1,2}}){{0,9}})\b(?!{H}\d)"""
)
_ARB = _pattern(
    rf"""\b(?:ARB|Accounting\s+Research\s+Bulletins?)\s*(?:{NO})?
    (?P<list>\d{{1,3}}(?:{SEP}(?:ARB\s*)?\d{{1,3}}){{0,9}})\b(?!{H}\d)"""
)
_FTB = _pattern(
    rf"""\b(?:FTB|FASB\s+Technical\s+Bulletins?)\s*(?:{NO})?
    (?P<list>{_DASHED}(?:{SEP}(?:FTB\s*)?{_DASHED}){{0,9}})"""
)
# "FSP FAS 141(R)-1", "FSP FIN 46(R)-6": a staff position on a revised standard keeps its "(R)".
_FSP_ONE = rf"(?:S?FAS|FIN|EITF|APB|SOP|AAG\s+[A-Z]{{2,4}})\s*\d{{1,3}}(?:\(R\))?(?:{H}\d{{1,3}}){{1,2}}(?:{H}[a-z])?"
_FSP = _pattern(
    rf"""\b(?:FSP|FASB\s+Staff\s+Positions?)\s*(?:{NO})?
    (?P<list>{_FSP_ONE}(?:{SEP}(?:FSP\s*)?{_FSP_ONE}){{0,9}})"""
)
# FASB Concepts Statements: "FASB Concepts Statement No. 6", "Concepts Statement 5", "Statement of
# Financial Accounting Concepts No. 2", "SFAC 6", "CON 8" -> "CON 6". ("CON" only before a number:
# "CONSOL" and "CON Edison" are words.)
_CON = _pattern(
    rf"""\b(?:(?:FASB\s+)?Concepts?\s+Statements?|Statements?\s+of\s+(?:the\s+)?Financial\s+Accounting\s+Concepts
       |SFAC|CON(?=\s*(?:No\.?\s*)?\d))
    \s*(?:{NO})?
    (?P<list>\d{{1,2}}(?:{SEP}(?:CON\s*|SFAC\s*)?(?:No\.?\s*)?\d{{1,2}}){{0,5}})(?![\d\u2010-\u2013-]|\.\d)"""
)
# Statement 133 implementation issues of the Derivatives Implementation Group: "Statement 133
# Implementation Issue No. B16", "SFAS 133 Implementation Issue A17", "DIG Issue B16", "DIG B16",
# "Derivatives Implementation Group Issue No. K1" -> "DIG B16" (a letter and a number).
_DIG_NUM = r"[A-K]\s?\d{1,2}(?![\w-])"
_DIG = _pattern(
    rf"""(?:\b(?:(?:FASB\s+)?(?:S?FAS|Statement)\s*(?:No\.?\s*)?133\s+|Derivatives\s+)?Implementation\s+(?:Group\s+)?Issues?
       |\bDIG(?:\s+Issues?)?)
    \s*(?:{NO})?
    (?P<list>{_DIG_NUM}(?:{SEP}(?:DIG\s*)?(?:Issue\s*)?(?:No\.?\s*)?{_DIG_NUM}){{0,5}})"""
)
# "SAB Topic 5:Y", "Topic 11 (L)", "Topic 13-a", "Topic 1:B.1", "Topic 5.T"; the letter needs a
# separator without spaces, else "SAB Topic 11. A registrant ..." would read as 11.A.
_TOPIC = (
    rf"\d{{1,2}}(?:(?:[.:]|{H})[A-Za-z](?![A-Za-z])|[A-Z](?![A-Za-z])|\s?\(\s?[A-Z]\s?\))?"
    rf"(?:[.:]\d{{1,2}}\b|\([a-z0-9]{{1,4}}\))*"
)
_TOPIC_PARTS = re.compile(
    rf"(?P<n>\d{{1,2}})(?:(?:[.:]|{H})(?P<l1>[A-Za-z])(?![A-Za-z])|(?P<l2>[A-Z])(?![A-Za-z])|\s?\(\s?(?P<l3>[A-Z])\s?\))?"
    rf"(?P<deep>(?:[.:]\d{{1,2}}\b|\([a-z0-9]{{1,4}}\))*)"
)
_SAB = _pattern(
    rf"""
    \b(?:SAB|Staff\s+Accounting\s+Bulletins?)(?![A-Za-z_])   # "SAB104": glued by PDF text
    (?:\s*\(\s*[“"]?SABs?[”"]?\s*\))?      # "Staff Accounting Bulletin (“SAB”) No. 99"
    \s*:?\s*
    (?:
        Topics?\s*(?P<topics>{_TOPIC}(?:{SEP}(?:SAB\s*)?(?:Topic\s*)?{_TOPIC}){{0,9}})
      | (?:{NO})?(?P<nums>\d{{1,3}}(?:{SEP}(?:SAB\s*)?(?:No\.?\s*)?\d{{1,3}}){{0,9}})(?![\d.]\d)
    )
    """
)
_ASU_ONE = rf"\d{{4}}{H}\d{{2}}"
_ASU = _pattern(
    rf"""\b(?:ASUs?|Accounting\s+Standards\s+Updates?)
    (?:\s*\(\s*[“"]?ASUs?[”"]?\s*\))?\s*(?:{NO})?
    (?P<list>{_ASU_ONE}(?:{SEP}(?:ASU\s*)?(?:No\.?\s*)?{_ASU_ONE}){{0,9}})(?!\d)"""
)
_IFRS = _pattern(
    rf"""\b(?P<name>IFRS|IAS|International\s+Financial\s+Reporting\s+Standards?
        |International\s+Accounting\s+Standards?)\s*(?:{NO})?
    (?P<num>\d{{1,2}})(?P<para>\.\d{{1,3}}(?:{H}\d{{1,3}})?)?(?![\d\u2010-\u2013-])"""
)
# PCAOB auditing standards. A bare "AS" needs a four-digit number in the reorganised ranges
# (AS 1001-1305, 2101-2905, 3101-3320, 4101-4105, 6101-6115), so a year ("AS 2019") is not one.
_PCAOB = _pattern(
    rf"""
    (?P<named>\bPCAOB\s+(?:Auditing\s+Standards?|AS)|\bAuditing\s+Standards?)\s*(?:{NO})?
        (?P<num>\d{{1,4}})(?P<para>\.\d{{1,3}})?(?!\d)
    | \bAS\s(?P<bare>(?:1[0-3]|2[1-9]|3[1-3]|4[01]|61)\d\d)(?P<bpara>\.\d{{1,3}})?(?!\d)
    """
)

# --- the staff's interpretations ----------------------------------------------------------------
_CDI_WORDS = r"(?:Compliance\s*(?:and|&)\s*Disclosure|Compliant\s+and\s+Disclosure)\s+Interpretations?"
_CDI_ACRO = r"(?:C&DI|CDI)(?:['’]?s)?"
_CDI = _pattern(
    rf"""
    (?:{_CDI_WORDS}|{_CDI_ACRO})(?:\s*\(\s*[“"]?{_CDI_ACRO}[”"]?\s*\))?\s*(?:Questions?\s*)?
        (?P<list>{QNUM}(?:\([a-z]\))?(?:{SEP}(?:Question\s*)?{QNUM}(?:\([a-z]\))?){{0,9}})
    | (?P<word>\bQuestions?|\bItem)\s+
        (?P<qlist>{QNUM}(?:\([a-z]\))?(?:{SEP}(?:Question\s*)?{QNUM}(?:\([a-z]\))?){{0,9}})
    """
)
#: C&DI sets, by a keyword of their title; the first keyword found names the set.
_CDI_SETS = (
    (re.compile(r"non\s*[-\u2010\u2011]?\s*GAAP", re.I), "Non-GAAP"),
    (re.compile(rf"Regulation\s+S{H}?K"), "Regulation S-K"),
    (re.compile(r"Securities\s+Act\s+Rules"), "Securities Act Rules"),
    (re.compile(r"Securities\s+Act\s+Sections"), "Securities Act Sections"),
    (re.compile(r"Securities\s+Act\s+Forms"), "Securities Act Forms"),
    (re.compile(r"Exchange\s+Act\s+Rules"), "Exchange Act Rules"),
    (re.compile(r"Exchange\s+Act\s+Sections"), "Exchange Act Sections"),
    (re.compile(rf"Form\s+8{H}K"), "Exchange Act Form 8-K"),
    (re.compile(r"Exchange\s+Act\s+Forms"), "Exchange Act Forms"),
    (re.compile(r"Tender\s+Offer"), "Tender Offer Rules and Schedules"),
    (re.compile(r"Proxy\s+Rules"), "Proxy Rules and Schedules 14A/14C"),
    (re.compile(rf"Regulation\s+S{H}?T"), "Regulation S-T"),
)
_SET_WORDS = (
    r"(?:non\s*[-\u2010\u2011]?\s*GAAP|Regulation\s+S\S?K|Securities\s+Act|Exchange\s+Act|Tender\s+Offer"
    r"|Proxy\s+Rules|Regulation\s+S\S?T|Form\s+8\S?K)"
)
_CDI_NAMED = re.compile(
    rf"{_SET_WORDS}[\w\s]{{0,30}}?(?:{_CDI_WORDS}|{_CDI_ACRO})"
    rf"|(?:{_CDI_WORDS}|{_CDI_ACRO})\s+(?:on|for|regarding)\s+(?:the\s+use\s+of\s+)?{_SET_WORDS}",
    re.I,
)
#: The words after a question that name its set: "of the updated Non-GAAP Compliance and Disclosure
#: Interpretations", "of the C&DIs on Non-GAAP financial measures"; and after "C&DI 102.10": "on ...".
_CDI_TAIL = re.compile(
    rf"\s*(?:of|from|in)\s+[^.;]{{0,80}}?(?:{_CDI_WORDS}|{_CDI_ACRO})(?:[^.;(“]{{0,40}}?\b(?:on|for|regarding)\s+[^.;(“]{{0,60}})?"
)
_CDI_TAIL_WORDS = re.compile(r"\s*(?:on|for|regarding)\s+[^.;(“]{0,60}")
_NON_GAAP_TALK = re.compile(r"non\s*[-\u2010\u2011]?\s*GAAP|Regulation\s+G\b|Item\s+10\(e\)", re.I)
_CDI_CONTEXT = re.compile(rf"{_CDI_WORDS}|{_CDI_ACRO}")

_FRM = _pattern(
    r"""
    \b(?:[Ss]ections?|§)\s*(?P<num>\d{3,4}(?:\.\d{1,3}){0,3})(?P<sub>(?:\([a-z0-9]{1,4}\))*)
        \s+of\s+(?:the\s+)?(?:[A-Z][\w’'.]*\s+|of\s+){0,8}?
        (?P<book>Financial\s+Reporting\s+Manual|FRM|Codification\s+of\s+Financial\s+Reporting\s+Policies)
    | (?:\bFinancial\s+Reporting\s+Manual\s*\(\s*[“"]?FRM[”"]?\s*\)|\bFRM)\s*(?:[Ss]ections?\s*|§\s*|Topic\s*)?
        (?P<fnum>\d{1,4}(?:\.\d{1,3}[a-z]?){0,3})
        (?P<fsub>(?:\([a-z0-9]{1,4}\))*)
    """
)
_RELEASE_NUM = rf"(?:33|34|IC|IA){H}\d{{3,6}}|\d{{4,7}}"
_RELEASE = _pattern(
    rf"""(?P<head>\bReleases?)\s*(?:{NO})?
    (?P<list>(?:{_RELEASE_NUM})(?:{SEP}(?:{_RELEASE_NUM})){{0,9}})(?![\d\u2010-\u2013-])"""
)
# The act named before the word "Release": "Exchange Act Release No. 34-17719", "Securities Act
# Release No. 10825", "Interpretive Release No. 33-9106".
_RELEASE_ACT = re.compile(
    r"(?P<act>\bSecurities\s+Act|\bExchange\s+Act|\bInvestment\s+Company\s+Act|\bInvestment\s+Advisers\s+Act)?"
    r"(?:\s+(?:Interpretive|Interpretative|Adopting|Final\s+Rule))?\s+$"
)
_SLB = _pattern(r"\b(?:Staff\s+Legal\s+Bulletin|SLB)\s*(?:No\.?\s*)?(?P<num>\d{1,2}[A-Z]?)\b")

_ACT_PREFIX = {"securities": "33", "exchange": "34", "investment company": "IC", "investment advisers": "IA"}


# --- helpers --------------------------------------------------------------------------------------
def _mention(text: str, start: int, end: int, refs: Iterable[str], detail: str = "",
             flags: tuple[str, ...] = ()) -> Mention:
    """A guidance mention over ``text[start:end]``, refs deduplicated in order."""
    return Mention(KIND, start, end, text[start:end], tuple(dict.fromkeys(refs)), detail, flags)


def _dash(s: str) -> str:
    """Unify the hyphens of a number ("33\u20118350" -> "33-8350")."""
    return re.sub(H, "-", s)


def _second_int(code: str) -> str:
    """'05-01' -> '05-1': the second part of an AICPA/EITF number without leading zeros."""
    head, _, tail = _dash(code).partition("-")
    digits = re.match(r"\d+", tail)
    if not digits:
        return f"{head}-{tail}"
    return f"{head}-{int(digits.group())}{tail[digits.end():].upper()}"


def _numbers_with_rev(chunk: str) -> Iterator[str]:
    """'123 (R) and 141(R)' -> '123R', '141R'; 'No. 5' -> '5'."""
    for m in re.finditer(rf"(\d{{1,3}})({REV})?", chunk):
        yield m.group(1) + ("R" if m.group(2) else "")


# The words every match of each family's pattern starts with: a pattern is tried only where a fast
# scan finds one (asckg.nlp.grammar.scan.finditer_from), not at every position of a letter. (A family
# runs only in a letter that holds one of its words, but there a pattern that opens with "\b" and
# an alternation was tried at every position: for the rarer families, a third of this grammar's time
# on the corpus until session 13.)
_STARTS: dict[re.Pattern[str], re.Pattern[str]] = {
    _SFAS: scan.literals("SFAS", "FAS", "Statement", "Financial"),
    _FIN: scan.literals("FIN", "FASB"),
    _EITF: scan.literals("EITF", "Emerging"),
    _SOP: scan.literals("SOP", "AICPA", "Statement"),
    _APB: scan.literals("APB", "Accounting"),
    _ARB: scan.literals("ARB", "Accounting"),
    _FTB: scan.literals("FTB", "FASB"),
    _FSP: scan.literals("FSP", "FASB"),
    _CON: scan.literals("FASB", "Concept", "Statement", "SFAC", "CON"),
    # "Implementation" may open a match without a word boundary before it, as in the pattern
    _DIG: scan.literals("FASB", "SFAS", "FAS", "Statement", "Derivatives", "Implementation", "DIG"),
    _SAB: scan.literals("SAB", "Staff"),
    _ASU: scan.literals("ASU", "Accounting"),
    _IFRS: scan.literals("IFRS", "IAS", "International"),
    _PCAOB: scan.literals("PCAOB", "Auditing", "AS"),
    _CDI: scan.literals("Compliance", "Compliant", "C&DI", "CDI", "Question", "Item"),
    _RELEASE: scan.literals("Release"),
    _SLB: scan.literals("Staff", "SLB"),
}


def _matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, tried only where one of the pattern's start words is."""
    return scan.finditer_from(pattern, text, _STARTS[pattern])


# --- families -----------------------------------------------------------------------------------
def _sfas(text: str) -> Iterator[Mention]:
    for m in _matches(_SFAS, text):
        name = m.group("name")
        before = text[max(0, m.start() - 12):m.start()]
        # "FASB Concept Statement No. 6" is a concepts statement, not an SFAS.
        if re.search(r"Concepts?\s+$", before):
            continue
        # "Registration Statement No. 333-221738" / "Proxy Statement No. 2": a plain "Statement" counts
        # only after a lower-case word ("under Statement No. 5") or "FASB".
        if name.startswith("Statement") and not name.startswith("Statement of"):
            word = re.search(r"(\S+)\s+$", before)
            if word and not (word.group(1)[0].islower() or word.group(1) == "FASB"):
                continue
        yield _mention(text, m.start(), m.end(), (f"SFAS {n}" for n in _numbers_with_rev(m.group("list"))))


def _fin(text: str) -> Iterator[Mention]:
    for m in _matches(_FIN, text):
        yield _mention(text, m.start(), m.end(), (f"FIN {n}" for n in _numbers_with_rev(m.group("list"))))


def _dashed_family(text: str, pattern: re.Pattern[str], prefix: str) -> Iterator[Mention]:
    for m in _matches(pattern, text):
        codes = re.findall(rf"(?:\d{{2}}|D){H}\d{{1,3}}[A-Za-z]?", m.group("list"))
        yield _mention(text, m.start(), m.end(), (f"{prefix} {_second_int(c)}" for c in codes))


def _plain_family(text: str, pattern: re.Pattern[str], prefix: str) -> Iterator[Mention]:
    for m in _matches(pattern, text):
        yield _mention(text, m.start(), m.end(), (f"{prefix} {int(n)}" for n in re.findall(r"\d+", m.group("list"))))


def _fsp(text: str) -> Iterator[Mention]:
    for m in _matches(_FSP, text):
        refs = []
        for one in re.finditer(r"(S?FAS|FIN|EITF|APB|SOP|AAG\s+[A-Z]{2,4})\s*(\d[\d\u2010-\u2013a-z(R)-]*)", m.group("list")):
            std = "FAS" if one.group(1) == "SFAS" else re.sub(r"\s+", " ", one.group(1))
            refs.append(f"FSP {std} {_dash(one.group(2))}")
        yield _mention(text, m.start(), m.end(), refs)


def _con(text: str) -> Iterator[Mention]:
    for m in _matches(_CON, text):
        yield _mention(text, m.start(), m.end(), (f"CON {int(n)}" for n in re.findall(r"\d+", m.group("list"))))


def _dig(text: str) -> Iterator[Mention]:
    for m in _matches(_DIG, text):
        codes = re.findall(r"([A-K])\s?(\d{1,2})", m.group("list"))
        yield _mention(text, m.start(), m.end(), (f"DIG {letter}{int(n)}" for letter, n in codes))


def _sab(text: str) -> Iterator[Mention]:
    for m in _matches(_SAB, text):
        if m.group("topics"):
            refs, details = [], []
            for t in _TOPIC_PARTS.finditer(m.group("topics")):
                letter = t.group("l1") or t.group("l2") or t.group("l3") or ""
                refs.append(f"SAB Topic {int(t.group('n'))}" + (f".{letter.upper()}" if letter else ""))
                if t.group("deep"):
                    details.append(t.group(0).strip())
            yield _mention(text, m.start(), m.end(), refs, "; ".join(details))
        else:
            yield _mention(text, m.start(), m.end(), (f"SAB {int(n)}" for n in re.findall(r"\d+", m.group("nums"))))


def _asu(text: str) -> Iterator[Mention]:
    for m in _matches(_ASU, text):
        yield _mention(text, m.start(), m.end(), (f"ASU {_dash(c)}" for c in re.findall(_ASU_ONE, m.group("list"))))


def _ifrs(text: str) -> Iterator[Mention]:
    for m in _matches(_IFRS, text):
        name = m.group("name")
        prefix = "IFRS" if name.startswith(("IFRS", "International Financial")) else "IAS"
        yield _mention(text, m.start(), m.end(), [f"{prefix} {int(m.group('num'))}"], m.group("para") or "")


def _pcaob(text: str) -> Iterator[Mention]:
    for m in _matches(_PCAOB, text):
        if m.group("bare"):
            yield _mention(text, m.start(), m.end(), [f"PCAOB AS {m.group('bare')}"], m.group("bpara") or "")
            continue
        # "Statement on Auditing Standards No. 99" is an AICPA SAS, not a PCAOB standard.
        if not m.group("named").startswith("PCAOB") and re.search(r"Statements?\s+on\s+$", text[max(0, m.start() - 16):m.start()]):
            continue
        yield _mention(text, m.start(), m.end(), [f"PCAOB AS {int(m.group('num'))}"], m.group("para") or "")


def _cdi_set(text: str, start: int, end: int, words_first: bool,
             letter: Callable[[], tuple[list[int], list[str], list[int]]]) -> str:
    """The C&DI set a question belongs to: named in its own phrase, else by the letter earlier.

    The phrase is the rest of the sentence after the number ("Question 102.10 of the Non-GAAP
    Compliance and Disclosure Interpretations"); when the citation starts with the C&DI words, also
    the few words just before them ("Regulation S-K Compliance and Disclosure Interpretation 117.05"),
    cut at the last comma or "and" so that "Item 10(e) of Regulation S-K and Question 102.10" does
    not put a non-GAAP question in the S-K set.
    """
    if words_first:
        before = re.split(r"[.,;:()]|\band\b|\bof\b|\bin\b", text[max(0, start - 50):start])[-1]
        tail = _CDI_TAIL_WORDS.match(text, end)
        own = before + " " + (tail.group(0) if tail else "")
    else:
        tail = _CDI_TAIL.match(text, end)
        own = tail.group(0) if tail else ""
    for pattern, name in _CDI_SETS:
        if pattern.search(own):
            return name
    # A set the letter named earlier, next to the C&DI words ("Non-GAAP Compliance and Disclosure
    # Interpretations", "C&DIs on Non-GAAP financial measures"), within 3,000 characters; "Item 10(e)
    # of Regulation S-K and Question 102.10 of the C&DI" names no set. Positions are found once per
    # text (``letter``) and looked up by bisection, so many questions stay linear.
    named_at, named_set, talk_at = letter()
    i = bisect.bisect_left(named_at, start) - 1
    if i >= 0 and named_at[i] >= start - 3000:
        return named_set[i]
    j = bisect.bisect_left(talk_at, start - 600)
    if j < len(talk_at) and talk_at[j] < end + 300:
        return "Non-GAAP"
    return ""


def _letter_context(text: str) -> tuple[list[int], list[str], list[int]]:
    """Where the text names a C&DI set, which one, and where it talks of non-GAAP measures."""
    named_at, named_set = [], []
    for named in _CDI_NAMED.finditer(text):
        for pattern, name in _CDI_SETS:
            if pattern.search(named.group(0)):
                named_at.append(named.start())
                named_set.append(name)
                break
    return named_at, named_set, [t.start() for t in _NON_GAAP_TALK.finditer(text)]


def _cdi(text: str) -> Iterator[Mention]:
    """C&DI questions; one left without a set takes the set the letter gives the same question elsewhere."""
    found = list(_cdi_pass(text))
    known: dict[str, str] = {}
    for m in found:
        for ref in m.refs:
            parts = ref.split(" ")
            if len(parts) > 2:
                known.setdefault(parts[-1], " ".join(parts[1:-1]))
    for m in found:
        refs = tuple(
            f"C&DI {known[r.split(' ')[1]]} {r.split(' ')[1]}" if r.count(" ") == 1 and r.split(" ")[1] in known else r
            for r in m.refs
        )
        yield m if refs == m.refs else _mention(text, m.start, m.end, refs, m.detail, m.flags)


def _cdi_pass(text: str) -> Iterator[Mention]:
    cache: list[tuple[list[int], list[str], list[int]]] = []

    def letter() -> tuple[list[int], list[str], list[int]]:
        if not cache:  # only when a question does not name its set
            cache.append(_letter_context(text))
        return cache[0]

    for m in _matches(_CDI, text):
        chunk = m.group("list") or m.group("qlist")
        if m.group("word"):
            # A bare "Question 102.10" is a C&DI in these letters; a bare "Item 102.11" only when the
            # words after it name the C&DIs ("Refer to Item 102.11 of the non-GAAP C&DIs").
            if m.group("word") == "Item" and not _CDI_CONTEXT.search(text, m.end(), m.end() + 80):
                continue
        cdi_set = _cdi_set(text, m.start(), m.end(), words_first=not m.group("word"), letter=letter)
        refs, details = [], []
        for q in re.finditer(rf"({QNUM})(\([a-z]\))?", chunk):
            refs.append(" ".join(p for p in ("C&DI", cdi_set, q.group(1)) if p))
            if q.group(2):
                details.append(q.group(0))
        yield _mention(text, m.start(), m.end(), refs, "; ".join(details), (STAFF,))


def _frm(text: str) -> Iterator[Mention]:
    for m in _FRM.finditer(text):
        if m.group("num"):
            book = "FRC" if m.group("book").startswith("Codification") else "FRM"
            num, sub = m.group("num"), m.group("sub")
        else:
            book, num, sub = "FRM", m.group("fnum"), m.group("fsub")
            if re.search(r"\)?\s*Topic\s*\d", m.group(0)):
                num = f"Topic {num}"
        yield _mention(text, m.start(), m.end(), [f"{book} {num}"], sub or "", (STAFF,))


def _release(text: str) -> Iterator[Mention]:
    for m in _matches(_RELEASE, text):
        head_at = m.start("head")
        before = _RELEASE_ACT.search(text, max(0, head_at - 45), head_at)
        act = before.group("act") if before else None
        if not act and not text[head_at].isupper():
            continue  # "the earnings release 2021" is not an SEC release
        prefix = _ACT_PREFIX[re.sub(r"\s+", " ", act.lower()).rsplit(" act", 1)[0]] if act else ""
        refs, flags = [], [STAFF]
        for num in re.findall(_RELEASE_NUM, m.group("list")):
            num = _dash(num)
            if "-" not in num:
                if prefix:
                    num = f"{prefix}-{num}"
                elif re.fullmatch(r"3[34]\d{4,5}", num):
                    # "SEC Release 338350": the hyphen lost in conversion
                    num, flags = f"{num[:2]}-{num[2:]}", flags + ["hyphen restored"]
            refs.append(f"Release {num}")
        start = before.start("act") if act and before is not None else head_at
        yield _mention(text, start, m.end(), refs, "", tuple(dict.fromkeys(flags)))


def _slb(text: str) -> Iterator[Mention]:
    for m in _matches(_SLB, text):
        yield _mention(text, m.start(), m.end(), [f"SLB {m.group('num')}"], "", (STAFF,))


#: (literal prefilter, family). A family runs only when one of its literals is in the text.
_FAMILIES = (
    (("FAS", "Statement", "Financial Accounting Standard"), _sfas),
    (("FIN", "Interpretation"), _fin),
    (("EITF", "Emerging Issues"), lambda t: _dashed_family(t, _EITF, "EITF")),
    (("SOP", "Position"), lambda t: _dashed_family(t, _SOP, "SOP")),
    (("APB", "Accounting Principles Board"), lambda t: _plain_family(t, _APB, "APB")),
    (("ARB", "Research Bulletin"), lambda t: _plain_family(t, _ARB, "ARB")),
    (("FTB", "Technical Bulletin"), lambda t: _dashed_family(t, _FTB, "FTB")),
    (("FSP", "Staff Position"), _fsp),
    (("Concept", "SFAC", "CON"), _con),
    (("DIG", "Implementation Issue", "Implementation Group"), _dig),
    (("SAB", "Staff Accounting Bulletin"), _sab),
    (("ASU", "Accounting Standards Update"), _asu),
    (("IFRS", "IAS", "International"), _ifrs),
    (("AS ", "Auditing Standard", "PCAOB"), _pcaob),
    (("Question", "Interpretation", "C&DI", "CDI"), _cdi),
    (("Financial Reporting Manual", "FRM", "Codification of Financial Reporting"), _frm),
    (("Release",), _release),
    (("Legal Bulletin", "SLB"), _slb),
)


def _literal_index() -> tuple[re.Pattern[str], dict[str, frozenset[int]]]:
    """One scan for the families' literals, and which families each literal found turns on.

    A literal found can hide another that starts inside it ("IAS " hides "AS "): a found literal
    also turns on the families of every literal that could begin within it, so the one scan never
    skips a family that ``lit in text`` would have run.
    """
    owners: dict[str, set[int]] = {}
    for i, (lits, _family) in enumerate(_FAMILIES):
        for lit in lits:
            owners.setdefault(lit, set()).add(i)
    turns_on: dict[str, frozenset[int]] = {}
    for a in owners:
        on = set(owners[a])
        for b in owners:
            if b in a or any(b.startswith(a[k:]) for k in range(1, len(a))):
                on |= owners[b]
        turns_on[a] = frozenset(on)
    return scan.literals(*owners), turns_on


_LITERALS, _TURNS_ON = _literal_index()


def _families_present(text: str) -> set[int]:
    """The indexes of the families in ``_FAMILIES`` whose literals the text holds (one scan)."""
    present: set[int] = set()
    for word in {m.group() for m in _LITERALS.finditer(text)}:
        present |= _TURNS_ON[word]
    return present


# A paragraph of a standard, before or after it: "paragraph 14 of SFAS 142", "paragraphs 11-13 of
# SFAS 144", "SFAS 133, paragraph 68", "CON 5, paragraph 83". The mention takes the words in and the
# paragraphs go to ``detail``: the reference is the standard (GOLD.md).
_PARA = r"\d{1,3}[A-Za-z]?(?:\([a-z0-9]{1,4}\))*"
_PARAS = rf"(?:[Pp]aragraphs?|[Pp]ara\.|¶¶?)\s*(?P<paras>{_PARA}(?:\s*(?:,\s*(?:and\s+)?|and\s+|through\s+|to\s+|{H})\s*{_PARA}){{0,6}})"
_PARA_BEFORE = re.compile(rf"{_PARAS}\s+(?:of|in)\s+(?:the\s+)?$")
_PARA_AFTER = re.compile(rf",?\s*{_PARAS}(?![\d\w])")
_PARA_WORDS = ("aragraph", "ara.", "¶")


def _with_paragraphs(text: str, m: Mention) -> Mention:
    """``m`` widened over the paragraph of the standard written before or after it, if any."""
    start, end, paras = m.start, m.end, []
    before = _PARA_BEFORE.search(text, max(0, m.start - 60), m.start)
    if before:
        start = before.start()
        paras.append(before.group("paras"))
    after = _PARA_AFTER.match(text, m.end)
    if after:
        end = after.end()
        paras.append(after.group("paras"))
    if not paras:
        return m
    detail = "; ".join(d for d in (m.detail, *("paragraph " + " ".join(p.split()) for p in paras)) if d)
    return _mention(text, start, end, m.refs, detail, m.flags)


def find(text: str) -> list[Mention]:
    """Every guidance mention in ``text``, in order; overlapping mentions keep the longer one.

    >>> [m.refs for m in find("Refer to SAB Topic 11:B and Question 102.10 of the non-GAAP C&DIs.")]
    [('SAB Topic 11.B',), ('C&DI Non-GAAP 102.10',)]
    """
    found: list[Mention] = []
    present = _families_present(text)
    for i, (_literals, family) in enumerate(_FAMILIES):
        if i in present:
            found.extend(m for m in family(text) if m.refs)
    if found and any(w in text for w in _PARA_WORDS):
        found = [m if STAFF in m.flags or len(m.refs) != 1 else _with_paragraphs(text, m) for m in found]
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    for m in found:
        if kept and m.start < kept[-1].end:
            if m.end - m.start > kept[-1].end - kept[-1].start:
                kept[-1] = m
            continue
        kept.append(m)
    return kept


def gold_refs(mentions: Iterable[Mention]) -> list[str]:
    """The refs that belong in the GOLD ``guidance`` field: standards, not staff interpretations."""
    return sorted({r for m in mentions if m.kind == KIND and STAFF not in m.flags for r in m.refs})


def staff_refs(mentions: Iterable[Mention]) -> list[str]:
    """The staff's interpretations (C&DI, FRM, FRC, releases, SLB) that the mentions cite."""
    return sorted({r for m in mentions if m.kind == KIND and STAFF in m.flags for r in m.refs})
