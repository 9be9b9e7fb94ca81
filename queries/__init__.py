"""The SPARQL queries asckg runs, one ``.rq`` file each, shipped inside the package.

Each file carries its own PREFIX lines, so it runs unchanged in any SPARQL tool, and a header
comment whose first line is the question it answers. Parameters are declared in the header, one
line each, so that the command line can check and type what a user passes::

    #@param target node "the reference: 985-605, Topic 606, SOP 97-2 or a node IRI"
    #@param year integer optional "only letters of this year"
    #@param min integer = 2 "pairs cited together by at least this many letters"

that is ``#@param NAME TYPE [optional | = DEFAULT] ["what it is"]``. A parameter is a variable of
the query, bound as an RDF term (never pasted into the text); Oxigraph binds only variables of the
SELECT projection, so each parameter is also a column. Unbound (run in another tool, or an optional
parameter left out) it matches everything. Types are listed in :data:`PARAM_TYPES`; how a value
becomes a term is :mod:`asckg.graph.ask.sparql`'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

#: What a parameter may be, and what a user writes for it.
PARAM_TYPES: dict[str, str] = {
    "iri": "an IRI: <https://...>, https://... or a prefixed name such as id:asc/606",
    "asc": "a Codification reference as written (985-605-25-12, ASC 606, Topic 606) or an IRI",
    "node": "any cited reference: a Codification code, other guidance (SOP 97-2, SAB Topic 13.A), an SEC rule (S-K 303) or an IRI",
    "company": "a company: its name or part of it, its CIK, or its IRI",
    "letter": "a letter: its id (file name), accession number or IRI",
    "string": "text, matched exactly",
    "integer": "a whole number",
    "decimal": "a number",
    "date": "a day as YYYY-MM-DD",
    "boolean": "true or false",
}

# The .rq files ship as plain files beside this module (asckg is installed from a wheel, never
# zipped); a path is all it takes, and importlib.resources would cost `asckg cites` ~8 ms of imports.
_HERE = Path(__file__).resolve().parent

# "#@param year integer optional "only this year"" / "#@param min integer = 2 "...""
_PARAM = re.compile(
    r"""^\#@param\s+(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<type>[a-z]+)
        (?:\s+(?P<optional>optional)|\s*=\s*(?P<default>"[^"]*"|\S+))?
        (?:\s+"(?P<help>[^"]*)")?\s*$""",
    re.X,
)


class QueryHeaderError(ValueError):
    """A ``#@param`` line that does not follow the convention (a bug in a query file)."""


@dataclass(frozen=True, slots=True)
class Param:
    """One declared parameter: its variable name, type, whether it must be given, its default."""

    name: str
    type: str
    required: bool = True
    default: str | None = None
    help: str = ""

    def usage(self) -> str:
        """``target=node``, ``[year=integer]``, ``[min=integer (2)]``: how --list shows it."""
        text = f"{self.name}={self.type}"
        if self.default is not None:
            return f"[{text} ({self.default})]"
        return text if self.required else f"[{text}]"


@dataclass(frozen=True, slots=True)
class QuerySpec:
    """A query's text and what its header says: the question, the notes, the parameters.

    ``declared`` is False for a file with no ``#@param`` line at all (older bundled queries, a
    user's own file): its parameters are then whatever the user binds, typed from the value.
    """

    name: str
    text: str
    question: str
    notes: tuple[str, ...]
    params: tuple[Param, ...]
    declared: bool
    path: str | None = None

    def param(self, name: str) -> Param | None:
        for p in self.params:
            if p.name == name:
                return p
        return None


def query_names() -> list[str]:
    """Names of the bundled queries (file names without ``.rq``), sorted."""
    return sorted(p.name[:-3] for p in _HERE.iterdir() if p.name.endswith(".rq"))


def load_query(name: str) -> str:
    """The text of a bundled query; ``KeyError`` if there is none of that name."""
    path = _HERE / f"{name}.rq"
    if not path.is_file():
        raise KeyError(name)
    return path.read_text(encoding="utf-8")


def describe(name: str) -> str:
    """The question a query answers: its first header comment line."""
    return parse_header(load_query(name))[0]


def parse_header(text: str) -> tuple[str, tuple[str, ...], tuple[Param, ...], bool]:
    """The question, the other comment lines, the declared parameters and whether any were declared.

    Only the comment block at the top counts (up to the first line that is not a comment).

    >>> q, notes, params, declared = parse_header('# Who?\\n#@param year integer optional "a year"\\nSELECT ?year {}')
    >>> q, params[0].name, params[0].type, params[0].required, declared
    ('Who?', 'year', 'integer', False, True)
    """
    question = ""
    notes: list[str] = []
    params: list[Param] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if not line.startswith("#"):
            break
        if line.startswith("#@param"):
            params.append(_param(line))
        elif line.startswith("#@"):
            raise QueryHeaderError(f"unknown header directive: {line.split()[0]}")
        elif not question:
            question = line.lstrip("#").strip()
        else:
            notes.append(line.lstrip("#").strip())
    names = [p.name for p in params]
    if len(names) != len(set(names)):
        raise QueryHeaderError(f"a parameter is declared twice: {', '.join(names)}")
    return question, tuple(notes), tuple(params), bool(params)


def _param(line: str) -> Param:
    m = _PARAM.match(line)
    if m is None:
        raise QueryHeaderError(f'not a parameter line (#@param NAME TYPE [optional | = DEFAULT] ["help"]): {line}')
    if m["type"] not in PARAM_TYPES:
        raise QueryHeaderError(f"parameter {m['name']}: unknown type {m['type']!r} (one of {', '.join(PARAM_TYPES)})")
    default = m["default"]
    if default is not None and default.startswith('"'):
        default = default[1:-1]
    return Param(m["name"], m["type"], required=not m["optional"] and default is None, default=default,
                 help=m["help"] or "")


def spec_from_text(name: str, text: str, path: str | None = None) -> QuerySpec:
    """A :class:`QuerySpec` for query text from anywhere (a bundled file, a user's file)."""
    question, notes, params, declared = parse_header(text)
    return QuerySpec(name, text, question, notes, params, declared, path)


def load_spec(name: str) -> QuerySpec:
    """The bundled query ``name`` with its header read; ``KeyError`` if there is none."""
    return spec_from_text(name, load_query(name))


def read_spec(path: str | Path) -> QuerySpec:
    """A user's own ``.rq`` file; ``OSError`` if it cannot be read."""
    p = Path(path)
    return spec_from_text(p.stem, p.read_text(encoding="utf-8"), str(p))
