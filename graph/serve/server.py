"""A read-only SPARQL 1.1 Protocol endpoint over a letter store: what ``asckg serve`` runs.

``GET /sparql?query=...``, ``POST`` as a form (``query=...``) or as ``application/sparql-query``;
answers in the format the ``Accept`` header (or a ``format=`` parameter) asks for, written by
pyoxigraph's own serializers. ``GET /`` is a small page to type a query. Queries run with the union
of all graphs as the default graph, like the command line; ``default-graph-uri`` and
``named-graph-uri`` narrow the dataset as the protocol says.

Why queries run in worker processes, not threads: Oxigraph computes ``ORDER BY``, ``GROUP BY`` and
aggregates inside one ``Store.query`` call (measured: a two-way cartesian ``COUNT`` over the 1,649
triples of the example store spends 0.46 s in that call and none in iteration), and a thread cannot
be stopped from outside, so a thread-based time limit would answer "timed out" while the query
kept a core busy for hours. Worse, some queries abort the whole interpreter: in pyoxigraph 0.5.13
``SELECT * { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f`` panics in Rust's sort ("comparison function does
not correctly implement a total order") and kills the process, which would take a thread-based
server down with it. So each query goes to one of a few worker processes that hold the store open;
one that runs over the time limit, or dies, is killed and replaced (about 0.3 s to start a new one).

What the limits stop: a worker checks the clock between rows and stops at the deadline by itself;
the server kills a worker that has not answered by the deadline plus a second of grace, which stops
anything, including a long sort or aggregate. The row cap (``max_rows``) stops reading solutions
(or triples) once it is reached and says so in the ``X-Asckg-Truncated`` header; it cannot bound the
memory a sort or a ``GROUP BY`` uses before its first row, only the time limit bounds that.

The store is opened with pyoxigraph's read-only mode, which sees the store as it was when opened:
letters ingested later appear only after a restart, or at once with ``reload=True`` (the store is
reopened for each query: 10 ms for the example store, 40 ms for the 989-letter corpus). Oxigraph calls opening a store read-only while another
process writes it undefined behaviour, so do not run ``asckg ingest`` on a store being served.
"""

from __future__ import annotations

import ipaddress
import json
import multiprocessing
import queue
import re
import signal
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from asckg import __version__
from asckg.core.errors import AsckgError, StoreError
from asckg.graph.store import LetterStore

__all__ = ["Format", "Job", "Reply", "QueryPool", "SparqlServer", "ServeError",
           "make_server", "negotiate", "evaluate", "is_loopback", "names_dataset"]

#: The most a POST body may hold (a query or a form); more is refused with 413.
MAX_BODY = 1 << 20
#: Seconds a worker has to start and open the store.
STARTUP_SECONDS = 60.0
#: Seconds past the time limit the server waits for a worker to stop by itself before killing it.
GRACE_SECONDS = 1.0
READ_ONLY = "this endpoint is read-only: SPARQL updates are refused"


class ServeError(AsckgError):
    """The endpoint cannot start: the address is taken, a worker cannot open the store."""


# ------------------------------------------------------------------------------- formats
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
    def writer(self) -> ox.QueryResultsFormat | ox.RdfFormat:
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


# ------------------------------------------------------------------------------- evaluation
@dataclass(frozen=True, slots=True)
class Job:
    """One query for a worker: the text, the formats negotiated, the dataset, the limits."""

    query: str
    results: Format | None
    graph: Format | None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    max_rows: int = 10_000
    timeout: float = 10.0


@dataclass(slots=True)
class Reply:
    """What goes back to the client: status, body and the row count and truncation flag."""

    status: int
    content_type: str
    body: bytes
    rows: int | None = None
    truncated: bool = False
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def text(cls, status: int, message: str) -> "Reply":
        return cls(status, "text/plain; charset=utf-8", (message.rstrip("\n") + "\n").encode("utf-8"))


