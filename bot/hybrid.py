"""Hybrid matching: BM25 and dense candidates merged, then re-ranked with cheap features.

Features per candidate: BM25 (relative to the query's best), dense cosine and its gap to the best,
reciprocal ranks on both sides, term coverage, name-key overlap, number overlap. A logistic
re-ranker (weights in bot/data/reranker.json, trained by evals/train_reranker.py on the CheckThat
train splits) turns them into a match probability; the evidence threshold applies to it.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from bot.dense import DenseIndex
from bot.domain import Match
from bot.embedding import Embedder
from bot.matching import build_match_expression
from bot.textnorm import detect_language, query_terms
from storage import Store

RERANKER_PATH = Path(__file__).resolve().parent / "data" / "reranker.json"
NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)?")

FEATURES = (
    "bm25_rel", "bm25_rr", "cos", "cos_gap", "cos_rr", "coverage", "key_overlap",
    "number_overlap", "lexical_hit", "dense_hit", "cross_lingual",
)


# Features that mean the same whatever the languages of post and claim. A claim in another
# language than the post has no word overlap by construction, so it is scored by a second model
# trained on these alone instead of being punished for missing lexical evidence.
DENSE_FEATURES = ("cos", "cos_gap", "cos_rr", "key_overlap", "number_overlap")


def _logistic(weights: dict[str, float], bias: float, features: dict[str, float]) -> float:
    z = bias + sum(w * features.get(name, 0.0) for name, w in weights.items())
    return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))


@dataclass(slots=True)
class Reranker:
    """Two logistic models: probability that a candidate states the post's claim.

    `weights` (all FEATURES) scores claims in the post's language; `dense_weights`
    (DENSE_FEATURES) scores claims in another language.
    """

    weights: dict[str, float]
    bias: float
    dense_weights: dict[str, float]
    dense_bias: float
    threshold: float = 0.5  # below this probability a match is not evidence

    def probability(self, features: dict[str, float]) -> float:
        if features.get("cross_lingual"):
            return _logistic(self.dense_weights, self.dense_bias, features)
        return _logistic(self.weights, self.bias, features)

    @classmethod
    def load(cls, path: Path = RERANKER_PATH) -> Reranker:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(weights=dict(data["weights"]), bias=float(data["bias"]),
                   dense_weights=dict(data["dense_weights"]),
                   dense_bias=float(data["dense_bias"]),
                   threshold=float(data.get("threshold", 0.5)))


# Used only if bot/data/reranker.json is missing (it is committed): a hand-set blend.
FALLBACK = Reranker(weights={"bm25_rel": 2.0, "cos_gap": 20.0, "cos": 6.0, "coverage": 2.0,
                             "key_overlap": 1.0}, bias=-9.0,
                    dense_weights={"cos_gap": 20.0, "cos": 8.0, "key_overlap": 1.0},
                    dense_bias=-8.0, threshold=0.5)


@lru_cache(maxsize=1)
def default_reranker() -> Reranker:
    return Reranker.load() if RERANKER_PATH.exists() else FALLBACK


def _numbers(text: str) -> set[str]:
    return {n.replace(",", ".") for n in NUMBER_RE.findall(text)}


@dataclass(slots=True)
class HybridMatcher:
    """BM25 + dense retrieval with a learned re-ranker; `score` is a match probability."""

    store: Store
    embedder: Embedder
    index: DenseIndex
    reranker: Reranker = field(default_factory=default_reranker)
    candidates: int = 50
    apply_threshold: bool = True

    def rank(self, text: str, language: str | None = None, limit: int = 10) -> list[Match]:
        language = language or detect_language(text)
        feats = self.candidate_features(text, language)
        if not feats:
            return []
        claims = self.store.get_claims(list(feats))
        matches = []
        for cid, f in feats.items():
            claim = claims.get(cid)
            if claim is None:
                continue
            p = self.reranker.probability(f)
            if self.apply_threshold and p < self.reranker.threshold:
                continue
            matches.append(Match(claim=claim, score=p, features=f))
        matches.sort(key=lambda m: (-m.score, m.claim.rowid or 0))
        return matches[:limit]

    def candidate_features(self, text: str, language: str | None,
                           exclude: frozenset[int] = frozenset()) -> dict[int, dict[str, float]]:
        """Features of every candidate from either side, by claim id.

        `exclude` drops claims as if they were not stored (benchmarks remove gold claims so).
        """
        terms, keys = query_terms(text, language)
        expression = build_match_expression(terms, keys)
        extra = len(exclude)
        hits = (self.store.search_lexical(expression, self.candidates + extra)
                if expression else [])
        hits = [h for h in hits if h.rowid not in exclude][: self.candidates]
        query_vec = self.embedder.embed_queries([text])[0]
        dense = [(cid, cos) for cid, cos in self.index.search(query_vec, self.candidates + extra)
                 if cid not in exclude][: self.candidates]
        ids = list(dict.fromkeys([h.rowid for h in hits] + [cid for cid, _ in dense]))
        if not ids:
            return {}
        cosines = self.index.cosine(query_vec, ids)
        top_cos = dense[0][1] if dense else 0.0
        top_bm25 = hits[0].score if hits else 1.0
        lexical = {h.rowid: (rank, h.score) for rank, h in enumerate(hits)}
        dense_rank = {cid: rank for rank, (cid, _) in enumerate(dense)}
        indexed = self.store.indexed_terms(ids)
        languages = self.store.claim_languages(ids)
        q_terms = set(terms)
        q_prefixes = {t[:5] for t in terms if len(t) >= 5}
        q_keys = set(keys)
        q_numbers = _numbers(text)
        out: dict[int, dict[str, float]] = {}
        for cid in ids:
            c_terms_text, c_keys_text = indexed.get(cid, ("", ""))
            c_terms = set(c_terms_text.split())
            c_prefixes = {t[:5] for t in c_terms if len(t) >= 5}
            c_keys = set(c_keys_text.split())
            found = sum(1 for t in q_terms if t in c_terms or (len(t) >= 5 and t[:5] in c_prefixes))
            rank, bm25 = lexical.get(cid, (None, 0.0))
            d_rank = dense_rank.get(cid)
            cos = cosines.get(cid, 0.0)
            c_numbers = _numbers(c_terms_text)
            out[cid] = {
                "bm25_rel": bm25 / top_bm25 if top_bm25 > 0 else 0.0,
                "bm25_rr": 1.0 / (rank + 1) if rank is not None else 0.0,
                "cos": cos,
                "cos_gap": cos - top_cos if cid in cosines else -0.2,
                "cos_rr": 1.0 / (d_rank + 1) if d_rank is not None else 0.0,
                "coverage": found / len(q_terms) if q_terms else 0.0,
                "key_overlap": len(q_keys & c_keys) / len(q_keys) if q_keys else 0.0,
                "number_overlap": (len(q_numbers & c_numbers) / len(q_numbers)
                                   if q_numbers else 0.0),
                "lexical_hit": 1.0 if rank is not None else 0.0,
                "dense_hit": 1.0 if d_rank is not None else 0.0,
                "cross_lingual": float(bool(language and languages.get(cid)
                                            and languages[cid] != language)),
            }
        return out


def feature_matrix(rows: list[dict[str, float]],
                   names: tuple[str, ...] = FEATURES) -> np.ndarray:
    return np.array([[r.get(name, 0.0) for name in names] for r in rows], dtype=np.float64)
