#!/usr/bin/env python3
"""asckg at EDGAR scale: stores built by `asckg ingest` from K copies of the real letters, every answer checked.

    python benchmarks/scale.py [--corpus ../shared/corpus/letters] [--copies 1,20,202]
                               [--workdir /tmp/asckg-scale] [--queries 40] [--jobs 2]
                               [--no-grep] [--no-http] [--keep] [--reuse]

For each K in ``--copies``:
- K copies of the letters are written as distinct files (copy 0 is the letters as they are; copy c
  has a new file name: a new CIK and accession number of the same kind (a staff letter's copy keeps
  the staff's accession prefix) where the name is CIK_accession, else a new name, and one last line
  naming the copy, so each copy is a new letter with its own text, read as its source is: a test
  checks that ``asckg extract`` prints the same record for a copy as for its source, id aside);
- ``asckg ingest TREE --store STORE --jobs J`` builds the store, exactly as a user runs it: its wall
  time, letters/s and peak memory (PSS and RSS summed over the process tree), and its summary line
  is checked (K times the letters of one copy stored, no file failed);
- ``cites`` is timed for real references of every level (paragraphs, subtopics, topics, SEC rules),
  four ways: in-process (the library call the CLI makes, store already open), as the
  ``asckg cites REF -f json`` command (process start included), over HTTP from ``asckg serve``
  (``GET /cites/REF?format=json`` when the server has it, else the ``cites`` query on ``/sparql``;
  skipped when neither answers), and ``grep -rlF REF`` over the same files (warm page cache);
- every answer timed is checked: at K copies ``cites REF`` lists exactly K times the letters it
  lists on one copy, for every reference, in-process, as a command and over HTTP. A wrong answer
  stops the benchmark (exit 1): a time is only printed for a right answer;
- for the named and largest answers, ``asckg cites REF --newest 25 -f json`` (the newest 25, read
  from the citation shelves) as a command, each checked against the whole answer newest first;
- two questions over every staff letter, as commands: ``asckg topics --by year`` (checked: every
  (year, topic) row counts K times one copy's comments and letters, and its companies no fewer than
  one copy's and no more than K times that: a letter whose file name names no CIK is the same company
  in every copy) and ``asckg query unanswered_staff_letters`` (checked: K times one copy's open
  letters).

Nothing is optimized or bulk-loaded behind the user's back: the stores are what ingest makes.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

from asckg.nlp.anatomy.header import STAFF_ACCESSION_PREFIXES

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
NAME_RE = re.compile(r"(\d+)_(\d{10})-(\d{2})-(\d{6})")
#: References named in the README and the issue, timed whenever the letters cite them.
NAMED = ["606", "606-10", "280-10-50", "S-K 303"]
SUMMARY_RE = re.compile(r"letters (\d+) \(stored (\d+), unchanged (\d+)\).*triples in store (\d+), files failed (\d+)")


class WrongAnswer(AssertionError):
    """A timed answer that is not K times one copy's."""


# -- the letters, K times ----------------------------------------------------------------------
def copy_name(path: Path, copy: int, index: int = 0, sources: int = 1) -> str:
    """The file name of a letter's copy ``copy`` (0: the name as it is); ``index`` is the letter's
    place among the ``sources`` letters copied.

    A CIK_accession name gets a new CIK and a new accession number of the same kind: a staff
    letter's keeps the SEC's own prefix (the reader takes that prefix for "the staff wrote this"),
    with a sequence number from 500000 up, one per (copy, letter), so copies never share an
    accession with each other or with the real letters (whose staff sequence numbers stay below);
    any other letter's gets a filer prefix of its own. Other names get "-copyN".
    """
    if copy == 0:
        return path.name
    m = NAME_RE.fullmatch(path.stem)
    if m:  # asckg names a letter by the accession of a CIK_accession name: give each copy its own
        cik, prefix, year, seq = m.groups()
        new_cik = (int(cik) * 1000 + copy) % 10**10
        if f"{prefix}-" in STAFF_ACCESSION_PREFIXES:  # kept, or the copy is read as a response
            slot = (copy - 1) * sources + index
            if int(seq) >= 500000 or slot >= 500000:
                raise SystemExit(f"{path.name}: no staff accession number left for copy {copy}")
            return f"{new_cik}_{prefix}-{year}-{500000 + slot:06d}{path.suffix}"
        return f"{new_cik}_9{copy:03d}{int(prefix) % 10**6:06d}-{year}-{seq}{path.suffix}"
    return f"{path.stem}-copy{copy}{path.suffix}"


