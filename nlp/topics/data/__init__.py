"""The topic model's training data (comments.jsonl), written by asckg.nlp.topics.collect."""
