"""The read-only SPARQL 1.1 Protocol endpoint: ``/sparql``, its query page ``/query`` and ``/examples.json``.

``GET /sparql?query=...``, ``POST`` as a form (``query=...``) or as ``application/sparql-query``;
answers in the format the ``Accept`` header (or a ``format=`` parameter) asks for
(:mod:`asckg.graph.serve.negotiation`), written by pyoxigraph's own serializers in a worker process
(:mod:`asckg.graph.serve.pool`). Updates are refused (403) whichever way they come; a body over
:data:`MAX_BODY` is refused (413) before it is read; parameters are read strictly (at most 64, UTF-8).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from urllib.parse import parse_qs

import pyoxigraph as ox
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from asckg.graph.serve.negotiation import negotiate
from asckg.graph.serve.pool import Job, QueryPool, Reply, _not_acceptable

__all__ = ["MAX_BODY", "READ_ONLY", "routes", "reply_response"]

#: The most a POST body may hold (a query or a form); more is refused with 413.
MAX_BODY = 1 << 20
READ_ONLY = "this endpoint is read-only: SPARQL updates are refused"
QUERY_PAGE_POLICY = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                     "connect-src 'self'; form-action 'none'; base-uri 'none'")


class _Refusal(Exception):
    """A request the endpoint answers with an error reply (raised inside the request's reading)."""

    def __init__(self, reply: Reply) -> None:
        self.reply = reply


def reply_response(reply: Reply, *, vary: bool = False, max_rows: int | None = None) -> Response:
    """A :class:`Reply` as an HTTP response, with the endpoint's headers."""
    headers = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}
    if vary:
        headers["Vary"] = "Accept"
    if reply.rows is not None:
        headers["X-Asckg-Rows"] = str(reply.rows)
    if reply.truncated:
        headers["X-Asckg-Truncated"] = "true"
        if max_rows is not None:
            headers["X-Asckg-Row-Limit"] = str(max_rows)
    headers.update(reply.headers)
    response = Response(reply.body, status_code=reply.status, headers=headers)
    response.headers["Content-Type"] = reply.content_type  # exactly as written, no charset added
    return response


def _params(text: str) -> dict[str, list[str]]:
    try:
        return parse_qs(text, keep_blank_values=True, errors="strict", max_num_fields=64)
    except (ValueError, UnicodeDecodeError) as err:
        raise _Refusal(Reply.text(400, f"unreadable parameters: {err}")) from None


async def _body(request: Request) -> bytes:
    length = request.headers.get("Content-Length")
    if length is not None and (not length.strip().isdigit() or int(length) > MAX_BODY):
        raise _Refusal(Reply.text(413, f"the request body is over {MAX_BODY} bytes")
                       if length.strip().isdigit() else Reply.text(400, "unreadable Content-Length"))
    if length is None and "chunked" not in request.headers.get("Transfer-Encoding", "").lower():
        raise _Refusal(Reply.text(411, "a POST needs a Content-Length"))
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > MAX_BODY:
            raise _Refusal(Reply.text(413, f"the request body is over {MAX_BODY} bytes"))
    return bytes(body)


def _iris(values: list[str]) -> tuple[str, ...]:
    for iri in values:
        try:
            ox.NamedNode(iri)
        except ValueError:
            raise ValueError(f"not an IRI: {iri!r}") from None
    return tuple(values)


async def sparql(request: Request) -> Response:
    """``/sparql``: GET with ``query=``, or POST a form or an ``application/sparql-query`` body."""
    state = request.app.state
    try:
        params = _params(request.scope["query_string"].decode("latin-1"))
        if request.method == "POST":
            await _read_post(request, params)
        job = _job(request, params, state.pool, state.max_rows)
    except _Refusal as refusal:
        return reply_response(refusal.reply, vary=refusal.reply.status == 406)
    reply = await run_in_threadpool(state.pool.run, job)
    return reply_response(reply, vary=True, max_rows=state.max_rows)


async def _read_post(request: Request, params: dict[str, list[str]]) -> None:
    kind = request.headers.get("Content-Type", "").split(";", 1)[0].strip().lower()
    if kind == "application/sparql-update":
        raise _Refusal(Reply.text(403, READ_ONLY))
    if kind not in ("application/x-www-form-urlencoded", "application/sparql-query"):
        raise _Refusal(Reply.text(415, "POST a query as application/sparql-query or as a "
                                       "application/x-www-form-urlencoded form with query=..."))
    body = await _body(request)
    if kind == "application/sparql-query":
        if "query" in params or "update" in params:
            raise _Refusal(Reply.text(400, "a POSTed application/sparql-query body is the query; "
                                           "do not also pass query= in the URL"))
        try:
            params["query"] = [body.decode("utf-8")]
        except UnicodeDecodeError:
            raise _Refusal(Reply.text(400, "the query is not UTF-8 text")) from None
        return
    try:
        form = _params(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise _Refusal(Reply.text(400, "the form is not UTF-8 text")) from None
    for name, values in form.items():
        params.setdefault(name, []).extend(values)


def _job(request: Request, params: dict[str, list[str]], pool: QueryPool, max_rows: int) -> Job:
    if "update" in params or "using-graph-uri" in params or "using-named-graph-uri" in params:
        raise _Refusal(Reply.text(403, READ_ONLY))
    queries = params.get("query", [])
    if not queries:
        raise _Refusal(Reply.text(400, "no query: pass ?query=... in the URL, query=... in a POSTed form, "
                                       "or POST the query itself as application/sparql-query"))
    if len(queries) > 1 or not queries[0].strip():
        raise _Refusal(Reply.text(400, "give exactly one non-empty query= parameter"))
    wanted = params.get("format", [None])
    try:
        if len(wanted) > 1:
            raise ValueError("give at most one format= parameter")
        results, graph = negotiate(request.headers.get("Accept"), wanted[0])
        default_graphs = _iris(params.get("default-graph-uri", []))
        named_graphs = _iris(params.get("named-graph-uri", []))
    except ValueError as err:
        raise _Refusal(Reply.text(400, str(err))) from None
    if results is None and graph is None:
        raise _Refusal(_not_acceptable("any"))
    return Job(queries[0], results, graph, default_graphs, named_graphs, max_rows, pool.timeout)


async def query_page(request: Request) -> Response:
    """``/query``: a page to type a SPARQL query and see the answer (self-contained, no CDN)."""
    page = (resources.files("asckg.graph.serve") / "assets" / "query.html").read_bytes()
    return reply_response(Reply(200, "text/html; charset=utf-8", page,
                                headers={"Content-Security-Policy": QUERY_PAGE_POLICY}))


async def examples(request: Request) -> Response:
    """``/examples.json``: the bundled queries, for the query page's list."""
    return reply_response(Reply(200, "application/json", _examples()))


@lru_cache(maxsize=1)
def _examples() -> bytes:
    """The bundled queries as JSON: name, question, text."""
    from asckg.queries import load_query, parse_header, query_names

    out = []
    for name in query_names():
        text = load_query(name)
        try:
            question = parse_header(text)[0]
        except ValueError:
            question = ""
        out.append({"name": name, "question": question, "text": text})
    return json.dumps(out, ensure_ascii=False).encode("utf-8")


routes = [
    Route("/sparql", sparql, methods=["GET", "POST"]),
    Route("/query", query_page, methods=["GET"]),
    Route("/examples.json", examples, methods=["GET"]),
]
