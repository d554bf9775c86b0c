"""Hybrid matching: BM25 and dense candidates merged, then re-ranked with cheap features.

Features per candidate: BM25 (relative to the query's best), dense cosine and its gap to the best,
reciprocal ranks on both sides, term coverage, name-key overlap, number overlap, and, for an
English post and an English claim, the cosine of a second, English-strong encoder (MiniLM with
the CheckThat adapter, `SecondEncoder`). A logistic re-ranker (weights in bot/data/reranker.json,
trained by evals/train_reranker.py on the CheckThat train splits) turns them into a match
probability; the evidence threshold applies to it. For an English post whose best candidate is
an English claim, the match verifier (bot.verifier, a cross-encoder reading both texts at once)
adds its verdict on that pair to the evidence decision.
"""

from __future__ import annotations

import json
import logging
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from bot.dense import DenseIndex
from bot.domain import Match
from bot.embedding import Embedder
from bot.matching import build_match_expression
from bot.stance.frames import known_places, places_compatible, places_conflict, settlement_names
from bot.textnorm import detect_language, query_terms
from storage import Store

log = logging.getLogger(__name__)

RERANKER_PATH = Path(__file__).resolve().parent / "data" / "reranker.json"
# Post languages the cross-lingual gate was calibrated on (evals/data/crosslingual_claims.jsonl).
CALIBRATED_LANGUAGES = frozenset({"en", "ru", "uk"})
NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)?")

FEATURES = (
    "bm25_rel", "bm25_rr", "cos", "cos_gap", "cos_rr", "coverage", "key_overlap",
    "number_overlap", "lexical_hit", "dense_hit", "cross_lingual", "bm25_abs",
    "claim_coverage", "cos_en", "cos_en_gap", "cos_en_rr",
)
SECOND_FEATURES = ("cos_en", "cos_en_gap", "cos_en_rr")

# Which features each model reads. "rank" models order candidates and gate the best one (is there
# evidence at all?); "abs" models read only absolute features (no rank or gap to the best), and
# decide which further candidates say the same thing too. The "_xl" variants serve claims in
# another language than the post: word overlap is impossible there by construction, so they read
# only features that mean the same across languages.
MODEL_FEATURES: dict[str, tuple[str, ...]] = {
    # BM25 enters only in absolute form: relative to the query's best lexical hit it made one
    # weak same-language hit look like a perfect match next to a translated one.
    "rank": ("cos", "cos_gap", "cos_rr", "coverage", "claim_coverage", "bm25_abs",
             "key_overlap", "number_overlap", "dense_hit"),
    "rank_xl": ("cos", "cos_gap", "cos_rr", "key_overlap", "number_overlap"),
    "abs": ("cos", "bm25_abs", "coverage", "claim_coverage", "key_overlap", "number_overlap"),
    "abs_xl": ("cos", "key_overlap", "number_overlap"),
}
# Same-language candidates that also have the second encoder's cosine (English post and claim).
MODEL_FEATURES["rank_en"] = MODEL_FEATURES["rank"] + SECOND_FEATURES
MODEL_FEATURES["abs_en"] = MODEL_FEATURES["abs"] + ("cos_en",)


# Query-level features of the evidence decision: how the best candidate looks on its own.
# Deliberately left out although they help on CheckThat: the margin over the runner-up (in our
# store several sources state the same claim, so a true match has company) and the share of the
# claim's words found in the post (our claims carry attributions and run longer than a post).
EVIDENCE_FEATURES = ("top_abs", "top_cos", "top_coverage", "top_bm25_abs", "top_key_overlap",
                     "top_number_overlap", "top_cross_lingual")
# For a best candidate in another language than the post: no word-overlap features.
EVIDENCE_XL_FEATURES = ("top_abs", "top_cos", "top_key_overlap", "top_number_overlap")
# For a best candidate with the second encoder's cosine.
EVIDENCE_EN_FEATURES = EVIDENCE_FEATURES + ("top_cos_en",)
# For a best candidate the match verifier (bot.verifier) has read together with the post.
EVIDENCE_VERIFIED_FEATURES = EVIDENCE_EN_FEATURES + ("top_verify",)


def evidence_features(scored: list[tuple[int, float, float, dict[str, float]]]
                      ) -> dict[str, float]:
    """EVIDENCE_FEATURES of a scored candidate list (best first)."""
    if not scored:
        return {}
    _, _, top_abs, top = scored[0]
    others = scored[1:]
    second_cos = max((f.get("cos", 0.0) for _, _, _, f in others), default=0.0)
    second_abs = max((pa for _, _, pa, _ in others), default=0.0)
    return {
        "top_abs": top_abs, "top_cos": top.get("cos", 0.0),
        "top_coverage": top.get("coverage", 0.0),
        "top_claim_coverage": top.get("claim_coverage", 0.0),
        "top_bm25_abs": top.get("bm25_abs", 0.0),
        "top_key_overlap": top.get("key_overlap", 0.0),
        "top_number_overlap": top.get("number_overlap", 0.0),
        "cos_margin": top.get("cos", 0.0) - second_cos, "abs_margin": top_abs - second_abs,
        "top_cross_lingual": top.get("cross_lingual", 0.0),
        "top_cos_en": top.get("cos_en", 0.0),
        "top_verify": top.get("verify", 0.0),
    }


