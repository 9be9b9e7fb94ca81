"""The graph as networkx graphs a reader opens in Gephi, Cytoscape, Graphviz or a browser.

Each view answers one question with nodes and edges, built from a canned query:

- ``citations``: companies -> letters -> the references they cite (edges carry the words);
- ``co-citation``: references linked by how many letters cite both (weighted, undirected);
- ``company-topic``: companies and Codification Topics, bipartite, weighted by letters;
- ``company-about``: companies and the ASC Topics and SEC rules their staff comments are about
  (``asckg:about``, cited or not), bipartite, weighted by letters, with the comments on each edge;
- ``conversations``: letters and the earlier letters they reply or refer to;
- ``codification``: the Codification tree of every cited node, with citation counts.

Node and edge attributes are plain strings and numbers (never None), so GraphML and GEXF carry
them; every node has ``label`` and ``kind``, which the HTML view and Gephi colour by.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any, Callable

import networkx as nx

from asckg.core import reference
from asckg.graph.ask.sparql import BadQuery, run_query
from asckg.graph.ask.topics import topic_title
from asckg.graph.store import Store
from asckg.queries import load_spec

#: Characters of context kept per citing mention on an edge.
_CONTEXT = 240
_KIND_OF_CLASS = {
    "Topic": "topic", "Subtopic": "subtopic", "Section": "section", "Paragraph": "paragraph",
    "Guidance": "guidance", "StaffInterpretation": "staff interpretation", "SecRule": "SEC rule",
}


def _rows(store: Store, name: str, **params: str) -> list[dict[str, Any]]:
    return run_query(store, load_spec(name), params).dicts()


def _local(iri: str | None) -> str:
    return (iri or "").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _clean(attrs: dict[str, Any]) -> dict[str, Any]:
    """Attributes GraphML and GEXF can hold: no None, lists joined."""
    out = {}
    for key, value in attrs.items():
        if value is None:
            continue
        out[key] = " | ".join(value) if isinstance(value, (list, tuple)) else value
    return out


def citations(store: Store) -> nx.DiGraph:
    """Companies -> letters -> cited references; letter->reference edges hold the citing words."""
    g = nx.DiGraph(name="citations")
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for r in _rows(store, "view_citations"):
        letter, node = r["letter"], r["node"]
        if letter not in g:
            g.add_node(letter, **_clean({"label": r["id"], "kind": "letter", "letter_kind": r["kind"],
                                         "date": r["date"], "company": r["companyName"]}))
        if node not in g:
            g.add_node(node, **_clean({"label": r["notation"], "kind": _KIND_OF_CLASS.get(_local(r["nodeClass"]), "reference"),
                                       "title": r["label"]}))
        if r["company"]:
            if r["company"] not in g:
                g.add_node(r["company"], label=r["companyName"] or _local(r["company"]), kind="company")
            g.add_edge(r["company"], letter, relation="letter about")
        edge = edges.setdefault((letter, node), {"mentions": set(), "words": [], "contexts": []})
        if r["mention"] not in edge["mentions"]:
            edge["mentions"].add(r["mention"])
            if r["matched"] not in edge["words"]:
                edge["words"].append(r["matched"])
            if r["context"]:
                edge["contexts"].append(r["context"][:_CONTEXT])
    for (letter, node), e in edges.items():
        g.add_edge(letter, node, relation="cites", weight=len(e["mentions"]),
                   words=" | ".join(e["words"]), context=" | ".join(e["contexts"][:3]))
    for n, data in g.nodes(data=True):
        data["citations"] = g.in_degree(n) if data["kind"] not in ("letter", "company") else g.out_degree(n)
    return g


def co_citation(store: Store, min_letters: int = 2) -> nx.Graph:
    """References joined by how many letters cite both (``weight``)."""
    g = nx.Graph(name="co-citation")
    for r in _rows(store, "co_citation", min=str(min_letters)):
        for node, code in ((r["a"], r["codeA"]), (r["b"], r["codeB"])):
            if node not in g:
                g.add_node(node, label=code, kind=_reference_kind(node, code))
        g.add_edge(r["a"], r["b"], weight=int(r["letters"]))
    naming = _letters_naming(store)
    for n, data in g.nodes(data=True):
        data["letters_with_others"] = sum(w for _, _, w in g.edges(n, data="weight"))
        data["letters"] = naming.get(n, 0)
        title = _reference_title(data["label"], data["kind"])
        if title:
            data["title"] = title
    return g


def _letters_naming(store: Store) -> dict[str, int]:
    """Letters naming each cited node, and letters citing anything about each company."""
    return {r["node"]: int(r["letters"]) for r in _rows(store, "view_reference_letters")}


def _reference_title(code: str, kind: str) -> str | None:
    if kind in ("topic", "subtopic", "section", "paragraph"):
        return reference.title(code)
    return reference.guidance_title(code) if kind == "guidance" else None


def _reference_kind(iri: str, code: str) -> str:
    if "/asc/" in iri:
        return {1: "topic", 2: "subtopic", 3: "section"}.get(code.count("-") + 1, "paragraph")
    return "SEC rule" if "/rule/" in iri else "guidance"


def company_topic(store: Store) -> nx.Graph:
    """Companies and Topics (bipartite: ``bipartite`` 0 and 1), weighted by letters."""
    g = nx.Graph(name="company-topic")
    weight: dict[tuple[str, str], int] = defaultdict(int)
    for r in _rows(store, "companies_by_topic_year"):
        if r["company"] not in g:
            g.add_node(r["company"], label=r["name"] or _local(r["company"]), kind="company", bipartite=0)
        if r["topic"] not in g:
            g.add_node(r["topic"], **_clean({"label": r["code"], "kind": "topic", "bipartite": 1, "title": r["label"]}))
        weight[(r["company"], r["topic"])] += int(r["letters"])  # a letter has one year: sums are distinct letters
    for (company, topic), w in weight.items():
        g.add_edge(company, topic, weight=w)
    naming = _letters_naming(store)
    for n, data in g.nodes(data=True):  # a letter has one company: a Topic's letters are its edges' sum
        data["letters"] = naming.get(n, 0) if data["kind"] == "company" else sum(w for _, _, w in g.edges(n, data="weight"))
    return g


def company_about(store: Store) -> nx.Graph:
    """Companies and the Topics and SEC rules the staff's comments to them are about (``asckg:about``,
    whether the comment cites it or not): bipartite (``bipartite`` 0 and 1), each edge holding the
    staff ``comments`` about the node and the staff ``letters`` with such a comment (``weight`` is the
    letters, as in the other networks). Nodes hold their own distinct ``comments`` and ``letters``
    (a company's letter about three Topics is one letter of the company's)."""
    g = nx.Graph(name="company-about")
    pair_comments: dict[tuple[str, str], set[str]] = defaultdict(set)
    pair_letters: dict[tuple[str, str], set[str]] = defaultdict(set)
    node_comments: dict[str, set[str]] = defaultdict(set)
    node_letters: dict[str, set[str]] = defaultdict(set)
    for r in _rows(store, "view_company_about"):
        company, node, code = r["company"], r["node"], r["code"]
        if company not in g:
            g.add_node(company, label=r["name"] or _local(company), kind="company", bipartite=0)
        if node not in g:
            kind = "topic" if code.isdigit() else "SEC rule"
            g.add_node(node, **_clean({"label": code, "kind": kind, "bipartite": 1, "title": topic_title(code) or None}))
        pair_comments[(company, node)].add(r["comment"])
        pair_letters[(company, node)].add(r["letter"])
        for n in (company, node):
            node_comments[n].add(r["comment"])
            node_letters[n].add(r["letter"])
    for (company, node), found in pair_letters.items():
        g.add_edge(company, node, weight=len(found), letters=len(found), comments=len(pair_comments[(company, node)]))
    for n, data in g.nodes(data=True):
        data["letters"] = len(node_letters[n])
        data["comments"] = len(node_comments[n])
    return g


def conversations(store: Store) -> nx.DiGraph:
    """Letters -> the earlier letters they reply to (``replies to``) or only refer to."""
    g = nx.DiGraph(name="conversations")
    links: dict[tuple[str, str], str] = {}
    for r in _rows(store, "view_conversations"):
        if r["letter"] not in g:
            g.add_node(r["letter"], **_clean({"label": r["id"], "kind": r["kind"] or "letter", "date": r["date"],
                                              "company": r["companyName"], "conversation": _local(r["conversation"])}))
        if r["other"]:
            relation = "replies to" if _local(r["relation"]) == "repliesTo" else "refers to"
            key = (r["letter"], r["other"])
            if links.get(key) != "replies to":
                links[key] = relation
    for (letter, other), relation in links.items():
        if other not in g:  # a placeholder: an earlier letter known only by its date
            g.add_node(other, label=f"letter of {_local(other)}", kind="placeholder")
        g.add_edge(letter, other, relation=relation)
    return g


#: Letters listed on a Codification node (``top_letters``), those with most mentions under it first.
TOP_LETTERS = 5


def codification(store: Store) -> nx.DiGraph:
    """The Codification tree (parent -> child) of the cited nodes, with ``letters`` citing within,
    ``direct`` letters naming the node itself, its ``status`` (current, superseded or unknown),
    ``by_year`` ("2016:3 2018:1", letters citing within) and ``top_letters`` ("id (date, company,
    mentions) | ...")."""
    g = nx.DiGraph(name="codification")
    parents = []
    for r in _rows(store, "view_codification"):
        g.add_node(r["node"], **_clean({"label": r["code"], "kind": _local(r["level"]).lower(), "title": r["label"],
                                        "letters": int(r["letters"] or 0), "direct": int(r["direct"] or 0),
                                        "status": reference.status(r["code"])}))
        if r["parent"]:
            parents.append((r["parent"], r["node"]))
    for parent, child in parents:
        if parent in g:
            g.add_edge(parent, child, relation="broader of")
    years: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    top: dict[str, list[str]] = defaultdict(list)
    for r in _rows(store, "view_codification_letters"):  # most mentions first within each node
        if r["node"] not in g:
            continue
        if r["date"]:
            years[r["node"]][int(r["date"][:4])] += 1
        if len(top[r["node"]]) < TOP_LETTERS:
            mentions = f"{r['mentions']} mention{'' if r['mentions'] == '1' else 's'}"
            about = ", ".join(x for x in (r["date"], r["companyName"], mentions) if x)
            top[r["node"]].append(f"{r['id']} ({about})")
    for n, data in g.nodes(data=True):
        data["by_year"] = " ".join(f"{y}:{c}" for y, c in sorted(years[n].items()))
        data["top_letters"] = " | ".join(top[n])
    stored = {int(r["year"]): int(r["letters"]) for r in _rows(store, "letters_by_year")}
    g.graph["letters_by_year"] = " ".join(f"{y}:{c}" for y, c in sorted(stored.items()))
    return g


