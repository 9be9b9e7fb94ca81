"""Letter anatomy over the shared corpus: the issue-3 bars on the gold, and no running headers in comments.

The gold (../shared/corpus/gold, schema in GOLD.md) is scored field by field the way
../shared/tools/score.py does: lists as sets by F1 over all letters together, scalars by exact match.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from asckg.nlp.anatomy import parse_letter
from asckg.nlp.anatomy.text import collapse

#: field -> (measure, the lowest score accepted)
BARS = {
    "kind": ("accuracy", 0.97), "company": ("accuracy", 0.97), "comment_count": ("accuracy", 0.95),
    "addressees": ("f1", 0.95), "signers": ("f1", 0.95), "staff_contacts": ("f1", 0.95),
    "prior_letter_dates": ("f1", 0.95), "filings_reviewed": ("f1", 0.90),
}


def _text_of(corpus: Path, letter_id: str) -> str | None:
    for sub in ("letters", "excerpts"):
        p = corpus / sub / f"{letter_id}.txt"
        if p.exists():
            return p.read_text(encoding="utf-8")
    return None


def _summary(letter_id: str, text: str) -> dict:
    cik, _, accession = letter_id.partition("_")
    a = parse_letter(text, {"cik": cik, "accession": accession})
    return {
        "kind": a.kind, "company": a.company, "comment_count": a.comment_count,
        "addressees": {p.name for p in a.addressees}, "signers": {p.name for p in a.signers},
        "staff_contacts": {p.name for p in a.staff_contacts}, "prior_letter_dates": set(a.prior_letter_dates),
        "filings_reviewed": {(f.form, f.period_end, f.filed) for f in a.filings_reviewed},
    }


def _gold_set(field: str, value) -> set:
    if field == "filings_reviewed":
        return {(f.get("form"), f.get("period_end"), f.get("filed")) for f in value or []}
    return set(value or [])


@pytest.fixture(scope="module")
def scored(corpus: Path) -> dict[str, float]:
    golds = [json.loads(p.read_text()) for p in sorted((corpus / "gold").glob("*.json"))]
    if not golds:
        pytest.skip("no gold answers in the corpus")
    preds = {}
    for g in golds:
        text = _text_of(corpus, g["id"])
        assert text is not None, g["id"]
        preds[g["id"]] = _summary(g["id"], text)
    out = {}
    for field, (measure, _) in BARS.items():
        if measure == "accuracy":
            out[field] = sum(preds[g["id"]][field] == g.get(field) for g in golds) / len(golds)
            continue
        tp = fp = fn = 0
        for g in golds:
            want, got = _gold_set(field, g.get(field)), preds[g["id"]][field]
            tp, fp, fn = tp + len(want & got), fp + len(got - want), fn + len(want - got)
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        out[field] = 2 * p * r / (p + r) if p + r else 0.0
    return out


@pytest.mark.parametrize("field", list(BARS))
def test_gold_bar(scored: dict[str, float], field: str) -> None:
    assert scored[field] >= BARS[field][1], f"{field} {BARS[field][0]} {scored[field]:.3f}"


def test_comment_text_never_holds_a_running_header(corpus: Path) -> None:
    layout = pytest.importorskip("asckg.nlp.layout")
    checked = 0
    for path in sorted((corpus / "letters").glob("*_0000000000-*.txt")):
        text = path.read_text(encoding="utf-8")
        spans = layout.page_header_spans(text)
        if not spans:
            continue
        a = parse_letter(text, {"form_type": "UPLOAD"})
        for c in a.comments:
            for s, e in spans:
                header = collapse(text[s:e])
                # a bare footer page number ("2") is too short to look for in the text
                if c.start <= s < c.end and len(header) >= 12:
                    assert header not in c.text, (path.name, c.number, header)
                    checked += 1
    assert checked > 100  # the corpus has hundreds of page breaks inside comments


def test_every_staff_letter_with_numbered_comments_is_counted(corpus: Path) -> None:
    # A staff letter whose lines start "1." and "2." has at least two comments counted.
    missed = []
    for path in sorted((corpus / "letters").glob("*_0000000000-*.txt")):
        text = path.read_text(encoding="utf-8")
        if "\n1. " in text and "\n2. " in text:
            a = parse_letter(text, {"form_type": "UPLOAD"})
            if (a.comment_count or 0) < 2:
                missed.append(path.name)
    assert len(missed) <= 3, missed


def _all_texts(corpus: Path) -> list[tuple[str, str]]:
    paths = sorted((corpus / "letters").glob("*.txt")) + sorted((corpus / "excerpts").glob("*.txt"))
    return [(p.name, p.read_text(encoding="utf-8")) for p in paths]


def test_fast_scans_find_what_the_full_patterns_find(corpus: Path) -> None:
    # closings(), the prior-comment and answer-label searches look only around their words (for
    # speed); over every letter they must find exactly what the plain pattern scans find.
    from asckg.nlp.anatomy import _mask
    from asckg.nlp.anatomy import comments as cm
    from asckg.nlp.anatomy import priors
    from asckg.nlp.anatomy.text import CLOSING, closings, salutation

    for name, text in _all_texts(corpus):
        masked = _mask(text)
        assert [m.span() for m in closings(masked)] == [m.span() for m in CLOSING.finditer(masked)], name
        assert [m.span() for m in priors._prior_comment_matches(masked)] == \
            [m.span() for m in priors._PRIOR_COMMENT.finditer(masked)], name
        sal = salutation(masked)
        lo = sal.end() if sal else 0
        labels = [(s, e) for s, e, _ in cm._answer_labels(masked, lo, len(masked)) if cm._RESPONSE.match(masked, s)]
        assert labels == [m.span() for m in cm._RESPONSE.finditer(masked, lo, len(masked))], name


def test_names_keep_generational_suffixes(corpus: Path) -> None:
    # Every staff letter addressed to "Name, Jr." / "Name, III" keeps the suffix in its addressee.
    checked = 0
    for path in sorted((corpus / "letters").glob("*_0000000000-*.txt")):
        text = path.read_text(encoding="utf-8")
        head = text[: text.find("Dear")] if "Dear" in text else ""
        for line in head.split("\n")[:6]:
            if line.rstrip().endswith((", Jr.", ", III")):
                a = parse_letter(text, {"form_type": "UPLOAD"})
                name = line.strip().removeprefix("Mr. ").removeprefix("Ms. ")
                assert name in [p.name for p in a.addressees], (path.name, line)
                checked += 1
    assert checked >= 10
