"""What the commands share: the --store option, the consoles, output formats."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape as rich_escape

from asckg.graph.store import DEFAULT_STORE

#: Data goes to stdout, messages to stderr, so output pipes cleanly.
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

StoreOption = Annotated[
    str,
    typer.Option(
        "--store",
        envvar="ASCKG_STORE",
        help="Store: a directory (embedded Oxigraph) or a SPARQL server URL (http://host:7878 for Oxigraph server; fuseki+, graphdb+, virtuoso+, neptune+ prefixes for others); default $ASCKG_STORE, else ./asckg-store.",
        show_default=False,
    ),
]

JobsOption = Annotated[
    int,
    typer.Option("--jobs", "-j", min=1, help="Worker processes for extraction.", show_default=True),
]
TimeoutOption = Annotated[
    float,
    typer.Option("--timeout", min=0.1, help="Seconds one letter may take before it is skipped as failed.", show_default=True),
]

#: The default shown in --help; typer reads ASCKG_STORE itself.
STORE_DEFAULT = DEFAULT_STORE


class TableFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


def report_error(error: Exception) -> None:
    """One line on stderr naming the file (or thing) and the problem."""
    err.print(f"[bold red]error:[/bold red] {rich_escape(str(error))}")
