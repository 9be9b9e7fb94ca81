"""``asckg fetch`` run as a user runs it, against the EDGAR-layout server on 127.0.0.1: no User-Agent,
a run killed mid-download and resumed, and ``--ingest`` feeding ``asckg cites``."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pyoxigraph as ox
import pytest

from edgar_server import EdgarServer, build_tree, example_letters

AGENT = "asckg tests tests@example.com"
LETTERS = example_letters()
NRG, BERKLEY, MONSTER, NCLH, TYLER = LETTERS


def asckg_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "asckg", *args]


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASCKG_") or k == "ASCKG_CORPUS"}
    return {**env, "COLUMNS": "200", **extra}


@pytest.fixture
def server():
    from datetime import date

    with EdgarServer(build_tree(LETTERS, date.today())) as srv:
        yield srv


def test_without_a_user_agent_nothing_is_fetched(server, tmp_path):
    folder = tmp_path / "letters"
    done = subprocess.run(asckg_command("fetch", str(folder), "--cik", NRG.cik, "--edgar-url", server.url,
                                        "--data-url", server.url), capture_output=True, text=True, env=environment())
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        'error: User-Agent: EDGAR asks every client to say who it is: give --user-agent "Name email@example.com" or set ASCKG_USER_AGENT']
    assert server.log == [] and not folder.exists()


def test_the_rate_limit_holds_and_every_request_says_who_it_is(server, tmp_path):
    rate = 4
    done = subprocess.run(asckg_command("fetch", str(tmp_path / "letters"), "--rate", str(rate), "--user-agent", AGENT,
                                        "--edgar-url", server.url, "--data-url", server.url,
                                        *[a for x in LETTERS for a in ("--cik", x.cik)]),
                          capture_output=True, text=True, env=environment())
    assert done.returncode == 0, done.stderr
    times = [r.at for r in server.log]
    assert len(times) == 2 * len(LETTERS) > 2 * rate
    # on average no faster than the rate, and any rate + 1 requests span a second, less what a busy
    # machine's scheduling adds between a request leaving and the server's thread seeing it
    assert times[-1] - times[0] >= (len(times) - 1) / rate - 0.05
    spans = [times[i + rate] - times[i] for i in range(len(times) - rate)]
    assert min(spans) >= 0.9, spans
    assert {r.user_agent for r in server.log} == {AGENT}


def test_a_filing_that_cannot_be_fetched_is_one_line_and_the_run_goes_on(server, tmp_path):
    folder = tmp_path / "letters"
    del server.tree[TYLER.path]
    server.fault(NRG.path, "503")
    done = subprocess.run(asckg_command("fetch", str(folder), "--cik", TYLER.cik, "--cik", NRG.cik, "--user-agent", AGENT,
                                        "--edgar-url", server.url, "--data-url", server.url),
                          capture_output=True, text=True, env=environment())
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [f"error: {server.url}{TYLER.path}: not found (HTTP 404)"]
    assert "fetched 1 " in done.stdout and "failed 1;" in done.stdout and "(1 retried)" in done.stdout
    assert (folder / NRG.filename).read_bytes() == NRG.body


def test_killed_mid_download_leaves_no_file_that_looks_whole_and_the_next_run_resumes(server, tmp_path):
    folder = tmp_path / "letters"
    server.fault(MONSTER.path, "stall")  # half the body, then nothing until released
    args = ["fetch", str(folder), "--workers", "1", *[a for x in (NRG, BERKLEY, MONSTER) for a in ("--cik", x.cik)]]
    env = environment(ASCKG_USER_AGENT=AGENT, ASCKG_EDGAR_URL=server.url, ASCKG_DATA_URL=server.url)
    proc = subprocess.Popen(asckg_command(*args), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert server.stalled.wait(30), "the download never reached the stalling server"
        partial = folder / ".asckg-fetch" / "partial" / (MONSTER.filename + ".part")
        deadline = time.monotonic() + 10
        while not (partial.exists() and partial.stat().st_size) and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(10)
    assert proc.returncode == -signal.SIGKILL
    # the half that arrived is only under its temporary name, in the hidden state folder
    assert 0 < partial.stat().st_size < len(MONSTER.body) and MONSTER.body.startswith(partial.read_bytes())
    assert sorted(p.name for p in folder.iterdir()) == sorted([".asckg-fetch", NRG.filename, BERKLEY.filename])
    server.release.set()

    before = len(server.log)
    done = subprocess.run(asckg_command(*args), env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    downloads = [r.path for r in server.log[before:] if r.path.startswith("/Archives/")]
    assert downloads == [MONSTER.path]
    assert "fetched 1 " in done.stdout and "already here 2," in done.stdout
    assert (folder / MONSTER.filename).read_bytes() == MONSTER.body
    assert not partial.exists()


def test_fetch_ingest_then_cites_finds_the_letters(server, tmp_path):
    folder, store = tmp_path / "letters", tmp_path / "store"
    args = ["fetch", str(folder), "--user-agent", AGENT, "--edgar-url", server.url, "--data-url", server.url,
            *[a for x in LETTERS for a in ("--cik", x.cik)], "--ingest", "--store", str(store)]
    done = subprocess.run(asckg_command(*args), capture_output=True, text=True, env=environment())
    assert done.returncode == 0, done.stderr
    assert f"letters listed {len(LETTERS)}: fetched {len(LETTERS)} " in done.stdout
    assert f"letters {len(LETTERS)} (stored {len(LETTERS)}, unchanged 0)" in done.stdout

    cites = subprocess.run(asckg_command("cites", "Topic 606", "--format", "json", "--store", str(store)),
                           capture_output=True, text=True, env=environment())
    assert cites.returncode == 0, cites.stderr
    assert [row["id"] for row in json.loads(cites.stdout)] == [NCLH.filename.removesuffix(".txt")]

    db = ox.Store.read_only(str(store))
    rows = list(db.query("""
        PREFIX asckg: <https://w3id.org/asckg/ns#>
        SELECT ?acc ?sic ?office ?released ?reviewed WHERE {
            ?letter asckg:accessionNumber ?acc ; asckg:aboutCompany ?company ; asckg:reviewOffice ?office ;
                    asckg:disseminationDate ?released ; asckg:publicReferenceAccession ?reviewed .
            ?company asckg:sicCode ?sic .
        }""", substitutions={ox.Variable("acc"): ox.Literal(NCLH.accession)}, use_default_graph_as_union=True))
    assert [(r["sic"].value, r["office"].value, r["released"].value, r["reviewed"].value) for r in rows] == [
        ("4400", "Office of Transportation and Leisure", NCLH.disseminated.isoformat(), "0001513761-18-000011")]
    del db

    # a second run finds nothing new to fetch or to ingest, and does not load the extraction pipeline
    again = subprocess.run(asckg_command(*args), capture_output=True, text=True, env=environment())
    assert again.returncode == 0, again.stderr
    assert f"fetched 0 (0.0 MB), already here {len(LETTERS)}" in again.stdout
    assert "nothing new to ingest" in again.stdout
