"""How reviews went, in numbers: the table ``asckg reviews`` prints, grouped by year, office, industry or form.

The rows come from ``queries/review_table.rq`` (one per review); :func:`summarize` is plain Python
over them, so it is tested on rows as well as on a store. A review counted here is a conversation
with at least one staff comment letter (letter type ``sec_comment``): a lone "we have not reviewed"
or "completed our review" letter is not a review that asked anything.

Per group: reviews; letters per review; the share closed by a review_complete letter; the share
closed after one or two comment letters (rounds); days to complete (first letter to the closing
letter) over the closed reviews, as mean, median and 90th percentile; the share of reviews in
which some answer amended the filing, and in which some answer promised changes to future filings.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from statistics import mean, median
from typing import Any

from asckg.core.errors import AsckgError
from asckg.graph.store import Store
from asckg.queries import load_query

#: What a table can be grouped by, and the row column each reads.
GROUPS = {"year": "year", "office": "office", "industry": "industry", "form": "form"}
UNKNOWN = "(unknown)"


@dataclass(frozen=True, slots=True)
class ReviewRow:
    """One review as ``review_table.rq`` gives it."""

    review: str
    year: int | None
    company: str | None
    letters: int
    rounds: int
    days_open: int | None
    closed_by: str | None
    outcome: str | None
    has_amend: bool
    has_future: bool
    office: str | None
    industry: str | None
    form: str | None


@dataclass(frozen=True, slots=True)
class GroupStats:
    """One line of the table."""

    group: str
    reviews: int
    letters_per_review: float
    closed_share: float
    closed_in_1_2_share: float
    days_mean: float | None
    days_median: float | None
    days_p90: float | None
    amend_share: float
    future_share: float

    def dump(self) -> dict[str, Any]:
        return asdict(self)


def _bool(value: Any) -> bool:
    return value is True or str(value).lower() == "true"


def review_rows(store: Store) -> list[ReviewRow]:
    """Every stored review with at least one staff comment letter."""
    rows: list[ReviewRow] = []
    for r in store.iter_rows(load_query("review_table")):
        rounds = int(r["rounds"] or 0)
        if rounds < 1:
            continue
        industry = r.get("sicTitle") or r.get("sicCode") or (f"{r['sector']} (sector)" if r.get("sector") else None)
        rows.append(ReviewRow(
            review=r["review"], year=int(r["year"]) if r["year"] is not None else None, company=r["company"],
            letters=int(r["letters"] or 0), rounds=rounds,
            days_open=int(r["daysOpen"]) if r["daysOpen"] is not None else None, closed_by=r["closedBy"],
            outcome=r["outcome"], has_amend=_bool(r["hasAmend"]), has_future=_bool(r["hasFuture"]),
            office=r["office"], industry=str(industry) if industry else None,
            form=r["form"].removesuffix("/A") if r["form"] else None,  # an amendment is the same form
        ))
    return rows


def _percentile(values: list[int], q: float) -> float:
    """The ``q`` quantile (0..1) by linear interpolation between the closest ranks."""
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q
    lo, hi = math.floor(pos), math.ceil(pos)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def summarize(rows: list[ReviewRow], by: str = "year") -> list[GroupStats]:
    """The table's lines, one per group value (sorted), then "all"."""
    if by not in GROUPS:
        raise AsckgError(f"cannot group reviews by {by!r}: use one of {', '.join(GROUPS)}")
    groups: dict[str, list[ReviewRow]] = {}
    for row in rows:
        value = getattr(row, GROUPS[by])
        groups.setdefault(str(value) if value is not None else UNKNOWN, []).append(row)
    out = [_stats(name, members) for name, members in sorted(groups.items(), key=lambda kv: (kv[0] == UNKNOWN, kv[0]))]
    if rows:
        out.append(_stats("all", rows))
    return out


def _stats(name: str, rows: list[ReviewRow]) -> GroupStats:
    n = len(rows)
    closed = [r for r in rows if r.closed_by]
    days = [r.days_open for r in closed if r.days_open is not None]
    return GroupStats(
        group=name,
        reviews=n,
        letters_per_review=round(mean(r.letters for r in rows), 2),
        closed_share=round(len(closed) / n, 3),
        closed_in_1_2_share=round(sum(1 for r in closed if r.rounds <= 2) / n, 3),
        days_mean=round(mean(days), 1) if days else None,
        days_median=round(float(median(days)), 1) if days else None,
        days_p90=round(_percentile(days, 0.9), 1) if days else None,
        amend_share=round(sum(1 for r in rows if r.has_amend) / n, 3),
        future_share=round(sum(1 for r in rows if r.has_future) / n, 3),
    )


@dataclass(frozen=True, slots=True)
class ReviewShape:
    """The distributions the review charts draw: reviews by their number of letters, and the days
    the closed reviews took to complete (with their median and 90th percentile)."""

    reviews: int
    by_letters: dict[int, int]  # letters in the review -> reviews
    days: list[int]  # days to complete, one per closed review, ascending
    days_median: float | None
    days_p90: float | None


def review_shape(rows: list[ReviewRow]) -> ReviewShape:
    """The distributions of ``rows`` (see :func:`review_rows`)."""
    by_letters: dict[int, int] = {}
    for row in rows:
        by_letters[row.letters] = by_letters.get(row.letters, 0) + 1
    days = sorted(r.days_open for r in rows if r.closed_by and r.days_open is not None)
    return ReviewShape(
        reviews=len(rows), by_letters=dict(sorted(by_letters.items())), days=days,
        days_median=float(median(days)) if days else None,
        days_p90=round(_percentile(days, 0.9), 1) if days else None,
    )
