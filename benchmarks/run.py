#!/usr/bin/env python3
"""asckg's extraction benchmark: asckg and the peer kaos-citations on the same letters, in one run.

    python benchmarks/run.py [--corpus ../shared/corpus] [--repeat 3] [--skip-peer] [--skip-ingest]

What it measures, all on the same letters in the same run, like with like:
- in-process throughput (MB/s, texts already in memory, one process, best of --repeat rounds, the
  two sides alternating round by round so that the shared machine's changes of speed touch both): asckg's
  whole extraction (``Extractor.extract``: citations and everything else a letter record holds,
  forms, file numbers, dates, letter anatomy) against kaos-citations' ``extract_citations``, timed
  inside its own Python 3.13 environment (../shared/tools/README.md says how to set it up; without
  it the peer's rows are skipped and the run says so);
- the commands as users run them, process start and imports included: ``asckg extract --format
  jsonl LETTERS`` (workers on every core, its default; and with ``--jobs 1``) against ``python
  peer_kaos.py LETTERS`` (the shared tool that runs kaos-citations in one process and maps its
  citations onto the gold schema);
- what each finds, counted alike: asckg's citation mentions (ASC, other guidance, SEC rules) against
  the peer's citations of the kinds that map onto those three (asc; legacy_fasb, asu, ifrs, aicpa and
  sec_staff as guidance; sec_reg as SEC rules); the other things each finds are counted apart
  (asckg's forms, file numbers and dates; the peer's filings, CFR, Federal Reserve regulations...);
- gold F1 of both through ../shared/tools/score.py;
- ``asckg ingest --jobs 2`` end to end at growing slices of the letters, with peak memory (PSS
  summed over its processes), to show that memory stays flat as the batch grows.

Nothing here is a pass/fail test; the numbers go in the README.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
KAOS_PYTHON = Path.home() / ".cache" / "kaos" / "bin" / "python"
#: The peer's citation kinds that are what asckg calls a citation (ASC, other guidance, SEC rules),
#: as ../shared/tools/peer_kaos.py maps them onto the gold schema.
PEER_CITING = {"asc": "asc", "legacy_fasb": "guidance", "asu": "guidance", "ifrs": "guidance", "aicpa": "guidance",
               "sec_staff": "guidance", "sec_reg": "sec_rules"}

# Timed inside the peer's own interpreter, so that its start-up is not counted against it.
_PEER_TIMER = r"""
import json, sys, time
from collections import Counter
from pathlib import Path
from kaos_citations import extract_citations
texts = [Path(p).read_text(errors="replace") for p in sys.argv[2:]]
for text in texts:  # one pass untimed: the first pass of a fresh process runs a third slower
    extract_citations(text)
best = None
for _ in range(int(sys.argv[1])):
    t = time.perf_counter()
    found = [c for text in texts for c in extract_citations(text)]
    dt = time.perf_counter() - t
    best = dt if best is None else min(best, dt)
