"""What ``asckg fetch`` remembers in a folder between runs: the index periods it has read whole.

Kept in ``DIR/.asckg-fetch/`` (hidden, so ``asckg ingest DIR`` never reads it): ``state.json`` and,
for each complete period, the letters its index listed (``listings/<period>.tsv``), so a later run
reads that period without asking EDGAR again (when a period is complete is for
:mod:`asckg.edgar.fetch` to say). Also kept: the files fetched but not yet ingested
(``pending-ingest.txt``; ``--ingest`` takes them and clears the list). The state and listings are
written to a temporary name and renamed, so a killed run leaves the last whole state.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from asckg.edgar.indexes import Filing

#: The folder inside DIR that holds the state.
STATE_DIR = ".asckg-fetch"
_VERSION = 1


class FetchState:
    """The state of one download folder."""

    def __init__(self, folder: Path) -> None:
        self.root = Path(folder) / STATE_DIR
        self.file = self.root / "state.json"
        self.partial = self.root / "partial"
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            data = {}
        if data.get("version") != _VERSION:
            data = {}
        self._periods: dict[str, list[str]] = dict(data.get("periods", {}))
        self.pending_file = self.root / "pending-ingest.txt"

    def complete(self, key: str, forms: Iterable[str]) -> list[Filing] | None:
        """The letters of a complete period, if its saved listing covers ``forms``; else None."""
        saved = self._periods.get(key)
        if saved is None or not set(forms) <= set(saved):
            return None
        try:
            lines = (self.root / "listings" / f"{key}.tsv").read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return None
        out = []
        for line in lines:
            cells = line.split("\t")
            if len(cells) == 5:
                out.append(Filing(*cells))
        wanted = set(forms)
        return [f for f in out if f.form in wanted]

    def mark_complete(self, key: str, forms: Iterable[str], filings: Iterable[Filing]) -> None:
        """Remember a period as read whole, with its listing of ``forms``."""
        forms = sorted(set(forms))
        rows = "".join("\t".join((f.filed, f.accession, f.cik, f.form, f.company)) + "\n"
                       for f in filings if f.form in forms)
        _write(self.root / "listings" / f"{key}.tsv", rows)
        self._periods[key] = forms
        self.save()

    @property
    def pending(self) -> list[str]:
        """File names fetched and not yet ingested, in the order they were fetched, each once."""
        try:
            lines = self.pending_file.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
        return list(dict.fromkeys(line for line in lines if line.endswith(".txt")))

    def add_pending(self, names: Iterable[str]) -> None:
        """Append to the list (one name a line: a run of 200,000 files appends, never rewrites)."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.pending_file, "a", encoding="utf-8") as fh:
            fh.write("".join(f"{name}\n" for name in names))

    def clear_pending(self) -> None:
        self.pending_file.unlink(missing_ok=True)

    def save(self) -> None:
        _write(self.file, json.dumps({"version": _VERSION, "periods": self._periods}, indent=1, sort_keys=True) + "\n")


def _write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
