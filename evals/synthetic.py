"""Synthetic claim collections for load and latency benchmarks, built from the CheckThat data.

Real verified claims come first; the rest are deterministic variants (sentences of two claims
spliced, numbers changed), so a collection of any size has realistic vocabulary and length.
Built databases are cached under evals/cache/ keyed by size and seed.
"""

from __future__ import annotations

import json
import random
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from bot.domain import Claim
from bot.embedding import Embedder, VectorCache, embed_passages_cached
from storage import Store

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
CACHE_DIR = Path(__file__).resolve().parent / "cache"
_NUMBER_RE = re.compile(r"\d+")


def base_claims(data_dir: Path = SHARED_DATA) -> list[Claim]:
    """The real verified claims of both CheckThat collections (about 24.6k)."""
    from evals.checkthat import read_collection

    claims = read_collection(data_dir / "checkthat2022_task2a_en" / "vclaims.jsonl")
    claims += read_collection(data_dir / "checkthat2020_task2" / "verified_claims.docs.tsv")
    for i, claim in enumerate(claims):
        claim.claim_id = f"base-{i}"
    return claims


def generate_claims(n: int, seed: int = 13, data_dir: Path = SHARED_DATA) -> Iterator[Claim]:
    """n claims: the real ones first, then spliced variants with changed numbers."""
    rng = random.Random(seed)
    base = base_claims(data_dir)
    for claim in base[:n]:
        yield claim
    for i in range(max(0, n - len(base))):
        ia, ib = rng.randrange(len(base)), rng.randrange(len(base))
        a, b = base[ia], base[ib]
        words_a, words_b = a.text.split(), b.text.split()
        cut_a = rng.randint(1, max(1, len(words_a) - 1))
        cut_b = rng.randint(0, max(0, len(words_b) - 1))
        text = " ".join(words_a[:cut_a] + words_b[cut_b:])
        text = _NUMBER_RE.sub(lambda m: str(rng.randint(1, 999)), text)
        day = f"20{rng.randint(15, 24):02d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        yield Claim(text=text, claim_id=f"syn-{seed}-{i}", title=None, language="en",
                    source=f"Synthetic {i % 50}", published_at=day,
                    url=f"https://example.org/synthetic/{seed}/{i}",
                    extra={"parents": [ia, ib], "cut": cut_a / max(1, len(words_a))})


def cached_store(n: int, seed: int = 13, data_dir: Path = SHARED_DATA) -> Path:
    """Path of a database holding `n` synthetic claims, built once and reused."""
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    path = CACHE_DIR / f"synthetic-v2-{n}-{seed}.db"
    if path.exists():
        return path
    tmp = path.with_suffix(".building")
    for leftover in CACHE_DIR.glob(tmp.name + "*"):
        leftover.unlink()
    store = Store(tmp)
    store.add_claims(generate_claims(n, seed, data_dir), batch_size=2000)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    shutil.move(tmp, path)
    return path


def attach_synthetic_vectors(path: Path, embedder: Embedder, cache: VectorCache) -> int:
    """Give every claim of a cached synthetic store a vector, without embedding a million texts.

    Real claims get their real passage vectors (from the evals cache, computed once); a spliced
    variant gets the normalised blend of its two parents' vectors plus a little noise. Only for
    latency measurements: the cost of a search does not depend on the vectors' values.
    """
    store = Store(path)
    model = embedder.model_id
    if store.count_vectors(model) == store.count_claims():
        store.close()
        return 0
    base = base_claims()  # every parent, stored or skipped as a duplicate
    texts = [(c.title + ". " if c.title else "") + c.text for c in base]
    by_index = dict(enumerate(embed_passages_cached(embedder, texts, cache, progress=True)))
    rng = np.random.default_rng(7)
    rows: list[tuple[int, str, bytes]] = []
    done = 0
    for claim in store.iter_claims(batch_size=5000):
        if claim.claim_id and claim.claim_id.startswith("base-"):
            vector = by_index[int(claim.claim_id.split("-")[1])]
        else:
            ia, ib = claim.extra["parents"]
            cut = float(claim.extra.get("cut", 0.5))
            vector = cut * by_index[ia] + (1 - cut) * by_index[ib]
            vector = vector + rng.normal(0, 0.01, size=vector.shape)
            vector = vector / np.linalg.norm(vector)
        rows.append((claim.rowid or 0, "synthetic", np.asarray(vector, np.float32).tobytes()))
        if len(rows) >= 20_000:
            done += store.put_vectors(model, rows)
            rows = []
    done += store.put_vectors(model, rows)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return done


def tweet_queries(data_dir: Path = SHARED_DATA) -> list[str]:
    """Tweet-length query texts: the CheckThat 2022 train/dev tweets."""
    from evals.checkthat import read_queries

    path = data_dir / "checkthat2022_task2a_en" / "CT2022-Task2A-EN-Train-Dev_Queries.tsv"
    return [text for _, text in read_queries(path)]


if __name__ == "__main__":  # pragma: no cover
    print(json.dumps([c.text for c in generate_claims(3)], indent=1))
