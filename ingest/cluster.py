"""Extraction on a Dask cluster (dask.distributed), for corpora past what one machine reads.

The machine running ``asckg ingest --scheduler tcp://HOST:8786`` reads the files and writes the
store; the cluster's workers run the spaCy pipeline. Letters go out in small batches, at most a few
batches per worker in flight, so the client's memory stays flat; results come back as plain
records and are yielded in input order, with an :class:`~asckg.core.errors.InputError` in place of a
letter whose extraction failed on the cluster. Every worker needs asckg installed (the same
version), which is how Dask's own deployers (dask-kubernetes, dask-yarn, ``dask-ssh``) set up
their environments.
"""

from __future__ import annotations

from collections import deque
from typing import Iterable, Iterator

from asckg.core import settings
from asckg.core.errors import AsckgError, InputError
from asckg.nlp.readers import Letter
from asckg.nlp.record import LetterRecord


_EXTRACTOR = None  # one pipeline per worker process, built on first use


def extract_batch(letters: list[Letter]) -> list[LetterRecord | str]:
    """Run on a worker: a record per letter, or the failure's message."""
    global _EXTRACTOR
    from asckg.nlp.extract import Extractor

    if _EXTRACTOR is None:
        _EXTRACTOR = Extractor()
    out: list[LetterRecord | str] = []
    for letter in letters:
        try:
            (record,) = list(_EXTRACTOR.extract([letter]))
        except Exception as error:  # noqa: BLE001 - one letter's failure is that letter's error
            out.append(f"extraction failed on the cluster ({type(error).__name__}: {error})")
        else:
            out.append(record)
    return out


def _batches(items: Iterable[Letter | InputError], size: int) -> Iterator[list[Letter | InputError]]:
    batch: list[Letter | InputError] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def run_on_cluster(
    letters: Iterable[Letter | InputError], scheduler: str, *, batch: int = settings.CLUSTER_BATCH
) -> Iterator[LetterRecord | InputError]:
    """Records for the letters, extracted by the cluster at ``scheduler``, in input order."""
    try:
        from distributed import Client
    except ImportError as err:  # pragma: no cover - depends on the install
        raise AsckgError("--scheduler needs dask.distributed: pip install 'asckg[cluster]'") from err
    try:
        client = Client(scheduler, timeout=10)
    except (OSError, TimeoutError) as err:
        raise AsckgError(f"{scheduler}: cannot reach the Dask scheduler ({err})") from err
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        limit = 3 * workers
        flight: deque = deque()  # (items, future or None), in input order
        for items in _batches(letters, batch):
            to_send = [x for x in items if isinstance(x, Letter)]
            future = client.submit(extract_batch, to_send, pure=False) if to_send else None
            flight.append((items, future))
            while len(flight) >= limit:
                yield from _finish(*flight.popleft())
        while flight:
            yield from _finish(*flight.popleft())
    finally:
        client.close()


def _finish(items: list[Letter | InputError], future) -> Iterator[LetterRecord | InputError]:
    results = iter(future.result() if future is not None else [])
    for item in items:
        if not isinstance(item, Letter):  # an error or a skipped letter, passed through in place
            yield item
            continue
        result = next(results)
        yield result if isinstance(result, LetterRecord) else InputError(item.path, result)
