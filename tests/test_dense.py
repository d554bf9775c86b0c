"""Dense side: background embedding into the store, the in-memory index, model changes."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from bot.dense import DenseIndex, embed_pending
from bot.domain import Claim
from storage import Store


class CountingEmbedder:
    """A deterministic stand-in embedder (hashes words into 32 dims) that counts its inputs."""

    def __init__(self, model_id: str = "test-hash-v1") -> None:
        self.model_id = model_id
        self.dim = 32
        self.embedded: list[str] = []

    def _vec(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, dtype=np.float32)
        for word in text.lower().split():
            v[int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim] += 1.0
        return v / (np.linalg.norm(v) or 1.0)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return np.stack([self._vec(t) for t in texts])

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        self.embedded.extend(texts)
        return np.stack([self._vec(t) for t in texts])


def add(store: Store, *texts: str) -> None:
    start = store.count_claims()
    store.add_claims(Claim(text=t, claim_id=f"id{i}", url=f"https://e.org/{i}")
                     for i, t in enumerate(texts, start=start))


def test_embed_pending_embeds_each_text_once_and_stores_every_claim(store: Store) -> None:
    add(store, "alpha beta", "gamma delta", "alpha beta")  # the third repeats the first's text
    embedder = CountingEmbedder()
    assert embed_pending(store, embedder, batch_size=2) == 3
    assert store.count_vectors(embedder.model_id) == 3
    assert sorted(embedder.embedded) == ["alpha beta", "gamma delta"]
    assert embed_pending(store, embedder) == 0  # nothing left


def test_new_model_means_new_vectors_never_mixed(store: Store) -> None:
    add(store, "alpha beta", "gamma delta")
    old, new = CountingEmbedder("model-a"), CountingEmbedder("model-b")
    embed_pending(store, old)
    assert len(store.claims_missing_vectors("model-b", 10)) == 2
    embed_pending(store, new)
    assert store.count_vectors("model-a") == store.count_vectors("model-b") == 2
    index = DenseIndex("model-b", new.dim)
    assert index.refresh(store) == 2  # only model-b rows are loaded


def test_index_search_refresh_and_ties(store: Store) -> None:
    add(store, "capture of the city", "rain in london", "capture of the city")
    embedder = CountingEmbedder()
    embed_pending(store, embedder)
    index = DenseIndex(embedder.model_id, embedder.dim)
    assert index.refresh(store) == 3 and index.refresh(store) == 0
    hits = index.search(embedder.embed_queries(["capture of the city"])[0], 3)
    assert [cid for cid, _ in hits[:2]] == [1, 3]  # equal vectors: lower claim id first
    assert hits[0][1] > 0.99 and hits[2][1] < 0.5
    add(store, "more claims arrive later")
    embed_pending(store, embedder)
    assert index.refresh(store) == 1 and len(index) == 4
    cos = index.cosine(embedder.embed_queries(["rain in london"])[0], [2, 99])
    assert set(cos) == {2} and cos[2] > 0.99


def test_single_language_encoder_embeds_only_its_language(store: Store) -> None:
    store.add_claims([Claim(text="Troops left the town", claim_id="en1", language="en"),
                      Claim(text="Войска покинули город", claim_id="ru1", language="ru"),
                      Claim(text="Війська залишили місто", claim_id="uk1", language="uk")])
    english = CountingEmbedder("english-only-v1")
    assert store.count_claims(language="en") == 1
    assert embed_pending(store, english, language="en") == 1
    assert english.embedded == ["Troops left the town"]
    assert embed_pending(store, english, language="en") == 0  # nothing left in English
    rowids = {c.claim_id: c.rowid for c in store.iter_claims()}
    found = store.vectors_for("english-only-v1", [rowids["en1"], rowids["ru1"]])
    assert list(found) == [rowids["en1"]]
    assert np.frombuffer(found[rowids["en1"]], dtype=np.float32).shape == (32,)