def model_view(features: dict[str, float]) -> str:
    """Which model family reads a candidate: "_xl" (other language), "_en" (second encoder's
    cosine present) or "" (same language, no second encoder)."""
    if features.get("cross_lingual"):
        return "_xl"
    return "_en" if "cos_en" in features else ""


def _logistic(weights: dict[str, float], bias: float, features: dict[str, float]) -> float:
    z = bias + sum(w * features.get(name, 0.0) for name, w in weights.items())
    return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))


@dataclass(slots=True)
class Reranker:
    """Logistic models over candidate features, and the two thresholds of the evidence decision.

    `evidence`: the evidence model's probability (EVIDENCE_FEATURES of the candidate list) must
    reach it, else "not enough evidence".
    `related`: further candidates are shown when their absolute probability reaches it
    (`related_en` for candidates scored with the English cosine: that model is sharper, so its
    probabilities live on another scale).
    """

    models: dict[str, tuple[dict[str, float], float]]
    evidence: float = 0.5
    related: float = 0.5
    evidence_xl: float = 0.5
    xl_cos_shift: float = 0.0
    evidence_en: float | None = None
    related_en: float | None = None
    evidence_xl_other: float | None = None
    evidence_verified: float | None = None

    def related_threshold(self, features: dict[str, float]) -> float:
        if self.related_en is not None and model_view(features) == "_en":
            return self.related_en
        return self.related

    def _model(self, kind: str, features: dict[str, float]) -> tuple[dict[str, float], float]:
        view = model_view(features)
        return self.models.get(kind + view) or self.models[kind]

    def probability(self, features: dict[str, float]) -> float:
        """Rank probability: how likely this candidate is the claim the post makes."""
        weights, bias = self._model("rank", features)
        return _logistic(weights, bias, features)

    def absolute(self, features: dict[str, float]) -> float:
        """Probability from absolute features only: does this claim state the post's claim?"""
        weights, bias = self._model("abs", features)
        return _logistic(weights, bias, features)

    def _evidence_name(self, scored: list[tuple[int, float, float, dict[str, float]]]) -> str:
        top = scored[0][3]
        if "verify" in top and "evidence_verified" in self.models:
            return "evidence_verified"
        name = "evidence" + model_view(top)
        return name if name in self.models else "evidence"

    def has_evidence(self, scored: list[tuple[int, float, float, dict[str, float]]]) -> float:
        """Probability that the best candidate states the post's claim (0 with no candidates)."""
        if not scored:
            return 0.0
        name = self._evidence_name(scored)
        if name not in self.models:
            return scored[0][2]
        weights, bias = self.models[name]
        return _logistic(weights, bias, evidence_features(scored))

    def evidence_threshold(self, scored: list[tuple[int, float, float, dict[str, float]]],
                           language: str | None = None) -> float:
        """The gate for this candidate list. A translation gate was calibrated on en/ru/uk posts
        only; a post in any other language (or gibberish that language detection files under
        one) meets the stricter threshold chosen on the train tweets."""
        if not scored:
            return self.evidence
        name = self._evidence_name(scored)
        if name == "evidence_xl":
            if (language and language not in CALIBRATED_LANGUAGES
                    and self.evidence_xl_other is not None):
                return max(self.evidence_xl, self.evidence_xl_other)
            return self.evidence_xl
        if name == "evidence_en" and self.evidence_en is not None:
            return self.evidence_en
        if name == "evidence_verified" and self.evidence_verified is not None:
            return self.evidence_verified
        return self.evidence

    @classmethod
    def load(cls, path: Path = RERANKER_PATH) -> Reranker:
        data = json.loads(path.read_text(encoding="utf-8"))
        models = {name: (dict(m["weights"]), float(m["bias"]))
                  for name, m in data["models"].items()}
        return cls(models=models, evidence=float(data["evidence_threshold"]),
                   related=float(data["related_threshold"]),
                   evidence_xl=float(data.get("evidence_xl_threshold",
                                              data["evidence_threshold"])),
                   xl_cos_shift=float(data.get("xl_cos_shift", 0.0)),
                   evidence_en=(float(data["evidence_en_threshold"])
                                if "evidence_en_threshold" in data else None),
                   related_en=(float(data["related_en_threshold"])
                               if "related_en_threshold" in data else None),
                   evidence_xl_other=(float(data["evidence_xl_other_threshold"])
                                      if "evidence_xl_other_threshold" in data else None),
                   evidence_verified=(float(data["evidence_verified_threshold"])
                                      if "evidence_verified_threshold" in data else None))


