"""``asckg show``: one letter as a reader wants it, header, comments, citations and answers.

Letter text is never read as Rich markup: it goes to the console as :class:`rich.text.Text`, so a
letter that says "[bold]" prints "[bold]".

``--format json`` prints :meth:`asckg.graph.ask.letters.LetterView.dump`: an object with ``id``,
``iri``, ``accession``, ``kind``, ``date``, ``company``, ``cik``, ``addressees``/``signers``/
``staff_contacts`` (lists of ``{name, role, title, office}``), ``filings`` (``{form,
period_end, filed: [dates], file_number}``), ``comments`` (``{position, number, heading_path:
[headings], page_reference, text, restated_text, response_text, citations: [{text, kind, refs,
start}], answered_by: [answer], answers: [answer]}`` where an answer is ``{letter_id,
letter_date, number, text}``), ``other_citations``, ``replies_to`` (``{id, date}`` or null) and
``conversation``.
"""

from __future__ import annotations

import json
import re
from typing import Annotated

import typer
from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from asckg.cli.common import STORE_DEFAULT, StoreOption, TextFormat
from asckg.graph.ask.letters import (Answer, CommentView, FilingRef, LetterView, PersonRole, ReviewFacts, letter_view,
                                     shorten)
from asckg.graph.store import open_store

_KIND_NAME = {"staff": "staff letter", "response": "response", "other": "other letter"}
# Bullets as pdftotext and html2text leave them: the Symbol font's private-use bullet (U+F0B7),
# U+F0A7, a middle dot, a bullet, a small square; each starts a sub-point on its own line.
_BULLET = re.compile(r"\s*[\uf0b7\uf0a7\u00b7\u2022\u25aa\u25cf]\s+")


def show(
    letter: Annotated[str, typer.Argument(help="A letter id (its file name stem, e.g. 11544_0000000000-17-014278) or its accession number.")],
    fmt: Annotated[TextFormat, typer.Option("--format", "-f", help="text (for reading) or json (the structure in `asckg show --help`'s module docs).")] = TextFormat.text,
    store: StoreOption = STORE_DEFAULT,
) -> None:
    """Show LETTER: header, each comment with its citations, and the answers stored for it."""
    with open_store(store, read_only=True) as db:
        view = letter_view(db, letter)
    if fmt is TextFormat.json:
        typer.echo(json.dumps(view.dump(), ensure_ascii=False, indent=2))
        return
    emit(render_letter(view))


def emit(renderable) -> None:
    """Print to stdout, wrapped to the terminal (80 columns in a pipe).

    In a pipe the lines are rendered first and their trailing padding (Rich pads table cells
    to the column width) is stripped, so the output diffs and greps cleanly.
    """
    console = Console(highlight=False)
    if console.is_terminal:
        console.print(renderable)
        return
    with console.capture() as captured:
        console.print(renderable)
    typer.echo("\n".join(line.rstrip() for line in captured.get().splitlines()))


def render_letter(view: LetterView) -> Group:
    """The text view of a letter as Rich renderables."""
    parts: list = [_header(view)]
    if not view.comments:
        parts.append(Text("\nNo numbered comments were found in this letter.", style="italic"))
    for comment in view.comments:
        parts.append(Text(""))
        parts.extend(_comment(view, comment))
    if view.other_citations:
        parts.append(Text(""))
        parts.append(Text("Citations outside the comments", style="bold"))
        parts.append(Padding(_citations(view.other_citations), (0, 0, 0, 2)))
    return Group(*parts)


def _header(view: LetterView) -> Group:
    title = Text.assemble((view.id, "bold"), "  ", _KIND_NAME.get(view.kind or "", "letter"),
                          *(("  ", (view.date, "bold")) if view.date else ()),
                          *(("  ", (f"[{view.letter_type}]", "magenta")) if view.letter_type else ()))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column()

    def row(label: str, value: str | None) -> None:
        if value:
            grid.add_row(label, Text(value))

    company = view.company or ""
    if view.cik:
        company = f"{company} (CIK {view.cik})" if company else f"CIK {view.cik}"
    row("Company", company)
    row("Accession", view.accession)
    row("To", "\n".join(_person(p) for p in view.addressees))
    row("Signed", "\n".join(_person(p) for p in view.signers))
    row("Staff contacts", "\n".join(_person(p) for p in view.staff_contacts))
    row("Reviews", "\n".join(_filing(f) for f in view.filings))
    if view.replies_to:
        row("Replies to", f"{view.replies_to.id}" + (f" ({view.replies_to.date})" if view.replies_to.date else ""))
    row("Conversation", view.conversation)
    if view.review is not None:
        row("Review", review_line(view.review).plain.removeprefix("Review: "))
    row("Comments", str(len(view.comments)))
    return Group(title, grid)


