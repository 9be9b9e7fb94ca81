"""``asckg plot``: charts of what the letters cite over the years."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from asckg.cli.common import STORE_DEFAULT, StoreOption, err
from asckg.core.errors import AsckgError


class Chart(str, Enum):
    trends = "trends"
    heatmap = "heatmap"
    reviews = "reviews"


class Level(str, Enum):
    topic = "topic"
    subtopic = "subtopic"


def plot(
    chart: Annotated[Chart, typer.Argument(help="trends (a line per Topic, letters per year), heatmap (Topics by year) or reviews (letters per review, days to complete).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The chart file: .html (interactive, offline), .png, .svg or .pdf.")],
    by: Annotated[Level, typer.Option("--by", help="Chart Codification Topics or Subtopics.")] = Level.topic,
    top: Annotated[int, typer.Option("--top", help="How many of the most cited (or, with --about, most asked-about) to show (default 8 for trends, 20 for heatmap).", show_default=False)] = 0,
    about: Annotated[bool, typer.Option("--about", help="trends only: chart what the staff's comments are about (asckg:about, cited or not: the numbers of `asckg topics --by year`), as the share of each year's staff letters with a comment about each Topic or SEC rule, instead of the Topics the letters cite.")] = False,
    store: StoreOption = STORE_DEFAULT,
) -> None:
    """Draw how often the letters cite the most cited Topics (or Subtopics), year by year, or how reviews went.

    With --about, trends draws what the staff's comments are about instead: for the --top Topics and
    SEC rules with most staff letters about them, the share of each year's staff letters (with
    numbered comments) that have a comment about each, cited or not."""
    from asckg.graph.outputs import plots
    from asckg.graph.store import open_store

    if about and (chart is not Chart.trends or by is not Level.topic):
        raise typer.BadParameter("--about draws trends by topic only: comments are about Topics and SEC rules",
                                 param_hint="--about")
    count = top or (8 if chart is Chart.trends else 20)
    interactive = output.suffix.lower() in (".html", ".htm")
    if not interactive and output.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise AsckgError(f"{output}: write the chart to a .html, .png, .svg or .pdf file")
    if interactive:
        from asckg.graph.outputs import charts
    # charts (plotly, interactive) and plots (matplotlib, for reports) draw the same charts by the
    # same names from the same rows.
    drawing: Any = charts if interactive else plots
    with open_store(store, read_only=True) as db:
        if about:
            fig = drawing.about_trends(db, count)
        elif chart is Chart.reviews:
            fig = drawing.reviews(db)
        else:
            fig = (drawing.trends if chart is Chart.trends else drawing.heatmap)(db, by.value, count)
    what = "reviews" if chart is Chart.reviews else f"{chart.value} by {by.value}" + (", about" if about else "")
    try:
        if interactive:
            charts.write(fig, output, title=f"asckg: {what}")
        else:
            plots.save(fig, output)
    except OSError as error:
        raise AsckgError(f"{output}: cannot write: {error.strerror or error}") from None
    err.print(f"{what} -> {output}")
