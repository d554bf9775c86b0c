"""Train the hybrid re-ranker (bot/data/reranker.json) on the CheckThat train splits.

Usage:
    python -m evals.train_reranker [--out bot/data/reranker.json] [--no-match-share 0.8]

For every train tweet of both collections, the hybrid matcher's candidates (BM25 top 50 and dense
top 50) become rows of features labelled 1 for gold claims. A logistic regression (numpy, L2,
Newton steps; deterministic) is fitted on all rows. The evidence threshold is then chosen on the
train tweets with their gold claims (and exact twins) removed: the lowest probability at which at
least `--no-match-share` of them get "not enough evidence". Dev sets are never used here.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from bot.hybrid import (DENSE_FEATURES, FEATURES, RERANKER_PATH, HybridMatcher, Reranker,
                        feature_matrix)
from bot.textnorm import detect_language
from evals.checkthat import (build_matchers, build_store, gold_with_twins, read_collection,
                             read_qrels, read_queries)
from evals.synthetic import SHARED_DATA

SPLITS = (
    ("checkthat2020_task2/verified_claims.docs.tsv", "checkthat2020_task2/train/tweets.queries.tsv",
     "checkthat2020_task2/train/tweet-vclaim-pairs.qrels"),
    ("checkthat2022_task2a_en/vclaims.jsonl",
     "checkthat2022_task2a_en/CT2022-Task2A-EN-Train-Dev_Queries.tsv",
     "checkthat2022_task2a_en/CT2022-Task2A-EN-Train_QRELs.tsv"),
)


def collect(data: Path) -> tuple[list[dict[str, float]], np.ndarray,
                                 list[list[dict[str, float]]]]:
    """Feature rows, labels, and per-query candidate features with the gold removed."""
    rows: list[dict[str, float]] = []
    labels: list[int] = []
    removed: list[list[dict[str, float]]] = []
    for claims_file, queries_file, qrels_file in SPLITS:
        store = build_store(read_collection(data / claims_file))
        matcher = build_matchers(store, ["hybrid"])["hybrid"]
        assert isinstance(matcher, HybridMatcher)
        qrels = read_qrels(data / qrels_file)
        ext = {c.rowid: c.claim_id for c in store.iter_claims()}
        for qid, text in read_queries(data / queries_file):
            if qid not in qrels:
                continue
            language = detect_language(text)
            feats = matcher.candidate_features(text, language)
            for cid, f in feats.items():
                rows.append(f)
                labels.append(int(ext[cid] in qrels[qid]))
            gone = gold_with_twins(store, qrels[qid])
            removed.append(list(matcher.candidate_features(text, language, exclude=gone).values()))
        print(f"{claims_file}: {len(rows)} rows so far", file=sys.stderr)
    return rows, np.array(labels, dtype=np.float64), removed


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 30) -> np.ndarray:
    """Weights (bias last) by Newton's method on the L2-penalised log loss."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    penalty = np.eye(xb.shape[1]) * l2
    penalty[-1, -1] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(xb @ w, -40, 40)))
        grad = xb.T @ (p - y) + penalty @ w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + penalty
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.train_reranker", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=SHARED_DATA)
    parser.add_argument("--out", type=Path, default=RERANKER_PATH)
    parser.add_argument("--no-match-share", type=float, default=0.8)
    args = parser.parse_args(argv)

    rows, y, removed = collect(args.data)
    w = fit_logistic(feature_matrix(rows), y)
    weights = {name: round(float(v), 6) for name, v in zip(FEATURES, w[:-1], strict=True)}
    bias = round(float(w[-1]), 6)
    # The same rows, seen only through language-independent features: the cross-lingual model.
    wd = fit_logistic(feature_matrix(rows, DENSE_FEATURES), y)
    dense_weights = {n: round(float(v), 6) for n, v in zip(DENSE_FEATURES, wd[:-1], strict=True)}
    dense_bias = round(float(wd[-1]), 6)
    reranker = Reranker(weights, bias, dense_weights, dense_bias)
    prob = reranker.probability

    best_removed = np.array(sorted(max((prob(f) for f in q), default=0.0) for q in removed))
    index = min(len(best_removed) - 1, int(np.ceil(args.no_match_share * len(best_removed))))
    threshold = round(float(best_removed[index]) + 1e-6, 6)
    model = {"features": list(FEATURES), "weights": weights, "bias": bias,
             "dense_features": list(DENSE_FEATURES), "dense_weights": dense_weights,
             "dense_bias": dense_bias, "threshold": threshold,
             "trained_on": "CheckThat 2020 train + 2022 train (shared/data), candidates of "
                           "BM25 top 50 + dense top 50",
             "rows": int(len(y)), "positives": int(y.sum())}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(model, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
