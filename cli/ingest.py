"""``asckg ingest``: read letters into the store, one named graph per letter."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from asckg.core import settings
from asckg.cli.common import STORE_DEFAULT, JobsOption, StoreOption, TimeoutOption, err, out, report_error
from asckg.core.errors import InputError
from asckg.graph.store import open_store


def ingest(
    paths: Annotated[list[str], typer.Argument(help="Letter files or directories (txt, md, html, pdf, EDGAR .txt).")],
    store: StoreOption = STORE_DEFAULT,
    jobs: JobsOption = None,
    timeout: TimeoutOption = settings.EXTRACT_TIMEOUT,
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Run extraction on a Dask cluster: its scheduler's address (tcp://HOST:8786). The store is written from here.")] = None,
    manifest: Annotated[Optional[Path], typer.Option("--manifest", help="A corpus manifest (CSV with columns id and industry or sector, like ../shared/corpus/manifest.csv): each stored letter's company gets the sector it lists, for --by industry where no SIC code is known. Replaces what an earlier manifest gave.", show_default=False)] = None,
) -> None:
    """Read letters, find what they cite and store the graph.

    A bad file is reported on one line and skipped; the rest are stored, and the exit code is 1.
    A letter whose text is already stored, read by this version of asckg and its topic model, is
    not read again, so an interrupted ingest resumes where it stopped and ingesting the same files
    twice changes nothing; a letter an older version read is read again and replaced.
    """
    from asckg.graph.model.build import MAX_CITING_MENTIONS
    from asckg.ingest.batch import default_jobs
    from asckg.ingest.run import run_ingest  # spaCy loads here, not for every command
    from asckg.nlp.readers import count_files

    def omitted(record, n: int) -> None:
        where = InputError(record.path, "").path  # control characters escaped, as errors show them
        err.print(f"warning: {where}: {n:,} citations beyond the first {MAX_CITING_MENTIONS:,} "
                  f"are not stored (asckg:omittedMentions {n})", markup=False)

    from asckg.ingest.manifest import read_sectors

    try:
        sectors = read_sectors(manifest) if manifest is not None else None
    except InputError as error:
        report_error(error)
        raise typer.Exit(1) from None
    with open_store(store) as db, Progress(
        TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(), console=err, transient=True,
    ) as progress:
        task = progress.add_task("ingest", total=count_files(paths), rate="")

        def advance() -> None:
            progress.advance(task)
            elapsed = progress.tasks[0].elapsed or 0
            if elapsed > 1:
                progress.update(task, rate=f"{progress.tasks[0].completed / elapsed:.0f} letters/s")

        result = run_ingest(paths, db, jobs=jobs or default_jobs(), timeout=timeout, scheduler=scheduler,
                            on_file=advance, on_error=report_error, on_omitted=omitted, sectors=sectors)
    report, links, total = result.report, result.links, result.triples
    out.print(
        f"letters {report.letters} (stored {report.stored}, unchanged {report.unchanged}), "
        f"citations {report.citations}, triples in store {total}, files failed {report.failed}"
    )
    if links is not None:
        out.print(
            f"links: {links.responses_linked} of {links.responses} responses linked to the staff letter they answer, "
            f"{links.conversations} conversations, {links.placeholders} earlier letters not stored"
        )
    if result.sectors is not None and sectors is not None:
        out.print(f"sectors: {result.sectors} companies given the sector {manifest} lists for their letters "
                  f"({len(sectors)} letters listed)", markup=False)
    if report.failed:
        raise typer.Exit(1)
