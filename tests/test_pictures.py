"""The pictures' numbers and geometry: the Codification map's tiles add up, the networks are laid
out, grouped and labelled without overlaps, the exports carry the layout, the charts hold the counts."""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from asckg.core.errors import AsckgError
from asckg.graph.outputs import charts, codemap, network, pages, plots
from asckg.graph.outputs.views import codification, co_citation, company_topic, write_view
from queries_support import examples, examples_store, golden, golden_store  # noqa: F401  (fixtures)

ID = "https://w3id.org/asckg/id/"


# ------------------------------------------------------------------------ the Codification map
@pytest.fixture(scope="module")
def tree(golden):
    return codification(golden)


def test_the_codification_view_carries_status_years_and_top_letters(tree):
    node = tree.nodes[ID + "asc/280-10-50-40"]
    assert node["status"] == "current" and node["by_year"] == "2016:2"
    assert node["top_letters"].split(" | ") == [
        "1145197_0001157523-16-006325 (2016-07-29, Insulet Corporation, 1 mention)",
        "1145197_0000000000-16-082809 (2016-06-30, Insulet Corporation, 1 mention)"]
    assert tree.nodes[ID + "asc/944"]["top_letters"].startswith("4977_0000004977-16-000316 (2016-05-11, Aflac Incorporated, 2 mentions)")
    assert tree.graph["letters_by_year"] == "2016:5 2018:1"


def test_tile_areas_add_up_to_the_citations(tree):
    data = codemap.map_data(tree)
    value = dict(zip(data.codes, data.values))
    # worked by hand from the golden graph: a letter naming a node counts once for that node
    assert value["280-10-50-40"] == 2 and value["280-10-50"] == 4 and value["280"] == 4
    assert value["350"] == 5  # five paragraphs of one range, one letter each
    assert value["944"] == 3  # named itself once, and 944-30 and 944-605-25-3 once each
    assert value["606"] == 1 and value["ASC"] == 13
    rows = data.children()
    for row, node in enumerate(data.ids):
        below = sum(data.values[c] for c in rows[node])
        assert data.values[row] == data.own[row] + below, data.codes[row]
        assert data.letters[row] <= data.values[row]
    cited = {d["label"] for _, d in tree.nodes(data=True) if d["letters"] > 0}
    assert set(data.codes) - {"ASC"} == cited


def test_colour_is_the_change_in_share_from_the_year_before(tree):
    data = codemap.map_data(tree)
    assert (data.year, data.before) == (2018, 2016)
    change = dict(zip(data.codes, data.change))
    assert change["606"] == pytest.approx(100.0 * (1 / 1 - 0 / 5))
    assert change["280"] == pytest.approx(100.0 * (0 / 1 - 2 / 5))
    with pytest.raises(AsckgError, match="no letters of 2017 in the store"):
        codemap.map_data(tree, 2017)
    assert codemap.map_data(tree, 2016).before is None  # nothing earlier to compare with


def test_superseded_topics_are_hatched_grey_and_say_so():
    g = nx.DiGraph(name="codification", letters_by_year="2020:4 2021:4")
    g.add_node("605", label="605", kind="topic", title="Revenue Recognition", letters=2, direct=2,
               status="superseded", by_year="2020:2", top_letters="")
    g.add_node("606", label="606", kind="topic", title="Revenue from Contracts with Customers", letters=3, direct=1,
               status="current", by_year="2020:1 2021:2", top_letters="")
    g.add_node("606-10", label="606-10", kind="subtopic", title="Revenue from Contracts with Customers—Overall",
               letters=2, direct=2, status="current", by_year="2021:2", top_letters="")
    g.add_edge("606", "606-10")
    fig = codemap.figure(g)
    tiles = fig.data[0]
    at = {code: i for i, code in enumerate(tiles.ids)}
    assert tiles.labels[at["605"]] == "605 Revenue Recognition (superseded)"
    assert tiles.marker.colors[at["605"]] == codemap.SUPERSEDED and tiles.marker.pattern.shape[at["605"]] == "/"
    assert tiles.marker.pattern.shape[at["606"]] == ""
    assert tiles.values[at["606"]] == 3 and tiles.parents[at["606-10"]] == "606"
    assert "<b>superseded</b>" in tiles.customdata[at["605"]][0]
    assert tiles.branchvalues == "total"


