"""Properties that must hold for any input: the grammars, the readers and the header mask.

Hypothesis generates arbitrary text and text built from citation-like fragments; example counts are
bounded so the file runs in well under a minute. Failures found here are fixed at their root and
keep a regression example (``@example``).

The grammars forms, file_numbers and dates are tested read-only (their author is still at work).
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from asckg.core.errors import InputError
from asckg.core.codes import parse
from asckg.nlp.grammar import asc, dates, file_numbers, forms, guidance, sec_rules
from asckg.nlp.layout import mask_running_headers
from asckg.nlp.readers import decode_text, html_to_text, pdf_to_text, read_path

GRAMMARS = {m.KIND: m for m in (asc, guidance, sec_rules, forms, file_numbers, dates)}
#: ASCKG_PROPERTY_SCALE=50 multiplies every example count, for a deeper hunt than the default run.
SCALE = int(os.environ.get("ASCKG_PROPERTY_SCALE", "1"))
FAST = settings(max_examples=400 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=60 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Pieces of the language of comment letters, glued at random: every grammar's triggers, codes and
#: their joints, page headers, and the punctuation that surrounds them.
FRAGMENTS = [
    "ASC", "ASC ", "FASB ASC ", "606", "606-10-", "10-", "25-", "25-19", "-", "\u2013", " through ", " to ",
    " and ", ", ", " or ", "(a)", "(1)", "(iii)", "bbb", "Topic ", "Topics ", "Subtopic ", "Section ",
    "paragraph ", "paragraphs ", " of ", "\u00b6", "S99-", "Accounting Standards Codification ", "(\u201cASC\u201d) ",
    "0", "1", "9", "19", "99999999", "4A", "\n", "\n\n", "\f", "Page 2", "Page 2 of 5\n", "September 14, 2016",
    "Item ", "Item 1(a)", "Items ", "Rule ", "Rules ", "Article ", "3-05", "Regulation S-K", "S-X ", "\u00a7 ",
    "210.", "17 CFR ", "SAB ", "SAB Topic 1.M", "SFAS No. ", "FIN ", "FSP ", "ASU ", "2016-02", "IFRS ", "IAS ",
    "C&DI ", "Question ", "Form ", "10-K", "10-Q/A", "8-K", "S-1", "File No. ", "333-", "001-", "January ",
    "December 31, ", "2024", "fiscal ", "Exchange Act ", "Securities Act ", "Release No. ", "33-", ".", ";",
    "\u201c", "\u201d", "(", ")", " ",
]
citation_text = st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join)
any_text = st.text(max_size=400)


def check_mentions(kind: str, text: str) -> list:
    mentions = GRAMMARS[kind].find(text)
    for m in mentions:
        assert m.kind == kind
        assert 0 <= m.start <= m.end <= len(text), m
        assert text[m.start:m.end] == m.text, m
        assert isinstance(m.refs, tuple) and all(isinstance(r, str) and r for r in m.refs), m
    return mentions


# --- the grammars ---------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", sorted(GRAMMARS))
@FAST
@given(text=any_text)
def test_find_never_raises_on_arbitrary_text(kind, text):
    check_mentions(kind, text)


@pytest.mark.parametrize("kind", sorted(GRAMMARS))
@FAST
@given(text=citation_text)
def test_find_spans_are_exact_on_citation_like_text(kind, text):
    check_mentions(kind, text)


@FAST
@given(text=citation_text)
@example("ASC 606-10-25-19 through 25-99999999")
@example("ASC 606-10-\f\nPage 2\n25-19")
def test_every_asc_ref_is_a_valid_code(text):
    for m in check_mentions("asc", text):
        for ref in m.refs:
            assert parse(ref).code == ref, (text, m)


@FAST
@given(first=st.integers(1, 999), last=st.integers(1, 999), letter=st.sampled_from(["", "A"]))
def test_range_expansion_is_bounded(first, last, letter):
    text = f"See ASC 606-10-25-{first} through 25-{last}{letter}."
    [m] = check_mentions("asc", text)
    ends = ("606-10-25-" + str(first), f"606-10-25-{last}{letter}")
    assert m.refs[0] == ends[0] and m.refs[-1] == ends[-1]
    assert len(m.refs) <= asc.MAX_RANGE + 2
    if last - first > asc.MAX_RANGE:
        assert m.refs == ends and "range too long: kept the two ends" in m.flags
    elif last < first:
        assert m.refs == ends and m.flags


def test_an_absurd_range_gives_its_ends_and_a_flag():
    [m] = asc.find("ASC 606-10-25-1 through 25-999")
    assert m.refs == ("606-10-25-1", "606-10-25-999")
    assert m.flags == ("range too long: kept the two ends",)


# --- the readers ----------------------------------------------------------------------------------

TAGS = ["p", "div", "span", "br", "td", "tr", "table", "script", "style", "head", "html", "body", "b",
        "!--", "![CDATA[", "svg", "template", "title", "a href='x'", "pre", "li"]
markup_piece = st.one_of(
    st.sampled_from(TAGS).map(lambda t: f"<{t}>"),
    st.sampled_from(TAGS).map(lambda t: f"</{t}>"),
    st.sampled_from(["&nbsp;", "&amp;", "&#0;", "&#xD800;", "&bogus;", "-->", "<", ">", "\x00", "ASC 606", "\n"]),
    st.text(max_size=10),
)
markup = st.lists(markup_piece, max_size=80).map("".join)


@FAST
@given(html=st.one_of(markup, any_text))
def test_html_to_text_never_raises(html):
    out = html_to_text(html)
    assert isinstance(out, str) and "\r" not in out


@FEW
@given(depth=st.integers(1, 12_000), tag=st.sampled_from(["div", "span", "table", "b", "li", "p"]),
       closed=st.booleans())
def test_html_to_text_reads_deep_nesting(depth, tag, closed):
    html = f"<{tag}>" * depth + "ASC 606-10-25-19" + (f"</{tag}>" * depth if closed else "")
    assert "ASC 606-10-25-19" in html_to_text(html)


def _decodes_or_input_error(data: bytes) -> None:
    try:
        text, encoding = decode_text(data, "x.txt")
    except InputError as exc:
        assert exc.path == "x.txt" and "\n" not in str(exc)
        return
    assert isinstance(text, str) and text.strip() and "\r" not in text
    assert encoding is None or isinstance(encoding, str)


@FAST
@given(data=st.binary(max_size=2000))
@example(b"\xff\xfe\x00\xd8")  # UTF-16 BOM then a lone surrogate
@example(b"\xef\xbb\xbf")  # a UTF-8 BOM and nothing else
def test_decode_text_returns_text_or_raises_input_error(data):
    _decodes_or_input_error(data)


@FAST
@given(bom=st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"]),
       data=st.binary(max_size=400))
def test_decode_text_with_any_bom(bom, data):
    _decodes_or_input_error(bom + data)


HEADER_FRAGMENTS = [
    "<SEC-DOCUMENT>", "<SEC-HEADER>", "</SEC-HEADER>", "ACCESSION NUMBER:", "\t", " ", "\n",
    "0000000000-16-092800", "0000000000", "-16-", "CONFORMED SUBMISSION TYPE:", "UPLOAD",
    "FILED AS OF DATE:", "20160914", "20161399", "9" * 30, "CENTRAL INDEX KEY:", "0001090872", "X1",
    "COMPANY CONFORMED NAME:", "ACME", "<DOCUMENT>", "</DOCUMENT>", "<TYPE>", "LETTER", "GRAPHIC",
    "<SEQUENCE>", "1", "<FILENAME>", "a.pdf", "a.htm", "a.txt", "<TEXT>", "</TEXT>", "<PDF>", "</PDF>",
    "begin 644 a.pdf\n", "M", "`\n", "end\n", "<PAGE>\n", "<html><p>", "ASC 606-10-25-19", ":",
]
submission_text = st.lists(st.sampled_from(HEADER_FRAGMENTS), max_size=60).map(lambda parts: "".join(parts))
_TMP = Path(tempfile.mkdtemp(prefix="asckg-properties-"))
atexit.register(shutil.rmtree, _TMP, True)


@FAST
@given(body=submission_text)
@example("<SEC-DOCUMENT>\n<SEC-HEADER>\nACCESSION NUMBER:\t0000000000-16-092800\n</SEC-HEADER>\n"
         "<DOCUMENT>\n<FILENAME>a.pdf\n<TEXT>\nbegin 644 a.pdf\nM\nend\n</TEXT>\n</DOCUMENT>")
def test_edgar_submission_raises_only_input_error(body):
    path = _TMP / "submission.txt"
    path.write_text("<SEC-DOCUMENT>\n" + body, encoding="utf-8")
    try:
        letters = read_path(path)
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    assert all(letter.text.strip() for letter in letters)


def _small_pdf() -> bytes:
    from hostile import text_pdf

    return text_pdf(["See ASC 606-10-25-19.\nPage 1", "Page 2\nSee ASC 842-20-50-4."])


_PDF = _small_pdf()


def _pdf_or_input_error(data: bytes) -> None:
    try:
        text = pdf_to_text(data, "x.pdf")
    except InputError as exc:
        assert exc.path == "x.pdf" and "\n" not in str(exc)
        return
    assert isinstance(text, str)


@FEW
@given(data=st.binary(max_size=3000))
@example(b"")
@example(b"\n%%EOF")
def test_pdf_to_text_raises_only_input_error_on_arbitrary_bytes(data):
    _pdf_or_input_error(b"%PDF-" + data)


@FEW
@given(cuts=st.lists(st.tuples(st.integers(0, len(_PDF) - 1), st.binary(min_size=0, max_size=8)),
                     min_size=1, max_size=6))
def test_pdf_to_text_raises_only_input_error_on_damaged_pdfs(cuts):
    data = bytearray(_PDF)
    for at, patch in cuts:
        data[at:at + len(patch)] = patch
    _pdf_or_input_error(bytes(data))


@FEW
@given(keep=st.integers(0, len(_PDF)))
def test_pdf_to_text_raises_only_input_error_on_truncated_pdfs(keep):
    _pdf_or_input_error(_PDF[:keep])


# --- the running-header mask ------------------------------------------------------------------------

HEADER_LINES = [
    "Didier Hirsch", "Agilent Technologies, Inc.", "September 14, 2016", "Page 2", "Page 3 of 5",
    "Page", "2", "of 5", "Dear Mr. Hirsch:", "Re: Agilent Technologies, Inc.", "Form 10-K", "\f",
    "FirstName LastName", "Comapany Name", "FirstName", "ASC 606-10-", "25-19.", "We note your",
    "", " ", "2016 Page 2", "Mr. Didier Hirsch Agilent Technologies, Inc. September 14, 2016 Page 2",
]
header_text = st.lists(st.sampled_from(HEADER_LINES), max_size=80).map("\n".join)


@FAST
@given(text=st.one_of(header_text, any_text, citation_text))
@example("Didier Hirsch\nAgilent Technologies, Inc.\nSeptember 14, 2016\nDear Mr. Hirsch:\nsee ASC 606-10-\n"
         "\fDidier Hirsch\nAgilent Technologies, Inc.\nSeptember 14, 2016\nPage 2\n25-19.")
def test_mask_keeps_length_and_only_blanks(text):
    masked = mask_running_headers(text)
    assert len(masked) == len(text)
    for before, after in zip(text, masked):
        if before != after:
            assert after == " " and before not in "\n\f", (before, after)
