"""Letter anatomy: who wrote to whom about which filing, comment by comment.

``parse_letter(text, meta)`` reads one letter's text (pdftotext, html2text or markdown, as the
corpus has them) and returns an :class:`Anatomy`: the kind of letter, the registrant and its CIK,
addressees, signers and staff contacts, the filings in the "Re:" block, the numbered comments (in
a response, each restated comment apart from its answer), and the earlier letters and comments it
refers to, the letter's type and, in a response, what each answer commits to
(:mod:`asckg.nlp.anatomy.outcome`). Pure standard library, like the grammars: the spaCy and RDF
layers consume the result.

>>> a = parse_letter("December 19, 2011\\nMr. Stephen R. Head\\nInteractive Intelligence Group, Inc.\\n"
...     "Re: Interactive Intelligence Group, Inc.\\nForm 10-K for the Fiscal Year ended December 31, 2010\\n"
...     "Filed March 16, 2011\\nDear Mr. Head:\\n1. Please tell us more.\\nSincerely,\\n/s/ Craig D. Wilson\\n",
...     {"accession": "0000000000-11-076315"})
>>> a.kind, a.company, [p.name for p in a.addressees], [p.name for p in a.signers], a.comment_count
('staff', 'Interactive Intelligence Group, Inc.', ['Stephen R. Head'], ['Craig D. Wilson'], 1)
>>> a.filings_reviewed[0].form, a.filings_reviewed[0].period_end, a.filings_reviewed[0].filed
('10-K', '2010-12-31', '2011-03-16')
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from asckg.nlp.anatomy import comments as _comments
from asckg.nlp.anatomy import header, outcome, people, priors
from asckg.nlp.anatomy.model import Anatomy, Comment, FilingRef, Person, PriorComment, PriorLetter
from asckg.nlp.anatomy.text import closings, salutation
from asckg.nlp.grammar import dates

__all__ = ["Anatomy", "Comment", "FilingRef", "Person", "PriorComment", "PriorLetter", "parse_letter"]

# "1013871_0001104659-18-049505" (the corpus's file names): CIK, then the accession number.
_FILE_ID = re.compile(r"^(?P<cik>\d{1,10})_(?P<acc>\d{10}-\d{2}-\d{6})$")


def _mask(text: str) -> str:
    """``text`` with running page headers blanked out (same length), via :mod:`asckg.nlp.layout`."""
    try:
        from asckg.nlp.layout import mask_running_headers
    except ImportError:  # the layout module is optional for this pure parser
        return text
    masked = mask_running_headers(text)
    return masked if len(masked) == len(text) else text


def meta_from_id(file_id: str) -> dict[str, str]:
    """EDGAR metadata from a corpus file name "CIK_accession" (empty if it is not one)."""
    m = _FILE_ID.match(file_id)
    return {"cik": m.group("cik"), "accession": m.group("acc")} if m else {}


def parse_letter(text: str, meta: Mapping[str, str] | None = None, masked: str | None = None) -> Anatomy:
    """The anatomy of one letter; ``meta`` may give EDGAR "form_type", "accession", "cik", "company".

    ``masked`` is the text with its running page headers blanked out, as
    :func:`asckg.nlp.layout.mask_running_headers` returns it, when the caller has it already (the
    extractor feeds that very text to spaCy): blanking them is a quarter of the parse time.
    """
    meta = dict(meta or {})
    masked = masked if masked is not None and len(masked) == len(text) else _mask(text)
    sal = salutation(masked)
    head_end = sal.start() if sal else min(len(masked), 3000)
    body_start = sal.end() if sal else 0
    kind = header.letter_kind(masked, meta)
    block = header.re_block(masked, head_end)
    company = header.company(masked, block, head_end) or meta.get("company") or None
    letter_date = dates.letter_date(text) if hasattr(dates, "letter_date") else None
    closes = closings(masked)
    found, count = _comments.parse_comments(masked, kind, body_start, closes)
    last = found[-1].start if found else body_start
    addressees = header.addressees(masked, sal, head_end) if sal or block else []
    anatomy = Anatomy(
        kind=kind,
        company=company,
        cik=meta.get("cik") or None,
        letter_date=letter_date,
        addressees=tuple(addressees),
        signers=tuple(people.signers(masked, last, closes)),
        staff_contacts=tuple(people.staff_contacts(masked) if kind == "staff" else ()),
        filings_reviewed=tuple(header.filings(masked, block)),
        comments=tuple(found),
        prior_letters=tuple(priors.prior_letters(masked, letter_date)),
        prior_comments=tuple(priors.prior_comments(masked)),
        comment_count=count,
    )
    return outcome.annotate(anatomy, masked)
