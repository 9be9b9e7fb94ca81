"""The two consoles and the one-line error report, without typer.

Shared by the typer commands (through :mod:`asckg.cli.common`) and by the fast path of
``asckg cites`` (:mod:`asckg.cli.main`), which answers without loading typer.
"""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape as rich_escape

#: Data goes to stdout, messages to stderr, so output pipes cleanly.
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def report_error(error: Exception) -> None:
    """One line on stderr naming the file (or thing) and the problem."""
    err.print(f"[bold red]error:[/bold red] {rich_escape(str(error))}")
