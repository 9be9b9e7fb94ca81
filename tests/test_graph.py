"""The RDF a letter becomes: its own named graph, the Codification hierarchy, traceable mentions."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.compare import isomorphic

from asckg.graph.model import iris
from asckg.graph.model.build import build_letter, context_snippet
from asckg.graph.model.namespace import ASCKG, DCTERMS, RDF, SKOS
from asckg.nlp.extract import Extractor
from asckg.nlp.readers import read_path
from conftest import REPO

FOUNDING = REPO / "examples" / "letters" / "000_1ae12daddb492283.txt"
NCLH = REPO / "examples" / "letters" / "1513761_0000000000-18-026944.txt"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _record(extractor, path):
    (letter,) = read_path(path)
    (record,) = list(extractor.extract([letter]))
    return record


def _dataset(quads) -> Dataset:
    """pyoxigraph quads -> rdflib Dataset, through N-Quads text."""
    ds = Dataset(default_union=True)
    ds.parse(data="".join(f"{q.subject} {q.predicate} {q.object} {q.graph_name} .\n" for q in quads), format="nquads")
    return ds


@pytest.fixture(scope="module")
def founding(extractor):
    record = _record(extractor, FOUNDING)
    built = build_letter(record)
    return record, built, _dataset(built.letter + built.codification)


def test_letter_graph_is_named_by_the_letter(founding):
    record, built, ds = founding
    letter = URIRef(built.iri)
    assert built.iri == str(iris.letter_iri(f"sha256-{record.text_hash[:20]}")), "no accession: content hash"
    graph = ds.graph(letter)
    assert (letter, RDF.type, ASCKG.Letter) in graph
    assert (letter, ASCKG.letterId, Literal("000_1ae12daddb492283")) in graph
    assert graph.value(letter, DCTERMS.date).toPython().isoformat() == "2011-12-19"


def test_citation_edges_and_rollups(founding):
    _, built, ds = founding
    letter = URIRef(built.iri)
    cited = {str(o).rsplit("/", 1)[1] for o in ds.objects(letter, ASCKG.cites)}
    assert cited == {"985-605-25-12", "985-605-15-4A"}
    within = {str(o).rsplit("/", 1)[1] for o in ds.objects(letter, ASCKG.citesWithin)}
    assert within == {"985-605-25-12", "985-605-25", "985-605-15-4A", "985-605-15", "985-605", "985"}


def test_codification_hierarchy_is_skos(founding):
    _, _, ds = founding
    cod = ds.graph(URIRef(iris.CODIFICATION_GRAPH))
    para = iris.asc_iri("985-605-15-4A")
    chain = []
    node = para
    while node is not None:
        chain.append(str(cod.value(node, SKOS.notation)))
        node = cod.value(node, SKOS.broader)
    assert chain == ["985-605-15-4A", "985-605-15", "985-605", "985"]
    assert (para, RDF.type, ASCKG.Paragraph) in cod
    assert (iris.asc_iri("985"), RDF.type, ASCKG.Topic) in cod


def test_every_citation_traces_back_to_its_words(founding):
    record, built, ds = founding
    letter = URIRef(built.iri)
    mentions = list(ds.objects(letter, ASCKG.hasMention))
    assert len(mentions) == 3  # 985-605-25-12 twice, 985-605-15-4A once
    for m in mentions:
        start = int(ds.value(m, ASCKG.startOffset))
        end = int(ds.value(m, ASCKG.endOffset))
        # the words as written, line breaks and page breaks folded to single spaces
        assert " ".join(record.text[start:end].split()) == str(ds.value(m, ASCKG.matchedText))
        assert str(ds.value(m, ASCKG.matchedText)) in str(ds.value(m, ASCKG.context))


def test_a_range_refers_to_every_paragraph(extractor):
    record = _record(extractor, NCLH)
    ds = _dataset(build_letter(record).letter)
    (m,) = [m for m in ds.subjects(ASCKG.matchedText, Literal("ASC 606-10-55-36 through 39"))]
    refs = sorted(str(o).rsplit("-", 1)[1] for o in ds.objects(m, ASCKG.refersTo))
    assert refs == ["36", "37", "38", "39"]


def test_accession_names_the_letter(extractor):
    built = build_letter(_record(extractor, NCLH))
    assert built.iri == str(iris.letter_iri("0000000000-18-026944"))


def test_building_twice_gives_isomorphic_graphs(extractor):
    first = build_letter(_record(extractor, NCLH))
    second = build_letter(_record(extractor, NCLH))
    name = URIRef(first.iri)
    a = _dataset(first.letter).graph(name)
    b = _dataset(second.letter).graph(name)
    assert len(a) > 50
    assert isomorphic(a, b)


def test_context_snippet_keeps_whole_words():
    text = "Please tell us how you considered the guidance in FASB ASC 985-605-25-12 when you recognized revenue."
    start = text.index("FASB")
    snippet = context_snippet(text, start, start + len("FASB ASC 985-605-25-12"), width=20)
    assert snippet == "…the guidance in FASB ASC 985-605-25-12 when you…"


def test_a_letter_citing_thousands_of_times_keeps_its_first_citations(extractor, tmp_path):
    # The founding letter's request, repeated: a text no staff letter is, but one a batch may hold.
    # Its graph keeps the first MAX_CITING_MENTIONS mentions and says how many it left out.
    from asckg.graph.model.build import MAX_CITING_MENTIONS

    sentence = ("Please tell us how you considered the guidance in FASB ASC 985-605-25-12 and "
                "ASC 985-605-25-{n} when you determined the delivery of the software.\n")
    path = tmp_path / "many.txt"
    path.write_text("".join(sentence.format(n=n) for n in range(1, 1001)))
    record = _record(extractor, path)
    citing = [m for m in record.mentions if m.kind == "asc"]
    assert len(citing) == 2000
    quads = build_letter(record)
    assert quads.omitted == 2000 - MAX_CITING_MENTIONS
    ds = _dataset(quads.letter)
    letter = URIRef(quads.iri)
    assert ds.value(letter, ASCKG.omittedMentions) == Literal(1000)
    assert len(set(ds.objects(letter, ASCKG.hasMention))) == MAX_CITING_MENTIONS
    # The first half of the text is in the graph, the second half is not.
    cited = {str(o) for o in ds.objects(letter, ASCKG.cites)}
    assert str(iris.asc_iri("985-605-25-500")) in cited
    assert str(iris.asc_iri("985-605-25-501")) not in cited
    assert len(quads) < 40_000
