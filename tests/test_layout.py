"""Running page headers are blanked out, the body is not, and the text keeps its length.

The letters quoted are SEC staff letters (public domain), named by their corpus id; the response
shape at the end is written after the corpus's html2text responses, with words of our own.
"""

from __future__ import annotations

import re

import pytest

from asckg.nlp.layout import mask_running_headers, page_header_spans

from conftest import assert_linear

# 1090872_0000000000-16-092800 (Agilent Technologies, September 14, 2016), head and page break.
AGILENT = (
    "Mail Stop 4628\nSeptember 14, 2016\nVia E-Mail\nDidier Hirsch\n"
    "Senior Vice President and Chief Financial Officer\nAgilent Technologies, Inc.\n5301 Stevens Creek Blvd.\n"
    "Santa Clara, CA 95051\nRe:\n\nAgilent Technologies, Inc.\nForm 10-K for the Fiscal Year Ended October 31, 2015\n"
    "Filed December 21, 2015\nFile No. 1-15405\n\nDear Mr. Hirsch:\n"
    "arrangements. You should describe any products or services you have provided to Syria\n"
    "and Sudan, directly or indirectly, and any agreements, commercial arrangements, or other\n\n"
    "\fDidier Hirsch\nAgilent Technologies, Inc.\nSeptember 14, 2016\nPage 2\n"
    "contacts with the governments of those countries or entities they control.\n"
)
AGILENT_HEADER = "Didier Hirsch\nAgilent Technologies, Inc.\nSeptember 14, 2016\nPage 2"

# 1792789_0000000000-22-005549 (DoorDash, May 19, 2022): a citation broken by the page header.
DOORDASH = (
    "May 19, 2022\nPrabir Adarkar\nChief Financial Officer\nDoorDash, Inc.\n"
    "303 2nd Street, South Tower, 8th Floor\nSan Francisco, California 94107\nRe: DoorDash, Inc.\n"
    "Form 10-K for the Year Ended December 31, 2021\nFiled March 1, 2022\nFile No. 001-39759\n"
    "Dear Prabir Adarkar:\n"
    "Please tell us why you believe these adjustments are permitted under Rule 100(b) of\n\n"
    "\fPrabir Adarkar\nDoorDash, Inc.\nMay 19, 2022\nPage 2\n"
    "Regulation G. Refer to Question 100.01 of the Compliance and Disclosure Interpretations\n"
    "Sincerely,\nFirstName LastNamePrabir Adarkar\nComapany NameDoorDash, Inc.\nMay 19, 2022 Page 2\n"
    "FirstName LastName\n\nDivision of Corporation Finance\n"
)

# 000_1ae12daddb492283 (Interactive Intelligence Group, December 19, 2011), converted to markdown:
# the address block and the running header each on one line.
HEAD_2011 = (
    "December 19, 2011\n\n## Via E-mail\n\nMr. Stephen R. Head Chief Financial Officer Interactive Intelligence "
    "Group, Inc. 7601 Interactive Way Indianapolis, IN 46278\n\n**Re:** Interactive Intelligence Group, Inc.\n\n"
    "Dear Mr. Head:\n\n1. We have reviewed your response to prior comment 5. Your response is unclear as to the "
    "accounting recognition implications for undelivered hardware at the end of a reporting\n\n"
    "Mr. Stephen R. Head Interactive Intelligence Group, Inc. December 19, 2011 Page 2\n\n"
    "period. In this regard, your response to prior comment 7 indicates that sales of appliances\n"
)

# 1103982_0000000000-22-009590 (Mondelez, September 2, 2022): the template header scrambled by pdftotext.
MONDELEZ = (
    "United States securities and exchange commission logo\n\nSeptember 2, 2022\nLuca Zaramella\n"
    "Chief Financial Officer\nMondelez International, Inc.\n905 West Fulton Market, Suite 200\n"
    "Chicago, IL 60607\nRe: Mondelez International, Inc.\nDear Mr. Zaramella:\n"
    "require board consideration of, and/or override your CEO on, any risk matters.\n\n"
    "\fLuca Zaramella\nFirstName\nLastNameLuca\nMondelez International,\nInc.Zaramella\nComapany 2,\n"
    "NameMondelez\nInternational, Inc.\nSeptember\n2022\nSeptember\nPage\n2\n2, 2022 Page 2\nFirstName LastName\n\n"
    "We remind you that the company and its management are responsible for the accuracy\n"
)

