"""How a letter stands in a review: its type, and what a response commits to, answer by answer.

A staff letter asks (``sec_comment``), closes the review (``review_complete``: "We have completed
our review of your filing"), declines one (``no_review``: "we have not reviewed and will not review
your registration statement") or is some other notice (``sec_letter``: an order declaring a
registration effective, a request about redacted exhibits). A company letter answers comments
(``company_response``), asks for a registration to be declared effective (``acceleration_request``)
or is something else (``company_letter``: an extension request, a withdrawal, a supplemental
submission). The names are those edgartools gives SEC correspondence (../shared/corpus/OUTCOMES.md).

Each answer of a response is read for what the company gives: ``amend`` (the filing under review,
or the same registration statement, schedule or proxy, has been or will be changed), ``future``
(later periodic reports will change) or ``none`` (it explains, disagrees or informs the staff).
Standard library only: :func:`annotate` fills an :class:`Anatomy`'s ``letter_type`` and
``commitments`` from it and its text.

>>> answer_commitment("We have revised the disclosure on page 45 of Amendment No. 2 in response to the Staff's comment.")
('amend',)
>>> answer_commitment("In future filings, beginning with our Form 10-Q for the quarter ending June 30, 2017, we will disclose the amounts.")
('future',)
>>> answer_commitment("We respectfully submit that no change to the disclosure is necessary.")
('none',)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from asckg.nlp.anatomy.model import Anatomy
from asckg.nlp.anatomy.sieve import Sieve, plain_lower
from asckg.nlp.anatomy.text import closings, salutation

#: What a letter is, finer than its kind (the names edgartools gives SEC correspondence).
LETTER_TYPES = ("sec_comment", "review_complete", "no_review", "sec_letter",
                "company_response", "acceleration_request", "company_letter")
STAFF_TYPES = LETTER_TYPES[:4]
#: What a company gives in one answer: an amended filing, changed future filings, or neither.
COMMITMENTS = ("amend", "future", "none")

# --- staff letters ---------------------------------------------------------------------------------
# "This is to advise you that we have not reviewed and will not review your registration statement."
_NO_REVIEW = Sieve(re.compile(r"\b(?:have\s+not\s+reviewed\s+and\s+will\s+not\s+review|will\s+not\s+(?:be\s+)?review(?:ed|ing)?\s+"
                        r"(?:your|the|this)\s+(?:registration|filing|proxy|schedule|offering))", re.IGNORECASE))
# "We have completed our review of your filing(s) / correspondence / this subject matter", "we have
# no further comments", "we have concluded our review".
_COMPLETE = Sieve(re.compile(r"\b(?:(?:have|has)\s+(?:now\s+)?(?:completed|concluded|finished)\s+(?:our|its)\s+review"
                       r"|(?:have|has)\s+no\s+further\s+comments)", re.IGNORECASE))
# Notices that neither ask nor close: an order declaring a registration effective (Exchange Act
# section 12(d)), the requests and assessments about redacted exhibits (Regulation S-K Item
# 601(b)(10)(iv)), a reminder that comments remain unanswered.
_NOTICE = Sieve(re.compile(r"ORDER\s+DECLARING|\bredacted\s+(?:information\s+from\s+the\s+)?exhibits?\b"
                     r"|\bconcluded\s+our\s+assessment\b|\bcomments?\s+(?:remain|are\s+still)\s+(?:outstanding|unanswered|unresolved)"
                     r"|\bhave\s+not\s+(?:yet\s+)?received\s+(?:a|your)\s+response", re.IGNORECASE))
# The staff asking for something in a letter without numbered comments.
_STAFF_ASKS = Sieve(re.compile(r"\b(?:please\s+(?:tell|advise|explain|provide|revise|respond|describe|confirm|disclose|discuss)|"
                         r"tell\s+us|we\s+note\b|have\s+the\s+following\s+comments?)", re.IGNORECASE))

# --- company letters ---------------------------------------------------------------------------
# An answer to the staff: "Response:" labels are counted by the anatomy; these are the words of a
# letter that answers without them ("We hereby respond to your oral comment", "the Company's
# responses to the comments", "provide you with the information you requested").
_ANSWERS = Sieve(re.compile(
    r"\b(?:(?:hereby\s+)?respond(?:s|ing)?\s+to\s+(?:your|the\s+staff[’']?s?|the)\s+(?:\w+\s+){0,2}comments?"
    r"|(?:responses?|replies|answers?)\b(?:[^.]|\.(?!\s+[A-Z])){0,80}?\bto\s+(?:each\s+of\s+)?(?:your|the)\s+(?:\w+\s+){0,3}comments?"
    r"|in\s+response\s+to\s+(?:the\s+)?Staff\s+comments"
    r"|set(?:ting)?\s+forth\s+(?:below\s+)?(?:the\s+)?comments?\s+of\s+the\s+staff"
    r"|information\s+(?:you|the\s+staff)\s+requested|in\s+response\s+to\s+(?:your|the\s+staff[’']?s?)\s+(?:\w+\s+){0,2}(?:comments?|request|letter))",
    re.IGNORECASE))
# The registrant (or its underwriters) asking that a registration statement go effective:
# "hereby requests acceleration of the effective date", "requests that the Registration Statement
# be declared effective", "request that the effective date ... be accelerated", under Rules 460/461
# or Exchange Act Rule 12d1-2.
_ACCELERATION = Sieve(re.compile(
    r"\brequest(?:s|ing)?\s+(?:that\s+)?(?:the\s+)?(?:acceleration|(?:that\s+)?(?:the\s+)?(?:Commission|SEC)\s+accelerate)"
    r"|\brequest(?:s|ing)?\b(?:[^.]|\.(?=\s*[\d(]|\S))(?:[^.]|No\.){0,250}?\b(?:be\s+(?:declared|made)\s+effective|be\s+accelerated|become\s+effective|accelerate\s+the\s+effective)"
    r"|\brequest\s+for\s+acceleration\b"
    r"|\bhereby\s+join\b[^.]{0,200}?\brequest"
    r"|\bRule\s+460\b[^.]{0,300}?\bcopies\s+of\s+the\s+(?:Preliminary\s+)?Prospectus|\bwill\s+be\s+distributed\s+to\s+each\s+underwriter",
    re.IGNORECASE))
# A letter about the process, not the comments: more time, a date for the answers, a withdrawal,
# the representations of an exchange offer registered under the staff's Exxon Capital position.
_PROCESS = Sieve(re.compile(
    r"\b(?:request(?:s|ing)?\s+(?:an?\s+)?(?:additional|further)\s+(?:\w+\s+){0,3}(?:days|time|extension)"
    r"|request(?:s|ing)?\s+an\s+extension|extension\s+of\s+(?:the\s+)?(?:time|timing|deadline|date)"
    r"|(?:will|intends?\s+to|expects?\s+to|anticipates?)\s+(?:file|submit|provide|deliver)\s+(?:its|our|the\s+Company[’']s|a|the)\s+"
    r"(?:\w+\s+){0,2}respons\w*\s+[^.]{0,150}?\b(?:by|on\s+or\s+before|no\s+later\s+than|within)\b"
    r"|(?:will|intends?\s+to)\s+respond\s+[^.]{0,120}?\b(?:by|on\s+or\s+before|no\s+later\s+than|within)\b"
    r"|\bextension\b[^.]{0,100}?\b(?:respond|response|reply|due\s+date|deadline)|\b(?:respond|response|reply)\b[^.]{0,60}?\bextension\b"
    r"|\bextend\s+(?:the|our|its)\s+(?:\w+\s+){0,2}(?:deadline|due\s+date|date)|\b(?:response|reply)\s+(?:date|deadline)\s+be\s+extended"
    r"|\b(?:require|need)\s+additional\s+time\s+to\s+(?:complete|prepare|respond)"
    r"|anticipate\s+submitting\s+a\s+response|withdraws?\s+(?:the|its|our)\s+(?:\w+\s+){0,2}request"
    r"|in\s+reliance\s+on\s+the\s+(?:\w+\s+){0,6}?position\b[^.]{0,120}?\bExxon\s+Capital)",
    re.IGNORECASE))


#: How far into a letter its type is read: the sentences that say what a letter is come first
#: (a letter without numbered comments is short), and a long text is not scanned again and again.
_HEAD_CHARS = 20_000


def letter_type(text: str, anatomy: Anatomy) -> str:
    """One of :data:`LETTER_TYPES` for a letter's (masked) text and its anatomy."""
    count = anatomy.comment_count
    text = text[:_HEAD_CHARS]
    low = plain_lower(text)
    if anatomy.kind == "staff":
        if _NOTICE.search(text, low):
            return "sec_letter"
        if _NO_REVIEW.search(text, low):
            return "no_review"
        if count:
            return "sec_comment"
        if _COMPLETE.search(text, low):
            return "review_complete"
        return "sec_comment" if count is None or _STAFF_ASKS.search(text, low) else "sec_letter"
    if anatomy.kind == "other":
        return "acceleration_request" if _ACCELERATION.search(text, low) else "company_letter"
    if count:
        return "company_response"
    if _PROCESS.search(text, low):
        return "company_letter"
    if _ANSWERS.search(text, low) or anatomy.comments:
        return "company_response"
    if _ACCELERATION.search(text, low):
        return "acceleration_request"
    if count is not None and answer_commitment(_body(text), _forms(anatomy)) != ("none",):
        return "company_response"  # it promises changes: it answers comments, if in one piece
    return "company_letter"


