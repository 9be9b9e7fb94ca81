"""What a corpus manifest says about the letters' companies: their industry sector.

A store read from plain text files has no SIC code (that comes from EDGAR submission headers), so
``asckg topics --by industry`` and ``asckg reviews --by industry`` would put every letter in one
"unknown" group. A corpus often comes with a manifest that names each letter's industry sector
(``../shared/corpus/manifest.csv``: columns ``id`` and ``industry``). ``asckg ingest --manifest FILE``
reads such a CSV (a header naming ``id``, the letter's id: its file name without extension, and
``industry`` or ``sector``) and gives the company of each stored letter it lists that sector, as
``asckg:industrySector`` in a named graph of its own (:data:`~asckg.graph.model.iris.MANIFEST_GRAPH`),
replaced whole each time: the letters' own graphs are not touched. Where the sector and a SIC code are
both known, the industry groups use the SIC code.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from typing import Mapping

import pyoxigraph as ox

from asckg.core.errors import InputError
from asckg.graph.model.build import node
from asckg.graph.model.iris import MANIFEST_GRAPH
from asckg.graph.model.namespace import ASCKG
from asckg.graph.store import Store

#: The columns that may name the sector, in the order they are looked for.
SECTOR_COLUMNS = ("industry", "sector")

_COMPANIES = """PREFIX asckg: <https://w3id.org/asckg/ns#>
SELECT ?id ?company WHERE { ?letter asckg:letterId ?id ; asckg:aboutCompany ?company }"""


def read_sectors(path: str | Path) -> dict[str, str]:
    """The sector of each letter id a manifest lists (rows with an empty sector left out).

    Raises :class:`InputError` naming the file and the problem: missing, not UTF-8 text, no header
    with ``id`` and a sector column.
    """
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            rows = csv.DictReader(f)
            header = [h.strip().lower() for h in rows.fieldnames or []]
            if "id" not in header:
                raise InputError(path, "not a manifest: its first line names no 'id' column")
            column = next((c for c in SECTOR_COLUMNS if c in header), None)
            if column is None:
                raise InputError(path, "not a manifest: its first line names no 'industry' or 'sector' column")
            names = dict(zip(header, rows.fieldnames or []))
            out: dict[str, str] = {}
            for row in rows:
                key, sector = (row.get(names["id"]) or "").strip(), (row.get(names[column]) or "").strip()
                if key and sector:
                    out[key] = sector
            return out
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, not a manifest file") from None
    except UnicodeDecodeError:
        raise InputError(path, "not a manifest: not UTF-8 text") from None
    except csv.Error as error:
        raise InputError(path, f"not a manifest: {error}") from None


def apply_sectors(store: Store, sectors: Mapping[str, str]) -> int:
    """Give each stored letter's company the sector the manifest lists for the letter (the most
    common one, where its letters are listed with several), replacing what an earlier manifest gave.
    The number of companies given a sector."""
    votes: dict[str, Counter[str]] = {}
    for row in store.select(_COMPANIES):
        sector = sectors.get(row["id"])
        if sector:
            votes.setdefault(row["company"], Counter())[sector] += 1
    graph = node(str(MANIFEST_GRAPH))
    predicate = node(str(ASCKG.industrySector))
    quads = [ox.Quad(node(company), predicate, ox.Literal(min(counts, key=lambda s: (-counts[s], s))), graph)
             for company, counts in sorted(votes.items())]
    store.replace_graph(str(MANIFEST_GRAPH), quads)
    return len(quads)
