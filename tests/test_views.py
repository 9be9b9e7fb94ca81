"""The networkx views: what each holds on the golden graph, and every file format read back."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import networkx as nx
import pytest

from asckg.graph.ask.sparql import BadQuery
from asckg.graph.outputs.views import VIEWS, build_view, co_citation, to_dot, to_json, write_view
from queries_support import examples_store, golden, golden_store  # noqa: F401  (fixtures)

ID = "https://w3id.org/asckg/id/"


@pytest.fixture(scope="module")
def views(golden):
    return {name: make(golden) for name, make in VIEWS.items()}


def test_citations_go_from_companies_to_letters_to_what_they_cite(views):
    g = views["citations"]
    nclh, letter, paragraph = ID + "company/cik/1513761", ID + "letter/0000000000-18-026944", ID + "asc/606-10-50-12"
    assert g.nodes[nclh]["kind"] == "company" and g.nodes[nclh]["label"] == "Norwegian Cruise Line Holdings Ltd."
    assert g.has_edge(nclh, letter)
    assert g.nodes[letter]["label"] == "1513761_0000000000-18-026944" and g.nodes[letter]["date"] == "2018-08-29"
    edge = g.edges[letter, paragraph]
    assert edge["words"] == "ASC 606-10-50-12(c)" and edge["weight"] == 1
    assert "on a net basis pursuant to ASC 606-10-50-12(c)" in edge["context"]
    assert g.nodes[paragraph]["kind"] == "paragraph"
    assert g.nodes[ID + "guidance/SFAS%2060"]["kind"] == "guidance"
    assert g.nodes[ID + "rule/S-K%20303"]["kind"] == "SEC rule"
    # the range "ASC 350-20-35-33 through 35-37" is one mention naming five paragraphs
    insulet = ID + "letter/0000000000-16-082809"
    ranged = [n for n in g.successors(insulet) if n.startswith(ID + "asc/350-20-35-")]
    assert len(ranged) == 5
    assert {g.edges[insulet, n]["words"] for n in ranged} == {"ASC 350-20-35-33 through 35-37"}


def test_co_citation_is_weighted_by_letters(golden, views):
    g = views["co-citation"]
    assert g.edges[ID + "asc/280-10-50-40", ID + "asc/280-10-50-41"]["weight"] == 2
    assert g.number_of_edges() == 1  # pairs cited together by two letters or more
    wide = co_citation(golden, min_letters=1)
    assert wide.number_of_edges() == 28
    assert wide.edges[ID + "guidance/SFAS%2060", ID + "guidance/SOP%2005-1"]["weight"] == 1


def test_company_topic_is_bipartite(views):
    g = views["company-topic"]
    companies = {n for n, b in g.nodes(data="bipartite") if b == 0}
    assert nx.is_bipartite(g)
    assert {g.nodes[c]["label"] for c in companies} == {"Insulet Corporation", "Norwegian Cruise Line Holdings Ltd.", "Aflac Incorporated"}
    assert g.edges[ID + "company/cik/4977", ID + "asc/944"]["weight"] == 2
    assert g.edges[ID + "company/cik/1145197", ID + "asc/350"]["weight"] == 1


def test_conversations_link_replies(views):
    g = views["conversations"]
    follow_up, response, first = (ID + "letter/0000000000-16-088669", ID + "letter/0001157523-16-006325",
                                  ID + "letter/0000000000-16-082809")
    assert g.edges[follow_up, response]["relation"] == "replies to"
    assert g.edges[response, first]["relation"] == "replies to"
    assert g.nodes[response]["kind"] == "response"
    assert g.nodes[first]["conversation"] == "1145197_0000000000-16-082809"
    assert g.number_of_nodes() == 6 and g.number_of_edges() == 3


def test_codification_tree_counts_citations(views):
    g = views["codification"]
    assert g.has_edge(ID + "asc/280-10-50", ID + "asc/280-10-50-40")
    assert g.nodes[ID + "asc/280-10-50-40"]["letters"] == 2
    assert g.nodes[ID + "asc/944"]["letters"] == 2 and g.nodes[ID + "asc/944"]["direct"] == 1
    assert g.nodes[ID + "asc/944"]["kind"] == "topic"
    assert nx.is_forest(g)


def test_an_unknown_view_is_one_error(golden):
    with pytest.raises(BadQuery, match="no view named 'citation'"):
        build_view(golden, "citation")


def _same(a: nx.Graph, b: nx.Graph) -> None:
    assert set(a.nodes) == set(b.nodes)
    assert {frozenset(e) if not a.is_directed() else e for e in a.edges} == {frozenset(e) if not a.is_directed() else e for e in b.edges}


@pytest.mark.parametrize("name", list(VIEWS))
def test_graphml_and_json_read_back_with_every_attribute(views, tmp_path, name):
    g = views[name]
    write_view(g, "graphml", str(tmp_path / "v.graphml"))
    back = nx.read_graphml(tmp_path / "v.graphml")
    _same(g, back)
    assert dict(back.nodes(data=True)) == dict(g.nodes(data=True))
    assert {(a, b): d for a, b, d in back.edges(data=True)} == {(a, b): d for a, b, d in g.edges(data=True)}
    again = nx.node_link_graph(json.loads(to_json(g)), edges="links")
    assert nx.utils.graphs_equal(again, g)


@pytest.mark.parametrize("name", list(VIEWS))
def test_gexf_reads_back(views, tmp_path, name):
    g = views[name]
    write_view(g, "gexf", str(tmp_path / "v.gexf"))
    back = nx.read_gexf(tmp_path / "v.gexf")
    _same(g, back)
    for n, data in g.nodes(data=True):
        assert back.nodes[n]["label"] == data["label"]
        assert back.nodes[n]["kind"] == data["kind"]


@pytest.mark.parametrize("name", list(VIEWS))
def test_dot_reads_back(views, name):
    pydot = pytest.importorskip("pydot", reason="pydot (a test extra) reads DOT back")
    g = views[name]
    (parsed,) = pydot.graph_from_dot_data(to_dot(g))
    back = nx.nx_pydot.from_pydot(parsed)
    assert {n.strip('"') for n in back.nodes} == set(g.nodes)
    edges = {(a.strip('"'), b.strip('"')) for a, b in back.edges()}
    want = set(g.edges) if g.is_directed() else {e for a, b in g.edges for e in ((a, b), (b, a))}
    assert edges <= want and len(edges) == g.number_of_edges()


def test_dot_escapes_quotes_and_newlines():
    g = nx.DiGraph(name="x")
    g.add_node('a "quoted"\nname', label='say "hi"')
    text = to_dot(g)
    assert '"a \\"quoted\\"\\nname" [label="say \\"hi\\""];' in text


def test_cli_writes_a_view(examples_store, tmp_path):
    target = tmp_path / "cit.gexf"
    env = dict(os.environ, ASCKG_STORE=str(examples_store))
    done = subprocess.run([sys.executable, "-m", "asckg", "view", "citations", "--format", "gexf", "-o", str(target)],
                          capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith("citations: ") and "nodes" in done.stderr
    g = nx.read_gexf(target)
    letters = [n for n, k in g.nodes(data="kind") if k == "letter"]
    assert len(letters) == 6


# ------------------------------------------------------------ company-about: from asckg:about, not citations
ABOUT_COUNTS = """PREFIX asckg: <https://w3id.org/asckg/ns#>
SELECT ?company ?node (COUNT(DISTINCT ?comment) AS ?comments) (COUNT(DISTINCT ?letter) AS ?letters)
WHERE { ?letter a asckg:StaffLetter ; asckg:aboutCompany ?company ; asckg:hasComment ?comment .
        ?comment asckg:about ?node }
