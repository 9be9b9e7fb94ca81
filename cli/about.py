"""``asckg cites REFERENCE --about``: the comments about an ASC Topic or SEC rule, cited or not."""

from __future__ import annotations

import csv
import io
import json
import sys

from asckg.cli.common import err, out


def run_about(reference: str, fmt: str, store: str, since: str | None = None, until: str | None = None,
              industry: str | None = None) -> None:
    """Print the comments about ``reference`` in ``fmt`` (table, json or csv), of the letters dated
    ``since`` to ``until`` (ISO days) and of companies in ``industry``, where given."""
    from asckg.graph.ask.topics import comments_about, letter_industries
    from asckg.graph.store import open_store

    with open_store(store, read_only=True) as db:
        rows = [c.dump() for c in comments_about(db, reference, since, until, industry)]
        known = sorted(set(letter_industries(db).values())) if industry is not None and not rows else []
    if fmt == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=["id", "date", "company", "kind", "comment", "cites",
                                                    "score", "decided_by", "excerpt"]
                                + (["industry"] if industry is not None else []))
        writer.writeheader()
        writer.writerows(rows)
        sys.stdout.write(buffer.getvalue())
        return
    from rich.table import Table

    table = Table(show_lines=True)
    for name in ("letter", "date", "company", "kind", "comment", "cites", "score", "decided by", "excerpt"):
        table.add_column(name, ratio=3 if name == "excerpt" else None)
    for r in rows:
        table.add_row(r["id"], r["date"] or "", r["company"] or "", r["kind"],
                      "" if r["comment"] is None else str(r["comment"]), "yes" if r["cites"] else "no",
                      f"{r['score']:.2f}", r["decided_by"], r["excerpt"])
    out.print(table)
    letters = len({r["id"] for r in rows})
    uncited = sum(1 for r in rows if not r["cites"])
    where = "".join([f" from {since}" if since else "", f" to {until}" if until else "",
                     f" in industry {industry}" if industry is not None else ""])
    err.print(f"{len(rows)} comments in {letters} letters{where} are about {reference}; {uncited} of them do not cite it",
              markup=False)
    if known:
        err.print(f"the store's industries: {', '.join(known)}", markup=False)
