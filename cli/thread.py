"""``asckg thread``: a review conversation in order, staff letter -> response -> follow-up.

Each letter with its date and the days since the previous letter of the conversation; each staff
comment with a short excerpt beside the answer the company gave (response letter, number,
excerpt). Given a company, every conversation of that company, oldest first.

``--format json`` prints :func:`asckg.graph.ask.letters.dump_thread`: a list of conversations
``{conversation, first_date, last_date, letters, review}``; each letter is ``{id, iri, kind,
letter_type, date, company, replies_to, days_since_previous, comments}`` and each comment
``{position, number, excerpt, commitment, answered_by: [{letter_id, number, excerpt, commitment}],
answers: [...]}`` (``answered_by`` on staff comments, ``answers`` on response comments;
``commitment`` lists an answer's amend / future / none). ``review`` (when the store has it) is
``{rounds, letters, days_open, closed_by, outcome, filing, office}``.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from asckg.cli.common import STORE_DEFAULT, StoreOption, TextFormat
from asckg.cli.show import emit, review_line
from asckg.graph.ask.letters import (ReviewFacts, ThreadComment, ThreadLetter, dump_thread, group_conversations,
                                     thread_reviews)
from asckg.graph.ask.letters import thread as find_thread
from asckg.graph.store import open_store

_KIND_NAME = {"staff": "Staff letter", "response": "Response", "other": "Other letter"}


def thread(
    company_or_letter: Annotated[str, typer.Argument(
        metavar="COMPANY-OR-LETTER",
        help="A letter id or accession number (its conversation), or a company: a CIK or part of its name, any case (all its conversations).")],
    fmt: Annotated[TextFormat, typer.Option("--format", "-f", help="text (for reading) or json (a list of conversations).")] = TextFormat.text,
    store: StoreOption = STORE_DEFAULT,
) -> None:
    """Show the conversation of a letter, or every conversation of a company, in order."""
    with open_store(store, read_only=True) as db:
        letters = find_thread(db, company_or_letter)
        reviews = thread_reviews(db, letters)
    if fmt is TextFormat.json:
        typer.echo(json.dumps(dump_thread(letters, reviews), ensure_ascii=False, indent=2))
        return
    emit(render_thread(letters, reviews))


def render_thread(letters: list[ThreadLetter], reviews: dict[str, ReviewFacts | None] | None = None) -> Group:
    """The text view of one or more conversations as Rich renderables."""
    parts: list = []
    for index, (conversation, members) in enumerate(group_conversations(letters)):
        dates = [m.date for m in members if m.date]
        span = f"{min(dates)} to {max(dates)}" if dates else "undated"
        company = next((m.company for m in members if m.company), None)
        if index:
            parts.append(Text(""))
        head = Text(f"Conversation {conversation}", style="bold underline")
        head.append(f"  {company or ''}  {span}, {len(members)} letter{'s' * (len(members) != 1)}")
        parts.append(head)
        review = (reviews or {}).get(conversation)
        if review is not None:
            parts.append(review_line(review))
        for member in members:
            parts.append(Text(""))
            parts.extend(_letter(member))
    return Group(*parts)


def _letter(letter: ThreadLetter) -> list:
    head = Text(f"{letter.date or 'undated'}  ", style="bold")
    head.append(_KIND_NAME.get(letter.kind or "", "Letter"), style="bold")
    head.append(f"  {letter.id}")
    if letter.letter_type:
        head.append(f"  [{letter.letter_type}]", style="magenta")
    if letter.days_since_previous is not None:
        head.append(f"  +{letter.days_since_previous} days", style="yellow")
    if letter.replies_to:
        head.append(f"  (replies to {letter.replies_to})", style="dim")
    parts: list = [head]
    if letter.kind == "response":
        parts.extend(_response_comments(letter.comments))
    elif letter.comments:
        parts.append(_staff_comments(letter.comments))
    if not letter.comments:
        parts.append(Padding(Text("no numbered comments", style="dim italic"), (0, 0, 0, 2)))
    return parts


def _number(comment: ThreadComment) -> str:
    return f"{comment.number}." if comment.number is not None else f"#{comment.position}"


def _grid() -> Table:
    """Two columns, number and words, so that wrapped lines hang under the words."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, justify="right", style="bold")
    grid.add_column()
    return grid


def _staff_comments(comments: list[ThreadComment]) -> Padding:
    grid = _grid()
    for comment in comments:
        grid.add_row(_number(comment), Text(comment.excerpt))
        for answer in comment.answered_by:
            line = Text("-> ", style="green")
            line.append(answer.letter_id + (f" #{answer.number}" if answer.number is not None else ""), style="green")
            if answer.commitment:
                line.append(f" [{'+'.join(answer.commitment)}]", style="magenta")
            line.append(": ")
            line.append(answer.excerpt)
            grid.add_row("", line)
        if not comment.answered_by and comment.number is not None:
            grid.add_row("", Text("(no stored answer)", style="dim"))
    return Padding(grid, (0, 0, 0, 2))


def _response_comments(comments: list[ThreadComment]) -> list:
    """A response's comments: the staff comments they answer (shown with those), then the rest."""
    answered = [c for c in comments if c.answers]
    parts: list = []
    by_letter: dict[str, list[str]] = {}
    for letter_id, number in sorted({(a.letter_id, a.number or 0) for c in answered for a in c.answers}):
        by_letter.setdefault(letter_id, []).append(str(number))
    for letter_id, numbers in by_letter.items():
        parts.append(Padding(Text(f"answers comments {', '.join(numbers)} of {letter_id} (shown there)",
                                  style="dim"), (0, 0, 0, 2)))
    rest = [c for c in comments if not c.answers]
    if rest:
        grid = _grid()
        for comment in rest:
            words = Text(f"[{'+'.join(comment.commitment)}] ", style="magenta") if comment.commitment else Text("")
            grid.add_row(_number(comment), words + Text(comment.excerpt))
        parts.append(Padding(grid, (0, 0, 0, 2)))
    return parts
