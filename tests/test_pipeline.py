"""The spaCy pipeline: blank English plus asckg components, on real letters."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import spacy

from asckg.nlp.pipeline import COMPONENTS, build_pipeline
from conftest import REPO

LETTERS = sorted((REPO / "examples" / "letters").glob("*.txt"))
FOUNDING = REPO / "examples" / "letters" / "000_1ae12daddb492283.txt"


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline()


def _summary(doc) -> list[tuple]:
    return [(s.label_, s.start_char, s.end_char, tuple(s._.mention.refs)) for s in doc.spans["asckg"]]


def test_founding_letter_spans(nlp):
    doc = nlp(FOUNDING.read_text())
    asc = [s for s in doc.spans["asckg"] if s.label_ == "asc"]
    refs = {r for s in asc for r in s._.mention.refs}
    assert refs == {"985-605-25-12", "985-605-15-4A"}
    for span in asc:
        mention = span._.mention
        # the span covers the mention's characters (snapped outward to whole tokens at most)
        assert span.start_char <= mention.start < mention.end <= span.end_char
        assert doc.text[mention.start:mention.end] == mention.text
    forms = {r for s in doc.spans["asckg"] if s.label_ == "form" for r in s._.mention.refs}
    assert {"10-K", "10-Q"} <= forms
    assert doc._.letter_date == "2011-12-19"


def test_pipeline_has_the_components_in_order(nlp):
    assert tuple(nlp.pipe_names) == COMPONENTS


def test_to_disk_and_spacy_load_without_importing_asckg(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    expected = [list(t) for t in _summary(nlp(FOUNDING.read_text()))]
    # A fresh interpreter that never imports asckg itself: the factories come from entry points.
    code = (
        "import json, sys, spacy\n"
        f"nlp = spacy.load({str(tmp_path / 'pipeline')!r})\n"
        f"doc = nlp(open({str(FOUNDING)!r}).read())\n"
        "print(json.dumps([[s.label_, s.start_char, s.end_char, list(s._.asckg['refs'])] for s in doc.spans['asckg']]))\n"
        "print([t.text for t in doc[:40]])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    lines = done.stdout.splitlines()
    got = json.loads(lines[0])
    assert got == [[a, b, c, list(d)] for a, b, c, d in expected]
    # the letter tokenizer's rules were saved and restored too
    assert lines[1] == str([t.text for t in nlp(FOUNDING.read_text())[:40]])


def test_two_processes_give_the_same_result(nlp):
    texts = [p.read_text() for p in LETTERS]
    one = [_summary(d) for d in nlp.pipe(texts, n_process=1)]
    two = [_summary(d) for d in nlp.pipe(texts, n_process=2, batch_size=2)]
    assert one == two
    assert any(one), "the example letters cite something"


def test_spacy_blank_still_works_with_asckg_installed():
    # spaCy imports every registered entry point when it builds any pipeline.
    nlp = spacy.blank("en")
    assert [t.text for t in nlp("Refer to ASC 606.")][:3] == ["Refer", "to", "ASC"]


# A company's response in the shape of the corpus's html2text responses (words of our own): no date
# above the salutation, the letter's date printed only in the running header of pages 2 and 3.
_HEADER_DATED = (
    "CORRESP\n\nExample Networks Corporation\n\n1 Main Street\n\nHanover, Maryland 21076\n\n"
    "Ms. Jane Doe\n\nU.S. Securities and Exchange Commission\n\nDivision of Corporation Finance\n\n"
    "Re:\n\nExample Networks Corporation\n\nForm 10-K for the Fiscal Year Ended October 31, 2016\n\n"
    "Filed December 22, 2016\n\nDear Ms. Doe:\n\nThis letter answers the staff's comment letter dated "
    "July 10, 2017. We set out each comment before our response.\n\n"
    "1. Please tell us how you recognize revenue on software sold with hardware.\n\n"
    "Response: We recognize it when control passes, as described on page 45.\n\n"
    "Securities and Exchange Commission\n\nJuly 14, 2017\n\nPage\n2\n\n"
    "2. Please tell us more about your segments.\n\n"
    "Response: We have one operating segment, as our chief operating decision maker reviews results as a whole.\n\n"
    "Securities and Exchange Commission\n\nJuly 14, 2017\n\nPage\n3\n\n"
    "Sincerely,\n\n/s/ John Roe\n\nJohn Roe\n\nGeneral Counsel\n"
)


def test_a_date_printed_only_in_the_running_header_is_the_letters_date():
    from asckg.nlp.extract import Extractor
    from asckg.nlp.layout import mask_running_headers
    from asckg.nlp.readers import Letter

    masked = mask_running_headers(_HEADER_DATED)
    assert "July 14, 2017" not in masked  # the pipeline reads the text without its running headers...
    letter = Letter(id="header-dated", path="header-dated.txt", fmt="txt", text=_HEADER_DATED, meta={})
    (record,) = Extractor(topics=False).extract([letter])
    assert record.letter_date == "2017-07-14"  # ... and the record still has the date the letter prints
    assert list(record.anatomy.prior_letter_dates) == ["2017-07-10"]


def test_mentions_are_the_spans_and_travel_with_the_doc(nlp):
    """``doc._.mentions`` reads the components' list; it holds what the span group holds, and both
    survive ``Doc.to_bytes``; a Doc without the list (spans made elsewhere) reads the spans."""
    from spacy.tokens import Doc

    from asckg.nlp.extensions import FOUND_KEY

    doc = nlp(FOUNDING.read_text())
    listed = list(doc._.mentions)
    assert len(listed) == len(doc.spans["asckg"]) > 10
    assert sorted((m.start, m.end, m.kind) for m in listed) == sorted(
        (s._.mention.start, s._.mention.end, s.label_) for s in doc.spans["asckg"])
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert list(again._.mentions) == listed
    del again.user_data[FOUND_KEY]
    assert list(again._.mentions) == listed


def test_batches_give_what_one_doc_at_a_time_gives(nlp):
    """nlp.pipe runs each component over a batch of Docs before the next component: the spans
    are those of nlp(text) on each letter alone, in the letters' order, whatever the batch size."""
    texts = [p.read_text() for p in LETTERS]
    alone = [_summary(nlp(t)) for t in texts]
    assert any(alone)
    for size in (1, 2, len(texts) + 1):
        assert [_summary(d) for d in nlp.pipe(texts, batch_size=size)] == alone


def test_a_failing_doc_goes_to_the_error_handler_and_the_batch_goes_on():
    """Language.set_error_handler reaches asckg's components: with a handler that records and
    skips, a Doc on which a grammar fails is left out and the rest of its batch comes through."""
    nlp = build_pipeline()
    texts = [p.read_text() for p in LETTERS[:3]]
    bad = "Please tell us how you considered ASC 350-20-35-1. BOOM"
    component = nlp.get_pipe("asckg_asc")
    real_find = component.find

    def find(text):
        if "BOOM" in text:
            raise ValueError("grammar failed")
        return real_find(text)

    component.find = find
    failed = []
    nlp.set_error_handler(lambda name, proc, docs, e: failed.append((name, [d.text for d in docs], str(e))))
    out = list(nlp.pipe([texts[0], bad, *texts[1:]], batch_size=4))
    assert [d.text for d in out] == texts
    assert failed == [("asckg_asc", [bad], "grammar failed")]
    # without a handler set, spaCy's default raises
    plain = build_pipeline()
    plain.get_pipe("asckg_asc").find = find
    with pytest.raises(ValueError, match="grammar failed"):
        list(plain.pipe([texts[0], bad]))
