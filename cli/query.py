"""``asckg query``: run a canned SPARQL query (or your own ``.rq`` file) with typed parameters."""

from __future__ import annotations

import textwrap
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from asckg.cli.common import STORE_DEFAULT, StoreOption, err, out


class ResultFormat(str, Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


def _spec(name: str):
    from asckg.graph.ask.sparql import BadQuery
    from asckg.queries import QueryHeaderError, load_spec, read_spec

    try:
        if name.endswith(".rq") or Path(name).is_file():
            return read_spec(name)
        return load_spec(name)
    except KeyError:
        raise BadQuery(f"no query named {name!r}; `asckg query --list` shows them, or give a .rq file") from None
    except OSError as error:
        raise BadQuery(f"{name}: cannot read the query: {error.strerror or error}") from None
    except QueryHeaderError as error:
        raise BadQuery(f"{name}: {error}") from None


def _params(pairs: list[str]) -> dict[str, str]:
    from asckg.graph.ask.sparql import BadQuery

    given: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise BadQuery(f"--param {pair!r}: write NAME=VALUE, e.g. --param year=2018")
        given[key.strip().lstrip("?")] = value
    return given


def _list() -> None:
    from asckg.queries import load_spec, query_names

    for name in query_names():
        spec = load_spec(name)
        typer.echo(name)
        for line in textwrap.wrap(spec.question, 96):
            typer.echo(f"    {line}")
        if spec.params:
            typer.echo("    params: " + " ".join(p.usage() for p in spec.params))
            for p in spec.params:
                if p.help:
                    typer.echo(f"      {p.name}: {p.help}")


def query(
    name: Annotated[Optional[str], typer.Argument(help="A canned query's name (see --list) or your own .rq file.", show_default=False)] = None,
    param: Annotated[Optional[list[str]], typer.Option("--param", "-p", help="A parameter as NAME=VALUE, typed by the query's header (repeatable).")] = None,
    fmt: Annotated[ResultFormat, typer.Option("--format", "-f", help="table, csv, tsv or json (the SPARQL 1.1 results formats).")] = ResultFormat.table,
    list_all: Annotated[bool, typer.Option("--list", help="List the canned queries with the question each answers.")] = False,
    show: Annotated[bool, typer.Option("--show", help="Print the query's text (it runs unchanged in any SPARQL tool) and exit.")] = False,
    store: StoreOption = STORE_DEFAULT,
) -> None:
    """Run a SPARQL query over the store: a canned one by NAME, or a .rq file of your own."""
    if list_all:
        _list()
        return
    if not name:
        err.print("give a query's name or a .rq file; `asckg query --list` shows the canned ones")
        raise typer.Exit(2)
    from asckg.graph.ask import sparql
    from asckg.graph.store import open_store

    spec = _spec(name)
    if show:
        typer.echo(spec.text, nl=not spec.text.endswith("\n"))
        return
    given = _params(param or [])
    sparql.check_query(spec)  # a malformed query fails before the store is opened
    with open_store(store, read_only=True) as db:
        answer = sparql.run_query(db, spec, given)
    _render(answer, fmt)


def _render(answer, fmt: ResultFormat) -> None:
    import pyoxigraph as ox

    from asckg.graph.ask import sparql

    if answer.form == "graph":
        rdf = {ResultFormat.json: ox.RdfFormat.JSON_LD, ResultFormat.table: ox.RdfFormat.TURTLE}.get(fmt, ox.RdfFormat.N_TRIPLES)
        typer.echo(sparql.graph_text(answer.triples, rdf), nl=False)
        err.print(f"{len(answer.triples)} triples")
        return
    if fmt is ResultFormat.json:
        typer.echo(sparql.to_json(answer))
    elif answer.form == "ask":
        typer.echo("true" if answer.boolean else "false")
    elif fmt is ResultFormat.csv:
        typer.echo(sparql.to_csv(answer), nl=False)
    elif fmt is ResultFormat.tsv:
        typer.echo(sparql.to_tsv(answer), nl=False)
    else:
        from rich.table import Table

        table = Table(show_lines=False)
        for v in answer.variables:
            table.add_column(v, overflow="fold")
        for row in answer.rows:
            table.add_row(*(sparql.display_value(t) for t in row))
        out.print(table)
    if answer.form == "select":
        err.print(f"{len(answer.rows)} row{'' if len(answer.rows) == 1 else 's'}")