#: The views by the names the command line uses.
VIEWS: dict[str, Callable[[Store], nx.Graph]] = {
    "citations": citations,
    "co-citation": co_citation,
    "company-topic": company_topic,
    "company-about": company_about,
    "conversations": conversations,
    "codification": codification,
}


def build_view(store: Store, name: str) -> nx.Graph:
    """The view called ``name``; BadQuery naming the views if there is none."""
    try:
        make = VIEWS[name]
    except KeyError:
        raise BadQuery(f"no view named {name!r} (one of: {', '.join(VIEWS)})") from None
    return make(store)


# ---------------------------------------------------------------------------------- writing
def to_dot(g: nx.Graph) -> str:
    """Graphviz DOT text (written here: pydot and pygraphviz are not needed to write it)."""
    def q(value: Any) -> str:
        text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        return f'"{text}"'

    def attrs(data: dict[str, Any]) -> str:
        return ", ".join(f"{k}={q(v)}" for k, v in sorted(data.items()) if v is not None)

    arrow = "->" if g.is_directed() else "--"
    lines = [f"{'digraph' if g.is_directed() else 'graph'} {q(g.graph.get('name', 'asckg'))} {{"]
    for n, data in g.nodes(data=True):
        lines.append(f"  {q(n)} [{attrs(data)}];")
    for a, b, data in g.edges(data=True):
        lines.append(f"  {q(a)} {arrow} {q(b)} [{attrs(data)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_json(g: nx.Graph) -> str:
    """node-link JSON (``networkx.node_link_graph`` reads it back; so do d3 and most JS tools)."""
    return json.dumps(nx.node_link_data(g, edges="links"), ensure_ascii=False, indent=1)


#: Views drawn as networks with structure (:mod:`asckg.graph.outputs.network`) in HTML.
NETWORKS = ("co-citation", "company-topic", "company-about")


def _with_viz(g: nx.Graph) -> nx.Graph:
    """A copy whose nodes carry GEXF's ``viz`` (position, colour, size) from a layout's attributes,
    so Gephi opens the file laid out and coloured."""
    h = g.copy()
    for _, d in h.nodes(data=True):
        if "x" in d and "y" in d:
            viz: dict[str, Any] = {"position": {"x": float(d["x"]) * 100, "y": float(d["y"]) * 100, "z": 0.0}}
            if "size" in d:
                viz["size"] = float(d["size"])
            colour = str(d.get("color", ""))
            if len(colour) == 7 and colour.startswith("#"):
                viz["color"] = {"r": int(colour[1:3], 16), "g": int(colour[3:5], 16), "b": int(colour[5:7], 16), "a": 1.0}
            d["viz"] = viz
    return h


def _with_pos(g: nx.Graph) -> nx.Graph:
    """A copy whose nodes carry Graphviz's fixed ``pos`` (points) from a layout's attributes."""
    h = g.copy()
    for _, d in h.nodes(data=True):
        if "x" in d and "y" in d:
            d["pos"] = f"{float(d['x']) * 72:.1f},{float(d['y']) * 72:.1f}!"
    return h


def write_view(g: nx.Graph, fmt: str, path: str, year: int | None = None) -> None:
    """Write a view as graphml, gexf, dot, json or html to ``path``. In HTML, ``codification`` is a
    treemap (``year``: the year its colours compare with the one before), ``co-citation``,
    ``company-topic`` and ``company-about`` are laid-out networks, the others the interactive graph of ``html_view``."""
    if fmt == "graphml":
        nx.write_graphml(g, path)
    elif fmt == "gexf":
        nx.write_gexf(_with_viz(g), path)
    elif fmt == "dot":
        with open(path, "w", encoding="utf-8") as out:
            out.write(to_dot(_with_pos(g)))
    elif fmt == "json":
        with open(path, "w", encoding="utf-8") as out:
            out.write(to_json(g))
    elif fmt == "html" and g.graph.get("name") == "codification":
        from asckg.graph.outputs import codemap

        codemap.write(g, path, year)
    elif fmt == "html" and g.graph.get("name") in NETWORKS:
        from asckg.graph.outputs import network

        network.write(g, path)
    elif fmt == "html":
        from asckg.graph.outputs.html_view import render

        with open(path, "w", encoding="utf-8") as out:
            out.write(render(g))
    else:
        raise BadQuery(f"no view format {fmt!r} (graphml, gexf, dot, json or html)")