# ------------------------------------------------------------------------ networks
@pytest.fixture(scope="module")
def miserables():
    """A weighted graph of 77 nodes with communities (bundled with networkx): enough to crowd labels."""
    g = nx.les_miserables_graph()
    for n, d in g.nodes(data=True):
        d["label"], d["kind"] = n, "paragraph"
    return network.arrange(g)


def test_every_node_is_placed_coloured_and_sized(miserables):
    for n, d in miserables.nodes(data=True):
        assert isinstance(d["x"], float) and isinstance(d["y"], float)
        assert d["color"].startswith("#") and d["size"] >= 7
        assert (d["r"], d["g"], d["b"]) == tuple(int(d["color"][k:k + 2], 16) for k in (1, 3, 5))
    communities = {d["community"] for _, d in miserables.nodes(data=True)}
    assert len(communities) >= 4
    found = [{n for n, c in miserables.nodes(data="community") if c == k} for k in communities]
    louvain = nx.community.louvain_communities(nx.les_miserables_graph(), weight="weight", seed=7)
    best = nx.community.modularity(miserables, louvain, weight="weight")
    assert nx.community.modularity(miserables, found, weight="weight") >= 0.97 * best > 0.5


def test_the_layout_is_the_same_every_time(miserables):
    again = network.arrange(nx.relabel_nodes(nx.les_miserables_graph(), {}))
    assert {n: (d["x"], d["y"]) for n, d in miserables.nodes(data=True)} == \
           {n: (d["x"], d["y"]) for n, d in again.nodes(data=True)}


def test_the_layout_does_not_change_with_the_python_process(tmp_path):
    # Louvain keeps communities in sets; the order of a set of strings changes with PYTHONHASHSEED
    script = ("import json, networkx as nx\nfrom asckg.graph.outputs import network\n"
              "g = network.arrange(nx.les_miserables_graph())\n"
              "print(json.dumps(sorted((n, d['x'], d['y'], d['community']) for n, d in g.nodes(data=True))))")
    runs = [subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                           env=dict(os.environ, PYTHONHASHSEED=seed)).stdout for seed in ("1", "2", "3")]
    assert runs[0] == runs[1] == runs[2] and len(runs[0]) > 1000


def test_communities_sit_apart(miserables):
    # each community's nodes are nearer their own centre than any other community's centre is
    centre: dict[int, tuple[float, float]] = {}
    for k in {c for _, c in miserables.nodes(data="community")}:
        members = [d for _, d in miserables.nodes(data=True) if d["community"] == k]
        centre[k] = (sum(d["x"] for d in members) / len(members), sum(d["y"] for d in members) / len(members))
    nearest_own = sum(
        min(centre, key=lambda k: (d["x"] - centre[k][0]) ** 2 + (d["y"] - centre[k][1]) ** 2) == d["community"]
        for _, d in miserables.nodes(data=True))
    assert nearest_own >= 0.9 * miserables.number_of_nodes()


def test_labels_do_not_overlap_each_other_or_other_nodes(miserables):
    boxes = network.label_boxes(miserables)
    assert len(boxes) >= 30
    for (a, box_a), (b, box_b) in itertools.combinations(boxes.items(), 2):
        assert not box_a.overlaps(box_b), (a, b)
    pixels = network.to_pixels(miserables)
    ranked = sorted(miserables, key=lambda n: -sum(w for *_, w in miserables.edges(n, data="weight")))
    forced = set(ranked[:network.FORCED])
    for n, box in boxes.items():
        assert network.MARGIN["l"] <= box.left and box.right <= network.WIDTH - network.MARGIN["r"]
        assert network.MARGIN["t"] <= box.top and box.bottom <= network.HEIGHT - network.MARGIN["b"]
        if n in forced:
            continue  # the most linked are labelled even over a neighbour (the label has a background)
        for m, (x, y) in pixels.items():
            r = miserables.nodes[m]["size"] / 2
            if m != n:
                assert not box.overlaps(network.Box(x - r, y - r, x + r, y + r)), (n, m)
    assert "Valjean" in boxes  # the most linked node is labelled


