"""The Codification as a map: a plotly treemap of Topic > Subtopic > Section > paragraph.

Drawn from the ``codification`` view (:func:`asckg.graph.outputs.views.codification`). A tile's
area is the citations of the node and of everything under it: each letter naming a node counts
once for that node (``direct``), and a node's area is its own count plus its children's areas, so
the areas add up exactly and a Topic the staff cites in many places is big. Its colour is the
year-over-year change in the share of letters citing it (warm: cited by more of the year's letters
than the year before; cool: fewer); a superseded Topic or Subtopic (605, 985-605, 840) is hatched
grey whatever its change. Hover shows the title, the counts per year and the letters with most
mentions under the node; a click zooms into the node, the bar on top zooms out again.

:func:`map_data` is the numbers, :func:`figure` the plotly figure, :func:`fragment` and
:func:`write` the HTML (see :mod:`asckg.graph.outputs.pages`).
"""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from asckg.core.errors import AsckgError

#: The tile every Topic hangs from.
ROOT = "asc"
#: Levels shown at once (the root and the Topics); a click on a Topic shows its Subtopics.
DEPTH = 2
#: Diverging colours: fewer letters' share (blue) ... no change (pale) ... more (red).
COLORSCALE = [[0.0, "#4393c3"], [0.25, "#a6cde3"], [0.5, "#f4f1ea"], [0.75, "#f7b799"], [1.0, "#d6604d"]]
SUPERSEDED = "#d0d0d0"
#: Characters per line of a tile's title.
WRAP = 20


@dataclass(slots=True)
class MapData:
    """One row per tile (the root first), aligned lists as plotly takes them."""

    ids: list[str] = field(default_factory=list)
    parents: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    values: list[int] = field(default_factory=list)  # area: own citations + children's areas
    own: list[int] = field(default_factory=list)  # letters naming the node itself
    letters: list[int] = field(default_factory=list)  # letters citing the node or anything under it
    change: list[float | None] = field(default_factory=list)  # share of letters, percentage points
    hover: list[str] = field(default_factory=list)
    year: int | None = None
    before: int | None = None
    stored: dict[int, int] = field(default_factory=dict)  # letters stored per year

    def add(self, id: str, parent: str, code: str, label: str, kind: str, status: str, value: int, own: int,
            letters: int, change: float | None, hover: str) -> None:
        """One more tile."""
        self.ids.append(id)
        self.parents.append(parent)
        self.codes.append(code)
        self.labels.append(label)
        self.kinds.append(kind)
        self.status.append(status)
        self.values.append(value)
        self.own.append(own)
        self.letters.append(letters)
        self.change.append(change)
        self.hover.append(hover)

    def topics(self) -> list[dict[str, Any]]:
        """The tiles under the root (the Topics, and any node with no cited parent), largest area
        first: the numbers the map shows at its first level, for a table beside it."""
        rows = [{"id": self.ids[i], "code": self.codes[i], "label": self.labels[i],
                 "title": self.labels[i][len(self.codes[i]):].strip(), "kind": self.kinds[i], "status": self.status[i],
                 "value": self.values[i], "own": self.own[i], "letters": self.letters[i], "change": self.change[i]}
                for i, parent in enumerate(self.parents) if parent == ROOT]
        return sorted(rows, key=lambda r: (-r["value"], r["code"]))

    def children(self) -> dict[str, list[int]]:
        """Row numbers of each id's children."""
        out: dict[str, list[int]] = {i: [] for i in self.ids}
        for row, parent in enumerate(self.parents):
            if parent:
                out[parent].append(row)
        return out


def _years(text: str) -> dict[int, int]:
    return {int(y): int(c) for y, c in (item.split(":") for item in text.split())} if text else {}


def _short_title(title: str | None, kind: str) -> str:
    """The part of the title a tile has room for: "Revenue from Contracts with Customers" for 606,
    "Overall" for 606-10, "Recognition" for 606-10-25; nothing for a paragraph."""
    if not title or kind == "paragraph":
        return ""
    if kind == "section":
        return title.rsplit(": ", 1)[-1]
    return title.rsplit("—", 1)[-1] if kind == "subtopic" else title


