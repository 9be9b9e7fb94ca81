"""Reading letters and finding what they cite, who wrote them and what each comment says.

``asckg.nlp.readers`` turns files (text, HTML, PDF, EDGAR submissions) into letter text;
``asckg.nlp.layout`` blanks running page headers; ``asckg.nlp.grammar`` holds the pure grammars
(text in, :class:`~asckg.nlp.mention.Mention` out); ``asckg.nlp.anatomy`` parses a letter's header,
people and numbered comments (pure too); ``asckg.nlp.components`` and ``asckg.nlp.pipeline`` put the
grammars on spaCy Docs; ``asckg.nlp.extract`` turns Docs into :class:`~asckg.nlp.record.LetterRecord`,
whose ``summary()`` is the per-letter JSON of ``asckg extract``.
"""
