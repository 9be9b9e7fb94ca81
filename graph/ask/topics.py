"""What the staff asks about: comments by topic, cited or not, read from ``asckg:about``.

- :func:`comments_about` answers ``asckg cites 350 --about``: every comment about a Topic or SEC
  rule (a response's answer counts with the staff comment it answers), each saying whether its own
  words cite it, the score and how the label was decided, and an excerpt.
- :func:`topic_table` answers ``asckg topics``: the table the yearly comment-letter reviews
  publish. Per period (year) or group (industry, review office, form under review), each topic's
  rank, comments, letters, companies, share of the group's staff letters and, by year, the change
  in that share from the year before (percentage points).

Industry is the SIC code's division (EDGAR header ``asckg:sicCode``, on the company) and office
the letter's ``asckg:reviewOffice``, else the office printed beside its staff signer or contact;
both may be absent (the row then says "unknown"). Form is the first form of the filings reviewed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from pyoxigraph import NamedNode

from asckg.core import reference
from asckg.core.errors import BadReference
from asckg.graph.ask.reference import parse_reference
from asckg.nlp.topics.labels import ITEM_TITLES
from asckg.graph.store import Store
from asckg.queries import load_query

#: What ``--by`` may group by.
GROUPINGS = ("year", "industry", "office", "form")

#: SIC code ranges and their divisions (the SEC's Standard Industrial Classification).
SIC_DIVISIONS = (
    (100, 999, "Agriculture, Forestry and Fishing"),
    (1000, 1499, "Mining"),
    (1500, 1799, "Construction"),
    (2000, 3999, "Manufacturing"),
    (4000, 4999, "Transportation, Communications and Utilities"),
    (5000, 5199, "Wholesale Trade"),
    (5200, 5999, "Retail Trade"),
    (6000, 6799, "Finance, Insurance and Real Estate"),
    (7000, 8999, "Services"),
    (9100, 9999, "Public Administration"),
)
UNKNOWN = "unknown"

#: Names of SEC items the model has no training title for (ITEM_TITLES covers the rest).
ITEM_NAMES = {
    "S-K 201": "Market for common equity", "S-K 202": "Description of securities",
    "S-K 301": "Selected financial data", "S-K 501": "Forepart of registration statement",
    "S-K 503": "Prospectus summary", "S-K 504": "Use of proceeds", "S-K 506": "Dilution",
    "S-K 401": "Directors and executive officers", "S-K 406": "Code of ethics",
    "S-X 3-09": "Financial statements of equity investees", "S-X 3-10": "Guarantors of securities",
    "S-X 4-08": "Notes to financial statements: general", "S-X 4-10": "Oil and gas producing activities",
    "S-X 12-09": "Valuation and qualifying accounts", "S-X 5-04": "Schedules",
    "M-A 1007": "Source and amount of funds", "M-A 1010": "Financial statements (tender offers)",
    "M-A 1013": "Purposes, alternatives, reasons and effects", "M-A 1014": "Fairness of the transaction",
    "M-A 1015": "Reports, opinions, appraisals", "Exchange Act Rule 13e-4": "Issuer tender offers",
    "Exchange Act Rule 13e-3": "Going-private transactions", "Exchange Act Rule 14e-1": "Tender offer practices",
}


def sic_division(sic: str | None) -> str:
    """The division of a four-digit SIC code ("7372" -> "Services"); "unknown" without one."""
    if not sic or not sic.strip().isdigit():
        return UNKNOWN
    code = int(sic.strip())
    for lo, hi, name in SIC_DIVISIONS:
        if lo <= code <= hi:
            return name
    return UNKNOWN


def topic_title(code: str) -> str:
    """The title of a topic label: the Codification's for a Topic, a short one for an SEC item."""
    if code.isdigit():
        info = reference.topic(code)
        return info.title if info else ""
    return ITEM_TITLES.get(code, "").split(":")[0] or ITEM_NAMES.get(code, "")


@dataclass(frozen=True, slots=True)
class AboutComment:
    """One comment about the asked topic."""

    id: str
    date: str | None
    company: str | None
    kind: str  # "staff", or "response" for an answer to a staff comment about it
    number: int | None
    cites: bool
    score: float
    decided_by: str
    excerpt: str

    def dump(self) -> dict[str, Any]:
        return {"id": self.id, "date": self.date, "company": self.company, "kind": self.kind,
                "comment": self.number, "cites": self.cites, "score": self.score,
                "decided_by": self.decided_by, "excerpt": self.excerpt}


def _excerpt(text: str | None, width: int = 160) -> str:
    words = " ".join((text or "").split())
    return words if len(words) <= width else words[: width - 1].rsplit(" ", 1)[0] + "…"


