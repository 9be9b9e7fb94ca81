"""The Oxigraph store: one graph per letter, replaced whole, unchanged letters left alone."""

from __future__ import annotations

import dataclasses

import pytest

from asckg.core.errors import StoreError
from asckg.graph.model.build import build_letter
from asckg.ingest.write import write_records
from asckg.graph.ask.cites import cites
from asckg.graph.store import LetterStore
from asckg.nlp.extract import Extractor
from asckg.nlp.readers import iter_letters
from asckg.nlp.record import content_hash
from conftest import REPO

EXAMPLES = REPO / "examples" / "letters"


@pytest.fixture(scope="module")
def records():
    return list(Extractor().extract(iter_letters([EXAMPLES])))


def _snapshot(store: LetterStore) -> set[str]:
    return {str(q) for q in store.quads()}


def test_ingesting_twice_changes_nothing(tmp_path, records):
    with LetterStore(tmp_path / "s") as store:
        report = write_records(store, records)
        before = _snapshot(store)
        again = write_records(store, records)
        assert _snapshot(store) == before
    assert (report.stored, again.stored, again.unchanged) == (len(records), 0, len(records))


def test_a_changed_letter_replaces_its_graph_whole(tmp_path, records):
    original = next(r for r in records if r.id.startswith("1513761_"))
    # The same letter (same accession) with its last comment cut: the 55-36..39 range goes away.
    cut = original.text[: original.text.index("4.\n\nWe note your description")]
    changed = dataclasses.replace(
        original, text=cut, text_hash=content_hash(cut),
        mentions=tuple(m for m in original.mentions if m.end <= len(cut)),
    )
    with LetterStore(tmp_path / "s") as store:
        write_records(store, [original])
        assert [h.id for h in cites(store, "606-10-55-37")] == [original.id]
        assert write_records(store, [changed]).stored == 1
        assert cites(store, "606-10-55-37") == []
        assert [h.id for h in cites(store, "606-10-50-12")] == [original.id]
        graph = build_letter(changed)
        stored = {str(q) for q in store.quads() if q.graph_name.value == graph.iri}
        assert stored == {str(q) for q in graph.letter}


def test_stats_count_what_was_stored(tmp_path, records):
    with LetterStore(tmp_path / "s") as store:
        write_records(store, records)
        counts = store.stats()
    assert counts["letters"] == len(records)
    cited = ("asc", "guidance", "sec_rule")
    assert counts["citations"] >= sum(1 for r in records for m in r.mentions if m.kind in cited)
    assert counts["references"] == len({(k, ref) for r in records for k in cited for ref in r.refs(k)})
    assert counts["triples"] > 0


def test_a_file_is_not_a_store(tmp_path):
    (tmp_path / "f").write_text("x")
    with pytest.raises(StoreError, match="not a store directory"):
        LetterStore(tmp_path / "f")


def test_a_store_in_a_missing_folder_says_which_folder(tmp_path):
    where = tmp_path / "no-such-folder" / "store"
    with pytest.raises(StoreError, match=r"cannot make the store: the folder .*no-such-folder does not exist"):
        LetterStore(where)
    assert not (tmp_path / "no-such-folder").exists()  # nothing made on the way
    (tmp_path / "f").write_text("x")
    with pytest.raises(StoreError, match=r"the folder .*f is a file, not a folder"):
        LetterStore(tmp_path / "f" / "store")


def test_reading_a_missing_store_says_to_ingest(tmp_path):
    with pytest.raises(StoreError, match="run `asckg ingest` first"):
        LetterStore(tmp_path / "nothing", read_only=True)


def test_a_store_in_use_is_a_clear_error(tmp_path):
    with LetterStore(tmp_path / "s"):
        with pytest.raises(StoreError, match="another asckg process has it open"):
            LetterStore(tmp_path / "s")


def test_rdflib_view_of_the_same_store(tmp_path, records):
    with LetterStore(tmp_path / "s") as store:
        write_records(store, [records[0]])
        ds = store.dataset()
        assert len(list(ds.quads((None, None, None, None)))) == len(store)


def test_clearing_a_graph_in_chunks_removes_it_all_and_nothing_else(tmp_path, monkeypatch):
    """clear_graph removes a large graph a chunk at a time (each its own transaction, so memory
    stays flat); literals, blank nodes and quads in other graphs are handled right."""
    import pyoxigraph as ox

    from asckg.graph.store import embedded

    monkeypatch.setattr(embedded, "CLEAR_CHUNK", 7)
    target, other = ox.NamedNode("https://example.org/g/links"), ox.NamedNode("https://example.org/g/letter")
    p = ox.NamedNode("https://example.org/p")
    quads = []
    for i in range(40):
        s = ox.NamedNode(f"https://example.org/s/{i}")
        quads += [ox.Quad(s, p, ox.Literal(f'text "{i}"\n', language="en"), target),
                  ox.Quad(s, p, ox.Literal(str(i), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")), target),
                  ox.Quad(s, p, ox.NamedNode(f"https://example.org/o/{i}"), other)]
    quads += [ox.Quad(ox.BlankNode(), p, ox.NamedNode("https://example.org/o/x"), target) for _ in range(3)]
    with LetterStore(tmp_path / "s") as store:
        store.add_quads(quads)
        store.clear_graph(target.value)
        assert list(store.quads(graph=target)) == []
        assert {str(q) for q in store.quads()} == {str(q) for q in quads if q.graph_name == other}


def test_releasing_keeps_everything_stored_and_the_store_writable(tmp_path, records):
    """release() closes and reopens the database: what was written (flushed or not) is all there
    after, the store takes writes again, and the directory stays locked to other writers."""
    with LetterStore(tmp_path / "s") as store:
        write_records(store, records[:-1])
        before = _snapshot(store)
        store.release()
        assert _snapshot(store) == before
        assert write_records(store, records[-1:]).stored == 1
        with pytest.raises(StoreError, match="cannot open the store"):
            LetterStore(tmp_path / "s")
        stored = _snapshot(store)
    with LetterStore(tmp_path / "s", read_only=True) as again:
        assert _snapshot(again) == stored != before
