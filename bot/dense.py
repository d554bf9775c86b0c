"""Dense side of matching: embed stored claims in the background, search them in memory.

Claims are stored at full speed and embedded later in batches (`embed_pending`); the in-memory
`DenseIndex` (a float32 numpy matrix, exact cosine search) picks up new vectors on `refresh`, so
a query never waits for embedding: claims not yet embedded are still found lexically.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import numpy as np
from threadpoolctl import threadpool_limits

from bot.embedding import Embedder, text_hash
from storage import Store

log = logging.getLogger(__name__)


def embed_pending(store: Store, embedder: Embedder, *, batch_size: int = 64,
                  limit: int | None = None, language: str | None = None,
                  on_batch: Callable[[int], None] | None = None) -> int:
    """Embed claims that have no vector from this embedder yet; returns how many were stored.

    A text that another claim already has a vector for is not embedded again. With `language`,
    only claims in that language (for a single-language encoder).
    """
    done = 0
    while limit is None or done < limit:
        take = batch_size if limit is None else min(batch_size, limit - done)
        pending = store.claims_missing_vectors(embedder.model_id, take, language)
        if not pending:
            break
        hashes = [text_hash(text) for _, text in pending]
        known = store.vectors_by_text_hash(embedder.model_id, hashes)
        todo = [(i, text) for i, ((_, text), h) in enumerate(zip(pending, hashes, strict=True))
                if h not in known]
        if todo:
            vectors = embedder.embed_passages([text for _, text in todo])
            for (i, _), vector in zip(todo, vectors, strict=True):
                known[hashes[i]] = np.asarray(vector, dtype=np.float32).tobytes()
        store.put_vectors(embedder.model_id,
                          [(cid, h, known[h]) for (cid, _), h in zip(pending, hashes, strict=True)])
        done += len(pending)
        if on_batch is not None:
            on_batch(len(pending))
    return done


SINGLE_THREAD_ROWS = 300_000


class DenseIndex:
    """Exact cosine search over one model's claim vectors, held in memory.

    Rows are appended as vectors arrive (`refresh`); `search` is a matrix-vector product plus a
    partial sort, about 1 ms per 10k claims on this machine's 2 cores.
    """

    def __init__(self, model_id: str, dim: int) -> None:
        self.model_id = model_id
        self.dim = dim
        self._matrix = np.zeros((0, dim), dtype=np.float32)
        self._ids = np.zeros(0, dtype=np.int64)
        self._rows = 0
        self._row_of: dict[int, int] = {}
        self._last_rowid = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return self._rows

    def add(self, claim_ids: np.ndarray, vectors: np.ndarray) -> None:
        """Append vectors (rows already L2-normalised) for claim ids."""
        with self._lock:
            need = self._rows + len(claim_ids)
            if need > len(self._matrix):
                capacity = max(need, int(len(self._matrix) * 1.5) + 1024)
                matrix = np.zeros((capacity, self.dim), dtype=np.float32)
                matrix[: self._rows] = self._matrix[: self._rows]
                ids = np.zeros(capacity, dtype=np.int64)
                ids[: self._rows] = self._ids[: self._rows]
                self._matrix, self._ids = matrix, ids
            for offset, cid in enumerate(claim_ids):
                row = self._row_of.get(int(cid))
                if row is not None:  # re-embedded claim: overwrite in place
                    self._matrix[row] = vectors[offset]
                    continue
                row = self._rows
                self._matrix[row] = vectors[offset]
                self._ids[row] = cid
                self._row_of[int(cid)] = row
                self._rows += 1

    def refresh(self, store: Store) -> int:
        """Load vectors stored since the last refresh; returns how many were added."""
        added = 0
        for batch in store.iter_vectors(self.model_id, self._last_rowid):
            ids = np.array([r[1] for r in batch], dtype=np.int64)
            vectors = np.frombuffer(b"".join(r[2] for r in batch), dtype=np.float32)
            self.add(ids, vectors.reshape(len(batch), self.dim))
            self._last_rowid = int(batch[-1][0])
            added += len(batch)
        return added

    def search(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        """(claim id, cosine) of the k nearest claims, best first; ties by lower claim id."""
        with self._lock:
            rows = self._rows
            if rows == 0:
                return []
            # Up to a few hundred thousand rows, one BLAS thread: OpenBLAS workers left spinning
            # after a threaded product steal the cores the embedding model's OpenMP threads need
            # next (a 100k-claim check: 152 -> 82 ms p50). At 1M rows the threaded product wins
            # (232 vs 285 ms p50), so big indexes keep all threads. See evals/RESULTS.md.
            limit = 1 if rows <= SINGLE_THREAD_ROWS else None
            with threadpool_limits(limits=limit, user_api="blas"):
                scores = self._matrix[:rows] @ np.asarray(query, dtype=np.float32)
            ids = self._ids[:rows]
        k = min(k, rows)
        top = np.argpartition(-scores, k - 1)[:k]
        order = sorted(top, key=lambda r: (-scores[r], ids[r]))
        return [(int(ids[r]), float(scores[r])) for r in order]

    def cosine(self, query: np.ndarray, claim_ids: list[int]) -> dict[int, float]:
        """Cosine of the query with given claims (those that have a vector)."""
        with self._lock:
            rows = [(cid, self._row_of[cid]) for cid in claim_ids if cid in self._row_of]
            if not rows:
                return {}
            vectors = self._matrix[[r for _, r in rows]]
        scores = vectors @ np.asarray(query, dtype=np.float32)
        return {cid: float(s) for (cid, _), s in zip(rows, scores, strict=True)}