def copy_text(data: bytes, copy: int) -> bytes:
    """The letter's bytes for copy ``copy``: a last line makes each copy's text its own."""
    return data if copy == 0 else data + f"\n\n[asckg benchmark copy {copy}]\n".encode()


def text_tree(letters: Path, workdir: Path, copies: int) -> Path:
    """``copies`` copies of the letter files under ``letters`` as distinct files, 1,000 to a folder."""
    tree = workdir / f"letters-x{copies}"
    sources = sorted(p for p in letters.iterdir() if p.is_file())
    marker = tree / ".complete"
    done = f"{len(sources)} {copies} staff-prefix\n"  # a tree of an older naming is written again
    if marker.exists() and marker.read_text() == done:
        return tree
    shutil.rmtree(tree, ignore_errors=True)
    names: set[str] = set()
    i = 0
    for copy in range(copies):
        for index, src in enumerate(sources):
            name = copy_name(src, copy, index, len(sources))
            key = NAME_RE.match(name).group(0).partition("_")[2] if NAME_RE.match(name) else name
            if key in names:  # an accession names a letter: two files with one would be one letter
                raise SystemExit(f"two copies would share the letter name {key}")
            names.add(key)
            sub = tree / f"{i // 1000:04d}"
            sub.mkdir(parents=True, exist_ok=True)
            (sub / name).write_bytes(copy_text(src.read_bytes(), copy))
            i += 1
    marker.write_text(done)
    return tree


def letter_files(tree: Path) -> list[Path]:
    return [p for p in tree.rglob("*") if p.is_file() and not p.name.startswith(".")]


# -- the store, built by ingest ----------------------------------------------------------------
@dataclass(slots=True)
class IngestRun:
    letters: int
    stored: int
    triples: int
    failed: int
    seconds: float
    pss_mb: float
    rss_mb: float
    summary: str


def asckg_command() -> list[str]:
    """The console script beside this Python, as a user runs it."""
    script = Path(sys.executable).with_name("asckg")
    return [str(script)] if script.exists() else [sys.executable, "-m", "asckg"]


def recorded_ingest(store: Path) -> IngestRun | None:
    """The ingest that built a kept store (``--keep`` writes it beside the store), if any."""
    record = store.with_name(store.name + ".ingest.json")
    if not (store.is_dir() and record.is_file()):
        return None
    return IngestRun(**json.loads(record.read_text()))


def record_ingest(store: Path, run: IngestRun) -> None:
    store.with_name(store.name + ".ingest.json").write_text(json.dumps(asdict(run)) + "\n")


