"""Learned outcomes: what a text claims happened, from a classifier trained on our own statements.

The claim frames (bot.stance.frames) read outcomes with hand-written lexicons and stay silent on
wording nobody wrote down. This component classifies each text on its own into outcome families
(control, encirclement, who struck, target, downed, killed), each with a `none` class, from
place-masked word and character n-grams (and, if the artifact says so, multilingual e5
embeddings). Its outcomes fill the families where a text's frames say nothing, and the relation of
two texts is read by the frames' own comparison (bot.stance.frames.compare_frames): ru_holds vs
ua_holds contradict, a confirmed withdrawal and a capture both say ru_holds, and so on.

One more head, `no_side`, tells a text that takes up no outcome (it relays a claim as unverified,
gives both versions, or only describes the event) from one that asserts one; where it is sure,
the combined model shows `related` instead of a side read from such a text (its veto), when the
component is switched on (it is not: evals/RESULTS.md, "Learned outcomes", says why).

Its shipped role is the frames' second reader (`OutcomeStance.withholds`, used by
CombinedStance.judge when the artifact's `second_reader` is set): a side the frames see is shown
only when this classifier, reading both texts on its own, does not disagree (a corroboration it
must also read; a contradiction it must not read as a corroboration).

The artifact (bot/data/stance_outcomes.json.gz) is built by `python -m evals.train_outcomes`
from evals/data/outcome_train.jsonl and the team's annotated pair statements; it also holds the
thresholds, calibrated out of fold (each split's pairs judged by a model trained without that
split), and whether the component is switched on in production.
"""

from __future__ import annotations

import base64
import gzip
import itertools
import json
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from bot.stance import frames as fr
from bot.stance.combine import NEVER
from bot.textnorm import CYRILLIC_RE, UKRAINIAN_RE, clean_text, lemma

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
ARTIFACT = DATA_DIR / "stance_outcomes.json.gz"

# Classifier heads: the outcome classes of each (plus "none").
HEADS: dict[str, tuple[str, ...]] = {
    "control": ("ru_holds", "ua_holds", "contested"),
    "encircle": ("encircled", "not_encircled"),
    "agent": ("ru_strike", "ua_blame"),
    "target": ("civilian_target", "military_target"),
    "downed": ("downed", "not_downed"),
    "killed": ("many_killed", "none_killed"),
}
# The head that reads whether a text takes up any outcome at all, and the annotations it learns
# as "no side" (evals/data/README.md).
NO_SIDE_HEAD = "no_side"
NO_SIDE_LABELS = frozenset({"other", "unconfirmed", "both"})
# The annotation vocabulary (evals/data/README.md) in the frames' outcome names.
TO_FRAME = {"ru_strike": "struck_by_ru", "ua_blame": "struck_by_ua",
            "military_target": "military_only", "many_killed": "killed"}
MASK = "X"

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*|\d+", re.UNICODE)
# Capitalised words kept as they are: institutions and titles, not places.
_KEEP = {"генштаб", "минобороны", "міноборони", "кремль", "пентагон", "мэр", "мер", "глава",
         "начальник", "представитель", "речник", "пресслужба", "пресс-служба", "пресс-секретарь",
         "украинские", "российские", "минус", "мінус", "верховная", "верховна", "rada", "рада",
         "генштабі", "генштабе", "сили", "силы", "повітряні", "воздушные", "defence", "ministry",
         "president", "governor", "mayor", "spokesman", "minus", "general", "staff"}


def _lang(text: str) -> str:
    if CYRILLIC_RE.search(text):
        return "uk" if UKRAINIAN_RE.search(text) else "ru"
    return "en"


def _unknown_cyrillic(word: str, lang: str) -> bool:
    import simplemma

    try:
        return not simplemma.is_known(word.lower(), lang=lang)
    except ValueError:  # pragma: no cover - an unsupported language
        return False


def mask_places(text: str) -> str:
    """The text with place names replaced by X: gazetteer places in any spelling, capitalised
    words after a locative preposition, and other capitalised words that name no actor (a
    sentence's first word only when the lemmatiser does not know it)."""
    text = clean_text(text)
    lang = _lang(text)
    out: list[str] = []
    last = 0
    tokens = list(fr._TOKEN.finditer(text))
    for i, m in enumerate(tokens):
        word = m.group(0)
        if not word[:1].isupper() or word.isupper() or len(word) < 3 or re.search(r"\d", word):
            continue
        bare = re.sub(r"['’]s$", "", word)
        if (bare.lower() in fr._NOT_PLACE_WORDS or bare.lower() in _KEEP or fr._is_actor(bare)
                or (i + 1 < len(tokens) and fr._is_actor(tokens[i + 1].group(0)))):
            continue
        initial = i == 0 or re.search(r"[.!?:;«\"“(]\s*$", text[tokens[i - 1].end():m.start()])
        place = fr._place_of_token(word) is not None
        if not place and out and out[-1] == MASK and not text[last:m.start()].strip():
            place = True  # the second word of a name: Zelenyi Hai
        if not place:
            after_locative = i > 0 and fr._LOCATIVE.match(tokens[i - 1].group(0))
            if initial:
                place = lang != "en" and _unknown_cyrillic(word, lang)
            else:
                place = bool(after_locative) or len(word) >= 4
        if place:
            out.append(text[last:m.start()])
            out.append(MASK)
            last = m.end()
    out.append(text[last:])
    return re.sub(r"X(?:\s+X)+", "X", "".join(out))


