"""The reading room: pages for people who do not write SPARQL, each also answering JSON.

``/`` search (a reference as ``asckg cites`` takes it, a company name or CIK, a letter id) with
suggestions from ``/suggest``; ``/cites/{REF}`` a reference: what it is (``asckg guidance``), its
letters (``asckg cites``) with the citing words marked, paged and filtered by year and kind, and
the letters whose comments are about it without citing it; ``/letter/{ID}`` one letter (``asckg
show``) with its citations linked, each comment beside its answer, and the previous and next
letters of its conversation (``asckg thread``); ``/company/{KEY}`` a company's conversations and
reviews and what it was asked about; ``/trends`` the most cited Topics year by year (``asckg query
top_topics_by_year``); ``/map`` the Codification as the letters cite it, the treemap of ``asckg
view codification`` (:mod:`asckg.graph.outputs.codemap`), drawn in the browser by plotly.js, which
the server serves itself (``/static/plotly.min.js``), from a figure it answers as JSON.

Every page answers JSON for ``?format=json`` or an ``Accept`` that prefers ``application/json``,
with the rows the matching command prints: ``/cites/606?format=json`` is ``asckg cites 606
--format json``, ``/letter/ID`` is ``asckg show ID --format json``. The data come from the same
library calls as those commands (:mod:`asckg.graph.ask`), run in the server process on a store
opened read-only: they are the package's own queries with bound parameters, so the worker
processes and limits of the SPARQL endpoint are not needed for them.

Bad input gets a 4xx page that says what was wrong (never a traceback); all text reaches the page
through Jinja2's autoescaping, and the pages load nothing but this server's own files.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Callable, Hashable, Iterator
from urllib.parse import quote, urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from asckg import __version__
from asckg.core import settings
from asckg.core.errors import AsckgError, BadReference
from asckg.graph.ask import reading
from asckg.graph.ask.cites import answer_lines, cites, natural_key
from asckg.graph.ask.describe import describe
from asckg.graph.ask.shelves import newest, newest_about
from asckg.graph.ask.letters import (LetterNotFound, dump_thread, group_conversations, letter_view, shorten, thread,
                                     thread_reviews)
from asckg.graph.serve.negotiation import wants_json
from asckg.graph.store import LetterStore

if TYPE_CHECKING:
    from asckg.graph.outputs.codemap import MapData

__all__ = ["MAP_POLICY", "PAGE_SIZE", "SITE_POLICY", "SiteStore", "marks", "routes", "error_response"]

#: Letters on one page of a reference.
PAGE_SIZE = 25
SITE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
               "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
#: The map page's policy: the site's, except that styles may be inline. plotly.js styles what it
#: draws inline: it adds ``<style>`` elements of its own rules (and maplibre's, in the full build)
#: and writes ``style="font-weight:bold"`` on the SVG text of a ``<b>``. Scripts stay the
#: server's own files only; every text on the page is escaped, and plotly.js draws the figure's
#: text as SVG text, not markup.
MAP_POLICY = SITE_POLICY.replace("style-src 'self';", "style-src 'self' 'unsafe-inline';")
KIND_NAMES = {"staff": "staff letter", "response": "company response", "other": "other letter"}
LETTER_TYPES = {
    "sec_comment": "staff comments", "review_complete": "review complete", "no_review": "no review",
    "sec_letter": "other staff letter", "company_response": "company response",
    "acceleration_request": "acceleration request", "company_letter": "other company letter",
}
_HERE = resources.files("asckg.graph.serve")


class SiteStore:
    """The store the pages read: opened read-only once, or for each request with ``reload``."""

    def __init__(self, path: str, reload: bool = False) -> None:
        self.path = path
        self.reload = reload
        self._store = None if reload else LetterStore(path, read_only=True)
        self._lock = threading.RLock()  # RLock: a remembered answer may be made of remembered parts
        self._memo: dict[Hashable, Any] = {}

    @contextmanager
    def open(self) -> Iterator[LetterStore]:
        if self._store is not None:
            yield self._store
            return
        with LetterStore(self.path, read_only=True) as store:
            yield store

    def remembered(self, key: Hashable, make: Callable[[LetterStore], Any]) -> Any:
        """``make(store)``, made once while the store stays open (the store seen read-only does not
        change); with ``reload`` the store is opened afresh for each page, so nothing is kept."""
        if self.reload:
            with self.open() as store:
                return make(store)
        with self._lock:  # one maker at a time: two first requests do not both build the answer
            if key not in self._memo:
                with self.open() as store:
                    self._memo[key] = make(store)
            return self._memo[key]

    def close(self) -> None:
        with self._lock:
            self._memo.clear()
            if self._store is not None:
                self._store.close()
                self._store = None


# ---------------------------------------------------------------- templates
def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(_HERE / "templates")),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["ref_url"] = lambda ref: "/cites/" + quote(str(ref), safe="")
    env.filters["letter_url"] = lambda key: "/letter/" + quote(str(key), safe="")
    env.filters["company_url"] = lambda key: "/company/" + quote(str(key), safe="/")
    env.filters["kind_name"] = lambda kind: KIND_NAMES.get(kind or "", kind or "letter")
    env.filters["letter_type_name"] = lambda t: LETTER_TYPES.get(t or "", t)
    env.filters["shorten"] = shorten
    env.globals["version"] = __version__
    return env


_ENV = _environment()


def render(template: str, status_code: int = 200, policy: str = SITE_POLICY, **context: Any) -> Response:
    body = _ENV.get_template(template).render(**context)
    return Response(body, status_code=status_code, media_type="text/html; charset=utf-8",
                    headers=_page_headers(policy=policy))


def _page_headers(vary: bool = True, policy: str = SITE_POLICY) -> dict[str, str]:
    headers = {"Content-Security-Policy": policy, "X-Content-Type-Options": "nosniff",
               "Referrer-Policy": "no-referrer", "Cache-Control": "no-store"}
    if vary:
        headers["Vary"] = "Accept"
    return headers


def as_json(data: Any, status: int = 200) -> Response:
    body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    return Response(body, status_code=status, media_type="application/json", headers=_page_headers())


def error_response(request: Request, status: int, message: str) -> Response:
    """A 4xx or 5xx answer: a page saying what went wrong, or ``{"error": ...}`` for JSON."""
    try:
        json_wanted = wants_json(request.headers.get("Accept"), request.query_params.get("format"))
    except (ValueError, KeyError):
        json_wanted = False
    if json_wanted:
        return as_json({"error": message, "status": status}, status)
    titles = {400: "Bad request", 403: "Forbidden", 404: "Not found", 405: "Method not allowed",
              414: "Address too long", 500: "Something went wrong"}
    return render("error.html", status, title=titles.get(status, "Error"), status=status, message=message)


def _json_wanted(request: Request) -> bool:
    formats = request.query_params.getlist("format")
    if len(formats) > 1:
        raise HTTPException(400, "give at most one format= parameter")
    try:
        return wants_json(request.headers.get("Accept"), formats[0] if formats else None)
    except ValueError as err:
        raise HTTPException(400, str(err)) from None


def _store(request: Request) -> SiteStore:
    return request.app.state.site


# ---------------------------------------------------------------- marking citations in text
@dataclass(frozen=True, slots=True)
class Piece:
    """A run of text, marked (with the reference it cites, when known) or not."""

    text: str
    marked: bool = False
    ref: str | None = None


def marks(text: str, needles: list[tuple[str, str | None]]) -> list[Piece]:
    """``text`` cut into pieces, each occurrence of a needle's words marked with its reference.

    Longer needles win where they overlap; matching ignores case and runs of spaces.

    >>> [(p.text, p.marked) for p in marks("see ASC 985-605 and 985-605", [("ASC 985-605", "985-605")])]
    [('see ', False), ('ASC 985-605', True), (' and 985-605', False)]
    """
    spans: list[tuple[int, int, str | None]] = []
    for words, ref in sorted({n for n in needles if n[0].strip()}, key=lambda n: -len(n[0])):
        pattern = re.compile(r"\s+".join(re.escape(w) for w in words.split()), re.I)
        for found in pattern.finditer(text):
            if all(found.end() <= s or found.start() >= e for s, e, _ in spans):
                spans.append((found.start(), found.end(), ref))
    pieces: list[Piece] = []
    at = 0
    for start, end, ref in sorted(spans):
        if start > at:
            pieces.append(Piece(text[at:start]))
        pieces.append(Piece(text[start:end], True, ref))
        at = end
    if at < len(text):
        pieces.append(Piece(text[at:]))
    return pieces


# ---------------------------------------------------------------- search
def home(request: Request) -> Response:
    """``/``: the search box; with ``q=`` it goes to the page of what was typed."""
    query = request.query_params.get("q")
    json_wanted = _json_wanted(request)
    if query is None:
        if json_wanted:
            return as_json({"search": "/?q=TEXT", "pages": ["/cites/{REF}", "/letter/{ID}", "/company/{KEY}",
                                                            "/trends", "/map"], "sparql": "/sparql"})
        return render("index.html", query="")
    with _store(request).open() as store:
        try:
            found = reading.search(store, query)
        except BadReference as err:
            if json_wanted:
                return as_json({"error": str(err), "status": 404}, 404)
            return render("index.html", 404, query=query, problem=str(err))
    if isinstance(found, list):
        if json_wanted:
            return as_json([_hit_dump(h) for h in found])
        return render("index.html", query=query, choices=[(h, _hit_url(h)) for h in found])
    if json_wanted:
        return as_json(_hit_dump(found))
    return RedirectResponse(_hit_url(found), status_code=303)


def _hit_url(hit: reading.SearchHit) -> str:
    if hit.kind == "reference":
        return "/cites/" + quote(hit.key, safe="")
    if hit.kind == "letter":
        return "/letter/" + quote(hit.key, safe="")
    return "/company/" + quote(hit.key, safe="/")


def _hit_dump(hit: reading.SearchHit) -> dict[str, str]:
    return {"kind": hit.kind, "key": hit.key, "label": hit.label, "url": _hit_url(hit)}


def suggest(request: Request) -> Response:
    """``/suggest?q=``: what the search box offers while typing, as JSON."""
    query = request.query_params.get("q", "")[:200]
    with _store(request).open() as store:
        hits = reading.suggest(store, query)
    return as_json([_hit_dump(h) for h in hits])


# ---------------------------------------------------------------- a reference
def reference_page(request: Request) -> Response:
    """``/cites/{REF}``: a reference, its place in the Codification and the letters citing it."""
    text = request.path_params["ref"]
    params = request.query_params
    exact = _flag(params.get("exact"), False)
    via = _flag(params.get("via"), True)
    year = params.get("year") or None
    kind = params.get("kind") or None
    if year is not None and not re.fullmatch(r"\d{4}|undated", year):
        raise HTTPException(400, f"year must be four digits, not {year[:40]!r}")
    if kind is not None and kind not in KIND_NAMES:
        raise HTTPException(400, f"kind must be one of {', '.join(KIND_NAMES)}, not {kind[:40]!r}")
    page = _positive(params.get("page"), "page")
    json_wanted = _json_wanted(request)
    with _store(request).open() as store:
        try:
            if json_wanted:
                if year is None and kind is None:
                    lines = answer_lines(store, text, exact=exact, via=via)  # the rows as the index keeps them
                    if lines is not None:
                        return Response(b"[" + b", ".join(lines) + b"]",
                                        media_type="application/json", headers=_page_headers())
                hits = cites(store, text, exact=exact, via=via)
                return as_json([h.dump() for h in hits if (year is None or _year_of(h.date) == year)
                                and (kind is None or (h.kind or "other") == kind)])
            listing = newest(store, text, year=year, kind=kind, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE,
                             exact=exact, via=via)
        except BadReference as err:
            raise HTTPException(404, str(err)) from None
        pages = max(1, -(-listing.matching // PAGE_SIZE))
        if page > pages:
            raise HTTPException(404, f"there are {pages} pages of letters, not {page}")
        info = describe(store, text, counted=False)
        about = newest_about(store, info.iri, limit=PAGE_SIZE)
        children = reading.children_counts(store, info.iri, info.kind)
        types = {h.id: reading.letter_type(store, h.id) for h in listing.letters}
    rows = [{"hit": h, "type": types[h.id], "pieces": marks(h.context, [(c, None) for c in h.citations])}
            for h in listing.letters]
    base = {k: v for k, v in (("exact", "1" if exact else None), ("via", None if via else "0"),
                              ("year", year), ("kind", kind)) if v}
    chart_years, chart_values = _every_year(listing.by_year)
    return render(
        "reference.html", info=info, by_year=listing.by_year, chart_years=chart_years, chart_values=chart_values,
        rows=rows, total=listing.total, matching=listing.matching, children=children, about=about,
        years=[y for y, _ in listing.by_year], year=year, kind=kind, kinds=KIND_NAMES, exact=exact, via=via,
        page=page, pages=pages,
        prev_url=_page_url(info.ref, base, page - 1) if page > 1 else None,
        next_url=_page_url(info.ref, base, page + 1) if page < pages else None,
        json_url=f"/cites/{quote(info.ref, safe='')}?" + urlencode({**base, "format": "json"}),
    )


def _year_of(date: str | None) -> str:
    return date[:4] if date else "undated"


def _every_year(counts: list[tuple[str, int]]) -> tuple[list[str], list[int]]:
    """Counts by year with the years between filled with zeros (so a chart does not close the
    gaps), undated letters left out."""
    known = {int(y): n for y, n in counts if y.isdigit()}
    if not known:
        return [], []
    years = list(range(min(known), max(known) + 1))
    return [str(y) for y in years], [known.get(y, 0) for y in years]


def _page_url(ref: str, base: dict[str, str], page: int) -> str:
    return f"/cites/{quote(ref, safe='')}?" + urlencode({**base, "page": str(page)})


def _flag(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise HTTPException(400, f"a yes/no parameter must be 1 or 0, not {value[:40]!r}")


def _positive(value: str | None, name: str) -> int:
    if value is None or value == "":
        return 1
    if not value.isdigit() or not 0 < int(value) < 1_000_000:
        raise HTTPException(400, f"{name} must be a whole number from 1, not {value[:40]!r}")
    return int(value)


# ---------------------------------------------------------------- a letter
def letter_page(request: Request) -> Response:
    """``/letter/{ID}``: one letter as ``asckg show`` prints it, with links across the conversation."""
    key = request.path_params["id"]
    json_wanted = _json_wanted(request)
    with _store(request).open() as store:
        try:
            view = letter_view(store, key)
        except LetterNotFound as err:
            raise HTTPException(404, str(err)) from None
        if json_wanted:
            return as_json(view.dump())
        conversation = thread(store, view.id)
        notes = reading.comment_notes(store, view.iri)
        letter_type = reading.letter_type(store, view.id)
    ids = [letter.id for letter in conversation]
    at = ids.index(view.id) if view.id in ids else -1
    previous = conversation[at - 1] if at > 0 else None
    following = conversation[at + 1] if 0 <= at < len(ids) - 1 else None
    comments = []
    for comment in view.comments:
        needles = [(c.text, c.refs[0] if c.refs else None) for c in comment.citations]
        body = comment.response_text if view.kind == "response" and comment.response_text else comment.text
        comments.append({"comment": comment, "pieces": marks(body, needles),
                         "restated": comment.restated_text if view.kind == "response" else None,
                         "notes": notes.get(comment.position)})
    company_key = _company_key(view.cik, view.company)
    return render("letter.html", view=view, comments=comments, previous=previous, following=following,
                  conversation=conversation, position=at, letter_type=letter_type, company_key=company_key)


def _company_key(cik: str | None, name: str | None) -> str | None:
    from asckg.graph.model.iris import company_key

    return company_key(cik, name)


# ---------------------------------------------------------------- a company
def company_page(request: Request) -> Response:
    """``/company/{KEY}``: a company's conversations and reviews, and what it was asked about."""
    key = request.path_params["key"]
    json_wanted = _json_wanted(request)
    with _store(request).open() as store:
        try:
            iri = reading.resolve_company(store, key)
            letters = thread(store, iri)
        except LetterNotFound as err:
            raise HTTPException(404, str(err)) from None
        info = reading.company_info(store, iri)
        reviews = reading.company_reviews(store, iri)
        asked = reading.company_references(store, iri)
        conversations = dump_thread(letters, thread_reviews(store, letters))
    if json_wanted:
        return as_json({"company": info.dump(), "conversations": conversations,
                        "reviews": [r.dump() for r in reviews], "references": asked})
    by_conversation = {r.conversation: r for r in reviews if r.conversation}
    groups = []
    for (name, members), dumped in zip(group_conversations(letters), conversations):
        review = by_conversation.get(name) or next((r for r in reviews if r.first_letter == members[0].id), None)
        days = review.days_open if review and review.days_open is not None else \
            _days(dumped) if len(members) > 1 else None
        groups.append({"name": name, "letters": members, "first": dumped["first_date"], "last": dumped["last_date"],
                       "review": review, "days": days})
    return render("company.html", info=info, groups=groups, asked=asked)


