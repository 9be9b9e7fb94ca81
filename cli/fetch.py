"""``asckg fetch``: keep a folder of comment letters from EDGAR current, and ingest what is new."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from asckg.cli.common import STORE_DEFAULT, StoreOption, err, out, report_error
from asckg.core import settings
from asckg.core.errors import FetchError


def _day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


def fetch(
    folder: Annotated[Path, typer.Argument(help="Folder the letters are kept in, one <CIK>_<accession>.txt per filing.", file_okay=False)],
    since: Annotated[str, typer.Option("--since", help="First date filed (YYYY-MM-DD).")] = settings.FETCH_SINCE,
    until: Annotated[str | None, typer.Option("--until", help="Last date filed (YYYY-MM-DD) [default: today].", show_default=False)] = None,
    cik: Annotated[list[str] | None, typer.Option("--cik", help="Only this company (repeat for more); read from its submissions JSON.", show_default=False)] = None,
    form: Annotated[list[str] | None, typer.Option("--form", help="Form types to fetch (repeat) [default: UPLOAD and CORRESP].", show_default=False)] = None,
    user_agent: Annotated[str | None, typer.Option("--user-agent", envvar="ASCKG_USER_AGENT", help='Who you are, as EDGAR asks: "Name email@example.com" (required; or $ASCKG_USER_AGENT).', show_default=False)] = None,
    edgar_url: Annotated[str, typer.Option("--edgar-url", envvar="ASCKG_EDGAR_URL", help="Root of EDGAR's /Archives/edgar/ (a mirror or proxy may stand in).")] = settings.DEFAULT_EDGAR_URL,
    data_url: Annotated[str, typer.Option("--data-url", envvar="ASCKG_DATA_URL", help="Root of /submissions/CIK##########.json.")] = settings.DEFAULT_DATA_URL,
    rate: Annotated[float, typer.Option("--rate", min=0.1, max=settings.FETCH_RATE, help="Requests per second, at most the SEC's 10.")] = settings.FETCH_RATE,
    workers: Annotated[int, typer.Option("--workers", min=1, max=16, help="Downloads in flight at once (all share --rate).")] = settings.FETCH_WORKERS,
    retries: Annotated[int, typer.Option("--retries", min=0, max=20, help="Retries of a request after a 429, a 5xx, a cut connection or a bad gzip stream.")] = settings.FETCH_ATTEMPTS - 1,
    ingest: Annotated[bool, typer.Option("--ingest", help="Then ingest the files fetched and not yet ingested into the store.")] = False,
    store: StoreOption = STORE_DEFAULT,
) -> None:
    """Download comment letters from EDGAR into FOLDER, as EDGAR serves them.

    Lists the letters filed from --since to --until in EDGAR's quarterly and daily form indexes
    (or, with --cik, in each company's submissions JSON) and downloads each filing's complete
    submission text file not already in FOLDER. A second run fetches only what is new; an
    interrupted one leaves no partial file and resumes. A filing or index that cannot be fetched
    is named on one line and the rest go on; the exit code is then 1.
    """
    from asckg.edgar.client import Client, check_user_agent
    from asckg.edgar.fetch import FetchRequest, fetch as run_fetch
    from asckg.edgar.indexes import LETTER_FORMS

    try:
        agent = check_user_agent(user_agent)
    except FetchError as error:
        report_error(error)
        raise typer.Exit(2) from None
    first, last = _day(since), _day(until)
    assert first is not None
    if last is not None and last < first:
        raise typer.BadParameter(f"--until {until} is before --since {since}")
    ciks = tuple(dict.fromkeys(str(int(c)) for c in (cik or []) if c.strip().isdigit()))
    if cik and len(ciks) != len({c.strip() for c in cik}):
        raise typer.BadParameter("--cik takes a number (the company's Central Index Key)")
    request = FetchRequest(folder, since=first, until=last, ciks=ciks,
                           forms=tuple(dict.fromkeys(f.strip().upper() for f in form)) if form else LETTER_FORMS)
    started = time.monotonic()
    with Client(agent, rate=rate, attempts=retries + 1, workers=workers) as client, Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(), console=err, transient=True,
    ) as progress:
        task = progress.add_task("listing", total=None, rate="")

        def listed(todo: int, present: int) -> None:
            progress.update(task, description="fetching", total=todo, completed=0)

        def done(filing, error: FetchError | None) -> None:
            if error is not None:
                report_error(error)
            progress.advance(task)
            elapsed = progress.tasks[0].elapsed or 0
            if elapsed > 1:
                progress.update(task, rate=f"{progress.tasks[0].completed / elapsed:.1f} files/s")

        def index(key: str) -> None:
            progress.update(task, description=f"listing {key}")

        report = run_fetch(request, client, edgar_url=edgar_url, data_url=data_url, workers=workers,
                           on_problem=report_error, on_listed=listed, on_done=done, on_index=index)
        counters = client.counters
    seconds = time.monotonic() - started
    out.print(
        f"letters listed {report.listed}: fetched {len(report.fetched)} ({report.bytes / 1e6:.1f} MB), "
        f"already here {report.present}, failed {len(report.failed)}; "
        f"index problems {len(report.index_problems)}; {counters.requests} request{'s' if counters.requests != 1 else ''} "
        f"({counters.retries} retried) in {seconds:.1f} s into {escape(str(folder))}"
    )
    failed = bool(report.failed or report.index_problems)
    if ingest:
        _ingest_pending(folder, store)
    if failed:
        raise typer.Exit(1)


def _ingest_pending(folder: Path, store: str) -> None:
    """Ingest the files fetched into ``folder`` and not yet ingested, with ``asckg ingest`` itself."""
    from asckg.cli.ingest import ingest
    from asckg.edgar.state import FetchState

    state = FetchState(folder)
    paths = [str(folder / name) for name in state.pending if (folder / name).is_file()]
    if not paths:
        out.print("nothing new to ingest")
        return
    try:
        ingest(paths, store=store, jobs=None, timeout=settings.EXTRACT_TIMEOUT, scheduler=None)
    except typer.Exit as stop:
        if stop.exit_code not in (0, 1):  # 1: some files could not be read, and the rest were stored
            raise
        state.clear_pending()
        raise
    state.clear_pending()
