"""Train the hybrid re-ranker (bot/data/reranker.json) on the CheckThat train splits.

Usage:
    python -m evals.train_reranker [--out bot/data/reranker.json] [--retention 0.90]

For every train tweet of both collections, the hybrid matcher's candidates (BM25 top 50 and dense
top 50) become rows of features labelled 1 for gold claims. Four logistic regressions (numpy, L2,
Newton steps; deterministic) are fitted on all rows, one per feature set in
bot.hybrid.MODEL_FEATURES. Thresholds are chosen on the same train tweets, never on dev:
- evidence: a fifth, query-level logistic model (bot.hybrid.EVIDENCE_FEATURES: the best
  candidate's own features and its margin over the runner-up), fitted on each train tweet's
  candidate list with its gold (label: is the best one gold) and without it (label 0); its
  threshold is the highest that keeps at least `--retention` of the train MAP@5; the
  cross-lingual one is capped so that 90% of the calibration translations (odd ids of
  evals/data/crosslingual_claims.jsonl) count as evidence;
- related: the absolute probability that `--related-recall` of gold claims reach.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from bot.hybrid import (
    EVIDENCE_EN_FEATURES,
    EVIDENCE_FEATURES,
    EVIDENCE_VERIFIED_FEATURES,
    EVIDENCE_XL_FEATURES,
    MODEL_FEATURES,
    RERANKER_PATH,
    SECOND_FEATURES,
    HybridMatcher,
    Reranker,
    SecondEncoder,
    evidence_features,
    feature_matrix,
)
from bot.textnorm import detect_language
from evals.checkthat import (
    build_matchers,
    build_store,
    english_encoder,
    gold_with_twins,
    read_collection,
    read_qrels,
    read_queries,
)
from evals.synthetic import SHARED_DATA
from storage import Store

SPLITS = (
    ("checkthat2020_task2/verified_claims.docs.tsv", "checkthat2020_task2/train/tweets.queries.tsv",
     "checkthat2020_task2/train/tweet-vclaim-pairs.qrels"),
    ("checkthat2022_task2a_en/vclaims.jsonl",
     "checkthat2022_task2a_en/CT2022-Task2A-EN-Train-Dev_Queries.tsv",
     "checkthat2022_task2a_en/CT2022-Task2A-EN-Train_QRELs.tsv"),
)

@dataclass(slots=True)
class Query:
    """One train tweet: candidate features and gold labels, features with the gold removed,
    and the texts the match verifier reads (the tweet; each candidate's passage)."""

    features: list[dict[str, float]]
    golds: list[int]
    removed: list[dict[str, float]]
    n_gold: int
    qid: str = ""
    text: str = ""
    passages: list[str] = field(default_factory=list)
    removed_passages: list[str] = field(default_factory=list)


def fold_encoders(store: Store) -> dict[int, SecondEncoder]:
    """The English encoder once per cross-fitting fold, each with the adapter that did not see
    that fold's tweets (evals.train_minilm --holdout-fold K), vectors from the evals cache."""
    from bot.embedding import VectorCache
    from bot.minilm import MiniLMEmbedder
    from evals.train_minilm import FOLD_PATHS
    from evals.vectors import CACHE_PATH, CachedQueryEmbedder, attach_vectors

    missing = [str(p) for p in FOLD_PATHS.values() if not p.exists()]
    if missing:
        raise SystemExit(f"missing fold adapters {missing}: run "
                         "`python -m evals.train_minilm --holdout-fold 0` and `... 1` first")
    cache = VectorCache(CACHE_PATH)
    encoders = {}
    for fold, path in FOLD_PATHS.items():
        embedder = CachedQueryEmbedder(MiniLMEmbedder(adapter=path), cache)
        attach_vectors(store, embedder, cache, progress=sys.stderr.isatty(), language="en")
        encoders[fold] = SecondEncoder(embedder)
    return encoders


def fold_verifiers() -> Callable[[Query, str], float]:
    """The match verifier's log-odds for a train tweet and a passage, read by the fold verifier
    that never saw the tweet (evals.train_verifier --holdout-fold K)."""
    from bot.verifier import Verifier
    from evals.train_minilm import fold_of
    from evals.train_verifier import FOLD_PATHS

    missing = [str(p) for p in FOLD_PATHS.values() if not p.exists()]
    if missing:
        raise SystemExit(f"missing fold verifiers {missing}: run "
                         "`python -m evals.train_verifier --holdout-fold 0` and `... 1` first")
    verifiers = {fold: Verifier(path, num_threads=2) for fold, path in FOLD_PATHS.items()}

    def verify(query: Query, passage: str) -> float:
        return float(verifiers[fold_of(query.qid)].logits(query.text, [passage])[0])

    return verify


def collect(data: Path) -> list[Query]:
    """Per train tweet: candidate features, gold labels, features with gold removed, #gold.

    The English encoder's cosine comes from the fold adapter that never saw the tweet.
    """
    from evals.train_minilm import fold_of

    queries: list[Query] = []
    for claims_file, queries_file, qrels_file in SPLITS:
        store = build_store(read_collection(data / claims_file))
        matcher = build_matchers(store, ["hybrid-e5"])["hybrid-e5"]
        assert isinstance(matcher, HybridMatcher)
        encoders = fold_encoders(store)
        queries += rank_queries(store, matcher, read_queries(data / queries_file),
                                read_qrels(data / qrels_file),
                                lambda qid: encoders[fold_of(qid)])
        print(f"{claims_file}: {len(queries)} queries so far", file=sys.stderr)
    return queries


def rank_queries(store: Store, matcher: HybridMatcher, tweets: list[tuple[str, str]],
                 qrels: dict[str, set[str]],
                 second: Callable[[str], SecondEncoder | None] | None = None) -> list[Query]:
    """Each tweet with gold claims: candidate features with and without its gold (and twins).
    `second` gives the English encoder to read a tweet with (by tweet id); None keeps the
    matcher's own."""
    stored = {c.rowid: c for c in store.iter_claims()}
    out: list[Query] = []
    for qid, text in tweets:
        if qid not in qrels:
            continue
        if second is not None:
            matcher.second = second(qid)
        language = detect_language(text)
        feats = matcher.candidate_features(text, language)
        labels = [int(stored[cid].claim_id in qrels[qid]) for cid in feats]
        without = matcher.candidate_features(text, language,
                                             exclude=gold_with_twins(store, qrels[qid]))
        out.append(Query(list(feats.values()), labels, list(without.values()), len(qrels[qid]),
                         qid, text, [stored[c].passage for c in feats],
                         [stored[c].passage for c in without]))
    return out


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


def ap_at_5(ranked_labels: list[int], n_gold: int) -> float:
    found, total = 0, 0.0
    for i, label in enumerate(ranked_labels[:5], start=1):
        if label:
            found += 1
            total += found / i
    return total / n_gold


def plain(features: dict[str, float]) -> dict[str, float]:
    """Features as a post without the English encoder sees them (a Russian or Ukrainian post,
    or a claim whose English vector is not there yet)."""
    return {k: v for k, v in features.items() if k not in SECOND_FEATURES}


def fit_evidence(reranker: Reranker, queries: list[Query], retention: float,
                 cross_lingual: bool = False, english: bool = False,
                 verify: Callable[[Query, str], float] | None = None,
                 ) -> tuple[dict[str, object], float]:
    """The query-level evidence model and its threshold.

    Rows: each train tweet's candidate list with its gold (label 1 when the best candidate is
    gold) and without it (label 0). The threshold is the highest whose train MAP@5 stays
    >= retention x the ungated MAP@5. With `cross_lingual`, every candidate is seen as if it
    were in another language than the tweet (the xl models score it, word overlap is hidden):
    the same train data, through the view a translated post has. With `verify` (the match
    verifier's log-odds for a tweet and a passage, from a verifier that never saw the tweet),
    the English view plus the verifier's reading of the best candidate.
    """
    names = (EVIDENCE_XL_FEATURES if cross_lingual else EVIDENCE_VERIFIED_FEATURES if verify
             else EVIDENCE_EN_FEATURES if english else EVIDENCE_FEATURES)
    key = ("evidence_xl" if cross_lingual else "evidence_verified" if verify
           else "evidence_en" if english else "evidence")
    english = english or verify is not None
    rows, labels, aps, removed_rows = [], [], [], []
    for q in queries:
        feats, golds, removed, n_gold = q.features, q.golds, q.removed, q.n_gold
        if not english:
            feats, removed = [plain(f) for f in feats], [plain(f) for f in removed]
        if cross_lingual:  # seen as translations: cosines shifted down by the measured gap
            feats = [{**f, "cross_lingual": 1.0, "cos": f["cos"] - reranker.xl_cos_shift}
                     for f in feats]
            removed = [{**f, "cross_lingual": 1.0, "cos": f["cos"] - reranker.xl_cos_shift}
                       for f in removed]
        present = reranker_scored(reranker, feats, golds)
        rows.append(evidence_features([(i, p, pa, f) for i, p, pa, f, _ in present]))
        labels.append(float(bool(present) and present[0][4] == 1))
        aps.append(ap_at_5([g for *_, g in present], n_gold))
        gone = reranker_scored(reranker, removed, [0] * len(removed))
        removed_rows.append(evidence_features([(i, p, pa, f) for i, p, pa, f, _ in gone]))
        if verify is not None:
            if present:
                rows[-1]["top_verify"] = verify(q, q.passages[present[0][0]])
            if gone:
                removed_rows[-1]["top_verify"] = verify(q, q.removed_passages[gone[0][0]])
        rows.append(removed_rows[-1])
        labels.append(0.0)
    w = fit_logistic(feature_matrix(rows, names), np.array(labels))
    model = {"weights": {n: round(float(v), 6) for n, v in zip(names, w[:-1], strict=True)},
             "bias": round(float(w[-1]), 6)}
    reranker.models[key] = (dict(model["weights"]), float(model["bias"]))  # type: ignore[arg-type]
    wmodel, bias = reranker.models[key]

    def prob(f: dict[str, float]) -> float:
        z = bias + sum(wmodel[n] * f.get(n, 0.0) for n in names)
        return float(1 / (1 + np.exp(-z)))

    present_p = np.array([prob(r) for r in rows[0::2]])
    removed_p = np.array([prob(r) for r in removed_rows])
    aps_a = np.array(aps)
    full = aps_a.mean()
    best = 0.0
    for t in sorted(set(np.round(present_p, 4))):
        if aps_a[present_p >= t].sum() / len(aps_a) >= retention * full:
            best = float(t)
    print(f"{key} threshold {best:.4f}: train MAP@5 "
          f"{aps_a[present_p >= best].sum() / len(aps_a):.4f} of {full:.4f}; gold removed -> "
          f"no evidence for {np.mean(removed_p < best):.1%}", file=sys.stderr)
    return model, best


def reranker_scored(reranker: Reranker, feats: list[dict[str, float]], golds: list[int]
                    ) -> list[tuple[int, float, float, dict[str, float], int]]:
    scored = [(i, reranker.probability(f), reranker.absolute(f), f, g)
              for i, (f, g) in enumerate(zip(feats, golds, strict=True))]
    scored.sort(key=lambda item: (-item[1], item[0]))
    return scored


def xl_cos_shift(gold_cosines: np.ndarray) -> float:
    """How much lower translations sit in cosine than same-language matches: the median cosine
    of CheckThat train gold pairs minus the median cosine of translation pairs in the
    calibration half (odd ids) of evals/data/crosslingual_claims.jsonl. The even half is kept
    for evals.crosslingual."""
    from bot.embedding import VectorCache, default_embedder
    from evals.crosslingual import DATA, LANGS, calibration_rows
    from evals.vectors import CACHE_PATH, CachedQueryEmbedder

    embedder = CachedQueryEmbedder(default_embedder(), VectorCache(CACHE_PATH))
    rows = calibration_rows(DATA)
    cosines = []
    for target in LANGS:
        passages = embedder.embed_passages([r[target] for r in rows])
        for source in LANGS:
            if source != target:
                queries = embedder.embed_queries([r[source] for r in rows])
                cosines.extend((queries * passages).sum(axis=1).tolist())
    shift = float(np.median(gold_cosines) - np.median(cosines))
    print(f"xl cosine shift {shift:.4f} (gold same-language median "
          f"{np.median(gold_cosines):.4f}, translations median {np.median(cosines):.4f})",
          file=sys.stderr)
    return shift


def translation_evidence(reranker: Reranker, quantile: float) -> float:
    """The evidence probability that `1 - quantile` of translated claims reach in every
    direction: each claim of the calibration half (odd ids) stored in one language among 2,000
    English CheckThat claims and queried in the two others, through the real matcher."""
    from bot.dense import DenseIndex
    from bot.domain import Claim
    from bot.embedding import VectorCache, default_embedder
    from evals.crosslingual import DATA, LANGS, calibration_rows
    from evals.synthetic import base_claims
    from evals.vectors import CACHE_PATH, CachedQueryEmbedder, attach_vectors
    from storage import Store

    cache = VectorCache(CACHE_PATH)
    embedder = CachedQueryEmbedder(default_embedder(), cache)
    rows = calibration_rows(DATA)
    probs: dict[tuple[str, str], list[float]] = {}
    for target in LANGS:
        store = Store(memory=True)
        store.add_claims([Claim(text=r[target], claim_id=r["id"], language=target)
                          for r in rows] + base_claims()[:2000])
        attach_vectors(store, embedder, cache, progress=False)
        index = DenseIndex(embedder.model_id, embedder.dim)
        index.refresh(store)
        matcher = HybridMatcher(store, embedder, index, reranker=reranker,
                                second=english_encoder(store, cache))
        for source in LANGS:
            if source == target:
                continue
            for row in rows:
                scored = matcher.score(matcher.candidate_features(row[source], source))
                probs.setdefault((source, target), []).append(reranker.has_evidence(scored))
        store.close()
    # Per direction, not pooled: English posts reach lower probabilities than Russian/Ukrainian
    # ones (no shared name keys), and a pooled quantile let them fail far more often.
    by_direction = {d: float(np.quantile(p, quantile)) for d, p in probs.items()}
    value = min(by_direction.values())
    print(f"translations: lowest per-direction {quantile:.0%} quantile of evidence probability "
          f"{value:.4f} ({', '.join(f'{s}->{t} {v:.3f}' for (s, t), v in by_direction.items())})",
          file=sys.stderr)
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.train_reranker", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=SHARED_DATA)
    parser.add_argument("--out", type=Path, default=RERANKER_PATH)
    parser.add_argument("--retention", type=float, default=0.90)
    parser.add_argument("--verified-retention", type=float, default=0.95,
                        help="train MAP@5 kept by the threshold of the verified evidence model")
    parser.add_argument("--related-recall", type=float, default=0.95)
    args = parser.parse_args(argv)

    queries = collect(args.data)
    rows = [f for q in queries for f in q.features]
    y = np.array([label for q in queries for label in q.golds], dtype=np.float64)
    shift = xl_cos_shift(np.array([f["cos"] for f, label in zip(rows, y, strict=True)
                                   if label and not f.get("cross_lingual")]))
    models: dict[str, dict[str, object]] = {}
    for name, names in MODEL_FEATURES.items():
        # CheckThat rows all carry the English cosine; the other models never read it.
        assert name.endswith("_en") or not set(names) & set(SECOND_FEATURES)
        w = fit_logistic(feature_matrix(rows, names), y)
        models[name] = {"weights": {n: round(float(v), 6) for n, v in zip(names, w[:-1],
                                                                          strict=True)},
                        "bias": round(float(w[-1]), 6)}
    reranker = Reranker(models={n: (dict(m["weights"]), float(m["bias"]))  # type: ignore[arg-type]
                                for n, m in models.items()}, xl_cos_shift=shift)
    models["evidence"], evidence = fit_evidence(reranker, queries, args.retention)
    models["evidence_en"], evidence_en = fit_evidence(reranker, queries, args.retention,
                                                      english=True)
    models["evidence_xl"], evidence_xl = fit_evidence(reranker, queries, args.retention,
                                                      cross_lingual=True)
    models["evidence_verified"], evidence_verified = fit_evidence(
        reranker, queries, args.verified_retention, verify=fold_verifiers())
    # A translated claim is what the cross-lingual gate exists for: never set it so high that
    # more than 10% of the calibration translations of any direction would be turned away.
    evidence_xl_other = evidence_xl  # posts in languages the translations do not cover
    evidence_xl = min(evidence_xl, translation_evidence(reranker, 0.10))
    # One threshold per scale: the plain models' (also used for other-language claims, as
    # before the English encoder) and the English models'.
    gold_abs = np.sort([reranker.absolute(plain(f))
                        for f, label in zip(rows, y, strict=True) if label])
    related = float(gold_abs[int((1 - args.related_recall) * len(gold_abs))])
    gold_abs_en = np.sort([reranker.absolute(f) for f, label in zip(rows, y, strict=True)
                           if label])
    related_en = float(gold_abs_en[int((1 - args.related_recall) * len(gold_abs_en))])
    model = {"models": models, "evidence_threshold": round(evidence, 6),
             "related_threshold": round(related, 6),
             "related_en_threshold": round(related_en, 6),
             "evidence_xl_threshold": round(evidence_xl, 6),
             "evidence_xl_other_threshold": round(evidence_xl_other, 6),
             "evidence_en_threshold": round(evidence_en, 6),
             "evidence_verified_threshold": round(evidence_verified, 6),
             "xl_cos_shift": round(shift, 6),
             "trained_on": "CheckThat 2020 train + 2022 train (shared/data), candidates of "
                           "BM25 top 50 + dense top 50; English cosine from the cross-fitting "
                           "fold adapters",
             "rows": len(y), "positives": int(y.sum())}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in model.items() if k != "models"}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
