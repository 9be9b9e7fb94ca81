"""HTML to text: block elements become lines, scripts and styles are dropped (selectolax).

>>> html_to_text("<p>Refer to ASC&nbsp;606-10-25-19.</p><script>x()</script><p>Sincerely,</p>")
'Refer to ASC 606-10-25-19.\\n\\nSincerely,\\n'
"""

from __future__ import annotations

import re
from typing import Any

#: Elements whose start and end break the line.
_BLOCK_TAGS = frozenset(
    "p div br tr li h1 h2 h3 h4 h5 h6 table tbody thead tfoot ul ol dl dt dd blockquote pre section "
    "article header footer nav aside address center hr form fieldset figure figcaption caption "
    "title body html page".split()
)
#: Elements whose content is not letter text.
_DROP_TAGS = frozenset("script style head noscript template svg object iframe".split())
_CELL_TAGS = frozenset(("td", "th"))
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_RUNS = re.compile(r"\n{3,}")


def html_to_text(html: str) -> str:
    """The visible text of an HTML document, a line break at each block element.

    Scripts, styles and the head are dropped; entities are unescaped by the parser; ``&nbsp;`` and
    other wide spaces become one space; runs of spaces collapse. The tree is walked without
    recursion, so a document nested 10,000 levels deep is read like any other.
    """
    from selectolax.lexbor import LexborHTMLParser

    root = LexborHTMLParser(html).root
    if root is None:
        return ""
    out: list[str] = []
    node: Any = root  # selectolax's node type, None when the walk is done
    while node is not None:
        tag = node.tag or ""
        descend = False
        if node.is_text_node:
            out.append(node.text_content or "")
        elif tag in _BLOCK_TAGS:
            out.append("\n")
            descend = True
        elif tag in _CELL_TAGS:
            out.append(" ")
            descend = True
        elif tag not in _DROP_TAGS and not tag.startswith("!") and tag != "_comment":
            descend = True
        child = node.child if descend else None
        if child is not None:
            node = child
            continue
        # Leave this node (and every ancestor it is the last child of), closing block elements.
        while node is not None:
            if node.tag in _BLOCK_TAGS:
                out.append("\n")
            if node is root:
                node = None
                break
            if node.next is not None:
                node = node.next
                break
            node = node.parent
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(out).split("\n"))
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n") + "\n"


#: A doctype or <html> at the start, after at most an XML declaration and a few comments (each
#: comment ends at its first "-->", so the pattern cannot backtrack).
_HTML_SNIFF = re.compile(
    r"\A\s*(?:<\?xml[^>]{0,200}>\s*)?(?:<!--(?:(?!-->).){0,2000}-->\s*){0,5}(?:<!DOCTYPE\s+html|<html\b)",
    re.I | re.S,
)


def _looks_like_html(text: str) -> bool:
    """True when a file named .txt is clearly an HTML document (it opens with a doctype or <html>)."""
    return bool(_HTML_SNIFF.match(text[:4096]))
