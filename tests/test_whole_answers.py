"""Whole answers: every line of a response's body is in exactly one restated comment or answer.

Read over every company response in the shared corpus (skipped where it is absent): the comments'
spans follow one another without overlap; each line inside a span is in that comment's text, as
restated comment or as answer (never both); between two comments stand only the next one's caption
lines; and the letter's closing starts on a line of its own, not in the middle of the last answer's
sentence. Running page headers are blanked out first, as the extractor does.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from asckg.nlp.anatomy import parse_letter
from asckg.nlp.anatomy.text import collapse
from asckg.nlp.layout import mask_running_headers
from asckg.nlp.readers import read_path

# The comment number (and a "Comment:" label) a line opens with: the number is the comment's
# key, not part of its text.
_NUMBER = re.compile(
    r"^[ \t|*#>\-]*(?:(?:Staff[ \t]+)?Comment[ \t]*(?:No\.?|Number|#)?[ \t]*\d{1,3}[ \t]*[.:)\-–]?|\d{1,3}\.)"
    r"(?:\s*(?:Staff(?:[’']s)?\s+)?Comment\s*:)?", re.IGNORECASE)


def _problems(text: str, meta: dict[str, str]) -> list[str]:
    masked = mask_running_headers(text)
    a = parse_letter(text, meta, masked=masked)
    if a.kind != "response" or not a.comments:
        return []
    out: list[str] = []
    comments = sorted(a.comments, key=lambda c: c.start)
    for prev, nxt in zip(comments, comments[1:]):
        if nxt.start < prev.end:
            out.append(f"comments {prev.number} and {nxt.number} overlap")
        heads = " ".join(nxt.heading_path)
        for line in masked[prev.end:nxt.start].split("\n"):
            if collapse(line) and collapse(line) not in heads:
                out.append(f"line lost between comments {prev.number} and {nxt.number}: {collapse(line)[:50]!r}")
    for c in comments:
        whole = collapse(c.text)
        for line in masked[c.start:c.end].split("\n"):
            words = collapse(_NUMBER.sub("", line, count=1))
            if words and words not in whole:
                out.append(f"line lost in comment {c.number}: {words[:50]!r}")
        if c.restated_text and c.response_text:
            if not (whole.startswith(c.restated_text) and whole.endswith(c.response_text)):
                out.append(f"comment {c.number}: restated comment and answer are not its text, in order")
            if len(c.restated_text) + len(c.response_text) > len(whole):
                out.append(f"comment {c.number}: a line is both restated comment and answer")
    last = comments[-1]
    after = masked[last.end:last.end + 200].lstrip(" \t\n|*_")
    if after[:1].islower() and a.comment_count is not None:
        out.append(f"the closing cuts the last answer mid-sentence: {after[:50]!r}")
    return out


def test_every_response_line_belongs_to_one_comment(corpus: Path) -> None:
    checked = 0
    failures: dict[str, list[str]] = {}
    for path in sorted((corpus / "letters").glob("*.txt")):
        for letter in read_path(path):
            problems = _problems(letter.text, dict(letter.meta))
            checked += 1
            if problems:
                failures[letter.id] = problems
    assert checked > 900
    assert not failures, "\n".join(f"{k}: {v[:3]}" for k, v in sorted(failures.items())[:20])


def test_ford_answer_starts_where_the_company_wrote_it(corpus: Path) -> None:
    """37996_0000037996-17-000077, comment 2: the restated staff comment fills one line; the answer
    starts on the next, ten lines before a page break (the running header "Page 5 of 8" sits in
    the middle of one of its sentences), not after it."""
    text = (corpus / "letters" / "37996_0000037996-17-000077.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("We note your presentation of disaggregated revenue"))
    a = parse_letter(text, {"cik": "37996", "accession": "0000037996-17-000077"})
    c2 = next(c for c in a.comments if c.number == 2)
    assert c2.restated_text == collapse(lines[at])
    assert c2.response_text.startswith(collapse(lines[at + 1]))
    page_break = next(i for i in range(at, len(lines)) if lines[i].startswith("Page 5 of 8"))
    # the line after the header carries on the sentence the line before it began
    assert collapse(lines[page_break + 1]) in c2.response_text
    assert not c2.response_text.startswith(collapse(lines[page_break + 1]))


@pytest.mark.parametrize(
    "closing",
    ["Respectfully submitted,", "Respectfully,", "Sincerely,"],
)
def test_closing_words_end_the_last_answer_only_as_a_close(closing: str) -> None:
    """A line of an answer opening with "respectfully" (a hard-wrapped "The Company / respectfully
    advises ...") is still the answer; "Respectfully submitted," on its own line closes the letter."""
    text = ("March 1, 2024\nRe: Example Corp.\nForm 10-K for the Fiscal Year Ended December 31, 2023\nDear Sir:\n"
            "1. Please tell us how you considered ASC 280-10-50-1.\nResponse: The Company\n"
            "respectfully advises the Staff that it has one operating segment.\n"
            f"{closing}\n/s/ John Roe\n")
    a = parse_letter(text, {"accession": "0001234567-24-000009"})
    assert a.comments[0].response_text.endswith("it has one operating segment.")
