"""The asckg command, run as a user runs it: a separate process, real files, a store on disk."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

EXAMPLES = REPO / "examples" / "letters"


def asckg(*args: str, store: Path | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, COLUMNS="200")
    if store is not None:
        env["ASCKG_STORE"] = str(store)
    return subprocess.run([sys.executable, "-m", "asckg", *args], capture_output=True, text=True, env=env, cwd=cwd)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "store"
    done = asckg("ingest", str(EXAMPLES), store=path)
    assert done.returncode == 0, done.stderr
    assert "letters 6 (stored 6, unchanged 0)" in done.stdout
    assert "files failed 0" in done.stdout
    return path


def test_cites_finds_the_founding_letter(store):
    done = asckg("cites", "985-605-25-12", "--format", "json", store=store)
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert [r["id"] for r in rows] == ["000_1ae12daddb492283"]
    row = rows[0]
    assert row["date"] == "2011-12-19"
    assert row["citations"] == ["FASB ASC 985-605-25-12"]
    assert "FASB ASC 985-605-25-12" in row["context"]
    assert set(row) == {"id", "date", "company", "kind", "citations", "refs", "via", "context"}


@pytest.mark.parametrize("written", ["ASC 985-605-25-12", "FASB ASC 985-605-25-12", "985-605-25-12"])
def test_a_reference_as_users_write_it(store, written):
    rows = json.loads(asckg("cites", written, "-f", "json", store=store).stdout)
    assert [r["id"] for r in rows] == ["000_1ae12daddb492283"]


def test_a_subtopic_rolls_up_and_exact_does_not(store):
    rolled = json.loads(asckg("cites", "985-605", "-f", "json", store=store).stdout)
    assert [r["id"] for r in rolled] == ["000_1ae12daddb492283"]
    assert rolled[0]["refs"] == ["985-605-15-4A", "985-605-25-12"]
    exact = json.loads(asckg("cites", "985-605", "--exact", "-f", "json", store=store).stdout)
    assert exact == []


def test_topic_606_lists_the_cruise_line_with_its_range(store):
    rows = json.loads(asckg("cites", "Topic 606", "-f", "json", store=store).stdout)
    (row,) = [r for r in rows if r["id"] == "1513761_0000000000-18-026944"]
    assert "ASC 606-10-55-36 through 39" in row["citations"]
    assert {"606-10-55-36", "606-10-55-37", "606-10-55-38", "606-10-55-39"} <= set(row["refs"])


def test_csv_and_table_formats(store):
    csv_out = asckg("cites", "985-605-25-12", "-f", "csv", store=store).stdout.splitlines()
    assert csv_out[0] == "id,date,company,kind,citations,refs,via,context"
    assert csv_out[1].startswith("000_1ae12daddb492283,2011-12-19,")
    table = asckg("cites", "985-605-25-12", store=store)
    assert "000_1ae12daddb492283" in table.stdout
    assert "1 letter cites 985-605-25-12" in table.stderr


@pytest.mark.parametrize("bad", ["99", "985-6055", "Topic", "the revenue standard"])
def test_a_reference_that_is_no_code_is_an_error(store, bad):
    done = asckg("cites", bad, store=store)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "is not a reference asckg knows" in lines[0]


def test_stats(store):
    counts = json.loads(asckg("stats", "--json", store=store).stdout)
    assert counts["letters"] == 6
    assert counts["companies"] >= 5
    assert counts["triples"] > 500


def test_a_bad_file_is_named_and_the_rest_still_stored(tmp_path):
    batch = tmp_path / "batch"
    batch.mkdir()
    shutil.copy(EXAMPLES / "000_1ae12daddb492283.txt", batch)
    (batch / "empty.txt").write_bytes(b"")
    (batch / "binary.txt").write_bytes(bytes(range(256)) * 8)
    store = tmp_path / "store"
    done = asckg("ingest", str(batch), store=store)
    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert any("empty.txt" in e for e in errors) and any("binary.txt" in e for e in errors)
    assert "files failed 2" in done.stdout
    rows = json.loads(asckg("cites", "985-605-25-12", "-f", "json", store=store).stdout)
    assert [r["id"] for r in rows] == ["000_1ae12daddb492283"]


def test_extract_prints_the_gold_schema(tmp_path):
    done = asckg("extract", str(EXAMPLES / "000_1ae12daddb492283.txt"), "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    (summary,) = [json.loads(line) for line in done.stdout.splitlines()]
    assert summary["id"] == "000_1ae12daddb492283"
    assert summary["asc"] == ["985-605-15-4A", "985-605-25-12"]
    assert summary["letter_date"] == "2011-12-19"
    assert summary["file_numbers"] == ["000-27385"]
    assert {"10-K", "10-Q"} <= set(summary["forms"])
    for key in ("kind", "company", "filings_reviewed", "addressees", "signers", "staff_contacts",
                "comment_count", "prior_letter_dates", "guidance", "sec_rules"):
        assert key in summary


def test_a_missing_store_is_an_error(tmp_path):
    done = asckg("cites", "606", store=tmp_path / "none")
    assert done.returncode == 1
    assert "run `asckg ingest` first" in done.stderr


def test_running_from_the_repository_uses_the_installed_package():
    done = asckg("--version", cwd=REPO)
    assert done.returncode == 0 and done.stdout.startswith("asckg ")


def test_ingest_warns_about_a_letter_whose_citations_are_cut(tmp_path):
    letters = tmp_path / "letters"
    letters.mkdir()
    shutil.copy(EXAMPLES / "000_1ae12daddb492283.txt", letters)
    sentence = "Please tell us how you considered FASB ASC 985-605-25-{n}.\n"
    (letters / "many.txt").write_text("".join(sentence.format(n=n % 90 + 1) for n in range(1500)))
    done = asckg("ingest", str(letters), store=tmp_path / "store")
    assert done.returncode == 0, done.stderr
    assert "letters 2 (stored 2, unchanged 0)" in done.stdout
    warnings = [l for l in done.stderr.splitlines() if l.startswith("warning:")]
    assert warnings == [f"warning: {letters / 'many.txt'}: 500 citations beyond the first 1,000 are not stored "
                        "(asckg:omittedMentions 500)"]


def test_extract_uses_every_core_but_no_worker_without_a_letter(monkeypatch):
    """``asckg extract`` starts a worker per core, as ingest does, unless there are fewer files."""
    from typer.testing import CliRunner

    import asckg.ingest.batch as batch
    from asckg.cli.app import app

    asked: list[int] = []

    def records(paths, *, jobs, timeout):
        asked.append(jobs)
        return iter(())

    monkeypatch.setattr(batch, "iter_records", records)
    monkeypatch.setattr(batch, "default_jobs", lambda: 4)
    runner = CliRunner()
    files = sorted(EXAMPLES.glob("*.txt"))
    assert len(files) >= 5
    for args, jobs in (([str(EXAMPLES)], 4), ([str(files[0])], 1), ([str(files[0]), str(files[1])], 2),
                       ([str(EXAMPLES), "--jobs", "1"], 1)):
        done = runner.invoke(app, ["extract", *args])
        assert done.exit_code == 0, done.output
        assert asked.pop() == jobs, args
