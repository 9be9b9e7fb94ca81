"""The certain part of deciding what a staff comment is about, and how the model's scores join it.

Standard library only. A comment reaches here as a :class:`CommentInput`: its caption path, its
text, the letter's date and what it cites (:class:`Cite`, from the letter's mentions inside the
comment). :func:`decide` joins the labels its citations make certain (:func:`labels.cited_label`)
with the model's scores per class and returns one :class:`Assignment` per label, each saying how it
was decided: "cited" (the comment cites it and the model does not contradict it), "rule" (a subject
whose Topic is named by the date, see :data:`labels.ERAS`) or "model".
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from asckg.nlp.grammar.guidance import STAFF
from asckg.nlp.topics import labels as _labels
from asckg.nlp.topics import lexicon

#: At most this many labels per comment (TOPICS.md: "usually 1 or 2, at most 4").
MAX_LABELS = 4


@dataclass(frozen=True, slots=True)
class Cite:
    """One reference a comment's own text cites: mention kind, canonical ref, and whether it is one of
    the staff's interpretations (C&DI, release, SLB), which TOPICS.md does not count as citing."""

    kind: str
    ref: str
    staff: bool = False


@dataclass(frozen=True, slots=True)
class CommentInput:
    """What the topic model reads of one numbered staff comment."""

    heading: tuple[str, ...]
    text: str
    cites: tuple[Cite, ...]
    letter_date: str | None


