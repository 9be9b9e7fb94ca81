"""What the staff asks about: comments by topic, cited or not, read from ``asckg:about``.

- :func:`comments_about` answers ``asckg cites 350 --about``: every comment about a Topic or SEC
  rule (a response's answer counts with the staff comment it answers), each saying whether its own
  words cite it, the score and how the label was decided, and an excerpt.
- :func:`topic_table` answers ``asckg topics``: the table the yearly comment-letter reviews
  publish. Per period (year) or group (industry, review office, form under review), each topic's
  rank, comments, letters, companies, share of the group's staff letters and the change in that
  share from the period before: by year, from the year before; by group, from the window of the
  same length just before the table's window (:func:`table_window`, :func:`window_before`).

Industry is the SIC code's division (EDGAR header ``asckg:sicCode``, on the company) and office
the letter's ``asckg:reviewOffice``, else the office printed beside its staff signer or contact;
both may be absent (the row then says "unknown"). Form is the first form of the filings reviewed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
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


def industry_of(row: dict[str, Any]) -> str:
    """A letter's industry group: the SIC division of its company's SIC code (EDGAR header), else
    the sector a corpus manifest gave the company, marked "(sector)"; "unknown" without either."""
    if row.get("sic"):
        return sic_division(row["sic"])
    return f"{row['sector']} (sector)" if row.get("sector") else UNKNOWN


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
    industry: str | None = None  # :func:`industry_of` the letter's company, when asked for

    def dump(self) -> dict[str, Any]:
        out = {"id": self.id, "date": self.date, "company": self.company, "kind": self.kind,
               "comment": self.number, "cites": self.cites, "score": self.score,
               "decided_by": self.decided_by, "excerpt": self.excerpt}
        if self.industry is not None:
            out["industry"] = self.industry
        return out


def _excerpt(text: str | None, width: int = 160) -> str:
    words = " ".join((text or "").split())
    return words if len(words) <= width else words[: width - 1].rsplit(" ", 1)[0] + "…"


def comments_about(store, topic: str, since: str | None = None, until: str | None = None,
                   industry: str | None = None) -> list[AboutComment]:
    """Every comment about ``topic`` ("350", "Topic 606", "S-K 303"), by date, letter and number.

    ``since``/``until`` (ISO days, both included) keep the letters dated in that window; ``industry``
    the letters whose company is in that industry group (:func:`industry_of`: a SIC division or a
    manifest's sector, written with or without the "(sector)" mark, in any case), and each comment
    then says its industry. A response's excerpt is of its answer.
    """
    target = parse_reference(topic)
    if target.kind == "guidance":
        raise BadReference(f"{topic!r} is guidance, not an ASC Topic or SEC rule: comments are about Topics and rules")
    if target.kind == "asc" and "-" in target.ref:
        raise BadReference(f"{topic!r} is below Topic level: comments are about Topics (try {target.ref.split('-')[0]})")
    groups = letter_industries(store) if industry is not None else {}
    wanted = _industry_key(industry) if industry is not None else None
    out = []
    for row in store.select(load_query("comments_about"), {"target": NamedNode(target.iri)}):
        day = row["date"]
        if (since or until) and (day is None or (since and day < since) or (until and day > until)):
            continue
        group = groups.get(row["id"], UNKNOWN) if wanted is not None else None
        if wanted is not None and _industry_key(group) != wanted:
            continue
        out.append(AboutComment(
            id=row["id"], date=day, company=row["company"], kind=row["kind"],
            number=int(row["number"]) if row["number"] else None,
            cites=str(row["cites"]).lower() == "true", score=float(row["score"]),
            decided_by=row["decidedBy"], excerpt=_excerpt(row["answer"] or row["text"]), industry=group,
        ))
    return out


def letter_industries(store) -> dict[str, str]:
    """Each stored letter's industry group (:func:`industry_of`), by letter id."""
    return {row["id"]: industry_of(row) for row in store.select(load_query("letter_industries"))}


def _industry_key(group: str | None) -> str:
    """An industry group as a user may write it: the "(sector)" mark optional, case ignored."""
    return (group or "").removesuffix(" (sector)").strip().casefold()


@dataclass(frozen=True, slots=True)
class Window:
    """The letters dated from ``since`` to ``until`` (ISO days, both included)."""

    since: str
    until: str

    def __str__(self) -> str:
        return f"{self.since} to {self.until}"


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
    # share minus the share in the period before: by year, the year before; by group, the same
    # group's share in the window before (None: no staff letters of the group then)
    change: float | None
    window: Window | None = None  # by group: the table's window (by year: None)
    prior: Window | None = None  # by group: the window the change compares with

    def dump(self) -> dict[str, Any]:
        out = {"group": self.group, "rank": self.rank, "topic": self.topic, "title": self.title,
               "comments": self.comments, "letters": self.letters, "companies": self.companies,
               "share_of_letters": round(self.share, 4),
               "change": None if self.change is None else round(self.change, 4)}
        if self.window is not None and self.prior is not None:
            out.update({"since": self.window.since, "until": self.window.until,
                        "prior_since": self.prior.since, "prior_until": self.prior.until})
        return out


def _last_of_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def window_before(window: Window) -> Window:
    """The window of the same length that ends the day before ``window`` starts.

    A window of whole calendar months (from a 1st to a month's last day: a year, a quarter, a
    month) is compared with the same number of months before it, so 2024 is compared with 2023 and
    2024-07-01..2024-12-31 with 2024-01-01..2024-06-30, whatever the months' lengths. Any other
    window is compared with the same number of days before it."""
    first, last = date.fromisoformat(window.since), date.fromisoformat(window.until)
    end = first - timedelta(days=1)
    if first.day == 1 and last == _last_of_month(last):
        months = (last.year * 12 + last.month) - (first.year * 12 + first.month) + 1
        index = first.year * 12 + first.month - 1 - months
        start = date(index // 12, index % 12 + 1, 1)
    else:
        start = first - timedelta(days=(last - first).days + 1)
    return Window(start.isoformat(), end.isoformat())


Profiles = dict[str, dict[str, Any]]


def letter_profiles(store) -> Profiles:
    """Every staff letter with numbered comments, by letter IRI: its date and what groups it. The
    functions below ask for it when not given it; a caller making a table and its sizes asks once
    and hands it to each (at 20,000 letters it takes a second or two)."""
    return {row["letter"]: row for row in store.select(load_query("staff_letters_profile"))}


def _within(profiles: dict[str, dict[str, Any]], since: str | None, until: str | None) -> dict[str, dict[str, Any]]:
    """The letters dated within [since, until] (ISO days; None: open)."""
    out = {}
    for letter, row in profiles.items():
        day = str(row["date"] or "")[:10]
        if (since and day < since) or (until and day > until):
            continue
        out[letter] = row
    return out


def _window_of(profiles: dict[str, dict[str, Any]], since: str | None, until: str | None) -> Window | None:
    """The window of a table by group: ``since`` to ``until`` when both are given; with neither, the
    latest calendar year with a staff letter; a missing ``until`` is the last day of that year, a
    missing ``since`` the first day of the earliest year with one. None for a store without dated
    staff letters."""
    if since and until:
        return Window(since, until)
    years = sorted({str(row["date"] or "")[:4] for row in profiles.values() if str(row["date"] or "")[:4].isdigit()})
    if not years:
        return None
    if not since and not until:
        return Window(f"{years[-1]}-01-01", f"{years[-1]}-12-31")
    return Window(since or f"{years[0]}-01-01", until or f"{years[-1]}-12-31")


def table_window(store: Store, by: str, since: str | None = None, until: str | None = None,
                 profiles: Profiles | None = None) -> Window | None:
    """The letters a table grouped ``by`` counts: by year, ``since``/``until`` as given (None: no
    window, every year); by industry, office or form, the window :func:`_window_of` resolves, whose
    shares are compared with :func:`window_before` it."""
    if by == "year":
        return Window(since, until) if since and until else None
    return _window_of(letter_profiles(store) if profiles is None else profiles, since, until)


_Sets = dict[tuple[str, str], set[str]]


def _tally(profile: dict[str, dict[str, Any]], assignments: list[dict[str, Any]],
           by: str) -> tuple[dict[str, set[str]], _Sets, _Sets, _Sets]:
    """Per group its staff letters, and per (group, code) the comments, letters and companies about it."""
    group_letters: dict[str, set[str]] = defaultdict(set)
    for letter, row in profile.items():
        group_letters[_group_of(row, by)].add(letter)
    comments: dict[tuple[str, str], set[str]] = defaultdict(set)
    letters: dict[tuple[str, str], set[str]] = defaultdict(set)
    companies: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in assignments:
        facts = profile.get(row["letter"])
        if facts is None:
            continue
        key = (_group_of(facts, by), row["code"])
        comments[key].add(row["comment"])
        letters[key].add(row["letter"])
        companies[key].add(facts["company"] or row["letter"])
    return group_letters, comments, letters, companies


def _group_of(row: dict[str, Any], by: str) -> str:
    if by == "year":
        return (row["date"] or "")[:4] or UNKNOWN
    if by == "industry":
        return industry_of(row)
    if by == "office":
        return row["office"] or row["staffOffice"] or UNKNOWN
    return row["form"] or UNKNOWN


def topic_table(store: Store, by: str = "year", top: int = 10, since: str | None = None,
                until: str | None = None, profiles: Profiles | None = None) -> list[TopicRow]:
    """The most asked-about topics per group, ``top`` of each, groups in order (years ascending).

    By year, the letters dated within ``since``/``until`` (None: open) and each share's change from
    the year before. By industry, office or form, the letters of :func:`table_window` and each
    share's change from the same group's share in :func:`window_before` that window (a topic no
    letter of the group was about then counts as 0; a group with no staff letters then has no
    change)."""
    if by not in GROUPINGS:
        raise BadReference(f"cannot group by {by!r}: one of {', '.join(GROUPINGS)}")
    everything = letter_profiles(store) if profiles is None else profiles
    window = None if by == "year" else _window_of(everything, since, until)
    prior = window_before(window) if window else None
    if window:
        since, until = window.since, window.until
    profile = _within(everything, since, until)
    assignments = store.select(load_query("topic_assignments"))
    group_letters, comments, letters, companies = _tally(profile, assignments, by)
    share = {key: len(found) / len(group_letters[key[0]]) for key, found in letters.items()}
    before: dict[tuple[str, str], float] = {}
    before_sizes: dict[str, int] = {}
    if prior:
        earlier, _, earlier_letters, _ = _tally(_within(everything, prior.since, prior.until), assignments, by)
        before_sizes = {group: len(found) for group, found in earlier.items()}
        before = {key: len(found) / before_sizes[key[0]] for key, found in earlier_letters.items()}
    groups = sorted(group_letters, key=lambda g: (g == UNKNOWN, g))
    out: list[TopicRow] = []
    for i, group in enumerate(groups):
        keys = [k for k in letters if k[0] == group]
        keys.sort(key=lambda k: (-len(letters[k]), -len(comments[k]), k[1]))
        for rank, key in enumerate(keys[:top], start=1):
            change: float | None = None
            if by == "year":
                prior_year = groups[i - 1] if i > 0 and group.isdigit() and groups[i - 1] == str(int(group) - 1) else None
                change = share[key] - share.get((prior_year, key[1]), 0.0) if prior_year else None
            elif before_sizes.get(group):
                change = share[key] - before.get(key, 0.0)
            out.append(TopicRow(group, rank, key[1], topic_title(key[1]), len(comments[key]), len(letters[key]),
                                len(companies[key]), share[key], change, window, prior))
    return out


def group_sizes(store, by: str = "year", since: str | None = None, until: str | None = None,
                profiles: Profiles | None = None) -> dict[str, int]:
    """How many staff letters (with numbered comments) each group has: the share's denominator
    (by industry, office or form, in the window :func:`topic_table` counts)."""
    everything = letter_profiles(store) if profiles is None else profiles
    if by != "year":
        window = _window_of(everything, since, until)
        if window:
            since, until = window.since, window.until
    sizes: dict[str, int] = defaultdict(int)
    for row in _within(everything, since, until).values():
        sizes[_group_of(row, by)] += 1
    return dict(sizes)
