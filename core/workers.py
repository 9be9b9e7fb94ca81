"""Extraction in worker processes, each letter under a time limit.

The grammars run in linear time, but a batch of hundreds of thousands of files from EDGAR will hold
something nobody foresaw; one letter must never stall or kill the batch. Each worker process
builds its own spaCy pipeline once and extracts one letter at a time; the parent hands out letters,
collects records in input order, and kills (then replaces) a worker that spends longer than the
time limit on one letter, or notices one that died. Either way the letter becomes an
:class:`~asckg.errors.InputError` naming its file, and the batch goes on.

Workers are also how ingest uses every core (``--jobs``): at most ``2 * jobs`` letters are in
flight, so memory stays flat however large the batch.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import time
from collections import deque
from dataclasses import dataclass
from typing import Iterable, Iterator

from asckg.errors import InputError
from asckg.nlp.readers import Letter
from asckg.nlp.record import LetterRecord

#: Seconds one letter may take before its worker is stopped.
DEFAULT_TIMEOUT = 60.0


def _work(tasks: "mp.Queue", results: "mp.Queue") -> None:
    """A worker: build the pipeline, then extract letters until told to stop (None)."""
    from asckg.nlp.extract import Extractor

    extractor = Extractor()
    results.put(("ready", os.getpid(), None))
    while True:
        task = tasks.get()
        if task is None:
            return
        index, letter = task
        try:
            (record,) = list(extractor.extract([letter]))
        except Exception as error:  # noqa: BLE001 - any failure of one letter is that letter's error
            results.put(("error", index, f"extraction failed ({type(error).__name__}: {error})"))
        else:
            results.put(("ok", index, record))


@dataclass(slots=True)
class _Worker:
    process: mp.Process
    tasks: "mp.Queue"
    index: int | None = None  # the letter it is working on
    started: float = 0.0
    ready: bool = False  # its pipeline is built (building takes a second or two, not the letter's time)


class WorkerPool:
    """``jobs`` extraction processes; use as a context manager."""

    def __init__(self, jobs: int = 1, timeout: float | None = DEFAULT_TIMEOUT) -> None:
        self.jobs = max(1, jobs)
        self.timeout = timeout
        self._ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
        self._results: "mp.Queue" = self._ctx.Queue()
        self._workers: list[_Worker] = []

    def __enter__(self) -> "WorkerPool":
        self._workers = [self._spawn() for _ in range(self.jobs)]
        return self

    def __exit__(self, *exc: object) -> None:
        for worker in self._workers:
            if worker.process.is_alive():
                worker.tasks.put(None)
        for worker in self._workers:
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()

    def _spawn(self) -> _Worker:
        tasks: "mp.Queue" = self._ctx.Queue()
        process = self._ctx.Process(target=_work, args=(tasks, self._results), daemon=True)
        process.start()
        return _Worker(process, tasks)

    def _replace(self, worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join()
        self._workers[self._workers.index(worker)] = self._spawn()

    def run(self, letters: Iterable[Letter | InputError]) -> Iterator[LetterRecord | InputError]:
        """Records (or errors) for the letters, in their order; errors given in are passed through."""
        source = iter(letters)
        pending: dict[int, Letter | InputError] = {}  # index -> what was handed in, until done
        done: dict[int, LetterRecord | InputError] = {}
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
                if isinstance(item, InputError):
                    done[count] = item
                else:
                    waiting.append(count)
                count += 1
            # Hand letters to idle workers.
            for worker in self._workers:
                if worker.ready and worker.index is None and waiting:
                    worker.index = waiting.popleft()
                    worker.started = time.monotonic()
                    worker.tasks.put((worker.index, pending[worker.index]))
            # Give out what is finished, in order.
            while next_out in done:
                pending.pop(next_out, None)
                yield done.pop(next_out)
                next_out += 1
            if exhausted and next_out == count:
                return
            self._collect(pending, done)

    def _collect(self, pending: dict, done: dict) -> None:
        """Wait a little for a result; stop workers that ran out of time or died."""
        try:
            status, index, payload = self._results.get(timeout=0.2)
        except queue.Empty:
            pass
        else:
            if status == "ready":
                for worker in self._workers:
                    if worker.process.pid == index:
                        worker.ready = True
            else:
                for worker in self._workers:
                    if worker.index == index:
                        worker.index = None
                # A result can race a timeout: the first word on a letter stands.
                if index in pending and index not in done:
                    letter = pending[index]
                    done[index] = payload if status == "ok" else InputError(letter.path, payload)
        now = time.monotonic()
        for worker in list(self._workers):
            if worker.index is None:
                if not worker.process.is_alive():
                    self._replace(worker)
                continue
            letter = pending[worker.index]
            if worker.index in done:  # decided already (a result raced a timeout)
                continue
            if self.timeout is not None and now - worker.started > self.timeout:
                done[worker.index] = InputError(
                    letter.path, f"took longer than {self.timeout:g} s to read; skipped (see --timeout)"
                )
                self._replace(worker)
            elif not worker.process.is_alive():
                done[worker.index] = InputError(
                    letter.path, f"the extractor process died (exit code {worker.process.exitcode})"
                )
                self._replace(worker)