def features(text: str) -> list[str]:
    """Sparse features of a masked text: lemmas, lemma bigrams, character 3-5-grams of words."""
    masked = mask_places(text)
    lang = _lang(masked)
    words = [w.lower() for w in _WORD.findall(masked)]
    lemmas = [lemma(w, lang) if lang != "en" else w for w in words]
    lemmas = ["0" if w.isdigit() else w for w in lemmas]
    feats: list[str] = []
    for w in lemmas:
        feats.append("w:" + w)
    for a, b in itertools.pairwise(lemmas):
        feats.append("b:" + a + "_" + b)
    for w in words:
        if w.isdigit():
            continue
        padded = f"<{w}>"
        for n in (3, 4, 5):
            for k in range(len(padded) - n + 1):
                feats.append("c:" + padded[k:k + n])
    return feats


def _decode(blob: str, shape: list[int]) -> np.ndarray:
    raw = base64.b64decode(blob)
    return np.frombuffer(raw, dtype="<f2").astype(np.float32).reshape(shape)


def encode(array: np.ndarray) -> str:
    return base64.b64encode(np.asarray(array, dtype="<f2").tobytes()).decode("ascii")


@dataclass(slots=True)
class OutcomeClassifier:
    """Per-family softmax regressions over sparse n-grams (and optionally e5 vectors)."""

    vocab: dict[str, int]
    heads: dict[str, dict[str, Any]]  # name -> {"classes", "W" (F x K), "E" (D x K) | None, "b"}
    embedder: Any = None
    cache: OrderedDict[str, dict[str, np.ndarray]] = field(default_factory=OrderedDict)
    cache_size: int = 20_000

    @classmethod
    def from_payload(cls, payload: dict[str, Any], embedder: Any = None) -> OutcomeClassifier:
        vocab = {f: i for i, f in enumerate(payload["vocab"])}
        heads = {}
        for name, head in payload["heads"].items():
            heads[name] = {
                "classes": head["classes"],
                "W": _decode(head["W"], [len(vocab), len(head["classes"])]),
                "E": (_decode(head["E"], [payload["embedding_dim"], len(head["classes"])])
                      if head.get("E") else None),
                "b": np.asarray(head["b"], dtype=np.float32),
            }
        uses_e5 = any(h["E"] is not None for h in heads.values())
        if uses_e5 and embedder is None:
            from bot.embedding import default_embedder

            embedder = default_embedder()
        return cls(vocab=vocab, heads=heads, embedder=embedder if uses_e5 else None)

    def vector(self, text: str) -> np.ndarray:
        x = np.zeros(len(self.vocab), dtype=np.float32)
        for f in features(text):
            j = self.vocab.get(f)
            if j is not None:
                x[j] = 1.0
        norm = float(np.linalg.norm(x))
        return x / norm if norm else x

    def distribution(self, text: str) -> dict[str, np.ndarray]:
        """Each head's probabilities, in the order of its `classes` (cached per text)."""
        hit = self.cache.get(text)
        if hit is not None:
            self.cache.move_to_end(text)
            return hit
        x = self.vector(text)
        e = None
        if self.embedder is not None:
            e = self.embedder.embed_queries([mask_places(text)])[0]
        out: dict[str, np.ndarray] = {}
        for name, head in self.heads.items():
            z = x @ head["W"] + head["b"]
            if head["E"] is not None and e is not None:
                z = z + e @ head["E"]
            p = np.exp(z - z.max())
            out[name] = p / p.sum()
        self.cache[text] = out
        if len(self.cache) > self.cache_size:
            self.cache.popitem(last=False)
        return out

    def predict(self, text: str) -> dict[str, tuple[str, float]]:
        """Each head's most likely class and its probability (class "none" included)."""
        out: dict[str, tuple[str, float]] = {}
        for name, p in self.distribution(text).items():
            k = int(p.argmax())
            out[name] = (self.heads[name]["classes"][k], float(p[k]))
        return out


# A text this short is a headline: the second reader takes the frames' reading of it.
SHORT_WORDS = 12


def is_short(text: str) -> bool:
    """One sentence of at most SHORT_WORDS words: a headline."""
    return len(fr.split_sentences(text)) <= 1 and len(_WORD.findall(text)) <= SHORT_WORDS


