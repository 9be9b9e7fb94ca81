"""The answer row: one letter's citation of one node, as ``asckg cites`` lists it.

Each ``asckg:Citation`` in the graph carries its row as JSON (``asckg:answerRow``: id, date,
company, kind, the words as written, the references under the node, the older standards that led
there, the context), so that the letters citing a node are read one literal each. The store's answer
index (:mod:`asckg.graph.store.answers`) keeps the same row as ``asckg cites -f json`` prints it
(:func:`printed`), so a command or the server can send it as it is.

Standard library only: ``asckg cites`` imports this on its quick path.
"""

from __future__ import annotations

import json
from typing import Any

from asckg.core.codes import natural_key


def stored(answer: dict[str, Any]) -> str:
    """The asckg:answerRow literal of a row (compact JSON, in the order the model gathered things)."""
    return json.dumps(answer, ensure_ascii=False, separators=(",", ":"))


def printed(answer: dict[str, Any]) -> str:
    """A row as ``asckg cites -f json`` prints its letter: the keys of ``CitingLetter.dump()`` in
    its order, references and older standards in reading order, json's default spacing.
    tests/test_answer_index.py holds the two to the same bytes."""
    return json.dumps({
        "id": answer["id"], "date": answer["date"], "company": answer["company"], "kind": answer["kind"],
        "citations": answer["citations"], "refs": sorted(answer["refs"], key=natural_key),
        "via": sorted(answer["via"], key=natural_key), "context": answer["context"],
    }, ensure_ascii=False)


def index_row(node_iri: str, answer: dict[str, Any]) -> tuple[str, str, str, str]:
    """What the answer index keeps of a row: (node IRI, date or "", letter id, the printed row)."""
    return node_iri, answer["date"] or "", answer["id"], printed(answer)


def index_row_of_literal(node_iri: str, literal: str) -> tuple[str, str, str, str]:
    """:func:`index_row` of a stored asckg:answerRow literal (an index rebuilt from the graph)."""
    return index_row(node_iri, json.loads(literal))
