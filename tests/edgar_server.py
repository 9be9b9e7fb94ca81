"""A stand-in for sec.gov and data.sec.gov on 127.0.0.1, for the ``asckg fetch`` tests.

:func:`build_tree` lays out EDGAR's paths (``/Archives/edgar/full-index/...``, ``daily-index``,
``data``, ``/submissions/...``) from the real responses in ../shared/edgar/samples (when present) and
from the example letters wrapped in submission headers (always). :class:`EdgarServer` serves that tree
over real sockets as EDGAR does (gzip when asked, S3's 403 for a missing index, 404 for a missing
filing), logs every request with its time and User-Agent, and plays faults on purpose: a 429 with
Retry-After, a 503, a connection cut mid-body, a truncated gzip stream, a stall until released.
"""

from __future__ import annotations

import gzip
import json
import threading
import time
from dataclasses import dataclass
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from conftest import CORPUS, REPO

#: The real EDGAR responses beside the corpus (../shared/edgar/samples; follows ASCKG_CORPUS).
SAMPLES = CORPUS.parent / "edgar" / "samples"
EXAMPLES = REPO / "examples" / "letters"


@dataclass(frozen=True)
class Letter:
    """A filing the test tree holds, as an index lists it."""

    cik: str
    accession: str
    form: str
    company: str
    filed: date
    disseminated: date  #: the day EDGAR lists it (its index's day)
    body: bytes

    @property
    def path(self) -> str:
        return f"/Archives/edgar/data/{self.cik}/{self.accession}.txt"

    @property
    def filename(self) -> str:
        return f"{self.cik}_{self.accession}.txt"


#: The example letters' companies, with header values made up for the tests (SIC, state, year end,
#: staff office, file number, the filing under review).
EXAMPLE_HEADERS = {
    "1013871_0000000000-16-081594": ("NRG Energy, Inc.", "ELECTRIC SERVICES [4911]", "DE", "1231", "Office of Energy & Transportation", "001-15891", "0001013871-16-000053"),
    "11544_0000000000-17-014278": ("W. R. Berkley Corporation", "FIRE, MARINE & CASUALTY INSURANCE [6331]", "DE", "1231", "Office of Finance", "001-15202", "0000011544-17-000013"),
    "865752_0000000000-18-014626": ("Monster Beverage Corp", "BOTTLED & CANNED SOFT DRINKS & CARBONATED WATERS [2086]", "DE", "1231", "Office of Manufacturing", "001-18761", "0001628280-18-002309"),
    "1513761_0000000000-18-026944": ("Norwegian Cruise Line Holdings Ltd.", "WATER TRANSPORTATION [4400]", "D0", "1231", "Office of Transportation and Leisure", "001-35784", "0001513761-18-000011"),
    "860731_0000000000-25-003720": ("Tyler Technologies, Inc.", "SERVICES-PREPACKAGED SOFTWARE [7372]", "DE", "1231", "Office of Technology", "001-10485", "0000860731-25-000011"),
}
#: The example letters' dates (examples/SOURCES.md).
EXAMPLE_DATES = {
    "1013871_0000000000-16-081594": "2016-06-22", "11544_0000000000-17-014278": "2017-04-25",
    "865752_0000000000-18-014626": "2018-05-09", "1513761_0000000000-18-026944": "2018-08-29",
    "860731_0000000000-25-003720": "2025-04-07",
}


def wrap_letter(stem: str, text: str, disseminated: date) -> bytes:
    """An example letter as EDGAR serves a staff letter: SGML header, then the letter as text."""
    cik, accession = stem.split("_")
    company, sic, state, fye, office, file_no, reviewed = EXAMPLE_HEADERS[stem]
    filed = date.fromisoformat(EXAMPLE_DATES[stem])
    header = (
        f"<SEC-DOCUMENT>{accession}.txt : {disseminated:%Y%m%d}\n"
        f"<SEC-HEADER>{accession}.hdr.sgml : {disseminated:%Y%m%d}\n"
        f"<ACCEPTANCE-DATETIME>{filed:%Y%m%d}120000\n<PRIVATE-TO-PUBLIC>\n"
        f"ACCESSION NUMBER:\t\t{accession}\nCONFORMED SUBMISSION TYPE:\tUPLOAD\nPUBLIC DOCUMENT COUNT:\t\t1\n"
        f"FILED AS OF DATE:\t\t{filed:%Y%m%d}\n\nFILED FOR:\t\t\n\n\tCOMPANY DATA:\t\n"
        f"\t\tCOMPANY CONFORMED NAME:\t\t\t{company}\n\t\tCENTRAL INDEX KEY:\t\t\t{int(cik):010d}\n"
        f"\t\tSTANDARD INDUSTRIAL CLASSIFICATION:\t{sic}\n\t\tORGANIZATION NAME:           \t{office}\n"
        f"\t\tIRS NUMBER:\t\t\t\t000000000\n\t\tSTATE OF INCORPORATION:\t\t\t{state}\n"
        f"\t\tFISCAL YEAR END:\t\t\t{fye}\n\n\tFILING VALUES:\n\t\tFORM TYPE:\t\tUPLOAD\n"
        f"\t\tSEC FILE NUMBER:\t{file_no}\nPUBLIC REFERENCE ACCESSION NUMBER:\t\t{reviewed}\n</SEC-HEADER>\n"
    )
    document = (f"<DOCUMENT>\n<TYPE>TEXT-EXTRACT\n<SEQUENCE>1\n<FILENAME>filename1.txt\n<TEXT>\n"
                f"{text.rstrip()}\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n")
    return (header + document).encode("utf-8")


