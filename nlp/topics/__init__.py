"""What each staff comment is about: ASC Topics and SEC disclosure items (TOPICS.md), cited or not.

- :mod:`~asckg.nlp.topics.labels`: what a cited reference makes a comment about; Topics that changed
  over time (605/606, 840/842, 310/326) (pure).
- :mod:`~asckg.nlp.topics.lexicon`: the phrases that name each subject in captions and text (pure).
- :mod:`~asckg.nlp.topics.rules`: a comment's citations, the model's input text, and how the
  model's scores and the certain labels make the final labels (pure).
- :mod:`~asckg.nlp.topics.model`: the spaCy ``textcat_multilabel`` pipeline that ships in
  ``model/``, and :func:`~asckg.nlp.topics.model.letters_topics` for letters.
- :mod:`~asckg.nlp.topics.collect` / :mod:`~asckg.nlp.topics.train` /
  :mod:`~asckg.nlp.topics.evaluate`: the training data, training and cross-validation.
"""