# 1964738_0000000000-24-001399 (3M Health Care, February 5, 2024): pdftotext dropped the template
# block into the text of comment 7; the comment and its number must survive.
THREE_M = (
    "February 5, 2024\nJeffrey Lavers\nPresident\n3M Health Care Company\n3M Center\nSt. Paul, MN 55144\n"
    "Re: 3M Health Care Company\nDear Jeffrey Lavers:\n"
    "Management's Discussion and Analysis of Financial Condition and Results of Operations, page\n147\n"
    "FirstName LastNameJeffrey Lavers\n"
    "We note your revised disclosure in response to comment 11 and reissue the\n7.\n"
    "Comapany\nName3M\nHealth\nCare\nCompany\ncomment.\nPlease\nrevise\nyour\n"
    "disclosure of year-to-year changes in your results of\noperations\nto further\nFebruary\n"
    "5, 2024 Page\n2 discuss the various factors that contributed to the changes.\nFirstName LastName\n"
)


def masked_lines(text: str) -> list[str]:
    """The lines of ``text`` that masking blanked out."""
    masked = mask_running_headers(text)
    assert len(masked) == len(text)
    assert [i for i, c in enumerate(text) if c in "\n\f"] == [i for i, c in enumerate(masked) if c in "\n\f"]
    return [a.strip("\f") for a, b in zip(text.split("\n"), masked.split("\n")) if a.strip("\f ") and not b.strip()]


def words(text: str) -> str:
    return " ".join(mask_running_headers(text).split())


def test_pdftotext_header_is_masked_and_the_head_is_not():
    assert masked_lines(AGILENT) == AGILENT_HEADER.split("\n")
    assert words(AGILENT).startswith("Mail Stop 4628 September 14, 2016 Via E-Mail Didier Hirsch Senior Vice")
    assert "or other contacts with the governments" in words(AGILENT)


def test_spans_cover_the_header_exactly():
    start = AGILENT.index(AGILENT_HEADER)
    assert page_header_spans(AGILENT) == [(start, start + len(AGILENT_HEADER))]


def test_citation_broken_by_a_header_reads_through():
    assert "permitted under Rule 100(b) of Regulation G. Refer to Question 100.01" in words(DOORDASH)


def test_template_block_is_masked():
    assert masked_lines(DOORDASH)[-4:] == [
        "FirstName LastNamePrabir Adarkar", "Comapany NameDoorDash, Inc.", "May 19, 2022 Page 2", "FirstName LastName"]
    assert words(DOORDASH).endswith("Sincerely, Division of Corporation Finance")


@pytest.mark.parametrize(
    "header",
    [
        pytest.param("Mark Kempa\nNorwegian Cruise Line Holdings Ltd.\nAugust 29, 2018\nPage 2", id="kempa"),
        pytest.param("FirstName LastNameMark Kempa\nComapany NameNorwegian Cruise Line Holdings Ltd.\n"
                     "August 29, 2018 Page 2\nFirstName LastName", id="template"),
        pytest.param("September 17, 2024\nPage 2", id="date-only"),
    ],
)
def test_asc_citation_split_across_a_page_break(header):
    # The head of 1513761_0000000000-18-026944 (Norwegian Cruise Line, August 29, 2018), then a
    # paragraph citation broken at its hyphen by the page break.
    head = ("August 29, 2018\nMark Kempa\nExecutive Vice President and Chief Financial Officer\n"
            "Norwegian Cruise Line Holdings Ltd.\n7665 Corporate Center Drive\nMiami, Florida 33126\n"
            "Re: Norwegian Cruise Line Holdings Ltd.\nDear Mr. Kempa:\n")
    text = head + "Please tell us how you considered ASC 606-10-\n\n\f" + header + "\n25-19 in your analysis.\n"
    assert "considered ASC 606-10- 25-19 in your analysis." in words(text)
    assert masked_lines(text) == header.split("\n")


def test_one_line_markdown_header():
    assert masked_lines(HEAD_2011) == ["Mr. Stephen R. Head Interactive Intelligence Group, Inc. December 19, 2011 Page 2"]


def test_scrambled_template_header_is_masked_whole():
    header = MONDELEZ[MONDELEZ.index("\f") + 1: MONDELEZ.index("\n\nWe remind")]
    assert masked_lines(MONDELEZ) == header.split("\n")


def test_comment_text_inside_a_scrambled_block_stays():
    kept = words(THREE_M)
    assert "reissue the 7." in kept
    assert "comment. Please revise your disclosure of year-to-year changes in your results of operations to further" \
        in kept
    assert "discuss the various factors" in kept
    assert "FirstName" not in kept and "Comapany" not in kept and "Name3M" not in kept


