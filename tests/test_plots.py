"""Charts: the numbers behind them, and what a reader sees (title, axes, series, the files)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from asckg.graph.outputs import plots
from asckg.graph.ask.sparql import BadQuery, run_query
from asckg.queries import load_spec
from queries_support import examples, examples_store, golden, golden_store  # noqa: F401  (fixtures)


def test_year_counts_on_the_golden_graph(golden):
    data = plots.year_counts(golden, "topic", 8)
    assert data.years == [2016, 2018]
    assert data.letters_per_year == {2016: 5, 2018: 1}
    assert data.series == {
        "280 Segment Reporting": [2, 0],
        "944 Insurance": [2, 0],
        "350 Goodwill and Other": [1, 0],
        "606 Revenue from Contracts with Customers": [0, 1],
    }
    top2 = plots.year_counts(golden, "subtopic", 2)
    assert top2.series == {"280-10 Segment Reporting—Overall": [2, 0], "350-20 Goodwill": [1, 0]}


def test_trend_chart_has_title_axes_and_one_line_per_topic(golden):
    fig = plots.trends(golden, "topic", 3)
    (ax,) = [a for a in fig.axes if a.get_lines()]
    assert ax.get_title() == "Letters citing each of the 3 most cited Codification Topics, per year"
    assert ax.get_ylabel() == "letters citing the Topic or anything under it"
    assert ax.get_xlabel().startswith("year")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2016\n5", "2018\n1"]
    lines = {line.get_label(): list(line.get_ydata()) for line in ax.get_lines()}
    assert lines == {"280 Segment Reporting": [2, 0], "944 Insurance": [2, 0], "350 Goodwill and Other": [1, 0]}
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(lines)


def test_heatmap_cells_are_the_counts(golden):
    fig = plots.heatmap(golden, "topic", 20)
    ax = fig.axes[0]
    assert ax.get_title() == "Letters citing each Codification Topic, by year"
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "280 Segment Reporting", "944 Insurance", "350 Goodwill and Other", "606 Revenue from Contracts with Customers"]
    assert ax.images[0].get_array().tolist() == [[2, 0], [2, 0], [1, 0], [0, 1]]
    assert sorted(t.get_text() for t in ax.texts) == ["1", "1", "2", "2"]  # zero cells left blank
    assert len(fig.axes) == 2  # the colour bar


def test_a_chart_from_the_examples(examples, tmp_path):
    rows = run_query(examples, load_spec("top_topics_by_year"), {}).dicts()
    fig = plots.trends(examples, "topic", 20)
    (ax,) = [a for a in fig.axes if a.get_lines()]
    per_line = {line.get_label().split()[0]: sum(line.get_ydata()) for line in ax.get_lines()}
    expected: dict[str, int] = {}
    for r in rows:
        expected[r["code"]] = expected.get(r["code"], 0) + int(r["letters"])
    assert per_line == expected and len(per_line) >= 5
    png, svg = tmp_path / "trends.png", tmp_path / "trends.svg"
    plots.save(fig, png)
    plots.save(fig, svg)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000
    text = svg.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    assert "Revenue from Contracts with Customers" in text  # the legend is real text in the SVG


def test_bad_arguments_are_one_error(golden, tmp_path):
    with pytest.raises(BadQuery, match="cannot chart by 'section'"):
        plots.year_counts(golden, "section", 3)
    with pytest.raises(BadQuery, match="--top must be at least 1"):
        plots.year_counts(golden, "topic", 0)
    with pytest.raises(BadQuery, match=r"write the chart to a \.png, \.svg or \.pdf file"):
        plots.save(plots.trends(golden), tmp_path / "chart.jpg")


def test_cli_plots(examples_store, tmp_path):
    env = dict(os.environ, ASCKG_STORE=str(examples_store))
    for args in (("trends", "--by", "subtopic", "--top", "3", "-o", str(tmp_path / "t.svg")),
                 ("heatmap", "-o", str(tmp_path / "h.png"))):
        done = subprocess.run([sys.executable, "-m", "asckg", "plot", *args], capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stderr
    assert (tmp_path / "t.svg").stat().st_size > 10_000 and (tmp_path / "h.png").stat().st_size > 10_000


def _review(letters: int, days: int | None, closed: bool, name: str = "r"):
    from asckg.graph.ask.reviews import ReviewRow

    return ReviewRow(review=name, year=2020, company="C", letters=letters, rounds=1, days_open=days,
                     closed_by="x" if closed else None, outcome=None, has_amend=False, has_future=False,
                     office=None, industry=None, form=None)


def test_the_review_shape_counts_reviews_by_letters_and_closed_reviews_by_days():
    from asckg.graph.ask.reviews import review_shape

    rows = [_review(3, 40, True), _review(3, 10, True), _review(5, 100, True), _review(2, 400, False), _review(3, None, True)]
    shape = review_shape(rows)
    assert (shape.reviews, shape.by_letters) == (5, {2: 1, 3: 3, 5: 1})
    assert shape.days == [10, 40, 100]  # the open review and the undated one are left out
    assert (shape.days_median, shape.days_p90) == (40.0, 88.0)


def test_the_review_charts_hold_the_counts():
    from asckg.graph.ask.reviews import review_shape
    from asckg.graph.outputs import charts

    shape = review_shape([_review(3, 40, True), _review(3, 10, True), _review(5, 100, True), _review(2, 400, False)])
    fig = charts.reviews_figure(shape)
    bars, days = fig.data
    assert list(bars.x) == [2, 3, 5] and list(bars.y) == [1, 2, 1] and sum(bars.y) == shape.reviews
    assert sorted(days.x) == [10, 40, 100]
    assert "median 40, 90th percentile 88 days" in fig.layout.annotations[1].text


def test_cli_plots_the_reviews(examples_store, tmp_path):
    env = dict(os.environ, ASCKG_STORE=str(examples_store))
    for name in ("reviews.html", "reviews.png"):
        done = subprocess.run([sys.executable, "-m", "asckg", "plot", "reviews", "-o", str(tmp_path / name)],
                              capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stderr
        assert done.stderr.strip() == f"reviews -> {tmp_path / name}"
        assert (tmp_path / name).stat().st_size > 1000
    assert "Letters per review" in (tmp_path / "reviews.html").read_text(encoding="utf-8")


# ---------------------------------------------- trends --about: what the comments are about, not what letters cite
def _topics_by_year_json(store_path) -> list[dict]:
    import json

    env = dict(os.environ, ASCKG_STORE=str(store_path))
    done = subprocess.run([sys.executable, "-m", "asckg", "topics", "--by", "year", "--top", "1000", "--format", "json"],
                          capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _expected_lines(rows: list[dict], top: int) -> dict[str, dict[int, float]]:
    """Per code, the share per year that `asckg topics --by year` prints, for its ``top`` codes by letters."""
    letters: dict[str, int] = {}
    comments: dict[str, int] = {}
    for r in rows:
        letters[r["topic"]] = letters.get(r["topic"], 0) + r["letters"]
        comments[r["topic"]] = comments.get(r["topic"], 0) + r["comments"]
    chosen = sorted(letters, key=lambda c: (-letters[c], -comments[c], c))[:top]
    return {c: {int(r["group"]): r["share_of_letters"] for r in rows if r["topic"] == c} for c in chosen}


@pytest.mark.parametrize("top", [3, 50])
def test_about_trends_plot_the_shares_asckg_topics_prints(examples, examples_store, top):
    rows = _topics_by_year_json(examples_store)
    expected = _expected_lines(rows, top)
    years = sorted({int(r["group"]) for r in rows})
    fig = plots.about_trends(examples, top)
    (ax,) = [a for a in fig.axes if a.get_lines()]
    assert [t.get_text().split("\n")[0] for t in ax.get_xticklabels()] == [str(y) for y in years]
    data = plots.about_shares(examples, top)
    drawn = {data.codes[line.get_label()]: list(line.get_ydata()) for line in ax.get_lines()}
    assert list(drawn) == list(expected)  # the same topics, in the same order
    for code, values in drawn.items():
        want = [expected[code].get(y, 0.0) for y in years]
        assert values == pytest.approx(want, abs=5e-5), code
    assert any(0 < v < 1 for vs in drawn.values() for v in vs), "some share is neither 0 nor 1"
    assert ax.get_ylabel() == "staff letters with a comment about it, cited or not"


def test_about_trends_interactive_holds_the_same_shares(examples, examples_store):
    import html

    from asckg.graph.outputs import charts

    rows = _topics_by_year_json(examples_store)
    expected = _expected_lines(rows, 8)
    data = plots.about_shares(examples, 8)
    fig = charts.about_trends(examples, 8)
    assert len(fig.data) == len(expected)
    by_year = {(int(r["group"]), r["topic"]): r for r in rows}
    for trace in fig.data:
        code = data.codes[html.unescape(trace.name)]
        years = [int(x) for x in trace.x]
        assert list(trace.y) == pytest.approx([expected[code].get(y, 0.0) for y in years], abs=5e-5)
        for y, custom in zip(years, trace.customdata):  # hover: letters of stored, percent, comments
            row = by_year.get((y, code))
            assert custom[0] == (row["letters"] if row else 0) and custom[3] == (row["comments"] if row else 0)
    assert fig.layout.yaxis.tickformat == ".0%"


def test_cli_plots_about_trends_and_refuses_about_elsewhere(examples_store, tmp_path):
    env = dict(os.environ, ASCKG_STORE=str(examples_store))
    for name in ("about.html", "about.png"):
        done = subprocess.run([sys.executable, "-m", "asckg", "plot", "trends", "--about", "--top", "4", "-o", str(tmp_path / name)],
                              capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stderr
        assert done.stderr.strip() == f"trends by topic, about -> {tmp_path / name}"
    assert (tmp_path / "about.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "What the staff" in (tmp_path / "about.html").read_text(encoding="utf-8")
    for args in (("heatmap", "--about"), ("trends", "--about", "--by", "subtopic")):
        done = subprocess.run([sys.executable, "-m", "asckg", "plot", *args, "-o", str(tmp_path / "x.png")],
                              capture_output=True, text=True, env=env)
        assert done.returncode == 2 and "--about" in done.stderr
