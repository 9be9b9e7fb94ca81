"""Citations of 2005-2010 letters, in GOLD.md's normal forms: Regulation S-B items, SEC Industry
Guides, EITF D-topics, FASB Technical Bulletins, Concepts Statements, Statement 133 implementation
issues, paragraphs of standards and "FSP FAS 141(R)-1".

The first tables hold sentences in the standards' own wordings (the titles and cross-references as
the FASB and the SEC print them); the corpus excerpts (../shared/corpus/excerpts, company responses
quoting staff comments) are read at test time and skipped when absent; the commands are run on a
store that ``asckg ingest`` builds from a letter written here in an older letter's style.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from asckg.graph.ask.reference import parse_reference
from asckg.nlp.grammar import asc, guidance, sec_rules
from conftest import letter_text


def _refs(module, text: str) -> list[str]:
    return [r for m in module.find(text) for r in m.refs]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        pytest.param("EITF Topic No. D-98, Classification and Measurement of Redeemable Securities", ["EITF D-98"],
                     id="eitf-topic-d"),
        pytest.param("FASB Technical Bulletin No. 85-4, Accounting for Purchases of Life Insurance", ["FTB 85-4"],
                     id="ftb"),
        pytest.param("FASB Concepts Statement No. 6, Elements of Financial Statements", ["CON 6"], id="concepts"),
        pytest.param("Statement of Financial Accounting Concepts No. 5, Recognition and Measurement in Financial "
                     "Statements of Business Enterprises", ["CON 5"], id="concepts-long"),
        pytest.param("as defined in paragraphs 35 and 36 of Concepts Statement 6", ["CON 6"], id="concepts-paragraph"),
        pytest.param("Statement 133 Implementation Issue No. B16, Embedded Derivatives: Calls and Puts in Debt "
                     "Instruments", ["DIG B16"], id="dig-statement-133"),
        pytest.param("see DIG Issue B16 and DIG Issue A17", ["DIG B16", "DIG A17"], id="dig-issue"),
        pytest.param("Derivatives Implementation Group Issue No. K1", ["DIG K1"], id="dig-group"),
        pytest.param("paragraph 14 of SFAS 142", ["SFAS 142"], id="paragraph-of"),
        pytest.param("SFAS 133, paragraph 68", ["SFAS 133"], id="standard-paragraph"),
        pytest.param("as described in paragraph 68 of Statement 133", ["SFAS 133"], id="paragraph-of-statement"),
        pytest.param("FSP FAS 141(R)-1, Accounting for Assets Acquired and Liabilities Assumed in a Business "
                     "Combination That Arise from Contingencies", ["FSP FAS 141(R)-1"], id="fsp-revised"),
        pytest.param("FSP FIN 46(R)-6, Determining the Variability to Be Considered in Applying FASB Interpretation "
                     "No. 46(R)", ["FSP FIN 46(R)-6", "FIN 46R"], id="fsp-fin-revised"),
        # not a Concepts Statement: "CON" is a word here
        pytest.param("the CONSOL 5 system and CON Edison", [], id="not-con"),
    ],
)
def test_older_guidance(sentence, expected):
    assert _refs(guidance, sentence) == expected


def test_paragraph_goes_to_detail():
    (m,) = guidance.find("SFAS 133, paragraph 68")
    assert m.text == "SFAS 133, paragraph 68" and m.detail == "paragraph 68"
    (m,) = guidance.find("paragraphs 11-13 of SFAS 144")
    assert m.refs == ("SFAS 144",) and m.detail == "paragraph 11-13"


@pytest.mark.parametrize(
    "sentence, expected",
    [
        pytest.param("Item 303 of Regulation S-B", ["S-B 303"], id="s-b"),
        pytest.param("Please revise to provide the disclosures required by Item 303(b)(1) of Regulation S-B.",
                     ["S-B 303"], id="s-b-clause"),
        pytest.param("Items 303 and 310 of Regulation S-B", ["S-B 303", "S-B 310"], id="s-b-list"),
        pytest.param("Regulation S-B Item 401", ["S-B 401"], id="s-b-before"),
        pytest.param("Industry Guide 3, Statistical Disclosure by Bank Holding Companies", ["Industry Guide 3"],
                     id="industry-guide"),
        pytest.param("Securities Act Industry Guide 7, Description of Property by Issuers Engaged or to Be Engaged "
                     "in Significant Mining Operations", ["Industry Guide 7"], id="securities-act-guide"),
        pytest.param("the disclosures required by Guide 3.", ["Industry Guide 3"], id="guide-bare"),
        pytest.param("Industry Guides 3 and 7", ["Industry Guide 3", "Industry Guide 7"], id="guides-list"),
        pytest.param("see the User Guide 2 for the product", [], id="not-a-guide"),
        pytest.param("Guide 30 of the handbook", [], id="no-guide-30"),
    ],
)
def test_older_sec_rules(sentence, expected):
    assert _refs(sec_rules, sentence) == expected


@pytest.mark.parametrize(
    "excerpt, module, expected",
    [
        # a response quoting the staff: "... excluding the impact of SFAS 123 (R) ..."
        ("718937_0000950134-07-015786", guidance, "SFAS 123R"),
        # a response quoting the staff: "... how you considered paragraph 10 of SOP 97-2 (ASC 985-605-25-6) ..."
        ("749038_0001140361-10-011128", guidance, "SOP 97-2"),
        ("749038_0001140361-10-011128", asc, "985-605-25-6"),
        # the company's long name of Statement 114 with "(FAS)" in it, and "FAS No. 114"
        ("898037_0001193125-06-128277", guidance, "SFAS 114"),
    ],
)
def test_corpus_excerpts(corpus, excerpt, module, expected):
    try:
        text = letter_text(corpus, excerpt)
    except FileNotFoundError:
        pytest.skip(f"{excerpt} is not in the corpus")
    assert expected in _refs(module, text)


def test_sop_paragraph_in_an_excerpt_keeps_the_paragraph(corpus):
    try:
        text = letter_text(corpus, "749038_0001140361-10-011128")
    except FileNotFoundError:
        pytest.skip("excerpt not in the corpus")
    found = [m for m in guidance.find(text) if m.refs == ("SOP 97-2",) and m.text.startswith("paragraph 10 of")]
    assert [m.detail for m in found] == ["paragraph 10"]


@pytest.mark.parametrize(
    "typed, kind, ref",
    [
        ("DIG B16", "guidance", "DIG B16"), ("Statement 133 Implementation Issue No. B16", "guidance", "DIG B16"),
        ("CON 6", "guidance", "CON 6"), ("FSP FAS 141(R)-1", "guidance", "FSP FAS 141(R)-1"),
        ("EITF D-98", "guidance", "EITF D-98"), ("FTB 85-4", "guidance", "FTB 85-4"),
        ("SFAS 133, paragraph 68", "guidance", "SFAS 133"), ("S-B 303", "sec_rule", "S-B 303"),
        ("Item 303 of Regulation S-B", "sec_rule", "S-B 303"), ("Industry Guide 3", "sec_rule", "Industry Guide 3"),
    ],
)
def test_parse_reference_takes_older_forms(typed, kind, ref):
    target = parse_reference(typed)
    assert (target.kind, target.ref) == (kind, ref)


#: A letter in the style of a 2007 staff letter to a small business issuer (written for this test).
OLDER_LETTER = """September 14, 2007

