"""Stores shared by the query, export, view, plot and HTML tests: the golden graph and the examples.

Each is built once per test session (the examples by running ``asckg ingest`` as a user would) and
opened read-only by the tests.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from asckg.graph.store import LetterStore

from conftest import DATA, REPO

EXAMPLES = REPO / "examples" / "letters"
GOLDEN = DATA / "queries" / "golden.trig"
_BUILT: dict[str, Path] = {}


def _examples_store(factory) -> Path:
    if "examples" not in _BUILT:
        path = factory.mktemp("examples") / "store"
        env = dict(os.environ, ASCKG_STORE=str(path))
        done = subprocess.run([sys.executable, "-m", "asckg", "ingest", str(EXAMPLES)], capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stderr
        _BUILT["examples"] = path
    return _BUILT["examples"]


def _golden_store(factory) -> Path:
    if "golden" not in _BUILT:
        path = factory.mktemp("golden") / "store"
        store = ox.Store(str(path))
        store.load(path=str(GOLDEN), format=ox.RdfFormat.TRIG)
        store.flush()
        del store
        _BUILT["golden"] = path
    return _BUILT["golden"]


@pytest.fixture(scope="session")
def examples_store(tmp_path_factory) -> Path:
    """A store of the six example letters (public-domain staff letters), built with ``asckg ingest``."""
    return _examples_store(tmp_path_factory)


@pytest.fixture(scope="session")
def golden_store(tmp_path_factory) -> Path:
    """A store holding the hand-written golden graph (tests/data/queries/golden.trig)."""
    return _golden_store(tmp_path_factory)


@pytest.fixture(scope="module")
def examples(examples_store):
    """The examples' store, opened read-only."""
    with LetterStore(examples_store, read_only=True) as store:
        yield store


@pytest.fixture(scope="module")
def golden(golden_store):
    """The golden graph's store, opened read-only."""
    with LetterStore(golden_store, read_only=True) as store:
        yield store
