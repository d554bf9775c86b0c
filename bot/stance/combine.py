"""The production stance model: the learned reader first; the frames' cascade where it is silent.

When its artifact is present (bot/data/stance_reader.npz), the learned reader (bot.stance.reader:
multilingual e5 fine-tuned on our statements, blended with the n-gram outcome classifier) reads
what each text claims and relates the two as their annotations would; a side it sees is shown.
Where it sees none, or for a headline-short text, which it was not trained to read, the cascade
below decides. On three new blind splits (holdout21-23) this is right on 0.64-0.69 of
cross-language pairs, against 0.53-0.56 for the cascade alone (evals/RESULTS.md, "Thirteenth
stop: a learned reader").

Without it, the cascade below: frames first, then event propositions, then the generic model.

Each component proposes a relation with a confidence; a side (`corroborates`/`contradicts`) is
shown only when the confidence reaches that component's threshold for that label. Thresholds are
picked on the dev half of evals/data/stance_pairs.jsonl so that each label's precision is at
least 0.9 there (evals/train_stance.py writes bot/data/stance_thresholds.json); below them the
answer is `related`. A side the frames see must also be read by a second reader, the learned
outcome classifier (bot.stance.outcomes), when its artifact says so: on three blind splits of
new events, the frames' corroborations alone were right 0.37 of the time and those both readers
agree on 0.68 (evals/RESULTS.md, "Twelfth stop: a second reader").
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.domain import Claim, Relation
from bot.stance.frames import FrameVerdict, compare_frames, parse_frames, split_sentences

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
THRESHOLDS_PATH = DATA_DIR / "stance_thresholds.json"
SIDES: tuple[Relation, ...] = ("corroborates", "contradicts")
# Used when no calibrated file exists: never take a side.
NEVER = 2.0


@dataclass(slots=True)
class Judgement:
    """One decision with its provenance: which component spoke, and what it saw."""

    relation: Relation
    confidence: float
    source: str  # learned | frames | reader | outcomes | propositions | generic | none
    reason: str = ""
    proposals: dict[str, tuple[str, float]] = field(default_factory=dict)


def _claim_text(claim: Claim | str) -> str:
    if isinstance(claim, str):
        return claim
    return claim.passage


@dataclass(slots=True)
class CombinedStance:
    """The learned reader, then frames -> propositions -> generic model, each gated by
    per-label thresholds."""

    thresholds: dict[str, dict[str, float]] = field(default_factory=dict)
    propositions: Any = None  # bot.stance.propositions.PropositionStance, optional
    generic: Any = None  # bot.stance.generic.GenericStance, optional
    outcomes: Any = None  # bot.stance.outcomes.OutcomeStance, optional
    reader: Any = None  # an OutcomeStance whose concurrence a frames side needs, optional
    learned: Any = None  # bot.stance.reader.LearnedReader: decides first when present
    order: tuple[str, ...] = ("frames", "outcomes", "propositions", "generic")

    @classmethod
    def load(cls, path: Path | None = None, *, with_generic: bool | None = None,
             with_outcomes: bool | None = None, with_reader: bool | None = None,
             with_learned: bool | None = None) -> CombinedStance:
        """The calibrated model from bot/data. The generic model is loaded only when asked to
        (True), or by default (None) when its calibrated thresholds let it take a side; the
        learned outcomes (bot.stance.outcomes) when asked to, or by default when their artifact
        is switched on. Their thresholds live in their own artifact. The same classifier is the
        second reader of the frames' sides when asked to, or by default when the artifact says
        so and the learned outcomes are not refused (`with_outcomes=False`). The learned reader
        (bot.stance.reader, blended with the same classifier when it is loaded) decides first
        when asked to, or by default when its artifact exists."""
        thresholds: dict[str, dict[str, float]] = {}
        target = path or THRESHOLDS_PATH
        if target.exists():
            thresholds = json.loads(target.read_text(encoding="utf-8"))["thresholds"]
        model = cls(thresholds=thresholds)
        from bot.stance.outcomes import load_default

        outcomes = load_default() if with_outcomes is not False else None
        if outcomes is not None and (with_outcomes or outcomes.enabled):
            model.outcomes = outcomes
            model.thresholds = {**thresholds, "outcomes": dict(outcomes.thresholds)}
        else:
            model.thresholds = {**thresholds, "outcomes": {r: NEVER for r in SIDES}}
        if with_learned is not False:
            from bot.stance.reader import load_default as load_reader

            model.learned = load_reader(outcomes.classifier if outcomes is not None else None)
            if with_learned and model.learned is None:
                raise FileNotFoundError("the learned reader's artifact is missing")
        if with_reader is None:
            with_reader = with_outcomes is not False and bool(
                outcomes is not None and outcomes.second_reader)
        if with_reader and outcomes is not None:
            model.reader = outcomes
        if with_generic is None:
            with_generic = model.can_take_side("generic")
        if with_generic:
            from bot.stance.generic import GenericStance

            model.generic = GenericStance.load_default()
        return model

    def can_take_side(self, source: str) -> bool:
        return any(self.threshold(source, r) < NEVER for r in SIDES)

    def threshold(self, source: str, relation: str) -> float:
        return self.thresholds.get(source, {}).get(relation, NEVER)

    def propose(self, post_text: str, claim_text: str) -> dict[str, tuple[str, float]]:
        """Every component's raw (relation, confidence), before thresholds."""
        proposals: dict[str, tuple[str, float]] = {}
        verdict = self.frame_verdict(post_text, claim_text)
        proposals["frames"] = (verdict.relation, verdict.confidence)
        if self.outcomes is not None:
            proposals["outcomes"] = self.outcomes.propose(post_text, claim_text)
        if self.propositions is not None:
            proposals["propositions"] = self.propositions.propose(post_text, claim_text)
        if self.generic is not None:
            proposals["generic"] = self.generic.propose(post_text, claim_text)
        return proposals

    @staticmethod
    def frame_verdict(post_text: str, claim_text: str) -> FrameVerdict:
        return compare_frames(parse_frames(post_text), parse_frames(claim_text))

    def decide(self, proposals: dict[str, tuple[str, float]], reason: str = "") -> Judgement:
        """Apply the cascade: the first component whose side clears its threshold decides.

        A component that found both texts comparable and saw no side ("reports both sides",
        frames whose outcomes are merely related) stops the cascade with `related`; when the
        learned outcomes are on, they are heard first (they read what the frames missed).
        """
        held: Judgement | None = None
        for source in self.order:
            if held is not None and source != "outcomes":
                return held
            if source not in proposals:
                continue
            relation, confidence = proposals[source]
            if relation in SIDES and confidence >= self.threshold(source, relation):
                return Judgement(relation, float(confidence), source, reason, proposals)  # type: ignore[arg-type]
            if relation in SIDES:
                continue
            if source == "frames" and confidence > 0:
                held = Judgement("related", float(confidence), source, reason, proposals)
                if "outcomes" not in proposals or not self.can_take_side("outcomes"):
                    return held
        return held or Judgement("related", 0.0, "none", reason, proposals)

    def judge(self, post_text: str, claim: Claim | str) -> Judgement:
        """The decision for one (post, matched claim) pair, with its reasons.

        Components run lazily in cascade order; one that cannot take a side under its
        thresholds is skipped. With a second reader, a side the frames see is withdrawn
        (`related`) unless the learned classifier's own reading concurs (`withholds`; on new
        events the frames' corroborations alone are mostly wrong: evals/RESULTS.md, "Twelfth
        stop: a second reader"). A side is also withdrawn when the learned
        outcomes are on and sure that one of the texts takes up no outcome (it relays a claim
        as unverified, gives both versions, or only describes the event): their veto.
        """
        claim_text = _claim_text(claim)
        cascade = self._judge_cascade(post_text, claim_text)
        if self.learned is None:
            return cascade
        learned = self._learned_judgement(post_text, claim_text)
        if learned is None or (learned.relation not in SIDES and cascade.relation in SIDES):
            return cascade
        if learned.relation == cascade.relation:  # both readings show this side
            return Judgement(learned.relation, max(learned.confidence, cascade.confidence),
                             "learned", learned.reason, {**cascade.proposals, **learned.proposals})
        return learned

    def _judge_cascade(self, post_text: str, claim_text: str) -> Judgement:
        judgement = self._cascade(post_text, claim_text)
        if (self.reader is not None and judgement.source == "frames"
                and judgement.relation in SIDES):
            why = self.reader.withholds(judgement.relation, post_text, claim_text)
            if why is not None:
                return Judgement("related", judgement.confidence, "reader",
                                 f"frames saw {judgement.relation} ({judgement.reason}), but "
                                 f"{why}", judgement.proposals)
        if judgement.relation in SIDES and self.outcomes is not None:
            prob = self.outcomes.vetoes(post_text, claim_text)
            if prob is not None:
                return Judgement("related", float(prob), "outcomes",
                                 f"{judgement.source} saw {judgement.relation}, but one text "
                                 f"takes up no outcome (learned, p={prob:.2f})",
                                 judgement.proposals)
        return judgement

    def _learned_judgement(self, post_text: str, claim_text: str) -> Judgement | None:
        """The learned reader's relation, or None for a headline-short text (one sentence of at
        most a dozen words), which the frames read and the readers, trained on statements, do
        not (the twelfth stop: "Lysychansk is captured" read as `contested`)."""
        from bot.stance.outcomes import is_short

        if is_short(post_text) or is_short(claim_text):
            return None
        seen = self.learned.relation(post_text, claim_text)
        return Judgement(seen.relation, seen.confidence, "learned",  # type: ignore[arg-type]
                         seen.reason, {"learned": (seen.relation, seen.confidence)})

    def prepare(self, texts: list[str], store: Any = None) -> None:
        """Read many texts at once before judging their pairs (the learned reader batches, and
        takes the readings of stored claims from `store`)."""
        if self.learned is not None:
            self.learned.prepare(texts, store=store)

    def claim_reader(self) -> Any:
        """What reads stored claims in the background (bot.engine), or None."""
        return self.learned.e5 if self.learned is not None else None

    def _cascade(self, post_text: str, claim_text: str) -> Judgement:
        verdict = self.frame_verdict(post_text, claim_text)
        proposals: dict[str, tuple[str, float]] = {
            "frames": (verdict.relation, verdict.confidence)}
        held: Judgement | None = None  # frames' `related`, after the learned outcomes spoke
        for source in self.order:
            if source == "frames":
                pass
            elif not self.can_take_side(source) or getattr(self, source) is None:
                continue
            else:
                proposals[source] = getattr(self, source).propose(post_text, claim_text)
            if held is not None:
                judgement = self.decide({source: proposals[source]}, verdict.reason)
                if judgement.relation in SIDES:
                    judgement.proposals = proposals
                    return judgement
                held.proposals = proposals
                return held
            judgement = self.decide({source: proposals[source]}, verdict.reason)
            if judgement.source != "none":
                judgement.proposals = proposals
                if (source == "frames" and judgement.relation == "related"
                        and self.outcomes is not None and self.can_take_side("outcomes")):
                    held = judgement
                    continue
                return judgement
        if held is not None:
            held.proposals = proposals
            return held
        return Judgement("related", 0.0, "none", verdict.reason, proposals)

    def classify(self, post_text: str, claim: Claim) -> tuple[Relation, float]:
        judgement = self.judge(post_text, claim)
        return judgement.relation, round(judgement.confidence, 4)


def claim_sentences(text: str) -> list[str]:
    """The claim sentences of a long post, for per-claim display."""
    return split_sentences(text)
