"""Letter types and commitments (issue 15): tables of sentences, and the bars on the labelled corpus.

Staff sentences are quoted from staff letters (public domain, ids given); the answer sentences are
written here in the way companies phrase them, not copied from any response.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from asckg.nlp.anatomy import parse_letter
from asckg.nlp.anatomy.outcome import LETTER_TYPES, answer_commitment

# --- answers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "answer, forms, labels",
    [
        ("We will revise our disclosure in future filings to describe the drivers of the change.", ["10-K"], ("future",)),
        ("Beginning with our Form 10-Q for the quarter ending June 30, 2024, we will present the measure "
         "after the comparable GAAP measure.", ["10-K"], ("future",)),
        ("The Company will, in its future annual and quarterly reports, expand the discussion of segment margins.",
         ["10-K"], ("future",)),
        ("In response to the Staff's comment, the Company has revised the disclosure on pages 45 and 46 of "
         "Amendment No. 2.", ["S-1"], ("amend",)),
        ("We have revised the risk factor on page 12 accordingly.", ["S-1/A"], ("amend",)),
        ("The Company filed an amendment to its Form 10-K on May 3 to include the revised auditor's report.",
         ["10-K"], ("amend",)),
        ("We respectfully submit that no change to the disclosure is necessary, because the amounts are "
         "immaterial.", ["10-K"], ("none",)),
        ("We will continue to monitor these developments and will disclose any that become material.",
         ["10-K"], ("none",)),
        ("We will provide the requested analysis to the Staff supplementally under separate cover.",
         ["10-K"], ("none",)),
        ("We have revised the disclosure in our Quarterly Report on Form 10-Q for the quarter ended March 31, 2024, "
         "and will include it in future filings.", ["10-K"], ("future",)),
        ("We have amended the Registration Statement to remove the statement. In future periodic reports we "
         "will also disclose the backlog.", ["S-4"], ("amend", "future")),
    ],
    ids=["future-filings", "beginning-with", "will-comma", "amendment-no", "page-in-registration",
         "filed-10-K-A", "no-change", "monitor", "supplemental", "later-10-Q", "both"],
)
def test_answer_commitment(answer: str, forms: list[str], labels: tuple[str, ...]) -> None:
    assert answer_commitment(answer, forms) == labels


# --- letter types ----------------------------------------------------------------------------------
_HEAD = ("March 1, 2024\nJane Doe\nChief Financial Officer\nExample Corp.\nRe: Example Corp.\n"
         "Form 10-K for the Fiscal Year Ended December 31, 2023\nFiled February 20, 2024\nFile No. 001-00001\n"
         "Dear Ms. Doe:\n")


@pytest.mark.parametrize(
    "body, accession, letter_type",
    [
        # 1013871_0000000000-18-025321
        ("We have completed our review of your filing. We remind you that the company and its management are "
         "responsible for the accuracy and adequacy of their disclosures.\nSincerely,\nDivision of Corporation Finance\n",
         "0000000000-24-000001", "review_complete"),
        # 1013871_0000000000-18-030594
        ("This is to advise you that we have not reviewed and will not review your registration statement. "
         "Please refer to Rules 460 and 461 regarding requests for acceleration.\nSincerely,\n"
         "Division of Corporation Finance\n", "0000000000-24-000002", "no_review"),
        ("1. Please tell us how you considered ASC 280-10-50-1 in identifying your segments.\nSincerely,\n"
         "Division of Corporation Finance\n", "0000000000-24-000003", "sec_comment"),
        # 1692819_9999999997-21-001274
        ("We have concluded our assessment of your redacted exhibits for compliance with applicable form "
         "requirements.\nSincerely,\nDivision of Corporation Finance\n", "9999999997-24-000004", "sec_letter"),
        ("Pursuant to Rule 461, the Company hereby requests that the Registration Statement be declared effective "
         "at 4:00 p.m. on March 5, 2024.\nVery truly yours,\n/s/ John Roe\n", "0001234567-24-000005",
         "acceleration_request"),
        ("We respectfully request an extension of time to respond to your letter, and expect to submit our "
         "response no later than March 29, 2024.\nVery truly yours,\n/s/ John Roe\n", "0001234567-24-000006",
         "company_letter"),
        ("1. Please tell us how you considered ASC 280-10-50-1.\nResponse: We will revise our segment note in "
         "future filings.\nVery truly yours,\n/s/ John Roe\n", "0001234567-24-000007", "company_response"),
    ],
    ids=["review-complete", "no-review", "comment", "redacted-exhibits", "acceleration", "extension", "response"],
)
def test_letter_type(body: str, accession: str, letter_type: str) -> None:
    a = parse_letter(_HEAD + body, {"accession": accession})
    assert a.letter_type == letter_type
    assert a.letter_type in LETTER_TYPES


def test_response_commitments_keyed_by_comment() -> None:
    text = _HEAD + ("1. Please tell us how you considered ASC 280-10-50-1.\nResponse: We will revise our segment "
                    "note in future filings.\n2. Please explain the increase in reserves.\nResponse: The increase "
                    "reflects higher claims; we believe our disclosure is complete.\nVery truly yours,\n/s/ John Roe\n")
    a = parse_letter(text, {"accession": "0001234567-24-000008"})
    assert a.commitment_map == {"1": ["future"], "2": ["none"]}
    assert [c.commitment for c in a.comments] == [("future",), ("none",)]


# --- the labelled corpus ----------------------------------------------------------------------------


def _outcome_scores(corpus: Path) -> tuple[float, float, int]:
    n = ok = tp = fp = fn = 0
    for gold_path in sorted((corpus / "outcomes").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = next((p.read_text(encoding="utf-8") for sub in ("letters", "excerpts")
                     if (p := corpus / sub / f"{gold_path.stem}.txt").exists()), None)
        if text is None:
            continue
        cik, _, accession = gold_path.stem.partition("_")
        a = parse_letter(text, {"cik": cik, "accession": accession})
        n += 1
        ok += a.letter_type == gold["letter_type"]
        want = {(k, v) for k, vs in (gold.get("commitments") or {}).items() for v in vs}
        got = {(k, v) for k, vs in (a.commitment_map or {}).items() for v in vs}
        tp, fp, fn = tp + len(want & got), fp + len(got - want), fn + len(want - got)
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return ok / n, f1, n


def test_outcomes_bars(corpus: Path) -> None:
    if not (corpus / "outcomes").is_dir():
        pytest.skip("no outcome labels in the corpus")
    accuracy, f1, n = _outcome_scores(corpus)
    assert n >= 200
    assert accuracy >= 0.97, accuracy
    assert f1 >= 0.88, f1


# --- the word checks that spare most sentences the patterns ----------------------------------------


@functools.cache
def _answer_sentences(corpus: Path) -> list[str]:
    from asckg.nlp.anatomy.outcome import _sentences

    out: list[str] = []
    for path in sorted((corpus / "letters").glob("*.txt")):
        a = parse_letter(path.read_text(errors="replace"))
        if a.kind != "staff":
            out += [s for c in a.comments if c.response_text for s in _sentences(c.response_text)]
    return out


def _sieves() -> list[str]:
    from asckg.nlp.anatomy import outcome
    from asckg.nlp.anatomy.sieve import Sieve

    return [name for name, value in vars(outcome).items() if isinstance(value, Sieve)]


def test_the_outcome_patterns_have_quick_checks() -> None:
    from asckg.nlp.anatomy import outcome

    names = _sieves()
    assert len(names) >= 11
    assert all(getattr(outcome, name).check is not None for name in names)


@pytest.mark.parametrize("name", _sieves())
def test_every_match_passes_its_quick_check(corpus: Path, name: str) -> None:
    """A pattern is not searched where its quick check finds nothing: that must never skip a match.
    Checked at every match in every answer sentence and every letter's head in the corpus: the
    check matches the lowered text at the very offset where the pattern's match starts (a check
    given as words: one of them is inside the match)."""
    from asckg.nlp.anatomy import outcome
    from asckg.nlp.anatomy.sieve import check_for, plain_lower

    sieve = getattr(outcome, name)
    derived = (made := check_for(sieve.pattern)) is not None and made.pattern == sieve.check.pattern
    texts = _answer_sentences(corpus) + _heads(corpus)
    matched = 0
    for text in texts:
        low = plain_lower(text)
        if low is None:
            continue
        for m in sieve.pattern.finditer(text):
            matched += 1
            if derived:
                assert sieve.check.match(low, m.start()), (name, m.group(0))
            else:  # a given check: a word inside every match
                assert sieve.check.search(low, m.start(), m.end()), (name, m.group(0))
    assert matched >= 10, (name, matched)


@pytest.mark.parametrize("name", _sieves())
def test_the_lowered_twin_finds_what_the_pattern_finds(corpus: Path, name: str) -> None:
    """A sieve searches the lowered text with its pattern in lower case where it can: the same
    matches at the same offsets as the case-insensitive pattern in the text, in every answer
    sentence and every letter's head in the corpus."""
    from asckg.nlp.anatomy import outcome
    from asckg.nlp.anatomy.sieve import plain_lower

    sieve = getattr(outcome, name)
    if name == "_HAS_CHANGED":
        assert sieve.exact is None  # it names its subject case-sensitively: searched as written
        return
    assert sieve.exact is not None, name
    matched = 0
    for text in _answer_sentences(corpus) + _heads(corpus):
        low = plain_lower(text)
        if low is None:
            continue
        want = [m.span() for m in sieve.pattern.finditer(text)]
        assert [m.span() for m in sieve.exact.finditer(low)] == want, (name, text[:80])
        matched += len(want)
    assert matched >= 10, (name, matched)


@functools.cache
def _heads(corpus: Path) -> list[str]:
    from asckg.nlp.anatomy.outcome import _HEAD_CHARS

    return [path.read_text(errors="replace")[:_HEAD_CHARS] for path in sorted((corpus / "letters").glob("*.txt"))]


def test_unusual_letters_are_searched_in_full() -> None:
    """"ſ" matches "s" under IGNORECASE but stays itself in lower case: such a sentence skips the word checks."""
    assert answer_commitment("We ſhall revise the disclosure in future filings.") == ("future",)
    assert answer_commitment("We shall revise the disclosure in future filings.") == ("future",)
