"""Interactive charts of what the letters cite over the years (plotly; one offline HTML file each).

The same numbers as :mod:`asckg.graph.outputs.plots` (:func:`~asckg.graph.outputs.plots.year_counts`:
letters citing each of the most cited Topics or Subtopics, per year), drawn for a browser:

- :func:`trends`: a line per node; buttons switch between letters and the share of the year's
  letters (so a year with few letters stored is not read as a drop); hover gives both;
- :func:`heatmap`: nodes by years, each cell the letters citing (or their share), with the count
  written in the cell.

and, from what the staff's comments are about (``asckg:about``) rather than what the letters cite,
:func:`about_trends`: a line per topic of the share of each year's staff letters with a comment
about it (:func:`~asckg.graph.outputs.plots.about_shares`: the rows of ``asckg topics --by year``).

Each returns a :class:`plotly.graph_objects.Figure`; :func:`fragment` and :func:`write` turn one
into HTML (see :mod:`asckg.graph.outputs.pages`). PNG, SVG and PDF stay matplotlib's
(:mod:`~asckg.graph.outputs.plots`), for reports.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from asckg.graph.ask.reviews import ReviewShape, review_rows, review_shape
from asckg.graph.outputs.plots import AboutShares, YearCounts, about_shares, year_counts
from asckg.graph.store import Store

_WORD = {"topic": "Topic", "subtopic": "Subtopic"}
#: Line colours (Okabe-Ito, then Tol's muted), one per node.
COLORS = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#882255", "#117733", "#999933",
          "#44AA99", "#332288", "#AA4499"]


def _share(count: int, stored: int) -> float:
    return round(100.0 * count / stored, 1) if stored else 0.0


def _years(data: YearCounts) -> list[str]:
    return [str(y) for y in data.years]


def _ticks(years: list[str], stored: list[int]) -> list[str]:
    return [f"{y}<br><span style='font-size:10px;color:#777'>{s} letter{'' if s == 1 else 's'}</span>" for y, s in zip(years, stored)]


def _buttons(count_args: list[Any], share_args: list[Any]) -> list[dict[str, Any]]:
    return [dict(type="buttons", direction="right", x=0.0, xanchor="left", y=1.0, yanchor="bottom", showactive=True,
                 pad=dict(b=6), buttons=[dict(label="letters", method="update", args=count_args),
                                         dict(label="share of the year's letters (%)", method="update", args=share_args)])]


def trends_figure(data: YearCounts) -> Any:
    """A line per node: letters citing it per year (or their share of the year's letters)."""
    import plotly.graph_objects as go

    word = _WORD[data.level]
    years = _years(data)
    stored = [data.letters_per_year.get(y, 0) for y in data.years]
    fig = go.Figure()
    counts, shares = [], []
    for i, (label, values) in enumerate(data.series.items()):
        share = [_share(v, s) for v, s in zip(values, stored)]
        counts.append(values)
        shares.append(share)
        fig.add_trace(go.Scatter(
            x=years, y=values, name=html.escape(label), mode="lines+markers",
            line=dict(width=2.5, color=COLORS[i % len(COLORS)]), marker=dict(size=7),
            customdata=[[v, s, p] for v, s, p in zip(values, stored, share)],
            hovertemplate=f"<b>{html.escape(label)}</b><br>%{{x}}: %{{customdata[0]}} of %{{customdata[1]}} letters "
                          "(%{customdata[2]}%)<extra></extra>"))
    ticks = _ticks(years, stored)
    fig.update_layout(
        title=dict(text=f"Letters citing each of the {len(data.series)} most cited Codification {word}s, per year",
                   x=0.01, y=0.97, yanchor="top", font=dict(size=16)),
        height=560, margin=dict(l=70, r=20, t=96, b=70), plot_bgcolor="#ffffff",
        font=dict(family="Arial, Helvetica, sans-serif"), hovermode="closest",
        xaxis=dict(type="category", tickvals=years, ticktext=ticks, title=dict(text="year (below it: letters stored)"),
                   showgrid=False, linecolor="#999"),
        yaxis=dict(title=dict(text=f"letters citing the {word} or anything under it"), rangemode="tozero",
                   gridcolor="#e6e6e6", linecolor="#999"),
        legend=dict(title=dict(text=word), font=dict(size=12)),
        updatemenus=_buttons(
            [{"y": counts}, {"yaxis.title.text": f"letters citing the {word} or anything under it"}],
            [{"y": shares}, {"yaxis.title.text": "share of the year's letters citing it (%)"}]),
    )
    return fig


def heatmap_figure(data: YearCounts) -> Any:
    """Nodes (rows, most cited first) by years; each cell the letters citing (or their share)."""
    import plotly.graph_objects as go

    word = _WORD[data.level]
    years = _years(data)
    labels = list(data.series)
    stored = [data.letters_per_year.get(y, 0) for y in data.years]
    counts = [data.series[label] for label in labels]
    shares = [[_share(v, s) for v, s in zip(row, stored)] for row in counts]
    text = [[str(v) if v else "" for v in row] for row in counts]
    share_text = [[f"{p:g}" if p else "" for p in row] for row in shares]
    fig = go.Figure(go.Heatmap(
        z=counts, x=years, y=[html.escape(label) for label in labels], text=text, texttemplate="%{text}",
        colorscale="Blues", zmin=0, xgap=1, ygap=1, colorbar=dict(title=dict(text="letters"), thickness=14),
        customdata=[[[v, s, p] for v, s, p in zip(row, stored, prow)] for row, prow in zip(counts, shares)],
        hovertemplate="<b>%{y}</b><br>%{x}: %{customdata[0]} of %{customdata[1]} letters (%{customdata[2]}%)<extra></extra>"))
    fig.update_layout(
        title=dict(text=f"Letters citing each Codification {word}, by year", x=0.01, y=0.98, yanchor="top", font=dict(size=16)),
        height=max(360, 26 * len(labels) + 190), margin=dict(l=20, r=20, t=96, b=60), plot_bgcolor="#ffffff",
        font=dict(family="Arial, Helvetica, sans-serif"),
        xaxis=dict(type="category", title=dict(text="year"), side="bottom",
                   ticktext=_ticks(years, stored), tickvals=years),
        yaxis=dict(autorange="reversed", automargin=True),
        updatemenus=_buttons([{"z": [counts], "text": [text], "colorbar.title.text": "letters"}],
                             [{"z": [shares], "text": [share_text], "colorbar.title.text": "% of the<br>year's letters"}]),
    )
    return fig


def trends(store: Store, by: str = "topic", top: int = 8) -> Any:
    """The trend chart of the store's ``top`` most cited Topics (or Subtopics)."""
    return trends_figure(year_counts(store, by, top))


def heatmap(store: Store, by: str = "topic", top: int = 20) -> Any:
    """The heatmap of the store's ``top`` most cited Topics (or Subtopics)."""
    return heatmap_figure(year_counts(store, by, top))


_ABOUT_SHARE_AXIS = "share of the year's staff letters with a comment about it"
_ABOUT_LETTER_AXIS = "staff letters with a comment about it"


def about_trends_figure(data: AboutShares) -> Any:
    """A line per topic: the share of each year's staff letters with a comment about it (a button
    switches to the letters themselves); hover gives the share, the letters and the comments."""
    import plotly.graph_objects as go

    years = [str(y) for y in data.years]
    stored = [data.letters_per_year.get(y, 0) for y in data.years]
    fig = go.Figure()
    shares, counts = [], []
    for i, (label, values) in enumerate(data.shares.items()):
        letters, comments = data.letters[label], data.comments[label]
        shares.append(values)
        counts.append(letters)
        fig.add_trace(go.Scatter(
            x=years, y=values, name=html.escape(label), mode="lines+markers",
            line=dict(width=2.5, color=COLORS[i % len(COLORS)]), marker=dict(size=7),
            customdata=[[n, s, round(100.0 * v, 1), c] for n, s, v, c in zip(letters, stored, values, comments)],
            hovertemplate=f"<b>{html.escape(label)}</b><br>%{{x}}: %{{customdata[0]}} of %{{customdata[1]}} staff letters "
                          "(%{customdata[2]}%), %{customdata[3]} comments<extra></extra>"))
    fig.update_layout(
        title=dict(text=f"What the staff's comments are about: the {len(data.shares)} topics asked about most, per year"
                        "<br><sup>asckg:about (cited or not); the numbers of asckg topics --by year</sup>",
                   x=0.01, y=0.97, yanchor="top", font=dict(size=16)),
        height=560, margin=dict(l=70, r=20, t=110, b=70), plot_bgcolor="#ffffff",
        font=dict(family="Arial, Helvetica, sans-serif"), hovermode="closest",
        xaxis=dict(type="category", tickvals=years,
                   ticktext=[f"{y}<br><span style='font-size:10px;color:#777'>{n} staff letter{'' if n == 1 else 's'}</span>"
                             for y, n in zip(years, stored)],
                   title=dict(text="year (below it: staff letters with numbered comments)"), showgrid=False, linecolor="#999"),
        yaxis=dict(title=dict(text=_ABOUT_SHARE_AXIS), tickformat=".0%", rangemode="tozero",
                   gridcolor="#e6e6e6", linecolor="#999"),
        legend=dict(title=dict(text="Topic or SEC rule"), font=dict(size=12)),
        updatemenus=[dict(type="buttons", direction="right", x=0.0, xanchor="left", y=1.0, yanchor="bottom",
                          showactive=True, pad=dict(b=6), buttons=[
                              dict(label="share of the year's staff letters", method="update",
                                   args=[{"y": shares}, {"yaxis.title.text": _ABOUT_SHARE_AXIS, "yaxis.tickformat": ".0%"}]),
                              dict(label="staff letters", method="update",
                                   args=[{"y": counts}, {"yaxis.title.text": _ABOUT_LETTER_AXIS, "yaxis.tickformat": "d"}])])],
    )
    return fig


def about_trends(store: Store, top: int = 8) -> Any:
    """The trend chart of the ``top`` topics the staff's comments are about most (``asckg:about``)."""
    return about_trends_figure(about_shares(store, top))


def reviews_figure(shape: ReviewShape) -> Any:
    """Two panels: reviews by their number of letters, and the days closed reviews took to complete
    (a bar per 15 days; the median as a solid line, the 90th percentile dotted)."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    marks = [f"{label} {value:g}" for value, label in ((shape.days_median, "median"), (shape.days_p90, "90th percentile"))
             if value is not None]
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.12, subplot_titles=(
        f"Letters per review ({shape.reviews} reviews)",
        f"Days to complete ({len(shape.days)} closed reviews)"
        + (f"<br><span style='font-size:12px'>{', '.join(marks)} days (solid and dotted lines)</span>" if marks else "")))
    fig.add_trace(go.Bar(x=list(shape.by_letters), y=list(shape.by_letters.values()), marker_color=COLORS[0],
                         hovertemplate="%{y} reviews of %{x} letters<extra></extra>", name="reviews"), row=1, col=1)
    fig.add_trace(go.Histogram(x=shape.days, xbins=dict(start=0, size=15), marker_color=COLORS[1],
                               hovertemplate="%{y} reviews closed in %{x} days<extra></extra>", name="closed reviews"),
                  row=1, col=2)
    # The median and the 90th percentile as lines, named in the panel's title (labels on the lines collide).
    for value, dash in ((shape.days_median, "solid"), (shape.days_p90, "dot")):
        if value is not None:
            fig.add_vline(x=value, line=dict(color="#333333", dash=dash, width=1.5), row=1, col=2)
    fig.update_layout(title=dict(text="How reviews went", x=0.01, y=0.98, yanchor="top", font=dict(size=16)),
                      height=430, showlegend=False, bargap=0.08, margin=dict(l=20, r=20, t=96, b=60),
                      plot_bgcolor="#ffffff", font=dict(family="Arial, Helvetica, sans-serif"))
    fig.update_xaxes(title_text="letters in the review", dtick=1, row=1, col=1)
    fig.update_xaxes(title_text="days from the first letter to the closing letter", row=1, col=2)
    fig.update_yaxes(title_text="reviews", gridcolor="#e5e5e5")
    return fig


def reviews(store: Store) -> Any:
    """The review charts of the store's reviews (those with a staff comment letter)."""
    return reviews_figure(review_shape(review_rows(store)))


def fragment(fig: Any, div_id: str | None = None, include_js: bool = False) -> str:
    """A chart as an HTML fragment (see :func:`asckg.graph.outputs.pages.fragment`)."""
    from asckg.graph.outputs import pages

    return pages.fragment(fig, div_id=div_id, include_js=include_js)


def write(fig: Any, path: str | Path, title: str = "asckg chart") -> None:
    """Write a chart as one offline HTML page."""
    from asckg.graph.outputs import pages

    legend = "; click a legend entry to hide it, double-click to show it alone" if fig.layout.showlegend is not False \
        and any(t.type == "scatter" for t in fig.data) else ""
    buttons = "; the buttons switch letters and shares" if fig.layout.updatemenus else ""
    pages.write_page(fig, path, title, note=f"Hover for the counts{legend}{buttons}.")
