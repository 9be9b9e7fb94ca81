"""Words that name each subject, as captions and comments write them: the model's strongest hints.

A staff comment sits under captions copied from the filing ("Note 15: Stock Options and Other
Share-based Compensation, page 97", "Risk Factors", "Non-GAAP Financial Measures") and names its
subject in a few set phrases ("non-GAAP", "earnings release", "pro forma"). :func:`hints` finds those
phrases, in the caption and in the text apart, and names the model class each points to; the model
reads them as words ("lxcap718", "lxtxtsk10") and learns how far to trust each. The phrases are the
Codification's and Regulation S-K's own names for their subjects and the usual captions of a 10-K,
never words of particular letters. The phrases' literal heads are found in one pass with an
Aho-Corasick automaton (pyahocorasick), and only the phrases whose head occurs are searched.

>>> sorted(hints("Note 15: Stock Options and Other Share-based Compensation, page 97", "Please tell us"))
['lxcap718']
>>> sorted(hints("General", "Your earnings release presents non-GAAP measures"))
['lxtxtregulationg', 'lxtxtsk10']
"""

from __future__ import annotations

import re

import ahocorasick

#: (class, pattern) pairs; a pattern is matched case-insensitively against a caption or a comment.
_PHRASES: tuple[tuple[str, str], ...] = (
    ("REVENUE", r"revenue recognition|revenues? from contracts? with customers|performance obligations?|principal (?:versus|vs\.?|or) agent|gross (?:versus|vs\.?|or) net|transaction price|contract (?:assets?|liabilit)|deferred revenue|variable consideration"),
    ("LEASES", r"\bleases?\b(?! (?:modification|termination) )|lessee|lessor|right[- ]of[- ]use"),
    ("CREDIT_LOSSES", r"allowance for (?:loan|credit|doubtful)|credit loss|loan loss|expected credit"),
    ("280", r"segments?\b|chief operating decision maker|\bCODM\b|reportable segment"),
    ("350", r"goodwill|intangible assets?|indefinite[- ]lived"),
    ("360", r"long[- ]lived assets?|asset impairments?|impairment of (?:property|long)|property,? plant(?:,)? and equipment|held for sale"),
    ("740", r"income tax|valuation allowance|deferred tax|tax rate|uncertain tax"),
    ("718", r"stock[- ]based compensation|share[- ]based compensation|stock options?|equity awards?|compensation - stock"),
    ("805", r"business combinations?|purchase price allocation|acquisitions?\b|bargain purchase|contingent consideration"),
    ("810", r"consolidation|variable interest entit|\bVIEs?\b|noncontrolling interest|primary beneficiary"),
    ("815", r"derivatives?|hedg"),
    ("820", r"fair value measurement|level 3|fair value hierarchy"),
    ("450", r"contingenc|litigation|loss accrual|accrued (?:legal|litigation)"),
    ("250", r"restatement|error correction|changes? in accounting|accounting changes|revision of previously|immaterial error"),
    ("205", r"discontinued operations?|going concern"),
    ("230", r"statements? of cash flows?|cash flows? statement"),
    ("260", r"earnings per share|\bEPS\b"),
    ("330", r"inventor(?:y|ies)"),
    ("470", r"\bdebt\b|borrowings|credit facilit|notes payable"),
    ("480", r"redeemable|mandatorily redeemable|liabilities from equity"),
    ("505", r"stockholders'? equity|shareholders'? equity|share repurchase|treasury stock"),
    ("855", r"subsequent events?"),
    ("323", r"equity method|equity[- ]method investee"),
    ("944", r"insurance contracts?|reserves? for (?:future policy|losses)|policyholder|reinsurance|annuit"),
    ("932", r"standardized measure|oil and gas (?:reserves|producing activities)|supplemental oil"),
    ("S-K 10", r"non-?\s?GAAP|adjusted ebitda|\bEBITDA\b|adjusted (?:net income|earnings|operating)|\bFFO\b|\bAFFO\b|\bFAD\b"),
    ("Regulation G", r"earnings releases?|press releases?|investor presentation|financial supplement|Item 2\.02|earnings call|form 8-k"),
    ("S-K 303", r"management'?s discussion|\bMD&A\b|results of operations|liquidity(?: and capital resources)?|capital resources|critical accounting (?:estimates|policies)|known trends?|key (?:performance|operating) (?:indicators|metrics)|contractual obligations|off-balance sheet"),
    ("S-K 105", r"risk factors?|risks? related to|item 1a\b"),
    ("S-K 101", r"^(?:item 1\.?\s*)?business\b|description of (?:the )?business|government regulation|human capital|competition\b|our business"),
    ("S-K 102", r"^(?:item 2\.?\s*)?properties\b"),
    ("S-K 103", r"legal proceedings"),
    ("S-K 305", r"market risk"),
    ("S-K 307", r"disclosure controls"),
    ("S-K 308", r"internal control over financial reporting"),
    ("S-K 402", r"executive compensation|compensation discussion|named executive|annual incentive|performance targets"),
    ("S-K 404", r"related part(?:y|ies)|related person"),
    ("S-K 601", r"exhibits?\b|material contracts?|legality opinion|consent of"),
    ("S-K 1200", r"proved (?:undeveloped )?reserves|\bPUDs?\b|oil and gas properties|drilling|production"),
    ("S-K 1300", r"mineral (?:resources?|reserves?)|mining|technical report summary|qualified person"),
    ("S-K 202", r"exclusive forum|forum selection"),
    ("S-X Article 11", r"pro forma"),
    ("S-X 3-05", r"financial statements of (?:the )?(?:acquired|business acquired)|rule 3-05"),
    ("S-X 5-03", r"statements? of (?:operations|income)|income statement|cost of (?:revenue|sales|goods)|captions?"),
    ("S-X 12-04", r"parent company|condensed financial information of (?:the )?registrant|schedule i\b"),
    ("Exchange Act Rule 13e-4", r"tender offer|offer conditions?|conditions (?:to|of) the offer|withdrawal rights|illusory"),
    ("M-A 1010", r"financial statements of the (?:offeror|bidder|company)|summary financial information|book value per share"),
    ("M-A 1015", r"fairness opinion|opinion of .{0,40}financial advisor"),
)

