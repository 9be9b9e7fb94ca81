"""Earlier letters named in every phrasing the corpus uses.

Every date in every company response of the corpus that stands within 150 characters of "letter",
"comment", "correspondence", "staff", "response" or "e-mail" was listed and classified by reading
it once: a reference to an earlier letter, or something else (a call, a filing, a deadline, a page
header, a fiscal period). The phrasings of earlier letters became the rules of
``asckg.nlp.anatomy.priors``; the tables below hold one row per letter and date of each kind. The
responses are read from ../shared/corpus at test time (skipped when absent), never copied here; the
sentences in the first table are our own, in the shapes those letters use.
"""

from __future__ import annotations

import pytest

from asckg.nlp.anatomy.priors import prior_letters
from conftest import letter_text


@pytest.mark.parametrize(
    "sentence, expected",
    [
        pytest.param("We respond to the letter from the staff (the “Staff”) of the Division of Corporation Finance,\n"
                     "Office of Technology, of the U.S. Securities and Exchange Commission (the “Commission”),\n"
                     "dated April 8, 2024, relating to the Form 10-K.", [("2024-04-08", "staff")],
                     id="sender-chain-dated"),
        pytest.param("These are our answers to the comment letter of the Staff of the Commission, issued to the "
                     "Company on May 2, 2022, on the above filing.", [("2022-05-02", "staff")], id="issued-to-on"),
        pytest.param("as described in your letter to the Company delivered June 28, 2018.", [("2018-06-28", "yours")],
                     id="delivered"),
        pytest.param("Our answers to the comment letter received (by electronic mail) on August 3, 2021 follow.",
                     [("2021-08-03", "staff")], id="received-by-email-on"),
        pytest.param("the Staff's letter to Jane Doe, dated March 3, 2009", [("2009-03-03", "staff")],
                     id="letter-to-addressee-dated"),
        pytest.param("This supplements the response letters previously submitted by the Company on June 8, 2021 "
                     "and September 1, 2021.", [("2021-06-08", "unknown"), ("2021-09-01", "unknown")],
                     id="submitted-by-on-list"),
        pytest.param("we addressed the matter in our letter to the Staff on June 6, 2012.", [("2012-06-06", "ours")],
                     id="letter-to-staff-on"),
        pytest.param("We reply to the Commission staff’s (the “Staff”) October 2, 2023 comment letter.",
                     [("2023-10-02", "staff")], id="possessor-with-defined-term"),
        pytest.param("We refer to the Commission staff’s March 3, 2023 and April 4, 2023 comment letters.",
                     [("2023-03-03", "staff"), ("2023-04-04", "staff")], id="possessor-date-list"),
        # Not letters: a call, oral comments, a filing, a deadline.
        pytest.param("the comments provided orally by Mr. John Roe on June 5, 2017.", [], id="oral"),
        pytest.param("Response: On April 2, 2021, the Company filed an amendment.", [], id="response-heading-on"),
        pytest.param("this letter confirms the Company's telephone conversation with you on October 17, 2022.", [],
                     id="telephone"),
        pytest.param("your comment letter regarding the Form 10-K filed with the Commission on February 27, 2018.",
                     [], id="filing-date"),
    ],
)
def test_prior_letter_phrasings(sentence, expected):
    assert [(p.date, p.who) for p in prior_letters(sentence)] == expected


#: (response id, date): an earlier letter, by the phrasing that names it.
EARLIER_LETTERS = [
    ("1551182_0001551182-24-000015", "2024-04-08"),  # letter from the staff (...) of the Division ..., dated
    ("1551182_0001551182-24-000017", "2024-05-06"),  # the same
    ("1701605_0001193125-17-163634", "2017-04-25"),  # letter from the staff (...) of the ... Commission (...) dated
    ("1701605_0001193125-17-182757", "2017-05-22"),  # (the "Comment Letter") from the staff ..., dated
    ("865752_0001104659-24-062564", "2024-05-13"),  # (the "Comment Letter") of the Staff (...) of the ..., dated
    ("865752_0001104659-24-066207", "2024-05-20"),  # the same
    ("884887_0001104659-21-122157", "2021-09-17"),  # letter of the Staff of the Division ... Commission dated
    ("884887_0001104659-21-135803", "2021-10-28"),  # the same
    ("1373715_0001193125-25-118920", "2025-05-01"),  # comment letter of the staff ..., issued to the Company on
    ("1397187_0001397187-17-000031", "2017-06-29"),  # your letter to the Company delivered
    ("879101_0001140361-24-040601", "2024-08-30"),  # comment letter to the <filing> received on
    ("1585689_0001585689-24-000196", "2024-06-18"),  # response letters previously submitted by the Company on
    ("1585689_0001585689-24-000196", "2024-09-10"),  # ... and <date>
    ("18230_0000018230-17-000266", "2017-07-21"),  # response to comments submitted on
    ("315293_0001193125-18-100977", "2018-01-12"),  # initial responses to the Comment Letter filed with the SEC on
    ("51253_0001193125-17-168944", "2011-06-09"),  # our letter to the Staff on
    ("7084_0001193125-24-255986", "2024-05-22"),  # Commission staff's <date> and <date> comment letters
    ("7084_0001193125-24-255986", "2024-09-05"),
    ("7084_0001193125-24-260674", "2024-11-01"),  # Commission staff's (the "Staff") <date> comment letter
]

#: (response id, date): a date near a letter word that names no earlier letter.
NOT_LETTERS = [
    ("11544_0000899140-17-000459", "2017-06-05"),  # comments provided orally by Mr. ... on
    ("1039684_0001193125-22-264068", "2022-10-17"),  # telephone conversation with you on
    ("927628_0001193125-24-243334", "2024-09-17"),  # a conference call with management on
    ("896159_0001193125-16-666706", "2016-07-22"),  # an oral comment provided via telephone on
    ("1099219_0001193125-16-741304", "2016-08-03"),  # Form 8-K submitted on
    ("1512673_0001193125-18-260894", "2018-05-02"),  # Form 10-Q originally filed with the Commission on
    ("920760_0001193125-18-155502", "1988-05-13"),  # no-action letters (publicly available on ...)
    ("797468_0001140361-19-012449", "2019-05-30"),  # a demand letter received from counsel, "On <date>, ..."
    ("1013871_0001104659-16-122989", "2014-07-17"),  # comment letter with respect to the Form 10-K on (unclear)
]


def _dates(corpus, letter_id: str) -> set[str]:
    try:
        text = letter_text(corpus, letter_id)
    except FileNotFoundError:
        pytest.skip(f"{letter_id} is not in the corpus")
    return {p.date for p in prior_letters(text)}


@pytest.mark.parametrize("letter_id, date", EARLIER_LETTERS, ids=[f"{i}-{d}" for i, d in EARLIER_LETTERS])
def test_earlier_letters_in_corpus_responses(corpus, letter_id, date):
    assert date in _dates(corpus, letter_id)


@pytest.mark.parametrize("letter_id, date", NOT_LETTERS, ids=[f"{i}-{d}" for i, d in NOT_LETTERS])
def test_other_dates_in_corpus_responses(corpus, letter_id, date):
    assert date not in _dates(corpus, letter_id)
