"""Letter types, side by side: asckg and edgartools on the same letters and the same human labels.

edgartools (PyPI ``edgartools``) sorts SEC correspondence into the seven types asckg uses
(../shared/corpus/OUTCOMES.md took their names from it). Its ``Correspondence`` object is made
from a ``Filing`` fetched from sec.gov; the classification itself is the module function
``edgar.correspondence._classify_correspondence(form, text)``, which reads the EDGAR form type
("UPLOAD" for a staff letter, "CORRESP" for a company letter) and the letter's text. This script
calls that function directly on the text asckg reads from each labelled letter, with the form type
the corpus manifest gives (its ``kind`` column: upload / corresp), so no network is touched; a
guard makes any connection attempt fail.

Run (edgartools is in the ``bench`` extra, not a runtime dependency):

    python benchmarks/outcomes_peer.py [--corpus ../shared/corpus] [--errors]

It prints each tool's accuracy over the labelled letters, per type and overall.
"""

from __future__ import annotations

import argparse
import csv
import json
import socket
import sys
import time
from collections import Counter
from pathlib import Path

from asckg.nlp.anatomy import meta_from_id, parse_letter
from asckg.nlp.readers import read_path

HERE = Path(__file__).resolve().parent


def _no_network() -> None:
    """Make every socket connection fail: the comparison must run offline."""

    def refuse(*args, **kwargs):
        raise OSError("network access is disabled for this benchmark")

    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.create_connection = refuse  # type: ignore[assignment]


def labelled_letters(corpus: Path) -> list[tuple[str, Path, str, str]]:
    """(id, path, EDGAR form type, human letter_type) for every labelled letter with a text."""
    kinds = {}
    with (corpus / "manifest.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            kinds[row["id"]] = row["kind"]
    out = []
    for gold_path in sorted((corpus / "outcomes").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text_path = next((p for sub in ("letters", "excerpts") if (p := corpus / sub / f"{gold_path.stem}.txt").exists()), None)
        if text_path is None:
            continue
        form = "UPLOAD" if kinds.get(gold_path.stem, "").lower() == "upload" else "CORRESP"
        out.append((gold_path.stem, text_path, form, gold["letter_type"]))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=HERE.parent.parent / "shared" / "corpus")
    ap.add_argument("--errors", action="store_true", help="list each letter either tool gets wrong")
    args = ap.parse_args()
    _no_network()
    from edgar.correspondence import _classify_correspondence  # the peer, imported offline

    letters = labelled_letters(args.corpus)
    if not letters:
        print(f"no labelled letters under {args.corpus}", file=sys.stderr)
        return 1
    ours_ok = peer_ok = 0
    per_type: dict[str, Counter] = {}
    timing = {"asckg": 0.0, "edgartools": 0.0}
    for letter_id, path, form, gold in letters:
        (letter,) = read_path(path)
        t0 = time.perf_counter()
        ours = parse_letter(letter.text, {**meta_from_id(letter_id), **letter.meta}).letter_type
        t1 = time.perf_counter()
        peer = _classify_correspondence(form, letter.text).value
        t2 = time.perf_counter()
        timing["asckg"] += t1 - t0
        timing["edgartools"] += t2 - t1
        counts = per_type.setdefault(gold, Counter())
        counts["n"] += 1
        counts["asckg"] += ours == gold
        counts["edgartools"] += peer == gold
        ours_ok += ours == gold
        peer_ok += peer == gold
        if args.errors and (ours != gold or peer != gold):
            print(f"  {letter_id}: gold {gold}, asckg {ours}, edgartools {peer}")
    n = len(letters)
    print(f"{'letter_type':<22}{'n':>5}{'asckg':>10}{'edgartools':>12}")
    for kind, counts in sorted(per_type.items()):
        print(f"{kind:<22}{counts['n']:>5}{counts['asckg'] / counts['n']:>10.3f}{counts['edgartools'] / counts['n']:>12.3f}")
    print(f"{'all':<22}{n:>5}{ours_ok / n:>10.3f}{peer_ok / n:>12.3f}")
    print(f"time: asckg {timing['asckg']:.2f} s (whole letter anatomy), edgartools {timing['edgartools']:.2f} s (type only)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
