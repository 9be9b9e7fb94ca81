"""The answer index beside the embedded store: the same answers as the graph, or none at all.

``asckg cites`` reads a node's answer rows from the index (asckg.graph.store.answers) when the store
has a complete one. These tests hold it to the graph's own rows after every way a store is written
(new letters, a changed letter, a removed one), and check that every way it can fall behind (a
process killed mid-ingest, a failed write, a store made before there was an index, a damaged file)
makes lookups ask the graph, never answer wrong, and that the next ingest makes it whole again.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
import subprocess
import sys
from collections import Counter

import pytest

from asckg.core.errors import StoreError
from asckg.graph.ask.cites import answer_letter, answer_lines, cites
from asckg.graph.store import LetterStore
from asckg.graph.model.answer_rows import index_row_of_literal
from asckg.graph.store.answers import FILE_NAME, AnswerIndex
from asckg.ingest.run import run_ingest
from asckg.ingest.write import write_records
from asckg.nlp.extract import Extractor
from asckg.nlp.readers import iter_letters
from asckg.nlp.record import content_hash
from asckg.queries import load_query
from conftest import REPO

EXAMPLES = REPO / "examples" / "letters"


@pytest.fixture(scope="module")
def records():
    return list(Extractor().extract(iter_letters([EXAMPLES])))


def graph_rows(store: LetterStore) -> dict[str, Counter]:
    """Each cited node's answer rows as the graph holds them."""
    rows: dict[str, Counter] = {}
    for s in store.query(load_query("answer_index_rows")):
        rows.setdefault(s["target"].value, Counter())[s["row"].value] += 1
    return rows


def printed(row: str) -> str:
    """A graph row as `asckg cites -f json` prints it, the long way: decoded into a CitingLetter."""
    return json.dumps(answer_letter(json.loads(row)).dump(), ensure_ascii=False)


def assert_index_is_the_graph(store: LetterStore) -> None:
    expected = graph_rows(store)
    assert expected, "the letters cite nothing: the test would prove nothing"
    for node, rows in expected.items():
        got = store.answer_rows(node)
        assert got is not None, f"no complete index for {node}"
        got = [line.decode("utf-8") for line in got]
        assert Counter(got) == Counter({printed(row): n for row, n in rows.items()}), node
        assert got == sorted(got, key=lambda line: (json.loads(line)["date"] or "", json.loads(line)["id"]))
    assert store.answer_rows("https://w3id.org/asckg/id/asc/999-99") == []


def test_the_index_keeps_each_row_as_the_command_prints_it():
    row = json.dumps({"id": "1_0000000000-20-000001", "date": None, "company": "Ærø Åsa “Ltd”", "kind": "staff",
                      "citations": ["ASC 606-10-55-36 through 39", "S-K 1300"],
                      "refs": ["606-10-55-39", "606-10-55-36", "606-10-55-9", "606-10-55-37A", "606-10-55-37"],
                      "via": ["SOP 97-2", "SFAS 133", "SFAS 13"], "context": "…a \"quoted\" word\n…"},
                     ensure_ascii=False, separators=(",", ":"))
    node, date, letter_id, line = index_row_of_literal("https://w3id.org/asckg/id/asc/606-10-55", row)
    assert (node, date, letter_id) == ("https://w3id.org/asckg/id/asc/606-10-55", "", "1_0000000000-20-000001")
    assert line == printed(row)
    assert json.loads(line)["refs"] == ["606-10-55-9", "606-10-55-36", "606-10-55-37", "606-10-55-37A", "606-10-55-39"]


def answers_without_index(store: LetterStore, reference: str) -> list:
    """What cites() answers when it asks the graph."""
    index_rows = store.answer_rows
    store.answer_rows = lambda node: None  # type: ignore[method-assign]
    try:
        return cites(store, reference)
    finally:
        store.answer_rows = index_rows  # type: ignore[method-assign]


def test_an_ingest_leaves_an_index_that_answers_as_the_graph(tmp_path, records):
    path = tmp_path / "a folder #?% named oddly" / "s"  # the index is opened by URI: quoted
    path.parent.mkdir()
    with LetterStore(path) as store:
        write_records(store, records)
        assert_index_is_the_graph(store)
    with LetterStore(path, read_only=True) as store:
        assert_index_is_the_graph(store)
        for ref in ("606", "606-10-55-37", "350", "S-K 303", "985-605", "SAB Topic 13"):
            assert cites(store, ref) == answers_without_index(store, ref), ref
            lines = answer_lines(store, ref)
            assert lines == [json.dumps(h.dump(), ensure_ascii=False).encode() for h in cites(store, ref)], ref
        assert cites(store, "606")  # something to compare


def test_a_changed_letter_replaces_its_rows_and_a_removed_one_takes_them_away(tmp_path, records):
    original = next(r for r in records if r.id.startswith("1513761_"))
    cut = original.text[: original.text.index("4.\n\nWe note your description")]
    changed = dataclasses.replace(original, text=cut, text_hash=content_hash(cut),
                                  mentions=tuple(m for m in original.mentions if m.end <= len(cut)))
    path = tmp_path / "s"
    with LetterStore(path) as store:
        write_records(store, records)
        assert [h.id for h in cites(store, "606-10-55-37")] == [original.id]
        write_records(store, [changed])
        assert store.answer_rows("https://w3id.org/asckg/id/asc/606-10-55-37") == []
        assert [h.id for h in cites(store, "606-10-50-12")] == [original.id]
        assert_index_is_the_graph(store)
        letter_iri = next(g.value for g in store.named_graphs() if original.id.split("_")[1] in g.value)
        store.remove_letter(letter_iri)
        store.refresh_answers()
        assert cites(store, "606-10-50-12") == []
        assert_index_is_the_graph(store)


