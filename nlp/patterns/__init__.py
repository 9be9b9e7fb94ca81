"""Package data: closed vocabularies the grammars read (``forms.jsonl``: the SEC form types)."""
