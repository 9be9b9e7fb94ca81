"""Train the topic model from the data that ships with asckg, reproducibly (fixed seed).

``python -m asckg.nlp.topics.train`` (or ``asckg train-topics``) reads
``asckg/nlp/topics/data/comments.jsonl`` (see :mod:`asckg.nlp.topics.collect`) and writes the model
to ``asckg/nlp/topics/trained/``. Three kinds of example teach it:

- the comments labelled by hand (TOPICS.md), with every class known: 1 if labelled, else 0;
- the other staff comments that cite something, with the classes their citations make certain
  set to 1 and every other class left missing (spaCy's textcat_multilabel skips missing values
  in its loss): a comment citing ASC 350 is about 350, and says nothing of the rest;
- the Codification's own titles (core/data/ascref: each Topic's and Subtopic's title) and the SEC
  items' titles (:data:`asckg.nlp.topics.labels.ITEM_TITLES`), each teaching its one class.

``--cv K`` instead measures the procedure: K folds by letter, each fold's model trained without any
comment of the letters it is scored on (see :mod:`asckg.nlp.topics.evaluate`).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable

from asckg.nlp.topics import labels as _labels
from asckg.nlp.topics.collect import DATA_FILE
from asckg.nlp.topics.rules import (
    FEATURES, Cite, CommentInput, Stacker, Thresholds, cited_labels, evidence, features, first_two, model_text,
    neighbours,
)

#: Bumped when the training procedure or data changes what the shipped model predicts.
MODEL_VERSION = "1.1.0"


@dataclass(frozen=True)
class TrainConfig:
    """Everything that decides the trained weights, besides the data."""

    seed: int = 0
    epochs: int = 40
    batch_size: int = 16
    dropout: float = 0.1
    learn_rate: float = 0.01
    ngram_size: int = 2
    length: int = 2**14  # hashed feature buckets per class
    inner_folds: int = 3  # folds by letter for the stacker's held-out scores
    min_count: int = 2  # a label needs this many hand-labelled comments to become a class
    weak: bool = True
    titles: bool = True
    thresholds: Thresholds = field(default_factory=Thresholds)


def load_rows(path: Path = DATA_FILE) -> list[dict[str, Any]]:
    """The collected comments (one dict per line of the data file)."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def comment_input(row: dict[str, Any]) -> CommentInput:
    """A data row as the model reads a comment."""
    return CommentInput(
        heading=tuple(row["heading"]),
        text=row["text"],
        cites=tuple(Cite(k, r, bool(s)) for k, r, s in row["cites"]),
        letter_date=row["date"],
    )


