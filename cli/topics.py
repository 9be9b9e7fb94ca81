"""``asckg topics``: the topics the staff asks about most, by year, industry, review office or form;
``asckg train-topics``: retrain the topic model from the data that ships with asckg."""

from __future__ import annotations

import csv
import io
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from asckg.cli.common import STORE_DEFAULT, StoreOption, TableFormat, day_or_year, err, out


class GroupBy(str, Enum):
    year = "year"
    industry = "industry"
    office = "office"
    form = "form"


def topics(
    by: Annotated[GroupBy, typer.Option("--by", help="Group the staff letters by year, industry (SIC division of the EDGAR header's SIC code, else the sector ingest --manifest gave, marked (sector)), review office, or form under review.")] = GroupBy.year,
    top: Annotated[int, typer.Option("--top", min=1, help="Topics listed per group.")] = 10,
    since: Annotated[Optional[str], typer.Option("--since", help="Only letters dated on or after this day (YYYY-MM-DD, or a year). By industry, office or form: the window's first day (default: the latest year's, or the earliest year's when --until is given).")] = None,
    until: Annotated[Optional[str], typer.Option("--until", help="Only letters dated on or before this day (YYYY-MM-DD, or a year). By industry, office or form: the window's last day (default: the last day of the latest year with staff letters).")] = None,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="table, json (a list of objects) or csv.")] = TableFormat.table,
    store: StoreOption = STORE_DEFAULT,
) -> None:
    """The ASC Topics and SEC rules the staff's comments are about most, cited or not.

    Per group: rank, topic and title, comments about it, letters and companies with such a comment,
    the share of the group's staff letters, and the change in that share from the period before, in
    percentage points. Topics come from the topic model (asckg:about), so a comment about goodwill
    counts for 350 whether or not it cites ASC 350.

    change, by year: the share minus the same topic's share the year before (blank when the store
    has no staff letters of the year before).

    change, by industry, office or form: the table counts the letters of one window, --since to
    --until; without them, the latest calendar year with staff letters (a missing --until is the
    end of that year, a missing --since the start of the earliest year). The change is the share
    minus the same group's share in the window of the same length just before: whole months are
    compared with as many months before (2024 with 2023, a half-year with the half-year before),
    other windows with as many days before. A topic none of the group's letters was about then
    counts as 0%; the change is blank when the group had no staff letters then. The windows are
    printed below the table (and are in each JSON/CSV row: since, until, prior_since, prior_until).
    """
    from asckg.graph.ask.topics import group_sizes, letter_profiles, table_window, topic_table, window_before
    from asckg.graph.store import open_store

    first, last_day = day_or_year(since, False), day_or_year(until, True)
    if first and last_day and first > last_day:
        raise typer.BadParameter(f"--since {since} is after --until {until}", param_hint="--since")
    with open_store(store, read_only=True) as db:
        profiles = letter_profiles(db)
        window = table_window(db, by.value, first, last_day, profiles)
        if window and by is not GroupBy.year:
            first, last_day = window.since, window.until
        rows = topic_table(db, by.value, top, first, last_day, profiles)
        sizes = group_sizes(db, by.value, first, last_day, profiles)
    dumped = [row.dump() for row in rows]
    if fmt is TableFormat.json:
        typer.echo(json.dumps(dumped, ensure_ascii=False, indent=2))
        return
    if fmt is TableFormat.csv:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(dumped[0]) if dumped else ["group"])
        writer.writeheader()
        writer.writerows(dumped)
        sys.stdout.write(buffer.getvalue())
        return
    from rich.table import Table

    table = Table(show_lines=False)
    for name, justify in ((by.value, "left"), ("rank", "right"), ("topic", "left"), ("title", "left"),
                          ("comments", "right"), ("letters", "right"), ("companies", "right"),
                          ("share of letters", "right"), ("change", "right")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    last = None
    for r in rows:
        group = f"{r.group} ({sizes.get(r.group, 0)} letters)" if r.group != last else ""
        if r.group != last and last is not None:
            table.add_section()
        last = r.group
        change = "" if r.change is None else f"{round(r.change * 100):+d} pts"
        table.add_row(group, str(r.rank), r.topic, r.title, str(r.comments), str(r.letters),
                      str(r.companies), f"{r.share:.0%}", change)
    out.print(table)
    if window and by is not GroupBy.year:
        err.print(f"letters dated {window}; change: the share minus the same {by.value}'s share in "
                  f"{window_before(window)} (blank: no staff letters of that {by.value} then)")
    err.print(f"{len(rows)} rows; topics from asckg:about (cited, rule or model); "
              f"industry from asckg:sicCode (SIC division), else a manifest's asckg:industrySector, marked (sector); "
              f"office from asckg:reviewOffice or the staff's printed office")


def train_topics(
    out_dir: Annotated[Optional[Path], typer.Option("--out", help="Where to write the model (default: the package's own model directory).")] = None,
    cv: Annotated[int, typer.Option("--cv", min=0, help="Cross-validate with K folds by letter instead of training (prints the report).")] = 0,
) -> None:
    """Retrain the comment-topic model from the data that ships with asckg (fixed seed)."""
    from asckg.nlp.topics import train

    argv = []
    if out_dir is not None:
        argv += ["--out", str(out_dir)]
    if cv:
        argv += ["--cv", str(cv)]
    raise typer.Exit(train.main(argv))
