"""``asckg plot``: charts of what the letters cite over the years."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

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
    top: Annotated[int, typer.Option("--top", help="How many of the most cited to show (default 8 for trends, 20 for heatmap).", show_default=False)] = 0,
    store: StoreOption = STORE_DEFAULT,
) -> None:
    """Draw how often the letters cite the most cited Topics (or Subtopics), year by year, or how reviews went."""
    from asckg.graph.outputs import plots
    from asckg.graph.store import open_store

    count = top or (8 if chart is Chart.trends else 20)
    interactive = output.suffix.lower() in (".html", ".htm")
    if not interactive and output.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise AsckgError(f"{output}: write the chart to a .html, .png, .svg or .pdf file")
    with open_store(store, read_only=True) as db:
        if interactive:
            from asckg.graph.outputs import charts

            if chart is Chart.reviews:
                fig = charts.reviews(db)
            else:
                fig = (charts.trends if chart is Chart.trends else charts.heatmap)(db, by.value, count)
        elif chart is Chart.reviews:
            fig = plots.reviews(db)
        else:
            fig = (plots.trends if chart is Chart.trends else plots.heatmap)(db, by.value, count)
    try:
        if interactive:
            charts.write(fig, output, title="asckg: reviews" if chart is Chart.reviews else f"asckg: {chart.value} by {by.value}")
        else:
            plots.save(fig, output)
    except OSError as error:
        raise AsckgError(f"{output}: cannot write: {error.strerror or error}") from None
    err.print(f"{chart.value} -> {output}" if chart is Chart.reviews else f"{chart.value} by {by.value} -> {output}")
