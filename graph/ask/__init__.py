"""Asking the graph: which letters cite a reference, what a reference is, letters and threads, SPARQL queries."""