# --- commitments -------------------------------------------------------------------------------
# Changes to later periodic reports: "in future filings", "beginning with our Form 10-Q for the
# quarter ending ...", "in our next Annual Report", "future earnings releases", "prospectively".
_FUTURE_PLACE_PATTERN = re.compile(
    r"\b(?:future\s+(?!amendments?\b)(?:\w+\s+){0,3}?(?:filings?|reports?|disclosures?|submissions|periodic|annual|quarterly|earnings|Forms?|proxy|releases?|10-[KQ]s?|financial\s+statements)"
    r"|(?:beginning|starting|commencing)\s+(?:with|in)\b"
    r"|(?:next|upcoming|subsequent|forthcoming|later)\s+(?:\w+\s+){0,3}?(?:Forms?|10-[KQ]|20-F|Annual|Quarterly|periodic|filings?|reports?|proxy|earnings|releases?|fiscal)"
    r"|going\s+forward|prospectively|on\s+a\s+go-forward\s+basis|in\s+the\s+future"
    r"|\b(?:Form\s+)?(?:10-[KQ]|20-F)\s+for\s+the\s+(?:fiscal\s+)?(?:quarter|year|period|three|six|nine|first|second|third|fourth)\b[^.;]{0,40}?\b(?:ending|ended)\b"
    r"|\bquarterly\s+report\s+on\s+Form\s+10-Q\b|\b(?:Form\s+)?10-Q\b(?!/A)"
    r"|\b(?:20\d\d|fiscal\s+(?:year\s+)?20\d\d)\s+(?:Annual\s+Report|Form\s+10-K|10-K)\b(?!/A)[^.;]{0,60}?\bfiled\b)",
    re.IGNORECASE)
