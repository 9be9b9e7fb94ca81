"""``asckg validate``: check the store against the graph's SHACL shapes.

Prints ``conforms`` when the graph has no violation (warnings go to stderr), else one line per
problem and exits 1. ``--format json`` prints :meth:`ValidationReport.dump`: ``{conforms,
results, triples, problems: [{severity, focus, path, message, value, shape}]}``.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer

from asckg.cli.common import STORE_DEFAULT, StoreOption, TextFormat, err
from asckg.graph.store import open_store


def validate(
    fmt: Annotated[TextFormat, typer.Option("--format", "-f", help="text (one line per problem) or json.")] = TextFormat.text,
    store: StoreOption = STORE_DEFAULT,
) -> None:
    """Check the store against the SHACL shapes shipped with asckg; exit 1 if it does not conform."""
    from asckg.graph.ask.validate import validate as run  # pySHACL is slow to import

    with open_store(store, read_only=True) as db:
        report = run(db)
    if fmt is TextFormat.json:
        typer.echo(json.dumps(report.dump(), ensure_ascii=False, indent=2))
    elif report.conforms:
        typer.echo("conforms")
        for line in (p.line() for p in report.warnings):
            err.print(line, markup=False, emoji=False)
    else:
        for line in report.lines():
            typer.echo(line)
    summary = (f"{report.triples} triples checked: {len(report.violations)} violation(s), "
               f"{len(report.warnings)} warning(s)")
    err.print(summary, markup=False, emoji=False)
    if not report.conforms:
        raise typer.Exit(1)
