"""RDF export: every format read back with rdflib and compared, graph by graph, with the store."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from asckg.graph.outputs.export import FORMATS, company_letters, export
from asckg.graph.store import LetterStore
from queries_support import examples, examples_store, golden, golden_store  # noqa: F401  (fixtures)

ID = "https://w3id.org/asckg/id/"
RDFLIB_FORMAT = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld"}
SHARED = {ID + "graph/codification", ID + "graph/guidance", ID + "graph/links"}


def _graph_of(store: LetterStore, name: str) -> Graph:
    quads = store.raw.quads_for_pattern(None, None, None, ox.NamedNode(name))
    data = ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES)
    g = Graph()
    g.parse(data=data.decode(), format="nt")
    return g


def _union_of(store: LetterStore) -> Graph:
    g = Graph()
    data = store.raw.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True).serialize(format=ox.RdfFormat.N_TRIPLES)
    g.parse(data=data.decode(), format="nt")
    return g


def _read_dataset(data: bytes, fmt: str) -> dict[str, Graph]:
    ds = Dataset()
    ds.parse(data=data.decode(), format=RDFLIB_FORMAT[fmt])
    graphs = {}
    for g in ds.graphs():
        if len(g):
            copy = Graph()
            for t in g:
                copy.add(t)
            graphs[str(g.identifier)] = copy
    return graphs


@pytest.mark.parametrize("fmt", ["nq", "trig", "jsonld"])
def test_whole_store_with_graphs_reads_back_graph_by_graph(examples, fmt):
    out = io.BytesIO()
    report = export(examples, fmt, out)
    assert report.statements == len(examples.raw)
    graphs = _read_dataset(out.getvalue(), fmt)
    names = {g.value for g in examples.raw.named_graphs()}
    assert set(graphs) == names
    assert SHARED <= names and len(names) == 6 + 3  # six letters and the three shared graphs
    for name in names:
        assert isomorphic(graphs[name], _graph_of(examples, name)), name


@pytest.mark.parametrize("fmt", ["ttl", "nt"])
def test_whole_store_as_one_graph_has_each_triple_once(examples, fmt):
    out = io.BytesIO()
    report = export(examples, fmt, out)
    g = Graph()
    g.parse(data=out.getvalue().decode(), format=RDFLIB_FORMAT[fmt])
    assert isomorphic(g, _union_of(examples))
    assert report.statements == len(g) < len(examples.raw)  # descriptions repeated across letters merge


def test_one_letter_is_its_graph_the_nodes_it_cites_and_its_links(golden):
    letter = ID + "letter/0000004977-16-000316"  # Aflac's response citing FAS 60 and SOP 05-1
    for fmt in ("trig", "nq", "jsonld"):
        out = io.BytesIO()
        export(golden, fmt, out, [letter])
        graphs = _read_dataset(out.getvalue(), fmt)
        assert set(graphs) == {letter, ID + "graph/codification", ID + "graph/guidance", ID + "graph/links"}
        assert isomorphic(graphs[letter], _graph_of(golden, letter))
        codes = {str(o) for o in graphs[ID + "graph/codification"].objects(None, URIRef("http://www.w3.org/2004/02/skos/core#notation"))}
        assert codes == {"944", "944-30"}  # cited, and where SOP 05-1 and FAS 60 went; nothing else
        guidance = graphs[ID + "graph/guidance"]
        assert (URIRef(ID + "guidance/SOP%2005-1"), URIRef("https://w3id.org/asckg/ns#codifiedIn"), URIRef(ID + "asc/944-30")) in guidance
        assert not list(guidance.subjects(None, URIRef(ID + "rule/S-K%20303")))
        links = graphs[ID + "graph/links"]
        conversation = URIRef(ID + "conversation/4977_0000004977-16-000316")
        assert (URIRef(letter), URIRef("https://w3id.org/asckg/ns#partOfConversation"), conversation) in links
        assert len(list(links.predicate_objects(conversation))) == 5  # type, first and last date, rounds, letters


def test_a_company_is_its_letters(golden):
    letters = company_letters(golden, ID + "company/cik/1145197")
    assert letters == [ID + "letter/0000000000-16-082809", ID + "letter/0000000000-16-088669", ID + "letter/0001157523-16-006325"]
    out = io.BytesIO()
    export(golden, "trig", out, letters)
    graphs = _read_dataset(out.getvalue(), "trig")
    assert set(graphs) == set(letters) | SHARED
    answers = URIRef("https://w3id.org/asckg/ns#answers")
    assert len(list(graphs[ID + "graph/links"].subject_objects(answers))) == 2
    for letter in letters:
        assert isomorphic(graphs[letter], _graph_of(golden, letter))


def test_a_subset_as_turtle_is_the_union_of_its_graphs(golden):
    letter = ID + "letter/0000000000-18-026944"
    out = io.BytesIO()
    export(golden, "ttl", out, [letter])
    g = Graph()
    g.parse(data=out.getvalue().decode(), format="turtle")
    quads = io.BytesIO()
    export(golden, "nq", quads, [letter])
    union = Graph()
    for graph in _read_dataset(quads.getvalue(), "nq").values():
        for triple in graph:
            union.add(triple)
    assert isomorphic(g, union)
    assert "@prefix asckg: <https://w3id.org/asckg/ns#>" in out.getvalue().decode()


def test_every_format_is_offered():
    assert set(FORMATS) == {"ttl", "nt", "nq", "trig", "jsonld"}


def _asckg(*args: str, store: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, ASCKG_STORE=str(store))
    return subprocess.run([sys.executable, "-m", "asckg", *args], capture_output=True, env=env)


def test_cli_exports_to_stdout_and_to_a_file(golden_store, tmp_path):
    done = _asckg("export", "--format", "nt", "--letter", "1513761_0000000000-18-026944", store=golden_store)
    assert done.returncode == 0, done.stderr
    g = Graph()
    g.parse(data=done.stdout.decode(), format="nt")
    assert (URIRef(ID + "letter/0000000000-18-026944"), URIRef("https://w3id.org/asckg/ns#cites"), URIRef(ID + "asc/606-10-50-12")) in g
    target = tmp_path / "aflac.jsonld"
    done = _asckg("export", "-f", "jsonld", "--company", "Aflac", "-o", str(target), store=golden_store)
    assert done.returncode == 0, done.stderr
    assert b"from 2 letters" in done.stderr
    assert set(_read_dataset(target.read_bytes(), "jsonld")) == {
        ID + "letter/0000004977-16-000316", ID + "letter/0000000000-16-080147"} | SHARED


def test_cli_unknown_company_is_one_error(golden_store):
    done = _asckg("export", "--company", "Acme Widgets", store=golden_store)
    assert done.returncode == 2
    assert done.stderr.decode().strip() == "error: no company named like 'Acme Widgets' in the store"