_SAFE = re.compile(r"[^a-z0-9]+")
_PLAIN = set("abcdefghijklmnopqrstuvwxyz0123456789 '&-,")


def _branches(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern."""
    out, depth, start, i = [], 0, 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    return out + [pattern[start:]]


def _literal_head(branch: str) -> str:
    """The literal words every match of one alternative starts with ("" if too short to help)."""
    body = branch
    while body.startswith(("\\b", "^")):
        body = body[2:] if body.startswith("\\b") else body[1:]
    head = ""
    for ch in body:
        if ch not in _PLAIN:
            if ch in "?*{":
                head = head[:-1]  # the character before is optional
            break
        head += ch
    return head if len(head) >= 3 else ""


def _triggers(pattern: str) -> tuple[str, ...] | None:
    """Literal strings one of which every match contains, or None when some alternative has none."""
    heads = [_literal_head(b) for b in _branches(pattern)]
    return tuple(heads) if all(heads) else None


# Matched against the lower-cased text (the same matches as re.IGNORECASE, several times faster),
# and only where one of the pattern's literal heads occurs (a substring test is far cheaper).
_COMPILED = tuple((cls, re.compile(p.lower()), _triggers(p.lower())) for cls, p in _PHRASES)


def _automaton() -> ahocorasick.Automaton:
    """Every literal head, each with the indexes (in ``_COMPILED``) of the patterns it opens."""
    found = ahocorasick.Automaton()
    for index, (_, _, triggers) in enumerate(_COMPILED):
        for trigger in triggers or ():
            if trigger in found:
                found.get(trigger).append(index)
            else:
                found.add_word(trigger, [index])
    found.make_automaton()
    return found


#: One pass over a text finds which heads occur in it (all of them, overlapping or not: just the
#: heads ``trigger in text`` would find one by one, a hundred and sixty times over).
_HEADS = _automaton()
#: The patterns without a literal head, searched in every text.
_ALWAYS = frozenset(index for index, (_, _, triggers) in enumerate(_COMPILED) if triggers is None)


def classes_named(text: str) -> frozenset[str]:
    """The classes whose phrases occur in ``text`` (case-insensitive)."""
    lowered = text.lower()
    tried = set(_ALWAYS)
    for _, indexes in _HEADS.iter(lowered):
        tried.update(indexes)
    return frozenset(_COMPILED[i][0] for i in tried if _COMPILED[i][1].search(lowered))


def _word(prefix: str, cls: str) -> str:
    return prefix + _SAFE.sub("", cls.lower())


def hints(caption: str, text: str) -> set[str]:
    """Hint words for the model: "lxcap<class>" for a phrase in the caption, "lxtxt<class>" in the text."""
    return hint_words(classes_named(caption), classes_named(text))


def hint_words(in_caption: frozenset[str], in_text: frozenset[str]) -> set[str]:
    """:func:`hints` from the classes already found in the caption and in the text."""
    return {_word("lxcap", c) for c in in_caption} | {_word("lxtxt", c) for c in in_text}