def map_data(g: nx.DiGraph, year: int | None = None) -> MapData:
    """The tiles of the codification view ``g``; ``year`` is compared with the year before it that
    has letters (default: the latest year the store holds letters for)."""
    stored = _years(g.graph.get("letters_by_year", ""))
    years = sorted(y for y, c in stored.items() if c)
    if year is None and years:
        year = years[-1]
    if year is not None and year not in stored:
        raise AsckgError(f"no letters of {year} in the store (years: {', '.join(map(str, years)) or 'none'})")
    earlier = [y for y in years if year is not None and y < year]
    before = earlier[-1] if earlier else None

    cited = [n for n, d in g.nodes(data=True) if d.get("letters", 0) > 0]
    area: dict[str, int] = {}
    for n in reversed(list(nx.topological_sort(g.subgraph(cited)))):  # children before parents
        area[n] = int(g.nodes[n].get("direct", 0)) + sum(area[c] for c in g.successors(n) if c in area)
    data = MapData(year=year, before=before, stored=stored)
    total_letters = sum(stored.values())
    data.add(ROOT, "", "ASC", "Codification", "root", "current", 0, 0, total_letters, None, "")
    for n in sorted(area, key=lambda n: g.nodes[n]["label"]):
        d = g.nodes[n]
        if area[n] == 0:
            continue
        parent = _parent(g, n, area) or ROOT
        kind = d.get("kind", "")
        status = d.get("status", "unknown")
        short = _short_title(d.get("title"), kind)
        label = f"{d['label']} {short}".strip() + (" (superseded)" if status == "superseded" and kind in ("topic", "subtopic") else "")
        by_year = _years(d.get("by_year", ""))
        change = None
        if year is not None and before is not None:
            change = 100.0 * (by_year.get(year, 0) / stored[year] - by_year.get(before, 0) / stored[before])
        data.add(n, parent, d["label"], label, kind, status, area[n], int(d.get("direct", 0)), int(d.get("letters", 0)),
                 change, _hover(d, area[n], by_year, stored, year, before, change))
    data.values[0] = sum(v for v, p in zip(data.values, data.parents) if p == ROOT)
    data.hover[0] = f"<b>The Codification</b><br>{total_letters} letters stored; {data.values[0]} citations of its parts"
    return data


def _parent(g: nx.DiGraph, n: str, area: dict[str, int]) -> str | None:
    for p in g.predecessors(n):
        if p in area and area[p] > 0:
            return p
    return None


def _hover(d: dict[str, Any], area: int, by_year: dict[int, int], stored: dict[int, int],
           year: int | None, before: int | None, change: float | None) -> str:
    e = html.escape
    lines = [f"<b>{e(d['label'])}</b> {e(d.get('title') or '')}",
             f"letters citing it or anything in it: <b>{d.get('letters', 0)}</b> (naming it exactly: {d.get('direct', 0)})",
             f"area: {area} citations of it and its parts"]
    if d.get("status") == "superseded":
        lines.append("<b>superseded</b> (no longer in the Codification)")
    if year is not None and before is not None and change is not None:
        lines.append(f"{year}: {by_year.get(year, 0)} of {stored[year]} letters; {before}: {by_year.get(before, 0)} of "
                     f"{stored[before]} ({change:+.1f} points)")
    if by_year:
        lines.append("per year: " + ", ".join(f"{y}: {c}" for y, c in sorted(by_year.items())))
    top = [t for t in (d.get("top_letters") or "").split(" | ") if t]
    if top:
        lines.append("letters with most mentions:")
        lines += [f"  {e(t)}" for t in top]
    return "<br>".join(lines)


