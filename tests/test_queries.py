"""The canned SPARQL queries: golden answers on a small hand-written graph, typed parameters, clear
errors, the SPARQL 1.1 results formats, and every query running over the examples (and the corpus)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest

from asckg.graph.ask import sparql
from asckg.graph.ask.sparql import BadQuery, run_query
from asckg.graph.store import LetterStore
from asckg.queries import PARAM_TYPES, Param, QueryHeaderError, load_spec, parse_header, query_names, spec_from_text
from conftest import DATA
from queries_support import examples, examples_store, golden, golden_store  # noqa: F401  (fixtures)

CASES = json.loads((DATA / "queries" / "cases.json").read_text(encoding="utf-8"))["cases"]
ID = "https://w3id.org/asckg/id/"
#: The queries this module answers for (other helpers' queries have their own tests).
OURS = sorted({c["query"] for c in CASES})


def _expand(value):
    return ID + value[3:] if isinstance(value, str) and value.startswith("id:") else value


def _project(row: dict, expected: dict, sets: dict) -> dict:
    out = {}
    for key in expected:
        value = row.get(key)
        if key in sets and value is not None:
            value = frozenset(value.split(sets[key]))
        out[key] = value
    return out


def _want(expected: dict, sets: dict) -> dict:
    return {k: (frozenset(v.split(sets[k])) if k in sets and v is not None else _expand(v)) for k, v in expected.items()}


# ------------------------------------------------------------------------------------ golden
@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_golden_case(golden, case):
    rows = run_query(golden, load_spec(case["query"]), case["params"]).dicts()
    sets = case.get("sets", {})
    if "count" in case:
        assert len(rows) == case["count"]
    if case.get("subset"):
        for expected in case["rows"]:
            want = _want(expected, sets)
            assert want in [_project(r, expected, sets) for r in rows], f"missing {expected}"
        return
    assert len(rows) == len(case["rows"]), rows
    got = [_project(r, e, sets) for r, e in zip(rows, case["rows"])] if case.get("ordered") else None
    if case.get("ordered"):
        assert got == [_want(e, sets) for e in case["rows"]]
    else:
        remaining = list(rows)
        for expected in case["rows"]:
            want = _want(expected, sets)
            match = next((r for r in remaining if _project(r, expected, sets) == want), None)
            assert match is not None, f"missing {expected} in {remaining}"
            remaining.remove(match)


#: The queries of the issue "Queries, views and exports that users take elsewhere".
MINE = {
    "letters_citing", "top_paragraphs_by_year", "top_topics_by_year", "top_subtopics_by_year", "co_citation",
    "companies_by_topic_year", "topic_comments", "company_correspondence", "response_days", "references_by_form",
    "older_standards", "letters_citing_via_standards", "unanswered_staff_letters", "signers_by_topic",
    "letters_by_year", "view_citations", "view_conversations", "view_codification",
}


def test_every_query_of_ours_is_bundled_and_has_a_golden_case():
    assert MINE <= set(query_names())
    assert set(OURS) == MINE
    assert len(MINE) >= 12


# ------------------------------------------------------------------------------------ headers
@pytest.mark.parametrize("name", OURS)
def test_header_names_the_question_and_prefixes_are_self_contained(name):
    spec = load_spec(name)
    assert spec.question.endswith("?"), spec.question
    # Runs unchanged in any SPARQL tool: parses in an empty store with no prefixes given.
    sparql.check_query(spec)
    for prefix in ("asckg:", "skos:", "dcterms:", "rdfs:", "xsd:"):
        body = spec.text.split("\nSELECT", 1)[-1]
        if prefix in body:
            assert f"PREFIX {prefix}" in spec.text, f"{name} uses {prefix} without declaring it"


_SAMPLES = {"iri": "id:asc/606", "asc": "606", "node": "SOP 97-2", "string": "10-K", "integer": "2018",
            "decimal": "1.5", "date": "2018-01-01", "boolean": "true"}


@pytest.mark.parametrize("name", OURS)
def test_each_declared_parameter_is_a_bound_column(name):
    spec = load_spec(name)
    bindings = {p.name: (ox.NamedNode(ID + "company/cik/1") if p.type in ("company", "letter")
                         else sparql.coerce(p, _SAMPLES[p.type])) for p in spec.params}
    sparql.check_query(spec, bindings)  # Oxigraph refuses a substitution that is not projected


def test_parse_header_reads_types_defaults_and_optional():
    question, notes, params, declared = parse_header(
        '# Who signs?\n# more words\n#@param topic asc optional "a Topic"\n#@param min integer = 2\nSELECT ?topic ?min {}')
    assert (question, notes, declared) == ("Who signs?", ("more words",), True)
    assert params == (Param("topic", "asc", required=False, help="a Topic"), Param("min", "integer", required=False, default="2"))
    assert params[1].usage() == "[min=integer (2)]"


@pytest.mark.parametrize("line", ["#@param", "#@param year", "#@param year int", '#@param 9x integer', "#@paramz x integer"])
def test_a_bad_parameter_line_is_an_error(line):
    with pytest.raises(QueryHeaderError):
        parse_header(f"# Q?\n{line}\nSELECT * {{}}")


def test_the_types_are_documented():
    assert set(_SAMPLES) | {"company", "letter"} == set(PARAM_TYPES)


# ------------------------------------------------------------------------------------ typing
@pytest.mark.parametrize("kind,text,expected", [
    ("integer", "2018", ox.Literal("2018", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))),
    ("date", "2016-07-01", ox.Literal("2016-07-01", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))),
    ("boolean", "yes", ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))),
    ("string", "10-K", ox.Literal("10-K")),
    ("asc", "Topic 606", ox.NamedNode(ID + "asc/606")),
    ("asc", "FASB ASC 985-605-25-12", ox.NamedNode(ID + "asc/985-605-25-12")),
    ("asc", "<https://w3id.org/asckg/id/asc/350>", ox.NamedNode(ID + "asc/350")),
    ("iri", "id:asc/606", ox.NamedNode(ID + "asc/606")),
    ("node", "FAS 60", ox.NamedNode(ID + "guidance/SFAS%2060")),
    ("node", "SAB Topic 13.A", ox.NamedNode(ID + "guidance/SAB%20Topic%2013.A")),
    ("node", "Item 303 of Regulation S-K", ox.NamedNode(ID + "rule/S-K%20303")),
], ids=lambda v: str(v) if isinstance(v, str) else "")
def test_a_value_becomes_a_typed_term(kind, text, expected):
    assert sparql.coerce(Param("p", kind), text) == expected


@pytest.mark.parametrize("kind,text,message", [
    ("integer", "20x", "is not a whole number"),
    ("integer", "2018.5", "is not a whole number"),
    ("date", "2016-13-01", "is not a date"),
    ("date", "July 1, 2016", "is not a date"),
    ("boolean", "maybe", "is not true or false"),
    ("asc", "985-6055", "is not a Codification reference"),
    ("iri", "not an iri", "is not an IRI"),
    ("node", "the goodwill guidance", "is not a reference asckg knows"),
    ("integer", "  ", "empty value"),
])
def test_an_ill_typed_value_is_one_clear_error(kind, text, message):
    with pytest.raises(BadQuery, match=message) as info:
        sparql.coerce(Param("p", kind), text)
    assert "\n" not in str(info.value)


def test_notation_lookup_in_the_store(golden):
    # "S-K 305" as a bare notation is no grammar's input; the store's skos:notation finds it.
    assert sparql.resolve_node(golden, "S-K 305") == ox.NamedNode(ID + "rule/S-K%20305")


def test_missing_and_unknown_parameters(golden):
    with pytest.raises(BadQuery, match=r"letters_citing needs --param target=<node>"):
        run_query(golden, load_spec("letters_citing"), {})
    with pytest.raises(BadQuery, match=r"has no parameter tagret \(it takes: target\)"):
        run_query(golden, load_spec("letters_citing"), {"tagret": "606"})


def test_companies_and_letters_are_looked_up(golden):
    assert sparql.resolve_company(golden, "INSULET corp.") == ID + "company/cik/1145197"
    assert sparql.resolve_company(golden, "1513761") == ID + "company/cik/1513761"
    with pytest.raises(BadQuery, match=r"'in' names 3 companies: Insulet Corporation \(cik/1145197\); Norwegian"):
        sparql.resolve_company(golden, "in")  # in every one of the three names
    with pytest.raises(BadQuery, match="no company named like"):
        sparql.resolve_company(golden, "Acme Widgets")
    with pytest.raises(BadQuery, match="no company with CIK 42"):
        sparql.resolve_company(golden, "42")
    assert sparql.resolve_letter(golden, "1513761_0000000000-18-026944.txt") == ID + "letter/0000000000-18-026944"
    assert sparql.resolve_letter(golden, "0000000000-18-026944") == ID + "letter/0000000000-18-026944"
    with pytest.raises(BadQuery, match="no letter with id"):
        sparql.resolve_letter(golden, "nope")


def test_a_parameter_is_never_pasted_into_the_text(golden):
    # A value that would break out of a string literal stays one harmless literal.
    spec = load_spec("references_by_form")
    rows = run_query(golden, spec, {"form": '10-K" } UNION { ?x ?y ?z'}).rows
    assert rows == []


def test_a_malformed_query_is_one_clear_error():
    spec = spec_from_text("mine", "# Mine?\nSELECT ?x WHERE { ?x ?p }")
    with pytest.raises(BadQuery, match="mine: malformed SPARQL: error at 2:"):
        sparql.check_query(spec)


def test_a_users_query_takes_undeclared_parameters_typed_by_their_look(golden):
    spec = spec_from_text("own", "PREFIX asckg: <https://w3id.org/asckg/ns#>\n"
                                 "SELECT ?letter ?n WHERE { ?letter asckg:hasComment ?c . ?c asckg:commentNumber ?n }")
    rows = run_query(golden, spec, {"n": "10"}).dicts()
    assert [r["letter"] for r in rows] == [ID + "letter/0000000000-16-082809"]


# ------------------------------------------------------------------------------------ formats
def test_json_is_the_sparql_results_format_and_reads_back(golden):
    answer = run_query(golden, load_spec("older_standards"), {})
    text = sparql.to_json(answer)
    data = json.loads(text)
    assert data["head"]["vars"] == answer.variables
    first = data["results"]["bindings"][0]
    assert first["letters"] == {"type": "literal", "value": "1", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}
    assert first["standard"] == {"type": "uri", "value": ID + "guidance/SFAS%2060"}
    assert first["codeLabel"] == {"type": "literal", "value": "Financial Services—Insurance", "xml:lang": "en"}
    assert "title" not in data["results"]["bindings"][1]  # unbound: left out
    parsed = ox.parse_query_results(text.encode(), format=ox.QueryResultsFormat.JSON)
    assert [tuple(s[v] for v in answer.variables) for s in parsed] == answer.rows


def test_tsv_reads_back_and_csv_has_plain_values(golden):
    answer = run_query(golden, load_spec("response_days"), {})
    parsed = ox.parse_query_results(sparql.to_tsv(answer).encode(), format=ox.QueryResultsFormat.TSV)
    assert [tuple(s[v] for v in answer.variables) for s in parsed] == answer.rows
    lines = sparql.to_csv(answer).split("\r\n")
    assert lines[0] == ",".join(answer.variables)
    assert lines[1].startswith(ID + "company/cik/1145197,Insulet Corporation,")
    assert ",29,2016" in lines[1]


def test_ask_answers_in_json():
    answer = sparql.Answer("ask", boolean=True)
    assert json.loads(sparql.to_json(answer)) == {"head": {}, "boolean": True}


# ------------------------------------------------------------------------------------ real data
_ON_EXAMPLES = {
    "letters_citing": {"target": "985-605"},
    "topic_comments": {"target": "606"},
    "company_correspondence": {"company": "Norwegian"},
    "letters_citing_via_standards": {"target": "985"},
    "top_paragraphs_by_year": {"min": "1"},
    "co_citation": {"min": "1"},
}
# Queries the six example letters give no rows for (no responses, no older standards, one letter a year).
_EMPTY_ON_EXAMPLES = {"response_days", "older_standards"}


@pytest.mark.parametrize("name", OURS)
def test_runs_on_the_examples(examples, name):
    rows = run_query(examples, load_spec(name), _ON_EXAMPLES.get(name, {})).rows
    assert bool(rows) == (name not in _EMPTY_ON_EXAMPLES), name


@pytest.mark.corpus
@pytest.mark.slow
def test_days_to_respond_agree_with_python_dates_on_the_corpus(corpus, tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "store"
    env = dict(os.environ, ASCKG_STORE=str(path))
    done = subprocess.run([sys.executable, "-m", "asckg", "ingest", str(corpus / "letters")], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    with LetterStore(path, read_only=True) as store:
        rows = run_query(store, load_spec("response_days"), {}).dicts()
        assert len(rows) > 300
        for r in rows:
            expected = (date.fromisoformat(r["responseDate"]) - date.fromisoformat(r["staffDate"])).days
            assert int(r["days"]) == expected, r
        for name in OURS:  # every query runs on the whole corpus and finds something
            assert run_query(store, load_spec(name), _ON_EXAMPLES.get(name, {})).rows, name


# ------------------------------------------------------------------------------------ the command
def _asckg(*args: str, store: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, ASCKG_STORE=str(store), COLUMNS="200")
    return subprocess.run([sys.executable, "-m", "asckg", *args], capture_output=True, text=True, env=env)


def test_cli_lists_the_queries_with_their_questions(golden_store):
    done = _asckg("query", "--list", store=golden_store)
    assert done.returncode == 0, done.stderr
    assert "co_citation\n    Which references are cited together in the same letter" in done.stdout
    assert "params: [topic=asc] [year=integer]" in done.stdout


def test_cli_runs_a_canned_query_as_json(golden_store):
    done = _asckg("query", "unanswered_staff_letters", "--param", "before=2016-07-01", "--format", "json", store=golden_store)
    assert done.returncode == 0, done.stderr
    bindings = json.loads(done.stdout)["results"]["bindings"]
    assert [b["id"]["value"] for b in bindings] == ["4977_0000000000-16-080147"]
    assert done.stderr.strip() == "1 row"


def test_cli_runs_a_users_file_and_shows_a_canned_text(golden_store, tmp_path):
    mine = tmp_path / "mine.rq"
    mine.write_text("PREFIX asckg: <https://w3id.org/asckg/ns#>\nSELECT ?id WHERE { ?l asckg:letterId ?id } ORDER BY ?id\n")
    done = _asckg("query", str(mine), "-f", "csv", store=golden_store)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[:2] == ["id", "1145197_0000000000-16-082809"]
    shown = _asckg("query", "co_citation", "--show", store=golden_store)
    assert shown.stdout == load_spec("co_citation").text


@pytest.mark.parametrize("args,message", [
    (("query", "letters_citing"), "error: letters_citing needs --param target=<node>"),
    (("query", "top_topics_by_year", "-p", "year=twenty"), "error: parameter year: 'twenty' is not a whole number"),
    (("query", "top_topics_by_year", "-p", "yeer=2018"), "error: top_topics_by_year has no parameter yeer"),
    (("query", "top_topics_by_year", "-p", "2018"), "error: --param '2018': write NAME=VALUE"),
    (("query", "no_such_query"), "error: no query named 'no_such_query'"),
])
def test_cli_errors_are_one_line_and_exit_2(golden_store, args, message):
    done = _asckg(*args, store=golden_store)
    assert done.returncode == 2
    assert done.stderr.startswith(message), done.stderr
    assert done.stderr.count("\n") == 1


def test_cli_malformed_user_query(golden_store, tmp_path):
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?x WHERE { ?x ?p }\n")
    done = _asckg("query", str(bad), store=golden_store)
    assert done.returncode == 2
    assert "malformed SPARQL" in done.stderr and done.stderr.count("\n") == 1