def by_letter(rows: Iterable[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The rows of each letter, in the data file's order (a letter's comments lie together, in order)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        out.setdefault(row["letter"], []).append(row)
    return list(out.values())


def classes(rows: Iterable[dict[str, Any]], min_count: int) -> list[str]:
    """The model's classes: labels (as classes, :func:`labels.to_class`) of at least ``min_count``
    hand-labelled comments."""
    counts = Counter(_labels.to_class(label) for r in rows if r["labels"] for label in set(r["labels"]))
    return sorted(c for c, n in counts.items() if n >= min_count)


def title_examples(known: set[str]) -> list[tuple[str, dict[str, float]]]:
    """The Codification's Topic and Subtopic titles and the SEC items' titles, one class each."""
    from asckg.core import reference

    out: list[Any] = []
    for info in reference.topics():
        cls = _labels.to_class(info.code)
        if cls not in known:
            continue
        texts = [info.title] + [s.title for s in reference.subtopics(info.code) if s.title != "Overall"]
        out.extend((model_text(CommentInput((info.title, t), t, (), None)), {cls: 1.0}) for t in texts)
    for label, title in _labels.ITEM_TITLES.items():
        if label in known:
            out.append((model_text(CommentInput((title,), title, (), None)), {label: 1.0}))
    return out


def examples(rows: list[dict[str, Any]], known: list[str], config: TrainConfig) -> list[tuple[str, dict[str, float]]]:
    """(text, cats) pairs to train on; a class missing from ``cats`` is unknown for that example."""
    known_set = set(known)
    out = []
    for row in rows:
        comment = comment_input(row)
        if row["labels"] is not None:
            gold = {_labels.to_class(label) for label in row["labels"]}
            out.append((model_text(comment), {c: float(c in gold) for c in known}))
        elif config.weak:
            weak = {_labels.to_class(label) for label in cited_labels(comment.cites)} & known_set
            if weak:
                out.append((model_text(comment), {c: 1.0 for c in weak}))
    if config.titles:
        out.extend(title_examples(known_set))
    return out


def train_bow(rows: list[dict[str, Any]], known: list[str], config: TrainConfig) -> Any:
    """The bag-of-words textcat pipeline trained on ``rows`` (hand labels, weak labels, titles)."""
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch
    from thinc.api import Adam

    from asckg.nlp.topics.model import PIPE, blank_pipeline

    fix_random_seed(config.seed)
    pairs = examples(rows, known, config)
    nlp = blank_pipeline()
    textcat: Any = nlp.add_pipe(PIPE, config={
        "threshold": config.thresholds.accept,
        "model": {
            "@architectures": "spacy.TextCatBOW.v3",
            "exclusive_classes": False,
            "ngram_size": config.ngram_size,
            "no_output_layer": False,
            "length": config.length,
        },
    })
    for cls in known:
        textcat.add_label(cls)
    data = [Example.from_dict(nlp.make_doc(text), {"cats": cats}) for text, cats in pairs]
    nlp.initialize(lambda: data[:50], sgd=None)
    optimizer = Adam(config.learn_rate)
    rng = random.Random(config.seed)
    order = list(range(len(data)))
    for _ in range(config.epochs):
        rng.shuffle(order)
        for batch in minibatch([data[i] for i in order], size=config.batch_size):
            nlp.update(batch, sgd=optimizer, drop=config.dropout)
    return nlp


def fold_of_letters(letters: Iterable[str], k: int, seed: int) -> dict[str, int]:
    """Each letter's fold, by a seeded shuffle of the sorted ids."""
    ids = sorted(set(letters))
    random.Random(seed).shuffle(ids)
    return {letter: i % k for i, letter in enumerate(ids)}


def held_out_scores(rows: list[dict[str, Any]], known: list[str], config: TrainConfig) -> dict[tuple[str, str], dict[str, float]]:
    """Bag-of-words scores of each hand-labelled comment from a model that never saw its letter
    (``config.inner_folds`` folds by letter): what the stacker learns to weigh."""
    from asckg.nlp.topics.model import scores

    labelled = [r for r in rows if r["labels"] is not None]
    folds = fold_of_letters((r["letter"] for r in labelled), config.inner_folds, config.seed + 1)
    out: dict[tuple[str, str], dict[str, float]] = {}
    for fold in range(config.inner_folds):
        held = {letter for letter, f in folds.items() if f == fold}
        nlp = train_bow([r for r in rows if r["letter"] not in held], known, config)
        test = [r for r in labelled if r["letter"] in held]
        for row, score in zip(test, scores(nlp, [comment_input(r) for r in test])):
            out[(row["letter"], row["number"])] = score
    return out


def label_counts(rows: Iterable[dict[str, Any]]) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    """How many hand-labelled comments are about each class, and about each ordered pair of classes."""
    one: Counter[str] = Counter()
    pair: Counter[tuple[str, str]] = Counter()
    for row in rows:
        if row["labels"] is None:
            continue
        gold = sorted({_labels.to_class(label) for label in row["labels"]})
        one.update(gold)
        pair.update((a, b) for a in gold for b in gold if a != b)
    return one, pair


def together(one: Counter[str], pair: Counter[tuple[str, str]]) -> dict[str, dict[str, float]]:
    """:attr:`Stacker.together` from :func:`label_counts`: of the comments about ``a``, the share also
    about ``b``, for the pairs seen together (rounded to 6 places)."""
    out: dict[str, dict[str, float]] = {}
    for (a, b), n in sorted(pair.items()):
        if n > 0 and one[a] > 0:
            out.setdefault(a, {})[b] = round(n / one[a], 6)
    return out


def fit_stacker(rows: list[dict[str, Any]], held: dict[tuple[str, str], dict[str, float]], l2: float = 1.0) -> Stacker:
    """The stacker's weights: L2-regularised logistic regression (Newton's method, deterministic) over
    every (hand-labelled comment, candidate class) pair. Each letter's ``together`` feature is
    counted without that letter's own labels, as it will be for a letter the model has not seen."""
    import numpy as np

    one, pair = label_counts(rows)
    xs, ys = [], []
    for letter in by_letter(r for r in rows if r["labels"] is not None and (r["letter"], r["number"]) in held):
        own_one, own_pair = label_counts(letter)
        stacker = Stacker(together=together(one - own_one, pair - own_pair))
        found = [evidence(comment_input(row)) for row in letter]
        scored = [held[(row["letter"], row["number"])] for row in letter]
        for row, ev, score, near in zip(letter, found, scored, neighbours(found)):
            gold = {_labels.to_class(label) for label in row["labels"]}
            ranked = first_two(score)
            along = stacker.along(ranked, ev)
            for cls in sorted(set(score) | ev.cited):
                xs.append(features(ev, cls, score, ranked, near, along))
                ys.append(float(cls in gold))
    x = np.asarray(xs, dtype="float64")
    y = np.asarray(ys, dtype="float64")
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0  # the bias is not shrunk
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) + penalty * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return Stacker(tuple(round(float(v), 6) for v in w), together(one, pair))