def evaluate(store: ox.Store, job: Job) -> Reply:
    """Run ``job`` on ``store`` and serialize its answer, keeping to the row cap and deadline."""
    deadline = time.monotonic() + job.timeout
    try:
        result = store.query(job.query, **_dataset(job))
    except SyntaxError as err:
        return Reply.text(400, f"malformed SPARQL query: {err}")
    except (ValueError, OSError) as err:
        return Reply.text(500, f"the query failed: {err}")
    if isinstance(result, ox.QueryBoolean):
        if job.results is None:
            return _not_acceptable("an ASK")
        return Reply(200, job.results.content_type, result.serialize(format=job.results.writer))
    wanted, form = (job.graph, "a CONSTRUCT or DESCRIBE") if isinstance(result, ox.QueryTriples) \
        else (job.results, "a SELECT")
    if wanted is None:
        return _not_acceptable(form)
    items = []
    truncated = False
    try:
        for item in result:
            if len(items) == job.max_rows:
                truncated = True
                break
            if time.monotonic() > deadline:
                return _over_time(job.timeout)
            items.append(item)
        if isinstance(result, ox.QueryTriples):
            body = ox.serialize(items, format=wanted.writer, prefixes=_prefixes())
        else:
            body = _solutions(result.variables, items).serialize(format=wanted.writer)
    except (ValueError, OSError, SyntaxError) as err:
        return Reply.text(500, f"the query failed: {err}")
    return Reply(200, wanted.content_type, body, rows=len(items), truncated=truncated)


def _dataset(job: Job) -> dict:
    """The dataset arguments of ``Store.query``: the union of all graphs as the default graph,
    unless the query names its dataset (``FROM``, which the union flag would silently override) or
    the request does (``default-graph-uri`` narrows the default graph, ``named-graph-uri`` the
    graphs ``GRAPH`` can see; each leaves the other part as it was)."""
    if not job.default_graphs and not job.named_graphs:
        return {} if names_dataset(job.query) else {"use_default_graph_as_union": True}
    out: dict = {}
    if job.default_graphs:
        out["default_graph"] = [ox.NamedNode(iri) for iri in job.default_graphs]
    else:
        out["use_default_graph_as_union"] = True
    if job.named_graphs:
        out["named_graphs"] = [ox.NamedNode(iri) for iri in job.named_graphs]
    return out


# Finding FROM: strings, IRIs and comments are skipped whole, so a FROM inside them does not count;
# a variable or prefixed name spelt "from" (?from, ex:from, from:x) is not the keyword. Each string
# piece's repeat has disjoint alternatives, so the scan is linear.
_LONG_STRING_2 = r'"""(?:[^"\\]|\\.|"(?!""))*"""'
_LONG_STRING_1 = r"'''(?:[^'\\]|\\.|'(?!''))*'''"
_STRING_2 = r'"(?:[^"\\\n]|\\.)*"'
_STRING_1 = r"'(?:[^'\\\n]|\\.)*'"
_IRI = r"<[^<>\"{}|^`\\\s]*>"
_COMMENT = r"\#[^\n]*"
_FROM = r"(?<![?$\w:])FROM(?![\w:-])"
_SKIP = "|".join((_LONG_STRING_2, _LONG_STRING_1, _STRING_2, _STRING_1, _IRI, _COMMENT))
_DATASET_SCAN = re.compile(f"(?P<skip>{_SKIP})|(?P<from>{_FROM})", re.I)

def names_dataset(query: str) -> bool:
    """True when the query has a ``FROM`` or ``FROM NAMED`` clause.

    >>> names_dataset('SELECT * FROM <http://x/g> { ?s ?p ?o }')
    True
    >>> names_dataset('SELECT ?from { ?s ?p "taken from the letter" } # FROM a comment')
    False
    """
    return any(m["from"] for m in _DATASET_SCAN.finditer(query))


def _solutions(variables: list[ox.Variable], rows: list[ox.QuerySolution]) -> ox.QuerySolutions:
    """The rows read so far as a ``QuerySolutions`` again, so pyoxigraph's serializers can write a
    capped answer: they are written as SPARQL TSV (whose cells are N-Triples terms, lossless) and
    parsed back."""
    lines = ["\t".join("?" + v.value for v in variables)]
    lines += ["\t".join(_tsv_term(row[v]) for v in variables) for row in rows]
    return ox.parse_query_results("\n".join(lines) + "\n", ox.QueryResultsFormat.TSV)


