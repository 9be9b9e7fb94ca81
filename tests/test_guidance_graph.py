"""Every kind of reference in the graph: older standards mapped onto the Codification, SAB Topics,
SEC rules, and references to nothing, which are stored with their flag."""

from __future__ import annotations

import json

import pytest

from asckg.core.errors import BadReference
from asckg.graph.ask.describe import describe
from asckg.ingest.write import write_records
from asckg.graph.ask.cites import cites
from asckg.graph.ask.reference import parse_reference
from asckg.graph.store import LetterStore
from asckg.nlp.extract import Extractor
from asckg.nlp.readers import iter_letters, read_path

SOP_LETTER = "749038_0001140361-10-011128"  # "paragraph 10 of SOP 97-2 (ASC 985-605-25-6)"


@pytest.mark.parametrize("typed, kind, ref", [
    ("985-605-25-12", "asc", "985-605-25-12"),
    ("Topic 606", "asc", "606"),
    ("SOP 97-2", "guidance", "SOP 97-2"),
    ("FAS 133", "guidance", "SFAS 133"),
    ("Statement of Financial Accounting Standards No. 133", "guidance", "SFAS 133"),
    ("SAB Topic 13", "guidance", "SAB Topic 13"),
    ("ASU 2014-09", "guidance", "ASU 2014-09"),
    ("S-K 303", "sec_rule", "S-K 303"),
    ("Item 303 of Regulation S-K", "sec_rule", "S-K 303"),
    ("Rule 4-08(e)", "sec_rule", "S-X 4-08"),
    ("Item 2.02 of Form 8-K", "sec_rule", "Form 8-K Item 2.02"),
    ("C&DI Non-GAAP 102.10", "guidance", "C&DI Non-GAAP 102.10"),
])
def test_references_as_users_write_them(typed, kind, ref):
    target = parse_reference(typed)
    assert (target.kind, target.ref) == (kind, ref)


@pytest.mark.corpus
def test_a_rules_normal_form_is_read_without_the_grammars_as_the_grammars_read_it(corpus):
    # parse_reference answers a rule's normal form ("S-K 303") before importing the grammars: for
    # every such form the gold holds, and its neighbours, the grammars read nothing else there.
    from asckg.graph.ask.reference import _RULE_FORM, _whole
    from asckg.nlp.grammar import guidance, sec_rules

    forms = {ref for p in (corpus / "gold").glob("*.json")
             for ref in json.loads(p.read_text()).get("sec_rules", []) if _RULE_FORM.match(ref)}
    forms |= {f"{reg} {n}" for reg in ("S-K", "S-X", "S-T", "M-A", "S-B") for n in ("10", "303", "3-05", "4-08", "1300")}
    forms |= {f"S-X Article {n}" for n in (5, 8, 11)}
    assert len(forms) > 30
    for form in sorted(forms):
        for grammar in (guidance, sec_rules):
            found = _whole(grammar.find(form), form)
            assert found is None or found.refs[0] == form, (form, found)
        assert parse_reference(form) == parse_reference(f"  {form} ")
        assert (parse_reference(form).kind, parse_reference(form).ref) == ("sec_rule", form)


def test_a_reference_to_nothing_is_an_error():
    with pytest.raises(BadReference):
        parse_reference("the new revenue standard")


@pytest.fixture(scope="module")
def corpus_store(corpus, tmp_path_factory):
    store = LetterStore(tmp_path_factory.mktemp("guidance") / "store")
    gold = {p.stem: json.loads(p.read_text()) for p in sorted((corpus / "gold").glob("*.json"))}
    paths = [corpus / sub / f"{stem}.txt" for stem in gold for sub in ("letters", "excerpts")
             if (corpus / sub / f"{stem}.txt").exists()]
    paths.append(corpus / "excerpts" / f"{SOP_LETTER}.txt")
    write_records(store, Extractor().extract(l for l in iter_letters(paths) if not isinstance(l, Exception)))
    yield store, gold
    store.close()


@pytest.mark.corpus
def test_every_gold_reference_of_every_kind_is_findable(corpus_store):
    store, gold = corpus_store
    missing = []
    for stem, g in gold.items():
        for field in ("asc", "guidance", "sec_rules"):
            for ref in g[field]:
                if stem not in {hit.id for hit in cites(store, ref, exact=True)}:
                    missing.append((stem, ref))
    assert missing == []


@pytest.mark.corpus
def test_a_subtopic_lists_letters_citing_the_older_standard_via_the_crosswalk(corpus_store):
    store, _ = corpus_store
    hits = {hit.id: hit for hit in cites(store, "985-605")}
    assert hits[SOP_LETTER].via == ["SOP 97-2"]
    # the words as written, the paragraph of the standard with them ("paragraph 10 of SOP 97-2")
    assert any(c.endswith("SOP 97-2") for c in hits[SOP_LETTER].citations)
    founding = hits["000_1ae12daddb492283"]
    assert founding.via == [] and founding.refs == ["985-605-15-4A", "985-605-25-12"]
    without = {hit.id: hit for hit in cites(store, "985-605", via=False)}
    assert without[SOP_LETTER].via == []  # it still cites ASC 985-605-25-6 itself


@pytest.mark.corpus
def test_sab_topic_letter_rolls_up_to_its_topic(corpus_store):
    store, gold = corpus_store
    want = {stem for stem, g in gold.items() if any(r.startswith("SAB Topic 5.") or r == "SAB Topic 5" for r in g["guidance"])}
    assert want and {hit.id for hit in cites(store, "SAB Topic 5")} == want


@pytest.mark.corpus
def test_describe_counts_letters_by_year(corpus_store):
    store, gold = corpus_store
    info = describe(store, "S-K 303")
    want = {stem for stem, g in gold.items() if "S-K 303" in g["sec_rules"]}
    assert info.letters == len(want)
    assert sum(n for _, n in info.by_year) == info.letters
    sop = describe(store, "SOP 97-2")
    assert [c["asc"] for c in sop.codified_in] == ["985-605"]
    node = describe(store, "985-605")
    assert node.status == "superseded" and node.hierarchy[0][0] == "985"
    assert "SOP 97-2" in {s["standard"] for s in node.standards_here}


def test_a_reference_to_nothing_is_stored_with_its_flag(tmp_path):
    letter_file = tmp_path / "made_up.txt"
    letter_file.write_text("Please tell us how you applied ASC 999-10-25-1 to these arrangements.\n")
    (letter,) = read_path(letter_file)
    (record,) = list(Extractor().extract([letter]))
    assert record.summary()["asc"] == ["999-10-25-1"]
    assert record.summary()["flags"][0]["flags"] == ["no such Topic 999"]
    with LetterStore(tmp_path / "s") as store:
        write_records(store, [record])
        rows = store.select(
            "PREFIX asckg: <https://w3id.org/asckg/ns#> SELECT ?flag ?problem WHERE { "
            "?m asckg:flag ?flag ; asckg:refersTo ?n . ?n asckg:problem ?problem }"
        )
        assert rows == [{"flag": "no such Topic 999", "problem": "no such Topic 999"}]
        assert [hit.id for hit in cites(store, "999-10-25-1")] == ["made_up"]
