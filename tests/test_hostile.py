"""Hostile input: ``asckg ingest`` over the bad-input corpus of tests/hostile.py, and the grammars timed
on text made to be slow for regular expressions.

What must hold: every bad file gets exactly one clear stderr line naming it and its problem, no
traceback, exit code 1, and every good letter mixed in is stored. Each fix of a crash or hang
found with this corpus has its regression test here (special files, size limits).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import pytest

from asckg.core.errors import InputError
from asckg.nlp import readers
from asckg.nlp.readers import files as reader_files
from asckg.nlp.readers import letter as reader_letter
from asckg.nlp.grammar import asc, dates, file_numbers, forms, guidance, sec_rules
from asckg.nlp.layout import mask_running_headers
from asckg.nlp.readers import iter_letters, read_path
from hostile import SLOW_PIECES, Case, make_corpus, slow_texts

from conftest import assert_linear

#: Wall-clock limit of the whole ingest of the test corpus (it takes about a minute).
INGEST_TIMEOUT = 600
#: The size of each slow-for-regex file in the ingested corpus (the grammars get the full texts).
SLOW_CHARS = 100_000


def asckg(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run the command in its own session; at the time limit kill it with its worker processes
    (a surviving worker keeps the output pipes open) and fail the test as a hang."""
    env = dict(os.environ, COLUMNS="200")
    env.pop("ASCKG_STORE", None)
    proc = subprocess.Popen([sys.executable, "-m", "asckg", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        pytest.fail(f"asckg {args[0]} hung: killed after {timeout} s; stderr ends {err[-2000:]!r}")
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> tuple[Path, list[Case], subprocess.CompletedProcess, Path]:
    base = tmp_path_factory.mktemp("hostile")
    root = base / "corpus"
    cases = make_corpus(root, huge=False, slow_chars=SLOW_CHARS, known_bugs=False)
    store = base / "store"
    done = asckg("ingest", str(root), "--store", str(store), timeout=INGEST_TIMEOUT)
    return root, cases, done, store


def _errors(cases: list[Case]) -> list[Case]:
    return [c for c in cases if c.expect == "error"]


def test_corpus_has_every_kind_of_hostility(ingested):
    _, cases, _, _ = ingested
    groups = {c.group for c in cases}
    assert {"good", "encoding", "empty", "binary", "size", "slow", "html", "pdf", "edgar", "fs"} <= groups
    assert len(_errors(cases)) >= 25


def test_exit_code_is_1_and_no_traceback(ingested):
    _, _, done, _ = ingested
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert done.returncode == 1, done.stderr[-3000:]


def test_every_bad_file_has_exactly_one_clear_line(ingested):
    root, cases, done, _ = ingested
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    for case in _errors(cases):
        path = str(root / case.name)
        naming = [line for line in lines if line.startswith(f"error: {path}: ")]
        assert len(naming) == 1, (case.name, naming)
        assert case.problem.lower() in naming[0].lower(), (case.name, naming[0])


def test_no_other_stderr_lines(ingested):
    """Every stderr line is the error line of a bad file, or the warning that a stored letter's
    graph keeps only its first citations: no warnings from pypdf or elsewhere."""
    root, cases, done, _ = ingested
    expected = {f"error: {root / c.name}: " for c in _errors(cases)}
    expected |= {f"warning: {root / c.name}: " for c in cases if c not in _errors(cases)}
    stray = [line for line in done.stderr.splitlines()
             if line.strip() and not any(line.startswith(e) for e in expected)]
    assert stray == []
    warned = [line for line in done.stderr.splitlines() if line.startswith("warning: ")]
    assert all(re.search(r": [\d,]+ citations beyond the first 1,000 are not stored", w) for w in warned)
    assert any("one_line_900k.txt: " in w for w in warned)  # 21,687 citations on one line


def test_summary_counts_the_failed_files(ingested):
    _, cases, done, _ = ingested
    assert f"files failed {len(_errors(cases))}" in done.stdout


def test_every_good_letter_is_stored(ingested):
    _, cases, _, store = ingested
    stats = json.loads(asckg("stats", "--json", "--store", str(store)).stdout)
    assert stats["letters"] == sum(c.letters for c in cases if c.expect == "stored")


@pytest.mark.parametrize("group", ["good", "encoding", "html", "pdf", "edgar", "size"])
def test_good_letters_are_found_by_what_they_cite(ingested, group):
    _, cases, _, store = ingested
    wanted = [c for c in cases if c.group == group and c.expect == "stored" and c.cites]
    assert wanted
    for case in wanted:
        done = asckg("cites", case.cites, "--exact", "-f", "json", "--store", str(store))
        assert done.returncode == 0, done.stderr
        assert case.letter_id in {row["id"] for row in json.loads(done.stdout)}, case.name


# --- the grammars on text made to be slow for regexes --------------------------------------------

FINDERS: dict[str, Callable[[str], object]] = {
    "asc": asc.find, "guidance": guidance.find, "sec_rules": sec_rules.find, "forms": forms.find,
    "file_numbers": file_numbers.find, "dates": dates.find, "mask_running_headers": mask_running_headers,
}
#: CPU seconds allowed per MB of text; measured times are 0.0-1.1 s/MB (asc on "ASC 606-10-"
#: repeated, which yields 100,000 mentions).
SECONDS_PER_MB = 5.0


@pytest.fixture(scope="module")
def slow() -> dict[str, str]:
    return slow_texts()


@pytest.mark.parametrize("name", sorted(SLOW_PIECES))
@pytest.mark.parametrize("finder", sorted(FINDERS))
def test_grammar_is_linear_on_slow_text(slow, finder, name):
    assert_linear(FINDERS[finder], slow[name], per_mb=SECONDS_PER_MB, label=f"{finder} on {name}")


def test_tokenizer_is_linear_on_runs_of_punctuation():
    # spaCy's affix loop takes one prefix or suffix per pass: runs of 50 or more go as one token.
    from asckg.nlp.pipeline import build_pipeline

    tokenizer = build_pipeline().tokenizer
    start = time.perf_counter()
    tokenizer("(" * 40_000 + "ASC 606-10-25-19" + "." * 40_000)
    assert time.perf_counter() - start < 1.0


def test_error_for_a_file_name_with_a_newline_is_one_line(tmp_path):
    (tmp_path / "new\nline.txt").write_bytes(b"")
    [error] = list(iter_letters([tmp_path]))
    assert "\n" not in str(error)


# --- regressions: special files and sizes (hangs and crashes found with the corpus) ---------------

@contextmanager
def deadline(seconds: int):
    """Fail (instead of hanging the test run) if the block takes longer than ``seconds``."""
    def expired(signum, frame):
        raise AssertionError(f"took more than {seconds} s: a hang")

    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _problem(path: Path) -> str:
    with deadline(10), pytest.raises(InputError) as info:
        read_path(path)
    assert info.value.path == str(path)
    return info.value.problem


def test_fifo_is_refused_not_waited_on(tmp_path):
    # open() on a FIFO blocks until a writer comes: asckg ingest hung forever.
    os.mkfifo(tmp_path / "pipe.txt")
    assert _problem(tmp_path / "pipe.txt") == "not a regular file (a FIFO)"


def test_link_to_dev_zero_is_refused_not_read(tmp_path):
    # read() of /dev/zero never ends: ingest grew until the kernel killed it.
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    assert _problem(tmp_path / "zero.txt") == "not a regular file (a character device)"


def test_unix_socket_is_refused(tmp_path):
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "sock.txt"))
    sock.close()
    assert _problem(tmp_path / "sock.txt").startswith("not a regular file")


