"""The one HTTP client asckg talks to EDGAR with: polite by construction, and never half a file.

Polite: every request carries the User-Agent the user declared (none, no client), requests start at
least ``1/rate`` seconds apart across all threads (the SEC asks for at most 10 a second), bodies come
gzip-compressed, and a 429 or 5xx is retried after the server's Retry-After or an exponential backoff.
Whole: a body is written to a temporary file and renamed to its name only once it has arrived
complete: the length the server announced, a gzip stream that ends, for a submission its closing
``</SEC-DOCUMENT>``. A cut connection or a truncated stream is retried like a 503; what still fails
is a :class:`~asckg.core.errors.FetchError` naming the URL.
"""

from __future__ import annotations

import email.utils
import os
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from tenacity import RetryCallState, Retrying, retry_if_exception_type, stop_after_attempt

from asckg.core import settings
from asckg.core.errors import FetchError

#: Statuses worth asking again: too many requests, and the server's own troubles.
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
#: Statuses that mean the thing is not there (S3 answers 403 for a key that does not exist).
MISSING_STATUSES = frozenset({403, 404, 410})


class _Transient(Exception):
    """A failure worth another attempt; ``retry_after`` is the server's own wait, if it gave one."""

    def __init__(self, problem: str, retry_after: float | None = None) -> None:
        super().__init__(problem)
        self.retry_after = retry_after


class _Missing(Exception):
    """The server says the file is not there (its status is the argument)."""


class RateLimiter:
    """Starts at most ``rate`` requests a second, evenly spaced, however many threads ask.

    Each caller takes the next free slot (``1/rate`` after the last one) under a lock and sleeps
    until it comes, so no window of a second ever holds more than ``rate`` starts. A caller that
    wakes late (a busy machine) pushes the next slot back, so the gap to the next request holds
    from when this one really left, not from when it was due.
    """

    def __init__(self, rate: float) -> None:
        if not rate > 0:
            raise ValueError("rate must be positive")
        self.interval = 1.0 / rate
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self) -> None:
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next)
            self._next = slot + self.interval
        if slot > now:
            time.sleep(slot - now)
        woke = time.monotonic()
        if woke > slot:
            with self._lock:
                self._next = max(self._next, woke + self.interval)


@dataclass
class Counters:
    """What a client did: requests sent (attempts included), retries, bytes received."""

    requests: int = 0
    retries: int = 0
    bytes: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, **counts: int) -> None:
        with self._lock:
            for name, n in counts.items():
                setattr(self, name, getattr(self, name) + n)


