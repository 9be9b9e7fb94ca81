"""EDGAR's lists of filings, parsed: quarterly and daily index files, submissions JSON, index periods.

Pure (standard library only): text in, frozen dataclasses out. A malformed index row is returned as
a problem naming its line, never raised, so one bad row does not lose the rest of an index.

>>> rows, problems = parse_index([
...     "Form Type   Company Name                                                  CIK         Date Filed  File Name",
...     "-" * 40,
...     "UPLOAD      Apple Inc.                                                    320193      20240402    edgar/data/320193/0000000000-24-003505.txt",
... ])
>>> rows[0].filename, rows[0].filed, problems
('320193_0000000000-24-003505.txt', '2024-04-02', [])
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

#: The forms of comment letters: the staff's letters (UPLOAD) and the companies' responses (CORRESP).
LETTER_FORMS = ("UPLOAD", "CORRESP")

_ACCESSION = r"\d{10}-\d{2}-\d{6}"
_FILE_NAME = re.compile(rf"edgar/data/(?P<cik>\d{{1,10}})/(?:\d{{18}}/)?(?P<accession>{_ACCESSION})\.txt")
_DATE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")
# A form.idx row after its form type: the company name (it may hold runs of spaces), the CIK, the
# date filed (YYYYMMDD in daily indexes, YYYY-MM-DD in quarterly ones) and the file name.
_FORM_ROW_TAIL = re.compile(r"^(?P<company>.*?)\s+(?P<cik>\d{1,10})\s+(?P<filed>\d{4}-?\d{2}-?\d{2})\s+(?P<file>\S+)\s*$")


@dataclass(frozen=True, slots=True, order=True)
class Filing:
    """One filing as an index lists it; ordered by date filed, then accession."""

    filed: str  #: YYYY-MM-DD
    accession: str  #: 0000320193-24-000061
    cik: str  #: without leading zeros
    form: str
    company: str

    @property
    def filename(self) -> str:
        """The local file name, ``<CIK>_<accession>.txt``, which ``asckg ingest`` reads both from."""
        return f"{self.cik}_{self.accession}.txt"

    @property
    def path(self) -> str:
        """The complete submission text file under the EDGAR root."""
        return f"/Archives/edgar/data/{self.cik}/{self.accession}.txt"


@dataclass(frozen=True, slots=True)
class Period:
    """The span one index file covers: a quarter (full-index) or a day (daily-index)."""

    year: int
    quarter: int
    day: date | None = None

    @property
    def key(self) -> str:
        """``2024-QTR1`` for a quarter, ``2026-12-01`` for a day."""
        return self.day.isoformat() if self.day else f"{self.year}-QTR{self.quarter}"

    @property
    def path(self) -> str:
        """The index's path under the EDGAR root."""
        if self.day is None:
            return f"/Archives/edgar/full-index/{self.year}/QTR{self.quarter}/form.idx"
        return f"/Archives/edgar/daily-index/{self.year}/QTR{self.quarter}/form.{self.day:%Y%m%d}.idx"

    @property
    def last_day(self) -> date:
        """The last day whose filings the index lists."""
        if self.day is not None:
            return self.day
        return quarter_start(self.year, self.quarter + 1) - timedelta(days=1) if self.quarter < 4 \
            else date(self.year, 12, 31)


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter_start(year: int, quarter: int) -> date:
    return date(year, 3 * (quarter - 1) + 1, 1)


def periods(since: date, today: date) -> list[Period]:
    """The indexes that list every letter filed on or after ``since``, as of ``today``.

    Letters are listed on the day EDGAR releases them, weeks to months after the date filed that the
    index shows, so a letter filed on ``since`` may be in any later index: every quarter from
    ``since``'s to the one before ``today``'s (full-index), then each weekday of ``today``'s quarter
    up to ``today`` (daily-index).

    >>> [p.key for p in periods(date(2026, 6, 30), date(2026, 10, 6))]
    ['2026-QTR2', '2026-QTR3', '2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06']
    """
    year, quarter = quarter_of(min(since, today))
    now_year, now_quarter = quarter_of(today)
    out: list[Period] = []
    while (year, quarter) < (now_year, now_quarter):
        out.append(Period(year, quarter))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    day = quarter_start(now_year, now_quarter)
    while day <= today:
        if day.weekday() < 5:
            out.append(Period(now_year, now_quarter, day))
        day += timedelta(days=1)
    return out


def iso_date(value: str) -> str | None:
    """``20240402`` or ``2024-04-02`` as ``2024-04-02``; None for anything else."""
    m = _DATE.fullmatch(value.strip())
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


