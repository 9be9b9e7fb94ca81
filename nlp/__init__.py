"""Reading letters and finding what they cite.

``asckg.nlp.grammar`` holds the pure grammars (text in, :class:`~asckg.nlp.mention.Mention` out),
``asckg.nlp.readers`` turns files into letter text, ``asckg.nlp.components`` puts the grammars'
results on spaCy Docs, and ``asckg.nlp.summary`` makes the per-letter summary of GOLD.md.
"""