def ingest(tree: Path, store: Path, jobs: int) -> IngestRun:
    """``asckg ingest`` into a fresh store: its time, peak memory and summary."""
    shutil.rmtree(store, ignore_errors=True)
    t = time.perf_counter()
    proc = subprocess.Popen([*asckg_command(), "ingest", str(tree), "--store", str(store), "--jobs", str(jobs)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak_rss = peak_pss = 0
    while proc.poll() is None:
        rss, pss = tree_memory(proc.pid)
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        time.sleep(0.25)
    seconds = time.perf_counter() - t
    out, errors = proc.communicate()
    m = SUMMARY_RE.search(out)
    if proc.returncode != 0 or not m:
        raise SystemExit(f"asckg ingest failed (exit {proc.returncode}): {errors[-2000:]}")
    letters, stored, _, triples, failed = map(int, m.groups())
    return IngestRun(letters, stored, triples, failed, seconds, peak_pss / 1e6, peak_rss / 1e6,
                     out.strip().splitlines()[0])


def tree_memory(pid: int) -> tuple[int, int]:
    """Resident (RSS) and proportional (PSS) memory of a process and its children, in bytes.

    RSS counts pages that forked workers share with their parent once per process; PSS splits each
    shared page among its sharers, so it is what the tree really holds.
    """
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


# -- the references and their one-copy answers -------------------------------------------------
def level(ref: str) -> str:
    """paragraph, section, subtopic, topic (Codification codes) or rule (anything else)."""
    if re.fullmatch(r"\d{3}(-[0-9A-Za-z]+){0,3}", ref):
        return ("topic", "subtopic", "section", "paragraph")[min(ref.count("-"), 3)]
    return "rule"


def pick_references(store_dir: Path, k: int, seed: int = 7) -> list[str]:
    """Real cited references of every level, drawn at random from a one-copy store, plus NAMED."""
    from asckg.graph.model.ids import asc
    from asckg.graph.store import LetterStore

    prefix = asc("000").rsplit("000", 1)[0]
    with LetterStore(store_dir, read_only=True) as store:
        rows = store.raw.query(
            "SELECT DISTINCT ?n WHERE { ?c <https://w3id.org/asckg/ns#citedNode> ?n }", use_default_graph_as_union=True)
        codes = sorted({str(r["n"].value)[len(prefix):] for r in rows if str(r["n"].value).startswith(prefix)})
    rng = random.Random(seed)
    paragraphs = [c for c in codes if c.count("-") == 3]
    subtopics = sorted({"-".join(c.split("-")[:2]) for c in codes if c.count("-") >= 1})
    topics = sorted({c.split("-")[0] for c in codes})
    picked = rng.sample(paragraphs, min(len(paragraphs), k // 2))
    picked += rng.sample(subtopics, min(len(subtopics), k // 4))
    picked += rng.sample(topics, min(len(topics), max(0, k - len(picked))))
    return list(dict.fromkeys([*NAMED, *picked]))


def answers_in_process(store_dir: Path, refs: list[str]) -> tuple[dict[str, int], dict[str, float]]:
    """Letters per reference and seconds per call, the store opened once (as a server would)."""
    from asckg.graph.ask.cites import cites
    from asckg.graph.store import LetterStore

    sizes, times = {}, {}
    with LetterStore(store_dir, read_only=True) as store:
        cites(store, refs[0])  # open files, warm caches
        for ref in refs:
            t = time.perf_counter()
            sizes[ref] = len({hit.id for hit in cites(store, ref)})
            times[ref] = time.perf_counter() - t
    return sizes, times


def answer_index_note(store_dir: Path) -> str:
    """Whether the store has a complete answer index (lookups read it) or asks the graph."""
    from asckg.graph.store.answers import FILE_NAME, AnswerIndex

    index = AnswerIndex.reader(store_dir)
    if index is None:
        return "none: every lookup asks the graph"
    try:
        if not index.is_complete():
            return "incomplete: every lookup asks the graph"
        size = (store_dir / FILE_NAME).stat().st_size / 1e6
        return f"complete ({size:,.0f} MB): lookups without --exact read it"
    finally:
        index.close()


def timed_asckg(*args: str) -> tuple[str, float]:
    """An ``asckg`` command as users run it: its standard output and wall seconds, process start
    included; WrongAnswer if it fails."""
    t = time.perf_counter()
    done = subprocess.run([*asckg_command(), *args], capture_output=True, text=True)
    seconds = time.perf_counter() - t
    if done.returncode != 0:
        raise WrongAnswer(f"asckg {' '.join(args)} exited {done.returncode}: {done.stderr.strip()[-300:]}")
    return done.stdout, seconds


def answers_cli(store_dir: Path, refs: list[str]) -> tuple[dict[str, int], dict[str, float]]:
    """``asckg cites REF --store STORE -f json`` as a command: letters listed and wall seconds."""
    sizes, times = {}, {}
    for ref in refs:
        out, times[ref] = timed_asckg("cites", ref, "--store", str(store_dir), "-f", "json")
        sizes[ref] = len({row["id"] for row in json.loads(out)})
    return sizes, times


def topics_cli(store_dir: Path) -> tuple[dict[tuple[str, str], tuple[int, int, int]], float]:
    """``asckg topics --by year --top 1000 -f json`` as a command: per (year, topic) its comments,
    letters and companies, and wall seconds."""
    out, seconds = timed_asckg("topics", "--by", "year", "--top", "1000", "--store", str(store_dir), "-f", "json")
    rows = {(r["group"], r["topic"]): (r["comments"], r["letters"], r["companies"]) for r in json.loads(out)}
    return rows, seconds


def unanswered_cli(store_dir: Path) -> tuple[int, float]:
    """``asckg query unanswered_staff_letters -f json`` as a command: staff letters listed and wall seconds."""
    out, seconds = timed_asckg("query", "unanswered_staff_letters", "--store", str(store_dir), "-f", "json")
    return len(json.loads(out)["results"]["bindings"]), seconds


def newest_cli(store_dir: Path, refs: list[str], n: int = 25) -> dict[str, float]:
    """``asckg cites REF --newest N -f json`` as a command, each answer checked against the whole
    answer (in-process ``cites``) newest first; wall seconds per reference."""
    from asckg.graph.ask.cites import cites
    from asckg.graph.store import LetterStore

    times, got = {}, {}
    for ref in refs:
        out, times[ref] = timed_asckg("cites", ref, "--store", str(store_dir), "-f", "json", "--newest", str(n))
        got[ref] = json.loads(out)
    with LetterStore(store_dir, read_only=True) as store:
        for ref in refs:
            expected = [hit.dump() for hit in cites(store, ref)][::-1][:n]
            if got[ref] != expected:
                raise WrongAnswer(f"asckg cites {ref!r} --newest {n} is not the whole answer's newest {n}")
    return times


def grep_files(tree: Path, refs: list[str]) -> tuple[dict[str, int], dict[str, float]]:
    """``grep -rlF REF TREE``: files naming the reference as written, and wall seconds."""
    sizes, times = {}, {}
    for ref in refs:
        t = time.perf_counter()
        done = subprocess.run(["grep", "-rlF", "--exclude=.complete", ref, str(tree)], capture_output=True, text=True)
        times[ref] = time.perf_counter() - t
        sizes[ref] = len(done.stdout.splitlines())
    return sizes, times


# -- asckg serve, over HTTP ----------------------------------------------------------------------
class Server:
    """``asckg serve --store STORE`` on a free loopback port, stopped on exit."""

    def __init__(self, store_dir: Path) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen([*asckg_command(), "serve", "--store", str(store_dir), "--port", str(self.port),
                                      "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def __enter__(self) -> "Server":
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise OSError(f"asckg serve exited {self.proc.returncode}: {self.proc.stderr.read()[-500:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.2)
        raise OSError("asckg serve did not start listening within 60 s")

    def __exit__(self, *exc: object) -> None:
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def http_get(url: str, accept: str = "application/json") -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def cites_over_http(server: Server) -> tuple[str, object] | None:
    """How this server answers ``cites``: ("cites", None) for GET /cites/REF, ("sparql", query)
    for the cites query on /sparql, None when it answers neither."""
    status, body = http_get(f"{server.url}/cites/{urllib.parse.quote('606', safe='')}?format=json")
    if status == 200:
        try:
            cites_rows(json.loads(body))
            return "cites", None
        except (ValueError, KeyError, TypeError, AttributeError, StopIteration):
            pass  # an answer of a shape this benchmark does not know: ask /sparql instead
    from asckg.queries import load_query

    query = load_query("cites")
    status, _ = http_get(f"{server.url}/sparql?" + urllib.parse.urlencode({"query": "ASK {}"}),
                         "application/sparql-results+json")
    return ("sparql", query) if status == 200 else None


def cites_rows(data: object) -> list[dict]:
    """The letters of a /cites JSON answer: a list of letters, or an object holding one."""
    rows = data if isinstance(data, list) else next(
        data[key] for key in ("letters", "results", "rows", "items") if isinstance(data.get(key), list))  # type: ignore[union-attr]
    for row in rows:
        row["id"]  # every letter has its id  # noqa: B018
    return rows


def answers_http(server: Server, how: tuple[str, object], refs: list[str]) -> tuple[dict[str, int], dict[str, float]]:
    """Letters per reference and seconds per request (one connection per request, as curl makes)."""
    from asckg.graph.ask.reference import parse_reference

    sizes, times = {}, {}
    for ref in refs:
        if how[0] == "cites":
            url = f"{server.url}/cites/{urllib.parse.quote(ref, safe='')}?format=json"
            accept = "application/json"
        else:
            # The cites query with its one parameter given as a trailing VALUES block (SPARQL 1.1).
            query = f"{how[1]}\nVALUES ?target {{ <{parse_reference(ref).iri}> }}"
            url = f"{server.url}/sparql?" + urllib.parse.urlencode({"query": query})
            accept = "application/sparql-results+json"
        t = time.perf_counter()
        status, body = http_get(url, accept)
        times[ref] = time.perf_counter() - t
        if status != 200:
            raise WrongAnswer(f"GET {url[:120]} answered {status}: {body[:300]!r}")
        data = json.loads(body)
        if how[0] == "cites":
            sizes[ref] = len({row["id"] for row in cites_rows(data)})
        else:
            sizes[ref] = len({json.loads(b["row"]["value"])["id"] for b in data["results"]["bindings"]})
    return sizes, times


# -- checking and reporting ----------------------------------------------------------------------
def check(way: str, copies: int, base: dict[str, int], got: dict[str, int]) -> None:
    """Every reference's answer is ``copies`` times its one-copy answer; WrongAnswer names those that are not."""
    wrong = [f"{ref}: {got.get(ref)} letters, expected {copies} x {n} = {copies * n}"
             for ref, n in base.items() if got.get(ref) != copies * n]
    if wrong:
        raise WrongAnswer(f"{way} at {copies} copies: " + "; ".join(wrong))


def check_topics(copies: int, base: dict[tuple[str, str], tuple[int, int, int]],
                 got: dict[tuple[str, str], tuple[int, int, int]]) -> None:
    """Every (year, topic) row of ``asckg topics --by year`` counts ``copies`` times one copy's
    comments and letters (a copy keeps its dates); its companies no fewer than one copy's and no more
    than ``copies`` times that (a copy is its own company when its file name carries a CIK; a letter
    known by its company's name alone, like the 2011 excerpt, is the same company in every copy).
    WrongAnswer names the rows that are not."""

    def right(key: tuple[str, str]) -> bool:
        if key not in base or key not in got:
            return False
        (comments, letters, companies), found = base[key], got[key]
        return found[:2] == (copies * comments, copies * letters) and companies <= found[2] <= copies * companies

    wrong = sorted(key for key in base.keys() | got.keys() if not right(key))
    if wrong:
        raise WrongAnswer(f"asckg topics at {copies} copies: {len(wrong)} rows are not {copies} x one copy's, "
                          f"e.g. {wrong[:3]}")


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


@dataclass(slots=True)
class Timings:
    """Seconds per reference, by way of asking."""

    ways: dict[str, dict[str, float]] = field(default_factory=dict)

    def row(self, refs: list[str]) -> str:
        cells = []
        for way in ("in-process", "command", "http", "grep"):
            times = self.ways.get(way)
            if not times:
                cells.append(f"{'-':>15s}")
                continue
            ms = [times[r] * 1e3 for r in refs]
            cells.append(f"{percentile(ms, .5):7.1f}/{percentile(ms, .95):7.1f}")
        return " ".join(cells)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "letters",
                    help="the letters to copy (a folder of letter files)")
    ap.add_argument("--copies", default="1,20", help="comma-separated copy counts (1 is always measured first)")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/asckg-scale"))
    ap.add_argument("--queries", type=int, default=40, help="random references drawn besides the named ones")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--no-grep", action="store_true")
    ap.add_argument("--no-http", action="store_true")
    ap.add_argument("--keep", action="store_true", help="keep the stores (they are deleted after being measured)")
    ap.add_argument("--reuse", action="store_true",
                    help="measure the lookups on a store an earlier --keep run built and recorded, without ingesting again")
    a = ap.parse_args()
    a.workdir.mkdir(parents=True, exist_ok=True)
    copies_list = sorted({1, *(int(c) for c in a.copies.split(",") if c)})

    print(f"machine: {os.cpu_count()} cores, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    base: dict[str, int] = {}
    base_topics: dict[tuple[str, str], tuple[int, int, int]] = {}
    base_open = 0
    per_copy = 0
    for copies in copies_list:
        tree = text_tree(a.corpus, a.workdir, copies)
        files = letter_files(tree)
        mb = sum(p.stat().st_size for p in files) / 1e6
        store = a.workdir / f"store-x{copies}"
        run = recorded_ingest(store) if a.reuse else None
        reused = run is not None
        if run is None:
            run = ingest(tree, store, a.jobs)
            if a.keep:
                record_ingest(store, run)
        if copies == 1:
            per_copy = run.stored
        if run.failed or run.stored != copies * per_copy:
            raise SystemExit(f"ingest of {copies} copies stored {run.stored} letters, expected {copies} x {per_copy}; "
                             f"{run.failed} files failed")
        print(f"\n== {copies} cop{'y' if copies == 1 else 'ies'}: {len(files):,} files ({mb:,.0f} MB) -> "
              f"{run.stored:,} letters, {run.triples:,} triples")
        if reused:
            print(f"store kept from an earlier run (--reuse); that run's ingest, as it printed it:")
        print(f"`asckg ingest --jobs {a.jobs}`: {run.seconds:,.1f} s, {run.stored / run.seconds:,.0f} letters/s, "
              f"relinking included; peak memory of all its processes PSS {run.pss_mb:,.0f} MB (RSS {run.rss_mb:,.0f} MB); "
              f"load average {os.getloadavg()[0]:.2f}")
        print(f"answer index: {answer_index_note(store)}")
        if copies == 1:
            refs = pick_references(store, a.queries)
            one, _ = answers_in_process(store, refs)
            base = {ref: n for ref, n in one.items() if n}
        refs = list(base)
        timings = Timings()
        sizes, timings.ways["in-process"] = answers_in_process(store, refs)
        check("in-process cites", copies, base, sizes)
        sizes, timings.ways["command"] = answers_cli(store, refs)
        check("asckg cites (command)", copies, base, sizes)
        http_note = "skipped (--no-http)"
        if not a.no_http:
            try:
                with Server(store) as server:
                    how = cites_over_http(server)
                    if how is None:
                        http_note = "skipped: asckg serve answers neither /cites nor /sparql"
                    else:
                        sizes, timings.ways["http"] = answers_http(server, how, refs)
                        check(f"HTTP {how[0]}", copies, base, sizes)
                        http_note = ("GET /cites/REF?format=json" if how[0] == "cites"
                                     else "GET /sparql with the cites query") + ", a new connection each"
            except OSError as err:
                http_note = f"skipped: {err}"
        grep_sizes: dict[str, int] = {}
        if not a.no_grep:
            grep_sizes, timings.ways["grep"] = grep_files(tree, refs)
        print(f"cites, answers checked ({copies} x one copy's letters for every reference); ms p50/p95; "
              f"HTTP: {http_note}")
        print(f"  {'level':10s} {'refs':>4s} {'letters':>13s} {'in-process':>15s} {'command':>15s} "
              f"{'HTTP':>15s} {'grep -rlF':>15s}")
        for lvl in ("paragraph", "section", "subtopic", "topic", "rule"):
            chosen = [r for r in refs if level(r) == lvl]
            if chosen:
                letters = [copies * base[r] for r in chosen]
                print(f"  {lvl:10s} {len(chosen):4d} {min(letters):>6,d}-{max(letters):<6,d} {timings.row(chosen)}")
        print("  named and largest answers (ms; grep: files naming the reference as written):")
        largest = sorted(refs, key=lambda r: -base[r])[:3]
        for ref in dict.fromkeys([*(r for r in NAMED if r in base), *largest]):
            cells = "  ".join(f"{way} {times[ref] * 1e3:.0f}" for way, times in timings.ways.items())
            extra = f" ({grep_sizes[ref]:,} files)" if ref in grep_sizes else ""
            print(f"    {ref:10s} {copies * base[ref]:>7,d} letters: {cells}{extra}")
        newest = newest_cli(store, list(dict.fromkeys([*(r for r in NAMED if r in base), *largest])))
        print("  the same, newest 25 only (`asckg cites REF --newest 25 -f json`, checked against the whole answer): "
              + ", ".join(f"{ref} {t * 1e3:.0f} ms" for ref, t in newest.items()))
        topic_rows, topic_seconds = topics_cli(store)
        open_letters, open_seconds = unanswered_cli(store)
        if copies == 1:
            base_topics, base_open = topic_rows, open_letters
        check_topics(copies, base_topics, topic_rows)
        check("unanswered_staff_letters (command)", copies, {"open staff letters": base_open},
              {"open staff letters": open_letters})
        print(f"`asckg topics --by year --top 1000 -f json` ({len(topic_rows):,} rows, checked): {topic_seconds:.2f} s; "
              f"`asckg query unanswered_staff_letters -f json` ({open_letters:,} letters, checked): {open_seconds:.2f} s")
        sys.stdout.flush()
        if not a.keep:
            shutil.rmtree(store, ignore_errors=True)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except WrongAnswer as wrong:
        print(f"WRONG ANSWER: {wrong}", file=sys.stderr)
        sys.exit(1)