def test_special_files_in_a_directory_are_errors_in_place(tmp_path):
    os.mkfifo(tmp_path / "a.txt")
    (tmp_path / "b.txt").write_text("Refer to ASC 606-10-25-19.\n", encoding="utf-8")
    (tmp_path / "c.txt").symlink_to("/dev/zero")
    with deadline(10):
        items = list(iter_letters([tmp_path]))
    assert [type(i).__name__ for i in items] == ["InputError", "Letter", "InputError"]


def test_file_over_the_byte_limit_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(reader_files, "MAX_BYTES", 1000)
    (tmp_path / "big.txt").write_text("ASC 606. " * 200, encoding="utf-8")
    assert _problem(tmp_path / "big.txt") == "file too large (1800 bytes; letters are read up to 1000 bytes)"


def test_text_over_the_pipeline_limit_is_an_input_error(tmp_path):
    # spaCy's nlp.pipe raised ValueError (E088) on a 1 MB line and ended the whole ingest.
    (tmp_path / "line.txt").write_text("x" * (readers.MAX_CHARS + 1), encoding="utf-8")
    assert _problem(tmp_path / "line.txt").startswith("text too long (1,000,001 characters")
    (tmp_path / "fits.txt").write_text("x" * readers.MAX_CHARS, encoding="utf-8")
    assert len(read_path(tmp_path / "fits.txt")[0].text) == readers.MAX_CHARS


def test_too_long_submission_document_names_the_document(tmp_path, monkeypatch):
    from hostile import submission

    monkeypatch.setattr(reader_letter, "MAX_CHARS", 100)
    (tmp_path / "sub.txt").write_text(submission("See ASC 606-10-25-19. " * 10), encoding="utf-8")
    assert _problem(tmp_path / "sub.txt").startswith("document 1 (filename1.txt): text too long")


def test_the_linearity_check_fails_a_quadratic_run():
    def quadratic(text: str) -> None:
        for i in range(0, len(text), 10):
            text.count("a", i // 2)  # counts through the rest of the text from every tenth position

    assert_linear(str.split, "a " * 100_000)
    with pytest.raises(AssertionError, match="not linear"):
        assert_linear(quadratic, "a" * 200_000)