def test_a_minimum_weight_drops_light_edges_and_lonely_nodes(golden):
    g = co_citation(golden, min_letters=1)
    heavy = network.arrange(g, min_weight=2)
    assert {frozenset(e) for e in heavy.edges} == {frozenset((ID + "asc/280-10-50-40", ID + "asc/280-10-50-41"))}
    assert heavy.number_of_nodes() == 2 and heavy.graph["min_weight"] == 2
    assert network.arrange(g).number_of_edges() == g.number_of_edges() == 28


def test_the_views_know_their_letters(golden):
    cc = co_citation(golden, min_letters=1)
    assert cc.nodes[ID + "asc/280-10-50-40"]["letters"] == 2
    assert cc.nodes[ID + "asc/280-10-50-40"]["title"] == "Segment Reporting—Overall: Disclosure"
    ct = company_topic(golden)
    assert ct.nodes[ID + "company/cik/1145197"]["letters"] == 3  # Insulet's letters that cite anything
    assert ct.nodes[ID + "asc/944"]["letters"] == 2


def test_gephi_and_graphviz_files_carry_the_layout_and_communities(golden, tmp_path):
    g = network.arrange(company_topic(golden))
    write_view(g, "graphml", str(tmp_path / "v.graphml"))
    back = nx.read_graphml(tmp_path / "v.graphml")
    for n, d in g.nodes(data=True):
        for key in ("x", "y", "community", "color", "size", "r", "g", "b"):
            assert back.nodes[n][key] == d[key], key
    write_view(g, "gexf", str(tmp_path / "v.gexf"))
    root = ET.parse(tmp_path / "v.gexf").getroot()
    viz = "{http://gexf.net/1.2/viz}" if root.tag.startswith("{http://gexf.net/1.2") else "{http://www.gexf.net/1.2draft/viz}"
    nodes = [e for e in root.iter() if e.tag.endswith("}node")]
    assert len(nodes) == g.number_of_nodes()
    for e in nodes:
        d = g.nodes[e.get("id")]
        position = e.find(f"{viz}position")
        assert float(position.get("x")) == pytest.approx(d["x"] * 100) and float(position.get("y")) == pytest.approx(d["y"] * 100)
        assert int(e.find(f"{viz}color").get("r")) == d["r"]
    assert "community" in {a.get("title") for a in root.iter() if a.tag.endswith("}attribute")}
    write_view(g, "dot", str(tmp_path / "v.dot"))
    dot = (tmp_path / "v.dot").read_text(encoding="utf-8")
    n, d = next(iter(g.nodes(data=True)))
    assert f'pos="{d["x"] * 72:.1f},{d["y"] * 72:.1f}!"' in dot and "community=" in dot


def test_the_network_figure_draws_every_node_edge_and_label(miserables):
    fig = network.figure(miserables)
    nodes = [t for t in fig.data if t.mode == "markers" and t.name != "pairs"]
    assert sum(len(t.x) for t in nodes) == miserables.number_of_nodes()
    lines = [t for t in fig.data if t.mode == "lines"]
    assert sum(len(t.x) for t in lines) == 3 * miserables.number_of_edges()
    widths = [t.line.width for t in lines]
    assert widths == sorted(widths) and len(set(widths)) == len(widths)  # heavier classes drawn wider
    labels = [a.text for a in fig.layout.annotations]
    assert len(labels) == sum(d["labelled"] for _, d in miserables.nodes(data=True))
    assert fig.layout.width == network.WIDTH and fig.layout.height == network.HEIGHT
    assert list(fig.layout.xaxis.range) == list(network._frame(miserables)[:2])


