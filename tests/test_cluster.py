"""Ingest with extraction on a Dask cluster: a LocalCluster of two worker processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import REPO

distributed = pytest.importorskip("distributed")

EXAMPLES = REPO / "examples" / "letters"


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c


def asckg(*args: str, store) -> subprocess.CompletedProcess:
    env = dict(os.environ, ASCKG_STORE=str(store), COLUMNS="200")
    return subprocess.run([sys.executable, "-m", "asckg", *args], capture_output=True, text=True, env=env)


def test_cluster_ingest_stores_what_a_local_ingest_stores(cluster, tmp_path):
    batch = tmp_path / "batch"
    batch.mkdir()
    for p in EXAMPLES.glob("*.txt"):
        (batch / p.name).write_bytes(p.read_bytes())
    (batch / "empty.txt").write_bytes(b"")
    on_cluster = asckg("ingest", str(batch), "--scheduler", cluster.scheduler_address, store=tmp_path / "c")
    assert on_cluster.returncode == 1  # the empty file
    assert "letters 6 (stored 6, unchanged 0)" in on_cluster.stdout
    assert "empty.txt" in on_cluster.stderr
    local = asckg("ingest", str(batch), "--jobs", "1", store=tmp_path / "l")
    assert json.loads(asckg("stats", "--json", store=tmp_path / "c").stdout) == \
        json.loads(asckg("stats", "--json", store=tmp_path / "l").stdout)
    rows = json.loads(asckg("cites", "985-605-25-12", "-f", "json", store=tmp_path / "c").stdout)
    assert [r["id"] for r in rows] == ["000_1ae12daddb492283"]
    assert local.returncode == 1


def test_an_unreachable_scheduler_is_one_clear_error(tmp_path):
    done = asckg("ingest", str(EXAMPLES), "--scheduler", "tcp://127.0.0.1:1", store=tmp_path / "s")
    assert done.returncode == 1
    assert "cannot reach the Dask scheduler" in done.stderr


def _extract_or_stall(letters):
    """extract_batch, but a letter holding STALL takes far longer than the time limit."""
    import time

    from asckg.ingest import cluster as cluster_module

    if any("STALL" in letter.text for letter in letters):
        time.sleep(4)
    return cluster_module._real_extract_batch(letters)


def test_the_cluster_keeps_the_local_pools_time_limit_and_error_line(monkeypatch):
    # Same contract as the local pool (tests/test_workers.py): the slow letter is named with the
    # same line, the others are still read, in order.
    from distributed import LocalCluster

    from asckg.core.errors import InputError
    from asckg.ingest import cluster as cluster_module
    from asckg.ingest.cluster import ClusterRunner
    from asckg.nlp.readers import Letter, read_path
    from asckg.nlp.record import LetterRecord

    monkeypatch.setattr(cluster_module, "_real_extract_batch", cluster_module.extract_batch, raising=False)
    monkeypatch.setattr(cluster_module, "extract_batch", _extract_or_stall)
    letters = [read_path(p)[0] for p in sorted(EXAMPLES.glob("*.txt"))[:2]]
    stall = Letter(id="stall", path="stall.txt", text="STALL " + letters[0].text, fmt="text", meta={})
    # The in-process cluster's threads share this process's pipeline: build it now, so that the
    # 1 s limit times the letters and not the import of spaCy (seconds on a cold, busy machine).
    cluster_module._real_extract_batch([letters[1]])
    with LocalCluster(n_workers=1, threads_per_worker=4, processes=False, dashboard_address=None) as c, \
            ClusterRunner(c.scheduler_address, timeout=1) as runner:
        out = list(runner.run([letters[0], stall, InputError("bad.txt", "empty file"), letters[1]]))
    assert [type(x) for x in out] == [LetterRecord, InputError, InputError, LetterRecord]
    assert str(out[1]) == "stall.txt: took longer than 1 s to read; skipped (see --timeout)"
    assert [out[0].id, out[3].id] == [letters[0].id, letters[1].id]
