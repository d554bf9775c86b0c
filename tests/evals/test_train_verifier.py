"""Mining the verifier's training pairs (evals.train_verifier.mine_pairs), with a stub encoder."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bot.embedding import VectorCache
from evals.train_verifier import mine_pairs

CLAIMS = [
    "The mayor banned dogs from parks.",        # gold
    "The mayor banned “dogs” from parks.",      # its twin (quotes only)
    "The mayor opened a dog park.",             # nearest non-gold
    "Dogs must be leashed in parks.",           # second nearest
    "Schools closed for a heatwave.",           # far
]
# The stub's vectors: cosine to the query falls down the list.
VECTORS = {text: np.array([1.0, 0.02 * i], dtype=np.float32) / np.hypot(1.0, 0.02 * i)
           for i, text in enumerate(CLAIMS)}
VECTORS["Schools closed for a heatwave."] = np.array([0.0, 1.0], dtype=np.float32)


class StubEmbedder:
    model_id = "stub-2d"
    dim = 2

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return np.stack([VECTORS[t] for t in texts])

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return np.tile(np.array([1.0, 0.0], dtype=np.float32), (len(texts), 1))


class OneTweet:
    """A Collection with one train tweet whose gold is the first claim."""

    def __init__(self) -> None:
        self.texts = CLAIMS
        self.position = {f"c{i}": i for i in range(len(CLAIMS))}
        self.train_ids = ["t1"]
        self.train = [("Mayor bans dogs from all parks", {"c0"})]


def test_gold_is_positive_twins_are_never_negatives(tmp_path: Path) -> None:
    pairs = mine_pairs(StubEmbedder(), OneTweet(), VectorCache(tmp_path / "v.sqlite"),  # type: ignore[arg-type]
                       negatives=2)
    assert pairs == [("Mayor bans dogs from all parks", CLAIMS[0], 1),
                     ("Mayor bans dogs from all parks", CLAIMS[2], 0),
                     ("Mayor bans dogs from all parks", CLAIMS[3], 0)]


def test_hybrid_misses_come_first_and_are_not_repeated(tmp_path: Path) -> None:
    misses = {"t1": [CLAIMS[4], CLAIMS[2]]}
    pairs = mine_pairs(StubEmbedder(), OneTweet(), VectorCache(tmp_path / "v.sqlite"),  # type: ignore[arg-type]
                       negatives=2, misses=misses)
    assert [(claim, label) for _, claim, label in pairs] == [
        (CLAIMS[0], 1), (CLAIMS[4], 0), (CLAIMS[2], 0), (CLAIMS[3], 0)]


def test_a_held_out_fold_is_left_out(tmp_path: Path) -> None:
    from evals.train_minilm import fold_of

    pairs = mine_pairs(StubEmbedder(), OneTweet(), VectorCache(tmp_path / "v.sqlite"),  # type: ignore[arg-type]
                       negatives=2, holdout_fold=fold_of("t1"))
    assert pairs == []
