"""Links between letters: a response replies to the staff letter it quotes, answers its comments,
and the two form a conversation; an earlier letter not yet stored is a placeholder until it is."""

from __future__ import annotations

import pytest

from asckg.graph.model import iris
from asckg.ingest.relink import relink
from asckg.ingest.write import write_records
from asckg.graph.store import LetterStore
from asckg.nlp.extract import Extractor
from asckg.nlp.readers import read_path

pytestmark = pytest.mark.corpus

STAFF = "11544_0000000000-17-014278"  # W. R. Berkley: staff letter of 2017-04-25, four comments
RESPONSE = "11544_0000899140-17-000417"  # the company's answer of 2017-05-18, quoting April 25


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def _store(store, extractor, corpus, stem):
    (letter,) = read_path(corpus / "letters" / f"{stem}.txt")
    (record,) = list(extractor.extract([letter]))
    write_records(store, [record])
    return record


def _ask(store, query):
    return store.select("PREFIX asckg: <https://w3id.org/asckg/ns#>\nPREFIX dcterms: <http://purl.org/dc/terms/>\n" + query)


def test_response_replies_and_answers(tmp_path, extractor, corpus):
    with LetterStore(tmp_path / "s") as store:
        _store(store, extractor, corpus, STAFF)
        _store(store, extractor, corpus, RESPONSE)
        report = relink(store)
        assert (report.responses, report.responses_linked) == (1, 1)
        staff = str(iris.letter_iri("0000000000-17-014278"))
        response = str(iris.letter_iri("0000899140-17-000417"))
        assert _ask(store, f"SELECT ?s WHERE {{ <{response}> asckg:repliesTo ?s }}") == [{"s": staff}]
        answers = _ask(store, f"SELECT ?a ?c WHERE {{ <{response}> asckg:hasComment ?a . ?a asckg:answers ?c }}")
        assert sorted((r["a"], r["c"]) for r in answers) == [
            (f"{response}/comment/{n}", f"{staff}/comment/{n}") for n in (1, 2, 3, 4)
        ]
        conv = _ask(store, f"""SELECT ?n ?r ?first ?last WHERE {{ <{staff}> asckg:partOfConversation ?c .
            <{response}> asckg:partOfConversation ?c . ?c asckg:letterCount ?n ; asckg:rounds ?r ;
            asckg:firstDate ?first ; asckg:lastDate ?last }}""")
        assert conv == [{"n": 2, "r": 1, "first": "2017-04-25", "last": "2017-05-18"}]


def test_placeholder_gives_way_to_the_letter(tmp_path, extractor, corpus):
    with LetterStore(tmp_path / "s") as store:
        _store(store, extractor, corpus, RESPONSE)
        relink(store)
        response = str(iris.letter_iri("0000899140-17-000417"))
        rows = _ask(store, f"SELECT ?p ?d WHERE {{ <{response}> asckg:refersToLetter ?p . ?p a asckg:LetterPlaceholder ; dcterms:date ?d }}")
        assert [r["d"] for r in rows] == ["2017-04-25"]
        _store(store, extractor, corpus, STAFF)
        relink(store)
        assert _ask(store, "SELECT ?p WHERE { ?p a asckg:LetterPlaceholder }") == []
        staff = str(iris.letter_iri("0000000000-17-014278"))
        assert _ask(store, f"SELECT ?s WHERE {{ <{response}> asckg:repliesTo ?s }}") == [{"s": staff}]


def test_relinking_twice_changes_nothing(tmp_path, extractor, corpus):
    with LetterStore(tmp_path / "s") as store:
        _store(store, extractor, corpus, STAFF)
        _store(store, extractor, corpus, RESPONSE)
        relink(store)
        before = {str(q) for q in store.quads()}
        relink(store)
        assert {str(q) for q in store.quads()} == before


def test_comment_cites_what_its_text_cites(tmp_path, extractor, corpus):
    with LetterStore(tmp_path / "s") as store:
        _store(store, extractor, corpus, STAFF)
        staff = str(iris.letter_iri("0000000000-17-014278"))
        rows = _ask(store, f"""PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            SELECT ?n ?code WHERE {{ <{staff}> asckg:hasComment ?c . ?c asckg:commentNumber ?n ; asckg:cites ?r .
            ?r skos:notation ?code }}""")
        assert {"n": 1, "code": "944-40-50-4D"} in rows


def test_links_are_planned_from_letters_alone_without_a_store():
    from asckg.ingest.links import LetterFacts, LinkReport, plan_links

    company = str(iris.company_iri("1513761", None))
    staff = LetterFacts("urn:x:staff", "1513761_0000000000-18-026944", "2018-08-29", "staff", company,
                        comments={1: "urn:x:staff/comment/1", 2: "urn:x:staff/comment/2"}, letter_type="sec_comment")
    response = LetterFacts("urn:x:response", "1513761_0001513761-18-000100", "2018-09-20", "response", company,
                           prior_dates={"2018-08-29", "2018-05-01"}, comments={1: "urn:x:response/comment/1"},
                           letter_type="company_response", commitments={"future"})
    report = LinkReport()
    planned = list(plan_links({s.iri: s for s in (staff, response)}, report))
    said = {(s, p.rsplit("#", 1)[-1], str(o)) for s, p, o in planned}
    assert ("urn:x:response", "repliesTo", "urn:x:staff") in said
    assert ("urn:x:response/comment/1", "answers", "urn:x:staff/comment/1") in said
    placeholder = str(iris.placeholder_iri("cik/1513761", "2018-05-01"))
    assert ("urn:x:response", "refersToLetter", placeholder) in said  # an earlier letter not stored
    conversation = str(iris.conversation_iri(staff.key))
    assert (conversation, "rounds", '"1"^^<http://www.w3.org/2001/XMLSchema#integer>') in said
    assert (conversation, "outcome", '"future"') in said
    assert (report.letters, report.responses, report.responses_linked, report.conversations, report.placeholders) == \
        (2, 1, 1, 1, 1)