def parse_index(lines: Iterable[str], forms: Container[str] | None = None) -> tuple[list[Filing], list[str]]:
    """The filings of a ``form.idx`` (fixed width, quarterly or daily) or ``master.idx`` (pipes),
    and one problem line (``line N: ...``) for each data row that cannot be read.

    With ``forms``, rows of other form types are passed over unread (a quarter's index lists some
    300,000 filings, a few thousand of them comment letters). Raises ValueError for a file with no
    index header at all (an error page served as the index).
    """
    filings: list[Filing] = []
    problems: list[str] = []
    company_at: int | None = None
    pipes = False
    in_rows = False
    for number, raw in enumerate(lines, 1):
        line = raw.rstrip("\r\n")
        if not in_rows:
            if line.startswith("Form Type") and "Company Name" in line:
                company_at = line.index("Company Name")
            elif line.startswith("CIK|Company Name|Form Type"):
                pipes = True
            elif line.startswith("---") and (company_at is not None or pipes):
                in_rows = True
            continue
        if not line.strip():
            continue
        if forms is not None and _form_of(line, pipes, company_at or 12) not in forms:
            continue
        try:
            filing = _pipe_row(line) if pipes else _form_row(line, company_at or 12)
        except ValueError as exc:
            shown = line.strip()
            problems.append(f"line {number}: {exc}: {shown[:100]!r}")
            continue
        filings.append(filing)
    if not in_rows:
        raise ValueError("not an EDGAR index (no 'Form Type' or 'CIK|Company Name' column line)")
    return filings, problems


def _form_of(line: str, pipes: bool, company_at: int) -> str:
    if pipes:
        cells = line.split("|", 3)
        return cells[2].strip().upper() if len(cells) > 2 else ""
    return line[:company_at].strip().upper()


def _form_row(line: str, company_at: int) -> Filing:
    form = line[:company_at].strip()
    m = _FORM_ROW_TAIL.match(line[company_at:])
    if not form or not m:
        raise ValueError("malformed row")
    return _filing(form, m["company"], m["cik"], m["filed"], m["file"])


def _pipe_row(line: str) -> Filing:
    cells = line.split("|")
    if len(cells) != 5:
        raise ValueError(f"malformed row ({len(cells)} fields, not 5)")
    cik, company, form, filed, file_name = (c.strip() for c in cells)
    return _filing(form, company, cik, filed, file_name)


def _filing(form: str, company: str, cik: str, filed: str, file_name: str) -> Filing:
    m = _FILE_NAME.fullmatch(file_name)
    if not m:
        raise ValueError(f"malformed file name {file_name!r}")
    if not cik.isdigit() or int(cik) != int(m["cik"]):
        raise ValueError(f"CIK {cik!r} does not match the file name")
    day = iso_date(filed)
    if day is None:
        raise ValueError(f"malformed date filed {filed!r}")
    return Filing(day, m["accession"], str(int(cik)), form.strip().upper(), " ".join(company.split()))


@dataclass(frozen=True, slots=True)
class OverflowPage:
    """An older page of a company's filings: ``CIK##########-submissions-001.json``."""

    name: str
    first: str  #: the earliest date filed on the page
    last: str  #: the latest


def parse_submissions(doc: Mapping[str, Any]) -> tuple[list[Filing], list[OverflowPage]]:
    """The filings of a ``submissions/CIK##########.json`` document (its ``filings.recent``) and
    the overflow pages it names; an overflow page itself (columns at the top) gives its filings."""
    cik = str(int(doc.get("cik") or 0)) if str(doc.get("cik") or "").isdigit() else None
    company = " ".join(str(doc.get("name") or "").split())
    filings_doc = doc.get("filings")
    columns = filings_doc.get("recent", {}) if isinstance(filings_doc, Mapping) else doc
    pages = [
        OverflowPage(str(f["name"]), iso_date(str(f.get("filingFrom", ""))) or "",
                     iso_date(str(f.get("filingTo", ""))) or "9999-12-31")
        for f in (filings_doc.get("files", []) if isinstance(filings_doc, Mapping) else [])
        if isinstance(f, Mapping) and f.get("name")
    ]
    return list(_columns(columns, cik, company)), pages


def _columns(columns: Mapping[str, Any], cik: str | None, company: str) -> Iterator[Filing]:
    accessions = columns.get("accessionNumber") or []
    forms = columns.get("form") or []
    dates = columns.get("filingDate") or []
    for accession, form, filed in zip(accessions, forms, dates):
        day = iso_date(str(filed))
        if cik is None or day is None or not re.fullmatch(_ACCESSION, str(accession)):
            continue
        yield Filing(day, str(accession), cik, str(form).strip().upper(), company)


def cik_padded(cik: str) -> str:
    """The 10-digit form a submissions document is named by: ``CIK0000320193``."""
    return f"CIK{int(cik):010d}"
