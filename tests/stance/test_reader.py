"""The learned reader (bot.stance.reader) and how the combined model uses it."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from bot.stance.combine import CombinedStance
import numpy as np

from bot.stance.reader import (
    ARTIFACT,
    CLASSES,
    CONTRADICTING,
    FAMILIES,
    Distribution,
    LearnedReader,
    Reading,
    Relation,
    blend,
    reading_of,
    relate,
)
from evals.stance import GOLD_CONTRADICTS


def reading(**outcomes: float) -> Reading:
    """A reading asserting the given outcomes (family found from the class name)."""
    out: Reading = {h: ("none", 0.9) for h in FAMILIES}
    for label, prob in outcomes.items():
        head = next(h for h in FAMILIES if label in CLASSES[h])
        out[head] = (label, prob)
    return out


def test_relations_follow_the_annotation_rules() -> None:
    capture, holds = reading(ru_holds=0.9), reading(ua_holds=0.8)
    assert relate(capture, holds).relation == "contradicts"
    assert relate(capture, reading(ru_holds=0.7)).relation == "corroborates"
    assert relate(capture, reading(contested=0.9)).relation == "contradicts"
    assert relate(capture, reading(downed=0.9)).relation == "related"  # other families
    assert relate(capture, reading(ua_holds=0.4)).relation == "related"  # below the floor
    relay = reading(no_side=0.8)
    judged = relate(capture, relay)
    assert (judged.relation, judged.reason) == ("related", "the claim takes no side")


def test_confidence_is_the_weaker_reading() -> None:
    judged = relate(reading(ru_holds=0.9), reading(ua_holds=0.6))
    assert judged.relation == "contradicts"
    assert judged.confidence == pytest.approx(0.6 * 0.9)  # 0.9: how sure each takes a side


def test_contradictions_are_the_annotations() -> None:
    labels = {label for h in FAMILIES for label in CLASSES[h]}
    assert CONTRADICTING == {pair for pair in GOLD_CONTRADICTS if pair <= labels}


@dataclass
class _Stub:
    answer: Relation

    def relation(self, post_text: str, claim_text: str) -> Relation:
        return self.answer

    def prepare(self, texts: list[str], store: object = None) -> None:
        self.prepared = list(texts)


THRESHOLDS = {"frames": {"corroborates": 0.38, "contradicts": 0.38}}
CAPTURE = ("Russia's defence ministry said on Sunday that its forces had taken full control of "
           "Lysychansk after weeks of fighting.")
HOLDING = ("Украинские войска по-прежнему удерживают Лисичанск, город не окружён, заявили в "
           "Национальной гвардии Украины.")


def test_the_learned_reader_decides_statements() -> None:
    model = CombinedStance(thresholds=THRESHOLDS,
                           learned=_Stub(Relation("corroborates", 0.8, "both ru_holds")))
    judged = model.judge(CAPTURE, HOLDING)  # the frames read a contradiction here
    assert (judged.relation, judged.source, judged.confidence) == ("corroborates", "learned",
                                                                  0.8)
    assert model.frame_verdict(CAPTURE, HOLDING).relation == "contradicts"


def test_where_the_learned_reader_sees_no_side_the_cascade_may() -> None:
    unsure = CombinedStance(thresholds=THRESHOLDS,
                            learned=_Stub(Relation("related", 0.0, "no outcome read")))
    judged = unsure.judge(CAPTURE, HOLDING)
    assert (judged.relation, judged.source) == ("contradicts", "frames")
    both = CombinedStance(thresholds=THRESHOLDS,
                          learned=_Stub(Relation("contradicts", 0.3, "ru_holds against")))
    judged = both.judge(CAPTURE, HOLDING)
    assert (judged.relation, judged.source) == ("contradicts", "learned")
    assert judged.confidence == unsure.judge(CAPTURE, HOLDING).confidence > 0.3  # the surer


def test_headlines_go_to_the_frames() -> None:
    model = CombinedStance(thresholds=THRESHOLDS,
                           learned=_Stub(Relation("corroborates", 0.8, "both ru_holds")))
    judged = model.judge("Lysychansk is captured", HOLDING)
    assert (judged.relation, judged.source) == ("contradicts", "frames")


def dist(**outcomes: float) -> Distribution:
    """Probabilities with the given classes at the given probability, `none` for the rest."""
    out = {}
    for h in FAMILIES:
        p = np.zeros(len(CLASSES[h]), dtype=np.float32)
        p[0] = 1.0
        for label, prob in outcomes.items():
            if label in CLASSES[h]:
                p[:] = (1.0 - prob) / (len(p) - 1)
                p[CLASSES[h].index(label)] = prob
        out[h] = p
    return out


@dataclass
class _E5:
    table: dict[str, Distribution]

    def distributions(self, texts: list[str]) -> list[Distribution]:
        return [self.table[t] for t in texts]


@dataclass
class _Ngram:
    """An n-gram classifier stub: its heads list the classes in another order than CLASSES."""

    table: dict[str, Distribution]

    @property
    def heads(self) -> dict[str, dict[str, list[str]]]:
        return {h: {"classes": CLASSES[h][::-1]} for h in FAMILIES}

    def distribution(self, text: str) -> dict[str, np.ndarray]:
        return {h: p[::-1] for h, p in self.table[text].items()}


def test_blend_weighs_the_two_readers() -> None:
    mixed = blend(dist(ru_holds=0.9), dist(ua_holds=0.7), 0.5)
    assert mixed["control"][CLASSES["control"].index("ru_holds")] == pytest.approx(
        0.45 + 0.5 * 0.1)
    assert blend(None, dist(ua_holds=0.7), 0.5)["control"].argmax() == CLASSES[
        "control"].index("ua_holds")
    # whether a text takes a side is e5's reading alone
    relay = blend(dist(), dist(no_side=0.95), 0.5)
    assert reading_of(relay)["no_side"][0] == "none"


def test_the_ngram_reader_must_not_disagree() -> None:
    e5 = {"a": dist(ru_holds=0.95), "b": dist(ru_holds=0.95), "c": dist(ua_holds=0.99)}
    # alone, the n-gram reader reads no outcome in b (0.45 is under the floor); blended, it does
    ngram = {"a": dist(ru_holds=0.9), "b": dist(ru_holds=0.45), "c": dist(ua_holds=0.6)}
    reader = LearnedReader(e5=_E5(e5), ngram=_Ngram(ngram))  # type: ignore[arg-type]
    assert reader.read("b")["control"][0] == "ru_holds"
    judged = reader.relation("a", "b")
    assert judged.relation == "related" and "n-gram reader alone reads related" in judged.reason
    assert reader.relation("a", "c").relation == "contradicts"
    # a contradiction it reads as a corroboration is withdrawn
    ngram["c"] = dist(ru_holds=0.9)
    judged = reader.relation("a", "c")
    assert judged.relation == "related" and "reads a corroboration" in judged.reason
    assert judged.reason.startswith("ru_holds against ua_holds")
    # alone, each reader is its own judge
    e5_only = LearnedReader(e5=_E5(e5))  # type: ignore[arg-type]
    ngram_only = LearnedReader(ngram=_Ngram(ngram))
    assert e5_only.relation("a", "b").relation == "corroborates"
    assert ngram_only.relation("a", "b").relation == "related"


def test_prepare_passes_every_text_to_the_reader() -> None:
    stub = _Stub(Relation("related", 0.0, ""))
    CombinedStance(learned=stub).prepare(["post", "claim one", "claim two"])
    assert stub.prepared == ["post", "claim one", "claim two"]


@pytest.fixture(scope="module")
def reader() -> LearnedReader:
    from bot.stance.outcomes import OutcomeStance

    from bot.stance.reader import shipped_e5

    return LearnedReader(e5=shipped_e5(), ngram=OutcomeStance.load().classifier)


def test_the_shipped_model_decides_with_the_blended_reader() -> None:
    model = CombinedStance.load(with_generic=False)
    assert model.learned is not None and model.learned.e5 is not None
    assert model.learned.ngram is not None and model.reader is not None  # headlines
    assert CombinedStance.load(with_generic=False, with_learned=False).learned is None


def test_artifact_is_small_and_records_its_base(reader: LearnedReader) -> None:
    from bot.e5_torch import WEIGHTS_SHA256

    assert ARTIFACT.stat().st_size < 5_000_000
    assert reader.header["sha256"] == WEIGHTS_SHA256
    assert "holdout21" not in reader.header["trained_on"]  # kept out to measure new events


@pytest.mark.parametrize(("post", "claim", "relation"), [
    ("Kadyrov's fighters say Lysychansk has been fully captured and the city is ours.",
     "Лисичанськ не оточений і перебуває під контролем українських військ, заявили в "
     "Нацгвардії.", "contradicts"),
    ("Генштаб ЗСУ підтвердив відхід українських підрозділів з Лисичанська.",
     "Russian troops have taken full control of Lysychansk, the Russian defence ministry said.",
     "corroborates"),
])
def test_the_flagship_example_across_languages(post: str, claim: str, relation: str) -> None:
    # as the bot judges them: short statements like these go to the frames, the rest to the
    # learned reader (which alone reads both pairs as `related`: no outcome above 0.5)
    model = CombinedStance.load(with_generic=False)
    assert model.judge(post, claim).relation == relation


def test_readings_are_cached_and_batched(reader: LearnedReader) -> None:
    assert reader.e5 is not None
    texts = ["Бои за Прилуки продолжаются.", "Russian troops have captured Pryluky."]
    reader.prepare(texts)
    cached = [reader.e5.cache[t] for t in texts]
    assert all(t in reader.e5.cache for t in texts)
    again = reader.e5.distributions(texts[::-1])
    assert again[0] is cached[1] and again[1] is cached[0]
    assert all(abs(float(p.sum()) - 1.0) < 1e-4 for d in cached for p in d.values())


def test_readings_round_trip_through_rows(reader: LearnedReader) -> None:
    from bot.stance.reader import from_row

    assert reader.e5 is not None
    texts = ["Russian troops have captured Pryluky, the ministry said."]
    rows = reader.e5.embed_passages(texts)
    assert rows.shape == (1, reader.e5.dim) and rows.dtype == np.float32
    back = from_row(rows[0])
    assert all(np.allclose(back[h], reader.e5.distributions(texts)[0][h]) for h in FAMILIES)


def test_stored_readings_are_taken_not_read_again(reader: LearnedReader) -> None:
    from bot.domain import Claim
    from bot.embedding import text_hash
    from bot.stance.reader import to_row
    from storage import Store

    assert reader.e5 is not None and reader.e5.model_id.startswith("stance-reader/")
    text = "Ukrainian forces still hold Pryluky, the brigade said on Monday (stored)."
    store = Store(memory=True)
    store.add_claims([Claim(text=text, claim_id="p1", language="en")])
    claim_id = store.claims_missing_vectors(reader.e5.model_id, 5)[0][0]
    reader.e5.cache.pop(text, None)
    read = reader.e5.distributions([text])[0]["control"]
    other = next(c for c in CLASSES["control"][1:] if c != CLASSES["control"][int(read.argmax())])
    planted = dist(**{other: 0.97})  # not what the model reads: proves it came from the store
    store.put_vectors(reader.e5.model_id, [(claim_id, text_hash(text), to_row(planted).tobytes())])
    reader.e5.cache.pop(text, None)
    reader.prepare([text], store=store)
    taken = reader.e5.distributions([text])[0]["control"]
    assert taken.tolist() == pytest.approx(planted["control"].tolist())
    reader.e5.cache.pop(text, None)
    again = reader.e5.distributions([text])[0]["control"]  # without the store, it reads it
    assert again.tolist() == pytest.approx(read.tolist())


def test_the_engine_reads_stored_claims_once() -> None:
    from bot.domain import Claim
    from bot.engine import Engine
    from storage import Store

    store = Store(memory=True)
    store.add_claims([Claim(text=t, claim_id=f"c{i}", language="en") for i, t in enumerate([
        "Russian troops have captured Pryluky, the defence ministry said.",
        "Pryluky remains under Ukrainian control, the brigade said."])])
    engine = Engine(store, use_second=False)
    reader = engine.claim_reader()
    assert reader is not None
    assert engine.read_pending() == 2
    assert store.count_vectors(reader.model_id) == 2
    assert engine.read_pending() == 0
