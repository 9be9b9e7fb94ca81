"""asckg: SEC comment letters as a knowledge graph of the accounting guidance they cite.

The package is laid out by job: ``asckg.nlp`` reads letters and finds what they cite (a pure
grammar plus spaCy components), ``asckg.graph`` turns the findings into RDF in an Oxigraph store,
``asckg.queries`` holds the SPARQL files, and ``asckg.cli`` is the ``asckg`` command.
"""

__version__ = "0.1.0"