# Used only if bot/data/reranker.json is missing (it is committed): a hand-set blend.
FALLBACK = Reranker(models={
    "rank": ({"bm25_rel": 2.0, "cos_gap": 20.0, "cos": 6.0, "coverage": 2.0}, -9.0),
    "rank_xl": ({"cos_gap": 20.0, "cos": 8.0, "key_overlap": 1.0}, -8.0),
    "abs": ({"cos": 10.0, "coverage": 3.0}, -10.0),
    "abs_xl": ({"cos": 12.0, "key_overlap": 1.0}, -11.0),
})


@lru_cache(maxsize=1)
def default_reranker() -> Reranker:
    return Reranker.load() if RERANKER_PATH.exists() else FALLBACK


def _numbers(text: str) -> set[str]:
    return {n.replace(",", ".") for n in NUMBER_RE.findall(text)}


@dataclass(slots=True)
class SecondEncoder:
    """A single-language encoder whose cosine re-ranks candidates in its language.

    Only claims stored in `language` get its vectors (bot.dense.embed_pending(language=...)), and
    only posts in that language are encoded with it; everything else is ranked without it.
    """

    embedder: Embedder
    language: str = "en"

    def cosines(self, store: Store, text: str, ids: list[int]) -> dict[int, float]:
        blobs = store.vectors_for(self.embedder.model_id, ids)
        if not blobs:
            return {}
        query = self.embedder.embed_queries([text])[0]
        known = list(blobs)
        matrix = np.frombuffer(b"".join(blobs[c] for c in known), dtype=np.float32)
        values = matrix.reshape(len(known), -1) @ query
        return {cid: float(v) for cid, v in zip(known, values, strict=True)}


