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


def test_a_letter_an_older_version_read_is_read_again(tmp_path):
    from asckg.graph.model import ids
    from asckg.nlp.extract import read_with

    with LetterStore(tmp_path / "s") as store:
        first = run_ingest([str(EXAMPLES)], store, jobs=1)
        graphs = sorted(str(g.value) for g in store.named_graphs() if "/letter/" in g.value)
        older, unstamped = graphs[0], graphs[1]
        # One letter read by an older asckg, one stored before asckg recorded what read it.
        store.update(f"DELETE {{ GRAPH <{older}> {{ <{older}> <{ids.READ_WITH}> ?w }} }} "
                     f"INSERT {{ GRAPH <{older}> {{ <{older}> <{ids.READ_WITH}> \"asckg 0.1.0, topic model 1.0.0\" }} }} "
                     f"WHERE {{ GRAPH <{older}> {{ <{older}> <{ids.READ_WITH}> ?w }} }}")
        store.update(f"DELETE WHERE {{ GRAPH <{unstamped}> {{ <{unstamped}> <{ids.READ_WITH}> ?w }} }}")
        assert store.stored_reading(older)[1] == "asckg 0.1.0, topic model 1.0.0"
        assert store.stored_reading(unstamped)[1] is None
        again = run_ingest([str(EXAMPLES)], store, jobs=1)
        assert (again.report.stored, again.report.unchanged) == (2, first.report.stored - 2)
        assert store.stored_reading(older)[1] == store.stored_reading(unstamped)[1] == read_with()
        third = run_ingest([str(EXAMPLES)], store, jobs=1)
        assert third.report.stored == 0
    # Each was replaced whole: the store is the one a first ingest makes.
    with LetterStore(tmp_path / "fresh") as store:
        run_ingest([str(EXAMPLES)], store, jobs=1)
    assert _dump(tmp_path / "s") == _dump(tmp_path / "fresh")


def test_the_stamp_names_the_versions_that_read_the_letter():
    import asckg
    from asckg.nlp.extract import read_with
    from asckg.nlp.topics.model import shipped

    letter = next(item for item in iter_letters([str(EXAMPLES)]) if isinstance(item, Letter))
    extractor = Extractor()
    record = next(extractor.extract([letter]))
    assert record.read_with == read_with() == extractor.read_with
    assert record.read_with == f"asckg {asckg.__version__}, topic model {shipped().version}"
    assert Extractor(topics=False).read_with == f"asckg {asckg.__version__}"
