"""Extraction workers: order kept, a stuck letter stopped by the time limit, a dead worker replaced."""

from __future__ import annotations

import os
import signal
import time

import pytest

import asckg.ingest.workers as workers
from asckg.core.errors import InputError
from asckg.nlp.readers import Letter, read_path
from asckg.nlp.record import LetterRecord
from asckg.ingest.workers import WorkerPool
from conftest import REPO

LETTERS = sorted((REPO / "examples" / "letters").glob("*.txt"))


def _letters():
    return [letter for p in LETTERS for letter in read_path(p)]


def test_records_come_back_in_order_with_errors_in_place():
    letters = _letters()
    mixed = [letters[0], InputError("bad.txt", "empty file"), *letters[1:]]
    with WorkerPool(jobs=2) as pool:
        if "forkserver" in __import__("multiprocessing").get_all_start_methods():
            assert pool._ctx.get_start_method() == "forkserver"  # what ingest and extract use here
        out = list(pool.run(mixed))
    assert [type(x) for x in out] == [LetterRecord, InputError, *[LetterRecord] * (len(letters) - 1)]
    assert [x.id for x in out if isinstance(x, LetterRecord)] == [l.id for l in letters]


def test_a_letter_over_the_time_limit_is_skipped_and_the_rest_go_on(monkeypatch):
    real = workers._work

    def slow_on_marker(tasks, results):  # runs in the forked worker
        from asckg.nlp import extract

        original = extract.Extractor.extract

        def extract_slowly(self, letters, n_process=1):
            letters = list(letters)
            if any("STALL" in l.text for l in letters):
                time.sleep(60)
            return original(self, letters, n_process)

        extract.Extractor.extract = extract_slowly
        real(tasks, results)

    monkeypatch.setattr(workers, "_work", slow_on_marker)
    letters = _letters()
    stall = Letter(id="stall", path="stall.txt", text="STALL " + letters[0].text, fmt="text", meta={})
    started = time.monotonic()
    with WorkerPool(jobs=1, timeout=2, start_method="fork") as pool:  # the patch reaches a forked worker
        out = list(pool.run([letters[0], stall, letters[1]]))
    assert time.monotonic() - started < 30
    assert isinstance(out[0], LetterRecord) and isinstance(out[2], LetterRecord)
    assert isinstance(out[1], InputError) and "took longer than 2 s" in str(out[1])


def test_a_worker_that_dies_is_reported_and_replaced(monkeypatch):
    real = workers._work

    def die_on_marker(tasks, results):
        from asckg.nlp import extract

        original = extract.Extractor.extract

        def extract_or_die(self, letters, n_process=1):
            letters = list(letters)
            if any("DIE" in l.text for l in letters):
                os.kill(os.getpid(), signal.SIGKILL)
            return original(self, letters, n_process)

        extract.Extractor.extract = extract_or_die
        real(tasks, results)

    monkeypatch.setattr(workers, "_work", die_on_marker)
    letters = _letters()
    doomed = Letter(id="doomed", path="doomed.txt", text="DIE " + letters[0].text, fmt="text", meta={})
    with WorkerPool(jobs=1, timeout=30, start_method="fork") as pool:
        out = list(pool.run([doomed, letters[0], letters[1]]))
    assert isinstance(out[0], InputError) and "process died" in str(out[0])
    assert all(isinstance(x, LetterRecord) for x in out[1:])


def test_items_passed_through_stream_out_without_waiting():
    # A re-run over a store that holds every letter passes 200,000 "skipped" items through the
    # pool: each must come out as it goes in (bounded read-ahead), not after the whole batch, and
    # without waiting on idle workers.
    from asckg.ingest.batch import Skipped

    (letter,) = read_path(REPO / "examples" / "letters" / "000_1ae12daddb492283.txt")
    read = 0

    def source():
        nonlocal read
        for _ in range(20_000):
            read += 1
            yield Skipped(letter)
        read += 1
        yield letter

    started = time.monotonic()
    with WorkerPool(2, timeout=60) as pool:
        out = pool.run(source())
        first = next(out)
        assert isinstance(first, Skipped) and read <= 2 * 2 + 1
        rest = list(out)
    assert len(rest) == 20_000 and isinstance(rest[-1], LetterRecord)
    assert time.monotonic() - started < 30


def test_a_pipeline_that_cannot_be_built_is_one_error_not_endless_restarts(monkeypatch):
    from asckg.core.errors import AsckgError
    from asckg.nlp import extract

    def broken(self, *args, **kwargs):  # runs in the forked worker
        raise ImportError("no module named spacy_broken")

    monkeypatch.setattr(extract.Extractor, "__init__", broken)
    started = time.monotonic()
    with pytest.raises(AsckgError, match="the extraction worker cannot start .ImportError: no module named spacy_broken."):
        with WorkerPool(jobs=2, start_method="fork") as pool:
            list(pool.run(_letters()))
    assert time.monotonic() - started < 20


def test_a_worker_killed_from_outside_is_replaced_with_the_default_start():
    """The same replacement for workers started the default way (from the fork server, unpatched):
    a worker killed between letters is noticed, the letter it had, if any, is that letter's error,
    and the batch goes on with a new worker."""
    letters = _letters()
    with WorkerPool(jobs=1, timeout=30) as pool:
        first_pid = pool._workers[0].process.pid
        results = pool.run(letters)
        out = [next(results)]
        os.kill(first_pid, signal.SIGKILL)
        out += list(results)
        assert pool._workers[0].process.pid != first_pid
    assert isinstance(out[0], LetterRecord) and len(out) == len(letters)
    assert sum(isinstance(x, LetterRecord) for x in out) >= len(letters) - 1
    assert all(isinstance(x, LetterRecord) or "process died" in str(x) for x in out)
