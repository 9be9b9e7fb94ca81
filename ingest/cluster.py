"""Extraction on a Dask cluster (dask.distributed), for corpora past what one machine reads.

The machine running ``asckg ingest --scheduler tcp://HOST:8786`` reads the files and writes the
store; the cluster's workers run the spaCy pipeline. Letters go out in small batches, at most a few
batches per worker in flight, so the client's memory stays flat; results come back as plain
records and are yielded in input order, with an :class:`~asckg.core.errors.InputError` in place of a
letter whose extraction failed on the cluster. The contract is the local pool's
(:mod:`asckg.ingest.runner`): the same time limit per letter and the same error lines. A batch not
back within ``timeout`` per letter is cancelled and its letters are sent again one at a time, so
the letter that ran over is named and skipped and the others are still read. (Dask cannot stop a
task that is running: the worker thread that holds it stays busy until the letter finishes.) Every worker needs asckg installed (the same
version), which is how Dask's own deployers (dask-kubernetes, dask-yarn, ``dask-ssh``) set up
their environments.
"""

from __future__ import annotations

from collections import deque
from functools import partial
from typing import Any, Callable, Iterable, Iterator, TypeVar

from asckg.core import settings
from asckg.core.errors import AsckgError, InputError
from asckg.ingest.runner import failure_text, timed_out
from asckg.nlp.readers import Letter
from asckg.nlp.record import LetterRecord


_EXTRACTOR = None  # one pipeline per worker process, built on first use

T = TypeVar("T")


def extract_batch(letters: list[Letter], after: Callable[[LetterRecord], Any] | None = None) -> list[Any]:
    """Run on a worker: a record per letter (or what ``after`` makes of it), or the failure's message."""
    global _EXTRACTOR
    from asckg.nlp.extract import Extractor

    if _EXTRACTOR is None:
        _EXTRACTOR = Extractor()
    out: list[LetterRecord | str] = []
    for letter in letters:
        try:
            (record,) = list(_EXTRACTOR.extract([letter]))
            result = record if after is None else after(record)
        except Exception as error:  # noqa: BLE001 - one letter's failure is that letter's error
            out.append(failure_text(error) + " on the cluster")
        else:
            out.append(result)
    return out


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class ClusterRunner:
    """Extraction on the Dask cluster at ``scheduler``: a :class:`~asckg.ingest.runner.Runner`."""

    def __init__(self, scheduler: str, timeout: float | None = settings.EXTRACT_TIMEOUT, *,
                 batch: int = settings.CLUSTER_BATCH, after: Callable[[LetterRecord], Any] | None = None) -> None:
        """``after``: applied on the cluster to each record, and its result given out instead."""
        self.scheduler = scheduler
        self.timeout = timeout
        self.batch = batch
        self.after = after
        self._client: Any = None

    def __enter__(self) -> "ClusterRunner":
        try:
            from distributed import Client
        except ImportError as err:  # pragma: no cover - depends on the install
            raise AsckgError("--scheduler needs dask.distributed: pip install 'asckg[cluster]'") from err
        try:
            self._client = Client(self.scheduler, timeout=10)
        except (OSError, TimeoutError) as err:
            raise AsckgError(f"{self.scheduler}: cannot reach the Dask scheduler ({err})") from err
        return self

    def __exit__(self, *exc: object) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def run(self, items: Iterable[Letter | T]) -> Iterator[LetterRecord | InputError | T]:
        """Records (or errors) for the letters, in input order; anything else passes through."""
        client = self._client
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        limit = 3 * workers
        flight: deque = deque()  # (items, future or None), in input order
        for chunk in _batches(items, self.batch):
            to_send = [x for x in chunk if isinstance(x, Letter)]
            future = client.submit(self._task(), to_send, pure=False) if to_send else None
            flight.append((chunk, future))
            while len(flight) >= limit:
                yield from self._finish(*flight.popleft())
        while flight:
            yield from self._finish(*flight.popleft())

    def _task(self) -> Callable[[list[Letter]], list[Any]]:
        return extract_batch if self.after is None else partial(extract_batch, after=self.after)

    def _result(self, future: Any, letters: int) -> list[LetterRecord | str] | None:
        """The batch's results, or None when it ran past the time limit (it is then cancelled)."""
        from distributed import TimeoutError as DaskTimeout

        try:
            return future.result(timeout=None if self.timeout is None else self.timeout * letters)
        except (DaskTimeout, TimeoutError):
            future.cancel()
            return None

    def _finish(self, chunk: list[Any], future: Any) -> Iterator[Any]:
        letters = [x for x in chunk if isinstance(x, Letter)]
        results: list[Any] | None = self._result(future, len(letters)) if future is not None else []
        if results is None:  # one letter ran over: find it by sending them one at a time
            results = []
            for letter in letters:
                one = self._result(self._client.submit(self._task(), [letter], pure=False), 1)
                results.append(one[0] if one is not None else timed_out(letter, self.timeout or 0))
        it = iter(results)
        for item in chunk:
            if not isinstance(item, Letter):  # an error or a skipped letter, passed through in place
                yield item
                continue
            result = next(it)
            yield InputError(item.path, result) if isinstance(result, str) else result
