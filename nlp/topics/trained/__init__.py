"""The shipped topic model (config.cfg, model.bin, meta.json), written by asckg.nlp.topics.train."""