class Client:
    """Polite GETs of EDGAR's files, each to a file written whole or not at all."""

    def __init__(
        self,
        user_agent: str | None,
        *,
        rate: float = settings.FETCH_RATE,
        attempts: int = settings.FETCH_ATTEMPTS,
        backoff: float = settings.FETCH_BACKOFF,
        max_wait: float = settings.FETCH_MAX_WAIT,
        timeout: float = settings.FETCH_TIMEOUT,
        workers: int = settings.FETCH_WORKERS,
    ) -> None:
        self.user_agent = check_user_agent(user_agent)
        self.limiter = RateLimiter(rate)
        self.attempts = max(1, attempts)
        self.backoff = backoff
        self.max_wait = max_wait
        self.counters = Counters()
        self._http = httpx.Client(
            headers={"User-Agent": self.user_agent, "Accept-Encoding": "gzip"},
            timeout=httpx.Timeout(timeout),
            limits=httpx.Limits(max_connections=workers, max_keepalive_connections=workers),
            follow_redirects=True,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def download(self, url: str, dest: Path, partial: Path, *, check: Callable[[bytes, bytes], str | None] | None = None,
                 missing_ok: bool = False) -> int | None:
        """GET ``url`` into ``dest``: written to ``partial`` first, renamed to ``dest`` when whole.

        ``check(head, tail)`` may name a problem with what arrived (its first 8 KB and last 512 bytes),
        which is retried like a cut connection. Returns the bytes written, or None when the server
        says the file is not there and ``missing_ok``. Raises FetchError naming ``url`` otherwise.
        """
        partial.parent.mkdir(parents=True, exist_ok=True)
        retrying = Retrying(
            stop=stop_after_attempt(self.attempts), wait=self._wait, reraise=True,
            retry=retry_if_exception_type(_Transient), before_sleep=lambda _: self.counters.add(retries=1),
        )
        try:
            size = retrying(self._attempt, url, partial, check)
        except _Missing as missing:
            partial.unlink(missing_ok=True)
            if missing_ok:
                return None
            raise FetchError(url, f"not found (HTTP {missing.args[0]})") from None
        except _Transient as exc:
            partial.unlink(missing_ok=True)
            tries = f" (after {self.attempts} attempts)" if self.attempts > 1 else ""
            raise FetchError(url, f"{exc}{tries}") from None
        except FetchError:
            partial.unlink(missing_ok=True)
            raise
        os.replace(partial, dest)
        return size

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        backoff = self.backoff * 2 ** (state.attempt_number - 1)
        asked = getattr(exc, "retry_after", None)
        return min(self.max_wait, asked if asked is not None else backoff)

    def _attempt(self, url: str, partial: Path, check: Callable[[bytes, bytes], str | None] | None) -> int:
        self.limiter.wait()
        self.counters.add(requests=1)
        try:
            with self._http.stream("GET", url) as response:
                status = response.status_code
                if status in _RETRY_STATUSES:
                    raise _Transient(f"HTTP {status}", _retry_after(response.headers.get("Retry-After")))
                if status in MISSING_STATUSES:
                    raise _Missing(status)
                if status != 200:
                    raise FetchError(url, f"HTTP {status}")
                return self._write(response, partial, check)
        except httpx.TransportError as exc:  # refused, reset, cut mid-body, timed out
            raise _Transient(_transport_problem(exc)) from None

    def _write(self, response: httpx.Response, partial: Path, check: Callable[[bytes, bytes], str | None] | None) -> int:
        encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
        if encoding not in ("gzip", "identity", ""):
            raise FetchError(str(response.url), f"unexpected Content-Encoding {encoding!r}")
        inflate = zlib.decompressobj(16 + zlib.MAX_WBITS) if encoding == "gzip" else None
        head = b""
        tail = b""
        size = 0
        with open(partial, "wb") as fh:
            for raw in response.iter_raw():  # as it arrives: a stalled body shows in the partial file
                self.counters.add(bytes=len(raw))
                try:
                    data = inflate.decompress(raw) if inflate else raw
                except zlib.error as exc:
                    raise _Transient(f"corrupt gzip stream ({exc})") from None
                if len(head) < 8192:
                    head += data[: 8192 - len(head)]
                tail = (tail + data)[-512:]
                size += len(data)
                fh.write(data)
                fh.flush()
            if inflate is not None:
                if not inflate.eof:
                    raise _Transient("truncated gzip stream")
                rest = inflate.flush()
                fh.write(rest)
                size += len(rest)
            fh.flush()
            os.fsync(fh.fileno())
        problem = check(head, tail) if check else None
        if problem:
            raise _Transient(problem)
        return size


def check_user_agent(user_agent: str | None) -> str:
    """The User-Agent as given, if it declares who is asking: a name and an email address."""
    value = " ".join((user_agent or "").split())
    if not value:
        raise FetchError("User-Agent", "EDGAR asks every client to say who it is: give --user-agent "
                                       "\"Name email@example.com\" or set ASCKG_USER_AGENT")
    if "@" not in value:
        raise FetchError("User-Agent", f"{value!r} has no email address: EDGAR asks for a name and an "
                                       "email address (\"Name email@example.com\")")
    return value


def _retry_after(value: str | None) -> float | None:
    """Retry-After in seconds: a number, or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _transport_problem(exc: httpx.TransportError) -> str:
    if isinstance(exc, httpx.TimeoutException):
        return "timed out"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"connection cut ({exc})"
    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect ({exc})"
    return f"connection failed ({exc})"
