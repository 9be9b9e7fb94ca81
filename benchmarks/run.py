#!/usr/bin/env python3
"""asckg's benchmark: extraction and ingest measured against baselines, in one run, as ratios.

    python benchmarks/run.py [--corpus ../shared/corpus] [--repeat 3] [--skip-peer] [--skip-memory]

What it measures, all on the same texts in the same run:
- extraction throughput (MB/s, single process, texts already in memory, best of --repeat):
  ``spacy.blank("en")`` tokenization alone; asckg's full extraction (the whole spaCy pipeline,
  every grammar, plus the letter records with their anatomy and comment topics), and the same
  without comment topics; the peer kaos-citations (``extract_citations`` on each
  text, timed inside its own Python 3.13 environment, ../shared/tools/README.md);
- how much each finds on the gold letters (asc F1, through ../shared/tools/score.py's rules);
- ``asckg ingest`` end to end (reading, extraction, the store) at growing corpus sizes, with its
  peak memory (max RSS of the ingest process), to show that memory stays flat as the corpus grows.

Nothing here is a pass/fail test; the numbers go in the README and in issue notes.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
KAOS_PYTHON = Path.home() / ".cache" / "kaos" / "bin" / "python"

# Timed inside the peer's own interpreter, so that its start-up is not counted against it.
_PEER_TIMER = r"""
import json, sys, time
from pathlib import Path
from kaos_citations import extract_citations
texts = [Path(p).read_text(errors="replace") for p in sys.argv[2:]]
best = None
for _ in range(int(sys.argv[1])):
    t = time.perf_counter()
    found = sum(len(extract_citations(text)) for text in texts)
    dt = time.perf_counter() - t
    best = dt if best is None else min(best, dt)
print(json.dumps({"seconds": best, "found": found}))
"""


def _texts(paths: list[Path]) -> list[str]:
    return [p.read_text(encoding="utf-8", errors="replace") for p in paths]


def _best(fn, repeat: int) -> tuple[float, object]:
    best, result = None, None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        dt = time.perf_counter() - t
        best = dt if best is None else min(best, dt)
    return best, result


def bench_tokenizer(texts: list[str], repeat: int) -> float:
    import spacy

    nlp = spacy.blank("en")
    seconds, _ = _best(lambda: sum(len(doc) for doc in nlp.pipe(texts, batch_size=16)), repeat)
    return seconds


def bench_asckg(paths: list[Path], repeat: int, topics: bool = True) -> tuple[float, int]:
    from asckg.nlp.extract import Extractor
    from asckg.nlp.readers import read_path

    letters = [letter for p in paths for letter in read_path(p)]
    extractor = Extractor(topics=topics)
    if topics:  # the topic model loads once per process, as in a worker: not timed
        from asckg.nlp.topics.model import shipped

        shipped()
    seconds, found = _best(
        lambda: sum(len(r.mentions) for r in extractor.extract(letters)), repeat
    )
    return seconds, found


def bench_peer(paths: list[Path], repeat: int) -> tuple[float, int] | None:
    if not KAOS_PYTHON.exists():
        print(f"peer: {KAOS_PYTHON} not found; set it up as ../shared/tools/README.md says", file=sys.stderr)
        return None
    done = subprocess.run([str(KAOS_PYTHON), "-c", _PEER_TIMER, str(repeat), *map(str, paths)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        print(f"peer failed: {done.stderr[-500:]}", file=sys.stderr)
        return None
    out = json.loads(done.stdout)
    return out["seconds"], out["found"]


def score(cmd: str, corpus: Path, fields: str) -> str:
    tool = corpus.parent / "tools" / "score.py"
    done = subprocess.run([sys.executable, str(tool), "--cmd", cmd, "--fields", fields],
                          capture_output=True, text=True)
    lines = [l for l in done.stdout.splitlines() if l.startswith("summary:")]
    return lines[-1].removeprefix("summary: ") if lines else "n/a"


def bench_ingest(paths: list[Path], sizes: list[int]) -> list[tuple[int, float, float, int]]:
    """(letters, seconds, MB/s, peak RSS in MB) of `asckg ingest` on the first N letters, one process each."""
    rows = []
    for n in sizes:
        chosen = paths[:n]
        with tempfile.TemporaryDirectory() as tmp:
            batch = Path(tmp) / "letters"
            batch.mkdir()
            for p in chosen:
                os.symlink(p, batch / p.name)
            mb = sum(p.stat().st_size for p in chosen) / 1e6
            t = time.perf_counter()
            proc = subprocess.Popen([sys.executable, "-m", "asckg", "ingest", str(batch), "--store", f"{tmp}/store"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(proc.pid, 0)
            dt = time.perf_counter() - t
            rows.append((n, dt, mb / dt, usage.ru_maxrss // 1024))
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip-peer", action="store_true")
    ap.add_argument("--skip-memory", action="store_true")
    a = ap.parse_args()

    paths = sorted((a.corpus / "letters").glob("*.txt"))
    if not paths:
        print(f"no letters under {a.corpus / 'letters'}", file=sys.stderr)
        return 1
    texts = _texts(paths)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"corpus: {len(paths)} letters, {mb:.2f} MB ({a.corpus / 'letters'}); best of {a.repeat}, one process")

    tok = bench_tokenizer(texts, a.repeat)
    ours, found = bench_asckg(paths, a.repeat)
    no_topics, _ = bench_asckg(paths, a.repeat, topics=False)
    peer = None if a.skip_peer else bench_peer(paths, a.repeat)

    print("\nextraction throughput")
    print(f"  {'method':44s} {'MB/s':>7s} {'vs blank tokenizer':>19s} {'found':>7s}")
    blank = 'spacy.blank("en") tokenization alone'
    print(f"  {blank:44s} {mb / tok:7.2f} {1.0:19.2f} {'-':>7s}")
    print(f"  {'asckg full extraction (all components)':44s} {mb / ours:7.2f} {tok / ours:19.2f} {found:7d}")
    print(f"  {'asckg extraction without comment topics':44s} {mb / no_topics:7.2f} {tok / no_topics:19.2f} {'-':>7s}")
    if peer:
        print(f"  {'kaos-citations extract_citations':44s} {mb / peer[0]:7.2f} {tok / peer[0]:19.2f} {peer[1]:7d}")
        print(f"\n  asckg / kaos-citations throughput: {peer[0] / ours:.2f}x")

    if (a.corpus / "gold").is_dir():
        asckg_cmd = f"{sys.executable} -m asckg extract --format jsonl"
        print("\naccuracy on the gold letters (F1)")
        print(f"  asckg:          {score(asckg_cmd, a.corpus, 'asc,guidance,sec_rules,forms')}")
        if peer:
            peer_cmd = f"{KAOS_PYTHON} {a.corpus.parent / 'tools' / 'peer_kaos.py'}"
            print(f"  kaos-citations: {score(peer_cmd, a.corpus, 'asc,guidance,sec_rules,forms')}")

    if not a.skip_memory:
        sizes = sorted({n for n in (100, 300, len(paths)) if n <= len(paths)})
        print("\n`asckg ingest` end to end (fresh store each; one process)")
        print(f"  {'letters':>8s} {'seconds':>8s} {'MB/s':>6s} {'peak RSS MB':>12s}")
        for n, dt, rate, rss in bench_ingest(paths, sizes):
            print(f"  {n:8d} {dt:8.1f} {rate:6.2f} {rss:12d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
