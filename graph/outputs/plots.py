"""Charts of what the letters cite over the years (matplotlib, no display needed).

- :func:`trends`: for the most cited Topics (or Subtopics), how many letters cite each, per year;
  one line per node, labelled with its code and title, each year's tick showing how many letters
  the store holds for it, so a small year is not read as a drop.
- :func:`heatmap`: Topics (or Subtopics) by year, each cell the number of letters citing.

Both count letters that cite the node or anything under it (the ``top_*_by_year`` queries), and
return a :class:`matplotlib.figure.Figure` built without pyplot, so nothing global is touched.

- :func:`about_trends`: what the staff's comments are about (``asckg:about``, cited or not) rather
  than what the letters cite: per year, the share of the year's staff letters with a comment about
  each of the most asked-about Topics and SEC rules. Its numbers are the rows of ``asckg topics
  --by year`` (:func:`asckg.graph.ask.topics.topic_table`), not a count of its own.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from matplotlib.figure import Figure

from asckg.graph.ask.sparql import BadQuery, run_query
from asckg.graph.store import Store
from asckg.queries import load_spec

_QUERY = {"topic": "top_topics_by_year", "subtopic": "top_subtopics_by_year"}
_LEVEL_WORD = {"topic": "Topic", "subtopic": "Subtopic"}
#: Longest legend or row label, in characters.
LABEL_CHARS = 48


@dataclass(slots=True)
class YearCounts:
    """Letters citing each node per year, for the ``top`` nodes with most letters overall."""

    level: str
    years: list[int]
    letters_per_year: dict[int, int]
    series: dict[str, list[int]] = field(default_factory=dict)  # label -> counts aligned with years
    codes: dict[str, str] = field(default_factory=dict)  # label -> code


def _label(code: str, title: str | None) -> str:
    if not title:
        return code
    # "Revenue from Contracts with Customers" for 606; a Subtopic's title after its Topic's.
    parts = title.split("—")
    short = "—".join(parts[-2:]) if parts[-1] == "Overall" else parts[-1]
    text = f"{code} {short}"
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def year_counts(store: Store, by: str = "topic", top: int = 8) -> YearCounts:
    """The numbers behind both charts."""
    if by not in _QUERY:
        raise BadQuery(f"cannot chart by {by!r} (topic or subtopic)")
    if top < 1:
        raise BadQuery(f"--top must be at least 1, not {top}")
    rows = run_query(store, load_spec(_QUERY[by]), {"min": "1"}).dicts()
    per_year = {int(r["year"]): int(r["letters"]) for r in run_query(store, load_spec("letters_by_year")).dicts()}
    totals: dict[str, int] = defaultdict(int)
    counts: dict[str, dict[int, int]] = defaultdict(dict)
    titles: dict[str, Any] = {}
    for r in rows:
        totals[r["code"]] += int(r["letters"])
        counts[r["code"]][int(r["year"])] = int(r["letters"])
        titles[r["code"]] = r["label"]
    chosen = sorted(totals, key=lambda code: (-totals[code], code))[:top]
    years = sorted(per_year) or sorted({y for c in counts.values() for y in c})
    result = YearCounts(by, years, per_year)
    for code in chosen:
        label = _label(code, titles[code])
        result.series[label] = [counts[code].get(y, 0) for y in years]
        result.codes[label] = code
    return result


@dataclass(slots=True)
class AboutShares:
    """Per year, for the ``top`` topics with most staff letters about them over all years: the share
    of the year's staff letters (with numbered comments) that have a comment about each, and the
    letters and comments behind it. Every list is aligned with ``years``; a topic nobody asked
    about in a year has 0 there."""

    years: list[int]
    letters_per_year: dict[int, int]  # the shares' denominators
    shares: dict[str, list[float]] = field(default_factory=dict)  # label -> share (0..1) per year
    letters: dict[str, list[int]] = field(default_factory=dict)
    comments: dict[str, list[int]] = field(default_factory=dict)
    codes: dict[str, str] = field(default_factory=dict)  # label -> code ("350", "S-K 303")


def about_shares(store: Store, top: int = 8, since: str | None = None, until: str | None = None) -> AboutShares:
    """The numbers of :func:`about_trends`, read from :func:`~asckg.graph.ask.topics.topic_table` by year
    (every topic of every year), so they are those ``asckg topics --by year`` prints."""
    from asckg.graph.ask.topics import group_sizes, letter_profiles, topic_table, topic_title

    if top < 1:
        raise BadQuery(f"--top must be at least 1, not {top}")
    profiles = letter_profiles(store)
    rows = [r for r in topic_table(store, "year", top=1_000_000, since=since, until=until, profiles=profiles)
            if r.group.isdigit()]
    sizes = {int(g): n for g, n in group_sizes(store, "year", since, until, profiles).items() if g.isdigit()}
    letters: dict[str, int] = defaultdict(int)
    comments: dict[str, int] = defaultdict(int)
    for r in rows:
        letters[r.topic] += r.letters
        comments[r.topic] += r.comments
    chosen = sorted(letters, key=lambda code: (-letters[code], -comments[code], code))[:top]
    years = sorted(sizes)
    by_key = {(int(r.group), r.topic): r for r in rows}
    result = AboutShares(years, sizes)
    for code in chosen:
        label = _label(code, topic_title(code))
        found = [by_key.get((y, code)) for y in years]
        result.shares[label] = [r.share if r else 0.0 for r in found]
        result.letters[label] = [r.letters if r else 0 for r in found]
        result.comments[label] = [r.comments if r else 0 for r in found]
        result.codes[label] = code
    return result


def about_trends(store: Store, top: int = 8) -> Figure:
    """A line per topic the staff's comments are about: the share of each year's staff letters with
    a comment about it (cited or not)."""
    from matplotlib.ticker import PercentFormatter

    data = about_shares(store, top)
    fig, ax, positions = _line_chart(len(data.years), data.shares)
    ax.set_title(f"What the staff's comments are about: the {len(data.shares)} topics asked about most\n"
                 "(share of each year's staff letters with a comment about it)")
    ax.set_xlabel("year (below it: staff letters with numbered comments that year)")
    ax.set_ylabel("staff letters with a comment about it, cited or not")
    ax.yaxis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=0))
    ax.set_xticks(positions, [f"{y}\n{data.letters_per_year.get(y, 0)}" for y in data.years])
    ax.set_ylim(bottom=0)
    ax.grid(axis="y", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    if data.shares:
        ax.legend(title="Topic or SEC rule", loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    return fig


def _line_chart(years: int, series: Mapping[str, Sequence[float]]) -> tuple[Figure, Any, list[int]]:
    """A figure with one marked line per series over ``years`` evenly spaced positions (years as
    categories: the store may hold no letters for the years between two)."""
    fig = Figure(figsize=(11, 6), layout="constrained")
    ax = fig.add_subplot()
    markers = "osD^vP*Xh<>p"
    positions = list(range(years))
    for i, (label, values) in enumerate(series.items()):
        ax.plot(positions, values, marker=markers[i % len(markers)], linewidth=2, markersize=5, label=label)
    return fig, ax, positions


def _year_ticks(data: YearCounts) -> list[str]:
    return [f"{y}\n{data.letters_per_year.get(y, 0)}" for y in data.years]


def trends(store: Store, by: str = "topic", top: int = 8) -> Figure:
    """A line per node: letters citing it, per year."""
    data = year_counts(store, by, top)
    fig, ax, positions = _line_chart(len(data.years), data.series)
    word = _LEVEL_WORD[by]
    ax.set_title(f"Letters citing each of the {len(data.series)} most cited Codification {word}s, per year")
    ax.set_xlabel("year (below it: letters stored for that year)")
    ax.set_ylabel(f"letters citing the {word} or anything under it")
    ax.set_xticks(positions, _year_ticks(data))
    ax.set_ylim(bottom=0)
    ax.grid(axis="y", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    if data.series:
        ax.legend(title=word, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    return fig


def heatmap(store: Store, by: str = "topic", top: int = 20) -> Figure:
    """Nodes (rows, most cited first) by years (columns), each cell the letters citing."""
    data = year_counts(store, by, top)
    labels = list(data.series)
    matrix = [data.series[label] for label in labels]
    fig = Figure(figsize=(max(7, 0.7 * len(data.years) + 5), max(3, 0.38 * len(labels) + 1.8)), layout="constrained")
    ax = fig.add_subplot()
    image = ax.imshow(matrix or [[0] * len(data.years)], aspect="auto", cmap="Blues", vmin=0)
    word = _LEVEL_WORD[by]
    ax.set_title(f"Letters citing each Codification {word}, by year")
    ax.set_xlabel("year (below it: letters stored for that year)")
    ax.set_ylabel(word)
    ax.set_xticks(range(len(data.years)), _year_ticks(data))
    ax.set_yticks(range(len(labels)), labels)
    peak = max((v for row in matrix for v in row), default=0)
    for i, row in enumerate(matrix):
        for j, value in enumerate(row):
            if value:
                ax.text(j, i, str(value), ha="center", va="center", fontsize=8,
                        color="white" if value > peak * 0.6 else "black")
    fig.colorbar(image, ax=ax, label="letters", shrink=0.8)
    return fig


def reviews(store: Store) -> Figure:
    """The review charts for reports: reviews by their number of letters, and days to complete."""
    from asckg.graph.ask.reviews import review_rows, review_shape

    shape = review_shape(review_rows(store))
    fig = Figure(figsize=(11, 4.2), layout="constrained")
    left, right = fig.subplots(1, 2)
    left.bar(list(shape.by_letters), list(shape.by_letters.values()), color="#0072B2")
    left.set(title=f"Letters per review ({shape.reviews} reviews)", xlabel="letters in the review", ylabel="reviews")
    if shape.days:
        right.hist(shape.days, bins=range(0, max(shape.days) + 16, 15), color="#E69F00")
        for value, label, style in ((shape.days_median, "median", "-"), (shape.days_p90, "90th percentile", ":")):
            if value is not None:
                right.axvline(value, color="#333333", linestyle=style, label=f"{label} {value:g} days")
        right.legend(frameon=False)
    right.set(title=f"Days to complete ({len(shape.days)} closed reviews)",
              xlabel="days from the first letter to the closing letter", ylabel="reviews")
    return fig


def save(fig: Figure, path: str | Path) -> None:
    """Write the chart; the file's extension (png, svg, pdf) picks the format."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in ("png", "svg", "pdf"):
        raise BadQuery(f"{path}: write the chart to a .png, .svg or .pdf file")
    fig.savefig(path, format=suffix, dpi=150)
