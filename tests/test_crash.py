"""Crash safety: ingest killed with SIGKILL at random points, again and again; a full disk."""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys

import pytest

from conftest import REPO
from hostile import kill_test

EXAMPLES = REPO / "examples" / "letters"


@pytest.fixture(scope="module")
def letters(tmp_path_factory, corpus):
    """Enough real staff letters (public domain) that a kill lands in the middle of an ingest."""
    folder = tmp_path_factory.mktemp("letters")
    staff = sorted((corpus / "letters").glob("*_0000000000-*.txt"))[:600]
    for path in [*EXAMPLES.glob("*.txt"), *staff]:
        shutil.copy(path, folder / path.name)
    return folder


@pytest.mark.slow
@pytest.mark.corpus
def test_killed_again_and_again_the_store_stays_whole(letters, tmp_path):
    result = kill_test(letters, tmp_path, rounds=8, seed=11)
    assert result.kills >= 3, "the ingests finished before they could be killed; use more letters"
    assert result.store_opened == 8  # after every round, killed or not
    assert result.partial_letters == 0
    assert result.letters_lost == 0
    assert result.triples_after_rerun == result.triples_uninterrupted


def _limited(limit: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG

    return apply


def test_a_full_disk_is_a_clear_error_and_loses_nothing(tmp_path):
    store = tmp_path / "store"
    first = tmp_path / "first"
    first.mkdir()
    shutil.copy(EXAMPLES / "000_1ae12daddb492283.txt", first)
    assert subprocess.run([sys.executable, "-m", "asckg", "ingest", str(first), "--store", str(store)],
                          capture_output=True).returncode == 0
    # Every file the store may write is capped far below what the next letters need.
    done = subprocess.run([sys.executable, "-m", "asckg", "ingest", str(EXAMPLES), "--store", str(store), "--jobs", "1"],
                          capture_output=True, text=True, preexec_fn=_limited(64 * 1024))
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    lines = [l for l in done.stderr.splitlines() if l.startswith("error:")]
    assert lines and "disk is full" in lines[-1]
    env = dict(os.environ, ASCKG_STORE=str(store))
    rows = json.loads(subprocess.run([sys.executable, "-m", "asckg", "cites", "985-605-25-12", "-f", "json"],
                                     capture_output=True, text=True, env=env).stdout)
    assert [r["id"] for r in rows] == ["000_1ae12daddb492283"]
