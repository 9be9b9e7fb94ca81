"""spaCy components that put the grammars' mentions on a Doc.

Each component runs one pure grammar (``asckg.nlp.grammar``) over ``doc.text`` and adds a span per
mention to ``doc.spans["asckg"]``, labelled with the mention kind, with the mention itself in
``span._.asckg`` (read it back as ``span._.mention`` or ``doc._.mentions``). The grammar does the
work; a component only maps its results onto tokens. The factories are also registered as
``spacy_factories`` entry points, so ``spacy.load(saved_dir)`` works without importing asckg.

spaCy imports this module whenever it builds any pipeline, so it stays light: the grammars are
imported when a component is made, not here.
"""

from __future__ import annotations

import importlib
from typing import Callable, Iterable, Iterator, NoReturn

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch, raise_error

from asckg.nlp import extensions
from asckg.nlp.extensions import FOUND_KEY, SPANS_KEY
from asckg.nlp.mention import Mention

Finder = Callable[[str], list[Mention]]
#: What spaCy calls when a component fails on a Doc (``Language.set_error_handler``).
ErrorHandler = Callable[[str, Callable[[Doc], Doc], list[Doc], Exception], NoReturn]


#: Where a Doc keeps its text once built (or as given, when asckg's Extractor made the Doc).
TEXT_KEY = "asckg_text"
_TEXT_KEY = TEXT_KEY


def doc_text(doc: Doc) -> str:
    """The Doc's text, built once: ``Doc.text`` joins every token anew on each call, which cost
    more than all the grammars together when each component asked for it."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


class GrammarComponent:
    """Adds the mentions of one grammar to ``doc.spans[spans_key]``."""

    def __init__(self, name: str, grammar: str, spans_key: str = SPANS_KEY) -> None:
        self.name = name
        self.grammar = grammar
        self.spans_key = spans_key
        self.module = importlib.import_module(f"asckg.nlp.grammar.{grammar}")
        self.find: Finder = self.module.find
        self.error_handler: ErrorHandler = raise_error
        extensions.register()

    def __call__(self, doc: Doc) -> Doc:
        mentions = self.find(doc_text(doc))
        if not mentions:
            return doc
        spans = []
        listed = doc.user_data.setdefault(FOUND_KEY, [])
        for mention in mentions:
            # "expand" snaps to whole tokens: a mention may start or end inside a token that the
            # tokenizer did not split (a code followed by a full stop, "606-10-25-19.").
            span = doc.char_span(mention.start, mention.end, label=mention.kind, alignment_mode="expand")
            if span is None:  # only whitespace; nothing to anchor
                continue
            data = mention.dump()
            span._.asckg = data
            spans.append(span)
            listed.append(data)
        if self.spans_key in doc.spans:
            doc.spans[self.spans_key].extend(spans)  # the earlier components' spans stay as they are
        else:
            doc.spans[self.spans_key] = spans
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """The Docs of ``stream``, processed a batch at a time (``nlp.pipe`` calls this).

        Every Doc of a batch goes through this grammar before the next component sees any: one
        grammar's patterns are used on many letters in a row and stay in the processor's caches,
        where a Doc at a time through all six grammars makes each evict the last. On the corpus,
        whole extraction in batches of 16 letters took 6-7% less CPU time than a Doc at a time
        (best of eight alternating rounds, same records).
        """
        for batch in minibatch(stream, size=batch_size):
            done = []
            for doc in batch:
                try:
                    done.append(self(doc))
                except Exception as e:  # spaCy's contract: the handler decides (it raises by default)
                    self.error_handler(self.name, self, [doc], e)
            yield from done

    def get_error_handler(self) -> ErrorHandler:
        return self.error_handler

    def set_error_handler(self, error_handler: ErrorHandler) -> None:
        """Called by ``Language.set_error_handler``."""
        self.error_handler = error_handler


class LetterDateComponent(GrammarComponent):
    """The dates grammar, plus (with ``dateline``) the date printed on the letter in ``doc._.letter_date``."""

    def __init__(self, name: str, grammar: str, spans_key: str = SPANS_KEY, dateline: bool = True) -> None:
        super().__init__(name, grammar, spans_key)
        self.dateline = dateline

    def __call__(self, doc: Doc) -> Doc:
        doc = super().__call__(doc)
        if self.dateline:
            doc._.letter_date = self.module.letter_date(doc_text(doc))
        return doc


@Language.factory(
    "asckg_asc",
    assigns=["doc.spans"],
    default_config={"spans_key": SPANS_KEY},
)
def make_asc_component(nlp: Language, name: str, spans_key: str) -> GrammarComponent:
    """FASB ASC citations: Topic, Subtopic, Section and paragraph, ranges expanded."""
    return GrammarComponent(name, "asc", spans_key)


@Language.factory("asckg_guidance", assigns=["doc.spans"], default_config={"spans_key": SPANS_KEY})
def make_guidance_component(nlp: Language, name: str, spans_key: str) -> GrammarComponent:
    """Other accounting guidance: SFAS, EITF, SOP, SAB, ASU, IFRS ... and the staff's interpretations."""
    return GrammarComponent(name, "guidance", spans_key)


@Language.factory("asckg_sec_rules", assigns=["doc.spans"], default_config={"spans_key": SPANS_KEY})
def make_sec_rule_component(nlp: Language, name: str, spans_key: str) -> GrammarComponent:
    """SEC rules: Regulation S-K items, S-X rules, Exchange and Securities Act rules, form items."""
    return GrammarComponent(name, "sec_rules", spans_key)


@Language.factory("asckg_forms", assigns=["doc.spans"], default_config={"spans_key": SPANS_KEY})
def make_form_component(nlp: Language, name: str, spans_key: str) -> GrammarComponent:
    """SEC form types: Form 10-K, 10-Q/A, 20-F, Schedule 14A ..."""
    return GrammarComponent(name, "forms", spans_key)


@Language.factory("asckg_file_numbers", assigns=["doc.spans"], default_config={"spans_key": SPANS_KEY})
def make_file_number_component(nlp: Language, name: str, spans_key: str) -> GrammarComponent:
    """SEC file numbers: File No. 000-27385."""
    return GrammarComponent(name, "file_numbers", spans_key)


@Language.factory(
    "asckg_dates", assigns=["doc.spans", "doc._.letter_date"],
    default_config={"spans_key": SPANS_KEY, "dateline": True},
)
def make_date_component(nlp: Language, name: str, spans_key: str, dateline: bool) -> LetterDateComponent:
    """Dates, and (``dateline``) the date printed on the letter."""
    return LetterDateComponent(name, "dates", spans_key, dateline)
