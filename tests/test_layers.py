"""Imports flow one way: the pure grammar knows neither spaCy nor rdflib."""

from __future__ import annotations

import subprocess
import sys

import pytest

PURE = [
    "asckg.nlp.mention",
    "asckg.nlp.codes",
    "asckg.nlp.record",
    "asckg.nlp.grammar.asc",
    "asckg.nlp.grammar.forms",
    "asckg.nlp.grammar.file_numbers",
    "asckg.nlp.grammar.dates",
    "asckg.nlp.grammar.guidance",
    "asckg.nlp.grammar.sec_rules",
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
    code = "import sys, asckg.graph.build, asckg.graph.store, asckg.graph.search\nprint('spacy' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_cites_command_does_not_load_spacy():
    # `asckg cites` answers from the store; loading spaCy would cost a second per call.
    code = "import sys, asckg.cli.app\nprint('spacy' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
