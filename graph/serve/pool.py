"""The query worker processes behind the SPARQL endpoint, and what one query may cost.

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
the pool kills a worker that has not answered by the deadline plus a second of grace, which stops
anything, including a long sort or aggregate. The row cap (``max_rows``) stops reading solutions
(or triples) once it is reached and says so (``Reply.truncated``); it cannot bound the memory a
sort or a ``GROUP BY`` uses before its first row, only the time limit bounds that.

Queries run with the union of all graphs as the default graph, like the command line;
``default-graph-uri`` and ``named-graph-uri`` (``Job.default_graphs``, ``Job.named_graphs``)
narrow the dataset as the protocol says.
"""

from __future__ import annotations

import multiprocessing
import queue
import re
import signal
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from asckg.core.errors import AsckgError, StoreError
from asckg.graph.serve.negotiation import FORMATS, Format
from asckg.graph.store import LetterStore

__all__ = ["GRACE_SECONDS", "Job", "QueryPool", "Reply", "ServeError", "evaluate", "names_dataset"]

#: Seconds a worker has to start and open the store.
STARTUP_SECONDS = 60.0
#: Seconds past the time limit the pool waits for a worker to stop by itself before killing it.
GRACE_SECONDS = 1.0


class ServeError(AsckgError):
    """The endpoint cannot start: the address is taken, a worker cannot open the store."""


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
        return Reply(200, job.results.content_type, _bytes(result.serialize(format=job.results.writer)))
    wanted, form = (job.graph, "a CONSTRUCT or DESCRIBE") if isinstance(result, ox.QueryTriples) \
        else (job.results, "a SELECT")
    if wanted is None:
        return _not_acceptable(form)
    items: list[Any] = []
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
    return Reply(200, wanted.content_type, _bytes(body), rows=len(items), truncated=truncated)


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


def _bytes(body: bytes | None) -> bytes:
    """A serialiser's answer when no output was given: the bytes it wrote."""
    assert body is not None
    return body


def _solutions(variables: list[ox.Variable], rows: list[ox.QuerySolution]) -> ox.QuerySolutions:
    """The rows read so far as a ``QuerySolutions`` again, so pyoxigraph's serializers can write a
    capped answer: they are written as SPARQL TSV (whose cells are N-Triples terms, lossless) and
    parsed back."""
    lines = ["\t".join("?" + v.value for v in variables)]
    lines += ["\t".join(_tsv_term(row[v]) for v in variables) for row in rows]
    solutions = ox.parse_query_results("\n".join(lines) + "\n", ox.QueryResultsFormat.TSV)
    assert isinstance(solutions, ox.QuerySolutions)
    return solutions


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