def _days(conversation: dict[str, Any]) -> int | None:
    from datetime import date

    if not conversation["first_date"] or not conversation["last_date"]:
        return None
    return (date.fromisoformat(conversation["last_date"]) - date.fromisoformat(conversation["first_date"])).days


# ---------------------------------------------------------------- trends
def trends_page(request: Request) -> Response:
    """``/trends``: the most cited Topics by year (``asckg query top_topics_by_year``), and the
    Topics comments are about where the store knows them."""
    from asckg.graph.ask.sparql import run_query, to_json
    from asckg.queries import load_query, load_spec

    json_wanted = _json_wanted(request)
    with _store(request).open() as store:
        cited = run_query(store, load_spec("top_topics_by_year"), {})
        about = store.select(load_query("site_about_by_year"))
    if json_wanted:
        return as_json({"cited": json.loads(to_json(cited)),
                        "about": [{k: _plain(v) for k, v in row.items()} for row in about]})
    cited_rows = [{"year": str(r["year"]), "code": r["code"], "label": r["label"], "letters": int(r["letters"])}
                  for r in cited.dicts() if r["letters"] is not None]
    about_rows = [{"year": str(r["year"]), "code": r["code"], "label": r["label"], "letters": int(r["letters"])}
                  for r in about]
    return render("trends.html", cited=_trend(cited_rows), about=_trend(about_rows) if about_rows else None)


