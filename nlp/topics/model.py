"""The topic model on spaCy: a ``textcat_multilabel`` pipeline over comments, and its use on letters.

The pipeline is ``spacy.blank("en")`` with asckg's letter tokenizer and one ``textcat_multilabel``
component (a bag of words and word pairs, ``spacy.TextCatBOW.v3``: no word vectors, nothing to
download). It reads :func:`asckg.nlp.topics.rules.model_text` of a comment and scores each class
(a label, or a subject whose Topic changed, see :mod:`asckg.nlp.topics.labels`).

It ships in ``asckg/nlp/topics/trained/`` as ``config.cfg`` (the pipeline), ``model.bin`` (its
weights, ``nlp.to_bytes``) and ``meta.json`` (version, classes, thresholds, the stacker's weights
and pair shares, training data digest), written by :mod:`asckg.nlp.topics.train`.
:class:`TopicModel` loads it once per process and labels the comments of a letter
(:meth:`TopicModel.label`), or of several letters in one batch (:meth:`TopicModel.label_letters`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Sequence

from spacy.language import Language

from asckg.nlp.topics.rules import (
    FEATURES, Assignment, CommentInput, CommentTopics, Evidence, Stacker, Thresholds, comment_cites, decide,
    evidence, is_citing, model_text, neighbours,
)

#: Where the shipped model lives.
MODEL_DIR = Path(__file__).with_name("trained")
#: The textcat component's name in the pipeline.
PIPE = "textcat_multilabel"


def blank_pipeline() -> Language:
    """spaCy's blank English with asckg's letter tokenizer: what the topic model is built on."""
    import spacy

    from asckg.nlp.pipeline import letter_tokenizer, without_lexeme_attributes

    nlp = without_lexeme_attributes(spacy.blank("en"))
    nlp.tokenizer = letter_tokenizer(nlp)
    return nlp


def save(nlp: Language, meta: dict[str, Any], path: Path) -> None:
    """Write a trained pipeline: config.cfg, model.bin (weights) and meta.json."""
    path.mkdir(parents=True, exist_ok=True)
    nlp.config.to_disk(path / "config.cfg")
    (path / "model.bin").write_bytes(nlp.to_bytes(exclude=["tokenizer"]))
    (path / "meta.json").write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def load_pipeline(path: Path) -> Language:
    """A pipeline written by :func:`save` (no network, no spaCy package lookup)."""
    from spacy import util
    from thinc.api import Config

    config = Config().from_disk(path / "config.cfg")
    nlp = util.load_model_from_config(config, auto_fill=True)
    from asckg.nlp.pipeline import letter_tokenizer, without_lexeme_attributes

    without_lexeme_attributes(nlp)
    nlp.tokenizer = letter_tokenizer(nlp)
    nlp.from_bytes((path / "model.bin").read_bytes(), exclude=["tokenizer"])
    return nlp


def scores(nlp: Language, comments: Sequence[CommentInput], batch_size: int = 64,
           evidence: Sequence[Evidence] | None = None) -> list[dict[str, float]]:
    """The model's score per class for each comment (``evidence``: each one's, when known)."""
    given: Sequence[Evidence | None] = evidence if evidence is not None else [None] * len(comments)
    texts = [model_text(c, e) for c, e in zip(comments, given)]
    return [dict(doc.cats) for doc in nlp.pipe(texts, batch_size=batch_size)]


def read_letters(nlp: Language, letters: Sequence[Sequence[CommentInput]]
                 ) -> list[list[tuple[Evidence, dict[str, float], frozenset[str]]]]:
    """Each comment of each letter as the stacker takes it: its :func:`evidence`, the model's score
    per class (the comments of all the letters read in one batch) and its :func:`neighbours`."""
    found = [[evidence(c) for c in comments] for comments in letters]
    scored = iter(scores(nlp, [c for comments in letters for c in comments],
                         evidence=[e for own in found for e in own]))
    return [[(e, next(scored), near) for e, near in zip(own, neighbours(own))] for own in found]


@dataclass(frozen=True)
class TopicModel:
    """A loaded topic model: the spaCy pipeline, its thresholds and its version."""

    nlp: Language
    thresholds: Thresholds
    stacker: Stacker
    version: str
    meta: dict[str, Any]

    @classmethod
    def load(cls, path: Path = MODEL_DIR) -> TopicModel:
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        thresholds = Thresholds(**meta.get("thresholds", {}))
        stacker = Stacker(tuple(float(meta["stacker"].get(name, 0.0)) for name in FEATURES), meta.get("together", {}))
        return cls(load_pipeline(path), thresholds, stacker, meta["version"], meta)

    def label(self, comments: Iterable[CommentInput]) -> list[list[Assignment]]:
        """The labels of each comment of one letter (in the letter's order), best first, each with
        its score and how it was decided."""
        return self.label_letters([list(comments)])[0]

    def label_letters(self, letters: Sequence[Sequence[CommentInput]]) -> list[list[list[Assignment]]]:
        """:meth:`label` for the comments of several letters, read by the model in one batch."""
        return [[decide(c, s, self.stacker, self.thresholds, e, near) for c, (e, s, near) in zip(comments, read)]
                for comments, read in zip(letters, read_letters(self.nlp, letters))]


@lru_cache(maxsize=1)
def shipped_version() -> str:
    """The shipped model's version, read from its meta.json without loading the model."""
    return str(json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))["version"])


@lru_cache(maxsize=1)
def shipped() -> TopicModel:
    """The model that ships with asckg, loaded once per process."""
    return TopicModel.load(MODEL_DIR)


def letters_topics(letters: Sequence[tuple[Any, Sequence[Any], str | None]],
                   model: TopicModel | None = None) -> list[tuple[CommentTopics, ...]]:
    """What each comment of each letter (anatomy, mentions, letter date) is about: for a staff letter
    one :class:`CommentTopics` per comment, for any other letter none. ``model`` defaults to the
    shipped one; it reads the comments of all the letters in one batch, which costs less than a
    batch per letter."""
    inputs: list[list[CommentInput]] = []
    for anatomy, mentions, letter_date in letters:
        if anatomy is None or anatomy.kind != "staff" or not anatomy.comments:
            inputs.append([])
            continue
        inputs.append([CommentInput(tuple(c.heading_path), c.text, comment_cites(mentions, c.start, c.end), letter_date)
                       for c in anatomy.comments])
    labelled = (model or shipped()).label_letters(inputs) if any(inputs) else [[] for _ in inputs]
    out: list[tuple[CommentTopics, ...]] = []
    for (anatomy, _, _), items, found in zip(letters, inputs, labelled):
        out.append(tuple(
            CommentTopics(c.number, position, is_citing(comment.cites), tuple(labels))
            for position, (c, comment, labels) in enumerate(zip(anatomy.comments, items, found), start=1)
        ) if items else ())
    return out
