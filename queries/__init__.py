"""The SPARQL queries asckg runs, one ``.rq`` file each, shipped inside the package.

Each file carries its own PREFIX lines, so it runs unchanged in any SPARQL tool, and a header
comment that names the question it answers and its parameters (variables bound as RDF terms).
"""

from __future__ import annotations

from importlib import resources


def query_names() -> list[str]:
    """Names of the bundled queries (file names without ``.rq``), sorted."""
    return sorted(p.name[:-3] for p in resources.files(__name__).iterdir() if p.name.endswith(".rq"))


def load_query(name: str) -> str:
    """The text of a bundled query; ``KeyError`` if there is none of that name."""
    path = resources.files(__name__) / f"{name}.rq"
    if not path.is_file():
        raise KeyError(name)
    return path.read_text(encoding="utf-8")


def describe(name: str) -> str:
    """The question a query answers: its first header comment line."""
    for line in load_query(name).splitlines():
        if line.startswith("#"):
            return line.lstrip("# ").strip()
    return ""
