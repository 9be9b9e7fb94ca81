"""``asckg view``: the graph as a networkx view for Gephi, Cytoscape, Graphviz or a browser."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from asckg.cli.common import STORE_DEFAULT, StoreOption, err
from asckg.core.errors import AsckgError


class ViewName(str, Enum):
    citations = "citations"
    co_citation = "co-citation"
    company_topic = "company-topic"
    conversations = "conversations"
    codification = "codification"


class ViewFormat(str, Enum):
    graphml = "graphml"
    gexf = "gexf"
    dot = "dot"
    json = "json"
    html = "html"


def view(
    name: Annotated[ViewName, typer.Argument(help="citations, co-citation, company-topic, conversations or codification.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The file to write.")],
    fmt: Annotated[ViewFormat, typer.Option("--format", "-f", help="graphml or gexf (Gephi, Cytoscape), dot (Graphviz), json (node-link), html (one offline page).")] = ViewFormat.html,
    store: StoreOption = STORE_DEFAULT,
) -> None:
    """Write a view of the graph: nodes and weighted edges, with labels and kinds."""
    from asckg.graph.store import open_store
    from asckg.graph.outputs.views import build_view, write_view

    with open_store(store, read_only=True) as db:
        graph = build_view(db, name.value)
    try:
        write_view(graph, fmt.value, str(output))
    except OSError as error:
        raise AsckgError(f"{output}: cannot write: {error.strerror or error}") from None
    err.print(f"{name.value}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges -> {output}")