Mr. John Smith
Chief Financial Officer
Example Bancorp, Inc.
1 Main Street
Springfield, IL 62701

Re: Example Bancorp, Inc.
Form 10-KSB for the Fiscal Year Ended December 31, 2006
File No. 000-12345

Dear Mr. Smith:

We have reviewed your filing and have the following comments.

1. Please expand your discussion of liquidity to address the matters in Item 303(b)(1) of Regulation
S-B and provide the loan portfolio data required by Industry Guide 3.

2. Tell us how you evaluated the embedded call options under Statement 133 Implementation Issue No.
B16 and paragraph 68 of SFAS 133.

Sincerely,

/s/ Jane Doe

Jane Doe
Branch Chief
"""


def test_cites_and_guidance_commands_take_older_forms(tmp_path):
    (tmp_path / "0000000000-07-000001.txt").write_text(OLDER_LETTER, encoding="utf-8")
    env = dict(os.environ, ASCKG_STORE=str(tmp_path / "store"))

    def run(*args: str) -> subprocess.CompletedProcess:
        done = subprocess.run([sys.executable, "-m", "asckg", *args], capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stderr
        return done

    run("ingest", "-j", "1", str(tmp_path / "0000000000-07-000001.txt"))
    hits = json.loads(run("cites", "DIG B16", "--format", "json").stdout)
    assert [h["id"] for h in hits] == ["0000000000-07-000001"]
    assert any("B16" in c for c in hits[0]["citations"])
    info = json.loads(run("guidance", "S-B 303", "--format", "json").stdout)
    assert info["ref"] == "S-B 303" and info["letters"] == 1
    hits = json.loads(run("cites", "Industry Guide 3", "--format", "json").stdout)
    assert [h["id"] for h in hits] == ["0000000000-07-000001"]
