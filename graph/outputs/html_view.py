"""One self-contained HTML file that shows a view as an interactive graph, offline.

The page holds its data (JSON), its style and its script (``assets/view.js``, written for asckg)
inline, and a Content-Security-Policy that forbids loading anything else, so it opens from a disk,
an e-mail or a share with no network. The layout is computed here (networkx, seeded, so the same
graph gives the same picture); the page draws it as SVG and adds search, zoom, pan and a panel that
shows a letter with the words that cite each reference, or a reference with the letters citing it.
"""

from __future__ import annotations

import html
import json
import math
from importlib import resources
from typing import Any

import networkx as nx

#: Node colours by kind (colour-blind-safe palette, Okabe-Ito, plus greys).
COLORS: dict[str, str] = {
    "company": "#E69F00",
    "letter": "#56B4E9",
    "staff": "#0072B2",
    "response": "#56B4E9",
    "other": "#999999",
    "placeholder": "#CCCCCC",
    "topic": "#D55E00",
    "subtopic": "#E69F00",
    "section": "#F0E442",
    "paragraph": "#009E73",
    "guidance": "#CC79A7",
    "staff interpretation": "#AA4499",
    "SEC rule": "#332288",
    "reference": "#777777",
}
#: Nodes labelled on the drawing itself (the biggest); the rest show their label on hover.
LABELLED = 60
#: Size of the layout square, in drawing units.
SIZE = 1000.0


def _asset(name: str) -> str:
    return (resources.files("asckg.graph.outputs") / "assets" / name).read_text(encoding="utf-8")


def layout(g: nx.Graph, seed: int = 7) -> dict[Any, tuple[float, float]]:
    """Positions in [0, SIZE]²: spring layout for small graphs, ForceAtlas2 for large ones
    (networkx's spring layout needs scipy past 500 nodes)."""
    if g.number_of_nodes() == 0:
        return {}
    if g.number_of_nodes() <= 500:
        pos = nx.spring_layout(g, seed=seed, iterations=80)
    else:
        pos = nx.forceatlas2_layout(g, seed=seed, max_iter=max(30, min(150, 60000 // g.number_of_nodes())),
                                    scaling_ratio=2.0, gravity=1.0)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    span = float(max(max(xs) - min(xs), max(ys) - min(ys))) or 1.0
    x0, y0 = float(min(xs)), float(min(ys))
    return {n: (float(p[0] - x0) / span * SIZE, float(p[1] - y0) / span * SIZE) for n, p in pos.items()}


def _weight(g: nx.Graph, n: Any) -> float:
    return float(sum(w for _, _, w in g.edges(n, data="weight", default=1)))


def page_data(g: nx.Graph) -> dict[str, Any]:
    """The JSON the page draws: nodes with positions and sizes, links, colours, bounds."""
    pos = layout(g)
    weights = {n: _weight(g, n) for n in g.nodes}
    top = set(sorted(g.nodes, key=lambda n: -weights[n])[:LABELLED])
    nodes: list[dict[str, Any]] = []
    for n, attrs in g.nodes(data=True):
        x, y = pos[n]
        nodes.append({
            "id": str(n),
            "label": str(attrs.get("label", n)),
            "kind": str(attrs.get("kind", "node")),
            "x": round(x, 1), "y": round(y, 1),
            "r": round(3 + 2.2 * math.sqrt(weights[n]), 1),
            "showLabel": n in top,
            "attrs": {k: v for k, v in attrs.items() if k not in ("label", "kind") and v is not None},
        })
    links = [{"source": str(a), "target": str(b), "weight": attrs.get("weight", 1),
              "attrs": {k: v for k, v in attrs.items() if k != "weight"}}
             for a, b, attrs in g.edges(data=True)]
    xs = [n["x"] for n in nodes] or [0]
    ys = [n["y"] for n in nodes] or [0]
    return {
        "directed": g.is_directed(),
        "colors": COLORS,
        "nodes": nodes,
        "links": links,
        "bounds": {"x": min(xs) - 20, "y": min(ys) - 20, "w": max(xs) - min(xs) + 40, "h": max(ys) - min(ys) + 40},
    }


def _script_json(value: Any) -> str:
    """JSON safe inside a <script> element: no "</" (or "<!--") can end it early."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def render(g: nx.Graph, title: str | None = None) -> str:
    """The whole page as one string."""
    title = title or f"asckg: {g.graph.get('name', 'graph')}"
    page = _asset("view.html")
    # Replace the data last, so that text inside the data is never taken for a placeholder.
    for key, value in (("{{TITLE}}", html.escape(title)), ("{{CSS}}", _asset("view.css")), ("{{JS}}", _asset("view.js"))):
        page = page.replace(key, value)
    return page.replace("{{DATA}}", _script_json(page_data(g)))
