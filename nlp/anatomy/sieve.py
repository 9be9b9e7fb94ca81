"""A quick check before a slow case-insensitive search: most texts have nothing to find.

The outcome patterns (:mod:`asckg.nlp.anatomy.outcome`) are long alternations of words, searched
with ``re.IGNORECASE`` and mostly opening with ``\\b``. Python's regex engine cannot skip along such
a pattern by its first character: it tries every alternative at every offset. The same pattern
with its letters in lower case and its word boundaries dropped, searched without IGNORECASE in the
lowered text, lets it skip, and runs five to ten times faster. That *check* matches wherever the
pattern does (and at times where it does not: a word boundary less), so a text the check finds
nothing in is not searched with the pattern. Where the check finds something the pattern decides,
and it too is searched in the lowered text where it can be: the same pattern in lower case, word
boundaries kept, without IGNORECASE (:func:`exact_for`), finds the same matches at the same offsets
about twice as fast (their text is in lower case).

:func:`check_for` derives the check from a pattern; :class:`Sieve` holds the pattern, its check and
its lowered twin. Standard library only.

>>> import re
>>> s = Sieve(re.compile(r"\\b(?:will|shall)\\s+revise\\b", re.IGNORECASE))
>>> s.check.pattern
'(?:will|shall)\\\\s+revise'
>>> text = "We WILL revise it."
>>> bool(s.search(text, plain_lower(text))), s.search("No change.", plain_lower("No change."))
(True, None)
>>> s.exact.pattern, s.search(text, plain_lower(text)).span()
('\\\\b(?:will|shall)\\\\s+revise\\\\b', (3, 14))
"""

from __future__ import annotations

import re

from asckg.nlp.anatomy.text import folds_plainly

__all__ = ["Sieve", "check_for", "exact_for", "plain_lower"]


def plain_lower(text: str) -> str | None:
    """``text.lower()`` when a lower-case pattern finds in it just what the pattern with IGNORECASE
    finds in ``text``, at the same offsets (:func:`asckg.nlp.anatomy.text.folds_plainly`); else None
    (then nothing is skipped)."""
    low = text.lower()
    return low if folds_plainly(text, low) else None


def _lower_class(cls: str) -> str | None:
    """A character class ``[...]`` in lower case, None when a range would not survive that
    ("[A-z]" takes in "[" and "_", which "[a-z]" leaves out)."""
    out, i = [], 0
    while i < len(cls):
        if cls[i] == "\\":
            out.append(cls[i:i + 2])
            i += 2
            continue
        if i + 2 < len(cls) - 1 and cls[i + 1] == "-" and cls[i + 2] not in "]\\":
            lo, hi = cls[i], cls[i + 2]
            wanted = {chr(k).lower() for k in range(ord(lo), ord(hi) + 1)}
            low_lo, low_hi = lo.lower(), hi.lower()
            if len(low_lo) != 1 or len(low_hi) != 1 or low_lo > low_hi or any(
                    not low_lo <= c <= low_hi for c in wanted if len(c) == 1) or any(len(c) != 1 for c in wanted):
                return None
            out.append(f"{low_lo}-{low_hi}")
            i += 3
            continue
        out.append(cls[i].lower())
        i += 1
    return "".join(out)


def _check_source(pattern: str, boundaries: bool = False) -> str | None:
    """The check's source for a pattern's source, or None where the pattern uses what the check
    cannot follow (a case-sensitive group, a named back-reference, a character name). With
    ``boundaries`` the word boundaries stay: the pattern itself, in lower case."""
    out: list[str] = []
    negative: list[bool] = []  # for each open group: is it (or is it inside) a negative look-around?
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            pair = pattern[i:i + 2]
            if pair in ("\\N", "\\g") or pair[1:].isdigit():
                return None
            # A word boundary is dropped, which lets the check match more; inside a negative
            # look-around that would let it match less, so there it stays.
            if pair != "\\b" or boundaries or any(negative):
                out.append(pair)
            i += 2
        elif c == "[":
            j = i + 1
            if j < n and pattern[j] == "^":
                j += 1
            if j < n and pattern[j] == "]":
                j += 1
            while j < n and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            cls = _lower_class(pattern[i:j + 1])
            if cls is None:
                return None
            out.append(cls)
            i = j + 1
        elif c == "(":
            if pattern.startswith("(?P<", i):
                j = pattern.index(">", i)
                out.append(pattern[i:j + 1])
                negative.append(False)
                i = j + 1
                continue
            for opener, neg in (("(?:", False), ("(?=", False), ("(?<=", False), ("(?!", True), ("(?<!", True)):
                if pattern.startswith(opener, i):
                    break
            else:
                if pattern.startswith("(?", i):
                    return None  # inline flags ("(?-i:" case-sensitive), conditionals, back-references
                opener, neg = "(", False
            out.append(opener)
            negative.append(neg or bool(negative and negative[-1]))
            i += len(opener)
        elif c == ")":
            negative.pop()
            out.append(c)
            i += 1
        else:
            out.append(c.lower())
            i += 1
    return "".join(out)


def _lowered(pattern: re.Pattern[str], boundaries: bool) -> re.Pattern[str] | None:
    """A case-insensitive pattern in lower case, compiled without IGNORECASE, its word boundaries
    dropped or kept (:func:`_check_source`); None where it cannot be derived."""
    if not pattern.flags & re.IGNORECASE:
        return None
    source = _check_source(pattern.pattern, boundaries)
    if source is None:
        return None
    try:
        return re.compile(source, pattern.flags & ~re.IGNORECASE)
    except re.error:
        return None


def check_for(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The quick check of a case-insensitive pattern (see the module's text), None if it has none."""
    return _lowered(pattern, boundaries=False)


def exact_for(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A case-insensitive pattern in lower case, compiled without IGNORECASE: in a text's
    :func:`plain_lower` it finds what the pattern finds in the text, at the same offsets (None where
    it cannot be derived: see :func:`check_for`)."""
    return _lowered(pattern, boundaries=True)


class Sieve:
    """A case-insensitive pattern, its quick check (derived, or given: a pattern of lower-case
    words every match holds, for a pattern the check cannot be derived from) and its lowered twin
    (:func:`exact_for`).

    A match found in the lowered text has the offsets of the pattern's match in the text, and its
    text in lower case."""

    __slots__ = ("pattern", "check", "exact")

    def __init__(self, pattern: re.Pattern[str], check: re.Pattern[str] | None = None) -> None:
        self.pattern = pattern
        self.check = check if check is not None else check_for(pattern)
        self.exact = exact_for(pattern)

    def may_match(self, low: str | None) -> bool:
        """False only when the pattern cannot match the text whose :func:`plain_lower` is ``low``."""
        return low is None or self.check is None or self.check.search(low) is not None

    def search(self, text: str, low: str | None, checked: bool = False) -> re.Match[str] | None:
        """``pattern.search(text)``; ``low`` is :func:`plain_lower` of ``text``; ``checked``: the
        caller found :meth:`may_match` true already."""
        if not (checked or self.may_match(low)):
            return None
        return self.exact.search(low) if low is not None and self.exact is not None else self.pattern.search(text)

    def finditer(self, text: str, low: str | None, checked: bool = False) -> list[re.Match[str]]:
        """``list(pattern.finditer(text))``; ``low`` and ``checked`` as for :meth:`search`."""
        if not (checked or self.may_match(low)):
            return []
        if low is not None and self.exact is not None:
            return list(self.exact.finditer(low))
        return list(self.pattern.finditer(text))