# A promise to change disclosure: "we will revise", "the Company will expand", "we intend to
# include", "we plan to enhance", "will be included", "we will consider revising".
_CHANGE_VERB = (r"(?:revis|amend|expand|enhanc|includ|add(?:ed|s|ing)?\b|disclos|provid|present|clarif|modif|updat|chang|"
                r"remov|delet|supplement|discuss|describ|refin|augment|insert|incorporat|identif|quantif|"
                r"separat|label|renam|retitl|reclassif|reorganiz|conform|explain|address|highlight|elaborat|"
                r"ensure|comply|eliminat|omit|replac|recast|correct|rephras|reword|edit|refer|limit|discontinu|cease|"
                r"no\s+longer|not\s+(?:present|use|include|refer)|make\s+(?:\w+\s+){0,4}?(?:clear|clearer|explicit)|use\b|us(?:e|ing)\s+the\s+term|consider\s+(?:revis|expand|enhanc|includ|add|disclos|provid|clarif))")
_WILL_CHANGE_PATTERN = re.compile(
    r"\b(?:will|shall|intends?\s+to|plans?\s+to|propose[sd]?\s+to|expects?\s+to|undertakes?\s+to|(?:is|are|am)\s+committed\s+to|"
    r"commits?\s+to|agrees?\s+to|(?:is|are)\s+(?:planning|intending)\s+to)(?:,[^,]{1,100},)?\s+"
    r"(?:(?:also|further|continue\s+to|additionally|then|accordingly|similarly|likewise|prospectively|now|in\s+addition|"
    r"(?!(?:materially|significantly|likely|necessarily|substantially)\b)\w+ly|review\s+and|evaluate\s+and|consider\s+and|seek\s+to|endeavor\s+to|make\s+(?:sure|certain)\s+(?:that\s+)?(?:\w+\s+){0,4}?)\s+)*"
    + _CHANGE_VERB +
    r"|\b(?:will|shall)\s+(?:also\s+|further\s+)?be\s+(?:\w+ly\s+)?" + _CHANGE_VERB +
    # "enhanced disclosure to be included in future periodic reports", "the proposed disclosure"
    r"|\bto\s+be\s+(?:included|made|added|provided|presented|disclosed|reflected)\b"
    r"|\bproposed\s+(?:\w+\s+){0,2}?(?:disclosures?|revisions?|language|changes|text|presentation)\b",
    re.IGNORECASE)
