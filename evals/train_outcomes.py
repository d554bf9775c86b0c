"""Train the learned outcome classifier (bot.stance.outcomes) and calibrate its thresholds.

    nice -n 10 python -m evals.train_outcomes [--e5] [--enable] [--no-statements]
        [--splits dev,test,...] [--no-second-reader] [--reader-no-side 0.5]
        [--skip-calibration] [--out bot/data/stance_outcomes.json.gz]

1. Trains one softmax regression per outcome family (control, encircle, agent, target, downed,
   killed; each with a `none` class) on evals/data/outcome_train.jsonl (templated statements of
   our own) plus the annotated statements of the pair splits in TRAIN_SPLITS (dev, test, holdout
   ... holdout20, or `--splits`; a later holdout is left out until it is named here, so that it
   measures the classifier on events it never read), and the `no_side` head
   (other / unconfirmed / both against a stated outcome) on those statements alone: binary
   place-masked lemma, lemma-bigram and character 3-5-gram features (vocabulary: features in >= 2
   statements), L2-normalised; with `--e5`, multilingual e5 query vectors of the masked text too
   (cached by content hash in evals/cache/vectors.sqlite). scikit-learn lbfgs, balanced class
   weights, C from `--C`. `--no-statements` trains on the templated statements only (as before).
2. Calibrates out of fold, since the model has read the pair statements: for each split, a model
   trained without that split's statements judges its pairs and scores its statements. The side
   thresholds are the lowest confidence at which the component's sides reach precision >= 0.9
   with >= 5 proposals, over the pairs the frames leave without a side (frames + outcomes, as in
   production), and separately for the classifier alone (frames off; for evaluation only). The
   veto is the lowest no-side probability at which >= 0.95 of the statements flagged are
   annotated no-side, with >= 20 flagged. `--skip-calibration` writes "never" everywhere (for
   the determinism test).
3. Writes the artifact (gzip, mtime 0, float16 weights): the same bytes for the same inputs.
   `--enable` switches the component on in production (`CombinedStance.load`) to fill in where
   the frames see no side. Independently of that, the classifier is the frames' second reader
   unless `--no-second-reader`: a side the frames see is shown only when the classifier's own
   reading concurs (`OutcomeStance.withholds`; `--reader-no-side` is its no-side bar).
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
    NEVER,
    NO_SIDE_HEAD,
    NO_SIDE_LABELS,
    OutcomeClassifier,
    OutcomeStance,
    encode,
    features,
    mask_places,
)
from evals.stance import HOLDOUTS, STATEMENTS, statement_split
from evals.train_stance import MIN_SUPPORT, PRECISION_TARGET, pick_threshold

ROOT = Path(__file__).resolve().parents[1]
BANK = ROOT / "evals" / "data" / "outcome_train.jsonl"
PAIRS = ROOT / "evals" / "data" / "stance_pairs.jsonl"
CACHE = ROOT / "evals" / "cache" / "vectors.sqlite"
SIDES = ("corroborates", "contradicts")
# The pair splits whose statements the model learns from (and is calibrated on, out of fold).
TRAIN_SPLITS = ("dev", "test", "holdout", "holdout2", "holdout3", "holdout4", "holdout5",
                "holdout6", "holdout7", "holdout8", "holdout9", "holdout10", "holdout11",
                "holdout12", "holdout13", "holdout14", "holdout15", "holdout16", "holdout17",
                "holdout18", "holdout19", "holdout20")
# With --reader-no-side P, a contradiction the frames see is also withheld when the second reader
# is at least P sure that one of the two texts takes no side. Off by default: it withholds the
# contradiction of a forwarded relay ("…, LPR militia says"), the group helper's main case
# (evals/RESULTS.md, "Twelfth stop: a second reader").
READER_NO_SIDE = NEVER
VETO_PRECISION = 0.95
VETO_SUPPORT = 20


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def pair_statements(splits: tuple[str, ...] = TRAIN_SPLITS) -> dict[str, list[dict[str, Any]]]:
    """The annotated statements of each pair split, marked as such (`real`)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for row in read_jsonl(STATEMENTS):
        out.setdefault(statement_split(row), []).append({**row, "real": True})
    for split, path in HOLDOUTS.items():
        out[split] = [{**row, "real": True} for row in read_jsonl(path)]
    return {split: out[split] for split in splits}


def head_label(outcomes: list[str], head: str) -> str:
    if head == NO_SIDE_HEAD:
        return NO_SIDE_HEAD if NO_SIDE_LABELS & set(outcomes) else "none"
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
    real = np.array([bool(row.get("real")) for row in bank])
    for head in (*HEADS, NO_SIDE_HEAD):
        # Outcomes are learned from every statement, "takes no side" from annotated ones only
        # (the templated bank's no-side sentences are too regular to learn it from).
        keep = real if head == NO_SIDE_HEAD else np.ones(len(bank), dtype=bool)
        if not keep.any():
            continue
        y = [head_label(row["outcomes"], head) for row, k in zip(bank, keep, strict=True) if k]
        classes = ["none", *HEADS.get(head, (NO_SIDE_HEAD,))]
        target = np.array([classes.index(v) for v in y])
        model = LogisticRegression(C=c, max_iter=5000, class_weight="balanced", tol=1e-6)
        model.fit(design[np.flatnonzero(keep)], target)
        coef = np.zeros((len(classes), design.shape[1]))
        bias = np.zeros(len(classes))
        if len(model.classes_) == 2:  # binary: one row; softmax over (0, z) is its sigmoid
            coef[model.classes_[1]] = model.coef_[0]
            bias[model.classes_[1]] = model.intercept_[0]
        else:
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


