"""A reference's newest letters, a page at a time, and its counts by year and kind.

``asckg cites`` reads every letter that cites a reference; for a Topic at 200,000 letters that is
ten thousand answer rows, read and sorted to show 25. Ingest also puts each citation, and each
topic assignment of a comment, on a *shelf*: one per node, what it holds, month and kind of
letter (``asckg:Shelf``). Counting the shelves gives the letters by year and kind; the newest
letters are read from the newest shelves only, until the page is full. :func:`newest` pages the
letters citing a reference, :func:`newest_about` the comments about it in letters that do not.

A store whose citations are not all on shelves (built before shelves existed) and the options the
shelves do not index (``exact``, ``via=False``: they select within a node's citations) are
answered from the whole answer instead, with the same result, only slower: each function is one
for both ways, and tests compare them.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from itertools import groupby
from typing import TYPE_CHECKING

from pyoxigraph import Literal, NamedNode

from asckg.graph.ask.cites import CitingLetter, answer_letter, cites
from asckg.graph.ask.reference import parse_reference
from asckg.graph.store import Store
from asckg.queries import load_query

if TYPE_CHECKING:
    from asckg.graph.ask.reading import AboutLetter

UNDATED = "undated"


@dataclass(slots=True)
class Shelf:
    """What a node holds (citations, or comments about it) from the letters of one month and kind."""

    iri: str
    month: str  # YYYY-MM or "undated"
    kind: str
    items: int

    @property
    def year(self) -> str:
        return UNDATED if self.month == UNDATED else self.month[:4]


@dataclass(slots=True)
class NewestPage:
    """One page of a reference's letters, newest first, with the counts around it."""

    total: int  # letters citing it (before the year and kind filters)
    matching: int  # letters passing the filters
    by_year: list[tuple[str, int]] = field(default_factory=list)  # all letters, by year ("undated" last)
    by_kind: dict[str, int] = field(default_factory=dict)
    letters: list[CitingLetter] = field(default_factory=list)  # this page, newest first
    from_shelves: bool = False  # read from the shelves (else from the whole answer)


def shelves(store: Store, target_iri: str, holds: str = "citations") -> list[Shelf]:
    """Every shelf of the node that holds something of ``holds`` ("citations", "about-uncited",
    "about-cited")."""
    rows = store.select(load_query("shelves"), {"target": NamedNode(target_iri), "holds": Literal(holds)})
    return [Shelf(row["shelf"], row["month"], row["kind"], int(row["items"])) for row in rows]


def citations_count(store: Store, target_iri: str) -> int:
    """How many letters have a citation of the node stored (on a shelf or not)."""
    rows = store.select(load_query("citations_count"), {"target": NamedNode(target_iri)})
    return int(rows[0]["letters"]) if rows else 0


def newest(store: Store, reference: str, *, year: str | None = None, kind: str | None = None,
           offset: int = 0, limit: int = 25, exact: bool = False, via: bool = True) -> NewestPage:
    """Letters citing ``reference`` newest first (by date, then id, both descending; undated
    last), ``limit`` of them from ``offset``, with ``year`` ("2024" or "undated") and ``kind``
    ("staff", "response", "other") as filters; the same letters ``cites`` finds."""
    target = parse_reference(reference)
    if not exact and via:
        held = shelves(store, target.iri)
        if sum(s.items for s in held) == citations_count(store, target.iri):
            return _from_shelves(store, held, year, kind, offset, limit)
    return _from_answer(cites(store, reference, exact=exact, via=via), year, kind, offset, limit)


def _newest_first(letters: list[CitingLetter]) -> list[CitingLetter]:
    return sorted(letters, key=lambda h: (h.date or "", h.id), reverse=True)


def _passes(year_of: str, kind_of: str | None, year: str | None, kind: str | None) -> bool:
    return (year is None or year_of == year) and (kind is None or kind_of == kind)


def _year(date: str | None) -> str:
    return date[:4] if date else UNDATED


def _by_year(counts: Counter[str]) -> list[tuple[str, int]]:
    # As the store orders them: years as text, so "undated" comes after every year.
    return sorted(counts.items())


