"""The match verifier: offline load, what it prefers, how the evidence decision uses it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bot.cross_encoder import HEAD_KEYS
from bot.domain import Claim
from bot.hybrid import HybridMatcher, Reranker
from bot.verifier import VERIFIER_PATH, Verifier, default_verifier
from storage import Store


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    assert VERIFIER_PATH.exists(), "run python -m evals.train_verifier"
    return Verifier(num_threads=1)


def test_the_claim_a_post_makes_outscores_another_claim_on_the_same_topic(
        verifier: Verifier) -> None:
    post = "Springfield's mayor has banned dogs from every city park, starting on Monday."
    same = "The mayor of Springfield banned dogs from the city's parks."
    other = "Springfield opened a new dog park next to the town hall."
    unrelated = "A heatwave closed schools across southern Spain."
    logits = verifier.logits(post, [same, other, unrelated])
    assert logits.shape == (3,)
    assert logits[0] > logits[1] and logits[0] > logits[2]
    probabilities = verifier.probabilities(post, [same, unrelated])
    assert 0.0 <= probabilities.min() and probabilities.max() <= 1.0
    assert verifier.logits(post, []).shape == (0,)


def test_an_artifact_of_another_head_gives_other_scores(tmp_path: Path,
                                                        verifier: Verifier) -> None:
    data = dict(np.load(VERIFIER_PATH))
    data[HEAD_KEYS[1]] = data[HEAD_KEYS[1]] + np.float32(3.0)
    path = tmp_path / "verifier.npz"
    np.savez(path, **data)
    shifted = Verifier(path, num_threads=1)
    pair = ("Kyiv says the bridge is intact", ["The bridge was destroyed"])
    assert np.isclose(shifted.logits(*pair)[0], verifier.logits(*pair)[0] + 3.0, atol=1e-4)


def test_switched_off_by_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CROSSCHECK_VERIFIER", "off")
    assert default_verifier() is None


class FixedVerifier:
    """Stands in for the model: a fixed log-odds, and a record of what it was asked."""

    def __init__(self, value: float) -> None:
        self.value = value
        self.asked: list[tuple[str, list[str]]] = []

    def logits(self, post: str, claims: list[str]) -> np.ndarray:
        self.asked.append((post, list(claims)))
        return np.full(len(claims), self.value, dtype=np.float32)


MODELS = {
    "rank": ({"cos": 10.0}, -8.0), "abs": ({"cos": 10.0}, -9.0),
    "evidence": ({"top_abs": 1.0}, 0.0),
    "evidence_en": ({"top_cos_en": 10.0}, -5.0),
    "evidence_verified": ({"top_verify": 2.0}, 0.0),
}


def matcher_with(store: Store, verifier: FixedVerifier) -> HybridMatcher:
    reranker = Reranker(models=dict(MODELS), evidence=0.4, evidence_en=0.5,
                        evidence_verified=0.6)
    return HybridMatcher(store, embedder=None, index=None, reranker=reranker,  # type: ignore[arg-type]
                         verifier=verifier)


def test_verifier_reads_the_best_english_candidate_and_decides_evidence() -> None:
    store = Store(memory=True)
    store.add_claims([Claim(text="Dogs banned from parks", title="Park rule", claim_id="a",
                            language="en")])
    rowid = next(iter(store.iter_claims())).rowid
    assert rowid is not None
    english = {"cos": 0.9, "cos_en": 0.95}
    sure, unsure = FixedVerifier(3.0), FixedVerifier(-3.0)
    for fake, expected in ((sure, True), (unsure, False)):
        matcher = matcher_with(store, fake)
        scored = [(rowid, 0.9, 0.9, dict(english))]
        matcher.verify("Mayor bans dogs in parks", scored)
        assert fake.asked == [("Mayor bans dogs in parks", ["Park rule. Dogs banned from parks"])]
        assert scored[0][3]["verify"] == pytest.approx(fake.value)
        # the English cosine alone would pass (10 * 0.95 - 5 -> 0.99); the verifier decides
        assert matcher.reranker.evidence_threshold(scored) == 0.6
        assert bool(matcher.select(scored, "en")) is expected


def test_verifier_is_not_asked_about_translations_or_plain_candidates() -> None:
    store = Store(memory=True)
    fake = FixedVerifier(3.0)
    matcher = matcher_with(store, fake)
    translated = [(1, 0.9, 0.9, {"cos": 0.9, "cross_lingual": 1.0})]
    plain = [(1, 0.9, 0.9, {"cos": 0.9})]
    matcher.verify("post", translated)
    matcher.verify("post", plain)
    matcher.verify("post", [])
    assert fake.asked == []
    assert "verify" not in translated[0][3] and "verify" not in plain[0][3]


class BrokenVerifier:
    def logits(self, post: str, claims: list[str]) -> np.ndarray:
        raise RuntimeError("model crashed")


def test_a_failing_verifier_leaves_the_decision_to_the_english_evidence_model() -> None:
    store = Store(memory=True)
    store.add_claims([Claim(text="Dogs banned from parks", claim_id="a", language="en")])
    rowid = next(iter(store.iter_claims())).rowid
    matcher = matcher_with(store, FixedVerifier(0.0))
    matcher.verifier = BrokenVerifier()
    scored = [(rowid, 0.9, 0.9, {"cos": 0.9, "cos_en": 0.95})]
    matcher.verify("Mayor bans dogs in parks", scored)
    assert "verify" not in scored[0][3]
    assert matcher.reranker.evidence_threshold(scored) == 0.5  # evidence_en's
    assert matcher.select(scored, "en")
