"""The SHACL shapes: a store built by ingest conforms, and a graph broken on purpose is named.

Stores are built with the real command (``python -m asckg ingest``) from examples/letters, and,
with the corpus, from the four W. R. Berkley letters (two staff letters, two responses), so the
shapes are checked against the graph as ingest really writes it, links included.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, SH, SKOS

from asckg.graph.model.namespace import ASCKG, ID
from asckg.graph.store import LetterStore
from asckg.graph.ask.validate import load_shapes, union_graph, validate
from queries_support import examples_store  # noqa: F401  (fixture: the example letters, ingested once)

BERKLEY = ID["letter/0000000000-17-014278"]  # 11544_0000000000-17-014278, in examples/letters too


def run_asckg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "asckg", *args], capture_output=True, text=True, timeout=600)


def ingest(store: Path, *paths: Path) -> Path:
    done = run_asckg("ingest", *map(str, paths), "--store", str(store))
    assert done.returncode == 0, done.stderr
    return store


@pytest.fixture(scope="module")
def examples_graph(examples_store):
    with LetterStore(examples_store, read_only=True) as db:
        return union_graph(db)


def broken_copy(store: Path, tmp_path: Path, update: str) -> Path:
    copy = tmp_path / "broken"
    shutil.copytree(store, copy)
    with LetterStore(copy) as db:
        db.raw.update(update)
    return copy


# ---------------------------------------------------------------- the shapes file itself
def test_shapes_speak_the_ontology():
    """Every asckg term a shape names is a term of the ontology (a typo would check nothing)."""
    shapes = load_shapes()
    named = {o for o in shapes.objects(None, SH.path) if isinstance(o, URIRef)}
    named |= {o for o in shapes.objects(None, SH.inversePath)}
    named |= {o for p in (SH.targetClass, SH["class"], SH.lessThan, SH.lessThanOrEquals, SH.equals)
              for o in shapes.objects(None, p)}
    ours = {str(t) for t in named if str(t).startswith(str(ASCKG._NS))}
    assert ours, "no asckg terms found in the shapes"
    for term in sorted(ours):
        getattr(ASCKG, term[len(str(ASCKG._NS)):])  # raises AttributeError for an unknown term


def test_every_class_of_the_graph_has_a_shape():
    shapes = load_shapes()
    targeted = set(shapes.objects(None, SH.targetClass))
    for cls in ("Letter", "StaffLetter", "Response", "LetterPlaceholder", "Company", "Person", "Role",
                "Filing", "FormType", "Comment", "Mention", "Citation", "Conversation", "Topic", "Subtopic",
                "Section", "Paragraph", "Guidance", "StaffInterpretation", "SecRule"):
        assert ASCKG[cls] in targeted, cls


# ---------------------------------------------------------------- a store as ingest builds it
def test_examples_conform(examples_store):
    with LetterStore(examples_store, read_only=True) as db:
        report = validate(db)
    assert report.conforms, "\n".join(report.lines())
    assert report.results == 0
    assert report.triples > 1000


def test_dataset_and_store_give_the_same_verdict(examples_store):
    with LetterStore(examples_store, read_only=True) as db:
        report = validate(db.dataset())
    assert report.conforms and report.results == 0


@pytest.mark.corpus
def test_berkley_conversation_conforms(tmp_path, corpus):
    letters = sorted((corpus / "letters").glob("11544_*.txt"))
    assert len(letters) == 4
    store = ingest(tmp_path / "store", *letters)
    with LetterStore(store, read_only=True) as db:
        report = validate(db)
        answers = db.select("PREFIX asckg: <https://w3id.org/asckg/ns#> SELECT (COUNT(*) AS ?n) WHERE { ?a asckg:answers ?b }")
    assert answers[0]["n"] == 4  # the graph really holds the links the shapes check
    assert report.conforms, "\n".join(report.lines())


# ---------------------------------------------------------------- broken on purpose
def test_missing_letter_id_and_string_date_are_named(examples_store, tmp_path):
    store = broken_copy(examples_store, tmp_path, f"""
        PREFIX asckg: <https://w3id.org/asckg/ns#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        DELETE WHERE {{ GRAPH ?g {{ <{BERKLEY}> asckg:letterId ?id }} }} ;
        DELETE WHERE {{ GRAPH ?g {{ <{BERKLEY}> dcterms:date ?d }} }} ;
        INSERT DATA {{ GRAPH <{BERKLEY}> {{ <{BERKLEY}> dcterms:date "April 25, 2017" }} }}
    """)
    with LetterStore(store, read_only=True) as db:
        report = validate(db)
    assert not report.conforms
    lines = report.lines()
    assert any("id:letter/0000000000-17-014278 asckg:letterId: a letter needs exactly one asckg:letterId" in l
               for l in lines), lines
    assert any("id:letter/0000000000-17-014278 dcterms:date: dcterms:date must be an xsd:date" in l
               and '"April 25, 2017"' in l for l in lines), lines
    assert all(p.severity == "Violation" for p in report.violations)


def test_cli_validate(examples_store, tmp_path):
    done = run_asckg("validate", "--store", str(examples_store))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "conforms"

    store = broken_copy(examples_store, tmp_path, f"""
        PREFIX asckg: <https://w3id.org/asckg/ns#>
        DELETE WHERE {{ GRAPH ?g {{ <{BERKLEY}> asckg:contentHash ?h }} }}
    """)
    done = run_asckg("validate", "--store", str(store))
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "Violation id:letter/0000000000-17-014278 asckg:contentHash: "
        "a letter needs exactly one asckg:contentHash (SHA-256 in hex)"
    ]
    assert "1 violation(s)" in done.stderr


def _first(graph, s, p):
    return next(graph.objects(s, p))


def _mention(graph):
    return next(m for m in graph.subjects(ASCKG.refersTo, None) if str(m).startswith(str(BERKLEY)))


def _comment(graph):
    return URIRef(f"{BERKLEY}/comment/1")


def _break_refers_to(g):
    m = _mention(g)
    g.remove((m, ASCKG.refersTo, None))
    return str(m)


def _break_comment_text(g):
    g.remove((_comment(g), ASCKG.commentText, None))
    return str(_comment(g))


def _break_offset_type(g):
    m = _mention(g)
    start = _first(g, m, ASCKG.startOffset)
    g.remove((m, ASCKG.startOffset, None))
    g.add((m, ASCKG.startOffset, Literal(str(start))))
    return str(m)


def _break_second_parent(g):
    node = ID["asc/944-40-50-4D"]
    g.add((node, SKOS.broader, ID["asc/944-40-65"]))
    return str(node)


def _break_wrong_parent(g):
    node = ID["asc/944-40-50"]
    g.remove((node, SKOS.broader, None))
    g.add((node, SKOS.broader, ID["asc/944"]))
    return str(node)


def _break_duplicate_id(g):
    other = ID["letter/0000000000-16-081594"]
    g.remove((other, ASCKG.letterId, None))
    g.remove((other, DCTERMS.identifier, None))
    g.add((other, ASCKG.letterId, Literal("11544_0000000000-17-014278")))
    g.add((other, DCTERMS.identifier, Literal("11544_0000000000-17-014278")))
    return str(other)


def _break_citation(g):
    citation = next(c for c in g.subjects(ASCKG.citedNode, None) if str(c).startswith(str(BERKLEY)))
    g.remove((citation, ASCKG.citedNode, None))
    return str(citation)


def _break_kind(g):
    from rdflib.namespace import RDF

    g.add((BERKLEY, RDF.type, ASCKG.Response))
    return str(BERKLEY)


@pytest.mark.parametrize(("breaker", "path", "words"), [
    pytest.param(_break_refers_to, "asckg:refersTo", "refers to at least one node", id="mention-without-refersTo"),
    pytest.param(_break_comment_text, "asckg:commentText", "exactly one asckg:commentText", id="comment-without-text"),
    pytest.param(_break_offset_type, "asckg:startOffset", "xsd:integer", id="offset-as-string"),
    pytest.param(_break_second_parent, "skos:broader", "exactly one skos:broader", id="paragraph-with-two-parents"),
    pytest.param(_break_wrong_parent, "skos:broader", "its Subtopic", id="section-under-a-topic"),
    pytest.param(_break_duplicate_id, None, "is used by another letter too", id="letter-id-twice"),
    pytest.param(_break_citation, "asckg:citedNode", "exactly one node", id="citation-of-nothing"),
    pytest.param(_break_kind, None, "exactly one of asckg:StaffLetter", id="staff-letter-and-response"),
])
def test_broken_graph_is_named(examples_graph, breaker, path, words):
    graph = examples_graph.__class__()
    for triple in examples_graph:
        graph.add(triple)
    broken = breaker(graph)
    report = validate(graph)
    assert not report.conforms
    short = broken.replace(str(ID), "id:")
    hits = [p for p in report.violations if words in p.message and (p.path == path or path is None)
            and (p.focus == short or p.value == short)]
    assert hits, report.lines()
