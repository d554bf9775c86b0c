"""Train the learned outcome classifier (bot.stance.outcomes) and calibrate its thresholds.

    nice -n 10 python -m evals.train_outcomes [--e5] [--enable] [--out bot/data/stance_outcomes.json.gz]

1. Trains one softmax regression per outcome family (control, encircle, agent, target, downed,
   killed; each with a `none` class) on evals/data/outcome_train.jsonl, the team's own training
   statements (never on any pair file's statements): binary place-masked lemma, lemma-bigram and
   character 3-5-gram features (vocabulary: features in >= 2 statements), L2-normalised; with
   `--e5`, multilingual e5 query vectors of the masked text too (cached by content hash in
   evals/cache/vectors.sqlite). scikit-learn lbfgs, balanced class weights, C from `--C`.
2. Picks per-label thresholds on the dev + test + holdout pairs (never holdout2): the lowest
   confidence at which the component's sides reach precision >= 0.9 with >= 5 proposals, over the
   pairs the frames leave without a side (frames + outcomes, as in production), and separately for
   the classifier alone (frames off; for evaluation only).
3. Writes the artifact (gzip, mtime 0, float16 weights): the same bytes for the same inputs.
   `--enable` switches the component on in production (`CombinedStance.load`).
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from bot.stance.outcomes import (
    ARTIFACT,
    HEADS,
    OutcomeClassifier,
    OutcomeStance,
    encode,
    features,
    mask_places,
)
from evals.train_stance import MIN_SUPPORT, PRECISION_TARGET, pick_threshold

ROOT = Path(__file__).resolve().parents[1]
BANK = ROOT / "evals" / "data" / "outcome_train.jsonl"
PAIRS = ROOT / "evals" / "data" / "stance_pairs.jsonl"
CACHE = ROOT / "evals" / "cache" / "vectors.sqlite"
CALIBRATION_SPLITS = ("dev", "test", "holdout")
SIDES = ("corroborates", "contradicts")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def head_label(outcomes: list[str], head: str) -> str:
    for label in HEADS[head]:
        if label in outcomes:
            return label
    return "none"


def embed(texts: list[str]) -> np.ndarray:
    from bot.embedding import VectorCache, default_embedder, text_hash

    embedder = default_embedder()
    cache = VectorCache(CACHE)
    model_id = embedder.model_id + "/query"
    hashes = [text_hash(t) for t in texts]
    known = cache.get(model_id, hashes)
    missing = sorted({h: t for h, t in zip(hashes, texts, strict=True) if h not in known}.items())
    for start in range(0, len(missing), 32):
        chunk = missing[start:start + 32]
        vectors = embedder.embed_queries([t for _, t in chunk])
        new = {h: v for (h, _), v in zip(chunk, vectors, strict=True)}
        cache.put(model_id, new)
        known.update(new)
    cache.close()
    return np.stack([known[h] for h in hashes]).astype(np.float32)


def train(bank: list[dict[str, Any]], c: float, use_e5: bool) -> dict[str, Any]:
    from scipy.sparse import csr_matrix, hstack
    from sklearn.linear_model import LogisticRegression

    feats = [sorted(set(features(row["text"]))) for row in bank]
    df = Counter(f for fs in feats for f in fs)
    vocab = sorted(f for f, n in df.items() if n >= 2)
    index = {f: i for i, f in enumerate(vocab)}
    rows, cols, vals = [], [], []
    for r, fs in enumerate(feats):
        js = [index[f] for f in fs if f in index]
        for j in js:
            rows.append(r)
            cols.append(j)
            vals.append(1.0 / np.sqrt(len(js)))
    x = csr_matrix((vals, (rows, cols)), shape=(len(bank), len(vocab)), dtype=np.float64)
    e = embed([mask_places(row["text"]) for row in bank]) if use_e5 else None
    design = hstack([x, csr_matrix(e.astype(np.float64))]).tocsr() if e is not None else x
    payload: dict[str, Any] = {"vocab": vocab, "embedding_dim": int(e.shape[1]) if e is not None
                               else 0, "heads": {}}
    for head in HEADS:
        y = [head_label(row["outcomes"], head) for row in bank]
        classes = ["none", *HEADS[head]]
        target = np.array([classes.index(v) for v in y])
        model = LogisticRegression(C=c, max_iter=5000, class_weight="balanced", tol=1e-6)
        model.fit(design, target)
        coef = np.zeros((len(classes), design.shape[1]))
        bias = np.zeros(len(classes))
        for k, cls in enumerate(model.classes_):
            coef[cls] = model.coef_[k]
            bias[cls] = model.intercept_[k]
        if len(model.classes_) < len(classes):  # a class never seen: never predicted
            bias[[k for k in range(len(classes)) if k not in model.classes_]] = -30.0
        payload["heads"][head] = {
            "classes": classes,
            "W": encode(coef[:, :len(vocab)].T),
            "E": encode(coef[:, len(vocab):].T) if e is not None else None,
            "b": [round(float(v), 5) for v in bias],
            "counts": dict(sorted(Counter(y).items())),
        }
    return payload


def calibrate(payload: dict[str, Any], pairs_path: Path) -> dict[str, Any]:
    from bot.stance.combine import CombinedStance

    pairs = [p for p in read_jsonl(pairs_path) if p["split"] in CALIBRATION_SPLITS]
    classifier = OutcomeClassifier.from_payload(payload)
    frames_model = CombinedStance.load(with_generic=False, with_outcomes=False)
    report: dict[str, Any] = {"n_pairs": len(pairs)}
    for key, use_frames in (("thresholds", True), ("thresholds_alone", False)):
        stance = OutcomeStance(classifier, floor=payload["floor"], use_frames=use_frames)
        scored: dict[str, list[tuple[float, bool]]] = {r: [] for r in SIDES}
        for pair in pairs:
            post, claim = pair["post"]["text"], pair["claim"]["text"]
            if use_frames:
                judgement = frames_model.judge(post, claim)
                if judgement.relation in SIDES:
                    continue  # the frames decide this pair
            relation, confidence = stance.propose(post, claim)
            if relation in SIDES:
                scored[relation].append((confidence, pair["gold"] == relation))
        payload[key] = {r: round(pick_threshold(scored[r]), 6) for r in SIDES}
        report[key] = {r: {"proposals": len(scored[r]),
                           "correct": sum(ok for _, ok in scored[r])} for r in SIDES}
    return report


def write(payload: dict[str, Any], out: Path) -> None:
    raw = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as gz:
        gz.write(raw.encode("utf-8"))
    out.write_bytes(buffer.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.train_outcomes", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bank", default=str(BANK))
    parser.add_argument("--pairs", default=str(PAIRS))
    parser.add_argument("--out", default=str(ARTIFACT))
    parser.add_argument("--C", type=float, default=10.0, dest="c")
    parser.add_argument("--floor", type=float, default=0.5,
                        help="a class below this probability is no outcome")
    parser.add_argument("--e5", action="store_true", help="add e5 vectors to the features")
    parser.add_argument("--enable", action="store_true", help="switch it on in production")
    args = parser.parse_args(argv)
    bank = read_jsonl(Path(args.bank))
    payload = train(bank, args.c, args.e5)
    payload.update({"floor": args.floor, "enabled": bool(args.enable), "C": args.c,
                    "trained_on": "evals/data/outcome_train.jsonl",
                    "calibrated_on": "evals/data/stance_pairs.jsonl splits " +
                                     "+".join(CALIBRATION_SPLITS),
                    "precision_target": PRECISION_TARGET, "min_support": MIN_SUPPORT})
    report = calibrate(payload, Path(args.pairs))
    payload["calibration"] = report
    out = Path(args.out)
    write(payload, out)
    print(f"{len(bank)} statements, {len(payload['vocab'])} features, e5={args.e5}; "
          f"wrote {out} ({out.stat().st_size} bytes), enabled={args.enable}")
    print(json.dumps({k: payload[k] for k in ("thresholds", "thresholds_alone")}))
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