# Who promises: the company ("we will", "the Company intends to", "Capital One will"), not its
# numbers or the world ("the impact ... will materially change", "volumes will reflect").
_COMPANY_SUBJECT = re.compile(
    r"\b(?:we|our|us|I|the\s+company|the\s+registrant|management|the\s+partnership|the\s+trust|the\s+bank|"
    r"the\s+issuer|it|they)\b[^.;]{0,60}$|(?-i:[A-Z][\w&’'.-]+)[ \t]*(?:,[^,]{1,100},\s*)?$", re.IGNORECASE)


def _promised(sentence: str, match: re.Match[str]) -> bool:
    """Whether a :data:`_WILL_CHANGE` match is the company's promise: the passive forms ("will be
    revised", "to be included", "proposed disclosure") are; "will revise" needs the company as subject."""
    said = match.group(0).lower()
    if said.startswith(("to be", "proposed")) or re.match(r"(?:will|shall)\s+(?:also\s+|further\s+)?be\s", said):
        return True
    return bool(_COMPANY_SUBJECT.search(sentence, max(0, match.start() - 80), match.start()))


# A change already made, by the company, to its text: "we have revised", "the Company has expanded",
# "the disclosure has been revised", "we revised", "Marriott filed an amendment".
_SUBJECT = (r"(?:we|the\s+company|the\s+registrant|the\s+partnership|the\s+trust|the\s+issuer|the\s+bank|it|"
            r"(?-i:(?!(?:The|This|These|Those|That|Such|Each|Any|All|In|As|If|When|Our|Its|Their)\b)[A-Z][\w&.]+))")
_HAS_CHANGED_PATTERN = re.compile(
    r"\b" + _SUBJECT + r"\s+(?:have|has)\s+(?:(?:also|further|now|accordingly|additionally|similarly|hereby|therefore)\s+)?"
    r"(?:" + _CHANGE_VERB + r"|filed)"
    r"|\b(?:has|have)\s+(?:also\s+|further\s+|now\s+)?(?:revised|amended|updated|added|expanded|included|modified|clarified|"
    r"enhanced|deleted|removed|filed|supplemented)\s+(?:the|its|our|this|these|a|an|certain|additional|such|language|disclosure)\b"
    r"|\b(?:has|have)\s+been\s+(?:\w+ly\s+)?(?:revis|amend|expand|enhanc|add(?:ed)?\b|updat|modif|clarif|chang|delet|remov|"
    r"supplement|insert|replac|correct|conform|recast|reclassif|renam|retitl)"
    r"|\b" + _SUBJECT + r"\s+(?:(?:also|further|accordingly|subsequently)\s+)?(?:revised|amended|expanded|enhanced|included|added|"
    r"updated|modified|clarified|removed|deleted|supplemented|filed|conformed|inserted|provided\s+additional|"
    r"replaced|corrected)\b"
    r"|\bAs\s+(?:revised|amended|updated)\b",
    re.IGNORECASE)
