"""Link letters to each other: replies, answers to comments, prior comments, conversations, reviews.

Links cross letters, so they cannot live in one letter's graph: the facts of every stored letter are
read from the store, the links are planned by :func:`asckg.ingest.links.plan_links` (which holds the
rules), and written to one links graph, rebuilt after each ingest (in chunks, under the stale mark, so
that an interrupted relink is redone by the next ingest).
"""

from __future__ import annotations

import sys
from collections import defaultdict

from pyoxigraph import Literal, Quad

from asckg.core import settings
from asckg.graph.model import iris
from asckg.graph.model.build import node
from asckg.graph.model.namespace import ASCKG
from asckg.graph.store import Store
from asckg.ingest.links import LetterFacts, LinkReport, plan_links
from asckg.queries import load_query

__all__ = ["LinkReport", "is_stale", "load_facts", "mark_stale", "relink"]


def load_facts(store: Store) -> dict[str, LetterFacts]:
    """The facts linking needs, of every stored letter, keyed by the letter's IRI.

    Held lean (a relink of 200,000 letters holds them all): the few distinct values of dates, kinds,
    types, commitments and offices are interned, and a letter's sets are made only when it has any.
    """
    letters: dict[str, LetterFacts] = {}
    for row in store.iter_rows(load_query("letters_index")):
        if row["letter"] not in letters:  # one row per letter unless a letter had two kinds
            letters[row["letter"]] = LetterFacts(row["letter"], row["key"], _intern(row["date"]),
                                                 _intern(row["kind"]), row["company"])
    prior_dates: dict[str, set[str]] = defaultdict(set)
    prior_comments: dict[str, set[int]] = defaultdict(set)
    commitments: dict[str, set[str]] = defaultdict(set)
    for row in store.iter_rows(load_query("letters_priors")):
        if row["letter"] not in letters:
            continue
        if row["priorDate"]:
            prior_dates[row["letter"]].add(sys.intern(row["priorDate"]))
        if row["priorComment"] is not None:
            prior_comments[row["letter"]].add(int(row["priorComment"]))
    for row in store.iter_rows(load_query("letters_comments")):
        letter = letters.get(row["letter"])
        if letter is not None:
            letter.comments.setdefault(int(row["number"]), row["comment"])
    for row in store.iter_rows(load_query("letters_outcomes")):
        letter = letters.get(row["letter"])
        if letter is None:
            continue
        letter.letter_type = letter.letter_type or _intern(row["letterType"])
        if row["commitment"]:
            commitments[row["letter"]].add(sys.intern(row["commitment"]))
        letter.reference = letter.reference or row["reference"]
        letter.office = letter.office or _intern(row["office"])
        letter.signature_office = letter.signature_office or _intern(row["signatureOffice"])
    for iri, dates in prior_dates.items():
        letters[iri].prior_dates = frozenset(dates)
    for iri, numbers in prior_comments.items():
        letters[iri].prior_comments = frozenset(numbers)
    for iri, given in commitments.items():
        letters[iri].commitments = frozenset(given)
    return letters


def _intern(value: str | None) -> str | None:
    return None if value is None else sys.intern(value)


_STATE = f"<{iris.STATE_GRAPH}>"
_STALE = f"<{iris.STATE_GRAPH}> <{ASCKG.linksStale}> true"


def mark_stale(store: Store) -> None:
    """Say, before letters are written, that the links graph no longer matches them; a relink clears
    it. An ingest killed between the two leaves the mark, and the next ingest relinks."""
    store.update(f"INSERT DATA {{ GRAPH {_STATE} {{ {_STALE} }} }}")


def is_stale(store: Store) -> bool:
    """Whether letters were written since the links graph was last rebuilt."""
    return store.ask(f"ASK {{ GRAPH {_STATE} {{ {_STALE} }} }}")


def relink(store: Store) -> LinkReport:
    """Work out every link between stored letters and replace the links graph with them."""
    letters = load_facts(store)
    report = LinkReport()
    graph = node(iris.LINKS_GRAPH)
    # Written as they are planned, in transactions of settings.RELINK_CHUNK quads, after the old
    # links are cleared: at 200,000 letters the links graph has about a million quads, and made whole
    # in memory and written as one update it took gigabytes. Not one transaction, but the stale mark
    # (cleared below, only once all is written) makes the next ingest relink if this one is interrupted.
    mark_stale(store)
    store.clear_graph(str(iris.LINKS_GRAPH))
    chunk: dict[Quad, None] = {}

    def write() -> None:
        report.quads += len(chunk)
        store.add_quads(list(chunk))
        chunk.clear()
        # RocksDB holds what was written in memory tables until they are flushed; a million
        # link quads left there held over a gigabyte. (A server's store has nothing to flush.)
        store.flush()

    for s, p, o in plan_links(letters, report):
        chunk[Quad(node(s), node(p), o if isinstance(o, Literal) else node(o), graph)] = None
        if len(chunk) >= settings.RELINK_CHUNK:
            write()
    write()
    store.update(f"DROP SILENT GRAPH {_STATE}")  # the state graph holds only the stale mark
    return report
