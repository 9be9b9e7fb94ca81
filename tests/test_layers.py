"""Imports flow one way: every module of asckg imports only its own package and the layers below it.

The layers are declared once, in :data:`asckg.LAYERS`; this file reads every module's source (imports
inside functions included) and fails on any import that goes against them. The pure grammar is also
checked in a fresh interpreter: it must not load spaCy or rdflib.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

import asckg
from asckg import LAYERS

ROOT = Path(asckg.__file__).resolve().parent.parent  # the repository (asckg/ links to its folders)


def _modules() -> dict[str, Path]:
    """Every module of the installed package, by dotted name (links followed, like Python does)."""
    base = Path(asckg.__file__).parent
    found: dict[str, Path] = {}
    paths = sorted(Path(d) / f for d, _, files in os.walk(base, followlinks=True) for f in files
                   if f.endswith(".py"))
    for path in paths:
        rel = path.relative_to(base).with_suffix("")
        parts = ["asckg", *rel.parts]
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def layer_of(module: str) -> tuple[int, str] | None:
    """(layer number, the declared package) of a module, by its longest declared prefix."""
    best: tuple[int, str] | None = None
    for number, packages in enumerate(LAYERS):
        for package in packages:
            if (module == package or module.startswith(package + ".")) and (
                best is None or len(package) > len(best[1])
            ):
                best = (number, package)
    return best


def imported(module: str, source: str, is_package: bool) -> list[tuple[int, str]]:
    """(line, module) for every asckg module the source imports, relative imports resolved."""
    out: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names if alias.name.split(".")[0] == "asckg"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                anchor = module.split(".") if is_package else module.split(".")[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                target = ".".join(anchor + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "asckg":
                continue
            # `from asckg.graph import model` imports the subpackage asckg.graph.model
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                out.append((node.lineno, sub if layer_of(sub) and layer_of(sub) != layer_of(target) else target))
    return out


def violations(module: str, source: str, is_package: bool = False) -> list[str]:
    """Every import in ``source`` (the text of ``module``) that goes up the layers or sideways."""
    own = layer_of(module)
    if own is None:
        return [f"{module}: not in any declared layer (add it to asckg.LAYERS)"]
    found = []
    for line, target in imported(module, source, is_package):
        if target == "asckg":  # the root: __version__ and the layer table
            continue
        theirs = layer_of(target)
        if theirs is None:
            found.append(f"{module}:{line} imports {target}, which is in no layer")
        elif theirs[0] > own[0] or (theirs[0] == own[0] and theirs[1] != own[1]):
            found.append(f"{module}:{line} imports {target} (layer {theirs[0]}, {theirs[1]}) "
                         f"from layer {own[0]} ({own[1]})")
    return found


MODULES = _modules()
#: Modules outside the layers: the root (the version and the layer table), ``python -m asckg``, and
#: the graph package, which only holds its subpackages.
CONTAINERS = ("asckg", "asckg.__main__", "asckg.graph")


def test_every_module_is_in_a_layer():
    assert [m for m in MODULES if m not in CONTAINERS and layer_of(m) is None] == []


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m not in CONTAINERS))
def test_imports_flow_down(module):
    path = MODULES[module]
    assert violations(module, path.read_text(encoding="utf-8"), path.name == "__init__.py") == []


def test_the_root_imports_nothing_of_asckg():
    assert imported("asckg", MODULES["asckg"].read_text(encoding="utf-8"), True) == []


def test_a_planted_upward_import_is_caught():
    # A grammar that reached up to the store, and one that reached into the CLI from inside a function.
    planted = "from asckg.graph.store import open_store\n\ndef f():\n    from ...cli import app\n"
    assert violations("asckg.nlp.grammar.planted", planted) == [
        "asckg.nlp.grammar.planted:1 imports asckg.graph.store (layer 4, asckg.graph.store) "
        "from layer 1 (asckg.nlp)",
        "asckg.nlp.grammar.planted:4 imports asckg.cli (layer 9, asckg.cli) from layer 1 (asckg.nlp)",
    ]
    # Sideways: two packages of one layer do not import each other.
    assert violations("asckg.queries.x", "import asckg.core.errors\n") == [
        "asckg.queries.x:1 imports asckg.core.errors (layer 0, asckg.core) from layer 0 (asckg.queries)"
    ]
    assert violations("asckg.cli.x", "from asckg.graph.store import open_store\n") == []


def test_top_level_packages_form_no_cycle():
    top = lambda m: ".".join(m.split(".")[:2])  # noqa: E731
    edges: dict[str, set[str]] = defaultdict(set)
    for module, path in MODULES.items():
        if module in CONTAINERS:
            continue
        for _, target in imported(module, path.read_text(encoding="utf-8"), path.name == "__init__.py"):
            if target != "asckg" and top(target) != top(module):
                edges[top(module)].add(top(target))
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges[node]):
            assert state.get(nxt) != 1, f"import cycle: {' -> '.join(trail + [node, nxt])}"
            if nxt not in state:
                visit(nxt, trail + [node])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [])


PURE = [
    "asckg.nlp.mention",
    "asckg.core.codes",
    "asckg.core.reference",
    "asckg.nlp.record",
    "asckg.nlp.grammar.asc",
    "asckg.nlp.grammar.forms",
    "asckg.nlp.grammar.file_numbers",
    "asckg.nlp.grammar.dates",
    "asckg.nlp.grammar.guidance",
    "asckg.nlp.grammar.sec_rules",
    "asckg.nlp.anatomy",
    "asckg.nlp.topics.rules",
    "asckg.nlp.topics.labels",
    "asckg.nlp.topics.lexicon",
]


@pytest.mark.parametrize("module", PURE)
def test_pure_module_imports_no_spacy_or_rdflib(module):
    code = (
        f"import sys, {module}\n"
        "heavy = sorted(m for m in ('spacy', 'rdflib', 'pyoxigraph', 'typer') if m in sys.modules)\n"
        "print(','.join(heavy))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "", f"{module} pulls in {done.stdout.strip()}"


def test_graph_layer_does_not_import_spacy():
    code = ("import sys, asckg.graph.model.build, asckg.graph.store, asckg.graph.ask.cites\n"
            "print('spacy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_cites_command_does_not_load_spacy():
    # `asckg cites` answers from the store; loading spaCy would cost a second per call.
    code = "import sys, asckg.cli.app\nprint('spacy' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
