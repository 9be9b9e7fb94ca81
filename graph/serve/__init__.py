"""The graph over HTTP (`asckg serve`): the reading room's pages and a read-only SPARQL 1.1 Protocol endpoint."""
