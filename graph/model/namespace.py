"""Every IRI asckg writes, spelled in one place.

``ASCKG`` is the ontology's namespace (closed: a misspelt term raises ``AttributeError``); the
terms agree with ``ontology.ttl`` beside this file, which a test checks. Instance IRIs live under
:data:`ID` and are minted by :mod:`asckg.graph.model.iris`.
"""

from __future__ import annotations

from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace, Namespace
from rdflib.term import URIRef

from asckg.graph.model import ids

__all__ = ["ASCKG", "ID", "DCTERMS", "PROV", "RDF", "RDFS", "SKOS", "XSD", "PREFIXES"]


class ASCKG(DefinedNamespace):
    """The asckg ontology, ``https://w3id.org/asckg/ns#``."""

    _fail = True
    _NS = Namespace(ids.NS)

    # classes
    Letter: URIRef
    StaffLetter: URIRef
    Response: URIRef
    OtherLetter: URIRef
    Company: URIRef
    FormType: URIRef
    Mention: URIRef
    CodificationNode: URIRef
    Topic: URIRef
    Subtopic: URIRef
    Section: URIRef
    Paragraph: URIRef
    Comment: URIRef
    Person: URIRef
    Role: URIRef
    Filing: URIRef
    Conversation: URIRef
    LetterPlaceholder: URIRef
    Guidance: URIRef
    StaffInterpretation: URIRef
    SecRule: URIRef
    Citation: URIRef
    Shelf: URIRef
    TopicAssignment: URIRef

    # properties
    letterId: URIRef
    accessionNumber: URIRef
    contentHash: URIRef
    readWith: URIRef
    sourceFile: URIRef
    sourceFormat: URIRef
    aboutCompany: URIRef
    cik: URIRef
    mentionsForm: URIRef
    fileNumber: URIRef
    cites: URIRef
    citesWithin: URIRef
    hasMention: URIRef
    mentionKind: URIRef
    refersTo: URIRef
    refersWithin: URIRef
    startOffset: URIRef
    endOffset: URIRef
    matchedText: URIRef
    detail: URIRef
    flag: URIRef
    context: URIRef
    hasComment: URIRef
    commentNumber: URIRef
    position: URIRef
    headingPath: URIRef
    pageReference: URIRef
    commentText: URIRef
    restatedText: URIRef
    responseText: URIRef
    subItem: URIRef
    inComment: URIRef
    answers: URIRef
    refersToPriorComment: URIRef
    priorCommentNumber: URIRef
    priorLetterDate: URIRef
    refersToLetter: URIRef
    repliesTo: URIRef
    partOfConversation: URIRef
    firstDate: URIRef
    lastDate: URIRef
    rounds: URIRef
    letterCount: URIRef
    hasRole: URIRef
    roleName: URIRef
    agent: URIRef
    title: URIRef
    office: URIRef
    addressedTo: URIRef
    signedBy: URIRef
    staffContact: URIRef
    reviews: URIRef
    filedBy: URIRef
    formType: URIRef
    periodEnd: URIRef
    filingDate: URIRef
    codifiedIn: URIRef
    codifiedWithin: URIRef
    status: URIRef
    knownParagraph: URIRef
    problem: URIRef
    hasCitation: URIRef
    citedNode: URIRef
    citedAs: URIRef
    citedRefs: URIRef
    citedVia: URIRef
    companyName: URIRef
    linksStale: URIRef
    answerRow: URIRef
    onShelf: URIRef
    shelfOf: URIRef
    shelfMonth: URIRef
    shelfKind: URIRef
    shelfHolds: URIRef
    omittedMentions: URIRef
    # from EDGAR submission headers: the company, then the submission
    sicCode: URIRef
    industrySector: URIRef
    sicTitle: URIRef
    stateOfIncorporation: URIRef
    fiscalYearEnd: URIRef
    reviewOffice: URIRef
    disseminationDate: URIRef
    publicReferenceAccession: URIRef
    secFileNumber: URIRef
    letterType: URIRef
    commitment: URIRef
    firstLetter: URIRef
    lastLetter: URIRef
    daysOpen: URIRef
    closedBy: URIRef
    outcome: URIRef
    reviewsFiling: URIRef
    staffOffice: URIRef
    about: URIRef
    topicAssignment: URIRef
    topic: URIRef
    score: URIRef
    decidedBy: URIRef


#: Base of every instance IRI (letters, companies, Codification nodes, graphs).
ID = Namespace(ids.BASE)

#: Prefixes for queries and serialisations.
PREFIXES: dict[str, str] = {
    "asckg": str(ASCKG._NS),
    "id": str(ID),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}
