"""``asckg export``: the graph, or one letter's or one company's part of it, as RDF."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from asckg.cli.common import STORE_DEFAULT, StoreOption, err
from asckg.core.errors import AsckgError


class RdfFormat(str, Enum):
    ttl = "ttl"
    nt = "nt"
    nq = "nq"
    trig = "trig"
    jsonld = "jsonld"


def export(
    fmt: Annotated[RdfFormat, typer.Option("--format", "-f", help="ttl or nt (all graphs merged), nq, trig or jsonld (one graph per letter).")] = RdfFormat.trig,
    letter: Annotated[Optional[list[str]], typer.Option("--letter", help="Only this letter (its id, accession number or IRI); repeatable.")] = None,
    company: Annotated[Optional[str], typer.Option("--company", help="Only this company's letters (its name or part of it, CIK or IRI).")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of stdout (with --shards: a directory).")] = None,
    shards: Annotated[Optional[int], typer.Option("--shards", min=1, help="With --format nq: split the store into this many N-Quads files in the -o directory, each letter's graph whole in one, for a server's bulk loader.")] = None,
    store: StoreOption = STORE_DEFAULT,
) -> None:
    """Write the whole graph, or the part about some letters, as RDF."""
    if shards is not None:
        if fmt is not RdfFormat.nq or output is None or letter or company:
            raise typer.BadParameter("--shards needs --format nq, -o DIRECTORY and the whole store")
        from asckg.graph.outputs.export import export_shards
        from asckg.graph.store import open_store

        with open_store(store, read_only=True) as db:
            written = export_shards(db, shards, output)
        for path, count in written:
            typer.echo(f"{path}\t{count}")
        err.print(f"{sum(c for _, c in written)} quads in {len(written)} shards -> {output}")
        return
    from asckg.graph.ask import sparql
    from asckg.graph.outputs.export import company_letters
    from asckg.graph.outputs.export import export as write_rdf
    from asckg.graph.store import open_store

    with open_store(store, read_only=True) as db:
        letters: list[str] | None = None
        if letter or company:
            letters = [sparql.resolve_letter(db, one) for one in letter or []]
            if company:
                iri = sparql.resolve_company(db, company)
                letters += company_letters(db, iri)
        if output is None:
            report = write_rdf(db, fmt.value, sys.stdout.buffer, letters)
            sys.stdout.buffer.flush()
        else:
            try:
                with output.open("wb") as stream:
                    report = write_rdf(db, fmt.value, stream, letters)
            except OSError as error:
                raise AsckgError(f"{output}: cannot write: {error.strerror or error}") from None
    what = "the whole store" if letters is None else f"{len(letters)} letter{'' if len(letters) == 1 else 's'}"
    unit = "triples" if fmt.value in ("ttl", "nt") else "quads"
    err.print(f"{report.statements} {unit} in {report.graphs} graph{'' if report.graphs == 1 else 's'} from {what}"
              + (f" -> {output}" if output else ""))
