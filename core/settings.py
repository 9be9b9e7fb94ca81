"""Every setting asckg reads from the environment, and the tuning of ingest, in one place.

Environment variables (each also a command-line option where one exists):

========================  ========================================================================
``ASCKG_STORE``           the store when ``--store`` is not given: a directory or a SPARQL server
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


# -- extraction -------------------------------------------------------------------------------
#: Seconds one letter may take in extraction before it is given up (local pool and Dask alike).
EXTRACT_TIMEOUT = 60.0
#: Letters a worker process reads before it is replaced by a fresh one: spaCy's vocabulary keeps
#: every string it has seen, so a worker's memory would otherwise grow with the corpus.
MAX_LETTERS_PER_WORKER = 2000
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
