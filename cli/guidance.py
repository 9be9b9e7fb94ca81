"""``asckg guidance``: what a reference is, where older standards went, who cites it."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from asckg.cli.common import STORE_DEFAULT, StoreOption, TextFormat, out
from asckg.graph.ask.describe import describe
from asckg.graph.store import open_store


def guidance(
    reference: Annotated[str, typer.Argument(help='A reference: "985-605", "ASC 606-10-25-19", "SOP 97-2", "SAB Topic 13", "S-K 303".')],
    fmt: Annotated[TextFormat, typer.Option("--format", "-f", help="text or json.")] = TextFormat.text,
    store: StoreOption = STORE_DEFAULT,
) -> None:
    """Say what REFERENCE is, where older standards went, and how many letters cite it by year.

    For a part of the Codification: its title, status (current or superseded) and place in the
    hierarchy, and the older standards that went there; for an older standard: where it went.
    """
    with open_store(store, read_only=True) as db:
        info = describe(db, reference)
    if fmt is TextFormat.json:
        typer.echo(json.dumps(info.dump(), ensure_ascii=False, indent=2))
        return
    out.print(f"[bold]{escape(info.ref)}[/bold]  {escape(info.title or '(no title in the reference data)')}")
    if info.status:
        out.print(f"status: {info.status}")
    for problem in info.problems:
        out.print(f"[yellow]warning:[/yellow] {escape(problem)}")
    if len(info.hierarchy) > 1:
        out.print("in the Codification:")
        for depth, (ref, title) in enumerate(info.hierarchy):
            out.print(f"{'  ' * (depth + 1)}{escape(ref)}  {escape(title or '')}")
    for entry in info.codified_in:
        extra = f" ({entry['part']})" if entry["part"] else ""
        out.print(f"codified in: {escape(entry['asc'])}{escape(extra)}  [dim]{escape(entry['evidence'])}[/dim]")
    if info.standards_here:
        out.print("older standards that went here:")
        for entry in info.standards_here:
            out.print(f"  {escape(entry['standard'])} -> {escape(entry['asc'])}  {escape(entry['title'])}")
    out.print(f"letters citing it (or anything under it): {info.letters}")
    if info.by_year:
        table = Table("year", "letters")
        for year, n in info.by_year:
            table.add_row(year, str(n))
        out.print(table)
