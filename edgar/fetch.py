"""``asckg fetch`` as a library call: list the letters in EDGAR's indexes, download the new ones.

:func:`list_filings` reads the index periods (or, for given CIKs, the companies' submissions JSON)
and returns the filings wanted; :func:`fetch` downloads those not already in the folder, a few at a
time under the client's one rate limit, each as ``<CIK>_<accession>.txt`` exactly as EDGAR serves
it. A fault with one index or one filing is reported through ``on_problem`` and the run goes on;
nothing is printed here.
"""

from __future__ import annotations

import fcntl
import json
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from asckg.core import settings
from asckg.core.errors import FetchError
from asckg.edgar.client import Client
from asckg.edgar.indexes import LETTER_FORMS, Filing, Period, cik_padded, parse_index, parse_submissions, periods
from asckg.edgar.state import FetchState

#: A downloaded file's name: what ``fetch`` writes and what it recognises as already there.
_LOCAL_NAME = re.compile(r"^(?P<cik>\d{1,10})_(?P<accession>\d{10}-\d{2}-\d{6})\.txt$")


@dataclass(frozen=True)
class FetchRequest:
    """What to fetch: the folder, the dates filed, the companies and forms."""

    folder: Path
    since: date = date.fromisoformat(settings.FETCH_SINCE)
    until: date | None = None
    ciks: tuple[str, ...] = ()
    forms: tuple[str, ...] = LETTER_FORMS
    today: date | None = None  #: the day the indexes are read as of (default: today, UTC)

    def wants(self, filing: Filing) -> bool:
        until = (self.until or date.max).isoformat()
        return (filing.form in self.forms and self.since.isoformat() <= filing.filed <= until
                and (not self.ciks or filing.cik in self.ciks))


@dataclass
class FetchReport:
    """What a run did."""

    listed: int = 0  #: filings wanted
    fetched: list[Path] = field(default_factory=list)  #: files written by this run
    present: int = 0  #: wanted and already in the folder
    failed: list[FetchError] = field(default_factory=list)  #: filings not fetched
    index_problems: list[FetchError] = field(default_factory=list)  #: indexes or index rows not read
    bytes: int = 0  #: bytes written


Listener = Callable[[FetchError], None]


def list_filings(client: Client, request: FetchRequest, state: FetchState, *, edgar_url: str, data_url: str,
                 on_problem: Listener, on_index: Callable[[str], None] = lambda key: None) -> list[Filing]:
    """The filings ``request`` wants, one per accession, by date filed."""
    if request.ciks:
        found = _from_submissions(client, request, state, data_url, on_problem)
    else:
        found = _from_indexes(client, request, state, edgar_url, on_problem, on_index)
    unique: dict[str, Filing] = {}
    for filing in sorted(found):
        if request.wants(filing):
            unique.setdefault(filing.accession, filing)  # co-registrants list one letter under each CIK
    return list(unique.values())


def _from_indexes(client: Client, request: FetchRequest, state: FetchState, edgar_url: str,
                  on_problem: Listener, on_index: Callable[[str], None]) -> list[Filing]:
    today = request.today or _utc_today()
    found: list[Filing] = []
    for period in periods(request.since, today):
        saved = state.complete(period.key, request.forms)
        if saved is not None:
            found += saved
            continue
        on_index(period.key)
        listing = _read_index(client, period, state, edgar_url, request.forms, on_problem)
        if listing is None:
            continue
        found += listing
        if _settled(period, today, found=listing is not _NO_INDEX):
            state.mark_complete(period.key, request.forms, listing)
    return found


#: Days after the last day an index covers before it is taken as final. EDGAR builds its indexes
#: overnight (US Eastern time, hours after midnight UTC), so a quarter's index read on the first of
#: the next quarter may lack the last day, and a day's index may not be there yet the morning after.
SETTLE_DAYS = 3
_NO_INDEX: list[Filing] = []


def _settled(period: Period, today: date, *, found: bool) -> bool:
    """Whether an index read today will not change: a day's index once it is there and the day has
    passed; a quarter's, and a day with no index (a holiday), once SETTLE_DAYS have passed."""
    if period.day is not None and found:
        return period.last_day < today
    return (today - period.last_day).days > SETTLE_DAYS


def _read_index(client: Client, period: Period, state: FetchState, edgar_url: str, forms: tuple[str, ...],
                on_problem: Listener) -> list[Filing] | None:
    """One index's filings; None (and a problem reported) when it could not be read. A daily
    index that is not there is an empty day (a holiday, or not yet published)."""
    url = edgar_url.rstrip("/") + period.path
    tmp = state.partial / f"index-{period.key}.idx"
    try:
        got = client.download(url, tmp.with_suffix(".whole"), tmp, missing_ok=period.day is not None)
    except FetchError as exc:
        on_problem(exc)
        return None
    if got is None:
        return _NO_INDEX
    whole = tmp.with_suffix(".whole")
    try:
        with open(whole, encoding="latin-1") as fh:
            filings, problems = parse_index(fh, frozenset(forms))
    except ValueError as exc:  # not an index: reported, and the period stays unread
        on_problem(FetchError(url, str(exc)))
        return None
    finally:
        whole.unlink(missing_ok=True)
    for problem in problems:
        on_problem(FetchError(url, problem))
    return filings


