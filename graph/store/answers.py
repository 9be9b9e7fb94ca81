"""The answer index: ``asckg cites``'s stored answer rows, kept by cited node in one SQLite file.

Every citation in the graph carries its whole answer row (``asckg:answerRow``), so the letters citing
a node are one graph lookup and one literal each. At 200,000 letters that is still about 35
microseconds a row, most of it fetching each row's literal from wherever RocksDB put it: 57-69 ms for
the 1,616 letters citing 606-10-25-19. This index holds the same rows side by side, ordered by
(node, date, letter id), so a node's rows are one range read in a B-tree: a few milliseconds.

Each row is kept as ``asckg cites -f json`` prints it (:func:`asckg.graph.model.answer_rows.printed`:
the references in reading order, json's default spacing), so a command or the server can send a node's rows as they
are, without decoding and encoding thousands of letters again.

The index lives inside the store's directory (``asckg-answers.sqlite3``, a name RocksDB leaves
alone), so a store moves, copies and is deleted with it. The embedded store keeps it in step
(:class:`~asckg.graph.store.embedded.LetterStore`): before the first letter of a session is written
the index is marked incomplete, each batch of letters stored in the graph is then written here, and
the mark is cleared when the session ends in step. A reader uses the index only while it is marked
complete and otherwise asks the graph, so a crash, a full disk or a write that failed halfway can
make lookups slower, never wrong. ``asckg ingest`` rebuilds an index that is missing or incomplete
from the graph's own rows (:meth:`AnswerIndex.rebuild`).
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Iterable
from urllib.parse import quote

from asckg.graph.model.answer_rows import index_row_of_literal

#: The index's file, inside the store's directory.
FILE_NAME = "asckg-answers.sqlite3"
#: The layout of the tables; an index of another layout is rebuilt (by ingest) or not read.
LAYOUT = "2"
#: Rows written per transaction when the index is rebuilt from the graph.
REBUILD_CHUNK = 20_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    node TEXT NOT NULL,    -- the cited node's IRI
    date TEXT NOT NULL,    -- the letter's date, '' when it has none
    id TEXT NOT NULL,      -- the letter's id, as printed
    letter TEXT NOT NULL,  -- the letter's IRI (its graph's name)
    row TEXT NOT NULL,     -- the asckg:answerRow, as printed (answer_rows.printed)
    PRIMARY KEY (node, date, id, letter)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS answers_of_letter ON answers (letter);
"""

_INSERT = "INSERT OR REPLACE INTO answers (node, date, id, row, letter) VALUES (?, ?, ?, ?, ?)"
_DELETE_LETTER = "DELETE FROM answers WHERE letter = ?"

#: A letter's rows as the model builds them (asckg.graph.model.answer_rows.index_row):
#: (node IRI, date or "", letter id, the row as printed).
Answers = Iterable[tuple[str, str, str, str]]