print(json.dumps({"seconds": best, "kinds": Counter(c.model_dump().get("kind") for c in found)}))
"""


def _best(fn, repeat: int) -> tuple[float, object]:
    best, result = None, None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        dt = time.perf_counter() - t
        best = dt if best is None else min(best, dt)
    return best, result


def asckg_timer(paths: list[Path], topics: bool = True) -> Callable[[], tuple[float, Counter]]:
    """A function that runs the whole extraction once in this process (with or without comment
    topics) and returns its seconds and the mentions found by kind; the letters are read, the
    pipeline and topic model loaded and one pass run here, untimed (a worker does that once too;
    the peer's timer runs one pass untimed as well)."""
    from asckg.nlp.extract import Extractor
    from asckg.nlp.readers import read_path

    letters = [letter for p in paths for letter in read_path(p)]
    extractor = Extractor(topics=topics)
    if topics:
        from asckg.nlp.topics.model import shipped

        shipped()

    for _ in extractor.extract(letters):
        pass

    def once() -> tuple[float, Counter]:
        t = time.perf_counter()
        kinds = Counter(m.kind for r in extractor.extract(letters) for m in r.mentions)
        return time.perf_counter() - t, kinds

    return once


def bench_peer(paths: list[Path], repeat: int) -> tuple[float, Counter] | None:
    if not KAOS_PYTHON.exists():
        print(f"peer skipped: {KAOS_PYTHON} not found; set it up as ../shared/tools/README.md says", file=sys.stderr)
        return None
    done = subprocess.run([str(KAOS_PYTHON), "-c", _PEER_TIMER, str(repeat), *map(str, paths)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        print(f"peer failed: {done.stderr[-500:]}", file=sys.stderr)
        return None
    out = json.loads(done.stdout)
    return out["seconds"], Counter(out["kinds"])


def command_seconds(command: list[str], repeat: int) -> float:
    """Best wall seconds of a command, process start included (its output is read and dropped)."""
    def once() -> None:
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    seconds, _ = _best(once, repeat)
    return seconds


def score(cmd: str, corpus: Path, fields: str) -> str:
    tool = corpus.parent / "tools" / "score.py"
    done = subprocess.run([sys.executable, str(tool), "--cmd", cmd, "--fields", fields],
                          capture_output=True, text=True)
    lines = [l for l in done.stdout.splitlines() if l.startswith("summary:")]
    return lines[-1].removeprefix("summary: ") if lines else "n/a"


def bench_ingest(paths: list[Path], sizes: list[int]) -> list[tuple[int, float, float, float]]:
    """(letters, seconds, letters/s, peak PSS in MB) of `asckg ingest --jobs 2` on the first N letters."""
    sys.path.insert(0, str(HERE))
    from scale import asckg_command, tree_memory

    rows = []
    for n in sizes:
        chosen = paths[:n]
        with tempfile.TemporaryDirectory() as tmp:
            batch = Path(tmp) / "letters"
            batch.mkdir()
            for p in chosen:
                os.symlink(p, batch / p.name)
            t = time.perf_counter()
            proc = subprocess.Popen([*asckg_command(), "ingest", str(batch), "--store", f"{tmp}/store", "--jobs", "2"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            peak = 0
            while proc.poll() is None:
                peak = max(peak, tree_memory(proc.pid)[1])
                time.sleep(0.2)
            dt = time.perf_counter() - t
            rows.append((n, dt, n / dt, peak / 1e6))
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip-peer", action="store_true")
    ap.add_argument("--skip-ingest", action="store_true")
    a = ap.parse_args()

    paths = sorted((a.corpus / "letters").glob("*.txt"))
    if not paths:
        print(f"no letters under {a.corpus / 'letters'}", file=sys.stderr)
        return 1
    mb = sum(len(p.read_text(encoding="utf-8", errors="replace").encode("utf-8")) for p in paths) / 1e6
    print(f"corpus: {len(paths)} letters, {mb:.2f} MB ({a.corpus / 'letters'}); best of {a.repeat}; "
          f"{os.cpu_count()} cores, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    # Each side is timed once per round and the rounds alternate, best of each kept: a change in the
    # machine's speed during the run (it is shared) touches both sides alike, not one of them.
    ours_once, plain_once = asckg_timer(paths), asckg_timer(paths, topics=False)
    ours = no_topics = float("inf")
    kinds: Counter = Counter()
    peer: tuple[float, Counter] | None = None
    for _ in range(a.repeat):
        seconds, kinds = ours_once()
        ours = min(ours, seconds)
        no_topics = min(no_topics, plain_once()[0])
        if not a.skip_peer:
            got = bench_peer(paths, 1)
            if got is not None:
                peer = got if peer is None or got[0] < peer[0] else peer
    script = Path(sys.executable).with_name("asckg")
    asckg = [str(script)] if script.exists() else [sys.executable, "-m", "asckg"]
    extract = [*asckg, "extract", "--format", "jsonl", *map(str, paths)]
    peer_tool = a.corpus.parent / "tools" / "peer_kaos.py"
    commands = {"ours": extract,  # as users run it: workers on every core
                "ours1": [*extract, "--jobs", "1"]}  # one worker, as the peer's one process
    if peer and peer_tool.exists():
        commands["peer"] = [str(KAOS_PYTHON), str(peer_tool), *map(str, paths)]
    best = {name: float("inf") for name in commands}
    for _ in range(a.repeat):
        for name, command in commands.items():
            best[name] = min(best[name], command_seconds(command, 1))
    ours_cmd, ours_cmd1, peer_cmd = best["ours"], best["ours1"], best.get("peer")

    citing = sum(kinds[k] for k in ("asc", "guidance", "sec_rule"))
    print("\nextraction, in-process (one process, texts in memory) and as a command (process start included)")
    print(f"  {'what':58s} {'in-process':>15s} {'command':>15s}")
    print(f"  {'asckg: Extractor.extract / asckg extract --format jsonl':58s} {mb / ours:9.2f} MB/s "
          f"{mb / ours_cmd:9.2f} MB/s   ({ours:.2f} s / {ours_cmd:.2f} s; the command with {os.cpu_count()} workers)")
    print(f"  {'asckg extract --format jsonl --jobs 1':58s} {'-':>14s} "
          f"{mb / ours_cmd1:9.2f} MB/s   ({ours_cmd1:.2f} s; one worker process)")
    print(f"  {'asckg: Extractor(topics=False), without comment topics':58s} {mb / no_topics:9.2f} MB/s "
          f"{'-':>14s}   ({no_topics:.2f} s)")
    if peer:
        cmd_cell = f"{mb / peer_cmd:9.2f} MB/s" if peer_cmd else f"{'-':>14s}"
        print(f"  {'kaos-citations: extract_citations / peer_kaos.py':58s} {mb / peer[0]:9.2f} MB/s {cmd_cell}   "
              f"({peer[0]:.2f} s / {peer_cmd or 0:.2f} s)")
        print(f"  asckg / kaos-citations: in-process {peer[0] / ours:.2f}x"
              + (f", as commands {peer_cmd / ours_cmd:.2f}x ({peer_cmd / ours_cmd1:.2f}x with --jobs 1)" if peer_cmd else ""))
    else:
        print("  kaos-citations: skipped (no Python 3.13 environment with it; ../shared/tools/README.md)")

    print("\nfound, counted alike")
    print(f"  asckg citation mentions (asc {kinds['asc']:,}, guidance {kinds['guidance']:,}, SEC rules "
          f"{kinds['sec_rule']:,}): {citing:,}; besides them "
          + ", ".join(f"{k} {n:,}" for k, n in kinds.most_common() if k not in ("asc", "guidance", "sec_rule")))
    if peer:
        pk = peer[1]
        peer_citing = sum(n for k, n in pk.items() if k in PEER_CITING)
        by = Counter()
        for k, n in pk.items():
            if k in PEER_CITING:
                by[PEER_CITING[k]] += n
        print(f"  kaos-citations citations of those kinds (asc {by['asc']:,}, guidance {by['guidance']:,}, "
              f"SEC rules {by['sec_rules']:,}): {peer_citing:,}; besides them "
              + ", ".join(f"{k} {n:,}" for k, n in pk.most_common() if k not in PEER_CITING))

    if (a.corpus / "gold").is_dir():
        fields = "asc,guidance,sec_rules,forms"
        asckg_cmd = f"{script if script.exists() else sys.executable + ' -m asckg'} extract --format jsonl"
        print(f"\naccuracy on the gold letters (F1; {fields})")
        print(f"  asckg:          {score(asckg_cmd, a.corpus, fields)}")
        if peer:
            print(f"  kaos-citations: {score(f'{KAOS_PYTHON} {peer_tool}', a.corpus, fields)}")

    if not a.skip_ingest:
        sizes = sorted({n for n in (100, 300, len(paths)) if n <= len(paths)})
        print("\n`asckg ingest --jobs 2` end to end (fresh store each, relinking included)")
        print(f"  {'letters':>8s} {'seconds':>8s} {'letters/s':>10s} {'peak PSS MB':>12s}")
        for n, dt, rate, pss in bench_ingest(paths, sizes):
            print(f"  {n:8d} {dt:8.1f} {rate:10.0f} {pss:12.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
