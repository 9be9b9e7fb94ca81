"""Networks with structure: the co-citation, company-topic and company-about views laid out, grouped and labelled.

:func:`arrange` takes a weighted view (:mod:`asckg.graph.outputs.views`) and returns a copy with
everything a picture needs as plain node attributes, so GraphML, GEXF and DOT carry it too (Gephi
opens the file laid out and coloured):

- ``x``, ``y``: a layout computed here, seeded (the same graph gives the same picture): in each
  connected component every community sits in a disc of its own (networkx's Fruchterman-Reingold
  inside it), the discs placed by a force layout of the graph of communities and pushed apart until
  none overlap; the largest component on the left, the smaller ones packed in columns beside it;
- ``community`` (0 the one with most letters), ``community_label``, ``color`` (and ``r``, ``g``,
  ``b``): Louvain communities (networkx, seeded), the first :data:`PALETTE` ones coloured, the rest
  grey;
- ``size``: a marker diameter in pixels, by the letters naming the node;
- ``labelled`` (1 or 0) and ``label_position``: the nodes whose label is drawn, the most cited
  first, each placed right, left, above or below its node where its box overlaps no other label
  and no other node (the :data:`FORCED` most cited may cover a node; boxes in the figure's own
  pixels, see :func:`label_boxes`).

:func:`figure` draws the arranged graph with plotly: edges in weight classes (wider and darker for
more letters; buttons hide the lighter classes), nodes by community, hover with the node's title and
counts; :func:`fragment` and :func:`write` give the HTML (see :mod:`asckg.graph.outputs.pages`).
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

#: Community colours (Okabe-Ito, then Tol's muted); communities past these are grey.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#882255", "#117733", "#999933", "#44AA99"]
OTHER = "#a0a0a0"
#: The figure in pixels (fixed, so label boxes computed here are the ones the browser draws).
WIDTH, HEIGHT = 1280, 820
MARGIN = dict(l=10, r=290, t=92, b=10)
#: Most labels drawn, and their font size in pixels.
LABELS = 60
FONT = 11
#: Widths of characters, as a share of the font size: the wider of Arial and of DejaVu Sans (which
#: stands in for Arial on Linux), rounded up; anything not listed counts as 0.78.
_WIDTHS = {**{c: 0.64 for c in "0123456789"}, **{c: 0.64 for c in "abcdeghknopqsuvxyz"}, **{c: 0.44 for c in "frt"},
           **{c: 0.3 for c in "ijl"}, "m": 0.98, "w": 0.82, **{c: 0.78 for c in "ABCDEFGHKLNOPQRSTUVXYZ"},
           "M": 0.87, "W": 0.99, "I": 0.3, "J": 0.32, " ": 0.33, "-": 0.37, ".": 0.33, ",": 0.33, ":": 0.34,
           ";": 0.34, "(": 0.4, ")": 0.4, "'": 0.28, "’": 0.32, "&": 0.78, "/": 0.34, "…": 1.0}
#: The most cited nodes get a label even where every place for it covers another node (the label
#: has a white background); the others only where it covers nothing.
FORCED = 12
#: Pixels between a node's edge and its label, and around a label's words (its background).
GAP, PAD = 2, 2
#: Pixels a label's box is widened by on each side: plotly rounds an annotation to whole pixels.
SLACK = 2
#: Longest label drawn, in characters.
LABEL_CHARS = 30
#: Weight classes of edges (lower bounds).
WEIGHT_CLASSES = (1, 2, 3, 5, 10, 20, 50)
SYMBOLS = {"company": "square", "topic": "circle", "subtopic": "circle", "section": "circle", "paragraph": "circle",
           "SEC rule": "diamond", "guidance": "triangle-up", "staff interpretation": "triangle-up"}


@dataclass(frozen=True, slots=True)
class Box:
    """A label's rectangle in the figure's pixels (y down, as the browser draws)."""

    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: "Box") -> bool:
        return self.left < other.right and other.left < self.right and self.top < other.bottom and other.top < self.bottom


# ------------------------------------------------------------------------------------ arranging
def filtered(g: nx.Graph, min_weight: int = 1) -> nx.Graph:
    """A copy with only the edges of ``weight`` >= ``min_weight``, and no node left without one."""
    h = g.__class__()
    h.graph.update(g.graph)
    h.add_edges_from((a, b, d) for a, b, d in g.edges(data=True) if d.get("weight", 1) >= min_weight)
    for n in h.nodes:
        h.nodes[n].update(g.nodes[n])
    if min_weight > 1:
        h.graph["min_weight"] = min_weight
    return h


def _letters(g: nx.Graph, n: Any) -> int:
    d = g.nodes[n]
    return int(d.get("letters") or sum(w for _, _, w in g.edges(n, data="weight", default=1)))


def _canonical(g: nx.Graph) -> nx.Graph:
    """A copy of ``g`` with its nodes and edges in the order of their names, so that what is computed
    from it does not depend on the order rows arrived in."""
    h = nx.Graph()
    for n in sorted(g, key=str):
        h.add_node(n, **g.nodes[n])
    h.add_edges_from(sorted(((a, b, d) if str(a) <= str(b) else (b, a, d) for a, b, d in g.edges(data=True)),
                            key=lambda e: (str(e[0]), str(e[1]))))
    return h


def _communities(g: nx.Graph, seed: int) -> list[list[Any]]:
    # Louvain on whole numbers: it keeps communities in sets, whose order for strings changes with
    # every Python process (hash randomisation), and with it the communities found.
    order = sorted(g, key=str)
    number = {n: i for i, n in enumerate(order)}
    numbered = nx.Graph()
    numbered.add_nodes_from(range(len(order)))
    numbered.add_edges_from(sorted((min(number[a], number[b]), max(number[a], number[b]), {"weight": w})
                                   for a, b, w in g.edges(data="weight", default=1)))
    found = [{order[i] for i in c} for c in nx.community.louvain_communities(numbered, weight="weight", seed=seed)] \
        if g.number_of_edges() else [{n} for n in g]
    members = [sorted(c, key=lambda n: (-_letters(g, n), str(g.nodes[n].get("label", n)))) for c in found]
    return sorted(members, key=lambda c: (-sum(_letters(g, n) for n in c), -len(c), str(c[0])))


def _spread(g: nx.Graph, seed: int) -> dict[Any, tuple[float, float]]:
    """A force layout of ``g`` centred on 0, its farthest node at distance 1."""
    g = _canonical(g)  # a subgraph's nodes come in the order of a set
    if g.number_of_nodes() == 1:
        return {next(iter(g)): (0.0, 0.0)}
    if g.number_of_nodes() < 500:  # networkx's dense Fruchterman-Reingold (numpy; scipy past 500 nodes)
        pos = nx.spring_layout(g, seed=seed, weight="pull", iterations=200, method="force")
    else:
        pos = nx.forceatlas2_layout(g, max_iter=200, seed=seed, weight="pull", linlog=True)
    cx = sum(float(p[0]) for p in pos.values()) / len(pos)
    cy = sum(float(p[1]) for p in pos.values()) / len(pos)
    far = max(math.hypot(float(p[0]) - cx, float(p[1]) - cy) for p in pos.values()) or 1.0
    return {n: ((float(p[0]) - cx) / far, (float(p[1]) - cy) / far) for n, p in pos.items()}


def _component_layout(c: nx.Graph, groups: list[list[Any]], seed: int) -> dict[Any, tuple[float, float]]:
    """Positions of one connected component in [0, 1]²: each community in a disc of its own
    (radius growing with the square root of its nodes), the discs placed by a force layout of the
    graph of communities (joined by the letters linking them) and pushed apart until none overlap."""
    groups = [g for g in groups if g and g[0] in c]
    if c.number_of_nodes() <= 2 or len(groups) == 1:
        inner = _spread(c, seed)
        return {n: (0.5 + x / 2.2, 0.5 + y / 2.2) for n, (x, y) in inner.items()}
    home = {n: i for i, members in enumerate(groups) for n in members}
    between = nx.Graph()
    between.add_nodes_from(range(len(groups)))
    for a, b, d in c.edges(data=True):
        i, j = home[a], home[b]
        if i != j:
            w = between.get_edge_data(i, j, {"pull": 0.0})["pull"] + d["pull"]
            between.add_edge(i, j, pull=w)
    radius = [math.sqrt(len(members)) for members in groups]
    centres = {i: (x * 4 * math.sqrt(len(groups)), y * 4 * math.sqrt(len(groups))) for i, (x, y) in _spread(between, seed).items()}
    for _ in range(300):  # push overlapping discs apart
        moved = False
        for i in range(len(groups)):
            for j in range(i + 1, len(groups)):
                (xi, yi), (xj, yj) = centres[i], centres[j]
                dist = math.hypot(xj - xi, yj - yi) or 1e-6
                need = (radius[i] + radius[j]) * 1.12 - dist
                if need > 0:
                    ux, uy = (xj - xi) / dist, (yj - yi) / dist
                    share = radius[i] / (radius[i] + radius[j])
                    centres[i] = (xi - ux * need * (1 - share), yi - uy * need * (1 - share))
                    centres[j] = (xj + ux * need * share, yj + uy * need * share)
                    moved = True
        if not moved:
            break
    pos = {}
    for i, members in enumerate(groups):
        inner = _spread(c.subgraph(members), seed)
        for n, (x, y) in inner.items():
            pos[n] = (centres[i][0] + x * radius[i], centres[i][1] + y * radius[i])
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    mx, my = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {n: (0.5 + (x - mx) / span, 0.5 + (y - my) / span) for n, (x, y) in pos.items()}


def _pack(components: list[nx.Graph], groups: list[list[Any]], seed: int) -> dict[Any, tuple[float, float]]:
    """The largest component in a square on the left, the others in columns of squares to its right
    (each square's side grows with the square root of its nodes)."""
    if not components:
        return {}
    pos: dict[Any, tuple[float, float]] = {}
    big = components[0]
    side = math.sqrt(big.number_of_nodes())
    for n, (x, y) in _component_layout(big, groups, seed).items():
        pos[n] = (x * side, y * side)
    x0, y, column = side * 1.08, side, 0.0
    for c in components[1:]:
        s = max(1.0, math.sqrt(c.number_of_nodes())) * 0.9
        if y - s < 0:  # a new column
            x0, y, column = x0 + column * 1.1, side, 0.0
        for n, (px, py) in _component_layout(c, groups, seed).items():
            pos[n] = (x0 + px * s, y - s + py * s)
        y -= s * 1.15
        column = max(column, s)
    return pos


def arrange(g: nx.Graph, min_weight: int = 1, seed: int = 7, labels: int = LABELS) -> nx.Graph:
    """A laid-out, grouped and labelled copy of ``g`` (see the module's docstring)."""
    h = filtered(g, min_weight)
    for a, b, d in h.edges(data=True):
        d["pull"] = 1.0 + math.log(d.get("weight", 1))  # heavy pairs pull harder, but not 60 times
    components = sorted((_canonical(h.subgraph(c)) for c in nx.connected_components(h)),
                        key=lambda c: (-c.number_of_nodes(), min(str(n) for n in c)))
    groups = _communities(h, seed)
    pos = _pack(components, groups, seed)
    for a, b, d in h.edges(data=True):
        del d["pull"]
    most = max((_letters(h, n) for n in h), default=1) or 1
    for i, members in enumerate(groups):
        color = PALETTE[i] if i < len(PALETTE) and len(members) > 2 else OTHER
        head = label_text(h.nodes[members[0]], members[0])
        head = head if len(head) <= 24 else head[:23] + "…"
        for n in members:
            d = h.nodes[n]
            d["community"] = i
            d["community_label"] = f"{head} + {len(members) - 1} more" if len(members) > 1 else str(head)
            d["color"] = color
            d["r"], d["g"], d["b"] = (int(color[k:k + 2], 16) for k in (1, 3, 5))  # Gephi reads these from GraphML
    for n, (x, y) in pos.items():
        d = h.nodes[n]
        d["x"], d["y"] = round(x, 4), round(y, 4)
        d["size"] = round(7 + 23 * math.sqrt(_letters(h, n) / most), 1)
        d["labelled"], d["label_position"] = 0, ""
    _place_labels(h, labels)
    h.graph["arranged"] = 1
    return h


# ------------------------------------------------------------------------------------ labels
def _frame(g: nx.Graph) -> tuple[float, float, float, float]:
    """The data ranges shown: the layout's bounds with room for labels."""
    xs = [d["x"] for _, d in g.nodes(data=True)] or [0.0]
    ys = [d["y"] for _, d in g.nodes(data=True)] or [0.0]
    dx = (max(xs) - min(xs)) or 1.0
    dy = (max(ys) - min(ys)) or 1.0
    return min(xs) - dx * 0.04, max(xs) + dx * 0.04, min(ys) - dy * 0.04, max(ys) + dy * 0.04


def to_pixels(g: nx.Graph) -> dict[Any, tuple[float, float]]:
    """Each node's centre in the figure's pixels (the plotly figure of :func:`figure`)."""
    x0, x1, y0, y1 = _frame(g)
    w = WIDTH - MARGIN["l"] - MARGIN["r"]
    h = HEIGHT - MARGIN["t"] - MARGIN["b"]
    return {n: (MARGIN["l"] + (d["x"] - x0) / (x1 - x0) * w, MARGIN["t"] + (y1 - d["y"]) / (y1 - y0) * h)
            for n, d in g.nodes(data=True)}


def label_text(d: dict[str, Any], n: Any = "") -> str:
    """The words drawn for a node: its label (a Topic's code with its title), shortened."""
    text = str(d.get("label", n))
    if d.get("kind") in ("topic", "SEC rule") and d.get("title"):
        text = f"{text} {d['title']}"
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


POSITIONS = ("middle right", "middle left", "top center", "bottom center")
#: How plotly anchors an annotation for each position, and which way its offset goes.
_ANCHOR = {"middle right": ("left", "middle", 1, 0), "middle left": ("right", "middle", -1, 0),
           "top center": ("center", "bottom", 0, 1), "bottom center": ("center", "top", 0, -1)}


def text_width(text: str, size: float = FONT) -> float:
    """The width of ``text`` drawn at ``size`` pixels, a little more than it takes."""
    return size * sum(_WIDTHS.get(c, 0.78) for c in text) + 1


def _box(px: float, py: float, radius: float, text: str, where: str) -> Box:
    w, h = text_width(text) + 2 * PAD, FONT * 1.25 + 2 * PAD
    gap = radius + GAP
    if where == "middle right":
        left, top = px + gap, py - h / 2
    elif where == "middle left":
        left, top = px - gap - w, py - h / 2
    elif where == "top center":
        left, top = px - w / 2, py - gap - h
    else:  # bottom center
        left, top = px - w / 2, py + gap
    return Box(left - SLACK, top - SLACK, left + w + SLACK, top + h + SLACK)


def label_boxes(g: nx.Graph) -> dict[Any, Box]:
    """The box of each drawn label, in the figure's pixels, as :func:`arrange` placed it."""
    px = to_pixels(g)
    return {n: _box(*px[n], d["size"] / 2, label_text(d, n), d["label_position"])
            for n, d in g.nodes(data=True) if d.get("labelled")}


def _place_labels(g: nx.Graph, most: int) -> None:
    px = to_pixels(g)
    dots = {n: Box(x - d["size"] / 2, y - d["size"] / 2, x + d["size"] / 2, y + d["size"] / 2)
            for n, (x, y), d in ((n, px[n], g.nodes[n]) for n in g)}
    inside = Box(MARGIN["l"], MARGIN["t"], WIDTH - MARGIN["r"], HEIGHT - MARGIN["b"])
    placed: list[Box] = []
    order = sorted(g, key=lambda n: (-_letters(g, n), -g.degree(n, weight="weight"), str(n)))
    for rank, n in enumerate(order):
        if len(placed) >= most:
            break
        d = g.nodes[n]
        fits = []
        for where in POSITIONS:
            box = _box(*px[n], d["size"] / 2, label_text(d, n), where)
            if inside.left <= box.left and box.right <= inside.right and inside.top <= box.top and box.bottom <= inside.bottom \
                    and not any(box.overlaps(p) for p in placed):
                covers = sum(box.overlaps(b) for m, b in dots.items() if m != n)
                fits.append((covers, POSITIONS.index(where), where, box))
        if fits:
            covers, _, where, box = min(fits)
            if covers == 0 or rank < FORCED:
                d["labelled"], d["label_position"] = 1, where
                placed.append(box)


# ------------------------------------------------------------------------------------ drawing
def _weight_class(w: int) -> int:
    return max(i for i, low in enumerate(WEIGHT_CLASSES) if w >= low)


def _class_name(i: int) -> str:
    low = WEIGHT_CLASSES[i]
    high = WEIGHT_CLASSES[i + 1] - 1 if i + 1 < len(WEIGHT_CLASSES) else None
    text = f"{low}" if high == low else f"{low}-{high}" if high else f"{low} or more"
    return f"{text} letter" if text == "1" else f"{text} letters"


def _hover(g: nx.Graph, n: Any) -> str:
    d = g.nodes[n]
    e = html.escape
    lines = [f"<b>{e(str(d.get('label', n)))}</b>" + (f" {e(d['title'])}" if d.get("title") else "")]
    lines.append(f"{d.get('kind', '')}; letters: {_letters(g, n)}; linked to {g.degree(n)} "
                 f"({g.degree(n, weight='weight')} letters together)")
    neighbours = sorted(g[n].items(), key=lambda kv: (-kv[1].get("weight", 1), str(kv[0])))[:6]
    if neighbours:
        lines.append("most with: " + ", ".join(f"{e(label_text(g.nodes[m], m))} ({a.get('weight', 1)})" for m, a in neighbours))
    lines.append(f"community {d.get('community', 0) + 1}: {e(d.get('community_label', ''))}")
    return "<br>".join(lines)


def figure(g: nx.Graph, title: str | None = None) -> Any:
    """The arranged graph (:func:`arrange`; arranged here if it is not) as a plotly figure."""
    import plotly.graph_objects as go

    if not g.graph.get("arranged"):
        g = arrange(g)
    x0, x1, y0, y1 = _frame(g)
    traces: list[Any] = []
    classes: dict[int, list[tuple[Any, Any, int]]] = {}
    for a, b, w in g.edges(data="weight", default=1):
        classes.setdefault(_weight_class(w), []).append((a, b, w))
    edge_traces: list[tuple[int, int]] = []  # (trace index, weight class)
    faint = 0.3 if g.number_of_edges() <= 400 else 0.16  # many lines: lighter, or they hide the nodes
    for i in sorted(classes):
        xs: list[float | None] = []
        ys: list[float | None] = []
        for a, b, _ in classes[i]:
            xs += [g.nodes[a]["x"], g.nodes[b]["x"], None]
            ys += [g.nodes[a]["y"], g.nodes[b]["y"], None]
        share = i / max(1, len(WEIGHT_CLASSES) - 1)
        edge_traces.append((len(traces), i))
        traces.append(go.Scatter(x=xs, y=ys, mode="lines", hoverinfo="skip", legendgroup="edges",
                                 name=f"line: {_class_name(i)}",
                                 line=dict(width=0.7 + 5 * share, color=f"rgba(90,90,90,{faint + (0.8 - faint) * share:.2f})")))
    mids = [(a, b, w) for c in classes.values() for a, b, w in c]
    traces.append(go.Scatter(
        x=[(g.nodes[a]["x"] + g.nodes[b]["x"]) / 2 for a, b, _ in mids],
        y=[(g.nodes[a]["y"] + g.nodes[b]["y"]) / 2 for a, b, _ in mids],
        mode="markers", marker=dict(size=5, opacity=0), showlegend=False, name="pairs",
        hovertext=[f"{html.escape(label_text(g.nodes[a], a))} + {html.escape(label_text(g.nodes[b], b))}: {w} letters"
                   for a, b, w in mids], hoverinfo="text"))
    by_community: dict[int, list[Any]] = {}
    for n, c in g.nodes(data="community", default=0):
        by_community.setdefault(c, []).append(n)
    for c in sorted(by_community):
        members = by_community[c]
        color = g.nodes[members[0]]["color"]
        shown = color != OTHER
        traces.append(go.Scatter(
            x=[g.nodes[n]["x"] for n in members], y=[g.nodes[n]["y"] for n in members], mode="markers",
            name=g.nodes[members[0]]["community_label"] if shown else "smaller communities",
            legendgroup=f"c{c}" if shown else "other", showlegend=shown or c == min(k for k in by_community if g.nodes[by_community[k][0]]["color"] == OTHER),
            marker=dict(size=[g.nodes[n]["size"] for n in members], color=color, opacity=0.9,
                        symbol=[SYMBOLS.get(g.nodes[n].get("kind", ""), "circle") for n in members],
                        line=dict(width=0.8, color="#ffffff")),
            hovertext=[_hover(g, n) for n in members], hoverinfo="text"))
    fig = go.Figure(traces)
    for n, d in g.nodes(data=True):
        if d.get("labelled"):
            xanchor, yanchor, sx, sy = _ANCHOR[d["label_position"]]
            gap = d["size"] / 2 + GAP
            fig.add_annotation(x=d["x"], y=d["y"], text=html.escape(label_text(d, n)), showarrow=False,
                               xanchor=xanchor, yanchor=yanchor, xshift=sx * gap, yshift=sy * gap,
                               font=dict(size=FONT, color="#1a1a1a"), bgcolor="rgba(255,255,255,0.82)", borderpad=PAD - 1)
    buttons = []
    for low_class in sorted(classes):
        visible = [True] * len(traces)
        for index, i in edge_traces:
            visible[index] = i >= low_class
        low = WEIGHT_CLASSES[low_class]
        buttons.append(dict(label=f"≥ {low} letter{'' if low == 1 else 's'}", method="restyle", args=[{"visible": visible}]))
    fig.update_layout(
        title=dict(text=title or _title(g), x=0.01, y=0.975, yanchor="top", font=dict(size=16)),
        width=WIDTH, height=HEIGHT, autosize=False, margin=dict(MARGIN, autoexpand=False), plot_bgcolor="#ffffff", paper_bgcolor="#ffffff",
        xaxis=dict(visible=False, range=[x0, x1], fixedrange=False), yaxis=dict(visible=False, range=[y0, y1]),
        showlegend=True, legend=dict(x=1.01, xanchor="left", y=1.0, yanchor="top", font=dict(size=11),
                                     title=dict(text="<b>communities</b> (click to hide)<br>and letters per line")),
        hovermode="closest", dragmode="pan", font=dict(family="Arial, Helvetica, sans-serif"),
        updatemenus=[dict(type="buttons", direction="right", x=0.0, xanchor="left", y=1.0, yanchor="bottom",
                          buttons=buttons, showactive=True, pad=dict(t=0, b=4), font=dict(size=11))] if len(buttons) > 1 else [],
    )
    return fig


def _title(g: nx.Graph) -> str:
    name = g.graph.get("name", "graph")
    what = {"co-citation": "References cited together: a line for each pair that letters cite together",
            "company-topic": "Companies and the Codification Topics their letters cite",
            "company-about": "Companies and the Topics and SEC rules the staff's comments to them are about"}.get(name, name)
    floor = f" (lines for {g.graph['min_weight']} letters or more)" if g.graph.get("min_weight") else ""
    if name == "co-citation":
        keys = "● Codification, ◆ SEC rule, ▲ older standard; size: letters naming it; line: letters citing both"
    elif name == "company-about":
        keys = ("● Topic, ◆ SEC rule, ■ company; size: staff letters; "
                "line: the company's staff letters with a comment about it, cited or not")
    else:
        keys = "● Topic, ■ company; size: letters; line: the company's letters citing the Topic"
    return f"{what}{floor}<br><sup>colour: community (Louvain); {keys}</sup>"


def fragment(g: nx.Graph, include_js: bool = False) -> str:
    """The network as an HTML fragment (see :func:`asckg.graph.outputs.pages.fragment`)."""
    from asckg.graph.outputs import pages

    return pages.fragment(figure(g), div_id=f"{g.graph.get('name', 'network')}-network", include_js=include_js)


def write(g: nx.Graph, path: str | Path) -> None:
    """Write the network as one offline HTML page."""
    from asckg.graph.outputs import pages

    pages.write_page(figure(g), path, f"asckg: {g.graph.get('name', 'network')}",
                     note="Hover a node for its title, letters and partners; drag to pan, scroll to zoom; "
                          "the buttons keep only the heavier edges; click a legend entry to hide a community.",
                     div_id=f"{g.graph.get('name', 'network')}-network")
