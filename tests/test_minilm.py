"""The English encoder: offline load from the wheel, adapter merge, model id per adapter."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bot.minilm import ADAPTER_PATH, MiniLMEmbedder, load_adapter


@pytest.fixture(scope="module")
def base() -> MiniLMEmbedder:
    return MiniLMEmbedder(adapter=None, num_threads=1)


def test_base_model_loads_offline_and_embeds_normalised_vectors(base: MiniLMEmbedder) -> None:
    vectors = base.embed_queries(["Russian forces captured the town", "Troops took the city",
                                  "A recipe for apple pie"])
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
    assert base.embed_passages([]).shape == (0, 384)


def test_adapter_is_merged_and_named_in_the_model_id(tmp_path: Path,
                                                     base: MiniLMEmbedder) -> None:
    name = "encoder.layer.0.attention.self.query.weight"
    rng = np.random.default_rng(0)
    path = tmp_path / "adapter.npz"
    np.savez(path, **{"__scale__": np.array(2.0, dtype=np.float32),
                      f"{name}::A": rng.normal(size=(4, 384)).astype(np.float16),
                      f"{name}::B": rng.normal(size=(384, 4)).astype(np.float16)})
    assert list(load_adapter(path)) == [name]
    adapted = MiniLMEmbedder(adapter=path, num_threads=1)
    assert adapted.model_id.startswith(base.model_id + "+adapter-")
    text = ["Lysychansk is under Ukrainian control"]
    assert not np.allclose(adapted.embed_queries(text), base.embed_queries(text))


def test_the_shipped_adapter_exists_and_changes_the_vectors(base: MiniLMEmbedder) -> None:
    assert ADAPTER_PATH.exists(), "run python -m evals.train_minilm"
    adapted = MiniLMEmbedder(num_threads=1)
    assert adapted.model_id != base.model_id
    pair = ["Russia captured Lysychansk", "Lysychansk was taken by Russian troops"]
    a, b = adapted.embed_queries(pair)
    assert a @ b > 0.5