# The filing under review (or its registration statement, schedule or proxy) changed:
# "Amendment No. 2", "the Amended Registration Statement", "the revised draft", "a 10-K/A".
_AMEND_PLACE = Sieve(re.compile(
    r"\b(?:Amendment\s+No\.?|(?:pre-effective\s+)?amendment\s+(?:no\.?\s*\d|to\s+the\s+(?:Registration|Form|Schedule|proxy|Offer|draft))"
    r"|Amended\s+(?:Registration|Draft|Form|Schedule|Filing|Proxy|S-\d|F-\d|10-K|10-Q|20-F|Statement|Offer)"
    r"|(?:10-K|10-Q|20-F|8-K|40-F)/A\b|amended\s+(?:Form\s+)?(?:10-K|10-Q|20-F|8-K)|an\s+amendment\s+to\s+(?:(?:the|our|its)\s+)?(?:\d{4}\s+)?(?:Form|Annual|Quarterly|Registration|Schedule|proxy|10-K|10-Q)"
    r"|(?:revised|amended|updated)\s+(?:draft\s+)?(?:Registration\s+Statement|Preliminary\s+Proxy|Proxy\s+Statement|Prospectus|Offer\s+to\s+Purchase|Schedule|Information\s+Statement|DRS|draft)"
    r"|publicly\s+fil(?:e|ed|ing)\s+(?:the|its|our)\s+(?:\w+\s+){0,2}Registration\s+Statement"
    r"|(?:Registration\s+Statement|Preliminary\s+Proxy|Offer\s+to\s+Purchase|Prospectus|Schedule\s+(?:14A|14C|TO|13E-3|13D))"
    r"|fil(?:e|ed|ing)\s+an\s+amendment|amend\s+(?:the|its|our)\s+(?:\d{4}\s+)?(?:Form|Annual|filing|10-K|Registration|proxy))",
    re.IGNORECASE))
# Not a change at all: for the staff only, watched, or hypothetical ("will continue to monitor",
# "if it becomes material", "we will provide the Staff supplementally").
_CONDITIONAL = Sieve(re.compile(
    r"\b(?:any|those|such|items?|matters?|developments?|changes?)\s+(?:that|which)\s+(?:\w+\s+){0,2}?(?:becomes?|are|is)\s+(?:\w+\s+){0,2}?(?:material|significant)|"
    r"\b(?:if|should|in\s+the\s+event|when)\b[^.;]{0,120}?\b(?:becomes?|became|were|was|is|are|be)\s+(?:\w+\s+){0,2}?(?:material|significant|meaningful)"
    r"|\bcontinue\s+to\s+(?:monitor|evaluate|assess|consider|review)|\bas\s+(?:appropriate|necessary|needed)\s*(?:[.;]|$)"
    r"|\bif\s+(?:in\s+the\s+future\s+)?(?:a|any|the)\b[^.;]{0,80}?\b(?:were|was)\s+(?:to\s+)?",
    re.IGNORECASE))
# Any promise, whatever the verb, when the sentence names the later filings ("we will reconcile our
# non-GAAP measures in future filings", "the Company will footnote ... in future filings").
_PROMISE_PATTERN = re.compile(r"\b(?:will|shall|undertakes?|intends?|plans?|commits?|agrees?|expects?\s+to)\b", re.IGNORECASE)
_TO_STAFF = Sieve(re.compile(r"\bsupplementally\b|\b(?:provid|furnish|send|submit|deliver|mak)\w*\b[^.;]{0,80}?\bto\s+the\s+Staff\b"
                       r"|\bunder\s+separate\s+cover|\bRule\s+(?:418|12b-4|83)\b|\bconfidential\s+treatment", re.IGNORECASE))
_SENTENCE = re.compile(r"(?<=[.;!?])[\s”\"]+(?=[A-Z(“\"•·])|\n\s*\n|\s[•·]\s")