class AnswerIndex:
    """One connection to a store's answer index, for reading (:meth:`reader`) or writing (:meth:`writer`)."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path
        # One read at a time on the connection: the server's threads share a store, and two
        # interleaved BEGINs would fail (and send both lookups to the slower graph).
        self._lock = threading.Lock()

    # -- opening ---------------------------------------------------------------------------------
    @classmethod
    def reader(cls, store_dir: Path) -> "AnswerIndex | None":
        """The index of the store at ``store_dir`` opened read-only, or None if it has none (or one
        that cannot be read: the caller then asks the graph)."""
        path = Path(store_dir) / FILE_NAME
        if not path.is_file():
            return None
        try:
            db = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True,
                                 timeout=10, isolation_level=None, check_same_thread=False)
        except sqlite3.Error:
            return None
        return cls(db, path)

    @classmethod
    def writer(cls, store_dir: Path) -> "AnswerIndex":
        """The index of the store at ``store_dir`` for writing, made if missing; a file that is not a
        readable index (a crash of the machine mid-write, say) is replaced by an empty, incomplete one."""
        path = Path(store_dir) / FILE_NAME
        try:
            return cls._open_writable(path)
        except sqlite3.DatabaseError:
            path.unlink(missing_ok=True)
            Path(f"{path}-journal").unlink(missing_ok=True)
            return cls._open_writable(path)

    @classmethod
    def _open_writable(cls, path: Path) -> "AnswerIndex":
        db = sqlite3.connect(str(path), timeout=30, isolation_level=None, check_same_thread=False)
        try:
            # Each session ends by marking the index complete with a synchronous commit, which makes
            # every page before it durable too; until then an incomplete index is never read, so
            # the writes in between need not wait for the disk.
            db.execute("PRAGMA synchronous = OFF")
            db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID")
            index = cls(db, path)
            if index._meta().get("layout") != LAYOUT:  # new, or of an older layout: made again, empty
                with index._transaction():
                    db.execute("DROP TABLE IF EXISTS answers")
                    db.execute("DELETE FROM meta")
                    db.execute("INSERT INTO meta VALUES ('layout', ?), ('complete', '0')", (LAYOUT,))
            db.executescript(_SCHEMA)
            return index
        except BaseException:
            db.close()
            raise

    def close(self) -> None:
        self._db.close()

    # -- reading ---------------------------------------------------------------------------------
    def rows(self, node_iri: str) -> list[bytes] | None:
        """The answer rows of the letters citing ``node_iri`` as printed (UTF-8 bytes, as they are
        stored: nothing decoded to be encoded again on the way out), by date then id, one per
        letter id (the first: two files of one letter), or None when the index is not complete
        and so cannot be trusted."""
        with self._lock:
            try:
                self._db.execute("BEGIN")  # the mark and the rows from one snapshot
                try:
                    if not self._complete():
                        return None
                    seen: set[str] = set()
                    rows: list[bytes] = []
                    for letter_id, row in self._db.execute(
                            "SELECT id, CAST(row AS BLOB) FROM answers WHERE node = ? ORDER BY date, id, letter",
                            (node_iri,)):
                        if letter_id not in seen:
                            seen.add(letter_id)
                            rows.append(row)
                    return rows
                finally:
                    self._db.execute("COMMIT")
            except sqlite3.Error:
                return None

    def is_complete(self) -> bool:
        """Whether the index holds every answer row of the graph it sits in."""
        try:
            return self._complete()
        except sqlite3.Error:
            return False

    def _complete(self) -> bool:
        meta = self._meta()
        return meta.get("layout") == LAYOUT and meta.get("complete") == "1"

    def _meta(self) -> dict[str, str]:
        return dict(self._db.execute("SELECT key, value FROM meta").fetchall())

    # -- writing ---------------------------------------------------------------------------------
    def mark_incomplete(self) -> None:
        """Say that letters are about to be written: readers ask the graph until :meth:`mark_complete`."""
        with self._transaction():
            self._db.execute("INSERT OR REPLACE INTO meta VALUES ('complete', '0')")

    def mark_complete(self) -> None:
        """Say that the index holds every answer row of the graph again; written to disk before it returns."""
        self._db.execute("PRAGMA synchronous = FULL")
        try:
            with self._transaction():
                self._db.execute("INSERT OR REPLACE INTO meta VALUES ('complete', '1')")
        finally:
            self._db.execute("PRAGMA synchronous = OFF")

    def clear(self) -> None:
        """Drop every row."""
        with self._transaction():
            self._db.execute("DELETE FROM answers")

    def put(self, letters: Iterable[tuple[str, Answers]], *, replace: bool) -> None:
        """Write the rows of these (letter IRI, rows) in one transaction; with ``replace``, each
        letter's earlier rows go first (a letter whose text changed)."""
        with self._transaction():
            for letter_iri, answers in letters:
                if replace:
                    self._db.execute(_DELETE_LETTER, (letter_iri,))
                self._db.executemany(_INSERT, ((*row, letter_iri) for row in answers))

    def remove(self, letter_iri: str) -> None:
        """Drop one letter's rows."""
        with self._transaction():
            self._db.execute(_DELETE_LETTER, (letter_iri,))

    def rebuild(self, rows: Iterable[tuple[str, str, str]]) -> int:
        """Replace every row with ``rows`` of (letter IRI, node IRI, asckg:answerRow literal), as
        the graph holds them; the index is left incomplete (the caller marks it). Returns the rows written."""
        self.mark_incomplete()
        self.clear()
        written = 0
        chunk: list[tuple[str, str, str, str, str]] = []
        for letter_iri, node_iri, row in rows:
            chunk.append((*index_row_of_literal(node_iri, row), letter_iri))
            if len(chunk) >= REBUILD_CHUNK:
                written += self._insert(chunk)
        return written + self._insert(chunk)

    def _insert(self, chunk: list[tuple[str, str, str, str, str]]) -> int:
        with self._transaction():
            self._db.executemany(_INSERT, chunk)
        n = len(chunk)
        chunk.clear()
        return n

    def _transaction(self) -> "_Transaction":
        return _Transaction(self._db)


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK if the block raised."""

    __slots__ = ("_db",)

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, *rest: object) -> None:
        if kind is None:
            self._db.execute("COMMIT")
        elif self._db.in_transaction:  # SQLite may have rolled back already (a full disk)
            self._db.execute("ROLLBACK")
