"""Ingest's workers build each letter's quads: the store they make is the one built in one process."""

from __future__ import annotations

import pyoxigraph as ox

from asckg.graph.store import LetterStore
from asckg.ingest.relink import relink
from asckg.ingest.run import run_ingest
from asckg.ingest.write import write_records
from asckg.nlp.extract import Extractor
from asckg.nlp.readers import Letter, iter_letters
from conftest import REPO

EXAMPLES = REPO / "examples" / "letters"


def _dump(path) -> list[bytes]:
    with LetterStore(path, read_only=True) as store:
        return sorted(store.raw.dump(format=ox.RdfFormat.N_QUADS).splitlines())


def test_quads_built_in_the_workers_are_the_quads_built_here(tmp_path):
    with LetterStore(tmp_path / "workers") as store:
        result = run_ingest([str(EXAMPLES)], store, jobs=2)
    assert result.report.stored == len(list(EXAMPLES.glob("*.txt"))) and result.report.failed == 0
    letters = [item for item in iter_letters([str(EXAMPLES)]) if isinstance(item, Letter)]
    with LetterStore(tmp_path / "here") as store:
        report = write_records(store, Extractor().extract(letters))
        relink(store)
    assert report.stored == result.report.stored and report.citations == result.report.citations
    workers, here = _dump(tmp_path / "workers"), _dump(tmp_path / "here")
    assert len(workers) > 1000
    assert workers == here


def test_ingesting_again_writes_nothing(tmp_path):
    with LetterStore(tmp_path / "s") as store:
        first = run_ingest([str(EXAMPLES)], store, jobs=1)
        before = len(store)
        again = run_ingest([str(EXAMPLES)], store, jobs=1)
        assert len(store) == before
    assert again.report.stored == 0 and again.report.unchanged == first.report.stored
