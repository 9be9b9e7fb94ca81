"""Fast scanning: ``finditer`` for patterns whose first character needs a look-behind.

Python's regex engine skips quickly through a text only when a pattern starts with a literal or a
character class: it then looks for that first character before trying the rest. A pattern that
starts with a look-behind or ``\\b`` is tried in full at every position, three to four times slower
on a letter. The grammars therefore compile their patterns without that first guard and check the
character before each match here, in Python, which costs nothing on the few matches a letter has.

Standard library only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator


def word_char(ch: str) -> bool:
    """What ``\\w`` matches in a str pattern: a letter or digit of any script, or "_"."""
    return ch.isalnum() or ch == "_"


def after_non_word(text: str, start: int) -> bool:
    """True where ``\\b`` before a word character holds: at the start or after a non-word character."""
    return start == 0 or not word_char(text[start - 1])


def not_after(chars: str, words: bool = True) -> Callable[[str, int], bool]:
    """A guard: the character before is none of ``chars`` (nor a word character, if ``words``)."""

    def guard(text: str, start: int) -> bool:
        if start == 0:
            return True
        ch = text[start - 1]
        return not ((words and word_char(ch)) or ch in chars)

    return guard


def finditer(
    pattern: re.Pattern[str], text: str, guard: Callable[[str, int], bool], pos: int = 0
) -> Iterator[re.Match[str]]:
    """The matches ``pattern.finditer(text, pos)`` would give if ``pattern`` began with ``guard``.

    Where the guard fails at a match's start, the search goes on from the next character, as the
    engine does when a look-behind fails. ``pattern`` must not match the empty string.
    """
    while (m := pattern.search(text, pos)) is not None:
        if guard(text, m.start()):
            yield m
            pos = m.end()
        else:
            pos = m.start() + 1


def literals(*words: str) -> re.Pattern[str]:
    """A pattern that finds any of ``words`` as written (longest first): a fast scan for start words."""
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def finditer_from(pattern: re.Pattern[str], text: str, starts: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(text)``, tried only where ``starts`` finds a start word.

    For a pattern whose every match begins with one of a few words (``literals``) and that cannot
    match inside a word it failed at (it begins with ``\\b``): the start words are found by a fast
    scan and ``pattern`` is tried at each, instead of at every position of the text.
    """
    pos = 0
    for hit in starts.finditer(text):
        if hit.start() < pos:
            continue
        m = pattern.match(text, hit.start())
        if m is not None:
            yield m
            pos = m.end()
