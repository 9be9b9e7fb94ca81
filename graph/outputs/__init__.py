"""What is drawn from the graph for other tools and readers: RDF exports, networkx views, charts."""
