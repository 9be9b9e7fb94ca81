"""`cites` agrees with the hand-checked gold: after ingesting the gold letters, each paragraph in the
gold returns exactly the letters whose gold `asc` holds it (and each Subtopic rolls up its paragraphs)."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest

from asckg.ingest.write import write_records
from asckg.graph.ask.cites import cites
from asckg.graph.store import LetterStore
from asckg.nlp.extract import Extractor
from asckg.nlp.readers import iter_letters

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def gold_store(corpus, tmp_path_factory):
    gold = {p.stem: json.loads(p.read_text()) for p in sorted((corpus / "gold").glob("*.json"))}
    paths = []
    for stem in gold:
        for sub in ("letters", "excerpts"):
            if (corpus / sub / f"{stem}.txt").exists():
                paths.append(corpus / sub / f"{stem}.txt")
                break
    store = LetterStore(tmp_path_factory.mktemp("gold") / "store")
    write_records(store, Extractor().extract(l for l in iter_letters(paths) if not isinstance(l, Exception)))
    yield store, gold
    store.close()


def test_every_gold_paragraph_returns_exactly_its_letters(gold_store):
    store, gold = gold_store
    want: dict[str, set[str]] = defaultdict(set)
    for stem, g in gold.items():
        for ref in g["asc"]:
            if ref.count("-") == 3:
                want[ref].add(stem)
    assert len(want) > 50
    wrong = {}
    for ref, letters in sorted(want.items()):
        got = {hit.id for hit in cites(store, ref)}
        if got != letters:
            wrong[ref] = (sorted(letters - got), sorted(got - letters))
    assert wrong == {}


def test_subtopics_roll_up_the_gold(gold_store):
    store, gold = gold_store
    want: dict[str, set[str]] = defaultdict(set)
    for stem, g in gold.items():
        for ref in g["asc"]:
            parts = ref.split("-")
            if len(parts) >= 2:
                want["-".join(parts[:2])].add(stem)
    wrong = {}
    for subtopic, letters in sorted(want.items()):
        got = {hit.id for hit in cites(store, subtopic)}
        if got != letters:
            wrong[subtopic] = (sorted(letters - got), sorted(got - letters))
    assert wrong == {}