def _plain(value: Any) -> Any:
    return value if isinstance(value, (str, int, float)) or value is None else str(value)


def _trend(rows: list[dict[str, Any]], top: int = 6) -> dict[str, Any]:
    """Rows of (year, Topic, letters) as a table of the ``top`` Topics over all years, and the
    series the chart draws."""
    years = _every_year([(y, 0) for y in {r["year"] for r in rows}])[0]
    totals: dict[str, int] = {}
    labels: dict[str, str | None] = {}
    counts: dict[tuple[str, str], int] = {}
    for r in rows:
        totals[r["code"]] = totals.get(r["code"], 0) + r["letters"]
        labels[r["code"]] = r["label"]
        counts[(r["year"], r["code"])] = r["letters"]
    leaders = sorted(totals, key=lambda c: (-totals[c], natural_key(c)))[:top]
    series = [{"name": code, "label": labels[code], "values": [counts.get((y, code), 0) for y in years],
               "total": totals[code]} for code in leaders]
    by_year = []
    for y in years:
        ranked = sorted((r for r in rows if r["year"] == y), key=lambda r: (-r["letters"], natural_key(r["code"])))
        if ranked:
            by_year.append({"year": y, "top": ranked[:5]})
    return {"years": years, "series": series, "by_year": by_year}


