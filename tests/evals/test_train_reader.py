"""The learned reader's training script (evals.train_reader): deterministic, and it learns."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from evals.train_reader import rows_of, train, write


def test_training_gives_the_same_bytes_twice(tmp_path: Path) -> None:
    rows = rows_of(("dev",))[:12]
    outputs = []
    for run in range(2):
        _, heads, factors, counts = train(rows, epochs=2, rank=2, log=False)  # step 1: lr 0
        out = tmp_path / f"reader{run}.npz"
        write(out, heads, factors, {"run": 0, **counts})
        outputs.append(np.load(out))
    first, second = outputs
    assert first.files == second.files
    assert any(k.endswith(".lora_b") for k in first.files)
    for key in first.files:
        assert np.array_equal(first[key], second[key]), key
    # the low-rank factors moved away from their zero start
    assert any(np.abs(first[k]).max() > 0 for k in first.files if k.endswith(".lora_b"))
