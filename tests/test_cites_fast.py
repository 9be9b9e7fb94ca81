"""``asckg cites`` answers without typer or rdflib, and says exactly what the typer command says.

The console script tries ``asckg.cli.citing.parse_args`` first; these tests run the same command
lines through the fast path (``python -m asckg``) and through the typer app alone
(``asckg.cli.app.main``), on a store of the example letters, and compare stdout, stderr and the
exit code. Command lines the fast reader does not take must reach typer (help, errors).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from asckg.cli.citing import CitesArgs, parse_args
from asckg.graph.model import ids, iris
from asckg.graph.model.namespace import ASCKG
from asckg.core.settings import DEFAULT_STORE
from queries_support import examples_store  # noqa: F401  (fixture: the example letters, ingested once)

TYPER_ONLY = "import sys; from asckg.cli.app import main; sys.argv[0] = 'asckg'; main()"


def _run(args: list[str], store: Path, fast: bool) -> subprocess.CompletedProcess:
    env = dict(os.environ, COLUMNS="160", ASCKG_STORE=str(store))
    head = [sys.executable, "-m", "asckg"] if fast else [sys.executable, "-c", TYPER_ONLY]
    return subprocess.run([*head, *args], capture_output=True, text=True, env=env)


@pytest.fixture(scope="module")
def store(examples_store) -> Path:
    return examples_store


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["cites", "985-605-25-12"], id="table"),
        pytest.param(["cites", "ASC 985-605", "--format", "json"], id="json-rollup"),
        pytest.param(["cites", "985-605", "--exact", "-f", "json"], id="exact-empty"),
        pytest.param(["cites", "--format=csv", "Topic 985"], id="csv-option-first"),
        pytest.param(["cites", "SOP 97-2", "-f", "json", "--no-via"], id="guidance-no-via"),
        pytest.param(["cites", "985-605", "--no-via", "--via", "-f", "json"], id="last-flag-wins"),
        pytest.param(["cites", "S-K 303", "-f", "csv"], id="sec-rule"),
        pytest.param(["cites", "Topic 985", "--newest", "2", "-f", "json"], id="newest-json"),
        pytest.param(["cites", "--newest=1", "985-605"], id="newest-table"),
        pytest.param(["cites", "985-605", "--newest", "2", "--exact"], id="newest-exact"),
        pytest.param(["cites", "not a reference"], id="bad-reference-exit-2"),
        pytest.param(["cites", "985-605", "--store", "/nonexistent/asckg-store"], id="no-store-exit-1"),
    ],
)
def test_fast_path_says_what_typer_says(store, args):
    fast, slow = _run(args, store, fast=True), _run(args, store, fast=False)
    assert (fast.returncode, fast.stdout, fast.stderr) == (slow.returncode, slow.stdout, slow.stderr)
    assert fast.stdout or fast.stderr


def test_the_answers_are_real(store):
    done = _run(["cites", "985-605-25-12", "-f", "csv"], store, fast=True)
    assert done.returncode == 0
    assert done.stdout.splitlines()[1].startswith("000_1ae12daddb492283,2011-12-19,")
    bad = _run(["cites", "not a reference"], store, fast=True)
    assert bad.returncode == 2 and bad.stderr.startswith("error: 'not a reference' is not a reference")


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["--help"], id="help"),
        pytest.param([], id="no-reference"),
        pytest.param(["a", "b"], id="two-references"),
        pytest.param(["985-605", "--format", "xml"], id="unknown-format"),
        pytest.param(["985-605", "--format"], id="format-without-value"),
        pytest.param(["985-605", "--limit", "3"], id="unknown-option"),
        pytest.param(["985-605", "--exact=yes"], id="flag-with-value"),
        pytest.param(["985-605", "--newest", "0"], id="newest-zero"),
        pytest.param(["985-605", "--newest", "two"], id="newest-not-a-number"),
        pytest.param(["-x", "985-605"], id="unknown-short-option"),
    ],
)
def test_what_the_fast_reader_leaves_to_typer(argv):
    assert parse_args(argv) is None


def test_the_fast_reader(monkeypatch):
    monkeypatch.delenv("ASCKG_STORE", raising=False)
    assert parse_args(["985-605"]) == CitesArgs("985-605", store=DEFAULT_STORE)
    monkeypatch.setenv("ASCKG_STORE", "/data/s")
    assert parse_args(["985-605", "--exact", "-f", "csv"]) == CitesArgs("985-605", True, True, "csv", "/data/s")
    assert parse_args(["--store=/x", "--no-via", "--", "-1"]) == CitesArgs("-1", False, False, "table", "/x")
    assert parse_args(["985-605", "--newest", "5"]) == CitesArgs("985-605", store="/data/s", newest=5)


@pytest.mark.parametrize("extra", [[], ["--newest", "5"]], ids=["whole", "newest"])
def test_the_command_loads_neither_typer_nor_rdflib(store, extra):
    code = (
        f"import sys, runpy; sys.argv = ['asckg', 'cites', '985-605', '-f', 'json', *{extra!r}];\n"
        "try:\n    runpy.run_module('asckg', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('typer', 'rdflib', 'spacy', 'click') if m in sys.modules), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=dict(os.environ, ASCKG_STORE=str(store)))
    assert '"000_1ae12daddb492283"' in done.stdout
    assert done.stderr.strip() == "[]"


def test_plain_iris_are_the_graphs_iris():
    assert ids.CONTENT_HASH == str(ASCKG.contentHash)
    for code in ("985-605-25-12", "606", "S99"):
        assert ids.asc(code) == str(iris.asc_iri(code))
    for ref in ("SFAS 133", "SAB Topic 13.A", "C&DI Non-GAAP 102.10"):
        assert ids.guidance(ref) == str(iris.guidance_iri(ref))
    assert ids.rule("S-K 303") == str(iris.rule_iri("S-K 303"))


def test_newest_with_about_is_a_usage_error(store):
    done = _run(["cites", "350", "--about", "--newest", "5"], store, fast=True)
    assert done.returncode == 2 and "--newest" in done.stderr and done.stdout == ""