def test_response_header_from_html():
    # The shape of an html2text response: the addressee block repeated above "Page" / "2".
    text = (
        "Securities and Exchange Commission\nDivision of Corporation Finance\n100 F Street, N.E.\n\n"
        "March 4, 2021\n\nDear Ms. Monick:\n\nWe respectfully refer the Staff to ASC 718-10-\n\n"
        "Securities and Exchange Commission\n\nDivision of Corporation Finance\n\nMarch 4, 2021\n\nPage\n2\n\n"
        "30-2, which we applied.\n"
    )
    assert masked_lines(text) == ["Securities and Exchange Commission", "Division of Corporation Finance",
                                  "March 4, 2021", "Page", "2"]
    assert "ASC 718-10- 30-2, which" in words(text)


@pytest.mark.parametrize(
    "text",
    [
        # 000_1ae12daddb492283 and most staff letters: the page of a caption, lowercase, after a comma.
        pytest.param("Dear Mr. Head:\nRevenue Recognition, page 36\n1. We have reviewed", id="caption-page"),
        # Captions of responses, quoted from the staff's comments.
        pytest.param("Dear Sirs:\nPay Versus Performance, Page 67\n1. We note", id="caption-Page"),
        pytest.param("Dear Sirs:\nAppendix A\n2021 Form 10-K - Page 34\nEstimated Recoverable", id="form-page"),
        # The Re: block's filing recurs as a caption just above a header; it stays.
        pytest.param(AGILENT.replace("or other\n\n\f", "or other\nForm 10-K for the Fiscal Year Ended October 31, 2015"
                                     "\n\n\f").replace(AGILENT_HEADER, "Page 2"), id="re-block-caption"),
    ],
)
def test_body_is_not_masked(text):
    assert masked_lines(text) == (["Page 2"] if "\f" in text else [])


def test_first_page_number_keeps_the_address_above_it():
    # 1037540_0001656423-18-000022 prints "Page 1" under the addressee block of its first page.
    text = ("Ms. Jennifer Monick\nDivision of Corporation Finance\nSecurities and Exchange Commission\n"
            "August 14, 2018\nPage 1\nDear Ms. Monick:\nbody\n\fMs. Jennifer Monick\n"
            "Division of Corporation Finance\nSecurities and Exchange Commission\nAugust 14, 2018\nPage 2\nmore\n")
    assert masked_lines(text) == ["Page 1", "Ms. Jennifer Monick", "Division of Corporation Finance",
                                  "Securities and Exchange Commission", "August 14, 2018", "Page 2"]


def test_page_top_without_page_number():
    # 1701605_0000000000-18-030596 (Baker Hughes): the second page repeats the head without "Page 2".
    text = ("September 27, 2018\n\nMr. Brian Worrell\nChief Financial Officer\nBaker Hughes, a GE company\n"
            "Re:\n\nBaker Hughes, a GE company\nDear Mr. Worrell:\nproducts and services offered by your segments.\n\n"
            "\fMr. Brian Worrell\nBaker Hughes, a GE company\nSeptember 27, 2018\n"
            "We remind you that the company and its management are responsible for the accuracy\n")
    assert masked_lines(text) == ["Mr. Brian Worrell", "Baker Hughes, a GE company", "September 27, 2018"]


def test_text_without_headers_is_returned_unchanged():
    text = "Dear Mr. Hirsch:\nWe have limited our review of your filing.\n"
    assert mask_running_headers(text) is text and page_header_spans(text) == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Page 2\n" * 150_000, id="page-lines"),
        pytest.param("Page\n2\n" * 150_000, id="page-word-lines"),
        pytest.param("FirstName\n" * 100_000, id="template-labels"),
        pytest.param("Page " * 200_000, id="one-long-line"),
        pytest.param("\fA\nB\nMay 1, 2016\n" * 60_000, id="form-feeds"),
    ],
)
def test_hostile_input_is_linear(text):
    assert len(mask_running_headers(text)) == len(text)
    assert_linear(mask_running_headers, text)


@pytest.mark.corpus
def test_corpus_headers_are_masked_and_nothing_else_is_lost(corpus):
    comment = re.compile(r"(?m)^\s*\d{1,2}\.\s")
    cited = re.compile(r"\b(?:ASC|Topic|Rule|Item|Regulation|Form)\b")
    for path in sorted((corpus / "letters").glob("*.txt")) + sorted((corpus / "excerpts").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        masked = mask_running_headers(text)
        assert len(masked) == len(text), path.name
        assert len(comment.findall(masked)) == len(comment.findall(text)), path.name
        assert len(cited.findall(masked)) == len(cited.findall(text)), path.name
        if "_0000000000-" in path.name:
            # No page number of a staff letter is left, neither "Page 2" nor a template's "May 19, 2022 Page 2".
            assert not re.search(r"(?m)^(?:.*\d{4} )?Page\s+\d+\s*$|^Page$|FirstName|Comapany", masked), path.name
