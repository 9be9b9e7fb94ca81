"""``asckg view``: the graph as a networkx view for Gephi, Cytoscape, Graphviz or a browser."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from asckg.cli.common import STORE_DEFAULT, StoreOption, err
from asckg.core.errors import AsckgError


class ViewName(str, Enum):
    citations = "citations"
    co_citation = "co-citation"
    company_topic = "company-topic"
    company_about = "company-about"
    conversations = "conversations"
    codification = "codification"


class ViewFormat(str, Enum):
    graphml = "graphml"
    gexf = "gexf"
    dot = "dot"
    json = "json"
    html = "html"


def view(
    name: Annotated[ViewName, typer.Argument(help="citations, co-citation, company-topic (Topics the letters cite), company-about (Topics and SEC rules the staff's comments are about, cited or not), conversations or codification.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The file to write.")],
    fmt: Annotated[ViewFormat, typer.Option("--format", "-f", help="graphml or gexf (Gephi, Cytoscape), dot (Graphviz), json (node-link), html (one offline page).")] = ViewFormat.html,
    min_weight: Annotated[Optional[int], typer.Option("--min-weight", min=1, help="co-citation, company-topic and company-about: keep only edges of at least this many letters (co-citation's default: 2).", show_default=False)] = None,
    year: Annotated[Optional[int], typer.Option("--year", help="codification map: colour by the change from the year before to this one (default: the latest).")] = None,
    store: StoreOption = STORE_DEFAULT,
) -> None:
    """Write a view of the graph: nodes and weighted edges, with labels and kinds.

    co-citation, company-topic and company-about are laid out, with communities, in every format
    (Gephi opens the GraphML or GEXF laid out and coloured); codification in HTML is a treemap of the
    Codification. company-about joins each company to the ASC Topics and SEC rules the staff's
    comments to it are about (asckg:about, cited or not): edge weight = its staff letters with such a
    comment, and each edge also holds the comments."""
    from asckg.graph.store import open_store
    from asckg.graph.outputs.views import NETWORKS, build_view, co_citation, write_view

    with open_store(store, read_only=True) as db:
        if name is ViewName.co_citation and min_weight:
            graph = co_citation(db, min_letters=min_weight)
        else:
            graph = build_view(db, name.value)
    if name.value in NETWORKS:
        from asckg.graph.outputs.network import arrange

        graph = arrange(graph, min_weight=min_weight or 1)
    try:
        write_view(graph, fmt.value, str(output), year=year)
    except OSError as error:
        raise AsckgError(f"{output}: cannot write: {error.strerror or error}") from None
    err.print(f"{name.value}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges -> {output}")
