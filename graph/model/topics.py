"""What each comment is about, as RDF: ``asckg:about`` edges with their PROV provenance.

For each label of a staff comment (:attr:`asckg.nlp.record.LetterRecord.topics`) the comment gets
``asckg:about`` the ASC Topic or SEC rule node (the same node ``asckg:cites`` would reach, from
:func:`asckg.graph.model.references.cited_node`) and an ``asckg:TopicAssignment`` reached by
``asckg:topicAssignment``: the node (``asckg:topic``), the score (``asckg:score``, xsd:decimal),
how it was decided (``asckg:decidedBy``: "cited", "rule" or "model") and ``prov:wasGeneratedBy`` the
letter's labelling activity, which ``prov:wasAssociatedWith`` the topic model (a
``prov:SoftwareAgent`` whose IRI and ``owl:versionInfo`` carry its version).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Callable

from pyoxigraph import Literal, NamedNode, Quad
from rdflib.namespace import OWL

from asckg.graph.model import iris
from asckg.graph.model.namespace import ASCKG, PROV, RDF, RDFS, XSD
from asckg.graph.model.references import CitedNode, cited_node
from asckg.nlp.record import LetterRecord

Add = Callable[[NamedNode, str, object], None]


def topic_node(label: str) -> CitedNode:
    """The node a topic label names: an ASC Topic ("350") or an SEC rule ("S-K 303")."""
    return cited_node("asc" if label.isdigit() else "sec_rule", label)


def add_topics(record: LetterRecord, letter: NamedNode, comments: list[NamedNode], add: Add,
               shared: dict[str, Sequence[Quad]], shelve: Callable[[NamedNode, str], None]) -> None:
    """Add the about edges of the record's comments (``comments``: the comment nodes, in the
    anatomy's order); the nodes' own descriptions go to ``shared``, like cited nodes', and each
    assignment is put on its node's shelf by ``shelve``."""
    if not record.topics or not any(t.labels for t in record.topics):
        return
    activity = NamedNode(str(iris.labelling_iri(letter.value)))
    agent = NamedNode(str(iris.topic_model_iri(record.topic_model or "unknown")))
    add(activity, RDF.type, NamedNode(str(PROV.Activity)))
    add(activity, PROV.used, letter)
    add(activity, PROV.wasAssociatedWith, agent)
    add(agent, RDF.type, NamedNode(str(PROV.SoftwareAgent)))
    add(agent, RDFS.label, Literal(f"asckg topic model {record.topic_model or 'unknown'}"))
    add(agent, OWL.versionInfo, Literal(record.topic_model or "unknown"))
    decimal = NamedNode(str(XSD.decimal))
    for topics in record.topics:
        if not 1 <= topics.position <= len(comments):
            continue
        comment = comments[topics.position - 1]
        for assignment in topics.labels:
            target = topic_node(assignment.label)
            target_node = NamedNode(target.iri)
            shared.setdefault(target.iri, target.description)
            a = NamedNode(str(iris.topic_assignment_iri(comment.value, assignment.label)))
            add(comment, ASCKG.about, target_node)
            add(comment, ASCKG.topicAssignment, a)
            add(a, RDF.type, NamedNode(str(ASCKG.TopicAssignment)))
            add(a, ASCKG.topic, target_node)
            add(a, ASCKG.score, Literal(_decimal(assignment.score), datatype=decimal))
            add(a, ASCKG.decidedBy, Literal(assignment.decided_by))
            add(a, PROV.wasGeneratedBy, activity)
            shelve(a, target.iri)


def _decimal(score: float) -> str:
    """A score in [0, 1] to four places, written as the store keeps an xsd:decimal ("0.12", "1",
    not "0.1200", "1.0000"), so that a letter's graph as built is the graph as stored."""
    return format(Decimal(f"{min(max(score, 0.0), 1.0):.4f}").normalize(), "f")
