"""asckg.core.reference: the Codification's names, status, existence checks and the old-standard crosswalk."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from asckg.core import reference as R
from asckg.core.codes import parse


# --- the data loads, and every row is well formed --------------------------------------------------

def test_every_table_loads_with_evidence():
    assert len(R.topics()) == 98
    assert len(R.subtopics()) >= 413
    assert {s.code for s in R.sections()} >= {"00", "05", "25", "32", "75", "S45", "S99"}
    assert len(R.crosswalks()) > 250
    for row in (*R.topics(), *R.subtopics(), *R.sections(), *R.crosswalks()):
        assert row.evidence.strip(), row


def test_statuses_are_from_the_closed_sets():
    assert {t.status for t in R.topics()} == {"current", "superseded"}
    assert {s.status for s in R.subtopics()} <= {"current", "superseded", "unknown"}


def test_subtopics_belong_to_known_topics_and_repeat_their_titles():
    for s in R.subtopics():
        t = R.topic(s.topic)
        assert t is not None, s.code
        assert s.topic_title == t.title, s.code
        assert parse(s.code).level == "subtopic"


def test_a_superseded_topic_has_only_superseded_subtopics():
    for t in R.topics():
        if t.status == "superseded":
            assert {s.status for s in R.subtopics(t.code)} == {"superseded"}, t.code


def test_topics_are_the_codes_they_say():
    for t in R.topics():
        assert parse(t.code).code == t.code
        assert t.area_code == t.code[0] + "00"


# --- the corrections recorded in data/ascref/README.md ----------------------------------------------

@pytest.mark.parametrize("code, expected", [
    ("995", "superseded"),      # eliminated by ASU 2017-15
    ("915", "superseded"),      # removed by ASU 2014-10
    ("360-20", "superseded"),   # real estate sales left for 606 / 610-20 / 842-40
    ("952-605", "superseded"),
    ("952-606", "current"),     # added by ASU 2021-02
    ("944-225", "unknown"),     # the source only says "likely superseded"
    ("842-50", "current"),      # leveraged leases grandfathered, the Subtopic remains
], ids=str)
def test_corrected_statuses(code, expected):
    assert R.status(code) == expected


def test_corrected_notes_and_titles():
    assert "ASU 2014-10" in R.topic("915").note
    assert R.subtopic("985-605").title == "Revenue Recognition"
    assert R.guidance_title("ASU 2018-16") == "Inclusion of the SOFR Overnight Index Swap Rate as a Benchmark Interest Rate for Hedge Accounting"


# --- lookups ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("code, title, status", [
    ("985-605", "Software—Revenue Recognition", "superseded"),
    ("ASC 985-605-25-12", "Software—Revenue Recognition: Recognition", "superseded"),
    ("605", "Revenue Recognition", "superseded"),
    ("606", "Revenue from Contracts with Customers", "current"),
    ("606-10-25-19", "Revenue from Contracts with Customers—Overall: Recognition", "current"),
    ("350-20", "Intangibles—Goodwill and Other—Goodwill", "current"),
    ("310-10-S99-2", "Receivables—Overall: SEC Materials", "current"),
    ("840-10-15", "Leases—Overall: Scope and Scope Exceptions", "superseded"),
    ("842", "Leases", "current"),
    ("Topic 225", "Income Statement", "superseded"),
    ("505-50", "Equity—Equity-Based Payments to Non-Employees", "superseded"),
    ("999", None, "unknown"),
    ("323-970-40-1", None, "unknown"),  # a response's slip for 970-323
], ids=str)
def test_title_and_status(code, title, status):
    assert R.title(code) == title
    assert R.status(code) == status


def test_lookups_accept_an_asc_code_object():
    assert R.title(parse("985-605")) == "Software—Revenue Recognition"
    assert R.topic(parse("985-605-25-12")).title == "Software"


@pytest.mark.parametrize("number, name", [
    ("25", "Recognition"), ("50", "Disclosure"), ("S99", "SEC Materials"), ("s99", "SEC Materials"),
    ("985-605-25", "Recognition"), ("962-235-S50-1", "Disclosure (SEC Materials)"),
], ids=str)
def test_section_names(number, name):
    assert R.section(number).name == name


def test_topic_info():
    t = R.topic("606-10-25-19")
    assert (t.code, t.area, t.status) == ("606", "Revenue", "current")
    assert t.subtopics_complete
    assert not R.topic("944").subtopics_complete
    assert R.topic("999") is None
    assert R.subtopic("985") is None


@pytest.mark.parametrize("code, known", [
    ("105-10-65-6", True),
    ("310-10-S99-2", True),
    ("810-10-50-2AA", True),   # two inserted letters: asckg.core.codes cannot parse it, the string still looks up
    ("606-10-25-19", False),   # exists, but the taxonomy sample does not reference it
    ("350-20", False),         # a subtopic-level taxonomy reference is not a paragraph
], ids=str)
def test_known_paragraph(code, known):
    assert R.known_paragraph(code) is known


def test_paragraph_carries_its_evidence():
    p = R.paragraph("105-10-65-6")
    assert p.asc_uri.endswith("105-10-65-6")
    assert "MetaLinks" in p.evidence


# --- existence checks -------------------------------------------------------------------------------

@pytest.mark.parametrize("code, flags", [
    ("999", ("no such Topic 999",)),
    ("985-605-26", ("no such Section 26",)),
    ("310-10-S98", ("no such Section S98",)),
    ("606-10-25-19", ()),
    ("310-10-S99-2", ()),
    ("962-235-S50-1", ()),
    ("985-605-25-12", ()),      # superseded is not missing
    ("944-999", ()),            # industry Topics have unlisted cross-reference Subtopics: not flagged
    # "Per guidance under ASC 841-40-25-5, as the transfer ... is not deemed a sale in accordance with
    # paragraphs 842-40-25-1 through 25-3" (1300514_0001300514-23-000030): 841 is a slip for 842.
    ("841-40-25-5", ("no such Topic 841",)),
    # "(see guidance in Accounting Standards Codification ("ASC") 323-970-40-1" (920760_0001628280-17-003231)
    ("323-970-40-1", ("unverified subtopic 323-970: not among the Subtopics of Topic 323",)),
    ("999-10-26", ("no such Topic 999", "no such Section 26")),
    ("ASC", ("not a well-formed ASC code: 'ASC'",)),
], ids=str)
def test_check(code, flags):
    assert R.check(code) == flags


# --- crosswalk --------------------------------------------------------------------------------------

@pytest.mark.parametrize("standard, locations", [
    ("SOP 97-2", ["985-605"]),
    ("SFAS 133", ["815"]),
    ("FAS 133", ["815"]),
    ("FIN 48", ["740-10"]),
    ("EITF 00-21", ["605-25"]),
    ("APB 25", ["718"]),
    ("ARB 51", ["810-10"]),
    ("FSP FAS 157-3", ["820-10"]),
    ("SAB 104", ["605-10-S99-1"]),
    ("SAB Topic 13", ["605-10-S99-1"]),
    ("SAB Topic 13.A", ["605-10-S99-1"]),   # falls back to its Topic
    ("SAB Topic 5.Y", ["450-20-S99-1"]),
    ("SAB Topic 11.M", ["250-10-S99-6"]),
    ("SAB Topic 6.L", ["310-10"]),
    ("ASU 2014-09", ["606", "340-40", "610-20"]),
    ("SOP 93-7", ["720-35", "340-20"]),
    ("ARB 43", ["210-10", "330", "505-20"]),
    ("FSP FAS 124-2", ["320-10"]),
    ("SOP 05-1", ["944-30"]),
    ("SFAS 999", []),
], ids=str)
def test_crosswalk(standard, locations):
    assert [c.asc for c in R.crosswalk(standard)] == locations


def test_crosswalk_keeps_the_main_location_and_the_note():
    (main,) = R.crosswalk("SFAS 123R")
    assert (main.standard, main.asc, main.primary) == ("SFAS 123R", "718", True)
    assert "505-50" in main.note
    first, second = R.crosswalk("SOP 93-7")
    assert first.primary and not second.primary
    assert R.crosswalk("FAS 133")[0].legacy_id == "FAS 133"
    assert {c.part for c in R.crosswalk("ARB 43")} == {"Ch. 3A", "Ch. 4", "Ch. 7B"}


@pytest.mark.parametrize("written, canonical", [
    ("FAS 133", "SFAS 133"), ("SFAS No. 133", "SFAS 133"), ("FAS 123(R)", "SFAS 123R"),
    ("FIN 46(R)", "FIN 46R"), ("EITF Issue No. 00-21", "EITF 00-21"), ("EITF 05-01", "EITF 05-1"),
    ("SAB Topic 5:Y", "SAB Topic 5.Y"), ("FSP FAS 141(R)-1", "FSP FAS 141R-1"),
    ("ASU No. 2016-02", "ASU 2016-02"), ("SAB Topic 6.L", "SAB Topic 6.L"),
], ids=str)
def test_canonical_standard(written, canonical):
    assert R.canonical_standard(written) == canonical


def test_standards_in_goes_down_not_up():
    assert "SOP 97-2" in {c.standard for c in R.standards_in("985-605")}
    in_985 = {c.standard for c in R.standards_in("985")}
    assert {"SOP 97-2", "SFAS 86", "EITF 09-3"} <= in_985
    assert "ASU 2014-09" in {c.standard for c in R.standards_in("606")}
    assert "ASU 2014-09" not in {c.standard for c in R.standards_in("606-10")}  # it went to the Topic
    assert {c.standard for c in R.standards_in("250-10-S99")} >= {"SAB 99", "SAB 108", "SAB Topic 11.M"}
    assert R.standards_in("999") == ()


def test_every_crosswalk_location_exists():
    for c in R.crosswalks():
        node = parse(c.asc)
        assert node.code == c.asc, c
        assert R.check(c.asc) == (), c


def test_every_crosswalk_standard_is_in_canonical_form():
    for c in R.crosswalks():
        assert R.canonical_standard(c.standard) == c.standard, c


def test_guidance_title():
    assert R.guidance_title("SOP 97-2") == "Software Revenue Recognition"
    assert R.guidance_title("FAS 133") == "Accounting for Derivative Instruments and Hedging Activities"
    assert R.guidance_title("ASU 2018-09") == "Codification Improvements"  # taxonomy project name only
    assert R.guidance_title("SFAS 999") is None


# --- what the letters say agrees with the crosswalk -------------------------------------------------

@pytest.mark.parametrize("letter, quote, standard, asc", [
    ("1039684_0000000000-17-019746", "ASC 250-10-S996 and SAB Topic 11.M", "SAB Topic 11.M", "250-10-S99-6"),
    ("1099219_0000000000-18-011238", "Staff Accounting Bulletin 99/ASC 250-10-S99", "SAB 99", "250-10-S99-1"),
    ("4977_0000004977-16-000316", "ASC 944-30 (formerly SOP 05-01", "SOP 05-1", "944-30"),
    ("4977_0000004977-16-000316", "ASC 944 (formerly FAS 60", "SFAS 60", "944"),
], ids=lambda v: v if len(v) < 20 else None)
def test_letters_pair_standards_with_these_locations(corpus, letter, quote, standard, asc):
    path = corpus / "letters" / f"{letter}.txt"
    assert quote in " ".join(path.read_text(encoding="utf-8").split())
    assert asc in {c.asc for c in R.crosswalk(standard)}


def test_excerpt_pairs_sop_97_2_with_985_605(corpus):
    text = (corpus / "excerpts" / "749038_0001140361-10-011128.txt").read_text(encoding="utf-8")
    assert "SOP 97-2 (ASC 985-605-25-6" in " ".join(text.split())
    (sop,) = R.crosswalk("SOP 97-2")
    assert parse(sop.asc) in parse("985-605-25-6").ancestors()


# --- a pure module: no heavy imports, no file reading at import time ---------------------------------

def test_import_is_pure_and_lazy():
    script = textwrap.dedent("""
        import sys
        opened = []
        sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == "open" else None)
        import asckg.core.reference as R
        read_at_import = [p for p in opened if "ascref" in p]
        assert not read_at_import, read_at_import
        assert R._tables.cache_info().currsize == 0
        for heavy in ("spacy", "rdflib", "pyoxigraph"):
            assert heavy not in sys.modules, heavy
        assert R.title("606") == "Revenue from Contracts with Customers"
        assert [p for p in opened if "ascref" in p], "the first lookup reads the data"
        print("ok")
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_every_hand_checked_gold_reference_passes_check(corpus):
    import json

    codes = {c for path in (corpus / "gold").glob("*.json") for c in json.loads(path.read_text())["asc"]}
    assert len(codes) > 50
    assert {c: R.check(c) for c in codes if R.check(c)} == {}
