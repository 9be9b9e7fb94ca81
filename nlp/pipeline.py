"""The asckg spaCy pipeline: ``spacy.blank("en")``, a letter tokenizer and the grammar components.

No trained model is needed or downloaded. The tokenizer is spaCy's own ``Tokenizer`` with a short
set of affix rules instead of English's full set: the components work on character offsets and only
need tokens to anchor spans, and the lighter rules tokenize letters about seven times faster (see
benchmarks/). Its rules are saved with the pipeline, so ``nlp.to_disk`` -> ``spacy.load`` gives the
same tokens.
"""

from __future__ import annotations

import re
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer

from asckg.nlp import extensions
from asckg.nlp.readers import MAX_CHARS

#: The components, in order; each name is a factory registered in asckg.nlp.components.
COMPONENTS = (
    "asckg_asc",
    "asckg_guidance",
    "asckg_sec_rules",
    "asckg_forms",
    "asckg_file_numbers",
    "asckg_dates",
)

# Opening punctuation splits off a word's front: "(202)", "“Topic". spaCy takes one prefix per
# pass, so a run of 40,000 "(" would cost quadratic time: a run of 50 or more goes as one token.
_OPEN = r"""[\[\(\{"'“‘$§]"""
_PREFIX = re.compile(rf"^(?:{_OPEN}{{50,}}|{_OPEN})")
# Closing punctuation splits off its end: "606-10-25-19.", "Inc.,", "(c)"; long runs as one token.
_CLOSE = r"""[\]\)\}"'”’.,;:?!%]"""
_SUFFIX = re.compile(rf"(?<!{_CLOSE}){_CLOSE}{{50,}}$|{_CLOSE}$")
# Inside a word, dashes and slashes separate: "985-605-25-12" is seven tokens, "10-Q/A" four, so a
# span can end at any part of a code.
_INFIX = re.compile(r"[-–—/]")


def letter_tokenizer(nlp: Language) -> Tokenizer:
    """spaCy's rule-based tokenizer with the light affix rules described above."""
    return Tokenizer(
        nlp.vocab,
        prefix_search=_PREFIX.search,
        suffix_search=_SUFFIX.search,
        infix_finditer=_INFIX.finditer,
    )


def without_lexeme_attributes(nlp: Language) -> Language:
    """Let the vocabulary skip the lexical attributes it would compute for each new word.

    spaCy gives every word it has not seen before a lexeme with about twenty attributes worked out
    on the spot (lower case, norm, shape, prefix, suffix, is_alpha, like_num, ...): a sixth of
    extraction's time, since letters bring thousands of new words (names, codes, amounts). asckg
    reads none of them: the grammars work on characters and the topic model on the words as
    written (spaCy's ORTH, which is the string itself). Extraction output is the same to the byte.
    """
    nlp.vocab.lex_attr_getters = {}  # type: ignore[attr-defined]  # a Cython attribute the stubs leave out
    return nlp


def build_pipeline(dateline: bool = True) -> Language:
    """A fresh pipeline: blank English, the letter tokenizer, every asckg component.

    ``dateline=False`` leaves ``doc._.letter_date`` unset, for a caller that reads the letter's
    date elsewhere (:class:`asckg.nlp.extract.Extractor` takes it from the letter's anatomy).
    """
    import asckg.nlp.components  # noqa: F401  (registers the factories)

    extensions.register()
    nlp = without_lexeme_attributes(spacy.blank("en"))
    nlp.tokenizer = letter_tokenizer(nlp)
    # The readers refuse longer texts with a clear error; the two limits are one number.
    nlp.max_length = MAX_CHARS
    for name in COMPONENTS:
        nlp.add_pipe(name, config={"dateline": dateline} if name == "asckg_dates" else {})
    return nlp


def load_pipeline(path: str | Path) -> Language:
    """A pipeline saved with ``nlp.to_disk``; plain ``spacy.load`` works as well."""
    extensions.register()
    return without_lexeme_attributes(spacy.load(path))
