"""The custom attributes asckg puts on spaCy objects, registered in one place.

Values are plain JSON-like data (a mention's ``dump()``), so Docs survive ``Doc.to_bytes`` and
``nlp.pipe(n_process=2)``, which ships Docs between processes as msgpack.
"""

from __future__ import annotations

from typing import Iterable

from spacy.tokens import Doc, Span

from asckg.nlp.mention import Mention

#: The span group every asckg component writes to; each span's label is the mention kind.
SPANS_KEY = "asckg"
#: Where the components also list what they found, in ``doc.user_data``: each mention's ``dump()``,
#: the same mentions as the span group's (``doc._.mentions`` reads them from here, without making a
#: Span object per mention, which cost a twentieth of extraction). Plain data, so it travels with
#: ``Doc.to_bytes`` like the spans.
FOUND_KEY = "asckg_found"


def _span_mention(span: Span) -> Mention | None:
    data = span._.asckg
    return _mention(data) if data else None


def _mention(data: dict) -> Mention:
    return Mention(
        kind=data["kind"],
        start=data["start"],
        end=data["end"],
        text=data["text"],
        refs=tuple(data["refs"]),
        detail=data.get("detail", ""),
        flags=tuple(data.get("flags", ())),
    )


def _doc_mentions(doc: Doc) -> list[Mention]:
    listed = doc.user_data.get(FOUND_KEY)
    if listed is not None:
        found: Iterable[Mention | None] = map(_mention, listed)
    else:  # a Doc whose spans were made without the list (by hand, or by an older asckg)
        group = doc.spans[SPANS_KEY] if SPANS_KEY in doc.spans else []
        found = (_span_mention(span) for span in group)
    return sorted((m for m in found if m is not None), key=lambda m: (m.start, m.end, m.kind))


def register() -> None:
    """Register the extensions; safe to call any number of times."""
    if not Span.has_extension("asckg"):
        Span.set_extension("asckg", default=None)
    if not Span.has_extension("mention"):
        Span.set_extension("mention", getter=_span_mention)
    if not Doc.has_extension("mentions"):
        Doc.set_extension("mentions", getter=_doc_mentions)
    if not Doc.has_extension("letter_date"):
        Doc.set_extension("letter_date", default=None)


register()