# ---------------------------------------------------------------- the Codification map
#: The toolbar of the map: as the offline pictures' (:data:`asckg.graph.outputs.pages.CONFIG`), but
#: without "download as PNG", which draws through a data: image the site's policy does not allow.
MAP_CONFIG: dict[str, Any] = {"displaylogo": False, "responsive": True,
                              "modeBarButtonsToRemove": ["select2d", "lasso2d", "toImage"]}


@dataclass(frozen=True, slots=True)
class DrawnMap:
    """The Codification map of one year: its tiles (:class:`asckg.graph.outputs.codemap.MapData`)
    and the plotly figure drawn from them, as the JSON ``/map?format=json`` sends."""

    data: MapData
    figure_json: bytes


def _draw_map(site: SiteStore, year: int | None) -> DrawnMap:
    """``asckg view codification``'s treemap of the store: the same view and the same figure. The
    view (most of the work: its queries) is kept for every year's map."""
    from asckg.graph.outputs import codemap
    from asckg.graph.outputs.views import codification

    g = site.remembered("codification", codification)
    data = codemap.map_data(g, year)
    figure = json.loads(codemap.figure(g, year).to_json())
    figure["config"] = MAP_CONFIG
    return DrawnMap(data, json.dumps(figure, ensure_ascii=False).encode("utf-8"))


