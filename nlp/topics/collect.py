"""Collect the topic model's training data from a corpus laid out like ../shared/corpus.

``python -m asckg.nlp.topics.collect CORPUS_DIR`` reads every SEC staff letter of the corpus
manifest (kind ``upload``: staff letters are works of US federal employees, public domain; company
responses are never read here), extracts its numbered comments with asckg's own anatomy and
citation grammars, and writes one JSON line per comment to ``asckg/nlp/topics/data/comments.jsonl``:
the letter id, its date and sec.gov source, the comment number, its caption path and text, what it
cites, and, for the comments of ``CORPUS/topics/*.json``, the human labels and whether the
labeller counted the comment as citing (``null`` elsewhere:
those comments teach the model only through the labels their citations make certain).

The training code (:mod:`asckg.nlp.topics.train`) reads only that file, so the shipped model can
be retrained from what ships.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any, Iterator

from asckg.nlp.topics.rules import comment_cites

#: Where the collected comments ship, beside the model trained from them.
DATA_FILE = Path(__file__).with_name("data") / "comments.jsonl"


def _staff_letters(corpus: Path) -> Iterator[dict[str, str]]:
    with open(corpus / "manifest.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["kind"] == "upload" and (corpus / row["path"]).exists():
                yield row


def collect(corpus: Path) -> list[dict[str, Any]]:
    """One dict per numbered comment of every staff letter in the corpus, in manifest order."""
    from asckg.nlp.extract import Extractor
    from asckg.nlp.readers import read_path

    labels: dict[str, dict[str, Any]] = {}
    for path in sorted((corpus / "topics").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        labels[gold["id"]] = gold
    rows = list(_staff_letters(corpus))
    letters = [letter for row in rows for letter in read_path(corpus / row["path"])]
    source = {Path(row["path"]).stem: row["source"] for row in rows}
    out = []
    for record in Extractor(topics=False).extract(letters):
        anatomy = record.anatomy
        if anatomy is None or anatomy.kind != "staff":
            continue
        gold = labels.get(record.id, {}).get("comment_topics") or {}
        citing = set(labels.get(record.id, {}).get("comments_citing") or [])
        for c in anatomy.comments:
            if c.number is None:
                continue
            number = str(c.number)
            url = source.get(record.id, "")
            out.append({
                "letter": record.id,
                "date": record.letter_date,
                "source": url.split("(orig ", 1)[-1].split(";")[0] if "(orig " in url else url,
                "number": number,
                "heading": list(c.heading_path),
                "text": c.text,
                "cites": [[x.kind, x.ref, x.staff] for x in comment_cites(record.mentions, c.start, c.end)],
                "labels": gold.get(number) if gold else None,
                "citing": (number in citing) if gold else None,
            })
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="a corpus directory with manifest.csv, letters/ and topics/")
    parser.add_argument("--out", type=Path, default=DATA_FILE)
    args = parser.parse_args(argv)
    rows = collect(args.corpus)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    labelled = sum(1 for r in rows if r["labels"] is not None)
    print(f"{len(rows)} comments ({labelled} labelled) -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
