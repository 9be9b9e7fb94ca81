"""``asckg extract``: print what each letter cites and says, in the schema of GOLD.md, OUTCOMES.md and TOPICS.md."""

from __future__ import annotations

import json
from enum import Enum
from typing import Annotated

import typer
from rich.table import Table

from asckg.core import settings
from asckg.cli.common import JobsOption, TimeoutOption, out, report_error
from asckg.nlp.record import LetterRecord
from asckg.core.errors import InputError


class ExtractFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


def extract(
    paths: Annotated[list[str], typer.Argument(help="Letter files or directories (txt, md, html, pdf, EDGAR .txt).")],
    fmt: Annotated[ExtractFormat, typer.Option("--format", "-f", help="jsonl: one object per line; json: a list; table: for reading.")] = ExtractFormat.jsonl,
    jobs: JobsOption = None,
    timeout: TimeoutOption = settings.EXTRACT_TIMEOUT,
) -> None:
    """Find the citations, forms, file numbers, dates, people, comments and their topics in letters; print one summary per letter.

    The summary has the fields of the project's gold answers (GOLD.md), the letter's type and each
    answer's commitments (OUTCOMES.md) and each staff comment's topics (TOPICS.md); a reference that
    looked wrong (a Topic that does not exist, a range too long to expand) is listed under "flags".
    """
    from asckg.ingest.batch import default_jobs, iter_records  # spaCy loads here, not for every command
    from asckg.nlp.readers import count_files

    if jobs is None:  # every core, but no worker without a letter to read
        jobs = max(1, count_files(paths, limit=default_jobs()))

    failed = 0
    summaries = []
    for item in iter_records(paths, jobs=jobs, timeout=timeout):
        if isinstance(item, InputError):
            failed += 1
            report_error(item)
            continue
        assert isinstance(item, LetterRecord)  # nothing is skipped without a skip test
        summary = item.summary()
        if fmt is ExtractFormat.jsonl:
            typer.echo(json.dumps(summary, ensure_ascii=False))
        else:
            summaries.append(summary)
    if fmt is ExtractFormat.json:
        typer.echo(json.dumps(summaries, ensure_ascii=False, indent=2))
    elif fmt is ExtractFormat.table:
        table = Table("id", "date", "kind", "company", "asc", "guidance", "sec rules", "forms")
        for s in summaries:
            table.add_row(s["id"], s["letter_date"] or "", s["kind"] or "", s["company"] or "",
                          ", ".join(s["asc"]), ", ".join(s["guidance"]), ", ".join(s["sec_rules"]),
                          ", ".join(s["forms"]))
        out.print(table)
    if failed:
        raise typer.Exit(1)
