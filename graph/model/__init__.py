"""The RDF model: the ontology and SHACL shapes, IRIs, and a letter record turned into quads."""
