"""Package data: the Codification reference tables."""
