"""Read a batch of paths and extract a record per letter, keeping going past bad files.

The one composition of readers and extractor that both ``asckg extract`` and ``asckg ingest`` use.
Errors come back in place, as :class:`~asckg.errors.InputError` items, so the caller reports
them and the good files of the batch are still processed.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from asckg.errors import InputError
from asckg.nlp.extract import Extractor
from asckg.nlp.readers import Letter, iter_letters
from asckg.nlp.record import LetterRecord


def iter_records(
    paths: Iterable[str], extractor: Extractor | None = None
) -> Iterator[LetterRecord | InputError]:
    """A record for each letter under ``paths``, or an InputError for each file that failed."""
    extractor = extractor or Extractor()
    pending: list[InputError] = []

    def letters() -> Iterator[Letter]:
        for item in iter_letters(paths):
            if isinstance(item, InputError):
                pending.append(item)
            else:
                yield item

    for record in extractor.extract(letters()):
        # Errors met while reading ahead are reported before the record that followed them.
        while pending:
            yield pending.pop(0)
        yield record
    while pending:
        yield pending.pop(0)
