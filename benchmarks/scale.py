#!/usr/bin/env python3
"""asckg at EDGAR scale: stores of 1k to 200k letters, built by replicating the real letters.

    python benchmarks/scale.py [--corpus ../shared/corpus] [--sizes 1000,10000,100000,200000]
                               [--workdir /tmp/asckg-scale] [--ingest 0] [--queries 40]

What it measures, in one run:
- store load: writing the real letters' graphs through asckg's own path (one transaction per letter,
  as ingest does) against pyoxigraph's bulk load of the same N-Quads;
- for each size: a store built by replicating the real letters' graphs under new letter ids,
  company CIKs and dates (the copies' dates are moved by whole years, so year-by-year questions
  see a spread), then ``cites`` latency p50/p95 over paragraph, subtopic and topic references,
  in-process (the library call the CLI makes) and as the ``asckg cites`` command (process start
  included), against ``grep -rlF`` of the same reference over the same number of letter files;
- with ``--ingest N``: ``asckg ingest`` end to end on N replicated letter files using both cores,
  its wall time, rate and peak memory (max RSS over the process tree).

Numbers are printed as a table with ratios; nothing is pass/fail.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
LETTER_RE = re.compile(r"(https://w3id\.org/asckg/id/letter/)([^/>\s]+)")
COMPANY_RE = re.compile(r"(https://w3id\.org/asckg/id/company/cik/)(\d+)")
ID_RE = re.compile(r'(<https://w3id\.org/asckg/ns#letterId> ")([^"]+)(")')
DATE_RE = re.compile(r'"(\d{4})(-\d\d-\d\d)"\^\^<http://www\.w3\.org/2001/XMLSchema#date>')


def base_store(corpus: Path, workdir: Path) -> Path:
    """The real letters ingested once; reused across runs."""
    store = workdir / "base-store"
    if not (store / "CURRENT").exists():
        subprocess.run([sys.executable, "-m", "asckg", "ingest", str(corpus / "letters"), "--store", str(store)],
                       check=False, stdout=subprocess.DEVNULL)
    return store


def dump_nquads(store_dir: Path) -> list[str]:
    import pyoxigraph as ox

    store = ox.Store.read_only(str(store_dir))
    data = store.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8")
    return data.splitlines()


def replicate(lines: list[str], copy: int) -> list[str]:
    """One copy of the corpus graphs under new letter ids, CIKs and dates (copy 0 is the original)."""
    if copy == 0:
        return lines
    suffix = f"-r{copy}"
    shift = copy % 10  # years
    out = []
    for line in lines:
        line = LETTER_RE.sub(lambda m: m.group(1) + m.group(2) + suffix, line)
        line = COMPANY_RE.sub(lambda m: m.group(1) + m.group(2) + f"{copy:04d}", line)
        line = ID_RE.sub(lambda m: m.group(1) + m.group(2) + suffix + m.group(3), line)
        if shift:
            line = DATE_RE.sub(lambda m: f'"{int(m.group(1)) - shift}{m.group(2)}"^^<http://www.w3.org/2001/XMLSchema#date>', line)
        out.append(line)
    return out


def letters_per_copy(lines: list[str]) -> int:
    return sum(1 for l in lines if "<https://w3id.org/asckg/ns#letterId>" in l)


def build_scaled_store(lines: list[str], size: int, path: Path) -> tuple[float, int]:
    """A store of ``size`` letters by bulk-loading replicated N-Quads; (seconds, triples)."""
    import pyoxigraph as ox

    if path.exists():
        shutil.rmtree(path)
    per_copy = letters_per_copy(lines)
    copies = max(1, -(-size // per_copy))
    store = ox.Store(str(path))
    t = time.perf_counter()
    shared_done = False
    for c in range(copies):
        rep = replicate(lines, c)
        if shared_done:  # the Codification and guidance graphs are the same in every copy
            rep = [l for l in rep if "/id/graph/" not in l.rsplit(" ", 2)[-2]]
        store.bulk_load(("\n".join(rep) + "\n").encode("utf-8"), format=ox.RdfFormat.N_QUADS)
        shared_done = True
    store.flush()
    store.optimize()
    seconds = time.perf_counter() - t
    n = len(store)
    del store
    return seconds, n


def store_load_comparison(corpus: Path, workdir: Path, lines: list[str]) -> tuple[float, float, int]:
    """asckg's transactional writes (as ingest makes them: batches of new letters) against
    pyoxigraph bulk load of the same quads."""
    import pyoxigraph as ox

    from asckg.graph.model.build import build_letter
    from asckg.graph.store import LetterStore
    from asckg.nlp.extract import Extractor
    from asckg.nlp.readers import iter_letters

    records = list(Extractor().extract(l for l in iter_letters([corpus / "letters"]) if not isinstance(l, Exception)))
    built = [build_letter(r) for r in records]
    ours_dir = workdir / "load-ours"
    shutil.rmtree(ours_dir, ignore_errors=True)
    with LetterStore(ours_dir) as store:
        t = time.perf_counter()
        batch = 64
        pairs = [(quads, record.text_hash) for quads, record in zip(built, records)]
        for i in range(0, len(pairs), batch):
            store.put_letters(pairs[i:i + batch])
        store.raw.flush()
        ours = time.perf_counter() - t
        n = len(store)
    bulk_dir = workdir / "load-bulk"
    shutil.rmtree(bulk_dir, ignore_errors=True)
    bulk = ox.Store(str(bulk_dir))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    t = time.perf_counter()
    bulk.bulk_load(data, format=ox.RdfFormat.N_QUADS)
    bulk.flush()
    theirs = time.perf_counter() - t
    return ours, theirs, n


def pick_references(lines: list[str], k: int, seed: int = 7) -> list[str]:
    """Real cited references of every level, drawn at random."""
    codes = sorted({m.group(1) for l in lines for m in [re.search(r'ns#cites> <https://w3id\.org/asckg/id/asc/([^>]+)>', l)] if m})
    rng = random.Random(seed)
    paragraphs = [c for c in codes if c.count("-") == 3]
    subtopics = sorted({"-".join(c.split("-")[:2]) for c in codes if c.count("-") >= 1})
    topics = sorted({c.split("-")[0] for c in codes})
    picked = rng.sample(paragraphs, min(len(paragraphs), k // 2))
    picked += rng.sample(subtopics, min(len(subtopics), k // 4))
    picked += rng.sample(topics, min(len(topics), k - len(picked)))
    return picked


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def cites_latency(store_dir: Path, refs: list[str]) -> tuple[list[float], int]:
    from asckg.graph.ask.cites import cites
    from asckg.graph.store import LetterStore

    times, found = [], 0
    with LetterStore(store_dir, read_only=True) as store:
        cites(store, refs[0])  # open files, warm caches
        for ref in refs:
            t = time.perf_counter()
            found += len(cites(store, ref))
            times.append(time.perf_counter() - t)
    return times, found


def cli_latency(store_dir: Path, refs: list[str]) -> list[float]:
    """``asckg cites REF -f json`` as a user runs it: the console script beside this Python."""
    script = Path(sys.executable).with_name("asckg")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "asckg"]
    times = []
    for ref in refs:
        t = time.perf_counter()
        subprocess.run([*command, "cites", ref, "--store", str(store_dir), "-f", "json"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - t)
    return times


def text_tree(corpus: Path, workdir: Path, size: int) -> Path:
    """``size`` letter files (the real texts under new CIK_accession names), for grep and ingest."""
    tree = workdir / f"texts-{size}"
    if (tree / "COPIES-V3").exists() and sum(1 for _ in tree.rglob("*.txt")) == size:
        return tree
    shutil.rmtree(tree, ignore_errors=True)
    # Letters named CIK_accession, so that each copy can take a new accession number.
    sources = sorted(p for p in (corpus / "letters").glob("*.txt") if re.fullmatch(r"\d+_\d{10}-\d{2}-\d{6}", p.stem))
    used: set[str] = {src.stem.partition("_")[2] for src in sources}
    for i in range(size):
        src = sources[i % len(sources)]
        copy = i // len(sources)
        sub = tree / f"{i // 1000:04d}"
        sub.mkdir(parents=True, exist_ok=True)
        cik, _, acc = src.stem.partition("_")
        if copy:
            # A new letter to asckg, as each of 200,000 real letters is: a new accession number
            # (asckg names a letter by the accession a CIK_accession file name gives; a filer
            # prefix that encodes the copy, the sequence moved on if it was taken), a new CIK, and
            # a last line naming the copy (a letter without an accession is named by its text).
            prefix, year, seq = acc.split("-")
            prefix, n = f"9{copy:03d}{int(prefix) % 10**6:06d}", int(seq)
            while f"{prefix}-{year}-{n:06d}" in used:
                n = (n + 1) % 1_000_000
            acc = f"{prefix}-{year}-{n:06d}"
            used.add(acc)
            name = f"{(int(cik) * 1000 + copy) % 10**10}_{acc}.txt"
            (sub / name).write_bytes(src.read_bytes() + f"\n\n[asckg benchmark copy {copy}]\n".encode())
        else:
            shutil.copy(src, sub / src.name)
    (tree / "COPIES-V3").write_text("copies end with a line naming the copy\n")
    return tree


def grep_latency(tree: Path, refs: list[str]) -> list[float]:
    times = []
    for ref in refs:
        t = time.perf_counter()
        subprocess.run(["grep", "-rlF", ref, str(tree)], stdout=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - t)
    return times


def ingest_at_scale(tree: Path, workdir: Path, n: int) -> tuple[float, float, float, str]:
    """Wall seconds, peak RSS and peak PSS (MB, summed over the process tree) and the summary line.

    RSS counts pages that the forked workers share with the main process once per process; PSS
    splits each shared page among its sharers, so it is what the tree really holds.
    """
    store = workdir / f"ingest-{n}"
    shutil.rmtree(store, ignore_errors=True)
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "asckg", "ingest", str(tree), "--store", str(store), "--jobs", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    peak_rss = peak_pss = 0
    while proc.poll() is None:
        rss, pss = _tree_memory(proc.pid)
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        time.sleep(0.5)
    seconds = time.perf_counter() - t
    summary = proc.stdout.read().strip().splitlines() if proc.stdout else []
    status = f"exit {proc.returncode}: " + (summary[0] if summary else "no summary")
    shutil.rmtree(store, ignore_errors=True)
    return seconds, peak_rss / 1e6, peak_pss / 1e6, status


def _tree_memory(pid: int) -> tuple[int, int]:
    """Resident (RSS) and proportional (PSS) memory of a process and its children, in bytes."""
    rss = pss = 0
    pids = [pid]
    while pids:
        p = pids.pop()
        try:
            with open(f"/proc/{p}/statm") as f:
                rss += int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            with open(f"/proc/{p}/smaps_rollup") as f:
                pss += next(int(line.split()[1]) * 1024 for line in f if line.startswith("Pss:"))
            with open(f"/proc/{p}/task/{p}/children") as f:
                pids += [int(c) for c in f.read().split()]
        except (OSError, ValueError, StopIteration):
            continue
    return rss, pss


def _print_ingest(n: int, mb: float, seconds: float, rss: float, pss: float, status: str) -> None:
    print(f"`asckg ingest --jobs 2` of {n} letters ({mb:.0f} MB): {seconds:.0f} s ({seconds / 60:.1f} min), "
          f"{n / seconds:.0f} letters/s, {mb / seconds:.2f} MB/s; peak memory of all its processes: "
          f"PSS {pss:.0f} MB, RSS {rss:.0f} MB (RSS counts shared pages once per process)")
    print(f"  {status}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    ap.add_argument("--sizes", default="1000,10000,100000,200000")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/asckg-scale"))
    ap.add_argument("--queries", type=int, default=40)
    ap.add_argument("--ingest", type=int, default=0, help="also ingest this many replicated letter files end to end")
    ap.add_argument("--no-grep", action="store_true")
    a = ap.parse_args()
    a.workdir.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in a.sizes.split(",") if s]
    if not sizes and a.ingest:  # only the end-to-end ingest
        tree = text_tree(a.corpus, a.workdir, a.ingest)
        mb = sum(p.stat().st_size for p in tree.rglob("*.txt")) / 1e6
        _print_ingest(a.ingest, mb, *ingest_at_scale(tree, a.workdir, a.ingest))
        return 0

    base = base_store(a.corpus, a.workdir)
    lines = dump_nquads(base)
    per_copy = letters_per_copy(lines)
    print(f"base: {per_copy} real letters, {len(lines)} quads ({base})")

    ours, bulk, n = store_load_comparison(a.corpus, a.workdir, lines)
    print(f"\nstore load of the same {n} quads: asckg's transactional batches {n / ours:,.0f} quads/s, "
          f"pyoxigraph bulk_load {n / bulk:,.0f} quads/s (asckg's writes take {ours / bulk:.2f}x the bulk load's time)")

    refs = pick_references(lines, a.queries)
    print(f"\ncites latency over {len(refs)} references (paragraphs, subtopics, topics); grep -rlF over the letter files")
    print(f"  {'letters':>8s} {'triples':>11s} {'build s':>8s} {'p50 ms':>7s} {'p95 ms':>7s} {'CLI p50':>8s} {'CLI p95':>8s} "
          f"{'grep p50':>9s} {'grep p95':>9s} {'grep/cites p95':>15s} {'grep/CLI p95':>13s}")
    for size in sizes:
        path = a.workdir / f"store-{size}"
        seconds, triples = build_scaled_store(lines, size, path)
        times, _ = cites_latency(path, refs)
        cli = cli_latency(path, refs)
        p50, p95 = percentile(times, 0.5) * 1e3, percentile(times, 0.95) * 1e3
        row = f"  {size:8d} {triples:11,d} {seconds:8.1f} {p50:7.1f} {p95:7.1f} {percentile(cli, .5) * 1e3:8.0f} {percentile(cli, .95) * 1e3:8.0f}"
        if not a.no_grep:
            tree = text_tree(a.corpus, a.workdir, size)
            g = grep_latency(tree, refs[:10])
            g50, g95 = percentile(g, 0.5) * 1e3, percentile(g, 0.95) * 1e3
            row += f" {g50:9.0f} {g95:9.0f} {g95 / p95:15.1f} {g95 / (percentile(cli, .95) * 1e3):13.1f}"
        print(row, flush=True)
        shutil.rmtree(path, ignore_errors=True)

    if a.ingest:
        tree = text_tree(a.corpus, a.workdir, a.ingest)
        mb = sum(p.stat().st_size for p in tree.rglob("*.txt")) / 1e6
        print()
        _print_ingest(a.ingest, mb, *ingest_at_scale(tree, a.workdir, a.ingest))
    return 0


if __name__ == "__main__":
    sys.exit(main())