@dataclass(slots=True)
class OutcomeStance:
    """Frames where they speak, the classifier's outcomes where they do not, compared by the
    frames' own rules. With `use_frames=False` the classifier alone labels both texts."""

    classifier: OutcomeClassifier
    floor: float = 0.5  # a class below this probability is no outcome
    use_frames: bool = True
    thresholds: dict[str, float] = field(default_factory=dict)
    enabled: bool = False
    veto: float = NEVER  # no-side probability from which a side read from the text is withdrawn
    # The second reader (CombinedStance.reader): when on, a side the frames see is shown only if
    # this classifier's own reading of the two texts concurs (see `withholds`).
    second_reader: bool = False
    reader_no_side: float = NEVER

    @classmethod
    def load(cls, path: Path | None = None, *, use_frames: bool = True,
             embedder: Any = None) -> OutcomeStance:
        with gzip.open(path or ARTIFACT, "rt", encoding="utf-8") as handle:
            payload = json.load(handle)
        key = "thresholds" if use_frames else "thresholds_alone"
        return cls(OutcomeClassifier.from_payload(payload, embedder),
                   floor=float(payload.get("floor", 0.5)), use_frames=use_frames,
                   thresholds=payload.get(key, {}), enabled=bool(payload.get("enabled")),
                   veto=float(payload.get("veto", NEVER)),
                   second_reader=bool(payload.get("second_reader")),
                   reader_no_side=float(payload.get("reader_no_side", NEVER)))

    def no_side(self, text: str) -> float:
        """How sure the classifier is that the text takes up no outcome (0 without the head)."""
        label, prob = self.classifier.predict(text).get(NO_SIDE_HEAD, ("none", 1.0))
        return prob if label == NO_SIDE_HEAD else 1.0 - prob

    def vetoes(self, post_text: str, claim_text: str) -> float | None:
        """The no-side probability that withdraws a side from this pair, or None."""
        if self.veto >= NEVER:
            return None
        prob = max(self.no_side(post_text), self.no_side(claim_text))
        return prob if prob >= self.veto else None

    def read(self, text: str) -> list[fr.Frame]:
        """This reader's outcomes of one text: the classifier's, except for a headline-short
        text (one sentence of at most SHORT_WORDS words: "Lysychansk is captured"), which the
        frames' lexicons read reliably and n-grams of long statements do not."""
        if is_short(text):
            return list(fr.parse_frames(text))
        return self.learned_frames(text, [])

    def reading(self, post_text: str, claim_text: str) -> str:
        """The relation this reader sees between two texts (`read`), compared by the frames'
        tables."""
        return fr.compare_frames(self.read(post_text), self.read(claim_text)).relation

    def withholds(self, relation: str, post_text: str, claim_text: str) -> str | None:
        """Why a side the frames see should not be shown, or None when this reader concurs.

        A corroboration needs this reader to see a corroboration too. A contradiction is
        withheld when it sees a corroboration, or, if `reader_no_side` is set (the shipped
        artifact leaves it off), when the classifier is that sure that one of the texts it reads
        takes up no outcome at all."""
        reading = self.reading(post_text, claim_text)
        if relation == "corroborates" and reading != "corroborates":
            return f"the learned reader does not concur (it reads {reading})"
        if relation == "contradicts" and reading == "corroborates":
            return "the learned reader reads a corroboration"
        if relation == "contradicts" and self.reader_no_side < NEVER:
            prob = max((self.no_side(t) for t in (post_text, claim_text) if not is_short(t)),
                       default=0.0)
            if prob >= self.reader_no_side:
                return f"the learned reader finds a text that takes no side (p={prob:.2f})"
        return None

    def learned_frames(self, text: str, known: list[fr.Frame] | tuple[fr.Frame, ...]
                       ) -> list[fr.Frame]:
        """Frames for the classifier's outcomes in the families the text's frames leave empty."""
        covered = {fr.FAMILY.get(f.outcome or "") for f in known if f.outcome}
        places = fr.extract_places(text)
        out = []
        for head, (label, prob) in self.classifier.predict(text).items():
            if head == NO_SIDE_HEAD or label == "none" or prob < self.floor:
                continue
            outcome = TO_FRAME.get(label, label)
            if fr.FAMILY.get(outcome) in covered:
                continue
            out.append(fr.Frame(text=text, event="learned", outcome=outcome, places=places,
                                claimant="learned", sentence=-1, confidence=prob,
                                notes=[f"classifier {head}"]))
        return out

    def frames_of(self, text: str) -> tuple[list[fr.Frame], list[fr.Frame]]:
        known = list(fr.parse_frames(text)) if self.use_frames else []
        return known, self.learned_frames(text, known)

    def propose(self, post_text: str, claim_text: str) -> tuple[str, float]:
        """(relation, confidence) from frames plus learned outcomes; ("related", 0) when the
        classifier added nothing to either text (the frames alone have spoken)."""
        p_known, p_learned = self.frames_of(post_text)
        c_known, c_learned = self.frames_of(claim_text)
        if not p_learned and not c_learned:
            return "related", 0.0
        verdict = fr.compare_frames(p_known + p_learned, c_known + c_learned)
        if verdict.relation not in ("corroborates", "contradicts"):
            return "related", 0.0
        return verdict.relation, float(verdict.confidence)


def load_default() -> OutcomeStance | None:
    """The shipped component, or None when the artifact is missing."""
    if not ARTIFACT.exists():
        return None
    return OutcomeStance.load()
