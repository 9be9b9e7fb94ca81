"""``asckg stats``: how much the store holds."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from asckg.cli.common import STORE_DEFAULT, StoreOption
from asckg.graph.store import open_store


def stats(
    as_json: Annotated[bool, typer.Option("--json", help="Print the counts as one JSON object.")] = False,
    store: StoreOption = STORE_DEFAULT,
) -> None:
    """Count letters, companies, citations, distinct references and triples in the store."""
    with open_store(store, read_only=True) as db:
        counts = db.stats()
    if as_json:
        typer.echo(json.dumps(counts))
    else:
        for key in ("letters", "companies", "citations", "references", "triples"):
            typer.echo(f"{key:<11} {counts[key]}")