def _from_shelves(store: Store, held: list[Shelf], year: str | None, kind: str | None,
                  offset: int, limit: int) -> NewestPage:
    years: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for shelf in held:
        years[shelf.year] += shelf.items
        kinds[shelf.kind] += shelf.items
    chosen = [s for s in held if _passes(s.year, s.kind, year, kind)]
    page = NewestPage(total=sum(years.values()), matching=sum(s.items for s in chosen),
                      by_year=_by_year(years), by_kind=dict(kinds), from_shelves=True)
    # Newest month first, undated last ("" sorts below every month).
    chosen.sort(key=lambda s: "" if s.month == UNDATED else s.month, reverse=True)
    skip = offset
    for _, group in groupby(chosen, key=lambda s: s.month):
        month = list(group)
        size = sum(s.items for s in month)
        if skip >= size:
            skip -= size
            continue
        rows = [row for s in month for row in store.column(load_query("shelf_rows"), "row", {"shelf": NamedNode(s.iri)})]
        letters = [answer_letter(answer) for answer in json.loads("[" + ",".join(r for r in rows if r) + "]")]
        page.letters.extend(_newest_first(letters)[skip:])
        skip = 0
        if len(page.letters) >= limit:
            break
    del page.letters[limit:]
    return page


def _from_answer(hits: list[CitingLetter], year: str | None, kind: str | None, offset: int, limit: int) -> NewestPage:
    years = Counter(_year(h.date) for h in hits)
    kinds = Counter(h.kind or "other" for h in hits)
    chosen = [h for h in hits if _passes(_year(h.date), h.kind or "other", year, kind)]
    return NewestPage(total=len(hits), matching=len(chosen), by_year=_by_year(years), by_kind=dict(kinds),
                      letters=_newest_first(chosen)[offset: offset + limit])


@dataclass(slots=True)
class AboutPage:
    """One page of the comments about a node in letters that do not cite it, newest first."""

    total: int
    comments: list[AboutLetter] = field(default_factory=list)
    from_shelves: bool = False


def about_count(store: Store, target_iri: str) -> int:
    """How many comments are about the node (topic assignments stored, on a shelf or not)."""
    rows = store.select(load_query("about_count"), {"target": NamedNode(target_iri)})
    return int(rows[0]["comments"]) if rows else 0


def newest_about(store: Store, target_iri: str, *, offset: int = 0, limit: int = 25) -> AboutPage:
    """Comments about ``target_iri`` in letters that do not cite it or anything under it, newest
    letter first (then by letter id and the comment's place in it), ``limit`` from ``offset``:
    what :func:`asckg.graph.ask.reading.letters_about` lists, read from the shelves."""
    # reading (and the rdflib it imports) only here: `asckg cites --newest` starts without them
    from asckg.graph.ask.reading import AboutLetter, letters_about

    uncited = shelves(store, target_iri, "about-uncited")
    cited = shelves(store, target_iri, "about-cited")
    if sum(s.items for s in uncited) + sum(s.items for s in cited) != about_count(store, target_iri):
        whole = letters_about(store, target_iri)
        return AboutPage(len(whole), whole[offset: offset + limit])
    page = AboutPage(sum(s.items for s in uncited), from_shelves=True)
    uncited.sort(key=lambda s: "" if s.month == UNDATED else s.month, reverse=True)
    skip = offset
    for _, group in groupby(uncited, key=lambda s: s.month):
        month = list(group)
        size = sum(s.items for s in month)
        if skip >= size:
            skip -= size
            continue
        rows = [row for s in month for row in store.select(load_query("about_shelf_rows"), {"shelf": NamedNode(s.iri)})]
        rows.sort(key=lambda row: (row["id"], row["position"] or 0))
        rows.sort(key=lambda row: row["date"] or "", reverse=True)  # stable: id and position stay in order
        page.comments.extend(AboutLetter(row["id"], row["date"], row["company"], row["kind"], row["number"],
                                         row["text"] or "") for row in rows[skip:])
        skip = 0
        if len(page.comments) >= limit:
            break
    del page.comments[limit:]
    return page
