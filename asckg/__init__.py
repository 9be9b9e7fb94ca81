"""asckg: SEC comment letters as a knowledge graph of the accounting guidance they cite.

This folder is the one import root. Each subpackage is a folder at the top of the repository
(``asckg/nlp`` is a link to ``nlp/``, and so on), and the folders are layers: a module imports its
own package and the layers below it, never one above (``tests/test_layers.py`` checks every module).
A letter's way through them: a file is read to text and its citations, people and comments are found
(``nlp``), turned into quads (``graph.model``) and written to a store (``graph.store``) by ``ingest``;
questions are answered from the store (``graph.ask``), drawn (``graph.outputs``) or served over HTTP
(``graph.serve``); ``cli`` is the ``asckg`` command over all of it.
"""

__version__ = "0.2.0"

#: The layers, lowest first. Packages on one line share a layer and do not import each other.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("asckg.core", "asckg.queries"),  # errors, settings, ASC codes, reference data; SPARQL files
    ("asckg.nlp",),                   # reading files, grammars, letter anatomy, spaCy glue
    ("asckg.edgar",),                 # EDGAR's indexes and submissions over HTTP
    ("asckg.graph.model",),           # ontology, IRIs, a letter record as quads
    ("asckg.graph.store",),           # the embedded store and SPARQL servers, one interface
    ("asckg.graph.ask",),             # cites, describe, letters and threads, SPARQL with parameters
    ("asckg.graph.outputs",),         # exports, networkx views, charts
    ("asckg.graph.serve",),           # the HTTP server
    ("asckg.ingest",),                # files to stored, linked letters
    ("asckg.cli",),                   # the asckg command
)
