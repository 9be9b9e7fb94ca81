"""``asckg serve``: the reading room (pages to search and read the letters) and a read-only SPARQL endpoint."""

from __future__ import annotations

import signal
from typing import Annotated

import typer

from asckg.cli.common import STORE_DEFAULT, StoreOption, err


def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on. Anything but loopback (127.0.0.1, ::1, localhost) lets other machines query the store: you are warned.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to listen on (0 picks a free one).")] = 7878,
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds one query may run; a query over the limit is stopped (its worker process killed) and answered 503.")] = 10.0,
    max_rows: Annotated[int, typer.Option("--max-rows", min=1, help="Most rows (or triples) in one answer; a longer answer is cut and carries the header X-Asckg-Truncated: true.")] = 10_000,
    workers: Annotated[int, typer.Option("--workers", min=1, max=64, help="Worker processes running queries: how many queries run at once.")] = 2,
    reload: Annotated[bool, typer.Option("--reload/--no-reload", help="Reopen the store for every query (10 to 40 ms on the 989-letter corpus), so letters ingested after the server started show up. Without it the store is seen as it was at start.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Do not log each request on stderr.")] = False,
    store: StoreOption = STORE_DEFAULT,
) -> None:
    """Serve the store: the reading room at / and a read-only SPARQL endpoint at /sparql.

    The reading room: / searches (a reference as `asckg cites` takes it, a company name or CIK,
    a letter id), /cites/REF lists the letters citing a reference, /letter/ID shows one letter
    with its citations marked and its answers beside, /company/CIK a company's reviews, /trends
    the most cited Topics by year. Every page also answers JSON (?format=json).

    The endpoint, with a page to type queries at /query: GET /sparql?query=..., or POST the query
    as a form (query=...) or as application/sparql-query. Answers follow the Accept header or format=: SELECT and ASK as SPARQL JSON (the default), XML,
    CSV or TSV; CONSTRUCT and DESCRIBE as Turtle (the default) or N-Triples. Updates are refused
    (403), a malformed query gets 400 and the parser's message. Queries see the union of all graphs.

    The store is opened read-only and seen as it was when the server started (see --reload). Do
    not run `asckg ingest` on a store while it is served: Oxigraph does not support reading a store
    read-only while another process writes it. Stop with Ctrl-C.
    """
    from asckg.graph.serve.server import is_loopback, make_server

    server = make_server(store, host=host, port=port, timeout=timeout, max_rows=max_rows,
                         workers=workers, reload=reload, quiet=quiet)
    if not is_loopback(host):
        err.print(f"[bold yellow]warning:[/bold yellow] listening on {host}, not loopback: anyone who can "
                  "reach this machine can query the store")
    err.print(f"serving {store} read-only at {server.url} (reading room; SPARQL endpoint {server.url}sparql); "
              f"time limit {timeout:g} s, at most {max_rows} rows; Ctrl-C to stop")
    signal.signal(signal.SIGTERM, _stop)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass  # Ctrl-C before the server took over its signals; after, serve_forever returns
    finally:
        server.server_close()
    err.print("stopped")


def _stop(signum: int, frame: object) -> None:
    """SIGTERM stops the server as Ctrl-C does, so its worker processes are stopped too."""
    raise KeyboardInterrupt
