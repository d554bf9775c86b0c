"""The learned outcome classifier (bot.stance.outcomes) and its hook in the combined model."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pytest

from bot.stance.combine import CombinedStance
from bot.stance.outcomes import ARTIFACT, OutcomeStance, mask_places


@pytest.fixture(scope="module")
def stance() -> OutcomeStance:
    return OutcomeStance.load()


def test_artifact_loads_offline_small_and_without_embedder(stance: OutcomeStance) -> None:
    assert ARTIFACT.stat().st_size < 5_000_000
    assert stance.classifier.embedder is None  # the shipped model needs no e5 at run time
    assert set(stance.classifier.heads) == {"control", "encircle", "agent", "target", "downed",
                                            "killed", "no_side"}


@pytest.mark.parametrize(("text", "head", "label"), [
    ("Russian troops have captured the village of Pryluky.", "control", "ru_holds"),
    ("Село Прилуки залишається під контролем ЗСУ.", "control", "ua_holds"),
    ("Бои за Прилуки продолжаются.", "control", "contested"),
    ("Ukrainian air defence shot down a Russian Su-25 near Pryluky.", "downed", "downed"),
    ("В ВСУ опровергли потерю самолёта.", "downed", "not_downed"),
    ("Нікого не вбито, постраждалих немає.", "killed", "none_killed"),
    ("Десятки людей загинули внаслідок удару.", "killed", "many_killed"),
    ("Российская ракета попала в больницу в Прилуках.", "agent", "ru_strike"),
])
def test_short_sentences(stance: OutcomeStance, text: str, head: str, label: str) -> None:
    assert stance.classifier.predict(text)[head][0] == label


def test_places_are_masked() -> None:
    assert mask_places("Минобороны России заявило о взятии Красного Яра.") == \
        "Минобороны России заявило о взятии X."
    assert "Lysychansk" not in mask_places("Russia said it had taken Lysychansk.")
    assert "Russia" in mask_places("Russia said it had taken Lysychansk.")


def test_alone_relation_from_the_frames_tables(stance: OutcomeStance) -> None:
    alone = OutcomeStance(stance.classifier, floor=stance.floor, use_frames=False)
    relation, _ = alone.propose("Russian troops have captured the village of Pryluky.",
                                "Село Прилуки залишається під контролем ЗСУ.")
    assert relation == "contradicts"
    relation, _ = alone.propose("Ukrainian air defence shot down a Russian Su-25 near Pryluky.",
                                "Russian troops have captured the village of Pryluky.")
    assert relation == "related"  # different families


def test_production_switch_follows_the_artifact(stance: OutcomeStance) -> None:
    model = CombinedStance.load(with_generic=False)
    assert (model.outcomes is not None) == stance.enabled
    off = CombinedStance.load(with_generic=False, with_outcomes=False)
    assert off.outcomes is None and not off.can_take_side("outcomes")


@dataclass
class _Fixed:
    answer: tuple[str, float]

    def propose(self, post_text: str, claim_text: str) -> tuple[str, float]:
        return self.answer

    def vetoes(self, post_text: str, claim_text: str) -> float | None:
        return None


def test_hook_speaks_only_where_frames_give_no_side() -> None:
    thresholds = {"frames": {"corroborates": 0.38, "contradicts": 0.38},
                  "outcomes": {"corroborates": 0.5, "contradicts": 0.5}}
    model = CombinedStance(thresholds=thresholds, outcomes=_Fixed(("contradicts", 0.9)))
    # Frames silent: the learned outcomes decide.
    judgement = model.judge("Something happened near the river.", "Nothing to report.")
    assert (judgement.relation, judgement.source) == ("contradicts", "outcomes")
    # Frames take a side: they decide, the learned outcomes are not heard.
    judgement = model.judge("Russian forces captured Lysychansk.",
                            "Украинские войска удерживают Лисичанск.")
    assert judgement.source == "frames" and judgement.relation == "contradicts"
    # Below threshold: `related`.
    weak = CombinedStance(thresholds=thresholds, outcomes=_Fixed(("contradicts", 0.2)))
    assert weak.judge("Something happened near the river.", "Nothing.").relation == "related"
    # The same decision through propose + decide.
    proposals = model.propose("Something happened near the river.", "Nothing to report.")
    assert model.decide(proposals).source == "outcomes"


def test_rebuild_is_deterministic(tmp_path) -> None:
    """Two rebuilds give the same bytes, and the same weights as the shipped artifact (its
    calibration counts follow the frames, which others may change)."""
    import gzip
    import json

    from evals.train_outcomes import main

    first, second = tmp_path / "a.json.gz", tmp_path / "b.json.gz"
    assert main(["--skip-calibration", "--out", str(first)]) == 0
    assert main(["--skip-calibration", "--out", str(second)]) == 0
    assert hashlib.md5(first.read_bytes()).hexdigest() == \
        hashlib.md5(second.read_bytes()).hexdigest()
    fresh = json.loads(gzip.decompress(first.read_bytes()))
    shipped = json.loads(gzip.decompress(ARTIFACT.read_bytes()))
    assert fresh["vocab"] == shipped["vocab"] and fresh["heads"] == shipped["heads"]


@dataclass
class _Veto:
    """Learned outcomes that propose nothing and call one text "no side" with `prob`."""

    prob: float
    veto: float = 0.8

    def propose(self, post_text: str, claim_text: str) -> tuple[str, float]:
        return ("related", 0.0)

    def vetoes(self, post_text: str, claim_text: str) -> float | None:
        return self.prob if self.prob >= self.veto else None


def test_veto_withdraws_a_side_read_from_a_text_that_takes_none() -> None:
    thresholds = {"frames": {"corroborates": 0.38, "contradicts": 0.38},
                  "outcomes": {"corroborates": 0.5, "contradicts": 0.5}}
    post, claim = "Russian forces captured Lysychansk.", "Украинские войска удерживают Лисичанск."
    sure = CombinedStance(thresholds=thresholds, outcomes=_Veto(0.9)).judge(post, claim)
    assert (sure.relation, sure.source) == ("related", "outcomes")
    assert "frames saw contradicts" in sure.reason
    unsure = CombinedStance(thresholds=thresholds, outcomes=_Veto(0.5)).judge(post, claim)
    assert (unsure.relation, unsure.source) == ("contradicts", "frames")
    # Off (the learned outcomes not loaded): the frames' side stands.
    assert CombinedStance(thresholds=thresholds).judge(post, claim).relation == "contradicts"


def test_no_side_head_reads_relays_and_claims_apart(stance: OutcomeStance) -> None:
    """Our own wording, in the three languages: relays of an unverified claim and texts giving
    both versions score above plain claims of an outcome."""
    relays = ["Russian channels claimed the capture of Pryluky; the claim could not be "
              "independently verified.",
              "Российские блогеры сообщили о взятии Прилук, в ВСУ эти сообщения не комментировали.",
              "Москва заявляє про захоплення Прилук, Київ це заперечує."]
    claims = ["Russian troops have captured the village of Pryluky.",
              "Село Прилуки залишається під контролем ЗСУ.",
              "Российские войска полностью освободили Прилуки."]
    assert min(map(stance.no_side, relays)) > max(map(stance.no_side, claims))


def test_pair_statements_are_split_like_the_pairs() -> None:
    from evals.train_outcomes import TRAIN_SPLITS, head_label, pair_statements

    statements = pair_statements()
    assert tuple(statements) == TRAIN_SPLITS
    assert all(row["real"] for rows in statements.values() for row in rows)
    assert {row["event"] for row in statements["dev"]} <= {"lysychansk-2022",
        "sievierodonetsk-2022", "kherson-2022", "snake-island-2022", "kramatorsk-station-2022",
        "moskva-2022", "a50-2024", "znpp-shelling-2022"}
    assert head_label(["unconfirmed"], "no_side") == "no_side"
    assert head_label(["ru_holds", "contested"], "no_side") == "none"


@dataclass
class _Reader:
    """A second reader that withholds every side (`why`) or none (None)."""

    why: str | None

    def withholds(self, relation: str, post_text: str, claim_text: str) -> str | None:
        return self.why


def test_second_reader_withdraws_a_frames_side_it_does_not_concur_with() -> None:
    thresholds = {"frames": {"corroborates": 0.38, "contradicts": 0.38}}
    post, claim = "Russian forces captured Lysychansk.", "Украинские войска удерживают Лисичанск."
    doubted = CombinedStance(thresholds=thresholds, reader=_Reader("it reads related"))
    judgement = doubted.judge(post, claim)
    assert (judgement.relation, judgement.source) == ("related", "reader")
    assert "frames saw contradicts" in judgement.reason and "it reads related" in judgement.reason
    agreed = CombinedStance(thresholds=thresholds, reader=_Reader(None)).judge(post, claim)
    assert (agreed.relation, agreed.source) == ("contradicts", "frames")
    # no side from the frames: nothing for the reader to withdraw
    silent = doubted.judge("Something happened near the river.", "Nothing to report.")
    assert silent.relation == "related" and silent.source != "reader"


def test_second_reader_switch_follows_the_artifact(stance: OutcomeStance) -> None:
    assert (CombinedStance.load(with_generic=False, with_learned=False).reader is not None
            ) == stance.second_reader
    assert CombinedStance.load(with_generic=False, with_outcomes=False,
                               with_learned=False).reader is None
    assert CombinedStance.load(with_generic=False, with_reader=True,
                               with_learned=False).reader is not None


def test_reader_reads_headlines_with_the_frames_and_statements_with_the_classifier(
        stance: OutcomeStance) -> None:
    headline = stance.read("Lysychansk is captured")
    assert [f.outcome for f in headline] == ["ru_holds"] and headline[0].event != "learned"
    statement = stance.read("Генштаб ЗСУ повідомив, що після важких боїв українські сили "
                            "відійшли з Прилук, щоб зберегти особовий склад.")
    assert statement and all(f.event == "learned" for f in statement)


def test_reader_concurrence_rules(stance: OutcomeStance) -> None:
    capture = "Russia's defence ministry said its forces had taken full control of Pryluky."
    withdrawal = ("Генштаб ЗСУ повідомив, що після важких боїв українські сили відійшли з Прилук, "
                  "щоб зберегти особовий склад.")
    holding = ("Командир бригади заявив, що Прилуки залишаються під повним контролем ЗСУ, а всі "
               "штурми відбиті.")
    assert stance.withholds("corroborates", capture, withdrawal) is None
    assert stance.withholds("contradicts", capture, holding) is None
    # a corroboration needs the reader to see one; a contradiction fails where it sees agreement
    assert stance.withholds("corroborates", capture, holding) is not None
    assert stance.withholds("contradicts", capture, withdrawal) is not None


def test_reader_no_side_veto_is_off_unless_set(stance: OutcomeStance) -> None:
    relay = ("Lysychansk is fully surrounded and the Ukrainian garrison has been cut off, LPR "
             "militia says.")
    guard = ("National Guard spokesman Ruslan Muzychuk said heavy fighting was going on near "
             "Lysychansk but that the city was not encircled and remained under Ukrainian "
             "control.")
    assert stance.reader_no_side >= 2.0  # the shipped artifact leaves it off
    assert stance.withholds("contradicts", relay, guard) is None


    class _SureOfNoSide(OutcomeStance):
        def no_side(self, text: str) -> float:
            return 0.9 if text == relay else 0.1

    strict = _SureOfNoSide(stance.classifier, floor=stance.floor, reader_no_side=0.5)
    assert "takes no side" in (strict.withholds("contradicts", relay, guard) or "")
    lenient = _SureOfNoSide(stance.classifier, floor=stance.floor)
    assert lenient.withholds("contradicts", relay, guard) is None
