"""``asckg cites``: which letters cite a Codification reference."""

from __future__ import annotations

import csv
import io
import json
from typing import Annotated

import typer
from rich.table import Table

from asckg.cli.common import STORE_DEFAULT, StoreOption, TableFormat, err, out
from asckg.graph.search import cites as find_citing
from asckg.graph.store import open_store


def cites(
    reference: Annotated[str, typer.Argument(help='What to look for, as you would write it: "985-605-25-12", "ASC 985-605-25-12", "Topic 606", "985-605", "SOP 97-2", "SAB Topic 13", "S-K 303".')],
    exact: Annotated[bool, typer.Option("--exact", help="Match only this node, not what lies under it.")] = False,
    via: Annotated[bool, typer.Option("--via/--no-via", help="Also list letters citing an older standard that went into this part of the Codification (SOP 97-2 for 985-605).")] = True,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="table, json (a list of objects) or csv.")] = TableFormat.table,
    store: StoreOption = STORE_DEFAULT,
) -> None:
    """List the letters that cite REFERENCE, or anything under it unless --exact.

    A part of the Codification also lists the letters that cite an older standard that went
    there, marked "via" (turn that off with --no-via).
    """
    with open_store(store, read_only=True) as db:
        hits = find_citing(db, reference, exact=exact, via=via)
    rows = [hit.dump() for hit in hits]
    if fmt is TableFormat.json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt is TableFormat.csv:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["id", "date", "company", "kind", "citations", "refs", "via", "context"])
        for r in rows:
            writer.writerow([r["id"], r["date"] or "", r["company"] or "", r["kind"] or "",
                             " | ".join(r["citations"]), " | ".join(r["refs"]), " | ".join(r["via"]), r["context"]])
        typer.echo(buffer.getvalue(), nl=False)
    else:
        table = Table(show_lines=True)
        table.add_column("letter", no_wrap=True)
        table.add_column("date", no_wrap=True)
        table.add_column("company", ratio=1)
        table.add_column("kind")
        table.add_column("cites", ratio=1)
        table.add_column("context", ratio=2)
        for r in rows:
            cited = "\n".join(r["citations"])
            if r["via"]:
                cited += "\n(via " + ", ".join(r["via"]) + ")"
            table.add_row(r["id"], r["date"] or "", r["company"] or "", r["kind"] or "", cited, r["context"])
        out.print(table)
        err.print(f"{len(rows)} letter{' cites' if len(rows) == 1 else 's cite'} {reference}"
                  f"{' (exactly)' if exact else ' or something under it'}")
