"""Every setting asckg reads from the environment, and the tuning of ingest, in one place.

Environment variables (each also a command-line option where one exists):

========================  ========================================================================
``ASCKG_STORE``           the store when ``--store`` is not given: a directory or a SPARQL server
``ASCKG_USER_AGENT``      who ``asckg fetch`` says it is to EDGAR ("Name email"); required to fetch
``ASCKG_EDGAR_URL``       the root of EDGAR's ``/Archives/edgar/...`` (default https://www.sec.gov)
``ASCKG_DATA_URL``        the root of ``/submissions/CIK##########.json`` (default https://data.sec.gov)
``ASCKG_PLOTLY_JS``       a plotly.js build to inline in HTML pictures instead of the plotly
                          package's full one (a partial bundle: smaller pages that open faster)
========================  ========================================================================

The ingest constants below were measured on a 2-core machine; they trade memory for speed and are
documented with the reason for each value.
"""

from __future__ import annotations

import os

#: Where the store lives when neither ``--store`` nor ``$ASCKG_STORE`` says.
DEFAULT_STORE = "asckg-store"


def store_spec() -> str:
    """``$ASCKG_STORE``, else ``./asckg-store``."""
    return os.environ.get("ASCKG_STORE") or DEFAULT_STORE


def plotly_js_path() -> str | None:
    """``$ASCKG_PLOTLY_JS``: a plotly.js file to inline in HTML pictures, or None for the plotly
    package's own."""
    return os.environ.get("ASCKG_PLOTLY_JS") or None


# -- extraction -------------------------------------------------------------------------------
#: Seconds one letter may take in extraction before it is given up (local pool and Dask alike).
EXTRACT_TIMEOUT = 60.0
#: Letters a worker process reads before it is replaced by a fresh one: spaCy's vocabulary keeps
#: every string it has seen, so a worker's memory would otherwise grow with the corpus. A fresh
#: worker costs about 1 s of CPU (the pipeline and the topic model loaded), so the bound is high:
#: after the 989 corpus letters a worker holds about 20,000 strings, a few MB.
MAX_LETTERS_PER_WORKER = 10_000
#: Letters per Dask task: large enough to amortise the round trip, small enough to spread the work.
CLUSTER_BATCH = 8

# -- writing ----------------------------------------------------------------------------------
#: Letters written per store transaction.
WRITE_BATCH = 64
#: Quads held before a batch is written, however few letters it has.
MAX_BATCH_QUADS = 200_000
#: Batches handed to the writing thread and not yet written before ingest waits for the oldest:
#: enough to keep the extraction workers busy while one batch is written, a few MB each.
WRITE_QUEUE = 2
#: Batches between flushes of the embedded store's memory tables to disk.
FLUSH_EVERY = 8
#: Link quads written per transaction when letters are relinked.
RELINK_CHUNK = 50_000

# -- fetching from EDGAR ----------------------------------------------------------------------
#: The root under which EDGAR serves ``/Archives/edgar/{full-index,daily-index,data}/...``.
DEFAULT_EDGAR_URL = "https://www.sec.gov"
#: The root of the per-company ``/submissions/CIK##########.json`` documents.
DEFAULT_DATA_URL = "https://data.sec.gov"
#: Requests per second: the SEC's fair-access ceiling for all of one client's machines together.
FETCH_RATE = 10.0
#: Attempts of one request before it is reported as failed (429, 5xx, a cut connection, bad gzip).
FETCH_ATTEMPTS = 5
#: Seconds before the first retry; each later one waits twice as long, up to FETCH_MAX_WAIT.
FETCH_BACKOFF = 0.5
#: The longest wait between two attempts, whatever a Retry-After header asks for.
FETCH_MAX_WAIT = 60.0
#: Seconds without a byte from the server before a request is given up as cut.
FETCH_TIMEOUT = 30.0
#: Downloads in flight at once (they share the one rate limit).
FETCH_WORKERS = 4
#: The first day EDGAR's indexes list comment letters for (staff letters and responses are public
#: from 2005 on).
FETCH_SINCE = "2005-01-01"


def user_agent() -> str | None:
    """``$ASCKG_USER_AGENT``, or None when unset or blank."""
    return (os.environ.get("ASCKG_USER_AGENT") or "").strip() or None


def edgar_url() -> str:
    """``$ASCKG_EDGAR_URL``, else https://www.sec.gov."""
    return os.environ.get("ASCKG_EDGAR_URL") or DEFAULT_EDGAR_URL


def data_url() -> str:
    """``$ASCKG_DATA_URL``, else https://data.sec.gov."""
    return os.environ.get("ASCKG_DATA_URL") or DEFAULT_DATA_URL
