"""What every grammar returns: a mention of something in a letter's text.

Pure standard library (no spaCy, no rdflib): the grammar modules in ``asckg.nlp.grammar`` produce
these, the spaCy components put them on a ``Doc`` as spans, and ``asckg.graph`` turns them into RDF.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: The kinds of mention the grammars produce. A mention's ``refs`` are in the normal form that
#: ../shared/corpus/GOLD.md gives for the field of the same purpose.
KINDS = ("asc", "guidance", "sec_rule", "form", "file_number", "date")


@dataclass(frozen=True, slots=True)
class Mention:
    """One stretch of text that names something, with the canonical references it yields.

    ``text == source[start:end]`` always holds for the text the grammar was given. One mention may
    yield several references ("ASC 606-10-25-19 through 25-21" yields three paragraphs) or, for
    a flagged mention, none. ``detail`` keeps the finer part that the normal form drops (a
    subparagraph "(a)(1)", an item clause), ``flags`` says what looked wrong ("range too long").
    """

    kind: str
    start: int
    end: int
    text: str
    refs: tuple[str, ...]
    detail: str = ""
    flags: tuple[str, ...] = field(default=())

    def dump(self) -> dict[str, Any]:
        """A JSON-ready dict, for golden files and ``--format json``."""
        out: dict[str, Any] = {
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "refs": list(self.refs),
        }
        if self.detail:
            out["detail"] = self.detail
        if self.flags:
            out["flags"] = list(self.flags)
        return out
