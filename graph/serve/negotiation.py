"""Content negotiation: which answer format a request wants, for the SPARQL endpoint and the pages.

The endpoint writes SELECT and ASK answers as SPARQL JSON, XML, CSV or TSV and CONSTRUCT and
DESCRIBE answers as Turtle or N-Triples (:data:`FORMATS`, in order of preference); the reading
room's pages answer HTML, or JSON when a client asks for it (:func:`wants_json`). A ``format=``
parameter beats the ``Accept`` header; within ``Accept`` the highest q wins, then the most specific
range, then the client's order.
"""

from __future__ import annotations

from dataclasses import dataclass

from typing import Any

import pyoxigraph as ox

__all__ = ["FORMATS", "Format", "negotiate", "wants_json"]


@dataclass(frozen=True, slots=True)
class Format:
    """An answer format: its short name (for ``format=``), media types, and whether it holds
    query results (SELECT, ASK) or a graph (CONSTRUCT, DESCRIBE)."""

    name: str
    media_type: str
    kind: str  # "results" or "graph"
    aliases: tuple[str, ...] = ()
    charset: bool = False

    @property
    def content_type(self) -> str:
        return f"{self.media_type}; charset=utf-8" if self.charset else self.media_type

    @property
    def writer(self) -> Any:
        """pyoxigraph's format: a ``QueryResultsFormat`` for results, an ``RdfFormat`` for graphs."""
        return _WRITERS[self.name]


#: In order of preference when the client has none: the first of each kind is the default.
FORMATS: tuple[Format, ...] = (
    Format("json", "application/sparql-results+json", "results", ("application/json",)),
    Format("xml", "application/sparql-results+xml", "results", ("application/xml", "text/xml")),
    Format("csv", "text/csv", "results", (), True),
    Format("tsv", "text/tab-separated-values", "results", (), True),
    Format("turtle", "text/turtle", "graph", ("application/x-turtle", "ttl"), True),
    Format("ntriples", "application/n-triples", "graph", ("text/plain", "nt"), True),
)
_WRITERS = {
    "json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
    "turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
}
_BY_NAME = {n: f for f in FORMATS for n in (f.name, f.media_type, *f.aliases)}


def negotiate(accept: str | None, wanted: str | None = None) -> tuple[Format | None, Format | None]:
    """The results format and the graph format to answer with; None where nothing acceptable.

    ``wanted`` (a ``format=`` value: a short name or a media type) beats ``Accept`` for its kind;
    the other kind then takes its default. Within ``Accept`` the highest q wins, then the most
    specific range (``text/csv`` over ``text/*`` over ``*/*``), then the client's order. An alias
    (``application/json``, ``text/plain``) counts only when named exactly, never through ``text/*``.
    ``ValueError`` for an unknown ``wanted``.

    >>> [f and f.name for f in negotiate("text/csv;q=0.5, application/sparql-results+xml, */*;q=0.1")]
    ['xml', 'turtle']
    >>> [f and f.name for f in negotiate("application/n-triples")]
    [None, 'ntriples']
    """
    defaults = {"results": FORMATS[0], "graph": FORMATS[4]}
    if wanted:
        chosen = _BY_NAME.get(wanted.strip().lower())
        if chosen is None:
            raise ValueError(f"unknown format {wanted!r}; one of {', '.join(f.name for f in FORMATS)}")
        defaults[chosen.kind] = chosen
        return defaults["results"], defaults["graph"]
    ranges = _accept_ranges(accept)
    if not ranges:
        return defaults["results"], defaults["graph"]
    best: dict[str, tuple[tuple, Format]] = {}
    for order, fmt in enumerate(FORMATS):
        for media in (fmt.media_type, *fmt.aliases):
            score = _score(media, ranges, exact=media != fmt.media_type)
            if score is None:
                continue
            key = (*score, -order)
            if fmt.kind not in best or key > best[fmt.kind][0]:
                best[fmt.kind] = (key, fmt)
    return (best["results"][1] if "results" in best else None,
            best["graph"][1] if "graph" in best else None)


def _accept_ranges(accept: str | None) -> list[tuple[str, str, float, int]]:
    """``Accept`` as (type, subtype, q, position); unreadable entries are skipped."""
    ranges = []
    for position, item in enumerate((accept or "").split(",")):
        media, *params = [p.strip() for p in item.split(";")]
        if media.count("/") != 1:
            continue
        q = 1.0
        for p in params:
            name, _, value = p.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        main, sub = media.lower().split("/")
        ranges.append((main, sub, q, position))
    return ranges


def _score(media: str, ranges: list[tuple[str, str, float, int]], exact: bool = False) -> tuple[float, int, int] | None:
    """(q, specificity, -position) of the most specific range matching ``media`` (only a range naming
    it when ``exact``); None if refused."""
    main, _, sub = media.partition("/")
    match = None
    for r_main, r_sub, q, position in ranges:
        if (r_main, r_sub) == (main, sub):
            spec = 2
        elif r_main == main and r_sub == "*":
            spec = 1
        elif (r_main, r_sub) == ("*", "*"):
            spec = 0
        else:
            continue
        if exact and spec < 2:
            continue
        if match is None or spec > match[1]:
            match = (q, spec, -position)
    return match if match is not None and match[0] > 0 else None


def wants_json(accept: str | None, wanted: str | None = None) -> bool:
    """True when a page request asks for JSON rather than HTML: ``format=json`` (``format=html``
    says no), else an ``Accept`` header that ranks ``application/json`` above ``text/html``.

    ``ValueError`` for a ``format=`` that is neither.

    >>> wants_json("application/json"), wants_json("text/html,*/*;q=0.8"), wants_json(None)
    (True, False, False)
    >>> wants_json("text/html", "json")
    True
    """
    if wanted is not None:
        name = wanted.strip().lower()
        if name not in ("json", "html", "application/json", "text/html"):
            raise ValueError(f"unknown format {wanted!r}; one of html, json")
        return name in ("json", "application/json")
    ranges = _accept_ranges(accept)
    as_json = _score("application/json", ranges)
    if as_json is None:
        return False
    as_html = _score("text/html", ranges)
    return as_html is None or as_json[:2] > as_html[:2]