_REGISTRATION_FORMS = re.compile(r"(?:S-\d|F-\d|DRS|10-12[BG]|10|Form\s+10|Schedule\b.*|PRE.*|DEF.*|PREM.*|PRER.*|SC\b.*|TO\b.*|"
                                 r"424.*|POS.*|N-\d.*|1-A.*|8-A.*)(?:/A)?", re.IGNORECASE)


# The patterns an answer's every sentence is searched with take as their quick check words one of
# which every match holds, in lower case: _HAS_CHANGED names its subject case-sensitively ("Marriott
# has filed"), which a derived check cannot follow, and the checks derived from the other three
# (alternatives that open with an optional word) would take as long as the patterns themselves.
_HAS_WORDS = re.compile(r"ha[sv]|revised|amended|expanded|enhanced|included|added|updated|modified|clarified|removed"
                        r"|deleted|supplemented|filed|conformed|inserted|provided|replaced|corrected")
_HAS_CHANGED = Sieve(_HAS_CHANGED_PATTERN, _HAS_WORDS)
_WILL_WORDS = re.compile(r"will|shall|intend|plan|propos|expect|undertak|commit|agree|to\s+be")
_WILL_CHANGE = Sieve(_WILL_CHANGE_PATTERN, _WILL_WORDS)
_PROMISE = Sieve(_PROMISE_PATTERN, _WILL_WORDS)
_FUTURE_PLACE = Sieve(_FUTURE_PLACE_PATTERN, re.compile(
    r"futur|beginning|starting|commencing|next|upcoming|subsequent|forthcoming|later|going|prospectively|go-forward"
    r"|10-[kq]|20-f|filed"))

#: A "sentence" longer than this is a table or a run-on text, read only this far.
_SENTENCE_CHARS = 2_000


def _sentences(text: str) -> list[str]:
    return [s[:_SENTENCE_CHARS] for s in _SENTENCE.split(text) if s.strip()]


def _registration_like(forms: Iterable[str]) -> bool:
    """Whether the filing under review is one that is amended before it is final (a registration
    statement, a draft, a proxy or tender-offer schedule), not a periodic report."""
    return any(_REGISTRATION_FORMS.fullmatch(f or "") for f in forms)


def answer_commitment(answer: str, forms: Iterable[str] = ()) -> tuple[str, ...]:
    """What one answer commits to: ``("amend",)``, ``("future",)``, both, or ``("none",)``.

    ``forms`` are the forms of the filings under review (from the "Re:" block); a change to "page 45"
    counts as an amendment when the filing is a registration statement, schedule or proxy.
    """
    registration = _registration_like(forms)
    amend = future = False
    for sentence in _sentences(answer):
        if amend and future:
            break  # nothing more to find
        low = plain_lower(sentence)
        in_future: bool | None = None  # found when first needed
        maybe_will = _WILL_CHANGE.may_match(low)  # _PROMISE has the same check
        will = maybe_will and any(_promised(sentence, m) for m in _WILL_CHANGE.finditer(sentence, low, checked=True))
        if not will and maybe_will and _PROMISE.search(sentence, low, checked=True):
            will = in_future = bool(_FUTURE_PLACE.search(sentence, low))
        has = bool(_HAS_CHANGED.search(sentence, low))
        if not (will or has):
            continue
        if in_future is None:
            in_future = bool(_FUTURE_PLACE.search(sentence, low))
        if not in_future and _TO_STAFF.search(sentence, low):
            continue
        in_amend = bool(_AMEND_PLACE.search(sentence, low))
        hedged = bool(_CONDITIONAL.search(sentence, low))
        if in_future:
            if not hedged:
                future = True
        elif in_amend or (has and registration):
            amend = True
        elif will and not hedged:
            if registration:
                amend = True
            else:
                future = True
    labels = tuple(label for label, on in (("amend", amend), ("future", future)) if on)
    return labels or ("none",)


def _forms(anatomy: Anatomy) -> list[str]:
    return [f.form for f in anatomy.filings_reviewed]


def _body(text: str) -> str:
    """A response's text between its salutation and its sign-off: one answer to a comment it does not restate."""
    sal = salutation(text)
    lo = sal.end() if sal else 0
    hi = next((c.start() for c in closings(text) if c.start() > lo), len(text))
    return text[lo:hi]


