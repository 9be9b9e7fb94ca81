"""The knowledge graph: its model, where it is stored, how it is asked, and what is drawn from it.

``asckg.graph.model``    the RDF model: ontology and shapes, IRIs, building a letter's quads
``asckg.graph.store``    the embedded Oxigraph store and SPARQL servers, behind one interface
``asckg.graph.ask``      lookups: cites, describe, letters and threads, SPARQL with typed parameters
``asckg.graph.outputs``  exports, networkx views, charts
``asckg.graph.serve``    the HTTP server
"""
