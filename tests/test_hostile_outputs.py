"""Outputs that never break: hostile letters go through the readers, extraction and the store, and
every export and view format is parsed back by its own reader.

A staff letter's skeleton (its wording after the June 2016 letters of the corpus) has hostile text
put into the places whose words reach the graph: the company, the people, a citation's words (so
the matched words and their context carry it), a page break inside a citation, a comment. The text
is written to a file and read as a user's file would be. Formats and their readers: Turtle,
N-Triples, N-Quads, TriG, JSON-LD (rdflib); GraphML, GEXF, node-link JSON (networkx); DOT (pydot);
HTML (html.parser, and the page's embedded data must not end its script early); SPARQL results as
CSV (csv), TSV and JSON (json).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pydot
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rdflib import Dataset

from asckg.core.errors import InputError
from asckg.graph.ask.sparql import Answer, to_csv, to_json, to_tsv
from asckg.graph.model.literals import graph_text
from asckg.graph.outputs.export import export
from asckg.graph.outputs.views import VIEWS, build_view, write_view
from asckg.graph.store import LetterStore
from asckg.ingest.relink import relink
from asckg.ingest.write import write_records
from asckg.nlp.readers import iter_letters
from asckg.nlp.readers.letter import _letter

SCALE = int(os.environ.get("ASCKG_PROPERTY_SCALE", "1"))
RDF_FORMATS = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld"}
VIEW_FORMATS = ("graphml", "gexf", "dot", "json", "html")

#: Characters and strings that break one format or another when written carelessly.
HOSTILE = [
    "\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85", "\r", "\r\n", "\t", "\u2028", "\u2029",
    "\ufffe", "\uffff", "\ufeff", "\u200b", "\u202e", "\u0301", "\U0001f600", "\ud800", "\udfff",
    '"', "'", '"""', "\\", "\\n", "\\u0000", "<", ">", "&", "&amp;", "]]>", "<!--", "-->", "</script>",
    "<script>alert(1)</script>", "{", "}", "%", "@prefix", "_:b0", "<http://x/>", "^^", "#", ";", ",", " . ",
    "\ufb01", "\u00a0",
]
junk = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=6),
                 st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=4).map("".join))


def letter(j: list[str]) -> str:
    """A staff letter with hostile text ``j[0..5]`` in the places whose words reach the graph."""
    return (
        f"June 1, 2016\n\nMr. John{j[0]} Smith\nChief Financial Officer\nAcme{j[1]} Corp, Inc.\n1 Main Street\n\n"
        f"Re: Acme{j[1]} Corp, Inc.\nForm 10-K for the Fiscal Year Ended December 31, 2015\nFiled March 1, 2016\n"
        f"File No. 001-12345\n\nDear Mr. Smith:\n\nWe have reviewed your filing and have the following comment.\n\n"
        f"1. Please refer to ASC 606-10-{j[2]}25-19 and Rule 3-05{j[2]} of Regulation S-X. Tell us how you "
        f"considered{j[3]} SFAS 133 and Item 303(a) of Regulation\n\n\f{j[4]}Page 2\nS-K.\n\n"
        f"You may contact Jane{j[5]} Doe, Staff Accountant, at (202) 551-1234 with any questions.\n\n"
        f"Sincerely,\n\n/s/ Bob Roe\n\nBob Roe{j[0]}\nBranch Chief\n"
    )


@pytest.fixture(scope="module")
def extractor():
    from asckg.nlp.extract import Extractor

    return Extractor()


