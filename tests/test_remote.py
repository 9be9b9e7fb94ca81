"""Every command against a real SPARQL server: `oxigraph serve` (PyPI package oxigraph), started and
stopped by the tests on a free loopback port."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from asckg.graph.store import is_remote
from asckg.graph.store.remote import endpoints_for
from conftest import REPO

EXAMPLES = REPO / "examples" / "letters"


def _oxigraph() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(found).exists():
        pytest.skip("the oxigraph server (PyPI package oxigraph) is not installed")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    proc = subprocess.Popen([_oxigraph(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1).read()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError(f"oxigraph serve did not start: {proc.stderr.read().decode()[-500:]}")
            time.sleep(0.1)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


def asckg(*args: str, store: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, ASCKG_STORE=store, COLUMNS="200")
    return subprocess.run([sys.executable, "-m", "asckg", *args], capture_output=True, text=True, env=env)


def test_store_values_that_name_servers():
    assert is_remote("http://127.0.0.1:7878") and is_remote("fuseki+https://h/ds")
    assert not is_remote("asckg-store") and not is_remote("/data/store")
    assert endpoints_for("http://h:7878").query == "http://h:7878/query"
    fuseki = endpoints_for("fuseki+http://h:3030/ds")
    assert (fuseki.query, fuseki.update, fuseki.graph_store) == ("http://h:3030/ds/query", "http://h:3030/ds/update", "http://h:3030/ds/data")
    assert endpoints_for("neptune+https://h:8182").graph_store is None


def test_ingest_then_every_command_against_the_server(server, tmp_path):
    done = asckg("ingest", str(EXAMPLES), "--jobs", "1", store=server)
    assert done.returncode == 0, done.stderr
    assert "letters 6 (stored 6, unchanged 0)" in done.stdout
    rows = json.loads(asckg("cites", "985-605-25-12", "-f", "json", store=server).stdout)
    assert [r["id"] for r in rows] == ["000_1ae12daddb492283"]
    assert rows[0]["citations"] == ["FASB ASC 985-605-25-12"]
    rolled = json.loads(asckg("cites", "985-605", "-f", "json", store=server).stdout)
    assert rolled[0]["refs"] == ["985-605-15-4A", "985-605-25-12"]
    counts = json.loads(asckg("stats", "--json", store=server).stdout)
    assert counts["letters"] == 6
    # The same answers as the embedded store gives for the same letters.
    local = tmp_path / "local"
    assert asckg("ingest", str(EXAMPLES), "--jobs", "1", store=str(local)).returncode == 0
    for ref in ("606", "944-40", "S-K 303", "330-10-30"):
        there = json.loads(asckg("cites", ref, "-f", "json", store=server).stdout)
        here = json.loads(asckg("cites", ref, "-f", "json", store=str(local)).stdout)
        assert there == here, ref
    assert json.loads(asckg("stats", "--json", store=str(local)).stdout) == counts
    # Ingesting again changes nothing on the server either.
    again = asckg("ingest", str(EXAMPLES), "--jobs", "1", store=server)
    assert "stored 0, unchanged 6" in again.stdout
    assert json.loads(asckg("stats", "--json", store=server).stdout) == counts


def _sparql(server: str, text: str, update: bool = False) -> list[dict]:
    """A query (its rows' values) or an update, sent to the server as SPARQL's protocol says."""
    kind = "update" if update else "query"
    request = urllib.request.Request(f"{server}/{kind}", data=text.encode(), method="POST", headers={
        "Content-Type": f"application/sparql-{kind}", "Accept": "application/sparql-results+json"})
    body = urllib.request.urlopen(request, timeout=30).read()
    return [] if update else [{k: v["value"] for k, v in b.items()} for b in json.loads(body)["results"]["bindings"]]


def test_a_letter_an_older_version_read_is_read_again_on_the_server(server):
    from asckg.graph.model import ids
    from asckg.nlp.extract import read_with

    assert asckg("ingest", str(EXAMPLES), "--jobs", "1", store=server).returncode == 0
    stamps = f"SELECT ?g ?w WHERE {{ GRAPH ?g {{ ?g <{ids.READ_WITH}> ?w }} }} ORDER BY ?g"
    older = _sparql(server, stamps)[0]["g"]
    _sparql(server, f"DELETE WHERE {{ GRAPH <{older}> {{ <{older}> <{ids.READ_WITH}> ?w }} }} ; "
                    f"INSERT DATA {{ GRAPH <{older}> {{ <{older}> <{ids.READ_WITH}> \"asckg 0.1.0\" }} }}", update=True)
    again = asckg("ingest", str(EXAMPLES), "--jobs", "1", store=server)
    assert "stored 1, unchanged 5" in again.stdout, again.stdout + again.stderr
    rows = _sparql(server, stamps)
    assert len(rows) == 6 and {row["w"] for row in rows} == {read_with()}


def test_an_unreachable_server_is_one_clear_error():
    done = asckg("stats", store=f"http://127.0.0.1:{_free_port()}")
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "cannot reach the SPARQL server" in done.stderr


def test_reading_commands_against_the_server(server, tmp_path):
    assert asckg("ingest", str(EXAMPLES), "--jobs", "1", store=server).returncode == 0
    local = tmp_path / "local"
    assert asckg("ingest", str(EXAMPLES), "--jobs", "1", store=str(local)).returncode == 0
    same = [
        ("show", "000_1ae12daddb492283", "--format", "json"),
        ("thread", "1513761_0000000000-18-026944", "--format", "json"),
        ("query", "top_topics_by_year", "--format", "json"),
        ("guidance", "606", "--format", "json"),
    ]
    for args in same:
        there = asckg(*args, store=server)
        assert there.returncode == 0, (args, there.stderr)
        assert json.loads(there.stdout) == json.loads(asckg(*args, store=str(local)).stdout), args
    validated = asckg("validate", store=server)
    assert validated.returncode == 0 and validated.stdout.strip() == "conforms"
    exported = tmp_path / "all.nq"
    assert asckg("export", "--format", "nq", "-o", str(exported), store=server).returncode == 0
    from rdflib import Dataset

    ds = Dataset()
    ds.parse(exported, format="nquads")
    assert len(ds) > 0 and len(list(ds.quads((None, None, None, None)))) == json.loads(
        asckg("stats", "--json", store=server).stdout)["triples"]


def test_a_manifest_gives_sectors_on_the_server_too(server, tmp_path):
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("id,industry\n860731_0000000000-25-003720,Information Technology\n", encoding="utf-8")
    from asckg.graph.model.iris import MANIFEST_GRAPH

    try:
        done = asckg("ingest", str(EXAMPLES), "--jobs", "1", "--manifest", str(manifest), store=server)
        assert done.returncode == 0, done.stderr
        assert "sectors: 1 companies" in done.stdout
        rows = json.loads(asckg("cites", "280", "--about", "--industry", "information technology", "-f", "json",
                                store=server).stdout)
        assert {r["id"] for r in rows} == {"860731_0000000000-25-003720"}
        groups = json.loads(asckg("topics", "--by", "industry", "--since", "2011", "--until", "2025", "-f", "json",
                                  store=server).stdout)
        assert "Information Technology (sector)" in {g["group"] for g in groups}
    finally:  # the server is shared by this module's tests, which compare its counts with a local store's
        _sparql(server, f"DROP SILENT GRAPH <{MANIFEST_GRAPH}>", update=True)