def review_line(review: ReviewFacts) -> Text:
    """How a review went, on one line: rounds, days, closed or open, outcome, office, filing."""
    parts = [f"{review.rounds} round{'s' * (review.rounds != 1)}" if review.rounds is not None else None,
             f"{review.days_open} days" if review.days_open is not None else None,
             f"closed by {review.closed_by}" if review.closed_by else "not closed",
             f"outcome {review.outcome}" if review.outcome else None,
             review.office, f"filing under review {review.filing}" if review.filing else None]
    return Text("Review: " + ", ".join(p for p in parts if p), style="cyan")


def _person(person: PersonRole) -> str:
    role = " (signed for)" if person.role == "signed_for" else ""
    return ", ".join(p for p in (person.name + role, person.title, person.office) if p)


def _filing(filing: FilingRef) -> str:
    words = f"Form {filing.form}"
    if filing.period_end:
        words += f" for the period ended {filing.period_end}"
    if filing.filed:
        words += ", filed " + " / ".join(filing.filed)
    if filing.file_number:
        words += f" (File No. {filing.file_number})"
    return words


def _comment(view: LetterView, comment: CommentView) -> list:
    label = f"Comment {comment.number}" if comment.number is not None else f"Comment (unnumbered, #{comment.position})"
    head = Text(label, style="bold")
    if comment.heading_path:
        head.append("  " + " > ".join(comment.heading_path), style="cyan")
    if comment.page_reference and not any(comment.page_reference in h for h in comment.heading_path[-1:]):
        head.append(f"  (page {comment.page_reference})", style="dim")
    parts: list = [head]
    indent = (0, 0, 0, 2)
    if view.kind == "response":
        parts.extend(_response_comment(comment, indent))
    else:
        parts.append(Padding(display_text(comment.text), indent))
    if comment.citations:
        parts.append(Padding(_citations(comment.citations), indent))
    for answer in comment.answered_by:
        parts.append(Padding(_answer_head("Answered in", answer), indent))
        parts.append(Padding(display_text(shorten(answer.text)), (0, 0, 0, 4)))
    return parts


def _response_comment(comment: CommentView, indent: tuple[int, int, int, int]) -> list:
    parts: list = []
    for answered in comment.answers:
        parts.append(Padding(_answer_head("Answers", answered), indent))
        parts.append(Padding(display_text(shorten(answered.text, 400), style="italic"), (0, 0, 0, 4)))
    if not comment.answers and comment.restated_text:
        parts.append(Padding(Text("The staff's comment, as restated:", style="dim"), indent))
        parts.append(Padding(display_text(shorten(comment.restated_text, 400), style="italic"), (0, 0, 0, 4)))
    body = comment.response_text or comment.text
    label = Text("Response:", style="dim")
    if comment.commitment:
        label.append(f"  commitment: {' + '.join(comment.commitment)}", style="magenta")
    parts.append(Padding(label, indent))
    parts.append(Padding(display_text(body), (0, 0, 0, 4)))
    return parts


def _answer_head(verb: str, answer: Answer) -> Text:
    text = Text(f"{verb} ", style="green")
    text.append(answer.letter_id, style="green bold")
    if answer.letter_date:
        text.append(f" ({answer.letter_date})", style="green")
    if answer.number is not None:
        text.append(f", comment {answer.number}", style="green")
    text.append(":", style="green")
    return text


def _citations(citations) -> Text:
    text = Text("Cites: ", style="dim")
    for i, cite in enumerate(citations):
        if i:
            text.append("; ")
        text.append(" ".join(cite.text.split()))
        refs = ", ".join(cite.refs)
        if refs and refs != " ".join(cite.text.split()):
            text.append(f" -> {refs}", style="magenta")
    return text


def display_text(text: str, style: str = "") -> Text:
    """Letter words for the console: whitespace folded, each bullet point on a line of its own."""
    folded = " ".join(text.split())
    return Text(_BULLET.sub("\n• ", folded).strip(), style=style)
