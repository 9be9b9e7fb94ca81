"""What a cited reference becomes in the graph: its node, the nodes above it, its description.

One function per kind of reference, all answering the same question, so that RDF building treats
an ASC paragraph, SFAS 133 and S-K 303 alike:

- an ASC code is a SKOS concept in the Codification graph, chained by ``skos:broader`` up to its
  Topic; the letter ``citesWithin`` each of those;
- other guidance (SFAS 133, SAB Topic 13.A, ASU 2014-09) and the staff's interpretations are
  ``asckg:Guidance`` concepts in the guidance graph; a SAB Topic letter sits under its Topic;
- SEC rules and form items (S-K 303, Form 8-K Item 2.02) are ``asckg:SecRule`` concepts there too.

Nodes are described once per letter that cites them; the store keeps one copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pyoxigraph import Literal, NamedNode, Quad

from asckg.graph.model import iris
from asckg.core import reference
from asckg.graph.model.namespace import ASCKG, DCTERMS, ID, RDF, SKOS
from asckg.core.codes import AscCode
from asckg.core.codes import parse as parse_code
from asckg.nlp.grammar.guidance import STAFF

#: The named graph of guidance and SEC rule nodes (shared by all letters).
GUIDANCE_GRAPH = ID["graph/guidance"]

_LEVEL_CLASS = {
    "topic": ASCKG.Topic,
    "subtopic": ASCKG.Subtopic,
    "section": ASCKG.Section,
    "paragraph": ASCKG.Paragraph,
}
# "SAB Topic 13.A" sits under "SAB Topic 13".
_SAB_TOPIC_LETTER = re.compile(r"^(SAB Topic \d+)\.[A-Z]+$")


@lru_cache(maxsize=4096)
def _node(iri: str) -> NamedNode:
    return NamedNode(str(iri))


@dataclass(frozen=True, slots=True)
class CitedNode:
    """A cited reference's IRI, the IRIs it rolls up into (itself first), its description quads,
    and any problem found with it (a Topic that does not exist)."""

    iri: str
    within: tuple[str, ...]
    description: list[Quad]
    problems: tuple[str, ...] = ()
    codified_within: tuple[str, ...] = ()  # an older standard: the Codification nodes it went into


def cited_node(kind: str, ref: str, flags: tuple[str, ...] = ()) -> CitedNode:
    """The node for one reference of one mention kind."""
    if kind == "asc":
        return _asc(ref)
    if kind == "guidance":
        return _guidance(ref, STAFF in flags)
    if kind == "sec_rule":
        return _rule(ref)
    raise ValueError(f"no graph node for mentions of kind {kind!r}")


@lru_cache(maxsize=65536)
def _asc(ref: str) -> CitedNode:
    code = parse_code(ref)
    chain: list[AscCode] = [code, *code.ancestors()]
    return CitedNode(
        iri=str(iris.asc_iri(code.code)),
        within=tuple(str(iris.asc_iri(c.code)) for c in chain),
        description=[q for c in chain for q in _codification_quads(c)],
        problems=reference.check(code),
    )


def _codification_quads(code: AscCode) -> list[Quad]:
    graph = _node(iris.CODIFICATION_GRAPH)
    scheme = _node(iris.CODIFICATION_SCHEME)
    subject = _node(iris.asc_iri(code.code))
    quads = [
        Quad(scheme, _node(RDF.type), _node(SKOS.ConceptScheme), graph),
        Quad(subject, _node(RDF.type), _node(SKOS.Concept), graph),
        Quad(subject, _node(RDF.type), _node(_LEVEL_CLASS[code.level]), graph),
        Quad(subject, _node(SKOS.notation), Literal(code.code), graph),
        Quad(subject, _node(SKOS.inScheme), scheme, graph),
    ]
    parent = code.parent
    if parent is not None:
        quads.append(Quad(subject, _node(SKOS.broader), _node(iris.asc_iri(parent.code)), graph))
    else:
        quads.append(Quad(subject, _node(SKOS.topConceptOf), scheme, graph))
    # What the reference data knows of the node (asckg.core.reference; each fact with its evidence there).
    label = reference.title(code)
    if label:
        quads.append(Quad(subject, _node(SKOS.prefLabel), Literal(label, language="en"), graph))
    quads.append(Quad(subject, _node(ASCKG.status), Literal(reference.status(code)), graph))
    if code.level == "paragraph" and reference.known_paragraph(code):
        quads.append(Quad(subject, _node(ASCKG.knownParagraph), Literal(True), graph))
    for problem in reference.check(code):
        quads.append(Quad(subject, _node(ASCKG.problem), Literal(problem), graph))
    return quads


@lru_cache(maxsize=16384)
def _guidance(ref: str, staff: bool) -> CitedNode:
    graph = _node(GUIDANCE_GRAPH)
    chain = [ref]
    parent = _SAB_TOPIC_LETTER.match(ref)
    if parent:
        chain.append(parent.group(1))
    quads: list[Quad] = []
    for i, item in enumerate(chain):
        subject = _node(iris.guidance_iri(item))
        quads += [
            Quad(subject, _node(RDF.type), _node(SKOS.Concept), graph),
            Quad(subject, _node(RDF.type), _node(ASCKG.StaffInterpretation if staff else ASCKG.Guidance), graph),
            Quad(subject, _node(SKOS.notation), Literal(item), graph),
        ]
        if i + 1 < len(chain):
            quads.append(Quad(subject, _node(SKOS.broader), _node(iris.guidance_iri(chain[i + 1])), graph))
        label = reference.guidance_title(item)
        if label:
            quads.append(Quad(subject, _node(SKOS.prefLabel), Literal(label, language="en"), graph))
        quads += _crosswalk_quads(subject, item)
    return CitedNode(
        iri=str(iris.guidance_iri(ref)),
        within=tuple(str(iris.guidance_iri(item)) for item in chain),
        description=quads,
        codified_within=tuple(dict.fromkeys(
            str(q.object.value) for q in quads  # type: ignore[union-attr]  # IRIs, never triple terms
            if q.predicate.value == str(ASCKG.codifiedWithin)
        )),
    )


def _crosswalk_quads(subject: NamedNode, standard: str) -> list[Quad]:
    """Where an older standard went in the Codification: asckg:codifiedIn its location(s), and
    asckg:codifiedWithin each node above, with the Codification nodes described."""
    graph = _node(GUIDANCE_GRAPH)
    quads: list[Quad] = []
    for entry in reference.crosswalk(standard):
        try:
            target = parse_code(entry.asc)
        except ValueError:
            continue  # reference data that is not a code (a note) gives no edge
        quads.append(Quad(subject, _node(ASCKG.codifiedIn), _node(iris.asc_iri(target.code)), graph))
        for node in (target, *target.ancestors()):
            quads.append(Quad(subject, _node(ASCKG.codifiedWithin), _node(iris.asc_iri(node.code)), graph))
            quads += _codification_quads(node)
        if entry.evidence:
            quads.append(Quad(subject, _node(DCTERMS.source), Literal(entry.evidence), graph))
    return quads


@lru_cache(maxsize=16384)
def _rule(ref: str) -> CitedNode:
    graph = _node(GUIDANCE_GRAPH)
    subject = _node(iris.rule_iri(ref))
    return CitedNode(
        iri=str(iris.rule_iri(ref)),
        within=(str(iris.rule_iri(ref)),),
        description=[
            Quad(subject, _node(RDF.type), _node(SKOS.Concept), graph),
            Quad(subject, _node(RDF.type), _node(ASCKG.SecRule), graph),
            Quad(subject, _node(SKOS.notation), Literal(ref), graph),
        ],
    )
