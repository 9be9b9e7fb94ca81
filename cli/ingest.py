"""``asckg ingest``: read letters into the store, one named graph per letter."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from asckg.cli.common import STORE_DEFAULT, StoreOption, err, out, report_error
from asckg.errors import InputError
from asckg.graph.links import relink
from asckg.graph.load import IngestReport, store_record
from asckg.graph.store import LetterStore


def ingest(
    paths: Annotated[list[str], typer.Argument(help="Letter files or directories (txt, md, html, pdf, EDGAR .txt).")],
    store: StoreOption = STORE_DEFAULT,
) -> None:
    """Read letters, find what they cite and store the graph; a bad file is reported and skipped."""
    from asckg.batch import iter_records  # spaCy loads here, not for every command

    report = IngestReport()
    with LetterStore(store) as db, Progress(
        TextColumn("ingesting"), BarColumn(), TextColumn("{task.completed} letters"), TimeElapsedColumn(),
        console=err, transient=True,
    ) as progress:
        task = progress.add_task("ingest", total=None)
        for item in iter_records(paths):
            if isinstance(item, InputError):
                report.failed += 1
                report_error(item)
            else:
                store_record(db, item, report)
            progress.advance(task)
        links = relink(db) if report.stored else None
        total = len(db)
    out.print(
        f"letters {report.letters} (stored {report.stored}, unchanged {report.unchanged}), "
        f"citations {report.citations}, triples in store {total}, files failed {report.failed}"
    )
    if links is not None:
        out.print(
            f"links: {links.responses_linked} of {links.responses} responses linked to the staff letter they answer, "
            f"{links.conversations} conversations, {links.placeholders} earlier letters not stored"
        )
    if report.failed:
        raise typer.Exit(1)
