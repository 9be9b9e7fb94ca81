"""What ``asckg serve`` runs: the reading room and the read-only SPARQL endpoint, one ASGI app under uvicorn.

:func:`make_app` builds the Starlette app: the pages of :mod:`asckg.graph.serve.site` and the
endpoint of :mod:`asckg.graph.serve.sparql_endpoint`, behind a guard that refuses a ``Host`` that is
not loopback when serving on loopback (DNS rebinding) and a query string over
:data:`MAX_QUERY_STRING` (414). :func:`make_server` opens the store, starts the query worker
processes, binds the address and returns a :class:`WebServer` that serves until stopped.

The store is opened with pyoxigraph's read-only mode, which sees the store as it was when opened:
letters ingested later appear only after a restart, or at once with ``reload=True`` (the store is
reopened for each query or page: 10 ms for the example store, 40 ms for the 989-letter corpus).
Oxigraph calls opening a store read-only while another process writes it undefined behaviour, so
do not run ``asckg ingest`` on a store being served.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
import threading
import time

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from asckg.core.errors import AsckgError
from asckg.graph.serve import site, sparql_endpoint
from asckg.graph.serve.negotiation import negotiate
from asckg.graph.serve.pool import GRACE_SECONDS, QueryPool, ServeError, names_dataset
from asckg.graph.store import LetterStore

__all__ = ["GRACE_SECONDS", "MAX_QUERY_STRING", "ServeError", "WebServer", "is_loopback", "make_app",
           "make_server", "names_dataset", "negotiate"]

#: The longest query string (bytes) any address takes; longer is refused with 414.
MAX_QUERY_STRING = 64 * 1024
#: What uvicorn will buffer of a request's head, so that an over-long address reaches the guard
#: and gets its 414 page instead of the HTTP parser's bare 400.
_HEAD_LIMIT = 4 * 1024 * 1024
_LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _host_name(host: str) -> str:
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class _Guard:
    """ASGI middleware: the Host check and the query string limit, before any route runs; the
    time the app took until its answer started goes out in a ``Server-Timing`` header (``app;dur=``
    milliseconds: the whole page, as every page is rendered before it is sent)."""

    def __init__(self, app, host_names: frozenset[str] | None) -> None:
        self.app = app
        self.host_names = host_names  # None: any Host (not serving on loopback)

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        host = request.headers.get("host")
        if self.host_names is not None and host is not None and _host_name(host) not in self.host_names:
            response: Response = Response(f"unexpected Host header {host[:200]!r}: this server answers on "
                                          "loopback only\n", 403, media_type="text/plain; charset=utf-8")
        elif len(scope.get("query_string", b"")) > MAX_QUERY_STRING:
            message = (f"the address is {len(scope['query_string'])} bytes long; at most {MAX_QUERY_STRING} "
                       "are read (POST a long SPARQL query to /sparql instead)")
            if scope["path"] == "/sparql":
                response = Response(message + "\n", 414, media_type="text/plain; charset=utf-8")
            else:
                response = site.error_response(Request(dict(scope, query_string=b"")), 414, message)
        else:
            started = time.perf_counter()

            async def timed(message) -> None:
                if message["type"] == "http.response.start":
                    took = (time.perf_counter() - started) * 1000
                    message = dict(message, headers=[*message.get("headers", []),
                                                     (b"server-timing", f"app;dur={took:.1f}".encode())])
                await send(message)

            await self.app(scope, receive, timed)
            return
        response.headers["Cache-Control"] = "no-store"
        await response(scope, receive, send)


def make_app(store_path: str, pool: QueryPool, *, max_rows: int = 10_000, reload: bool = False,
             host: str = "127.0.0.1") -> Starlette:
    """The ASGI app: pages and endpoint over ``store_path``, queries of the endpoint run by ``pool``."""
    app = Starlette(routes=[*sparql_endpoint.routes, *site.routes], exception_handlers={
        HTTPException: site.handle_http_error,
        AsckgError: site.handle_library_error,
        Exception: _internal_error,
    })
    app.state.pool = pool
    app.state.max_rows = max_rows
    app.state.site = site.SiteStore(store_path, reload=reload)
    names = _LOOPBACK_NAMES | {host.strip("[]").lower()} if is_loopback(host) else None
    app.add_middleware(_Guard, host_names=names)
    return app


def _internal_error(request: Request, exc: Exception) -> Response:
    logging.getLogger("asckg.serve").exception("error answering %s", request.url.path)
    return site.error_response(request, 500, "the server failed to answer this page; the error is in its log")


class WebServer:
    """uvicorn serving the app on a socket bound in advance (so a taken port fails at once)."""

    def __init__(self, app: Starlette, sock: socket.socket, pool: QueryPool, *, quiet: bool = False) -> None:
        import uvicorn

        self.app = app
        self.pool = pool
        self.socket = sock
        config = uvicorn.Config(app, lifespan="off", log_config=_log_config(quiet), access_log=not quiet,
                                h11_max_incomplete_event_size=_HEAD_LIMIT, timeout_graceful_shutdown=2,
                                server_header=False)
        self._server = uvicorn.Server(config)
        self._done = threading.Event()

    @property
    def url(self) -> str:
        host, port = self.socket.getsockname()[:2]
        return f"http://{f'[{host}]' if ':' in host else host}:{port}/"

    def serve_forever(self) -> None:
        """Serve until :meth:`shutdown` (or, in the main thread, Ctrl-C or SIGTERM)."""
        self._done.clear()
        try:
            asyncio.run(self._server.serve(sockets=[self.socket]))
        finally:
            self._done.set()

    def shutdown(self) -> None:
        """Stop serving (from another thread) and wait until the server has stopped."""
        self._server.should_exit = True
        self._done.wait(30)

    def server_close(self) -> None:
        """Close the socket, the worker processes and the pages' store."""
        self.socket.close()
        self.pool.close()
        self.app.state.site.close()


def _log_config(quiet: bool) -> dict:
    """uvicorn's loggers: warnings on stderr, one line per request unless ``quiet``."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"plain": {"format": "%(message)s"}},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stderr"}},
        "loggers": {
            "uvicorn.error": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
            "uvicorn.access": {"handlers": ["stderr"], "level": "WARNING" if quiet else "INFO", "propagate": False},
            "asckg.serve": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
        },
    }


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host.strip("[]"), port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def make_server(store_path: str, *, host: str = "127.0.0.1", port: int = 7878, timeout: float = 10.0,
                max_rows: int = 10_000, workers: int = 2, reload: bool = False,
                quiet: bool = False) -> WebServer:
    """Open the store read-only (pages in this process, SPARQL in ``workers`` processes) and bind
    the address (not yet serving: call ``serve_forever()``; ``port=0`` picks a free port, see
    ``server.url``)."""
    if "://" in str(store_path):
        raise ServeError(f"{store_path} is a SPARQL server already; `asckg serve` serves a store directory")
    LetterStore(store_path, read_only=True).close()  # a clear StoreError before any process starts
    pool = QueryPool(str(store_path), workers=workers, timeout=timeout, reload=reload)
    pool.start()
    try:
        sock = _bind(host, port)
        app = make_app(str(store_path), pool, max_rows=max_rows, reload=reload, host=host)
        return WebServer(app, sock, pool, quiet=quiet)
    except OSError as err:
        pool.close()
        raise ServeError(f"cannot listen on {host}:{port}: {err.strerror or err}") from err
    except BaseException:
        pool.close()
        raise