def figure(g: nx.DiGraph, year: int | None = None, depth: int = DEPTH, height: int = 760) -> Any:
    """The treemap as a plotly figure."""
    import plotly.graph_objects as go

    data = map_data(g, year)
    changes = [abs(c) for c, k in zip(data.change, data.kinds) if c is not None and k in ("topic", "subtopic")]
    span = max(max(changes, default=1.0), 1.0)
    superseded = [s == "superseded" for s in data.status]
    colors = [SUPERSEDED if old else "#f7f7f7" if c is None else _colour(c, span)
              for c, old in zip(data.change, superseded)]
    trace = go.Treemap(
        ids=data.ids, parents=data.parents, labels=data.labels, values=data.values, branchvalues="total",
        customdata=[[h, _tile_text(code, label, v)] for h, code, label, v in zip(data.hover, data.codes, data.labels, data.values)],
        hovertemplate="%{customdata[0]}<extra></extra>", texttemplate="%{customdata[1]}", textposition="top left",
        marker=dict(colors=colors, line=dict(color="#ffffff", width=1),
                    pattern=dict(shape=["/" if old else "" for old in superseded], fgcolor="#8c8c8c", size=10, solidity=0.12)),
        maxdepth=depth, tiling=dict(packing="squarify", pad=3), pathbar=dict(visible=True, thickness=22),
        sort=True, textfont=dict(size=15), insidetextfont=dict(color="#1a1a1a"),
    )
    traces = [trace]
    if data.before is not None:  # the colour bar: a trace with no points, only its scale
        traces.append(go.Scatter(x=[None, None], y=[None, None], mode="markers", hoverinfo="skip", showlegend=False,
                                 marker=dict(color=[-span, span], colorscale=COLORSCALE, cmin=-span, cmax=span, cmid=0,
                                             showscale=True, colorbar=dict(title=dict(text=_colour_title(data), side="right"),
                                                                           thickness=14, len=0.8, x=1.0))))
    fig = go.Figure(traces)
    when = f"; colour: change in share of letters, {data.before} to {data.year}" if data.before else ""
    fig.update_layout(
        title=dict(text=f"The Codification as the letters cite it (area: citations{when}; hatched grey: superseded)",
                   x=0.01, font=dict(size=16)),
        height=height, margin=dict(l=8, r=8, t=48, b=8), uniformtext=dict(minsize=10, mode="hide"),
        font=dict(family="Arial, Helvetica, sans-serif"), hoverlabel=dict(align="left"),
        xaxis=dict(visible=False), yaxis=dict(visible=False), plot_bgcolor="#ffffff",
    )
    return fig


def _tile_text(code: str, label: str, value: int) -> str:
    """A tile's words, wrapped so that narrow tiles still have room: code, title, citations."""
    title = label[len(code):].strip() if label.startswith(code) else label  # the root: "ASC", "Codification"
    lines = [f"<b>{html.escape(code)}</b>"] + [html.escape(line) for line in textwrap.wrap(title, WRAP)]
    return "<br>".join(lines + [f"{value} citations"])


def _colour(change: float, span: float) -> str:
    from plotly.colors import sample_colorscale

    return sample_colorscale(COLORSCALE, [0.5 + max(-1.0, min(1.0, change / span)) / 2])[0]


def _colour_title(data: MapData) -> str:
    return f"share of letters,<br>{data.before}→{data.year}<br>(points)" if data.before else ""


def fragment(g: nx.DiGraph, year: int | None = None, include_js: bool = False) -> str:
    """The map as an HTML fragment (see :func:`asckg.graph.outputs.pages.fragment`)."""
    from asckg.graph.outputs import pages

    return pages.fragment(figure(g, year), div_id="codification-map", include_js=include_js)


def write(g: nx.DiGraph, path: str | Path, year: int | None = None) -> None:
    """Write the map as one offline HTML page."""
    from asckg.graph.outputs import pages

    pages.write_page(figure(g, year), path, "asckg: the Codification as the letters cite it",
                     note="Click a tile to zoom into it, the bar on top to zoom out; hover for the letters.",
                     div_id="codification-map")