def comment_keys(anatomy: Anatomy) -> list[str]:
    """The key of each comment as OUTCOMES.md writes it: its number, or 1, 2, ... for the comments a
    response answers without a number, in order."""
    keys: list[str] = []
    seq = 0
    for c in anatomy.comments:
        if c.number is None:
            seq += 1
        keys.append(str(c.number if c.number is not None else seq))
    return keys


# "See our response to comment 2", "as discussed in our response to Comment No. 3 above".
_SEE_ANSWER = re.compile(r"\bresponses?\s+to\s+(?:the\s+Staff[’']s\s+)?(?:comment|question)s?\s*(?:No\.?|#)?\s*(\d{1,3})\b",
                         re.IGNORECASE)


def comment_commitments(anatomy: Anatomy) -> list[tuple[str, ...]]:
    """What each comment's answer commits to, aligned with ``anatomy.comments`` (``()`` where it
    cannot be told).

    Comments restated one after another before one combined answer take that answer's labels; the
    last answer of an excerpt cut off before any commitment shows is left untold.
    """
    forms = _forms(anatomy)
    out: list[tuple[str, ...]] = [() for _ in anatomy.comments]
    answered = [k for k, c in enumerate(anatomy.comments) if c.response_text]
    waiting: list[int] = []  # comments restated with no answer of their own yet
    for k, c in enumerate(anatomy.comments):
        if not c.response_text:
            waiting.append(k)
            continue
        labels = answer_commitment(c.response_text, forms)
        if anatomy.comment_count is None and k == answered[-1] and labels == ("none",):
            break  # an excerpt cut off in its last answer: what it gives cannot be told
        for j in (*waiting, k):
            out[j] = labels
        waiting = []
    # an answer that only points to another answer's change takes that answer's labels
    by_number = {c.number: got for c, got in zip(anatomy.comments, out) if c.number is not None and got}
    for k, c in enumerate(anatomy.comments):
        if out[k] == ("none",):
            for m in _SEE_ANSWER.finditer(c.response_text or ""):
                other = by_number.get(int(m.group(1)))
                if other and other != ("none",) and int(m.group(1)) != c.number:
                    out[k] = other
                    break
    return out


def commitments(anatomy: Anatomy, text: str = "", labels: list[tuple[str, ...]] | None = None
                ) -> dict[str, list[str]] | None:
    """A response's commitments per staff comment key (:func:`comment_keys`), as OUTCOMES.md writes
    them; None for a staff letter, or a response answering no comment.

    A response that restates no comment and answers in one piece is keyed 1 (``text``, the letter's
    text, is needed for that). ``labels`` are :func:`comment_commitments`, if known already.
    """
    if anatomy.kind == "staff":
        return None
    if not anatomy.comments:
        if text and anatomy.comment_count is not None and len(text) <= _HEAD_CHARS:
            return {"1": list(answer_commitment(_body(text), _forms(anatomy)))}
        return None
    labels = comment_commitments(anatomy) if labels is None else labels
    out: dict[str, list[str]] = {}
    for key, got in zip(comment_keys(anatomy), labels):
        if not got:
            continue
        merged = set(out.get(key, ())) | set(got)
        if len(merged) > 1:
            merged.discard("none")
        out[key] = [x for x in COMMITMENTS if x in merged]
    return out or None


def annotate(anatomy: Anatomy, text: str) -> Anatomy:
    """``anatomy`` with its ``letter_type``, and for a company response its ``commitments`` and
    each answered comment's ``commitment``; ``text`` is the letter's text with page headers masked."""
    kind = letter_type(text, anatomy)
    if kind != "company_response":
        return replace(anatomy, letter_type=kind)
    labels = comment_commitments(anatomy)
    found = commitments(anatomy, text, labels)
    return replace(
        anatomy,
        letter_type=kind,
        commitments=tuple((k, tuple(v)) for k, v in found.items()) if found else None,
        comments=tuple(replace(c, commitment=got) if got else c for c, got in zip(anatomy.comments, labels)),
    )
