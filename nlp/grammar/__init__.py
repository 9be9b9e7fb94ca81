"""Pure text grammars: ``find(text) -> list[Mention]`` per kind, standard library only.

Each module exposes ``KIND`` and ``find``. Nothing here imports spaCy or rdflib (a test checks).
"""
