"""The ``asckg`` console script: the fast path for ``asckg cites``, else the typer app.

Kept free of typer, rdflib and spaCy imports, so that a lookup from the shell starts in tens of
milliseconds (see :mod:`asckg.cli.citing`); every other command loads :mod:`asckg.cli.app`.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Entry point of the console script and of ``python -m asckg``."""
    argv = sys.argv[1:]
    if argv[:1] == ["cites"]:
        from asckg.cli.citing import parse_args

        args = parse_args(argv[1:])
        if args is not None:
            sys.exit(_fast_cites(args))
    from asckg.cli.app import main as app_main

    app_main()


def _fast_cites(args) -> int:
    """Run ``cites`` without typer; errors as the app reports them (one line, exit 2 or 1)."""
    from asckg.cli.citing import run
    from asckg.core.errors import AsckgError, BadReference

    try:
        run(args)
    except AsckgError as error:
        from asckg.cli.console import report_error  # rich, only when there is something to report

        report_error(error)
        return 2 if isinstance(error, BadReference) else 1
    return 0
