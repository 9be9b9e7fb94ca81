"""A corpus manifest's industry sectors: read with clear errors, given to the stored letters'
companies in a graph of their own, and used by the industry groups where no SIC code is known."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pyoxigraph as ox
import pytest

from asckg.core.errors import InputError
from asckg.graph.ask.reviews import review_rows
from asckg.graph.ask.topics import industry_of, topic_table
from asckg.graph.model import iris
from asckg.graph.outputs.export import subset_quads
from asckg.graph.store import LetterStore
from asckg.ingest.manifest import read_sectors
from asckg.ingest.run import run_ingest
from conftest import REPO

EXAMPLES = REPO / "examples" / "letters"
NCLH = "1513761_0000000000-18-026944"  # Norwegian Cruise Line's staff letter
INTERACTIVE = "000_1ae12daddb492283"
TYLER = "860731_0000000000-25-003720"  # the two example letters with segment (280) comments
MONSTER = "865752_0000000000-18-014626"


def _manifest(path, rows, header="id,kind,industry") -> str:
    path.write_text(header + "\n" + "".join(",".join(r) + "\n" for r in rows), encoding="utf-8")
    return str(path)


def test_a_manifest_gives_each_listed_letter_its_sector(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("\ufeffID,Kind,Industry\nA,upload,Health Care\nB,corresp,\n C ,upload, Energy \n", encoding="utf-8")
    assert read_sectors(path) == {"A": "Health Care", "C": "Energy"}  # BOM, case, blanks; empty left out
    (tmp_path / "s.csv").write_text("id,sector\nA,Financials\n", encoding="utf-8")
    assert read_sectors(tmp_path / "s.csv") == {"A": "Financials"}


@pytest.mark.parametrize("content, problem", [
    (None, "no such file"),
    (b"name,industry\nA,Energy\n", "names no 'id' column"),
    (b"id,kind\nA,upload\n", "names no 'industry' or 'sector' column"),
    (b"id,industry\n\xff\xfe\x00\x01binary\n", "not UTF-8 text"),
])
def test_a_bad_manifest_is_one_clear_error(tmp_path, content, problem):
    path = tmp_path / "manifest.csv"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_sectors(path)
    assert str(caught.value).startswith(str(path)) and problem in str(caught.value)


def test_sectors_go_to_the_companies_and_into_the_industry_groups(tmp_path):
    first = _manifest(tmp_path / "m1.csv", [(NCLH, "upload", "Consumer Discretionary"),
                                            (INTERACTIVE, "upload", "Information Technology"),
                                            ("not_stored", "upload", "Energy")])
    with LetterStore(tmp_path / "s") as store:
        result = run_ingest([str(EXAMPLES)], store, jobs=1, sectors=read_sectors(first))
        assert result.sectors == 2  # the letter not stored gives nothing
        letters_before = sorted(str(q) for q in store.quads() if q.graph_name != ox.NamedNode(str(iris.MANIFEST_GRAPH)))
        groups = {row.group for row in topic_table(store, by="industry", since="2000-01-01", until="2025-12-31")}
        assert {"Consumer Discretionary (sector)", "Information Technology (sector)", "unknown"} <= groups
        assert "Consumer Discretionary (sector)" in {r.industry for r in review_rows(store)}
        # a subset export carries what the manifest said about the letter's company
        nclh = next(str(g.value) for g in store.named_graphs() if g.value.endswith("0000000000-18-026944"))
        assert any(q.predicate.value.endswith("#industrySector") for q in subset_quads(store, [nclh]))
        # Another manifest replaces the first; the letters' own graphs are not touched.
        second = _manifest(tmp_path / "m2.csv", [(NCLH, "upload", "Industrials")])
        again = run_ingest([str(EXAMPLES)], store, jobs=1, sectors=read_sectors(second))
        assert again.report.stored == 0 and again.sectors == 1
        given = [(q.subject.value, q.object.value) for q in store.quads(graph=ox.NamedNode(str(iris.MANIFEST_GRAPH)))]
        assert [sector for _, sector in given] == ["Industrials"]
        assert sorted(str(q) for q in store.quads() if q.graph_name != ox.NamedNode(str(iris.MANIFEST_GRAPH))) == letters_before


def test_the_comments_about_a_topic_by_industry_and_date(tmp_path):
    """Both example letters with segment (280) comments: one given a sector, one not."""
    from asckg.graph.ask.topics import comments_about

    manifest = _manifest(tmp_path / "m.csv", [(TYLER, "upload", "Industrials"), (NCLH, "upload", "Consumer Discretionary")])
    with LetterStore(tmp_path / "s") as store:
        run_ingest([str(EXAMPLES)], store, jobs=1, sectors=read_sectors(manifest))
        assert {c.id for c in comments_about(store, "280")} == {TYLER, MONSTER}
        industrials = comments_about(store, "280", industry="industrials")
        assert industrials and {c.id for c in industrials} == {TYLER}
        assert all(c.industry == "Industrials (sector)" for c in industrials)
        assert comments_about(store, "280", industry="Industrials (sector)") == industrials
        assert {c.id for c in comments_about(store, "280", industry="unknown")} == {MONSTER}
        assert comments_about(store, "280", industry="Energy") == []
        dated = comments_about(store, "280", since="2018-01-01", until="2018-12-31")
        assert dated and {c.id for c in dated} == {MONSTER}
        assert comments_about(store, "280", since="2026-01-01") == []
    env = dict(os.environ, COLUMNS="200")
    command = [sys.executable, "-m", "asckg", "cites", "280", "--about", "--store", str(tmp_path / "s")]
    done = subprocess.run([*command, "--industry", "Industrials", "--since", "2025", "-f", "json"],
                          capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert {r["id"] for r in rows} == {TYLER} and {r["industry"] for r in rows} == {"Industrials (sector)"}
    none = subprocess.run([*command, "--industry", "Mining"], capture_output=True, text=True, env=env)
    assert "the store's industries: Consumer Discretionary (sector), Industrials (sector), unknown" in none.stderr
    alone = subprocess.run([sys.executable, "-m", "asckg", "cites", "280", "--since", "2018", "--store", str(tmp_path / "s")],
                           capture_output=True, text=True, env=env)
    assert alone.returncode == 2 and "narrows the comments of --about" in alone.stderr


def test_a_sic_code_comes_before_a_sector():
    assert industry_of({"sic": "7372", "sector": "Information Technology"}) == "Services"
    assert industry_of({"sic": None, "sector": "Energy"}) == "Energy (sector)"
    assert industry_of({"sic": None, "sector": None}) == "unknown"


def test_ingest_with_a_bad_manifest_stops_before_the_store(tmp_path):
    env = dict(os.environ, COLUMNS="200")
    done = subprocess.run([sys.executable, "-m", "asckg", "ingest", str(EXAMPLES), "--store", str(tmp_path / "s"),
                           "--manifest", str(tmp_path / "missing.csv")], capture_output=True, text=True, env=env)
    assert done.returncode == 1
    assert done.stderr.strip() == f"error: {tmp_path / 'missing.csv'}: no such file"
    assert not (tmp_path / "s").exists()


def test_a_response_row_shows_the_answer(tmp_path, corpus):
    """Corning's goodwill comment of 2023-11-17 and its answer: the response's row quotes the answer,
    not the comment it restates."""
    from asckg.graph.ask.topics import comments_about

    letters = [str(corpus / "letters" / f"24741_{acc}.txt") for acc in ("0000000000-23-012635", "0001206774-23-001290")]
    with LetterStore(tmp_path / "s") as store:
        run_ingest(letters, store, jobs=1)
        rows = {c.kind: c for c in comments_about(store, "350") if c.number == 1}
    assert set(rows) == {"staff", "response"}
    assert rows["staff"].excerpt.startswith("We note from your 2022 10-K")
    assert rows["response"].excerpt.startswith("The Company acknowledges the Staff")
