"""The ASC code model: parsing user forms, canonical codes, the tree, equality."""

from __future__ import annotations

import pytest

from asckg.core import codes
from asckg.core.codes import AscCode


@pytest.mark.parametrize(
    ("written", "code", "level"),
    [
        ("985-605-25-12", "985-605-25-12", "paragraph"),
        ("ASC 985-605-25-12", "985-605-25-12", "paragraph"),
        ("FASB ASC 985-605-25-12", "985-605-25-12", "paragraph"),
        ("FASB ASC 606", "606", "topic"),
        ("Topic 606", "606", "topic"),
        ("ASC Topic 842", "842", "topic"),
        ("Subtopic 350-20", "350-20", "subtopic"),
        ("Section 205-20-45", "205-20-45", "section"),
        ("paragraph 606-10-50-12", "606-10-50-12", "paragraph"),
        ("932-235-50-4", "932-235-50-4", "paragraph"),
        ("985-605-15-4A", "985-605-15-4A", "paragraph"),
        ("985-605-15-4a", "985-605-15-4A", "paragraph"),
        ("310-10-S99", "310-10-S99", "section"),
        ("310-10-s99-2", "310-10-S99-2", "paragraph"),
        ("105-10-05-6", "105-10-05-6", "paragraph"),
        ("606-10-50-12(a)(1)", "606-10-50-12", "paragraph"),
        ("606\u201310\u201325\u201319", "606-10-25-19", "paragraph"),
        ("  ASC 606 - 10 ", "606-10", "subtopic"),
        ("999", "999", "topic"),
        ("105", "105", "topic"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_parse_user_forms(written, code, level):
    parsed = AscCode.parse(written)
    assert parsed.code == code
    assert parsed.level == level
    assert str(parsed) == code
    assert codes.parse(written) == parsed


@pytest.mark.parametrize(
    ("written", "says"),
    [
        ("99", "topic must be 3 digits"),
        ("104", "topic must be 3 digits"),
        ("000-27385", "topic must be 3 digits"),
        ("985-6055", "subtopic must be 2 or 3 digits"),
        ("333-210102", "subtopic must be 2 or 3 digits"),
        ("606-10-5", "section must be"),
        ("606-10-255-1", "section must be"),
        ("606-10-25-1234", "paragraph must be"),
        ("606-10-25-4AB", "paragraph must be"),
        ("abc", "topic must be 3 digits"),
        ("", "not an ASC code"),
        ("SAB Topic 13", "not an ASC code"),
        ("606-10-25-19-22", "not an ASC code"),
        ("Topic 350-20", "says topic but 350-20 is a subtopic"),
        ("Subtopic 606", "says subtopic but 606 is a topic"),
    ],
)
def test_parse_rejects_what_is_not_a_code(written, says):
    with pytest.raises(ValueError, match=says):
        AscCode.parse(written)


def test_parse_rejects_non_strings():
    with pytest.raises(ValueError):
        AscCode.parse(606)  # type: ignore[arg-type]


def test_constructor_validates_parts():
    assert AscCode("606", "10", "25", "4A").code == "606-10-25-4A"
    with pytest.raises(ValueError, match="needs a section"):
        AscCode("606", "10", "", "4")
    with pytest.raises(ValueError, match="needs a subtopic"):
        AscCode("606", "", "25")


def test_tree_from_paragraph_up():
    para = AscCode.parse("985-605-25-12")
    assert para.parent == AscCode.parse("985-605-25")
    assert [a.code for a in para.ancestors()] == ["985-605-25", "985-605", "985"]
    assert [a.level for a in para.ancestors()] == ["section", "subtopic", "topic"]
    assert AscCode.parse("985").parent is None
    assert AscCode.parse("985").ancestors() == ()
    assert AscCode.parse("310-10-S99-2").parent.code == "310-10-S99"


def test_equality_and_hash_follow_the_canonical_code():
    a = AscCode.parse("ASC 985-605-15-4a")
    b = AscCode.parse("985-605-15-4A")
    assert a == b and hash(a) == hash(b)
    assert len({a, b, AscCode.parse("985-605-15-4B")}) == 2
    assert a != "985-605-15-4A"  # a code is not its string
    assert repr(a) == "AscCode('985-605-15-4A')"


def test_frozen():
    code = AscCode.parse("606")
    with pytest.raises((AttributeError, TypeError)):
        code.topic = "842"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("parts", "ok"),
    [
        (("606",), True),
        (("606", "10", "S99", "1"), True),
        (("100",), False),
        (("606", "10", "255"), False),
        (("606", "", "25"), False),
    ],
)
def test_valid_parts(parts, ok):
    assert codes.valid_parts(*parts) is ok