def comments_about(store, topic: str) -> list[AboutComment]:
    """Every comment about ``topic`` ("350", "Topic 606", "S-K 303"), by date, letter and number."""
    target = parse_reference(topic)
    if target.kind == "guidance":
        raise BadReference(f"{topic!r} is guidance, not an ASC Topic or SEC rule: comments are about Topics and rules")
    if target.kind == "asc" and "-" in target.ref:
        raise BadReference(f"{topic!r} is below Topic level: comments are about Topics (try {target.ref.split('-')[0]})")
    out = []
    for row in store.select(load_query("comments_about"), {"target": NamedNode(target.iri)}):
        out.append(AboutComment(
            id=row["id"], date=row["date"], company=row["company"], kind=row["kind"],
            number=int(row["number"]) if row["number"] else None,
            cites=str(row["cites"]).lower() == "true", score=float(row["score"]),
            decided_by=row["decidedBy"], excerpt=_excerpt(row["text"]),
        ))
    return out


@dataclass(frozen=True, slots=True)
class TopicRow:
    """One line of the topics table."""

    group: str
    rank: int
    topic: str
    title: str
    comments: int
    letters: int
    companies: int
    share: float  # of the group's staff letters
    change: float | None  # share minus the prior year's share, for --by year

    def dump(self) -> dict[str, Any]:
        return {"group": self.group, "rank": self.rank, "topic": self.topic, "title": self.title,
                "comments": self.comments, "letters": self.letters, "companies": self.companies,
                "share_of_letters": round(self.share, 4),
                "change": None if self.change is None else round(self.change, 4)}


def _profiles(store, since: str | None, until: str | None) -> dict[str, dict[str, Any]]:
    """The staff letters dated within [since, until] (ISO days; None: open), by letter IRI."""
    out = {}
    for row in store.select(load_query("staff_letters_profile")):
        day = str(row["date"] or "")[:10]
        if (since and day < since) or (until and day > until):
            continue
        out[row["letter"]] = row
    return out


def _group_of(row: dict[str, Any], by: str) -> str:
    if by == "year":
        return (row["date"] or "")[:4] or UNKNOWN
    if by == "industry":
        return sic_division(row["sic"])
    if by == "office":
        return row["office"] or row["staffOffice"] or UNKNOWN
    return row["form"] or UNKNOWN


def topic_table(store: Store, by: str = "year", top: int = 10, since: str | None = None,
                until: str | None = None) -> list[TopicRow]:
    """The most asked-about topics per group, ``top`` of each, groups in order (years ascending)."""
    if by not in GROUPINGS:
        raise BadReference(f"cannot group by {by!r}: one of {', '.join(GROUPINGS)}")
    profile = _profiles(store, since, until)
    group_letters: dict[str, set[str]] = defaultdict(set)
    for letter, row in profile.items():
        group_letters[_group_of(row, by)].add(letter)
    comments: dict[tuple[str, str], set[str]] = defaultdict(set)
    letters: dict[tuple[str, str], set[str]] = defaultdict(set)
    companies: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in store.select(load_query("topic_assignments")):
        facts = profile.get(row["letter"])
        if facts is None:
            continue
        key = (_group_of(facts, by), row["code"])
        comments[key].add(row["comment"])
        letters[key].add(row["letter"])
        companies[key].add(facts["company"] or row["letter"])
    share = {key: len(found) / len(group_letters[key[0]]) for key, found in letters.items()}
    groups = sorted(group_letters, key=lambda g: (g == UNKNOWN, g))
    out: list[TopicRow] = []
    for i, group in enumerate(groups):
        prior = groups[i - 1] if by == "year" and i > 0 and group.isdigit() and groups[i - 1] == str(int(group) - 1) else None
        keys = [k for k in letters if k[0] == group]
        keys.sort(key=lambda k: (-len(letters[k]), -len(comments[k]), k[1]))
        for rank, key in enumerate(keys[:top], start=1):
            change = share[key] - share.get((prior, key[1]), 0.0) if prior else None
            out.append(TopicRow(group, rank, key[1], topic_title(key[1]), len(comments[key]),
                                len(letters[key]), len(companies[key]), share[key], change))
    return out


def group_sizes(store, by: str = "year", since: str | None = None, until: str | None = None) -> dict[str, int]:
    """How many staff letters (with numbered comments) each group has: the share's denominator."""
    sizes: dict[str, int] = defaultdict(int)
    for row in _profiles(store, since, until).values():
        sizes[_group_of(row, by)] += 1
    return dict(sizes)
