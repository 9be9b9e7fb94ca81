"""What the commands share: the --store option, the consoles, output formats."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated

import typer
from asckg.cli.console import err, out, report_error  # noqa: F401  (re-exported for the commands)
from asckg.core.settings import DEFAULT_STORE

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
    int | None,
    typer.Option("--jobs", "-j", min=1, help="Worker processes for extraction (default: every core).", show_default=False),
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


class TextFormat(str, Enum):
    """--format of the commands that print for reading (text) or for programs (json)."""

    text = "text"
    json = "json"


def day_or_year(value: str | None, end: bool) -> str | None:
    """A --since/--until value as an ISO day: a year is its first day, or with ``end`` its last."""
    if value is None:
        return None
    value = value.strip()
    if len(value) == 4 and value.isdigit():
        return f"{value}-12-31" if end else f"{value}-01-01"
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a day (YYYY-MM-DD) or a year") from None