# ------------------------------------------------------------------------ charts and pages
def test_interactive_charts_hold_the_same_counts(golden):
    data = plots.year_counts(golden, "topic", 8)
    fig = charts.trends(golden)
    assert {t.name: list(t.y) for t in fig.data} == data.series
    shares = fig.layout.updatemenus[0].buttons[1].args[0]["y"]
    assert shares[0] == [40.0, 0.0]  # 280: 2 of the 5 letters of 2016
    heat = charts.heatmap(golden).data[0]
    assert [list(row) for row in heat.z] == [[2, 0], [2, 0], [1, 0], [0, 1]]
    assert list(heat.y) == ["280 Segment Reporting", "944 Insurance", "350 Goodwill and Other",
                            "606 Revenue from Contracts with Customers"]


def test_a_page_is_self_contained_and_a_fragment_embeds(golden):
    fig = charts.trends(golden)
    page = pages.page(fig, "t <&>")
    assert "<title>t &lt;&amp;&gt;</title>" in page and "default-src 'none'" in page
    assert not re.search(r"<(?:script|img|link|iframe)[^>]+(?:src|href)=", page)
    part = charts.fragment(fig, div_id="trends")
    assert part.startswith("<div") and 'id="trends"' in part and len(part) < 100_000  # no plotly.js in it
    assert len(charts.fragment(fig, include_js=True)) > 3_000_000
    assert pages.plotly_script().startswith('<script type="text/javascript">')


def test_a_lighter_plotly_build_can_be_named(golden, tmp_path, monkeypatch):
    full = pages.plotly_js()
    lighter = tmp_path / "plotly-lighter.js"
    lighter.write_text(full.replace("*/", "*/ /* the lighter build */", 1), encoding="utf-8")
    monkeypatch.setenv("ASCKG_PLOTLY_JS", str(lighter))
    page = pages.page(charts.trends(golden), "t")
    assert "/* the lighter build */" in page and page.count("plotly.js v") == 1
    other = tmp_path / "plotly-old.js"
    other.write_text("/**\n* plotly.js v1.58.5\n*/\nvar Plotly = {};", encoding="utf-8")
    monkeypatch.setenv("ASCKG_PLOTLY_JS", str(other))
    with pytest.raises(AsckgError, match=r"plotly-old\.js: plotly\.js v1\.58\.5, but the plotly package draws for v"):
        pages.page(charts.trends(golden), "t")
    monkeypatch.setenv("ASCKG_PLOTLY_JS", str(tmp_path / "missing.js"))
    with pytest.raises(AsckgError, match="missing.js: cannot read the plotly.js of ASCKG_PLOTLY_JS"):
        pages.plotly_script()


def test_cli_writes_the_html_views_and_charts(examples_store, tmp_path):
    env = dict(os.environ, ASCKG_STORE=str(examples_store))
    for args, out in ((("view", "codification"), "c.html"), (("view", "co-citation", "--min-weight", "1"), "n.html"),
                      (("view", "company-topic", "-f", "gexf"), "ct.gexf"), (("plot", "trends"), "t.html"),
                      (("plot", "heatmap", "--by", "subtopic"), "h.html")):
        done = subprocess.run([sys.executable, "-m", "asckg", *args, "-o", str(tmp_path / out)],
                              capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stderr
    assert 'id="codification-map"' in (tmp_path / "c.html").read_text(encoding="utf-8")
    assert "communities" in (tmp_path / "n.html").read_text(encoding="utf-8")
    assert "viz:position" in (tmp_path / "ct.gexf").read_text(encoding="utf-8")
    bad = subprocess.run([sys.executable, "-m", "asckg", "plot", "trends", "-o", str(tmp_path / "t.jpg")],
                         capture_output=True, text=True, env=env)
    assert bad.returncode != 0 and "write the chart to a .html, .png, .svg or .pdf file" in bad.stderr
