"""The embedded Oxigraph store on disk, holding one named graph per letter.

Writes are transactions: a letter's graph is replaced in one SPARQL update (``DROP GRAPH`` then
``INSERT DATA``), so a reader, a crash or a failed write never sees half a letter. A letter whose
text hash is already stored is left alone, so ingesting the same files twice changes nothing.
Queries run with the union of all graphs as the default graph.

``dataset()`` gives the same store as an rdflib ``Dataset`` (through oxrdflib) for code that wants
rdflib's API; bulk work goes through pyoxigraph directly.
"""

from __future__ import annotations

import os
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Mapping

import sqlite3

import pyoxigraph as ox

from asckg.core.errors import StoreError
from asckg.graph.model import ids
from asckg.graph.store.answers import FILE_NAME, AnswerIndex

if TYPE_CHECKING:  # rdflib is not loaded for lookups (asckg.graph.model.ids)
    from asckg.graph.model.build import LetterQuads
    from asckg.graph.model.nquads import SerializedLetter

_ANSWER_ROW = ox.NamedNode(ids.NS + "answerRow")

#: Quads removed per transaction when a graph is cleared (:meth:`LetterStore.clear_graph`).
CLEAR_CHUNK = 50_000


class LetterStore:
    """An Oxigraph store on disk; use as a context manager or call :meth:`close`."""

    def __init__(self, path: str | os.PathLike[str], *, read_only: bool = False, create: bool = True) -> None:
        self.path = Path(path)
        self.read_only = read_only
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"{self.path}: not a store directory (it is a file)")
        exists = (self.path / "CURRENT").exists()
        if not exists and (read_only or not create):
            raise StoreError(f"{self.path}: no store here yet; run `asckg ingest` first")
        if not exists and not self.path.parent.is_dir():
            # Oxigraph makes the store's own folder, not the ones above it (its message names RocksDB's mkdir).
            what = "is a file, not a folder" if self.path.parent.exists() else "does not exist"
            raise StoreError(f"{self.path}: cannot make the store: the folder {self.path.parent} {what}")
        # A store read from is opened when first asked: a lookup the answer index answers never
        # opens the graph (at 200,000 letters opening it takes about 15 ms of a 70 ms command).
        self._closed = False
        self._store: ox.Store | None = None if read_only else self._open()
        self._answers: AnswerIndex | None = None  # the answer index, opened when first needed
        self._answers_writing = False  # letters have been written since the store was opened
        self._answers_in_step = False  # ... and the index has every one of them

    def _open(self) -> ox.Store:
        try:
            return ox.Store.read_only(str(self.path)) if self.read_only else ox.Store(str(self.path))
        except OSError as err:
            raise StoreError(f"{self.path}: cannot open the store: {_os_reason(err)}") from err

    # -- context manager -------------------------------------------------------------------------
    def __enter__(self) -> "LetterStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if getattr(self, "_store", None) is not None:
            self.flush()  # a read-only store has nothing to flush
            self._store = None
        self._closed = True
        index: AnswerIndex | None = getattr(self, "_answers", None)
        if index is not None:
            try:
                self._complete_in_step(index)  # after the graph's flush: never ahead of it
            finally:
                index.close()
                self._answers = None
                self._answers_writing = False

    @property
    def raw(self) -> ox.Store:
        """The underlying ``pyoxigraph.Store``."""
        if self._store is None:
            self._check_open()
            self._store = self._open()
        return self._store

    # -- letters ---------------------------------------------------------------------------------
    def stored_reading(self, letter_iri: str) -> tuple[str, str | None] | None:
        """How a stored letter was read: its content hash and what read it (``asckg:readWith``,
        None in a store made before it was recorded); None if the letter is not stored."""
        graph = ox.NamedNode(letter_iri)
        found = [next((str(q.object.value) for q in  # type: ignore[union-attr]  # literals
                       self.raw.quads_for_pattern(graph, ox.NamedNode(p), None, graph)), None)
                 for p in (ids.CONTENT_HASH, ids.READ_WITH)]
        return None if found[0] is None else (found[0], found[1])

    def put_letters(self, batch: list[tuple[LetterQuads | SerializedLetter, tuple[str, str | None]]]) -> list[bool]:
        """Store several letters, each with its reading (:class:`~asckg.graph.model.build.Reading`):
        the new ones together in one transaction (a crash leaves all of them or none), the changed
        ones (another text, or read by another version) each replaced in its own. One answer per
        letter: False (and nothing written) for a letter stored already as it would be now; the
        letters' IRIs must differ."""
        from asckg.graph.model.nquads import nquads_of

        written: list[bool] = []
        fresh: list[LetterQuads | SerializedLetter] = []
        changed: list[LetterQuads | SerializedLetter] = []
        for quads, reading in batch:
            previous = self.stored_reading(quads.iri)
            written.append(previous != reading)
            if previous is None:
                fresh.append(quads)
            elif previous != reading:
                changed.append(quads)
        if not (fresh or changed):
            return written
        index = self._begin_answer_writes()
        for quads in changed:
            try:
                self.raw.update(_replace_graph_update(quads.iri, quads.letter, quads.codification))
            except OSError as err:
                raise StoreError(f"{self.path}: cannot write letter {quads.iri}: {_os_reason(err)}") from err
            self._index_answers(index, [quads], replace=True)
        if fresh:
            # One load of the batch's N-Quads is one transaction (Oxigraph applies a load whole or
            # not at all), parsed in Rust without making a Python object per quad. ``lenient`` skips
            # re-validating IRIs: these N-Quads are Oxigraph's own serialization of terms it built.
            try:
                self.raw.load(b"".join(nquads_of(quads) for quads in fresh), format=ox.RdfFormat.N_QUADS,
                              lenient=True)
            except OSError as err:
                raise StoreError(f"{self.path}: cannot write letters: {_os_reason(err)}") from err
            self._index_answers(index, fresh, replace=False)
        return written

    # -- the answer index (asckg.graph.store.answers) ---------------------------------------------
    def answer_rows(self, node_iri: str) -> list[bytes] | None:
        """The answer rows of the letters citing ``node_iri`` from the answer index, as
        ``asckg cites -f json`` prints them (UTF-8); None when the store has no complete index
        (ask the graph instead)."""
        if not self.read_only:
            index: AnswerIndex | None = self._writer_index()
        else:
            if self._answers is None:
                self._check_open()
                self._answers = AnswerIndex.reader(self.path)
            index = self._answers
        return None if index is None or self._answers_writing else index.rows(node_iri)

    def refresh_answers(self) -> int | None:
        """Make the answer index whole: marked complete if every letter written since the store was
        opened went into it, else rebuilt from the graph's rows. The rows written by a rebuild, or
        None when there was nothing to rebuild. Ingest calls this once its letters are written."""
        if self.read_only:
            return None
        index = self._writer_index()
        if self._complete_in_step(index) or (not self._answers_writing and index.is_complete()):
            return None
        from asckg.queries import load_query

        self.flush()
        rows = ((s["letter"].value, s["target"].value, s["row"].value)
                for s in self.query(load_query("answer_index_rows")))
        try:
            count = index.rebuild(rows)
            self.flush()
            index.mark_complete()
        except sqlite3.Error as err:
            raise _index_error(index.path, err) from err
        self._answers_writing = False
        return count

    def _complete_in_step(self, index: AnswerIndex) -> bool:
        """Mark the index complete if letters were written since the store was opened and every one
        of them went into it (the session ends); whether it did."""
        if not (self._answers_writing and self._answers_in_step):
            return False
        try:
            index.mark_complete()
        except sqlite3.Error as err:
            raise _index_error(index.path, err) from err
        self._answers_writing = False
        return True

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError(f"{self.path}: the store is closed")

    def _writer_index(self) -> AnswerIndex:
        if self._answers is None:
            self._check_open()
            try:
                self._answers = AnswerIndex.writer(self.path)
            except sqlite3.Error as err:
                raise _index_error(self.path / FILE_NAME, err) from err
        return self._answers

    def _begin_answer_writes(self) -> AnswerIndex:
        """Before the first letter of this session is written: the index marked incomplete, and
        whether it is in step with the graph noted (complete, or the graph holds no answer yet)."""
        index = self._writer_index()
        if not self._answers_writing:
            try:
                in_step = index.is_complete()
                if not in_step and next(self.raw.quads_for_pattern(None, _ANSWER_ROW, None, None), None) is None:
                    index.clear()  # no letter cites anything yet: the empty index is the right one
                    in_step = True
                index.mark_incomplete()
            except sqlite3.Error as err:
                raise _index_error(index.path, err) from err
            self._answers_writing = True
            self._answers_in_step = in_step
        return index

    def _index_answers(self, index: AnswerIndex, letters: list[LetterQuads | SerializedLetter], *,
                       replace: bool) -> None:
        if not self._answers_in_step:
            return  # rebuilt from the graph when ingest ends (refresh_answers)
        try:
            index.put(((quads.iri, quads.answers) for quads in letters), replace=replace)
        except sqlite3.Error as err:
            self._answers_in_step = False  # the letters are stored; the index stays incomplete
            raise _index_error(index.path, err) from err

    def flush(self) -> None:
        """Write what the store holds in memory to disk (and free that memory)."""
        if not self.read_only:
            try:
                self.raw.flush()
            except OSError as err:
                raise StoreError(f"{self.path}: cannot write: {_os_reason(err)}") from err

    def release(self) -> None:
        """Give back the memory the database holds for what it has read and written: flushed, closed
        and opened again. RocksDB keeps the index and filter blocks of every file it has opened (at
        200,000 letters, with the write buffers, about half a gigabyte), which nothing else frees.
        Ingest calls this between writing letters and linking them."""
        if self.read_only:
            return
        self.close()  # flushed, and the database dropped: it closes here
        self._store = self._open()
        self._closed = False

    def update(self, sparql_update: str) -> None:
        """Run a SPARQL update in one transaction."""
        try:
            self.raw.update(sparql_update)
        except OSError as err:
            raise StoreError(f"{self.path}: cannot write: {_os_reason(err)}") from err

    def ask(self, sparql: str) -> bool:
        """The answer of an ASK query over the union of the graphs."""
        return bool(self.query(sparql))

    def replace_graph(self, graph_iri: str, quads: list[ox.Quad]) -> None:
        """Swap one whole named graph for these quads, in one transaction."""
        try:
            self.raw.update(_replace_graph_update(graph_iri, quads))
        except OSError as err:
            raise StoreError(f"{self.path}: cannot write graph {graph_iri}: {_os_reason(err)}") from err

    def clear_graph(self, graph_iri: str) -> None:
        """Empty one named graph, :data:`CLEAR_CHUNK` quads to a transaction, flushed after each.

        Not one transaction: Oxigraph holds a whole transaction in memory, and removing the links
        graph of 200,000 letters (1.3 million quads) at once took 1.7 GB and 50 s. The caller makes
        an interrupted clear harmless (the relink runs under its stale mark).
        """
        graph = ox.NamedNode(graph_iri)
        try:
            while True:
                chunk = list(islice(self.raw.quads_for_pattern(None, None, None, graph), CLEAR_CHUNK))
                if not chunk:
                    break
                named = [q for q in chunk if not _has_blank(q)]
                if named:
                    body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in named)
                    self.raw.update(f"DELETE DATA {{ GRAPH {graph} {{\n{body}\n}} }}")
                for quad in chunk:  # DELETE DATA takes no blank node: those go one by one
                    if _has_blank(quad):
                        self.raw.remove(quad)
                if not self.read_only:
                    self.raw.flush()
        except OSError as err:
            raise StoreError(f"{self.path}: cannot clear graph {graph_iri}: {_os_reason(err)}") from err

    def add_quads(self, quads: list[ox.Quad]) -> None:
        """Add quads in one transaction (a part of a graph too large to write in one)."""
        try:
            self.raw.extend(quads)
        except OSError as err:
            raise StoreError(f"{self.path}: cannot write: {_os_reason(err)}") from err

    def remove_letter(self, letter_iri: str) -> None:
        """Drop a letter's graph (the Codification nodes it cited stay: others may cite them)."""
        index = self._begin_answer_writes()
        self.raw.remove_graph(ox.NamedNode(letter_iri))
        if self._answers_in_step:
            try:
                index.remove(letter_iri)
            except sqlite3.Error as err:
                self._answers_in_step = False
                raise _index_error(index.path, err) from err

    # -- reading ---------------------------------------------------------------------------------
    def query(self, sparql: str, bindings: Mapping[str, Any] | None = None):
        """Run a SPARQL query over the union of all graphs.

        ``bindings`` maps variable names to pyoxigraph terms; they are substituted as terms, never
        pasted into the query text.
        """
        substitutions = {ox.Variable(k): v for k, v in (bindings or {}).items()}
        try:
            return self.raw.query(sparql, use_default_graph_as_union=True, substitutions=substitutions)
        except SyntaxError as err:
            raise StoreError(f"malformed SPARQL query: {err}") from err

    def select(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """A SELECT query's rows as dicts of Python values (str, int, None for unbound)."""
        return list(self.iter_rows(sparql, bindings))

    def column(self, sparql: str, name: str, bindings: Mapping[str, Any] | None = None) -> list[str | None]:
        """One variable's values over a SELECT query's rows, as strings (None where unbound): the
        lean path for a lookup that returns thousands of rows."""
        return [None if term is None else term.value for term in
                (solution[name] for solution in self.query(sparql, bindings))]

    def iter_rows(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> Iterator[dict[str, Any]]:
        """The rows of :meth:`select` one at a time, as the engine gives them: for reading every
        letter of a large store without holding every row."""
        result = self.query(sparql, bindings)
        names = [v.value for v in result.variables]
        for solution in result:
            yield {name: _py(solution[name]) for name in names}

    def quads(self, subject: Any = None, predicate: Any = None, object: Any = None,  # noqa: A002
              graph: Any = None) -> Iterator[ox.Quad]:
        """The quads that match the given terms (None matches anything)."""
        return self.raw.quads_for_pattern(subject, predicate, object, graph)

    def named_graphs(self) -> Iterator[ox.NamedNode]:
        return (g for g in self.raw.named_graphs() if isinstance(g, ox.NamedNode))

    def dump(self, output: Any, format: ox.RdfFormat, *, prefixes: Mapping[str, str] | None = None) -> Any:  # noqa: A002
        """Every quad (every triple of the union, for a format without graphs) serialised to ``output``."""
        if prefixes:
            return self.raw.dump(output, format, prefixes=dict(prefixes))
        return self.raw.dump(output, format)

    def __len__(self) -> int:
        return len(self.raw)

    def stats(self) -> dict[str, int]:
        """Counts of letters, companies, citations, distinct references and triples."""
        from asckg.queries import load_query

        row = self.select(load_query("stats"))[0]
        out = {k: int(v or 0) for k, v in row.items()}
        out["triples"] = len(self)
        return out

    def dataset(self):
        """The store as an rdflib ``Dataset`` (oxrdflib), sharing this store's connection."""
        from oxrdflib import OxigraphStore
        from rdflib import Dataset

        return Dataset(store=OxigraphStore(store=self.raw))


def _index_error(path: Path, err: sqlite3.Error) -> StoreError:
    return StoreError(f"{path}: cannot write the answer index: {err}")


def _has_blank(quad: ox.Quad) -> bool:
    return isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode)


def _replace_graph_update(graph_iri: str, quads: list[ox.Quad], extra: list[ox.Quad] | None = None) -> str:
    """One SPARQL update that swaps a named graph's content, and adds ``extra`` quads elsewhere."""
    graph = f"<{graph_iri}>"
    body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
    update = f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n{body}\n}} }}"
    if extra:
        more = "\n".join(f"GRAPH {q.graph_name} {{ {q.subject} {q.predicate} {q.object} . }}" for q in extra)
        update += f" ;\nINSERT DATA {{\n{more}\n}}"
    return update


def _py(term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        if dt.endswith(("#integer", "#int", "#long")):
            return int(term.value)
        return term.value
    return term.value


def _os_reason(err: OSError) -> str:
    text = str(err)
    if "lock" in text.lower():
        return "another asckg process has it open (wait for it to finish)"
    if "Read-only file system" in text or "Permission denied" in text:
        return "no permission to write there (read-only?)"
    if "No space left" in text or "File too large" in text:
        return "the disk is full (or a file size limit was reached); what was stored before is intact"
    return text.splitlines()[0] if text else err.__class__.__name__