GROUP BY ?company ?node"""


@pytest.fixture(scope="module")
def about_view(examples_store):
    from asckg.graph.store import LetterStore

    with LetterStore(examples_store, read_only=True) as db:
        g = build_view(db, "company-about")
        counted = {(r["company"], r["node"]): (int(r["comments"]), int(r["letters"])) for r in db.select(ABOUT_COUNTS)}
        cited = {(r["c"], r["n"]) for r in db.select(
            "PREFIX asckg: <https://w3id.org/asckg/ns#> SELECT DISTINCT ?c ?n WHERE { ?l a asckg:StaffLetter ; "
            "asckg:aboutCompany ?c ; asckg:hasComment ?m . ?m asckg:about ?n . "
            "FILTER NOT EXISTS { ?l asckg:citesWithin ?n } FILTER NOT EXISTS { ?l asckg:cites ?n } }")}
        totals = {}
        for side in ("company", "node"):
            for r in db.select(
                    "PREFIX asckg: <https://w3id.org/asckg/ns#> SELECT ?x (COUNT(DISTINCT ?comment) AS ?comments) "
                    "(COUNT(DISTINCT ?letter) AS ?letters) WHERE { ?letter a asckg:StaffLetter ; asckg:aboutCompany ?company ; "
                    f"asckg:hasComment ?comment . ?comment asckg:about ?node . BIND(?{side} AS ?x) }} GROUP BY ?x"):
                totals[r["x"]] = (int(r["comments"]), int(r["letters"]))
    return g, counted, cited, totals


def test_company_about_edges_are_the_sparql_counts_over_about(about_view):
    g, counted, _, totals = about_view
    assert counted, "the examples' staff comments have about edges"
    edges = {}
    for a, b, d in g.edges(data=True):
        company, node = (a, b) if g.nodes[a]["kind"] == "company" else (b, a)
        edges[(company, node)] = (d["comments"], d["letters"])
        assert d["weight"] == d["letters"]
    assert edges == counted


def test_company_about_is_bipartite_with_kinds_and_titles(about_view):
    from asckg.graph.ask.topics import topic_title

    g, counted, cited, totals = about_view
    assert nx.is_bipartite(g)
    companies = {n for n, b in g.nodes(data="bipartite") if b == 0}
    assert {g.nodes[n]["kind"] for n in companies} == {"company"}
    targets = set(g) - companies
    assert {g.nodes[n]["kind"] for n in targets} <= {"topic", "SEC rule"}
    assert all(g.nodes[n]["title"] for n in targets if g.nodes[n]["kind"] == "topic"), "every Topic has its title"
    assert all(g.nodes[n].get("title", "") == topic_title(g.nodes[n]["label"]) for n in targets)  # a rule's where known
    assert g.nodes[ID + "asc/606"]["title"] == "Revenue from Contracts with Customers"
    assert g.nodes[ID + "rule/S-K%20303"] == {**g.nodes[ID + "rule/S-K%20303"], "kind": "SEC rule", "label": "S-K 303"}
    # every node's own comments and letters, counted once (a company's letter about three Topics is one letter)
    assert {n: (d["comments"], d["letters"]) for n, d in g.nodes(data=True)} == totals
    assert any(d["letters"] < g.degree(n, weight="letters") for n, d in g.nodes(data=True) if d["kind"] == "company")
    # comments about a Topic their letter does not cite: this view reaches what company-topic cannot
    assert cited and all(g.has_edge(c, n) for c, n in cited)


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "dot", "html"])
def test_cli_writes_the_company_about_view(examples_store, about_view, tmp_path, fmt):
    g = about_view[0]
    target = tmp_path / f"about.{fmt}"
    env = dict(os.environ, ASCKG_STORE=str(examples_store))
    done = subprocess.run([sys.executable, "-m", "asckg", "view", "company-about", "--format", fmt, "-o", str(target)],
                          capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith(f"company-about: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges")
    if fmt == "graphml":
        back = nx.read_graphml(target)
        assert {frozenset((a, b)): (d["comments"], d["letters"]) for a, b, d in back.edges(data=True)} == \
               {frozenset((a, b)): (d["comments"], d["letters"]) for a, b, d in g.edges(data=True)}
        assert all("community" in d and "x" in d for _, d in back.nodes(data=True))  # laid out, like the other networks
    elif fmt == "html":
        text = target.read_text(encoding="utf-8")
        assert "are about" in text and "S-K 303" in text
