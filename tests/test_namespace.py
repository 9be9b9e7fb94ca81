"""ontology.ttl and asckg.graph.model.namespace name the same terms, each with a label and a comment."""

from __future__ import annotations

from importlib import resources

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef

from asckg.graph.model.namespace import ASCKG


@pytest.fixture(scope="module")
def ontology() -> Graph:
    g = Graph()
    g.parse(resources.files("asckg.graph.model") / "ontology.ttl", format="turtle")
    return g


def _declared(g: Graph) -> set[URIRef]:
    ns = str(ASCKG._NS)
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return {s for k in kinds for s in g.subjects(RDF.type, k) if str(s).startswith(ns)}


def test_namespace_and_ontology_agree(ontology):
    in_python = {ASCKG[name] for name in ASCKG.__annotations__}
    assert in_python == _declared(ontology)


def test_every_term_is_documented(ontology):
    for term in _declared(ontology):
        assert ontology.value(term, RDFS.label), f"{term} has no rdfs:label"
        assert ontology.value(term, RDFS.comment), f"{term} has no rdfs:comment"


def test_a_misspelt_term_raises():
    with pytest.raises(AttributeError):
        ASCKG.citez  # noqa: B018
