"""Run the spaCy pipeline over letters and collect a :class:`LetterRecord` for each.

This is the one place that turns spaCy Docs into plain records; everything downstream (summaries,
the graph) reads records, not Docs.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from asckg.nlp.anatomy import parse_letter
from asckg.nlp.components import TEXT_KEY, doc_text
from asckg.nlp.layout import mask_running_headers
from asckg.nlp.pipeline import build_pipeline
from asckg.nlp.readers import Letter
from asckg.nlp.record import LetterRecord, content_hash, reading_stamp
from asckg.nlp.topics.model import letters_topics, shipped, shipped_version


def read_with(topics: bool = True) -> str:
    """The stamp (:func:`~asckg.nlp.record.reading_stamp`) of the records an :class:`Extractor`
    makes, known before it reads anything (without loading the topic model)."""
    return reading_stamp(shipped_version() if topics else None)


class Extractor:
    """Reads letters with one spaCy pipeline, built once and reused."""

    def __init__(self, nlp: Language | None = None, batch_size: int = 16, topics: bool = True) -> None:
        # The letter's date comes from its anatomy, read from the text as written: the Doc holds
        # the text with running page headers blanked, and some letters print their date only there.
        self.nlp = nlp if nlp is not None else build_pipeline(dateline=False)
        # What each staff comment is about (asckg.nlp.topics), from the shipped model.
        self.topics = topics
        self.batch_size = batch_size
        # The Doc keeps the text it was made from, so no component has to rebuild it from the
        # tokens (spaCy's Doc.text walks every token; for asckg that was most of the time spent).
        make_doc = self.nlp.make_doc

        def make_doc_keeping_text(text: str) -> Doc:
            doc = make_doc(text)
            doc.user_data[TEXT_KEY] = text
            return doc

        self.nlp.make_doc = make_doc_keeping_text  # type: ignore[method-assign]  # spaCy's own hook

    @property
    def read_with(self) -> str:
        """The stamp of the records this extractor makes: :func:`read_with`."""
        return read_with(self.topics)

    def _record(self, letter: Letter, doc: Doc) -> LetterRecord:
        """The record of one letter from its processed Doc, without its comment topics."""
        anatomy = parse_letter(letter.text, letter.meta, masked=doc_text(doc))
        return LetterRecord(
            id=letter.id,
            path=letter.path,
            fmt=letter.fmt,
            text=letter.text,
            text_hash=content_hash(letter.text),
            meta=dict(letter.meta),
            mentions=tuple(doc._.mentions),
            letter_date=anatomy.letter_date,
            anatomy=anatomy,
        )

    def _with_topics(self, records: list[LetterRecord]) -> list[LetterRecord]:
        """The records with what each staff comment is about, labelled in one batch."""
        if not self.topics:
            return records
        found = letters_topics([(r.anatomy, r.mentions, r.letter_date) for r in records])
        version = shipped().version
        return [replace(r, topics=t, topic_model=version) for r, t in zip(records, found)]

    def extract(self, letters: Iterable[Letter], n_process: int = 1) -> Iterator[LetterRecord]:
        """Records in the order of the letters, streamed: only a batch is held at a time.

        The pipeline reads each text with its running page headers blanked out (same length, so
        every offset still points into the letter as read): a citation that a page break split,
        "ASC 606-10-" + "Page 2" header + "25-19", reads through. The comments of a batch of
        letters go to the topic model together.
        """
        pairs = ((mask_running_headers(letter.text), letter) for letter in letters)
        batch: list[LetterRecord] = []
        for doc, letter in self.nlp.pipe(
            pairs, as_tuples=True, batch_size=self.batch_size, n_process=n_process
        ):
            batch.append(self._record(letter, doc))
            if len(batch) >= self.batch_size:
                yield from self._with_topics(batch)
                batch = []
        yield from self._with_topics(batch)