@dataclass
class Trained:
    """A trained topic model: the textcat pipeline, its classes and the stacker over its scores."""

    nlp: Any
    classes: list[str]
    stacker: Stacker


def train(rows: list[dict[str, Any]], config: TrainConfig = TrainConfig()) -> Trained:
    """Train on data rows; the same rows and config give the same model."""
    known = classes(rows, config.min_count)
    stacker = fit_stacker(rows, held_out_scores(rows, known, config))
    return Trained(train_bow(rows, known, config), known, stacker)


#: The same procedure, cut short (fewer epochs, inner folds and feature buckets): what the test
#: that retraining reproduces the shipped predictions runs in well under a minute.
REDUCED = TrainConfig(epochs=2, inner_folds=2, length=2**12)


def predictions(nlp: Any, stacker: Stacker, rows: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """The label probabilities a model gives each row, keyed "letter#number", rounded to 6 places."""
    from asckg.nlp.topics.model import read_letters
    from asckg.nlp.topics.rules import probabilities

    letters = by_letter(rows)
    inputs = [[comment_input(r) for r in letter] for letter in letters]
    out = {}
    for letter, comments, read in zip(letters, inputs, read_letters(nlp, inputs)):
        for row, comment, (ev, score, near) in zip(letter, comments, read):
            probs = probabilities(comment, score, stacker, ev, near=near)
            out[f"{row['letter']}#{row['number']}"] = {k: round(v, 6) for k, v in sorted(probs.items())}
    return out


def data_digest(path: Path = DATA_FILE) -> str:
    """SHA-256 of the training data file: the model's meta records what it was trained on."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def train_and_save(out: Path, config: TrainConfig = TrainConfig(), data: Path = DATA_FILE) -> dict[str, Any]:
    """Train on the data file and write the model to ``out``; returns its meta."""
    from asckg.nlp.topics.model import save

    rows = load_rows(data)
    trained = train(rows, config)
    meta = {
        "version": MODEL_VERSION,
        "classes": trained.classes,
        "thresholds": asdict(config.thresholds),
        "stacker": dict(zip(FEATURES, trained.stacker.weights)),
        "together": trained.stacker.together,
        "config": {k: v for k, v in asdict(config).items() if k != "thresholds"},
        "data": {"file": data.name, "sha256": data_digest(data), "comments": len(rows),
                 "labelled": sum(1 for r in rows if r["labels"] is not None)},
    }
    save(trained.nlp, meta, out)
    return meta


def main(argv: list[str] | None = None) -> int:
    from asckg.nlp.topics.model import MODEL_DIR

    parser = argparse.ArgumentParser(description="Train the comment-topic model from the shipped data.")
    parser.add_argument("--out", type=Path, default=MODEL_DIR, help="where to write the model")
    parser.add_argument("--data", type=Path, default=DATA_FILE, help="the collected comments (jsonl)")
    parser.add_argument("--cv", type=int, default=0, help="cross-validate with K folds by letter instead")
    parser.add_argument("--reduced-reference", type=Path, default=None,
                        help="train with REDUCED and write its predictions on the labelled comments here (JSON)")
    args = parser.parse_args(argv)
    config = TrainConfig()
    if args.reduced_reference:
        rows = load_rows(args.data)
        trained = train(rows, REDUCED)
        labelled = [r for r in rows if r["labels"] is not None]
        result = {"config": {k: v for k, v in asdict(REDUCED).items() if k != "thresholds"},
                  "data_sha256": data_digest(args.data), "stacker": list(trained.stacker.weights),
                  "together": trained.stacker.together,
                  "predictions": predictions(trained.nlp, trained.stacker, labelled)}
        args.reduced_reference.parent.mkdir(parents=True, exist_ok=True)
        args.reduced_reference.write_text(json.dumps(result, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        return 0
    if args.cv:
        from asckg.nlp.topics.evaluate import cross_validate, report

        validated = cross_validate(load_rows(args.data), args.cv, config)
        print(report(validated))
        return 0
    meta = train_and_save(args.out, config, args.data)
    print(f"topic model {meta['version']}: {len(meta['classes'])} classes -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
