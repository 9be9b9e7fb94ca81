"""Undoing the hard line wraps of EDGAR's plain-text extract of a staff letter (``TEXT-EXTRACT``).

EDGAR renders a staff letter's PDF as layout text and then breaks every line longer than the wrap
width at its last space, so the rest of a sentence starts again at column 0::

           We have reviewed your March 20, 2024 response to our comment
    letter and have the
           following comments.

:func:`dewrap` joins each such continuation back onto its line. A break replaced one space, so the
join puts one space back: the text keeps its length and every character its offset.

>>> dewrap("       Please contact Melissa Kindelan at 202-551-3564 or Kathleen Collins at\\n202-551-3499 if\\n")
'       Please contact Melissa Kindelan at 202-551-3564 or Kathleen Collins at 202-551-3499 if\\n'
"""

from __future__ import annotations

import re

#: The narrowest wrap width believed: below it the longest line is just a short letter's longest line.
_MIN_WIDTH = 60
_FIRST_WORD = re.compile(r"\S+")


def wrap_width(lines: list[str]) -> int | None:
    """The width the text was wrapped at (its longest line plus one), or None when no line is long
    enough for the text to have been wrapped."""
    longest = max((len(line) for line in lines), default=0)
    return longest + 1 if longest + 1 >= _MIN_WIDTH else None


def dewrap(text: str) -> str:
    """``text`` with each hard-wrapped continuation line joined back onto the line it was cut from.

    A line is a cut-off continuation when it starts at column 0 (EDGAR's layout indents the letter's
    own lines) and its first word would not have fitted on the line before, which is itself long
    (within a fifth of the wrap width). A short line followed by an unindented one is left alone:
    "Luca Maestri" / "Apple Inc." in a running page header are separate lines.
    """
    lines = text.split("\n")
    width = wrap_width(lines)
    if width is None:
        return text
    out: list[str] = []
    last = ""  # the previous physical line
    for line in lines:
        word = _FIRST_WORD.match(line)
        if (out and word and word.start() == 0 and last.strip() and len(last) >= width * 4 // 5
                and len(last) + 1 + len(word[0]) >= width):
            out[-1] += " " + line
        else:
            out.append(line)
        last = line
    return "\n".join(out)
