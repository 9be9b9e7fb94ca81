"""``asckg cites``: which letters cite a Codification reference."""

from __future__ import annotations

from typing import Annotated

import typer

from asckg.cli.citing import CitesArgs, run
from asckg.cli.common import STORE_DEFAULT, StoreOption, TableFormat


def cites(
    reference: Annotated[str, typer.Argument(help='What to look for, as you would write it: "985-605-25-12", "ASC 985-605-25-12", "Topic 606", "985-605", "SOP 97-2", "SAB Topic 13", "S-K 303".')],
    exact: Annotated[bool, typer.Option("--exact", help="Match only this node, not what lies under it.")] = False,
    via: Annotated[bool, typer.Option("--via/--no-via", help="Also list letters citing an older standard that went into this part of the Codification (SOP 97-2 for 985-605).")] = True,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="table, json (a list of objects) or csv.")] = TableFormat.table,
    store: StoreOption = STORE_DEFAULT,
    newest: Annotated[int | None, typer.Option("--newest", min=1, metavar="N", help="Only the N most recent letters, newest first (read a month at a time: quick even for a Topic cited by thousands); not with --about.")] = None,
    about: Annotated[bool, typer.Option("--about", help="List the comments ABOUT this ASC Topic or SEC rule, cited or not (the topic model's asckg:about), instead of the letters that cite it.")] = False,
) -> None:
    """List the letters that cite REFERENCE, or anything under it unless --exact.

    A part of the Codification also lists the letters that cite an older standard that went
    there, marked "via" (turn that off with --no-via). With --about, the comments about a Topic
    ("350") or SEC rule ("S-K 303") whether or not they cite it, each with its score.
    """
    if about:
        if newest is not None:
            raise typer.BadParameter("lists the letters that cite REFERENCE; --about lists comments, all of them",
                                     param_hint="--newest")
        from asckg.cli.about import run_about

        run_about(reference, fmt.value, store)
        return
    run(CitesArgs(reference, exact=exact, via=via, fmt=fmt.value, store=store, newest=newest))