def _from_submissions(client: Client, request: FetchRequest, state: FetchState, data_url: str,
                      on_problem: Listener) -> list[Filing]:
    found: list[Filing] = []
    since = request.since.isoformat()
    until = (request.until or date.max).isoformat()
    for cik in request.ciks:
        doc = _read_json(client, f"{data_url.rstrip('/')}/submissions/{cik_padded(cik)}.json", state, on_problem)
        if doc is None:
            continue
        filings, pages = parse_submissions(doc)
        found += filings
        for page in pages:
            if page.last >= since and page.first <= until:
                more = _read_json(client, f"{data_url.rstrip('/')}/submissions/{page.name}", state, on_problem)
                if more is not None:
                    # an overflow page has no CIK or name of its own
                    found += parse_submissions({**more, "cik": doc.get("cik"), "name": doc.get("name")})[0]
    return found


def _read_json(client: Client, url: str, state: FetchState, on_problem: Listener) -> dict | None:
    tmp = state.partial / "submissions.json"
    whole = tmp.with_suffix(".whole")
    try:
        client.download(url, whole, tmp)
        doc = json.loads(whole.read_text(encoding="utf-8"))
    except FetchError as exc:
        on_problem(exc)
        return None
    except ValueError as exc:
        on_problem(FetchError(url, f"not JSON ({exc})"))
        return None
    finally:
        whole.unlink(missing_ok=True)
    if not isinstance(doc, dict):
        on_problem(FetchError(url, "not a submissions document"))
        return None
    return doc


def local_accessions(folder: Path) -> set[str]:
    """Accession numbers of the ``<CIK>_<accession>.txt`` files already in ``folder``."""
    try:
        names = [entry.name for entry in Path(folder).iterdir()]
    except FileNotFoundError:
        return set()
    return {m["accession"] for name in names if (m := _LOCAL_NAME.match(name))}


def check_submission(head: bytes, tail: bytes) -> str | None:
    """A problem with a downloaded complete submission file, judged by its ends; None if whole."""
    if b"<SEC-DOCUMENT>" not in head and b"<SEC-HEADER>" not in head:
        return "not an EDGAR submission (no <SEC-DOCUMENT> header)"
    if b"</SEC-DOCUMENT>" not in tail:
        return "incomplete submission (no </SEC-DOCUMENT> at its end)"
    return None


def download_all(client: Client, filings: Iterable[Filing], request: FetchRequest, state: FetchState, *,
                 edgar_url: str, workers: int, report: FetchReport,
                 on_done: Callable[[Filing, FetchError | None], None]) -> None:
    """Download each filing not already in the folder, ``workers`` at a time."""
    folder = request.folder
    folder.mkdir(parents=True, exist_ok=True)
    there = local_accessions(folder)
    todo = [f for f in filings if f.accession not in there]
    report.present += sum(1 for f in filings if f.accession in there)

    def one(filing: Filing) -> int | None:
        url = edgar_url.rstrip("/") + filing.path
        return client.download(url, folder / filing.filename, state.partial / (filing.filename + ".part"),
                               check=check_submission)

    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="fetch") as pool:
        running: dict[Future, Filing] = {}
        queue = iter(todo)
        try:
            while True:
                while len(running) < 2 * max(1, workers):
                    nxt = next(queue, None)
                    if nxt is None:
                        break
                    running[pool.submit(one, nxt)] = nxt
                if not running:
                    break
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                fetched = []
                for future in done:
                    filing = running.pop(future)
                    try:
                        size = future.result()
                    except FetchError as exc:
                        report.failed.append(exc)
                        on_done(filing, exc)
                        continue
                    report.bytes += size or 0
                    report.fetched.append(folder / filing.filename)
                    fetched.append(filing.filename)
                    on_done(filing, None)
                if fetched:
                    state.add_pending(fetched)
        except BaseException:
            for future in running:
                future.cancel()
            raise


def fetch(request: FetchRequest, client: Client, *, edgar_url: str, data_url: str,
          workers: int = settings.FETCH_WORKERS, on_problem: Listener = lambda e: None,
          on_listed: Callable[[int, int], None] = lambda todo, present: None,
          on_done: Callable[[Filing, FetchError | None], None] = lambda f, e: None,
          on_index: Callable[[str], None] = lambda key: None) -> FetchReport:
    """List the filings ``request`` wants and download those not yet in its folder.

    ``on_index`` hears of each index read (its period), ``on_problem`` of each index (or index row)
    that could not be read, ``on_listed`` the number of files to download and already present,
    ``on_done`` of each filing downloaded or failed. One run at a time writes a folder.
    """
    report = FetchReport()
    state = FetchState(request.folder)

    def problem(exc: FetchError) -> None:
        report.index_problems.append(exc)
        on_problem(exc)

    with _folder_lock(state):
        filings = list_filings(client, request, state, edgar_url=edgar_url, data_url=data_url,
                               on_problem=problem, on_index=on_index)
        report.listed = len(filings)
        there = local_accessions(request.folder)
        on_listed(sum(1 for f in filings if f.accession not in there), sum(1 for f in filings if f.accession in there))
        download_all(client, filings, request, state, edgar_url=edgar_url, workers=workers, report=report,
                     on_done=on_done)
    return report


@contextmanager
def _folder_lock(state: FetchState) -> Iterator[None]:
    """Hold the folder's lock (released by the system however the run ends, kill -9 included)."""
    state.root.mkdir(parents=True, exist_ok=True)
    with open(state.root / "lock", "w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise FetchError(str(state.root.parent), "another asckg fetch is writing to this folder") from None
        yield


def _utc_today() -> date:
    from datetime import datetime, timezone

    return datetime.now(timezone.utc).date()
