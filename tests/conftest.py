"""Shared fixtures: where the development corpus and the repository's own test data live."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"
#: The development corpus beside the repository (../shared/corpus); ASCKG_CORPUS overrides.
CORPUS = Path(os.environ.get("ASCKG_CORPUS", REPO.parent / "shared" / "corpus"))


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The shared corpus of real letters; tests that need it skip where it is absent."""
    if not (CORPUS / "letters").is_dir():
        pytest.skip(f"no corpus at {CORPUS}")
    return CORPUS


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA
