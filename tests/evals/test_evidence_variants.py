"""evals.evidence_variants: thresholds by retention, verifier re-ordering, and a whole comparison
on synthetic candidate lists where only the verifier tells gold from near misses."""

from __future__ import annotations

import numpy as np
import pytest

from bot.hybrid import Reranker
from evals.evidence_variants import (
    Logits,
    Variant,
    compare,
    rerank_by_verifier,
    retention_threshold,
    tweet_length,
)
from evals.train_reranker import Query

# Rank and absolute probabilities from the cosine alone; every candidate looks alike to them.
RERANKER = Reranker(models={"rank": ({"cos": 10.0}, -5.0), "abs": ({"cos": 10.0}, -5.0)},
                    related=0.99)


def test_retention_threshold_is_the_highest_that_keeps_enough() -> None:
    probabilities = np.array([0.9, 0.5, 0.1, 0.05])
    aps = np.array([1.0, 1.0, 1.0, 0.0])
    assert retention_threshold(probabilities, aps, 0.6) == 0.5
    assert retention_threshold(probabilities, aps, 1.0) == 0.1
    assert retention_threshold(probabilities, aps, 0.3) == 0.9


def test_rerank_by_verifier_reorders_only_the_top() -> None:
    scored = [(i, 0.0, 0.0, {}, 0) for i in range(5)]
    reordered, logits = rerank_by_verifier(scored, [0.0, 2.0, 1.0, 9.0, 9.0], top=3)
    assert [s[0] for s in reordered] == [1, 2, 0, 3, 4]
    assert logits == [2.0, 1.0, 0.0, 9.0, 9.0]


def test_tweet_length_ignores_links_handles_and_the_signature() -> None:
    assert tweet_length("Sharks on the highway https://t.co/x @bob — Bob (@bob) May 1, 2020") == \
        pytest.approx(np.log1p(4))


def synthetic(n: int, seed: int) -> tuple[list[Query], dict[str, Logits]]:
    """Tweets whose gold and best near miss have the same cosine; the verifier says +3 for the
    gold and -3 for anything else."""
    rng = np.random.default_rng(seed)
    queries, logits = [], {}
    for i in range(n):
        cos = float(rng.uniform(0.5, 0.9))
        gold = {"cos": cos}
        miss = {"cos": cos - 0.001}
        qid = f"q{seed}-{i}"
        queries.append(Query([gold, miss], [1, 0], [miss], 1, qid, f"tweet {i}",
                             ["gold claim", "near miss"], ["near miss"]))
        logits[qid] = Logits([3.0, -3.0], [-3.0])
    return queries, logits


def test_compare_fits_on_train_and_reads_dev_with_the_train_threshold() -> None:
    data = {"train": synthetic(60, 1), "dev": {"dev": synthetic(30, 2)}}
    results = compare(data, [0.95], variants=(
        Variant("verify-only", ("top_abs", "top_verify")),
        Variant("no-verifier", ("top_abs",))), reranker=RERANKER)
    by_name = {r["variant"]: r for r in results}
    kept, empty = by_name["verify-only"]["dev"]
    assert kept == pytest.approx(1.0)
    assert empty == pytest.approx(1.0)
    # Without the verifier, gold and near miss look the same: keeping 95% of MAP@5 means
    # answering nearly every gold-removed tweet too.
    kept, empty = by_name["no-verifier"]["dev"]
    assert kept >= 0.9
    assert empty < 0.3