_KILLED_MID_INGEST = """
import os, sys
from asckg.graph.store import LetterStore
from asckg.ingest.prepare import prepare
from asckg.nlp.extract import Extractor
from asckg.nlp.readers import iter_letters
records = list(Extractor().extract(iter_letters([sys.argv[2]])))
store = LetterStore(sys.argv[1])
store.put_letters([(p.quads, p.reading) for p in map(prepare, records)])
store.flush()
os._exit(9)  # killed before the ingest ends: the index was never marked complete
"""


def test_a_store_whose_ingest_was_killed_asks_the_graph_until_the_next_ingest(tmp_path, records):
    path = tmp_path / "s"
    subprocess.run([sys.executable, "-c", _KILLED_MID_INGEST, str(path), str(EXAMPLES)], check=False, timeout=300)
    assert (path / FILE_NAME).is_file()
    with LetterStore(path, read_only=True) as store:
        assert store.answer_rows("https://w3id.org/asckg/id/asc/606") is None  # incomplete: not read
        assert [h.id for h in cites(store, "606")]  # the graph answers
        expected = cites(store, "606")
    with LetterStore(path) as store:  # the next ingest finds every letter stored, and rebuilds
        result = run_ingest([str(EXAMPLES)], store)
        assert result.report.stored == 0
        assert_index_is_the_graph(store)
    with LetterStore(path, read_only=True) as store:
        assert cites(store, "606") == expected
        assert store.answer_rows("https://w3id.org/asckg/id/asc/606") is not None


def test_a_store_made_before_the_index_gets_one_from_the_next_ingest(tmp_path, records):
    path = tmp_path / "s"
    with LetterStore(path) as store:
        write_records(store, records)
    (path / FILE_NAME).unlink()
    with LetterStore(path, read_only=True) as store:
        assert store.answer_rows("https://w3id.org/asckg/id/asc/606") is None
        assert cites(store, "606")
    with LetterStore(path) as store:
        assert store.refresh_answers() == sum(sum(c.values()) for c in graph_rows(store).values())
        assert store.refresh_answers() is None  # whole already: nothing to do
        assert_index_is_the_graph(store)


def test_a_damaged_index_is_never_read_and_is_made_again(tmp_path, records):
    path = tmp_path / "s"
    with LetterStore(path) as store:
        write_records(store, records)
    (path / FILE_NAME).write_bytes(b"not a database at all " * 200)
    with LetterStore(path, read_only=True) as store:
        assert store.answer_rows("https://w3id.org/asckg/id/asc/606") is None
        assert cites(store, "606")
    with LetterStore(path) as store:
        write_records(store, [])  # an ingest with nothing new
        assert_index_is_the_graph(store)


def test_a_failed_index_write_keeps_the_letters_and_leaves_the_index_unread(tmp_path, records, monkeypatch):
    path = tmp_path / "s"

    def full_disk(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    with LetterStore(path) as store:
        monkeypatch.setattr(AnswerIndex, "put", full_disk)
        with pytest.raises(StoreError, match=f"{FILE_NAME}: cannot write the answer index: database or disk is full"):
            write_records(store, records)
        monkeypatch.undo()
        assert len(list(store.named_graphs())) > 1  # the letters of the batch are stored
    with LetterStore(path, read_only=True) as store:
        assert store.answer_rows("https://w3id.org/asckg/id/asc/606") is None
        assert cites(store, "606")
    with LetterStore(path) as store:
        write_records(store, records)  # stored already; the index is rebuilt
        assert_index_is_the_graph(store)


def test_the_command_answers_the_same_with_and_without_the_index(tmp_path, records):
    path = tmp_path / "s"
    with LetterStore(path) as store:
        write_records(store, records)
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}

    def command(*args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "asckg", "cites", *args, "--store", str(path)],
                              capture_output=True, text=True, env=env, timeout=120, check=True)
        return done.stdout

    refs = ("606", "606-10-55-37", "350", "S-K 303")
    with_index = {ref: command(ref, "-f", "json") for ref in refs}
    assert any(len(v) > 10 for v in with_index.values())
    (path / FILE_NAME).unlink()
    assert {ref: command(ref, "-f", "json") for ref in refs} == with_index


def test_the_server_answers_the_same_bytes_with_and_without_the_index(tmp_path, records):
    import urllib.request

    from web_support import Served

    path = tmp_path / "s"
    with LetterStore(path) as store:
        write_records(store, records)

    def answers() -> dict[str, bytes]:
        served = Served(path, workers=1)
        try:
            got = {}
            for ref in ("606", "985-605", "S-K 303", "999-10"):
                url = f"{served.url.rstrip('/')}/cites/{urllib.request.quote(ref, safe='')}?format=json"
                with urllib.request.urlopen(url, timeout=60) as response:
                    got[ref] = response.read()
            return got
        finally:
            served.stop()

    with_index = answers()
    assert json.loads(with_index["606"]) and json.loads(with_index["999-10"]) == []
    (path / FILE_NAME).unlink()
    assert answers() == with_index


def test_an_index_of_an_older_layout_is_not_read_and_is_made_again(tmp_path, records):
    path = tmp_path / "s"
    with LetterStore(path) as store:
        write_records(store, records)
    db = sqlite3.connect(path / FILE_NAME)
    db.execute("UPDATE meta SET value = '0' WHERE key = 'layout'")
    db.commit()
    db.close()
    with LetterStore(path, read_only=True) as store:
        assert store.answer_rows("https://w3id.org/asckg/id/asc/606") is None
    with LetterStore(path) as store:
        write_records(store, [])
        assert_index_is_the_graph(store)