class _Page(HTMLParser):
    """Counts the page's elements; the data must stay inside its one script element."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts = 0

    def handle_starttag(self, tag, attrs) -> None:
        self.scripts += tag == "script"


def _check_rdf(store: LetterStore) -> None:
    for fmt, rdflib_name in RDF_FORMATS.items():
        out = io.BytesIO()
        export(store, fmt, out)
        ds = Dataset()
        ds.parse(data=out.getvalue().decode("utf-8"), format=rdflib_name)
        assert len(ds) or sum(len(g) for g in ds.graphs()), fmt


def _check_views(store: LetterStore, where: Path, letter_id: str, texts: list[str]) -> None:
    for name in VIEWS:
        g = build_view(store, name)
        for fmt in VIEW_FORMATS:
            path = where / f"{name}.{fmt}"
            write_view(g, fmt, str(path))
            raw = path.read_text(encoding="utf-8")
            if fmt == "graphml":
                back = nx.read_graphml(path)
            elif fmt == "gexf":
                back = nx.read_gexf(path)
            elif fmt == "json":
                back = nx.node_link_graph(json.loads(raw), edges="links")
            elif fmt == "dot":
                parsed = pydot.graph_from_dot_data(raw)
                assert parsed, f"{name}.dot"
                back = None
                assert len(parsed[0].get_nodes()) >= g.number_of_nodes(), f"{name}.dot"
            else:
                page = _Page()
                page.feed(raw)
                page.close()
                assert page.scripts == raw.count("<script"), f"{name}.html"
                back = None
            if back is not None:
                assert back.number_of_nodes() == g.number_of_nodes(), f"{name}.{fmt}"
                assert back.number_of_edges() == g.number_of_edges(), f"{name}.{fmt}"
    citations = build_view(store, "citations")
    labels = {str(d.get("label", "")) for _, d in citations.nodes(data=True)}
    assert letter_id in labels
    # the citations (and with them the hostile text around them, in their context) reached the views
    words = " ".join(str(d.get("words", "")) for _, _, d in citations.edges(data=True))
    assert "ASC 606-10" in words and "SFAS 133" in words, words
    contexts = " ".join(str(d.get("context", "")) for _, _, d in citations.edges(data=True))
    assert all(graph_text(" ".join(t.split())) in contexts for t in texts), contexts


def _check_results(store: LetterStore) -> None:
    rows = store.query("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    answer = Answer("select", variables=["s", "p", "o"], rows=[(r["s"], r["p"], r["o"]) for r in rows])
    assert answer.rows
    back = list(csv.reader(io.StringIO(to_csv(answer), newline="")))
    assert len(back) == len(answer.rows) + 1
    assert [row[2] for row in back[1:]] == [t.value for _, _, t in answer.rows]
    assert len(json.loads(to_json(answer))["results"]["bindings"]) == len(answer.rows)
    assert to_tsv(answer).count("\n") == len(answer.rows) + 1  # one line per row: no raw line break


@settings(max_examples=12 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                          HealthCheck.function_scoped_fixture])
@given(j=st.lists(junk, min_size=6, max_size=6))
@example(j=["\x0c", "\x00", "\x0c", "\x1b", "Release\n\n", "\ufffe"])  # the GraphML form feed of the issue
@example(j=["\ud800", "</script>", "]]>", "\uffff", "\x01", '"\\'])
def test_hostile_letters_give_outputs_their_readers_read(j, extractor, tmp_path_factory):
    where = tmp_path_factory.mktemp("hostile")
    path = where / "0000000000-16-000001.txt"
    text = letter(j)
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    (item,) = list(iter_letters([path]))
    if isinstance(item, InputError):
        # Only a file that is no text (NUL bytes, many control characters) is refused, on one line.
        # Such text may still reach the store from another reader (an EDGAR document, a PDF's text
        # layer): made into a Letter as every reader makes one, the outputs must hold then too.
        assert "\n" not in str(item).replace(str(path), "")
        assert any(why in item.problem for why in ("NUL bytes", "control characters", "invalid", "not a text file")), item
        item = _letter(path.stem, path, text, "text", {"accession": path.stem})
    (record,) = extractor.extract([item])
    with LetterStore(where / "store") as store:
        write_records(store, [record])
        relink(store)
        _check_rdf(store)
        # the hostile text as read (a file that is not UTF-8 is read as cp1252) around a citation
        around = re.search(r"considered.{0,60}? SFAS", item.text, re.S)
        _check_views(store, where, path.stem, [around.group()] if around else [])
        _check_results(store)
