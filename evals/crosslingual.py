"""Cross-lingual retrieval: claims stored in one language, queried in another.

Usage:
    python -m evals.crosslingual [--data evals/data/crosslingual_claims.jsonl] [--distractors N]
                                 [--half even|odd|all] [--no-english]

For each of the six directions (en->ru, en->uk, ru->en, ru->uk, uk->en, uk->ru) the claims are
stored in the target language (plus N English CheckThat claims as distractors) and each claim of
the held-out half (even ids; the odd ids calibrate the cross-lingual cosine shift) is queried in
the source language through the product pipeline (hybrid matcher). Prints Recall@1
with the ranking alone, Recall@1 counting only answers above the evidence threshold, and MRR.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot.dense import DenseIndex
from bot.domain import Claim, Post
from bot.embedding import VectorCache, default_embedder
from bot.hybrid import HybridMatcher
from bot.pipeline import Pipeline
from bot.verifier import default_verifier
from evals.checkthat import english_encoder
from evals.synthetic import base_claims
from evals.vectors import CACHE_PATH, CachedQueryEmbedder, attach_vectors
from storage import Store

DATA = Path(__file__).resolve().parent / "data" / "crosslingual_claims.jsonl"
LANGS = ("en", "ru", "uk")


def calibration_rows(path: Path) -> list[dict[str, str]]:
    """The odd-numbered claims: used by evals/train_reranker.py to measure the cross-lingual
    cosine shift, so they are not scored here by default."""
    return [r for r in _rows(path) if int(r["id"].split("-")[1]) % 2 == 1]


def _rows(path: Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.crosslingual", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--distractors", type=int, default=2000,
                        help="English CheckThat claims stored alongside (default 2000)")
    parser.add_argument("--half", choices=("even", "odd", "all"), default="even",
                        help="which claims to query: even ids (held out, default), odd ids "
                             "(used to calibrate the cross-lingual cosine shift), or all")
    parser.add_argument("--no-english", dest="english", action="store_false",
                        help="without the English encoder (English distractors then lose the "
                             "re-ranking feature the product gives them)")
    args = parser.parse_args(argv)

    rows = _rows(args.data)
    if args.half != "all":
        parity = 0 if args.half == "even" else 1
        queried = [r for r in rows if int(r["id"].split("-")[1]) % 2 == parity]
    else:
        queried = rows
    cache = VectorCache(CACHE_PATH)
    embedder = CachedQueryEmbedder(default_embedder(), cache)
    distractors = base_claims()[: args.distractors]
    print(f"{len(rows)} claims x 3 languages stored, {len(queried)} queried ({args.half} ids); "
          f"{len(distractors)} distractors")
    print("| stored | queried | Recall@1 (ranking) | Recall@1 (above threshold) | MRR |")
    print("|---|---|---|---|---|")
    worst = 1.0
    for target in LANGS:
        store = Store(memory=True)
        store.add_claims([Claim(text=r[target], claim_id=r["id"], language=target)
                          for r in rows] + distractors)
        attach_vectors(store, embedder, cache, progress=False)
        index = DenseIndex(embedder.model_id, embedder.dim)
        index.refresh(store)
        second = english_encoder(store, cache) if args.english else None
        ranking = Pipeline(store, matcher=HybridMatcher(store, embedder, index,
                                                        apply_threshold=False, second=second))
        verifier = default_verifier() if second is not None else None
        product = Pipeline(store, matcher=HybridMatcher(store, embedder, index, second=second,
                                                        verifier=verifier))
        for source in LANGS:
            if source == target:
                continue
            hit1 = hit1_threshold = 0
            rr = 0.0
            for row in queried:
                ranked = [m.claim.claim_id for m in ranking.check(Post(text=row[source]),
                                                                  limit=10).matches]
                answered = [m.claim.claim_id for m in product.check(Post(text=row[source]),
                                                                    limit=1).matches]
                hit1 += bool(ranked) and ranked[0] == row["id"]
                hit1_threshold += bool(answered) and answered[0] == row["id"]
                if row["id"] in ranked:
                    rr += 1 / (ranked.index(row["id"]) + 1)
            n = len(queried)
            worst = min(worst, hit1 / n)
            print(f"| {target} | {source} | {hit1 / n:.3f} | {hit1_threshold / n:.3f} | "
                  f"{rr / n:.3f} |", flush=True)
        store.close()
    print(f"worst direction Recall@1 (ranking): {worst:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
