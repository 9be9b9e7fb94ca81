"""``asckg cites``: which letters cite a Codification reference."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from asckg.cli.citing import CitesArgs, run
from asckg.cli.common import STORE_DEFAULT, StoreOption, TableFormat, day_or_year


def cites(
    reference: Annotated[str, typer.Argument(help='What to look for, as you would write it: "985-605-25-12", "ASC 985-605-25-12", "Topic 606", "985-605", "SOP 97-2", "SAB Topic 13", "S-K 303".')],
    exact: Annotated[bool, typer.Option("--exact", help="Match only this node, not what lies under it.")] = False,
    via: Annotated[bool, typer.Option("--via/--no-via", help="Also list letters citing an older standard that went into this part of the Codification (SOP 97-2 for 985-605).")] = True,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="table, json (a list of objects) or csv.")] = TableFormat.table,
    store: StoreOption = STORE_DEFAULT,
    newest: Annotated[int | None, typer.Option("--newest", min=1, metavar="N", help="Only the N most recent letters, newest first (read a month at a time: quick even for a Topic cited by thousands); not with --about.")] = None,
    about: Annotated[bool, typer.Option("--about", help="List the comments ABOUT this ASC Topic or SEC rule, cited or not (the topic model's asckg:about), instead of the letters that cite it.")] = False,
    since: Annotated[Optional[str], typer.Option("--since", help="With --about: only letters dated on or after this day (YYYY-MM-DD, or a year).")] = None,
    until: Annotated[Optional[str], typer.Option("--until", help="With --about: only letters dated on or before this day (YYYY-MM-DD, or a year).")] = None,
    industry: Annotated[Optional[str], typer.Option("--industry", help='With --about: only letters of companies in this industry, as `asckg topics --by industry` names it (a SIC division such as "Manufacturing", or a manifest\'s sector such as "Health Care").')] = None,
) -> None:
    """List the letters that cite REFERENCE, or anything under it unless --exact.

    A part of the Codification also lists the letters that cite an older standard that went
    there, marked "via" (turn that off with --no-via). With --about, the comments about a Topic
    ("350") or SEC rule ("S-K 303") whether or not they cite it, each with its score, and the
    companies' answers to them; --since, --until and --industry narrow those down.
    """
    if about:
        if newest is not None:
            raise typer.BadParameter("lists the letters that cite REFERENCE; --about lists comments, all of them",
                                     param_hint="--newest")
        first, last = day_or_year(since, False), day_or_year(until, True)
        if first and last and first > last:
            raise typer.BadParameter(f"--since {since} is after --until {until}", param_hint="--since")
        from asckg.cli.about import run_about

        run_about(reference, fmt.value, store, first, last, industry)
        return
    for name, value in (("--since", since), ("--until", until), ("--industry", industry)):
        if value is not None:
            raise typer.BadParameter("narrows the comments of --about; without it, see --newest", param_hint=name)
    run(CitesArgs(reference, exact=exact, via=via, fmt=fmt.value, store=store, newest=newest))
