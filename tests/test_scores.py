"""The accuracy the README claims, checked: `asckg extract` scored on the human labels.

The README's accuracy tables are marked ``<!-- scores:NAME -->`` ... ``<!-- /scores -->``; each row
is ``| field (measure) | score | ...`` and NAME names a folder of labels beside the corpus (``gold``,
``topics``, ``outcomes``). This test runs ``asckg extract --format jsonl`` as users do, scores it with
the project's scorer (``../shared/tools/score.py``) and fails when any field falls below the score the
README states (scores are printed to three decimals; the only tolerance is that rounding). So a claim
and the code cannot drift apart. Skipped where the shared corpus and scorer are absent.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import CORPUS, REPO

SCORER = CORPUS.parent / "tools" / "score.py"
_TABLE = re.compile(r"<!-- scores:(?P<name>\w+) -->(?P<body>.*?)<!-- /scores -->", re.S)
_ROW = re.compile(r"^\|\s*(?P<field>[a-z_]+)\b[^|]*\|\s*(?P<score>[01]\.\d{3})\s*\|", re.M)


def claims() -> dict[str, dict[str, float]]:
    """{labels folder: {field: claimed score}} from the README's marked tables."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    out: dict[str, dict[str, float]] = {}
    for table in _TABLE.finditer(text):
        rows = {m["field"]: float(m["score"]) for m in _ROW.finditer(table["body"])}
        out.setdefault(table["name"], {}).update(rows)
    return out


def measured(labels: str, fields: list[str]) -> dict[str, float]:
    """Each field's score (F1 or accuracy) from score.py's summary line."""
    command = f"{sys.executable} -m asckg extract --format jsonl"
    done = subprocess.run(
        [sys.executable, str(SCORER), "--cmd", command, "--gold", str(CORPUS / labels), "--fields", ",".join(fields)],
        capture_output=True, text=True, timeout=1800,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    summary = [line for line in done.stdout.splitlines() if line.startswith("summary:")][-1]
    return {name: float(value) for name, value in re.findall(r"(\w+) ([01]\.\d+)", summary)}


def test_the_readme_states_the_gold_scores():
    assert set(claims().get("gold", {})) >= {"asc", "guidance", "sec_rules", "forms", "letter_date", "company"}


@pytest.mark.slow
@pytest.mark.parametrize("labels", sorted(claims()))
def test_extract_scores_at_least_what_the_readme_claims(corpus, labels):
    if not SCORER.exists():
        pytest.skip(f"no scorer at {SCORER}")
    claimed = claims()[labels]
    got = measured(labels, sorted(claimed))
    below = {f: (got.get(f), want) for f, want in claimed.items() if got.get(f, 0.0) < want - 0.0005}
    assert below == {}, f"below the README's claims (measured, claimed): {below}"