def map_page(request: Request) -> Response:
    """``/map``: the Codification as the letters cite it, the treemap ``asckg view codification``
    draws; its JSON is the plotly figure (``data``, ``layout``, ``config``), which /static/map.js
    draws. Without JavaScript the page is a table of the Topics with the figure's numbers."""
    text = request.query_params.get("year") or None
    if text is not None and not re.fullmatch(r"\d{4}", text):
        raise HTTPException(400, f"year must be four digits, not {text[:40]!r}")
    year = int(text) if text else None
    json_wanted = _json_wanted(request)
    try:
        site = _store(request)
        drawn: DrawnMap = site.remembered(("map", year), lambda _: _draw_map(site, year))
    except AsckgError as err:  # a year with no letters stored
        raise HTTPException(404, str(err)) from None
    if json_wanted:
        return Response(drawn.figure_json, media_type="application/json", headers=_page_headers())
    data = drawn.data
    query = urlencode({"year": text, "format": "json"} if text else {"format": "json"})
    return render("map.html", policy=MAP_POLICY, data=data, topics=data.topics(), years=sorted(data.stored, reverse=True),
                  json_url=f"/map?{query}", total=data.letters[0], citations=data.values[0])


@lru_cache(maxsize=2)
def _plotly_asset(path: str | None) -> tuple[bytes, str]:
    """plotly.js as the offline pictures inline it (the plotly package's own file, or the build
    ``$ASCKG_PLOTLY_JS`` names: ``path``), and its entity tag."""
    from asckg.graph.outputs import pages

    body = pages.plotly_js().encode("utf-8")
    return body, '"' + hashlib.sha256(body).hexdigest()[:20] + '"'


