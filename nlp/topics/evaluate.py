"""Measure the topic model honestly: K folds by letter, never scoring a comment the model trained on.

:func:`cross_validate` splits the hand-labelled letters into K folds (seeded); for each fold it
trains on every comment of every other letter (hand labels, weak labels and titles, exactly as
:mod:`asckg.nlp.topics.train` does) and labels the fold's comments. :func:`report` prints, over the
held-out comments, micro precision / recall / F1 of (comment, label) pairs for all comments and for
the comments that cite nothing (TOPICS.md's ``comments_citing``, as the labeller marked it), per
label, against the baseline "labels from citations alone", and the calibration of the model's
scores (per class score vs how often the class was right, in bins, with the Brier score).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from asckg.nlp.topics import labels as _labels
from asckg.nlp.topics.rules import Thresholds, choose, cited_labels, probabilities


@dataclass
class Result:
    """Held-out predictions: per comment the gold labels, the model's, the baseline's and the scores."""

    folds: int
    rows: list[dict[str, Any]] = field(default_factory=list)


def cross_validate(rows: list[dict[str, Any]], k: int, config: Any) -> Result:
    """Train K models, each without one fold of labelled letters, and label that fold with it."""
    from asckg.nlp.topics.model import read_letters
    from asckg.nlp.topics.train import by_letter, comment_input, fold_of_letters, train

    labelled = [r for r in rows if r["labels"] is not None]
    folds = fold_of_letters([r["letter"] for r in labelled], k, config.seed)
    result = Result(k)
    for fold in range(k):
        held = {letter for letter, f in folds.items() if f == fold}
        trained = train([r for r in rows if r["letter"] not in held], config)
        letters = by_letter(r for r in labelled if r["letter"] in held)
        inputs = [[comment_input(r) for r in letter] for letter in letters]
        for letter, comments, read in zip(letters, inputs, read_letters(trained.nlp, inputs)):
            for row, comment, (ev, score, near) in zip(letter, comments, read):
                probs = probabilities(comment, score, trained.stacker, ev, near=near)
                result.rows.append({
                    "letter": row["letter"], "number": row["number"], "citing": bool(row["citing"]),
                    "gold": sorted(set(row["labels"])),
                    "model": sorted(a.label for a in choose(comment, probs, config.thresholds)),
                    "input": comment,
                    "probabilities": probs,
                    "baseline": sorted(cited_labels(comment.cites)),
                    "scores": score,
                    "date": row["date"], "text": row["text"],
                })
    return result


def prf(pairs: list[tuple[set[str], set[str]]]) -> dict[str, float]:
    """Micro precision, recall and F1 over (gold, predicted) label sets, as score.py counts them."""
    tp = sum(len(g & p) for g, p in pairs)
    fp = sum(len(p - g) for g, p in pairs)
    fn = sum(len(g - p) for g, p in pairs)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def per_label(result: Result, system: str) -> dict[str, dict[str, float]]:
    """Precision, recall and F1 for each gold or predicted label."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for r in result.rows:
        gold, pred = set(r["gold"]), set(r[system])
        for label in gold | pred:
            c = counts[label]
            c["tp"] += label in gold and label in pred
            c["fp"] += label in pred and label not in gold
            c["fn"] += label in gold and label not in pred
    out = {}
    for label, c in counts.items():
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        rec = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        out[label] = {"precision": p, "recall": rec, "f1": 2 * p * rec / (p + rec) if p + rec else 0.0,
                      "support": c["tp"] + c["fn"]}
    return out


def calibration(result: Result, bins: int = 10) -> dict[str, Any]:
    """How often a class was right at each score: per bin the mean score and the share of gold."""
    table = [[0, 0.0, 0] for _ in range(bins)]  # n, sum of scores, positives
    brier = 0.0
    n = 0
    for r in result.rows:
        gold = {_labels.to_class(label) for label in r["gold"]}
        for cls, s in r["probabilities"].items():
            b = min(int(s * bins), bins - 1)
            y = cls in gold
            table[b][0] += 1
            table[b][1] += s
            table[b][2] += y
            brier += (s - y) ** 2
            n += 1
    rows = [{"bin": f"{i / bins:.1f}-{(i + 1) / bins:.1f}", "n": c, "mean_score": (t / c if c else None),
             "share_true": (p / c if c else None)} for i, (c, t, p) in enumerate(table)]
    ece = sum(c * abs(t / c - p / c) for c, t, p in table if c) / n if n else 0.0
    return {"bins": rows, "brier": brier / n if n else 0.0, "ece": ece, "pairs": n}