def _tsv_term(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Triple):
        return f"<<( {_tsv_term(term.subject)} {_tsv_term(term.predicate)} {_tsv_term(term.object)} )>>"
    return str(term)  # N-Triples syntax, with tab and newline escaped


def _prefixes() -> dict[str, str]:
    from asckg.graph.model.namespace import PREFIXES

    return dict(PREFIXES)


def _not_acceptable(form: str) -> Reply:
    offered = ", ".join(f.media_type for f in FORMATS)
    return Reply.text(406, f"no format in the Accept header fits {form} query; this endpoint writes {offered}")


def _over_time(limit: float) -> Reply:
    return Reply.text(503, f"query stopped: it ran over the time limit of {limit:g} s")


# ------------------------------------------------------------------------------- worker processes
def _worker_loop(conn, store_path: str, reload: bool) -> None:
    """A worker process: open the store, say "ready", then answer jobs until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group; the server stops us
    try:
        store = LetterStore(store_path, read_only=True)
    except AsckgError as err:
        conn.send(str(err))
        return
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            break
        if job is None:
            break
        if reload:
            store.close()
            try:
                store = LetterStore(store_path, read_only=True)
            except AsckgError as err:
                conn.send(Reply.text(500, str(err)))
                continue
        conn.send(evaluate(store.raw, job))
    store.close()


class _Worker:
    """One worker process and the pipe to it."""

    def __init__(self, context, store_path: str, reload: bool) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker_loop, args=(child, store_path, reload),
                                       name="asckg-sparql-worker", daemon=True)
        self.process.start()
        child.close()
        self.ready = False

    def wait_ready(self) -> None:
        if self.ready:
            return
        if not self.conn.poll(STARTUP_SECONDS):
            raise ServeError("a query worker did not start in time")
        message = self.conn.recv()
        if message != "ready":
            raise StoreError(message)
        self.ready = True

    def stop(self, kill: bool = False) -> None:
        if not kill:
            try:
                self.conn.send(None)
            except OSError:
                kill = True
        if kill:
            self.process.kill()
        self.process.join(2.0)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


class QueryPool:
    """A few worker processes holding the store open; a query that runs too long, or crashes its
    worker, costs that worker, which is replaced."""

    def __init__(self, store_path: str, *, workers: int = 2, timeout: float = 10.0, reload: bool = False) -> None:
        self.store_path = str(store_path)
        self.size = workers
        self.timeout = timeout
        self.reload = reload
        self._context = multiprocessing.get_context("spawn")  # no fork of a threaded server
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closed = False
        self._lock = threading.Lock()

    def start(self) -> None:
        """Start the workers and wait until each has the store open (``StoreError`` if not)."""
        started = [_Worker(self._context, self.store_path, self.reload) for _ in range(self.size)]
        try:
            for worker in started:
                worker.wait_ready()
        except AsckgError:
            for worker in started:
                worker.stop(kill=True)
            raise
        for worker in started:
            self._idle.put(worker)

    def run(self, job: Job) -> Reply:
        """Answer ``job`` in a free worker; 503 when none frees up in time or the query overran."""
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return Reply.text(503, f"the server is busy: no query worker was free within {self.timeout:g} s")
        try:
            worker.wait_ready()
            worker.conn.send(job)
            if worker.conn.poll(job.timeout + GRACE_SECONDS):
                return worker.conn.recv()
            worker = self._replace(worker)
            return _over_time(job.timeout)
        except AsckgError as err:  # a replacement worker could not open the store
            worker = self._replace(worker)
            return Reply.text(500, str(err))
        except (EOFError, OSError):
            worker = self._replace(worker)
            return Reply.text(500, "the query crashed its worker process (a bug in the query engine); "
                                   "the worker was restarted")
        finally:
            self._give_back(worker)

    def idle_pids(self) -> list[int]:
        """Process ids of the workers now idle (for tests and diagnostics)."""
        return [w.process.pid for w in list(self._idle.queue)]

    def _replace(self, worker: _Worker) -> _Worker:
        worker.stop(kill=True)
        return _Worker(self._context, self.store_path, self.reload)

    def _give_back(self, worker: _Worker) -> None:
        with self._lock:
            if not self._closed:
                self._idle.put(worker)
                return
        worker.stop(kill=True)

    def close(self) -> None:
        """Stop every idle worker now; a busy one is stopped when its query returns."""
        with self._lock:
            self._closed = True
        while True:
            try:
                self._idle.get_nowait().stop()
            except queue.Empty:
                break


# ------------------------------------------------------------------------------- HTTP
class SparqlHandler(BaseHTTPRequestHandler):
    """``/`` the query page, ``/examples.json`` the bundled queries, ``/sparql`` the endpoint."""

    server: "SparqlServer"
    server_version = f"asckg/{__version__}"
    timeout = 30  # seconds a client may take to send its request

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if not self._host_allowed():
            return
        if url.path in ("/", "/index.html"):
            self._send(Reply(200, "text/html; charset=utf-8", self.server.page,
                             headers={"Content-Security-Policy": _PAGE_POLICY}))
        elif url.path == "/examples.json":
            self._send(Reply(200, "application/json", self.server.examples))
        elif url.path == "/sparql":
            params = self._params(url.query)
            if params is not None:
                self._sparql(params)
        else:
            self._send(Reply.text(404, f"nothing at {url.path}; the endpoint is /sparql"))

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        if not self._host_allowed():
            return
        if url.path != "/sparql":
            self._send(Reply.text(404 if url.path not in ("/", "/index.html") else 405,
                                  f"POST to /sparql, not {url.path}"))
            return
        kind = self.headers.get_content_type()
        if kind == "application/sparql-update":
            self._send(Reply.text(403, READ_ONLY))
            return
        if kind not in ("application/x-www-form-urlencoded", "application/sparql-query"):
            self._send(Reply.text(415, "POST a query as application/sparql-query or as a "
                                       "application/x-www-form-urlencoded form with query=..."))
            return
        body = self._body()
        params = self._params(url.query)
        if body is None or params is None:
            return
        if kind == "application/sparql-query":
            if "query" in params or "update" in params:
                self._send(Reply.text(400, "a POSTed application/sparql-query body is the query; "
                                           "do not also pass query= in the URL"))
                return
            try:
                params["query"] = [body.decode("utf-8")]
            except UnicodeDecodeError:
                self._send(Reply.text(400, "the query is not UTF-8 text"))
                return
        else:
            try:
                form = self._params(body.decode("utf-8"))
            except UnicodeDecodeError:
                form = None
                self._send(Reply.text(400, "the form is not UTF-8 text"))
            if form is None:
                return
            for name, values in form.items():
                params.setdefault(name, []).extend(values)
        self._sparql(params)

    def _sparql(self, params: dict[str, list[str]]) -> None:
        if "update" in params or "using-graph-uri" in params or "using-named-graph-uri" in params:
            self._send(Reply.text(403, READ_ONLY))
            return
        queries = params.get("query", [])
        if not queries:
            self._send(Reply.text(400, "no query: pass ?query=... in the URL, query=... in a POSTed form, "
                                       "or POST the query itself as application/sparql-query"))
            return
        if len(queries) > 1 or not queries[0].strip():
            self._send(Reply.text(400, "give exactly one non-empty query= parameter"))
            return
        wanted = params.get("format", [None])
        try:
            if len(wanted) > 1:
                raise ValueError("give at most one format= parameter")
            results, graph = negotiate(self.headers.get("Accept"), wanted[0])
            default_graphs = _iris(params.get("default-graph-uri", []))
            named_graphs = _iris(params.get("named-graph-uri", []))
        except ValueError as err:
            self._send(Reply.text(400, str(err)))
            return
        if results is None and graph is None:
            self._send(_not_acceptable("any"), vary=True)
            return
        job = Job(queries[0], results, graph, default_graphs, named_graphs,
                  self.server.max_rows, self.server.pool.timeout)
        self._send(self.server.pool.run(job), vary=True)

    # -- plumbing ---------------------------------------------------------------------------------
    def _params(self, text: str) -> dict[str, list[str]] | None:
        try:
            return parse_qs(text, keep_blank_values=True, errors="strict", max_num_fields=64)
        except (ValueError, UnicodeDecodeError) as err:
            self._send(Reply.text(400, f"unreadable parameters: {err}"))
            return None

    def _body(self) -> bytes | None:
        length = self.headers.get("Content-Length")
        if length is None or not length.strip().isdigit():
            self._send(Reply.text(411, "a POST needs a Content-Length"))
            return None
        if int(length) > MAX_BODY:
            self._send(Reply.text(413, f"the request body is over {MAX_BODY} bytes"))
            return None
        return self.rfile.read(int(length))

    def _host_allowed(self) -> bool:
        """On loopback, refuse requests whose Host is not a loopback name: a web page that rebinds
        its own domain name to 127.0.0.1 (DNS rebinding) must not read the store."""
        host = self.headers.get("Host")
        if not self.server.loopback or host is None or _host_name(host) in self.server.host_names:
            return True
        self._send(Reply.text(403, f"unexpected Host header {host!r}: this endpoint answers on loopback only"))
        return False

    def _send(self, reply: Reply, vary: bool = False) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        if vary:
            self.send_header("Vary", "Accept")
        if reply.rows is not None:
            self.send_header("X-Asckg-Rows", str(reply.rows))
        if reply.truncated:
            self.send_header("X-Asckg-Truncated", "true")
            self.send_header("X-Asckg-Row-Limit", str(self.server.max_rows))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(reply.body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the base class's name)
        if not self.server.quiet:
            super().log_message(format, *args)


_PAGE_POLICY = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                "connect-src 'self'; form-action 'none'; base-uri 'none'")
_LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


def _host_name(host: str) -> str:
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _iris(values: list[str]) -> tuple[str, ...]:
    for iri in values:
        try:
            ox.NamedNode(iri)
        except ValueError:
            raise ValueError(f"not an IRI: {iri!r}") from None
    return tuple(values)


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server: one thread per request, queries handed to a :class:`QueryPool`."""

    daemon_threads = True

    def __init__(self, host: str, port: int, pool: QueryPool, *, max_rows: int, quiet: bool = False) -> None:
        if ":" in host:
            import socket

            self.address_family = socket.AF_INET6
        super().__init__((host.strip("[]"), port), SparqlHandler)
        self.pool = pool
        self.max_rows = max_rows
        self.quiet = quiet
        self.loopback = is_loopback(host)
        self.host_names = _LOOPBACK_NAMES | {host.strip("[]").lower()}
        self.page = (resources.files("asckg.graph.serve") / "assets" / "query.html").read_bytes()
        self.examples = _examples()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{f'[{host}]' if ':' in host else host}:{port}/"

    def server_close(self) -> None:
        super().server_close()
        if hasattr(self, "pool"):  # not yet there when binding the address failed
            self.pool.close()


def _examples() -> bytes:
    """The bundled queries as JSON for the page's example list: name, question, text."""
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


def make_server(store_path: str, *, host: str = "127.0.0.1", port: int = 7878, timeout: float = 10.0,
                max_rows: int = 10_000, workers: int = 2, reload: bool = False,
                quiet: bool = False) -> SparqlServer:
    """Open the store read-only in ``workers`` processes and bind the HTTP server (not yet serving:
    call ``serve_forever()``; ``port=0`` picks a free port, see ``server.url``)."""
    if "://" in str(store_path):
        raise ServeError(f"{store_path} is a SPARQL server already; `asckg serve` serves a store directory")
    LetterStore(store_path, read_only=True).close()  # a clear StoreError before any process starts
    pool = QueryPool(store_path, workers=workers, timeout=timeout, reload=reload)
    pool.start()
    try:
        return SparqlServer(host, port, pool, max_rows=max_rows, quiet=quiet)
    except OSError as err:
        pool.close()
        raise ServeError(f"cannot listen on {host}:{port}: {err.strerror or err}") from err
    except BaseException:
        pool.close()
        raise
