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
