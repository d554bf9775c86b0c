"""Benchmark helper: give a store's claims their vectors from the content-hash cache.

Vectors are computed once per (model, text) and kept in evals/cache/vectors.sqlite, so re-runs of
the benchmarks do not embed again.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from bot.embedding import Embedder, VectorCache, embed_passages_cached, text_hash
from storage import Store

CACHE_PATH = Path(__file__).resolve().parent / "cache" / "vectors.sqlite"


def attach_vectors(store: Store, embedder: Embedder, cache: VectorCache,
                   progress: bool = True, language: str | None = None) -> int:
    """Embed (or fetch from cache) every claim of the store that lacks a vector (with
    `language`: every claim in that language)."""
    pending = store.claims_missing_vectors(embedder.model_id, 10**9, language)
    texts = [text for _, text in pending]
    vectors = embed_passages_cached(embedder, texts, cache, progress=progress)
    store.put_vectors(embedder.model_id,
                      [(cid, text_hash(text), vec.astype(np.float32).tobytes())
                       for (cid, text), vec in zip(pending, vectors, strict=True)])
    return len(pending)


class CachedQueryEmbedder:
    """Wraps an embedder so query vectors are cached too (keyed by model and 'query:' + text)."""

    def __init__(self, embedder: Embedder, cache: VectorCache) -> None:
        self._inner = embedder
        self._cache = cache
        self.model_id = embedder.model_id
        self.dim = embedder.dim

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        key = self.model_id + "#query"
        hashes = [text_hash(t) for t in texts]
        known = self._cache.get(key, hashes)
        missing = [(h, t) for h, t in zip(hashes, texts, strict=True) if h not in known]
        if missing:
            vectors = self._inner.embed_queries([t for _, t in missing])
            new = {h: v for (h, _), v in zip(missing, vectors, strict=True)}
            self._cache.put(key, new)
            known.update(new)
        return np.stack([known[h] for h in hashes])

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return embed_passages_cached(self._inner, texts, self._cache)
