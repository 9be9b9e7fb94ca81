"""Plotly figures as offline HTML: a page that is one file, or a fragment another page embeds.

Every chart and map asckg draws in a browser is a :class:`plotly.graph_objects.Figure`; this module
is the one place that turns one into HTML. A page holds plotly.js itself (inlined, never fetched
from a CDN) and a Content-Security-Policy that forbids loading anything, so it opens from a disk,
an e-mail or a share with no network. A fragment is a ``<div>`` with its script, for a page that
already holds plotly.js (:func:`plotly_script` gives it once) or, with ``include_js=True``, one
that carries the library itself.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

#: Allows inline script and style (plotly.js and its figure are inline) and data: images (the
#: toolbar's "download as PNG"); nothing may be loaded from anywhere else.
CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:"
#: The toolbar: no link to plotly's cloud, a PNG download at twice the size for reports.
CONFIG: dict[str, Any] = {
    "displaylogo": False,
    "responsive": True,
    "toImageButtonOptions": {"format": "png", "scale": 2},
    "modeBarButtonsToRemove": ["select2d", "lasso2d"],
}
_STYLE = """
body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #222; }
.asckg-chart { width: 100%; }
.asckg-note { margin: 0 16px 12px; color: #555; font-size: 13px; }
"""


def plotly_script() -> str:
    """plotly.js as one inline ``<script>`` element (about 4.8 MB), for a page of fragments."""
    from plotly.offline import get_plotlyjs

    return f'<script type="text/javascript">{get_plotlyjs()}</script>'


def fragment(fig: Any, div_id: str | None = None, include_js: bool = False) -> str:
    """The figure as a ``<div>`` and the script that draws it; with ``include_js`` plotly.js too."""
    return fig.to_html(full_html=False, include_plotlyjs=bool(include_js), include_mathjax=False,
                       config=CONFIG, div_id=div_id, default_width="100%",
                       default_height=f"{fig.layout.height or 600}px")


def page(fig: Any, title: str, note: str = "", div_id: str = "chart") -> str:
    """One self-contained HTML page showing the figure (and an optional line of explanation)."""
    body = fragment(fig, div_id=div_id, include_js=True)
    note_html = f'<p class="asckg-note">{html.escape(note)}</p>' if note else ""
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<!-- Everything this page needs is in this file; the policy below forbids it to load anything else. -->\n"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f'<div class="asckg-chart">{body}</div>\n{note_html}\n</body>\n</html>\n'
    )


def write_page(fig: Any, path: str | Path, title: str, note: str = "", div_id: str = "chart") -> None:
    """Write :func:`page` to ``path`` (UTF-8)."""
    Path(path).write_text(page(fig, title, note, div_id), encoding="utf-8")
