"""The topic labels of ../shared/corpus/TOPICS.md: what a cited reference says a comment is about.

A comment's labels are three-digit ASC Topics ("350") and SEC items in GOLD.md's ``sec_rules`` forms
("S-K 303", "S-X Article 11"). This module holds the certain part, standard library only:

- :func:`cited_label` maps one cited reference to the label it makes the comment about: an ASC
  paragraph to its Topic, an S-K item of Subpart 1200 / 1300 to the subpart, a rule of S-X Article
  11 to the Article, a Schedule TO item to the Regulation M-A item it incorporates.
- Some subjects changed Topic over the years. The model learns the subject (:data:`ERAS`: revenue,
  leases, credit losses) and :func:`label_for_date` names the Topic in force at the letter's date,
  unless the comment itself names the new standard (a comment about adopting ASC 606 in 2017).

>>> cited_label("asc", "350-20-35-1"), cited_label("sec_rule", "S-K 1203"), cited_label("sec_rule", "S-X 11-02")
('350', 'S-K 1200', 'S-X Article 11')
>>> label_for_date("REVENUE", "2017-03-01", ""), label_for_date("REVENUE", "2017-03-01", "adopt ASC 606")
('605', '606')
>>> to_class("842"), to_class("S-K 303")
('LEASES', 'S-K 303')
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Era:
    """A subject whose Topic changed: the old Topic before ``since`` (ISO date), the new one after.

    ``new_words`` finds a comment that is about the new standard although its letter is older.
    """

    subject: str
    old: tuple[str, ...]
    new: str
    since: str
    new_words: re.Pattern[str]


#: Subjects the Codification moved: the model predicts the subject, the date names the Topic.
ERAS = (
    Era("REVENUE", ("605",), "606", "2018-01-01",
        re.compile(r"\b606\b|ASU\s*(?:No\.\s*)?2014-09|new revenue (?:recognition )?standard", re.I)),
    Era("LEASES", ("840",), "842", "2019-01-01",
        re.compile(r"\b842\b|ASU\s*(?:No\.\s*)?2016-02|new lease(?:s|\s+accounting)? standard", re.I)),
    # Before ASC 326, the staff framed allowances for loans and receivables under 310 (TOPICS.md).
    Era("CREDIT_LOSSES", ("310",), "326", "2020-01-01",
        re.compile(r"\b326\b|CECL|current expected credit loss|ASU\s*(?:No\.\s*)?2016-13", re.I)),
)
_SUBJECT = {topic: era for era in ERAS for topic in (*era.old, era.new)}
_ERA_BY_SUBJECT = {era.subject: era for era in ERAS}

_SK_SUBPART = re.compile(r"S-K (1[23])\d\d")
_SX_ARTICLE_11 = re.compile(r"S-X 11-\d\d")
_SCHEDULE_TO = re.compile(r"Schedule TO Item (\d{1,2})")


def cited_label(kind: str, ref: str) -> str | None:
    """The label a cited reference of one mention kind ("asc", "sec_rule") makes; None for others.

    Guidance (SFAS, SAB, ASU, C&DIs) makes no certain label: what a comment citing SAB Topic 1.B
    or a non-GAAP C&DI is about is left to the model, which sees the citation as a feature.
    """
    if kind == "asc":
        return ref[:3] if ref[:3].isdigit() else None
    if kind != "sec_rule":
        return None
    m = _SK_SUBPART.fullmatch(ref)
    if m:  # oil and gas (Subpart 1200) and mining (Subpart 1300) are labelled by subpart
        return f"S-K {m.group(1)}00"
    if _SX_ARTICLE_11.fullmatch(ref):
        return "S-X Article 11"
    m = _SCHEDULE_TO.fullmatch(ref)
    if m:  # Schedule TO items incorporate Regulation M-A: Item 10 is Item 1010
        return f"M-A {1000 + int(m.group(1))}"
    if ref.startswith(("Schedule 13E-3 Item", "Schedule 14A Item", "Form S-4 Item", "Schedule 14C Item")):
        return None  # a schedule's own item number is not a label; the model decides
    return ref


def to_class(label: str) -> str:
    """The model's class for a label: the subject for Topics that changed (:data:`ERAS`), else the label."""
    era = _SUBJECT.get(label)
    return era.subject if era else label


def is_sec_item(cls: str) -> bool:
    """Whether a model class is an SEC item ("S-K 303", "Regulation G"), not an ASC Topic or subject."""
    return not cls[:1].isdigit() and cls not in _ERA_BY_SUBJECT


def label_for_date(cls: str, letter_date: str | None, text: str) -> str:
    """The label of a model class at the letter's date ("REVENUE" in 2017 is "605")."""
    era = _ERA_BY_SUBJECT.get(cls)
    if era is None:
        return cls
    if letter_date and letter_date < era.since and not era.new_words.search(text):
        return era.old[0]
    return era.new


def sort_labels(labels: set[str] | list[str]) -> list[str]:
    """Labels in TOPICS.md's order: the gold files sort them as strings."""
    return sorted(set(labels))


#: Short titles of the SEC items the labels use, in our own words: training text for each item.
ITEM_TITLES = {
    "S-K 10": "Non-GAAP financial measures: reconciliation to the most comparable GAAP measure, equal or greater prominence, usefulness to investors",
    "Regulation G": "Non-GAAP measures outside filings: earnings releases and investor presentations furnished on Form 8-K",
    "S-K 101": "Description of business: products, customers, competition, government regulation, human capital",
    "S-K 102": "Description of properties: plants, mines and other physical properties",
    "S-K 103": "Legal proceedings",
    "S-K 105": "Risk factors",
    "S-K 201": "Market for common equity, dividends and related stockholder matters",
    "S-K 303": "Management's discussion and analysis: results of operations, liquidity and capital resources, known trends, critical accounting estimates",
    "S-K 305": "Quantitative and qualitative disclosures about market risk",
    "S-K 307": "Disclosure controls and procedures",
    "S-K 308": "Internal control over financial reporting",
    "S-K 402": "Executive compensation: compensation discussion and analysis, performance targets",
    "S-K 404": "Transactions with related persons",
    "S-K 407": "Corporate governance: board, committees, director independence",
    "S-K 601": "Exhibits: material contracts filed as exhibits, confidential treatment",
    "S-K 1200": "Oil and gas disclosures: proved reserves, proved undeveloped reserves, production",
    "S-K 1300": "Mining property disclosures: mineral resources and reserves, technical report summary",
    "S-X Article 11": "Pro forma financial information: pro forma adjustments",
    "S-X 3-05": "Financial statements of businesses acquired or to be acquired",
    "S-X 5-02": "Balance sheet captions",
    "S-X 5-03": "Income statement captions: costs and expenses, revenues by category",
}
