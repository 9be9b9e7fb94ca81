"""The ``asckg`` command: one typer app, one module per command.

Library code raises :class:`~asckg.core.errors.AsckgError`; this is the one place that turns such an
error into a single line on stderr and exit code 2 (usage and reference errors) or 1 (the job failed).
"""

from __future__ import annotations

import sys

import typer

from asckg import __version__
from asckg.cli.cites import cites
from asckg.cli.common import report_error
from asckg.cli.export import export
from asckg.cli.extract import extract
from asckg.cli.fetch import fetch
from asckg.cli.guidance import guidance
from asckg.cli.ingest import ingest
from asckg.cli.plot import plot
from asckg.cli.query import query
from asckg.cli.reviews import reviews
from asckg.cli.serve import serve
from asckg.cli.stats import stats
from asckg.cli.show import show
from asckg.cli.thread import thread
from asckg.cli.topics import topics, train_topics
from asckg.cli.validate import validate
from asckg.cli.view import view
from asckg.core.errors import AsckgError, BadReference

app = typer.Typer(
    name="asckg",
    help="SEC comment letters as a knowledge graph of the accounting guidance they cite.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command()(extract)
app.command()(ingest)
app.command()(cites)
app.command()(guidance)
app.command()(show)
app.command()(thread)
app.command()(stats)
app.command()(query)
app.command()(export)
app.command()(view)
app.command()(plot)
app.command()(serve)
app.command()(validate)
app.command()(fetch)
app.command()(reviews)
app.command()(topics)
app.command(name="train-topics")(train_topics)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"asckg {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """SEC comment letters as a knowledge graph of the accounting guidance they cite."""


def main() -> None:
    """Entry point of the console script and of ``python -m asckg``."""
    try:
        app()
    except BadReference as error:
        report_error(error)
        sys.exit(2)
    except AsckgError as error:
        report_error(error)
        sys.exit(1)
