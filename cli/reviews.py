"""``asckg reviews``: how reviews went, grouped by year, office, industry or form.

One line per group and one for all: reviews (conversations with at least one staff comment
letter), letters per review, the share closed by a "completed our review" letter and the share
closed after one or two comment letters, days to complete (mean, median, 90th percentile, over the
closed reviews), and the shares of reviews with an amended filing and with promises to change
future filings. Office and industry come from EDGAR headers (or the staff signature's office, and
the sector a corpus manifest gave: ``asckg ingest --manifest``); letters read without them group
under "(unknown)".
"""

from __future__ import annotations

import csv
import io
import json
from enum import Enum
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from asckg.cli.common import STORE_DEFAULT, StoreOption, TableFormat, out
from asckg.graph.ask.reviews import GroupStats, review_rows, summarize
from asckg.graph.store import open_store


class GroupBy(str, Enum):
    year = "year"
    office = "office"
    industry = "industry"
    form = "form"


_COLUMNS = (
    ("group", "{}"), ("reviews", "{}"), ("letters_per_review", "{:.2f}"), ("closed_share", "{:.0%}"),
    ("closed_in_1_2_share", "{:.0%}"), ("days_mean", "{:.0f}"), ("days_median", "{:.0f}"), ("days_p90", "{:.0f}"),
    ("amend_share", "{:.0%}"), ("future_share", "{:.0%}"),
)
_HEADERS = ("", "reviews", "letters", "closed", "in 1-2", "days", "median", "p90", "amend", "future")


def reviews(
    by: Annotated[GroupBy, typer.Option("--by", help="Group by the year of the first letter, the staff office, the industry (SIC title or code, else the sector ingest --manifest gave, marked (sector)) or the form reviewed.")] = GroupBy.year,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="table (for reading), csv or json.")] = TableFormat.table,
    store: StoreOption = STORE_DEFAULT,
) -> None:
    """How reviews went: letters per review, share closed, days to complete, amendments and promises."""
    with open_store(store, read_only=True) as db:
        lines = summarize(review_rows(db), by.value)
    if fmt is TableFormat.json:
        typer.echo(json.dumps([line.dump() for line in lines], indent=2))
    elif fmt is TableFormat.csv:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow([by.value] + [name for name, _ in _COLUMNS[1:]])
        for line in lines:
            writer.writerow([getattr(line, name) for name, _ in _COLUMNS])
        typer.echo(buf.getvalue(), nl=False)
    else:
        # ten columns of figures: wider than the 80 columns a pipe gets by default
        wide = Console(highlight=False, soft_wrap=True, width=max(out.width, 100), force_terminal=out.is_terminal)
        wide.print(render_table(lines, by.value))


_CAPTION = ("letters: per review; closed: by a review_complete letter; in 1-2: closed after one or two comment "
            "letters; days: mean days to complete (closed reviews); amend / future: reviews with an amended filing / "
            "a promise to change future filings")


def render_table(lines: list[GroupStats], by: str) -> Table:
    table = Table(by, *_HEADERS[1:], title=f"Reviews by {by}", caption=_CAPTION)
    for column in table.columns[1:]:
        column.justify = "right"
    for line in lines:
        table.add_row(*("" if getattr(line, name) is None else fmt.format(getattr(line, name)) for name, fmt in _COLUMNS))
    return table