@dataclass(slots=True)
class HybridMatcher:
    """BM25 + dense retrieval with a learned re-ranker; `score` is a match probability."""

    store: Store
    embedder: Embedder
    index: DenseIndex
    reranker: Reranker = field(default_factory=default_reranker)
    candidates: int = 50
    apply_threshold: bool = True
    second: SecondEncoder | None = None
    verifier: Any = None  # bot.verifier.Verifier, optional
    place_filter: bool = True  # drop candidates about other places (place_conflicts)
    # ...and, for a post that names a known place, candidates that name none of its places
    require_place: bool = True
    # ...and names the wording marks as settlements count too (bot.stance.frames.settlement_names)
    settlement_names: bool = True

    def rank(self, text: str, language: str | None = None, limit: int = 10) -> list[Match]:
        language = language or detect_language(text)
        scored = self.score(self.candidate_features(text, language))
        if self.apply_threshold:
            self.verify(text, scored)
            scored = share_across_languages(self.select(scored, language), limit)
        claims = self.store.get_claims([cid for cid, _, _, _ in scored[:limit]])
        return [Match(claim=claims[cid], score=p, features={**f, "absolute": pa})
                for cid, p, pa, f in scored[:limit] if cid in claims]

    def score(self, feats: dict[int, dict[str, float]]
              ) -> list[tuple[int, float, float, dict[str, float]]]:
        """(claim id, rank probability, absolute probability, features), best first."""
        scored = [(cid, self.reranker.probability(f), self.reranker.absolute(f), f)
                  for cid, f in feats.items()]
        scored.sort(key=lambda item: (-item[1], item[0]))
        return scored

    def select(self, scored: list[tuple[int, float, float, dict[str, float]]],
               language: str | None = None
               ) -> list[tuple[int, float, float, dict[str, float]]]:
        """The evidence decision: nothing unless the best is a match; then all that state it."""
        if not scored or (self.reranker.has_evidence(scored)
                          < self.reranker.evidence_threshold(scored, language)):
            return []
        return self.shown(scored)

    def verify(self, text: str, scored: list[tuple[int, float, float, dict[str, float]]]
               ) -> None:
        """Let the match verifier read the post with its best candidate, when both are in the
        verifier's language (English): adds "verify" (log-odds) to that candidate's features,
        which switches the evidence decision to the model that reads it."""
        if self.verifier is None or not scored or model_view(scored[0][3]) != "_en":
            return
        claim = self.store.get_claims([scored[0][0]]).get(scored[0][0])
        if claim is None:
            return
        try:
            value = float(self.verifier.logits(text, [claim.passage])[0])
        except Exception as exc:  # a failing model costs the verdict, not the answer
            log.warning("match verifier failed, deciding without it: %s", exc)
            return
        scored[0][3]["verify"] = value

    def shown(self, scored: list[tuple[int, float, float, dict[str, float]]]
              ) -> list[tuple[int, float, float, dict[str, float]]]:
        """What is shown once the evidence gate is passed: the best, and every further claim
        whose absolute probability reaches the related threshold of its scale."""
        return scored[:1] + [s for s in scored[1:]
                             if s[2] >= self.reranker.related_threshold(s[3])]

    def place_conflicts(self, text: str, ids: list[int]) -> set[int]:
        """Candidates that name only other known places than the post does (a claim about
        Siversk for a post about Pokrovsk): never a match, so never a candidate. With
        `require_place`, a post that names a known place also drops candidates that name none
        of its places (nor one inside or around them): "Russian forces captured the village"
        is no evidence about Pokrovsk. Nothing is dropped for a post that names no place of the
        gazetteer (bot.stance.frames.known_places)."""
        if not self.place_filter or not ids:
            return set()
        known = known_places(text)
        post = known | settlement_names(text) if self.settlement_names else known
        if not post:
            return set()
        dropped: set[int] = set()
        for cid, claim in self.store.get_claims(ids).items():
            named = known_places(claim.passage)
            if self.settlement_names:
                named |= settlement_names(claim.passage)
            if places_conflict(post, named) or (
                    self.require_place and known and places_compatible(known, named) is not True):
                dropped.add(cid)
        return dropped

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
        conflicts = self.place_conflicts(text, ids)
        if conflicts:
            hits = [h for h in hits if h.rowid not in conflicts]
            dense = [(cid, cos) for cid, cos in dense if cid not in conflicts]
            ids = [cid for cid in ids if cid not in conflicts]
        if not ids:
            return {}
        indexed = self.store.indexed_terms(ids)
        languages = self.store.claim_languages(ids)
        crosses = {cid: bool(language and languages.get(cid) and languages[cid] != language)
                   for cid in ids}
        # Translations sit lower in e5's cosine space than same-language paraphrases do; the
        # shift (measured by evals/train_reranker.py) puts both on one scale before comparing.
        shift = self.reranker.xl_cos_shift
        cosines = {cid: c + (shift if crosses[cid] else 0.0)
                   for cid, c in self.index.cosine(query_vec, ids).items()}
        top_cos = max(cosines.values(), default=0.0)
        top_bm25 = hits[0].score if hits else 1.0
        lexical = {h.rowid: (rank, h.score) for rank, h in enumerate(hits)}
        dense_rank = {cid: rank for rank, (cid, _) in enumerate(dense)}
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
                "bm25_abs": bm25 / len(q_terms) if q_terms else 0.0,
                "claim_coverage": (sum(1 for t in c_terms if t in q_terms or (
                    len(t) >= 5 and t[:5] in q_prefixes)) / len(c_terms)) if c_terms else 0.0,
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
                "cross_lingual": float(crosses[cid]),
            }
        if self.second is not None and language == self.second.language:
            self._add_second_cosines(text, out, languages)
        return out

    def _add_second_cosines(self, text: str, out: dict[int, dict[str, float]],
                            languages: dict[int, str | None]) -> None:
        """cos_en, its gap to the best and its reciprocal rank, for claims in the encoder's
        language that already have its vector (the index may still be catching up)."""
        assert self.second is not None
        same = [cid for cid in out if languages.get(cid) == self.second.language]
        cosines = self.second.cosines(self.store, text, same) if same else {}
        if not cosines:
            return
        top = max(cosines.values())
        for rank, (cid, cos) in enumerate(sorted(cosines.items(), key=lambda kv: (-kv[1], kv[0]))):
            out[cid].update(cos_en=cos, cos_en_gap=cos - top, cos_en_rr=1.0 / (rank + 1))


def share_across_languages(scored: list[tuple[int, float, float, dict[str, float]]], limit: int
                           ) -> list[tuple[int, float, float, dict[str, float]]]:
    """The best `limit` of what was selected, with up to a third of the places kept for claims
    in other languages than the post.

    Same-language claims score higher (word overlap, and the English encoder for English), so a
    well-covered event would otherwise fill every place with sources in the post's language and
    hide what Russian or Ukrainian sources said. Order stays by score.
    """
    if len(scored) <= limit:
        return scored
    other = [s for s in scored if s[3].get("cross_lingual")]
    same = [s for s in scored if not s[3].get("cross_lingual")]
    reserved = min(len(other), limit // 3)
    keep = same[: limit - reserved]
    keep += other[: limit - len(keep)]
    ids = {s[0] for s in keep}
    return [s for s in scored if s[0] in ids]


def feature_matrix(rows: list[dict[str, float]], names: tuple[str, ...]) -> np.ndarray:
    return np.array([[r.get(name, 0.0) for name in names] for r in rows], dtype=np.float64)