def summary(result: Result) -> dict[str, Any]:
    """The headline numbers: micro P/R/F1 for the model and the baseline, all comments and uncited."""
    out: dict[str, Any] = {"folds": result.folds, "comments": len(result.rows),
                           "uncited_comments": sum(1 for r in result.rows if not r["citing"])}
    for system in ("model", "baseline"):
        every = [(set(r["gold"]), set(r[system])) for r in result.rows]
        uncited = [(set(r["gold"]), set(r[system])) for r in result.rows if not r["citing"]]
        out[system] = {"comment_topics": prf(every), "comment_topics_uncited": prf(uncited)}
    return out


def at_threshold(result: Result, accept: float) -> dict[str, Any]:
    """:func:`summary` of the same held-out probabilities labelled at another ``accept`` threshold
    (the models are not retrained: the threshold only turns probabilities into labels)."""
    rows = [dict(r, model=sorted(a.label for a in choose(r["input"], r["probabilities"], Thresholds(accept=accept))))
            for r in result.rows]
    return summary(Result(result.folds, rows))


#: The thresholds :func:`report` shows the held-out F1 at, beside the one the model uses.
SWEEP = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7)


def report(result: Result, top: int = 30) -> str:
    """A plain-text report of :func:`summary`, :func:`per_label` and :func:`calibration`."""
    s = summary(result)
    lines = [f"{s['folds']}-fold cross-validation by letter: {s['comments']} held-out comments "
             f"({s['uncited_comments']} citing nothing)", "",
             f"{'system':10} {'field':24} {'P':>6} {'R':>6} {'F1':>6}  tp/fp/fn"]
    for system in ("model", "baseline"):
        for fld, m in s[system].items():
            lines.append(f"{system:10} {fld:24} {m['precision']:6.3f} {m['recall']:6.3f} {m['f1']:6.3f}  "
                         f"{m['tp']}/{m['fp']}/{m['fn']}")
    model, base = per_label(result, "model"), per_label(result, "baseline")
    lines += ["", f"{'label':26} {'support':>7} {'P':>6} {'R':>6} {'F1':>6}   baseline P/R/F1"]
    for label, m in sorted(model.items(), key=lambda x: (-x[1]["support"], x[0]))[:top]:
        b = base.get(label, {"precision": 0.0, "recall": 0.0, "f1": 0.0})
        lines.append(f"{label:26} {m['support']:7d} {m['precision']:6.3f} {m['recall']:6.3f} {m['f1']:6.3f}   "
                     f"{b['precision']:.3f}/{b['recall']:.3f}/{b['f1']:.3f}")
    lines += ["", "micro F1 of the same held-out probabilities at other thresholds (a label the comment does "
              "not cite is kept at probability >= threshold)",
              f"{'threshold':>9} {'P':>6} {'R':>6} {'F1':>6}   {'uncited P':>9} {'R':>6} {'F1':>6}"]
    for accept in SWEEP:
        m = at_threshold(result, accept)["model"]
        a, u = m["comment_topics"], m["comment_topics_uncited"]
        lines.append(f"{accept:9.2f} {a['precision']:6.3f} {a['recall']:6.3f} {a['f1']:6.3f}   "
                     f"{u['precision']:9.3f} {u['recall']:6.3f} {u['f1']:6.3f}")
    cal = calibration(result)
    lines += ["", f"calibration of the label probabilities ({cal['pairs']} comment x class pairs): "
              f"Brier {cal['brier']:.4f}, expected calibration error {cal['ece']:.4f}",
              f"{'score':10} {'n':>6} {'mean score':>11} {'share true':>11}"]
    for b in cal["bins"]:
        if b["n"]:
            lines.append(f"{b['bin']:10} {b['n']:6d} {b['mean_score']:11.3f} {b['share_true']:11.3f}")
    return "\n".join(lines)
