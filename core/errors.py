"""The errors asckg's library code raises.

Library code never prints or exits: it raises one of these, and the command line maps them to an exit
code and one clear line in one place. Every message is a single line, so a batch log stays greppable.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["AsckgError", "InputError", "StoreError", "BadReference", "FetchError"]


class AsckgError(Exception):
    """Base of every error asckg raises on purpose (anything else is a bug)."""


class InputError(AsckgError):
    """A file that cannot be read as a letter: missing, binary, empty, encrypted, a broken header.

    ``str(err)`` is ``"<path>: <problem>"`` on one line, so a user sees at once which file and why.

    >>> str(InputError("letters/a.pdf", "PDF has no text layer"))
    'letters/a.pdf: PDF has no text layer'
    """

    def __init__(self, path: str | Path, problem: str) -> None:
        # A file name may hold a line break or other control characters; shown escaped, the error
        # stays one line ("new\\nline.txt").
        self.path = "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(path))
        # One line, whatever the cause said (exception texts from libraries can span lines).
        self.problem = " ".join(str(problem).split()) or "unreadable"
        super().__init__(self.path, self.problem)

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"

    def __repr__(self) -> str:
        return f"InputError({self.path!r}, {self.problem!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, InputError):
            return NotImplemented
        return (self.path, self.problem) == (other.path, other.problem)

    def __hash__(self) -> int:
        return hash((self.path, self.problem))


class StoreError(AsckgError):
    """The graph store cannot be opened, written or queried (locked, corrupt, wrong version)."""


class BadReference(AsckgError):
    """A reference the user typed (e.g. ``asckg cites 606-10-25-99x``) that is not a valid code."""


class FetchError(AsckgError):
    """Something fetched from EDGAR that did not arrive whole: a URL, an index, a filing.

    ``str(err)`` is ``"<what>: <problem>"`` on one line, like :class:`InputError`.

    >>> str(FetchError("edgar/data/320193/0000320193-24-000061.txt", "404 Not Found"))
    'edgar/data/320193/0000320193-24-000061.txt: 404 Not Found'
    """

    def __init__(self, what: str, problem: str) -> None:
        self.what = "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(what))
        self.problem = " ".join(str(problem).split()) or "failed"
        super().__init__(self.what, self.problem)

    def __str__(self) -> str:
        return f"{self.what}: {self.problem}"