def example_letters() -> list[Letter]:
    """The five example staff letters that have an accession, released 40 days after their date."""
    out = []
    for stem, day in EXAMPLE_DATES.items():
        filed = date.fromisoformat(day)
        released = filed + timedelta(days=40)
        body = wrap_letter(stem, (EXAMPLES / f"{stem}.txt").read_text(encoding="utf-8"), released)
        cik, accession = stem.split("_")
        out.append(Letter(cik, accession, "UPLOAD", EXAMPLE_HEADERS[stem][0], filed, released, body))
    return out


#: The real comment-letter filings in the samples: path under samples/, form, company, filed, released
#: (the date after " : " in their headers).
SAMPLE_FILINGS = [
    ("Archives/edgar/data/320193/000000000024003505/0000000000-24-003505.txt", "UPLOAD", "Apple Inc.", "2024-04-02", "2024-06-14"),
    ("Archives/edgar/data/320193/000032019324000061/0000320193-24-000061.txt", "CORRESP", "Apple Inc.", "2024-04-29", "2024-06-14"),
    ("Archives/edgar/data/320193/000000000024005673/0000000000-24-005673.txt", "UPLOAD", "Apple Inc.", "2024-05-16", "2024-06-14"),
    ("Archives/edgar/data/1875558/000000000026001655/0000000000-26-001655.txt", "UPLOAD", "Nuvectis Pharma, Inc.", "2026-02-18", "2026-03-20"),
    ("Archives/edgar/data/1875558/000110465926017097/0001104659-26-017097.txt", "CORRESP", "Nuvectis Pharma, Inc.", "2026-02-18", "2026-03-20"),
    ("Archives/edgar/data/65873/000006587305000060/0000065873-05-000060.txt", "CORRESP", "ALLTEL CORP", "2005-06-23", "2006-05-01"),
]


def sample_letters() -> list[Letter]:
    """The six real UPLOAD and CORRESP submissions of the samples (empty when they are absent)."""
    if not SAMPLES.is_dir():
        return []
    out = []
    for rel, form, company, filed, released in SAMPLE_FILINGS:
        parts = rel.split("/")
        out.append(Letter(parts[3], parts[5].removesuffix(".txt"), form, company, date.fromisoformat(filed),
                          date.fromisoformat(released), (SAMPLES / rel).read_bytes()))
    return out


_INDEX_HEAD = (
    "Description:           {what}\nLast Data Received:    {day:%b %d, %Y}\nComments:              webmaster@sec.gov\n"
    "Anonymous FTP:         ftp://ftp.sec.gov/edgar/\n \n \n \n"
    "Form Type   Company Name                                                  CIK         Date Filed  File Name\n"
    + "-" * 141 + "\n"
)


def index_row(form: str, company: str, cik: str, filed: str, file_name: str) -> str:
    """One fixed-width form.idx row, as EDGAR pads it (a value longer than its column pushes the
    rest right, a space after it)."""
    return f"{form:<11} {company:<61} {cik:<11} {filed:<11} {file_name}".ljust(150) + "\n"


def form_index(rows: list[Letter], day: date, *, daily: bool, extra: str = "") -> bytes:
    """A form.idx (quarterly, dates YYYY-MM-DD) or form.YYYYMMDD.idx (daily, dates YYYYMMDD)."""
    what = "Daily Index of EDGAR Dissemination Feed by Form Type" if daily else "Master Index of EDGAR Dissemination Feed by Form Type"
    text = _INDEX_HEAD.format(what=what, day=day)
    # Other forms too, as in every real index: the fetch must pass them over.
    text += index_row("10-K", "Some Other Company Inc", "1234567", f"{day:%Y%m%d}" if daily else day.isoformat(),
                      "edgar/data/1234567/0001234567-00-000001.txt")
    for letter in sorted(rows, key=lambda r: (r.form, r.company)):
        filed = f"{letter.filed:%Y%m%d}" if daily else letter.filed.isoformat()
        text += index_row(letter.form, letter.company, letter.cik, filed, f"edgar/data/{letter.cik}/{letter.accession}.txt")
    return (text + extra).encode("latin-1")


def submissions_doc(cik: str, company: str, letters: list[Letter]) -> bytes:
    """A compact submissions JSON with ``filings.recent`` columns, as data.sec.gov serves it."""
    mine = sorted((x for x in letters if x.cik == cik), key=lambda x: x.filed, reverse=True)
    recent = {
        "accessionNumber": [x.accession for x in mine], "filingDate": [x.filed.isoformat() for x in mine],
        "form": [x.form for x in mine], "primaryDocument": ["filename1.pdf" if x.form == "UPLOAD" else "filename1.htm" for x in mine],
    }
    doc = {"cik": f"{int(cik):010d}", "name": company, "filings": {"recent": recent, "files": []}}
    return json.dumps(doc, separators=(",", ":")).encode()


