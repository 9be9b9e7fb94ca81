"""What ``asckg cites`` does once its arguments are known, and a fast reading of those arguments.

A lookup from the shell should answer in well under a tenth of a second, but Python spends about
90 ms just importing typer (with click and pydantic) and 50 ms importing rdflib, more than the
lookup itself takes even at 200,000 letters. So ``asckg`` first tries :func:`parse_args` on a
``cites`` command line: when every argument is one that ``asckg cites --help`` lists, written in
one of the usual ways, the answer comes from :func:`run` with pyoxigraph and rich alone. Anything
else (``--help``, an unknown option, a missing reference) goes to the typer command, which calls
the same :func:`run`, so both give the same output (tests/test_cites_fast.py runs both).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass

from asckg.core.settings import DEFAULT_STORE, store_spec

#: The output formats of ``--format``.
FORMATS = ("table", "json", "csv")


@dataclass(frozen=True)
class CitesArgs:
    """The arguments of one ``asckg cites`` call."""

    reference: str
    exact: bool = False
    via: bool = True
    fmt: str = "table"
    store: str = DEFAULT_STORE
    newest: int | None = None  # only the newest N letters, newest first


def parse_args(argv: list[str]) -> CitesArgs | None:
    """The arguments after ``cites``, or None if typer should read them (help, errors, rarities).

    Understood: one REFERENCE; ``--exact``; ``--via``/``--no-via``; ``--format``/``-f`` with a
    value of FORMATS (``--format json``, ``--format=json``, ``-f json``); ``--newest N`` with N a
    whole number from 1; ``--store PATH`` or ``--store=PATH``, else $ASCKG_STORE, else
    ./asckg-store; ``--`` before a reference starting with "-". A repeated option keeps its last
    value, as click does.
    """
    positional: list[str] = []
    exact, via, fmt = False, True, "table"
    newest: int | None = None
    store = store_spec()
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            positional.extend(argv[i + 1:])
            break
        name, eq, inline = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if name in ("--format", "-f", "--store", "--newest"):
            if eq:
                value = inline
            elif i + 1 < len(argv):
                i += 1
                value = argv[i]
            else:
                return None
            if name == "--store":
                store = value
            elif name == "--newest":
                if not value.isdigit() or int(value) < 1:
                    return None
                newest = int(value)
            elif value in FORMATS:
                fmt = value
            else:
                return None
        elif eq:
            return None
        elif arg == "--exact":
            exact = True
        elif arg in ("--via", "--no-via"):
            via = arg == "--via"
        elif arg.startswith("-"):
            return None
        else:
            positional.append(arg)
        i += 1
    if len(positional) != 1:
        return None
    return CitesArgs(positional[0], exact, via, fmt, store, newest)


def run(args: CitesArgs) -> None:
    """Look the reference up and print the letters, in ``args.fmt``."""
    from asckg.graph.ask.cites import cites as find_citing
    from asckg.graph.store import open_store

    with open_store(args.store, read_only=True) as db:
        if args.fmt == "json" and args.newest is None:
            # The rows as the answer index keeps them, printed as they are (the same bytes as below).
            from asckg.graph.ask.cites import answer_lines

            lines = answer_lines(db, args.reference, exact=args.exact, via=args.via)
            if lines is not None:
                data = b"[\n  " + b",\n  ".join(lines) + b"\n]\n" if lines else b"[]\n"
                sys.stdout.flush()
                raw = getattr(sys.stdout, "buffer", None)  # None: a stream of text only
                if raw is None:
                    sys.stdout.write(data.decode("utf-8"))
                else:
                    raw.write(data)
                    raw.flush()
                return
        if args.newest is None:
            hits = find_citing(db, args.reference, exact=args.exact, via=args.via)
            total = len(hits)
        else:
            from asckg.graph.ask.shelves import newest

            page = newest(db, args.reference, limit=args.newest, exact=args.exact, via=args.via)
            hits, total = page.letters, page.total
    rows = [hit.dump() for hit in hits]
    if args.fmt == "json":
        # A list with one letter per line: json's fast C encoder works only without indent, and a
        # Topic cited by 20,000 letters then prints in a tenth of the time.
        body = ",\n".join("  " + json.dumps(row, ensure_ascii=False) for row in rows)
        sys.stdout.write(f"[\n{body}\n]\n" if rows else "[]\n")
    elif args.fmt == "csv":
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["id", "date", "company", "kind", "citations", "refs", "via", "context"])
        for r in rows:
            writer.writerow([r["id"], r["date"] or "", r["company"] or "", r["kind"] or "",
                             " | ".join(r["citations"]), " | ".join(r["refs"]), " | ".join(r["via"]), r["context"]])
        sys.stdout.write(buffer.getvalue())
    else:
        from rich.table import Table  # rich only for the table: json and csv start faster

        from asckg.cli.console import err, out

        table = Table(show_lines=True)
        table.add_column("letter", no_wrap=True)
        table.add_column("date", no_wrap=True)
        table.add_column("company", ratio=1)
        table.add_column("kind")
        table.add_column("cites", ratio=1)
        table.add_column("context", ratio=2)
        for r in rows:
            cited = "\n".join(r["citations"])
            if r["via"]:
                cited += "\n(via " + ", ".join(r["via"]) + ")"
            table.add_row(r["id"], r["date"] or "", r["company"] or "", r["kind"] or "", cited, r["context"])
        out.print(table)
        shown = f"the newest {len(rows)} of " if len(rows) < total else ""
        err.print(f"{shown}{total} letter{' cites' if total == 1 else 's cite'} {args.reference}"
                  f"{' (exactly)' if args.exact else ' or something under it'}")
    sys.stdout.flush()
