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


def letter_text(corpus: Path, letter_id: str) -> str:
    """The text of a corpus letter (or excerpt) by its id."""
    for folder in ("letters", "excerpts"):
        path = corpus / folder / f"{letter_id}.txt"
        if path.exists():
            return path.read_text(encoding="utf-8")
    raise FileNotFoundError(letter_id)


def gold_f1(corpus: Path, field: str, refs_of) -> tuple[float, int, list[str]]:
    """Score a grammar against one list field of the gold, as ../shared/tools/score.py does: sets
    per letter, precision and recall over all letters together.

    ``refs_of(text)`` gives the references the grammar finds. Returns (F1, true positives, one line
    per missed or extra value).
    """
    import json

    tp = fp = fn = 0
    wrong: list[str] = []
    for path in sorted((corpus / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        got = set(refs_of(letter_text(corpus, gold["id"])))
        want = set(gold[field])
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
        wrong += [f"{gold['id']} extra {r}" for r in sorted(got - want)]
        wrong += [f"{gold['id']} missing {r}" for r in sorted(want - got)]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f1, tp, wrong


def cpu_seconds(run, text: str) -> float:
    """CPU seconds this process spends on ``run(text)`` (not wall time: another process on the
    machine does not count)."""
    import time

    began = time.process_time()
    run(text)
    return time.process_time() - began


def assert_linear(run, text: str, per_mb: float = 5.0, label: str = "") -> None:
    """``run`` takes time linear in the length of ``text``: on the whole text it may take at most
    eight times what it takes on the first quarter (four is linear, sixteen quadratic), and at most
    ``per_mb`` CPU seconds per MB (a catastrophic backtrack takes minutes, not seconds). Both are
    CPU times, so a busy machine does not fail the test, and the ratio does not depend on how fast
    the machine is."""
    quarter = min(cpu_seconds(run, text[: len(text) // 4]) for _ in range(2))
    whole = cpu_seconds(run, text)
    mb = len(text) / 1e6
    where = f"{label or 'text'} ({mb:.2f} MB): {whole:.2f} s, a quarter of it {quarter:.2f} s"
    assert whole <= 8 * quarter + 0.1, f"not linear: {where}"
    assert whole <= per_mb * max(mb, 0.1), f"slow: {where}"