@lru_cache(maxsize=2)
def _gzipped(path: str | None) -> bytes:
    return gzip.compress(_plotly_asset(path)[0], compresslevel=6)


def _takes_gzip(accept_encoding: str) -> bool:
    """True when ``Accept-Encoding`` names gzip (or ``*``) without ``q=0``."""
    for item in accept_encoding.lower().split(","):
        name, _, params = item.strip().partition(";")
        if name.strip() in ("gzip", "*"):
            q = params.replace(" ", "")
            return not re.fullmatch(r"q=0(\.0*)?", q)
    return False


def plotly_script(request: Request) -> Response:
    """``/static/plotly.min.js``: plotly.js served from memory (read once), gzipped for a browser
    that takes it, and answered 304 when the browser holds this very build (``If-None-Match``)."""
    path = settings.plotly_js_path()
    body, tag = _plotly_asset(path)
    headers = {"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff", "Vary": "Accept-Encoding"}
    zipped = _takes_gzip(request.headers.get("accept-encoding", ""))
    if zipped:
        tag = tag[:-1] + '-gzip"'  # another representation, another tag
        headers["Content-Encoding"] = "gzip"
    headers["ETag"] = tag
    if tag in [t.strip() for t in request.headers.get("if-none-match", "").split(",")]:
        headers.pop("Content-Encoding", None)
        return Response(status_code=304, headers=headers)
    return Response(_gzipped(path) if zipped else body, media_type="text/javascript; charset=utf-8", headers=headers)


routes = [
    Route("/", home, methods=["GET"]),
    Route("/suggest", suggest, methods=["GET"]),
    Route("/cites/{ref:path}", reference_page, methods=["GET"]),
    Route("/letter/{id:path}", letter_page, methods=["GET"]),
    Route("/company/{key:path}", company_page, methods=["GET"]),
    Route("/trends", trends_page, methods=["GET"]),
    Route("/map", map_page, methods=["GET"]),
    Route("/static/plotly.min.js", plotly_script, methods=["GET"]),
    Mount("/static", StaticFiles(directory=str(_HERE / "static")), name="static"),
]


def handle_http_error(request: Request, exc: Exception) -> Response:
    """Starlette's HTTP errors (404 for an unknown address, 405) and the pages' own, as pages."""
    assert isinstance(exc, HTTPException)
    message = str(exc.detail)
    if exc.status_code == 404 and message == "Not Found":
        message = f"nothing at {request.url.path[:200]}; search from the home page, or read /sparql"
    elif exc.status_code == 405 and message == "Method Not Allowed":
        message = f"{request.method} is not answered at {request.url.path[:200]}"
    return error_response(request, exc.status_code, message)


def handle_library_error(request: Request, exc: Exception) -> Response:
    """An asckg error no page expected: its one-line message with a 400 (bad input) or 500."""
    status = 400 if isinstance(exc, BadReference) else 500
    return error_response(request, status, str(exc) if isinstance(exc, AsckgError) else "the server failed")