def quarter(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def build_tree(letters: list[Letter], today: date, *, first_year: int = 2005, bad_line_in: date | None = None) -> dict[str, bytes]:
    """EDGAR's paths for ``letters`` as of ``today``: a form.idx for every quarter from
    ``first_year`` to the one before today's, a daily index for each day of today's quarter a
    letter was released on, each filing, and a submissions JSON per company. With ``bad_line_in``,
    the index listing that day gets a malformed row."""
    tree: dict[str, bytes] = {}
    this_quarter = quarter(today)
    by_period: dict[object, list[Letter]] = {}
    for letter in letters:
        tree[letter.path] = letter.body
        released = letter.disseminated
        key = released if quarter(released) == this_quarter else quarter(released)
        by_period.setdefault(key, []).append(letter)
    bad = "UPLOAD      A Row Cut Short                                                  12\n"
    year, q = first_year, 1
    while (year, q) < this_quarter:
        rows = by_period.get((year, q), [])
        extra = bad if bad_line_in is not None and quarter(bad_line_in) == (year, q) else ""
        last = date(year, 3 * q, 28)
        tree[f"/Archives/edgar/full-index/{year}/QTR{q}/form.idx"] = form_index(rows, last, daily=False, extra=extra)
        year, q = (year + 1, 1) if q == 4 else (year, q + 1)
    for key, rows in by_period.items():
        if isinstance(key, date):
            extra = bad if bad_line_in == key else ""
            tree[f"/Archives/edgar/daily-index/{key.year}/QTR{quarter(key)[1]}/form.{key:%Y%m%d}.idx"] = \
                form_index(rows, key, daily=True, extra=extra)
    companies = {x.cik: x.company for x in letters}
    for cik, company in companies.items():
        tree[f"/submissions/CIK{int(cik):010d}.json"] = submissions_doc(cik, company, letters)
    if SAMPLES.is_dir():  # the real Apple document, which also lists filings the tree lacks (404s)
        tree["/submissions/CIK0000320193.json"] = (SAMPLES / "submissions" / "CIK0000320193.json").read_bytes()
    return tree


_S3_403 = (b'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>')


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:  # a client that hangs up is no news here
        pass


@dataclass(frozen=True)
class Request:
    at: float  #: time.monotonic() when the request line arrived
    path: str
    user_agent: str | None
    accept_encoding: str | None


class EdgarServer:
    """The tree served over HTTP on 127.0.0.1, with faults queued per path."""

    def __init__(self, tree: dict[str, bytes]) -> None:
        self.tree = tree
        self.faults: dict[str, list[str]] = {}
        self.log: list[Request] = []
        self.release = threading.Event()
        self.stalled = threading.Event()
        self._lock = threading.Lock()
        self._httpd = _QuietServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def __enter__(self) -> EdgarServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def fault(self, path: str, *kinds: str) -> None:
        """Play ``kinds`` on the next requests of ``path``, one each, then serve it normally."""
        self.faults.setdefault(path, []).extend(kinds)

    def requests(self, prefix: str = "") -> list[Request]:
        with self._lock:
            return [r for r in self.log if r.path.startswith(prefix)]

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go out in two writes

            def log_message(self, *args) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                with server._lock:
                    server.log.append(Request(time.monotonic(), self.path, self.headers.get("User-Agent"),
                                              self.headers.get("Accept-Encoding")))
                    queued = server.faults.get(self.path)
                    fault = queued.pop(0) if queued else None
                body = server.tree.get(self.path)
                if fault == "429":
                    return self._send(429, b"Too Many Requests", extra={"Retry-After": "1"})
                if fault == "503":
                    return self._send(503, b"Service Unavailable")
                if body is None:
                    if "/full-index/" in self.path or "/daily-index/" in self.path:
                        return self._send(403, _S3_403, ctype="application/xml")
                    return self._send(404, b"<Error><Code>NoSuchKey</Code></Error>", ctype="application/xml")
                gz = "gzip" in (self.headers.get("Accept-Encoding") or "")
                payload = gzip.compress(body, mtime=0) if gz else body
                headers = {"Content-Encoding": "gzip"} if gz else {}
                if fault == "truncgzip":
                    payload = gzip.compress(body, mtime=0)[: len(gzip.compress(body, mtime=0)) * 2 // 3]
                    return self._send(200, payload, extra={"Content-Encoding": "gzip"})
                if fault in ("cut", "stall"):
                    self.send_response(200)
                    self.send_header("Content-Type", "text/plain")
                    self.send_header("Content-Length", str(len(payload)))
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(payload[: len(payload) // 2])
                    self.wfile.flush()
                    if fault == "stall":
                        server.stalled.set()
                        server.release.wait(60)
                    self.close_connection = True
                    return
                self._send(200, payload, extra=headers)

            def _send(self, status: int, payload: bytes, *, ctype: str = "text/plain", extra: dict | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(payload)))
                for k, v in (extra or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(payload)

        return Handler


