"""Print the aligner's score on every gold pair, with what it misses and what it adds.

    .venv/bin/python -m tests.gold.report

For each missed or extra link the report names the content words the two paragraphs share
(the aligner's own terms: stemmed, stopwords dropped), split into statement words and
names. A gold link whose paragraphs share no statement word cannot be found by lexical
evidence without also linking paragraphs that merely mention the same people.
"""

from __future__ import annotations

from pathlib import Path

from reader.align import Options, _terms
from reader.compare import align_documents, cross_row_links
from reader.corpus import Document, load_folder
from tests.gold.scorer import gold_links, gold_pairs, score, score_with_links

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def shared_words(left: str, right: str) -> tuple[list[str], list[str]]:
    """Statement words and names that two paragraphs share, in the aligner's terms."""
    options = Options()
    left_all, left_statement = _terms(left, options)
    right_all, right_statement = _terms(right, options)
    statement = sorted(set(left_statement) & set(right_statement))
    names = sorted((set(left_all) - set(left_statement)) & (set(right_all) - set(right_statement)))
    return statement, names


def _line(kind: str, left: Document, right: Document, i: int, j: int) -> str:
    statement, names = shared_words(left.paragraphs[i].text, right.paragraphs[j].text)
    return (
        f"  {kind} ¶{i}–¶{j}  statement words {statement or '—'}  names {names or '—'}\n"
        f"      {left.paragraphs[i].text[:70]!r}\n      {right.paragraphs[j].text[:70]!r}"
    )


def main() -> None:
    documents = {document.name[:3]: document for document in load_folder(SEEDS).documents}
    for pair in gold_pairs():
        left, right = documents[pair["left"][:3]], documents[pair["right"][:3]]
        groups = align_documents(left, right)
        gold = gold_links(left, right, pair["links"])
        rows_only = score(groups, gold)
        result = score_with_links(groups, cross_row_links(left, right, groups), gold)
        print(
            f"{left.name[:3]}↔{right.name[:3]}: P {result.precision:.2f}  R {result.recall:.2f}  "
            f"F1 {result.f1:.2f}  ({len(result.gold)} gold links, {len(result.predicted)} predicted; "
            f"rows alone F1 {rows_only.f1:.2f})"
        )
        for i, j in sorted(result.gold - result.predicted):
            print(_line("missed", left, right, i, j))
        for i, j in sorted(result.predicted - result.gold):
            print(_line("extra ", left, right, i, j))


if __name__ == "__main__":
    main()
