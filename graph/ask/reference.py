"""The one reading of a reference as a user types it, for every command and query parameter.

A Codification code at any level ("985-605-25-12", "ASC 985-605-25-12", "FASB ASC 606", "Topic 606",
"Subtopic 350-20"), other guidance ("SFAS 133", "SOP 97-2", "SAB Topic 13", "ASU 2014-09") or an SEC
rule ("S-K 303", "Item 303 of Regulation S-K", "Rule 4-08(e)"), read by the same grammars that read
letters, so whatever ``asckg extract`` prints can be asked about. The words must be the reference
as a whole ("see SOP 97-2 for this" is not a reference); anything else is a
:class:`~asckg.core.errors.BadReference`, never an empty answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from asckg.core.codes import parse as parse_code
from asckg.core.errors import BadReference
from asckg.graph.model import ids


@dataclass(frozen=True, slots=True)
class Target:
    """A reference the user asked about: its kind, normal form and node IRI."""

    kind: str  # "asc", "guidance" or "sec_rule"
    ref: str
    iri: str


# Normal forms the grammars print but letters do not write ("S-K 303", "C&DI Non-GAAP 102.10"):
# accepted as typed, so every value `extract` prints can be asked about.
_RULE_FORM = re.compile(r"^(?:S-K|S-X|S-T|M-A|S-B) [0-9][\w.-]*$|^S-X Article \d+$")
_STAFF_FORM = re.compile(r"^C&DI(?: [A-Za-z&-]+)? \d+\.\d+$")


def _whole(mentions, text: str):
    """The one mention that covers (nearly) all of what the user typed, if any."""
    stripped = text.strip()
    for m in mentions:
        if m.refs and m.end - m.start >= len(stripped) - 2:
            return m
    return None


def parse_reference(text: str) -> Target:
    """What the user typed, as a reference of some kind; BadReference if it is none."""
    try:
        code = parse_code(text)
        return Target("asc", code.code, ids.asc(code.code))
    except ValueError as err:
        asc_error = err
    stripped = text.strip()
    if _RULE_FORM.match(stripped):
        # A rule's normal form, as `extract` prints it: the grammars read none of these as anything
        # else (tests/test_guidance_graph.py), and their import alone is a third of a command's time.
        return Target("sec_rule", stripped, ids.rule(stripped))
    from asckg.nlp.grammar import guidance, sec_rules

    found = _whole(guidance.find(stripped), stripped)
    if found is not None:
        return Target("guidance", found.refs[0], ids.guidance(found.refs[0]))
    found = _whole(sec_rules.find(stripped), stripped)
    if found is not None:
        return Target("sec_rule", found.refs[0], ids.rule(found.refs[0]))
    if _STAFF_FORM.match(stripped):
        return Target("guidance", stripped, ids.guidance(stripped))
    raise BadReference(
        f"{text!r} is not a reference asckg knows: not a Codification code ({asc_error}), "
        "nor other guidance (SFAS 133, SAB Topic 13, ASU 2014-09, DIG B16), nor an SEC rule (S-K 303, S-B 303)"
    )
