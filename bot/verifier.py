"""Match verifier: does this claim state what this post claims? (English posts and claims.)

A cross-encoder (bot.cross_encoder): all-MiniLM-L6-v2 reads the post and the claim as one input,
with the low-rank deltas and one-output head that evals/train_verifier.py trained on the
CheckThat train splits (bot/data/verifier_adapter.npz). Unlike the cosine of two separately
encoded texts, it sees both at once, so it can tell the claim a post makes from another claim
about the same people and topic. The evidence decision asks it about the best candidate of an
English post (bot.hybrid.HybridMatcher.verify).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from bot.cross_encoder import CrossEncoder
from bot.minilm import SWITCHED_OFF, torch_threads

log = logging.getLogger(__name__)

VERIFIER_PATH = Path(__file__).resolve().parent / "data" / "verifier_adapter.npz"


class Verifier:
    """Log-odds (and probability) that a claim states the post's claim."""

    def __init__(self, path: Path = VERIFIER_PATH, num_threads: int | None = None) -> None:
        self._encoder = CrossEncoder(path, num_threads=num_threads)
        if self._encoder.outputs != 1:
            raise ValueError(f"{path}: a verifier has one output, not {self._encoder.outputs}")

    def logits(self, post: str, claims: Sequence[str]) -> np.ndarray:
        return self._encoder.scores([post] * len(claims), list(claims)).reshape(-1)

    def probabilities(self, post: str, claims: Sequence[str]) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-np.clip(self.logits(post, claims), -40, 40)))


def default_verifier() -> Verifier | None:
    """The process-wide verifier, or None when switched off (CROSSCHECK_VERIFIER=off), not
    installed, or with no trained artifact (the evidence decision then runs without it)."""
    return _verifier(os.environ.get("CROSSCHECK_VERIFIER", "on").lower())


@lru_cache(maxsize=2)
def _verifier(setting: str) -> Verifier | None:
    if setting in SWITCHED_OFF or not VERIFIER_PATH.exists():
        return None
    try:
        return Verifier(num_threads=torch_threads())
    except ImportError as exc:
        log.warning("match verifier unavailable (%s); deciding evidence without it", exc)
        return None