def calibrate(payload: dict[str, Any], pairs_path: Path, bank: list[dict[str, Any]],
              statements: dict[str, list[dict[str, Any]]], c: float, use_e5: bool
              ) -> dict[str, Any]:
    """Out-of-fold thresholds (see the module docstring); writes them into `payload`."""
    from bot.stance.combine import CombinedStance

    pairs = read_jsonl(pairs_path)
    frames_model = CombinedStance.load(with_generic=False, with_outcomes=False,
                                        with_learned=False)
    scored: dict[str, dict[str, list[tuple[float, bool]]]] = {
        key: {r: [] for r in SIDES} for key in ("thresholds", "thresholds_alone")}
    flagged: list[tuple[float, bool]] = []
    for split, held_out in statements.items():
        rest = [row for other, rows in statements.items() if other != split for row in rows]
        classifier = OutcomeClassifier.from_payload(train(bank + rest, c, use_e5))
        fold = OutcomeStance(classifier, floor=payload["floor"])
        flagged += [(fold.no_side(row["text"]), head_label(row["outcomes"], NO_SIDE_HEAD)
                     == NO_SIDE_HEAD) for row in held_out]
        for key, use_frames in (("thresholds", True), ("thresholds_alone", False)):
            stance = OutcomeStance(classifier, floor=payload["floor"], use_frames=use_frames)
            for pair in (p for p in pairs if p["split"] == split):
                post, claim = pair["post"]["text"], pair["claim"]["text"]
                if use_frames and frames_model.judge(post, claim).relation in SIDES:
                    continue  # the frames decide this pair
                relation, confidence = stance.propose(post, claim)
                if relation in SIDES:
                    scored[key][relation].append((confidence, pair["gold"] == relation))
    report: dict[str, Any] = {"splits": list(statements),
                              "n_pairs": sum(p["split"] in statements for p in pairs)}
    for key, lists in scored.items():
        payload[key] = {r: round(pick_threshold(lists[r]), 6) for r in SIDES}
        report[key] = {r: {"proposals": len(lists[r]), "correct": sum(ok for _, ok in lists[r])}
                       for r in SIDES}
    payload["veto"] = round(pick_threshold(flagged, VETO_PRECISION, VETO_SUPPORT), 6)
    report["veto"] = {"statements": len(flagged), "no_side": sum(ok for _, ok in flagged),
                      "flagged": sum(p >= payload["veto"] for p, _ in flagged),
                      "flagged_no_side": sum(ok for p, ok in flagged if p >= payload["veto"])}
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
    parser.add_argument("--no-second-reader", action="store_true",
                        help="do not make it the second reader of the frames' sides")
    parser.add_argument("--reader-no-side", type=float, default=READER_NO_SIDE,
                        help="no-side probability from which the reader withholds a contradiction")
    parser.add_argument("--no-statements", action="store_true",
                        help="train on the templated statements only, not the pair statements")
    parser.add_argument("--splits", default=",".join(TRAIN_SPLITS),
                        help="comma-separated pair splits whose statements it learns from")
    parser.add_argument("--skip-calibration", action="store_true",
                        help="write 'never' thresholds (fast; for the determinism test)")
    args = parser.parse_args(argv)
    bank = read_jsonl(Path(args.bank))
    splits = tuple(s for s in args.splits.split(",") if s)
    statements = {} if args.no_statements else pair_statements(splits)
    payload = train(bank + [row for rows in statements.values() for row in rows], args.c, args.e5)
    payload.update({"floor": args.floor, "enabled": bool(args.enable), "C": args.c,
                    "second_reader": not args.no_second_reader,
                    "reader_no_side": args.reader_no_side,
                    "trained_on": "evals/data/outcome_train.jsonl" + "".join(
                        f" + {split} statements" for split in statements),
                    "precision_target": PRECISION_TARGET, "min_support": MIN_SUPPORT,
                    "veto_precision": VETO_PRECISION, "veto_support": VETO_SUPPORT})
    if args.skip_calibration:
        payload.update({"thresholds": {r: NEVER for r in SIDES},
                        "thresholds_alone": {r: NEVER for r in SIDES}, "veto": NEVER})
        report: dict[str, Any] = {"skipped": True}
    else:
        report = calibrate(payload, Path(args.pairs), bank, statements, args.c, args.e5)
    payload["calibration"] = report
    out = Path(args.out)
    write(payload, out)
    print(f"{len(bank)} templated + {sum(map(len, statements.values()))} pair statements, "
          f"{len(payload['vocab'])} features, e5={args.e5}; "
          f"wrote {out} ({out.stat().st_size} bytes), enabled={args.enable}")
    print(json.dumps({k: payload[k] for k in ("thresholds", "thresholds_alone", "veto")}))
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
