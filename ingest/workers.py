"""Extraction in worker processes, each letter under a time limit.

The grammars run in linear time, but a batch of hundreds of thousands of files from EDGAR will hold
something nobody foresaw; one letter must never stall or kill the batch. Each worker process
builds its own spaCy pipeline once and extracts one letter at a time; the parent hands out letters,
collects records in input order, and kills (then replaces) a worker that spends longer than the
time limit on one letter, or notices one that died. Either way the letter becomes an
:class:`~asckg.core.errors.InputError` naming its file, and the batch goes on.

Each worker has pipes of its own, one for tasks and one for results, so a worker killed in the
middle of sending a large result can only spoil its own pipe, which is thrown away with it.

Workers are also how ingest uses every core (``--jobs``): at most ``2 * jobs`` letters are in
flight, so memory stays flat however large the batch. With ``after`` (a module-level function,
e.g. :func:`asckg.ingest.prepare.prepare`) a worker also turns each record into what is written,
under the same time limit, and sends that back instead of the record.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Callable, Iterable, Iterator, TypeVar

from asckg.core import settings
from asckg.core.errors import AsckgError, InputError
from asckg.ingest.runner import died, failure_text, timed_out
from asckg.nlp.readers import Letter
from asckg.nlp.record import LetterRecord

T = TypeVar("T")

DEFAULT_TIMEOUT = settings.EXTRACT_TIMEOUT


def _work(tasks: Connection, results: Connection) -> None:
    """A worker: build the pipeline, then extract letters until told to stop (None)."""
    try:
        from asckg.nlp.extract import Extractor

        extractor = Extractor()
    except BaseException as error:  # noqa: BLE001 - the parent says why no worker can start
        results.send(("broken", None, f"{type(error).__name__}: {error}"))
        return
    results.send(("ready", None, None))
    while True:
        try:
            task = tasks.recv()
        except EOFError:  # the parent went away
            return
        if task is None:
            return
        index, letter, after = task
        try:
            (record,) = list(extractor.extract([letter]))
            result = record if after is None else after(record)
        except Exception as error:  # noqa: BLE001 - any failure of one letter is that letter's error
            results.send(("error", index, failure_text(error)))
        else:
            results.send(("ok", index, result))


def _context(start_method: str | None) -> Any:
    """How workers start. By default from a fork server that has imported the extraction code, where
    the platform has one: forked from this process instead, each worker would carry pages of what
    this process holds by then (the open store's caches, the batches being written), and copies of
    those pages as they are touched; at 19,780 letters ingest peaked at about 600 MB of PSS this way
    against 660 MB forked, at the same speed. ``start_method`` names another ("fork" lets a test's
    patches reach the workers). As with any fork server or spawn start, each worker imports the
    calling script again (as ``__mp_main__``): a script that ingests with ``jobs > 1`` keeps its work
    under ``if __name__ == "__main__":`` (the ``asckg`` command does)."""
    if start_method is not None:
        return mp.get_context(start_method)
    if "forkserver" not in mp.get_all_start_methods():
        return mp.get_context()
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["asckg.nlp.extract", "asckg.ingest.prepare"])
    return ctx


@dataclass(slots=True)
class _Worker:
    process: Any  # a multiprocessing Process of the pool's start method
    tasks: Connection  # parent's sending end
    results: Connection  # parent's receiving end
    index: int | None = None  # the letter it is working on
    started: float = 0.0
    ready: bool = False  # its pipeline is built (building takes a second or two, not the letter's time)
    done: int = 0  # letters it has read


class WorkerPool:
    """``jobs`` extraction processes on this machine: a :class:`~asckg.ingest.runner.Runner`."""

    def __init__(self, jobs: int = 1, timeout: float | None = DEFAULT_TIMEOUT, *,
                 after: Callable[[LetterRecord], Any] | None = None, start_method: str | None = None) -> None:
        """``after``: applied in the worker to each record, and its result given out instead;
        ``start_method``: a multiprocessing start method, else the fork server (:func:`_context`)."""
        self.jobs = max(1, jobs)
        self.timeout = timeout
        self.after = after
        self._ctx = _context(start_method)
        self._workers: list[_Worker] = []

    def __enter__(self) -> "WorkerPool":
        self._workers = [self._spawn() for _ in range(self.jobs)]
        return self

    def __exit__(self, *exc: object) -> None:
        for worker in self._workers:
            try:
                worker.tasks.send(None)
            except (OSError, BrokenPipeError):
                pass
        for worker in self._workers:
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.tasks.close()
            worker.results.close()

    def _spawn(self) -> _Worker:
        task_read, task_write = self._ctx.Pipe(duplex=False)
        result_read, result_write = self._ctx.Pipe(duplex=False)
        process = self._ctx.Process(target=_work, args=(task_read, result_write), daemon=True)
        process.start()
        task_read.close()  # the child's ends live in the child
        result_write.close()
        return _Worker(process, task_write, result_read)

    def _retire(self, worker: _Worker) -> None:
        """Replace an idle worker that has read its share with a fresh one."""
        try:
            worker.tasks.send(None)
        except (OSError, BrokenPipeError):
            pass
        worker.process.join(timeout=5)
        self._replace(worker)

    def _replace(self, worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join()
        worker.tasks.close()
        worker.results.close()
        self._workers[self._workers.index(worker)] = self._spawn()

    def run(self, letters: Iterable[Letter | T]) -> Iterator[LetterRecord | InputError | T]:
        """Records (or what ``after`` makes of them, or errors) for the letters, in their order;
        anything else given in (an error, a letter skipped as already stored) is passed through in
        its place."""
        source = iter(letters)
        pending: dict[int, Any] = {}  # index -> what was handed in (a letter, or anything passed through)
        done: dict[int, Any] = {}  # index -> what is given out for it
        waiting: deque[int] = deque()  # letters read but not yet handed to a worker
        next_out = 0
        count = 0
        exhausted = False
        in_flight_limit = 2 * self.jobs

        while True:
            # Read ahead, bounded, so a huge batch never sits in memory.
            while not exhausted and len(pending) < in_flight_limit:
                try:
                    item = next(source)
                except StopIteration:
                    exhausted = True
                    break
                pending[count] = item
                if isinstance(item, Letter):
                    waiting.append(count)
                else:
                    done[count] = item
                count += 1
            # Hand letters to idle workers.
            for worker in self._workers:
                if worker.ready and worker.index is None and waiting:
                    worker.index = waiting.popleft()
                    worker.started = time.monotonic()
                    try:
                        worker.tasks.send((worker.index, pending[worker.index], self.after))
                    except (OSError, BrokenPipeError):
                        pass  # it died; the check below reports the letter and replaces it
            # Give out what is finished, in order.
            while next_out in done:
                pending.pop(next_out, None)
                yield done.pop(next_out)
                next_out += 1
            if exhausted and next_out == count:
                return
            # Wait for workers only when one has, or is about to get, a letter: a run of items
            # passed through (letters already stored) goes on at once.
            if waiting or any(worker.index is not None for worker in self._workers):
                self._collect(pending, done)

    def _collect(self, pending: dict, done: dict) -> None:
        """Wait a little for results; stop workers that ran out of time or died."""
        by_conn: dict[Any, _Worker] = {worker.results: worker for worker in self._workers}
        for conn in wait(list(by_conn), timeout=0.2):
            worker = by_conn[conn]
            assert isinstance(conn, Connection)
            try:
                status, index, payload = conn.recv()
            except (EOFError, OSError):
                continue  # it died mid-message; the check below deals with it
            if status == "ready":
                worker.ready = True
                continue
            if status == "broken":  # the pipeline cannot be built: no worker ever will
                raise AsckgError(f"the extraction worker cannot start ({payload})")
            worker.index = None
            worker.done += 1
            letter = pending[index]
            done[index] = payload if status == "ok" else InputError(letter.path, str(payload))
            if worker.done >= settings.MAX_LETTERS_PER_WORKER:
                self._retire(worker)
        now = time.monotonic()
        for worker in list(self._workers):
            if worker.index is None:
                if not worker.process.is_alive():
                    self._replace(worker)
                continue
            letter = pending[worker.index]
            if self.timeout is not None and now - worker.started > self.timeout:
                done[worker.index] = timed_out(letter, self.timeout)
                self._replace(worker)
            elif not worker.process.is_alive():
                done[worker.index] = died(letter, worker.process.exitcode)
                self._replace(worker)