@dataclass(frozen=True, slots=True)
class Assignment:
    """One label on one comment: the label, the score behind it (0-1) and how it was decided."""

    label: str
    score: float
    decided_by: str  # "cited" | "rule" | "model"

    def dump(self) -> dict[str, object]:
        return {"label": self.label, "score": round(self.score, 4), "decided_by": self.decided_by}


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Where a probability becomes a label: ``accept`` for a label the comment does not cite, ``veto``
    below which a cited label is dropped (0: a citation is always kept)."""

    accept: float = 0.5
    veto: float = 0.0


#: The stacker's features for one (comment, class), in order (see :func:`features`).
FEATURES = ("bias", "bow", "caption", "text", "path", "cited", "caption_other", "top", "second", "top_uncited",
            "neighbour", "sec_item", "bow_sec_item", "together")


@dataclass(frozen=True, slots=True)
class Stacker:
    """Logistic regression over :data:`FEATURES`, one set of weights shared by every class.

    The bag-of-words model knows each class only from that class's examples; the stacker learns
    from all classes at once how far to trust a caption naming the subject, a phrase in the text, a
    citation. So a rare class whose name is in the caption is found although few comments taught it.

    ``together`` is what the hand labels say of pairs of classes: ``together[a][b]``, of the
    comments about ``a``, the share also about ``b`` (a comment on non-GAAP measures in an earnings
    release is about both S-K 10 and Regulation G; one on goodwill in the critical accounting
    estimates about 350 and S-K 303). Pairs never seen together are left out.
    """

    weights: tuple[float, ...] = (-4.0, 1.0) + (0.0,) * (len(FEATURES) - 2)
    together: Mapping[str, Mapping[str, float]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if len(self.weights) != len(FEATURES):
            raise ValueError(f"a stacker needs {len(FEATURES)} weights ({', '.join(FEATURES)}), not {len(self.weights)}")

    def probability(self, x: tuple[float, ...]) -> float:
        z = sum(w * v for w, v in zip(self.weights, x))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def along(self, ranked: list[str], ev: Evidence) -> dict[str, float]:
        """For each class, the largest share of comments about one of this comment's likely classes
        (the model's first choice, what it cites) that are also about that class: the ``together``
        feature. Classes never seen with those are left out (their feature is 0)."""
        out: dict[str, float] = {}
        for other in (*ranked[:1], *sorted(ev.cited)):
            for cls, share in self.together.get(other, {}).items():
                if cls != other and share > out.get(cls, 0.0):
                    out[cls] = share
        return out


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the comment itself says of each class: named in its caption, its text or a caption higher
    up its path ("Item 1A. Risk Factors", "Form 8-K furnished April 30, 2019"); cited."""

    caption: frozenset[str]
    text: frozenset[str]
    path: frozenset[str]
    cited: frozenset[str]


def evidence(comment: CommentInput) -> Evidence:
    """The classes the comment's captions and text name (:mod:`lexicon`) and its citations make."""
    caption = comment.heading[-1] if comment.heading else ""
    path = set().union(*(lexicon.classes_named(h) for h in comment.heading[:-1]))
    return Evidence(
        frozenset(lexicon.classes_named(caption)),
        frozenset(lexicon.classes_named(comment.text)),
        frozenset(path),
        frozenset(_labels.to_class(label) for label in cited_labels(comment.cites)),
    )


def first_two(scores: Mapping[str, float]) -> list[str]:
    """The model's first and second choice."""
    return sorted(scores, key=lambda c: (-scores[c], c))[:2]


def neighbours(found: Sequence[Evidence]) -> list[frozenset[str]]:
    """For each comment of one letter (in the letter's order, by its :func:`evidence`), the classes
    the comments just before and after it cite. A letter takes a filing section by section, so a
    comment is often about what the one next to it cites ("Please also quantify ..." after a
    comment citing ASC 350 on goodwill)."""
    cited = [ev.cited for ev in found]
    return [frozenset().union(*cited[max(0, k - 1):k], *cited[k + 1:k + 2]) for k in range(len(cited))]


def features(ev: Evidence, cls: str, scores: Mapping[str, float], ranked: list[str] | None = None,
             near: frozenset[str] = frozenset(), along: Mapping[str, float] | None = None) -> tuple[float, ...]:
    """The stacker's input for one class of one comment, given the model's score of every class:
    the class's score (as a logit), where the comment names or cites it, whether it is the
    model's first or second choice (the first choice is often right at a low score; ``ranked``:
    :func:`first_two` of ``scores``, when the caller has it), whether a comment next to it cites
    it (``near``: its :func:`neighbours`), whether it is an SEC item (and its score again for
    those: a caption names a filing's section more often than an accounting subject), and how often
    it goes with the comment's likely classes (``along``: :meth:`Stacker.along`)."""
    bow = scores.get(cls)
    if ranked is None:
        ranked = first_two(scores)
    top = float(bool(ranked) and ranked[0] == cls)
    item = float(_labels.is_sec_item(cls))
    logit = _logit(bow) if bow is not None else 0.0
    return (
        1.0,
        logit,
        float(cls in ev.caption),
        float(cls in ev.text),
        float(cls in ev.path),
        float(cls in ev.cited),
        float(bool(ev.caption - {cls})),
        top,
        float(len(ranked) > 1 and ranked[1] == cls),
        top * float(not ev.cited),
        float(cls in near),
        item,
        item * logit,
        (along or {}).get(cls, 0.0),
    )


def comment_cites(mentions: Iterable[Any], start: int, end: int) -> tuple[Cite, ...]:
    """The citations (ASC, guidance, SEC rules) among a letter's mentions (:class:`asckg.nlp.mention.
    Mention`) that start inside one comment's span [start, end), each once, in order."""
    out: list[Any] = []
    for m in mentions:
        if start <= m.start < end and m.kind in ("asc", "guidance", "sec_rule"):
            staff = STAFF in m.flags
            out.extend(Cite(m.kind, ref, staff) for ref in m.refs)
    return tuple(dict.fromkeys(out))


def is_citing(cites: Iterable[Cite]) -> bool:
    """TOPICS.md's ``comments_citing``: the comment cites an ASC reference, a standard or an SEC rule."""
    return any(c.kind in ("asc", "sec_rule") or (c.kind == "guidance" and not c.staff) for c in cites)


def cited_labels(cites: Iterable[Cite]) -> set[str]:
    """The labels the comment's citations make (before the model may overrule one)."""
    out = set()
    for c in cites:
        label = _labels.cited_label(c.kind, c.ref)
        if label:
            out.add(label)
    return out


_TOKEN_SAFE = re.compile(r"[^A-Za-z0-9]+")


def cite_token(cite: Cite) -> str:
    """A cited reference as one word the model can weigh: "citeasc606", "citesk303", "citeguidsab99"."""
    if cite.kind == "asc":
        return f"citeasc{cite.ref[:3]}"
    if cite.kind == "sec_rule":
        label = _labels.cited_label(cite.kind, cite.ref) or cite.ref
        return "cite" + _TOKEN_SAFE.sub("", label).lower()
    # guidance: the family and number ("C&DI Non-GAAP 102.10" -> citeguidcdinongaap)
    head = re.sub(r"\s*[\d.]+[A-Z]?$", "", cite.ref)
    return "citeguid" + _TOKEN_SAFE.sub("", head).lower()


def model_text(comment: CommentInput, ev: Evidence | None = None) -> str:
    """The text the model reads, lower-cased: the captions above the comment, the words of the last
    caption again as caption words ("hwrevenue": a caption names the subject more often than any
    sentence does), the comment, its citation words and the lexicon's hint words (``ev``: the
    comment's :func:`evidence`, when the caller has it)."""
    heading = list(comment.heading[-2:])
    caption = heading[-1] if heading else ""
    caption_words = " ".join("hw" + w for w in _WORD.findall(caption.lower()))
    if ev is None:
        ev = evidence(comment)
    hints = lexicon.hint_words(ev.caption, ev.text)
    words = " ".join(sorted({cite_token(c) for c in comment.cites} | hints))
    return "\n".join([" | ".join(heading), caption_words, comment.text, words]).lower()


_WORD = re.compile(r"[a-z][a-z&-]+")


def probabilities(comment: CommentInput, scores: Mapping[str, float], stacker: Stacker,
                  ev: Evidence | None = None, floor: float | None = None,
                  near: frozenset[str] = frozenset()) -> dict[str, float]:
    """The stacked probability of each class the model scores or the comment cites (``near``: the
    classes of the comments next to it, :func:`neighbours`).

    With ``floor``, a class the comment neither names nor cites, and that is not the model's first
    or second choice, is left out when its probability is certainly below ``floor``: such a class's
    probability grows with its score alone, so one score bounds them all (the labelling asks only
    for the classes that can reach its threshold, and most of the fifty cannot).
    """
    if ev is None:
        ev = evidence(comment)
    ranked = first_two(scores)
    # stacker.probability(features(...)) written out: the same sum in the same order (a feature
    # that is 0 adds nothing), without building a tuple per class; most of the labelling time.
    w = stacker.weights
    top, second = (ranked + [None, None])[:2]
    other_caption = bool(ev.caption)
    no_cites = not ev.cited
    along = stacker.along(ranked, ev)
    if floor is None:
        candidates = set(scores) | ev.cited
    else:
        least = _least_score(w, floor, other_caption, item=False)
        least_item = _least_score(w, floor, other_caption, item=True)
        candidates = {cls for cls, bow in scores.items()
                      if bow >= ((least_item if _labels.is_sec_item(cls) else least) or 0.0)}
        candidates |= ev.cited | ev.caption | ev.text | ev.path | set(ranked) | near | set(along)
        candidates &= set(scores) | ev.cited  # names alone do not make a candidate
    out = {}
    for cls in candidates:
        bow = scores.get(cls)
        logit = _logit(bow) if bow is not None else 0.0
        z = 0 + w[0] * 1.0
        z += w[1] * logit
        if cls in ev.caption:
            z += w[2]
        if cls in ev.text:
            z += w[3]
        if cls in ev.path:
            z += w[4]
        if cls in ev.cited:
            z += w[5]
        if other_caption and (len(ev.caption) > 1 or cls not in ev.caption):
            z += w[6]
        if cls == top:
            z += w[7]
            if no_cites:
                z += w[9]
        elif cls == second:
            z += w[8]
        if cls in near:
            z += w[10]
        if _labels.is_sec_item(cls):
            z += w[11]
            z += w[12] * logit
        if cls in along:
            z += w[13] * along[cls]
        out[cls] = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
    return out


def _least_score(w: tuple[float, ...], floor: float, other_caption: bool, item: bool) -> float | None:
    """The model score below which a class with none of the comment's evidence (an SEC item or
    not, ``item``) cannot reach ``floor`` (None where no such bound holds: a score that does not
    raise the probability)."""
    slope = w[1] + (w[12] if item else 0.0)
    if slope <= 0 or not 0.0 < floor < 1.0:
        return None
    z = math.log(floor / (1 - floor)) - w[0] - (w[6] if other_caption else 0.0) - (w[11] if item else 0.0)
    logit = z / slope
    if logit <= math.log(1e-4 / (1 - 1e-4)):  # _logit clamps: every score reaches it
        return None
    # A hair lower than the exact bound, so that rounding never leaves out a class that reaches it.
    return max(0.0, 1.0 / (1.0 + math.exp(-logit)) - 1e-9)


def decide(
    comment: CommentInput,
    scores: Mapping[str, float],
    stacker: Stacker = Stacker(),
    thresholds: Thresholds = Thresholds(),
    ev: Evidence | None = None,
    near: frozenset[str] = frozenset(),
) -> list[Assignment]:
    """The labels of one comment from its citations and the model's score per class, best first:
    :func:`choose` over the stacker's :func:`probabilities`."""
    return choose(comment, probabilities(comment, scores, stacker, ev, floor=thresholds.accept, near=near),
                  thresholds)


def choose(comment: CommentInput, probs: Mapping[str, float], thresholds: Thresholds = Thresholds()) -> list[Assignment]:
    """The labels of one comment from its citations and each class's probability, best first.

    A cited label stays unless its probability is below ``thresholds.veto``; another class becomes
    a label at ``thresholds.accept``, named for the letter's date when its Topic changed
    (:func:`labels.label_for_date`). At most :data:`MAX_LABELS`.
    """
    out: dict[str, Assignment] = {}
    for label in cited_labels(comment.cites):
        p = probs.get(_labels.to_class(label), 1.0)
        if p >= thresholds.veto:
            out[label] = Assignment(label, p, "cited")
    taken = {_labels.to_class(label) for label in out}
    for cls, p in probs.items():
        if p < thresholds.accept or cls in taken:
            continue
        label = _labels.label_for_date(cls, comment.letter_date, comment.text)
        out[label] = Assignment(label, p, "rule" if label != cls else "model")
    ranked = sorted(out.values(), key=lambda a: (-a.score, a.label))
    return ranked[:MAX_LABELS]


@dataclass(frozen=True, slots=True)
class CommentTopics:
    """What one comment of a letter is about: its number (None if unnumbered), its position among
    the letter's comments (1-based), whether its own text cites, and its labels."""

    number: int | None
    position: int
    citing: bool
    labels: tuple[Assignment, ...]
