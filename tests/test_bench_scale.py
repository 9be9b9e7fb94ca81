"""The scale benchmark's stores and answer checks, run small: copies of the example letters.

benchmarks/scale.py times ``cites`` on stores that ``asckg ingest`` builds from K copies of the real
letters and checks that every answer it times is K times one copy's. Here the same functions run on
one and two copies of examples/letters, so a copy that ingest would not count as a new letter, or an
answer that stops growing with the copies, fails in CI and not only in a benchmark run.
"""

from __future__ import annotations

import importlib.util
import sys

import pytest

from conftest import REPO

EXAMPLES = REPO / "examples" / "letters"


def _scale():
    spec = importlib.util.spec_from_file_location("asckg_bench_scale", REPO / "benchmarks" / "scale.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


scale = _scale()


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """Stores built by `asckg ingest` from one and from two copies of the example letters."""
    work = tmp_path_factory.mktemp("scale")
    built = {}
    for copies in (1, 2):
        tree = scale.text_tree(EXAMPLES, work, copies)
        run = scale.ingest(tree, work / f"store-x{copies}", jobs=1)
        built[copies] = (tree, work / f"store-x{copies}", run)
    return built


def test_copies_are_distinct_letters(stores):
    tree, _, _ = stores[2]
    files = scale.letter_files(tree)
    sources = sorted(p for p in EXAMPLES.iterdir() if p.is_file())
    assert len(files) == 2 * len(sources)
    assert len({p.name for p in files}) == len(files)
    texts = {p.read_bytes() for p in files}
    assert len(texts) == len(files)  # each copy's text is its own, so no letter is named by the same hash


def test_ingest_stores_every_copy(stores):
    one, two = stores[1][2], stores[2][2]
    assert one.failed == two.failed == 0
    assert one.stored == len([p for p in EXAMPLES.iterdir() if p.is_file()])
    assert two.stored == 2 * one.stored
    assert two.triples > one.triples


def test_answers_double_with_the_copies(stores):
    refs = scale.pick_references(stores[1][1], 6)
    base, _ = scale.answers_in_process(stores[1][1], refs)
    base = {ref: n for ref, n in base.items() if n}
    assert len(base) >= 4 and "606" in base and "S-K 303" in base
    got, times = scale.answers_in_process(stores[2][1], list(base))
    scale.check("in-process", 2, base, got)
    assert set(times) == set(base)
    some = {ref: base[ref] for ref in ("606", "S-K 303")}
    got, _ = scale.answers_cli(stores[2][1], list(some))
    scale.check("command", 2, some, got)
    with pytest.raises(scale.WrongAnswer, match="expected 3 x"):
        scale.check("in-process", 3, some, got)  # the check fails on an answer of the wrong size


def test_topics_and_open_letters_double_with_the_copies(stores):
    base, _ = scale.topics_cli(stores[1][1])
    got, _ = scale.topics_cli(stores[2][1])
    assert base and ("2011", "605") in base  # the 2011 excerpt: its company is known by name only
    scale.check_topics(2, base, got)
    assert got[("2011", "605")][2] == base[("2011", "605")][2]  # ... so its copy is the same company
    assert any(found[2] == 2 * base[key][2] for key, found in got.items())  # a copy with a CIK is a new one
    with pytest.raises(scale.WrongAnswer, match="rows are not 3 x"):
        scale.check_topics(3, base, got)
    one, _ = scale.unanswered_cli(stores[1][1])
    two, _ = scale.unanswered_cli(stores[2][1])
    assert two == 2 * one


def test_answers_over_http_when_served(stores):
    store = stores[2][1]
    some = {"606": None, "S-K 303": None}
    one, _ = scale.answers_in_process(stores[1][1], list(some))
    with scale.Server(store) as server:
        how = scale.cites_over_http(server)
        if how is None:
            pytest.skip("asckg serve answers neither /cites nor /sparql")
        got, _ = scale.answers_http(server, how, list(some))
    scale.check(f"HTTP {how[0]}", 2, one, got)


def _records(files) -> dict[str, dict]:
    import json
    import subprocess

    done = subprocess.run([sys.executable, "-m", "asckg", "extract", *map(str, files), "--format", "jsonl"],
                          capture_output=True, text=True, check=True)
    return {row["id"]: row for row in map(json.loads, done.stdout.splitlines())}


def test_a_copy_is_read_as_its_source_is(tmp_path, corpus):
    """A copy is the same letter under a new name: the same kind, comments, topics and citations.

    (Copies of staff letters were once named with a filer's accession prefix and read as responses
    to the SEC: the counts still doubled, but the store held no staff letter's copy.) Letters of
    every kind are copied: the example staff letters and a response, an SEC-staff notice and an
    underwriters' letter from the corpus."""
    letters = tmp_path / "letters"
    letters.mkdir()
    picks = [p for p in sorted(EXAMPLES.iterdir()) if p.is_file()]
    by_prefix: dict[str, object] = {}
    for p in sorted((corpus / "letters").iterdir()):
        m = scale.NAME_RE.fullmatch(p.stem)
        if m and m.group(2) not in by_prefix:
            by_prefix[m.group(2)] = p
    picks += [by_prefix[k] for k in ("9999999997", "0001193125", "0001104659") if k in by_prefix]
    for p in picks:
        (letters / p.name).write_bytes(p.read_bytes())
    tree = scale.text_tree(letters, tmp_path, 3)
    records = _records(scale.letter_files(tree))
    assert len(records) == 3 * len(picks)
    kinds = set()
    for index, src in enumerate(sorted(letters.iterdir())):
        source = records[src.stem]
        kinds.add(source["kind"])
        for copy in (1, 2):
            name = scale.copy_name(src, copy, index, len(picks))
            assert name.rpartition(".")[0] in records, name
            record = dict(records[name.rpartition(".")[0]], id=source["id"])
            assert record == source, f"{name} is not read as {src.name} is"
    assert {"staff", "response"} <= kinds
