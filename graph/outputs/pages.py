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
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from asckg.core import settings
from asckg.core.errors import AsckgError

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


def _version(js: str) -> str | None:
    m = re.search(r"plotly\.js v(\d+\.\d+\.\d+)", js[:2000])
    return m.group(1) if m else None


@lru_cache(maxsize=4)
def _plotly_js(path: str | None) -> str:
    from plotly.offline import get_plotlyjs

    full = get_plotlyjs()
    if path is None:
        return full
    try:
        js = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise AsckgError(f"{path}: cannot read the plotly.js of ASCKG_PLOTLY_JS: {error.strerror or error}") from None
    if _version(js) != _version(full):
        raise AsckgError(f"{path}: plotly.js v{_version(js) or '?'}, but the plotly package draws for "
                         f"v{_version(full)} (ASCKG_PLOTLY_JS must be a build of that version)")
    return js


def plotly_js() -> str:
    """The text of plotly.js: the plotly package's full build (about 4.8 MB), or the build
    ``$ASCKG_PLOTLY_JS`` names (the same version, for example a bundle of only the traces drawn)."""
    return _plotly_js(settings.plotly_js_path())


def plotly_script() -> str:
    """plotly.js as one inline ``<script>`` element, for a page of fragments."""
    return f'<script type="text/javascript">{plotly_js()}</script>'


def fragment(fig: Any, div_id: str | None = None, include_js: bool = False) -> str:
    """The figure as a ``<div>`` and the script that draws it; with ``include_js`` plotly.js too."""
    part = fig.to_html(full_html=False, include_plotlyjs=False, include_mathjax=False,
                       config=CONFIG, div_id=div_id, default_width="100%",
                       default_height=f"{fig.layout.height or 600}px")
    return plotly_script() + part if include_js else part


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
