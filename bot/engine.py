"""App wiring for the engine: one store, the hybrid matcher and its background indexer.

`Engine` is what the CLI and the bot hold: `engine.pipeline.check(post)` answers at once, while a
daemon thread embeds newly stored claims in batches and feeds the in-memory dense index, then
lets the stance reader read them (bot.stance.reader), so that a check reads only its post. English
claims also get the English encoder's vectors (bot.minilm), read by the re-ranker, and the
match verifier (bot.verifier) reads an English post with its best English candidate.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.dense import DenseIndex, embed_pending
from bot.embedding import Embedder, default_embedder
from bot.hybrid import HybridMatcher, SecondEncoder
from bot.matching import LexicalMatcher
from bot.minilm import default_english_encoder
from bot.pipeline import Pipeline
from bot.verifier import default_verifier
from storage import Store

log = logging.getLogger(__name__)
# Claims the stance reader reads per batch in the background: small, since a check waits for
# the reader while it reads one.
READ_BATCH = 8


@dataclass
class Engine:
    """The matcher stack over one database."""

    store: Store
    embedder: Embedder | None = None
    second: SecondEncoder | None = None
    use_second: bool = True
    batch_size: int = 64
    pipeline: Pipeline = field(init=False)
    index: DenseIndex | None = field(init=False, default=None)
    _stop: threading.Event = field(init=False, default_factory=threading.Event)
    _thread: threading.Thread | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        if self.embedder is None:
            try:
                self.embedder = default_embedder()
            except Exception as exc:  # a broken model install must not take the bot down
                log.warning("embedding model unavailable, matching lexically only: %s", exc)
        if self.embedder is not None:
            if self.second is None and self.use_second:
                try:
                    english = default_english_encoder()
                except Exception as exc:  # a broken install costs the feature, not the bot
                    log.warning("English encoder unavailable: %s", exc)
                    english = None
                self.second = SecondEncoder(english) if english is not None else None
            self.index = DenseIndex(self.embedder.model_id, self.embedder.dim)
            self.index.refresh(self.store)
            matcher = HybridMatcher(self.store, self.embedder, self.index, second=self.second,
                                    verifier=self._verifier())
            self.pipeline = Pipeline(self.store, matcher=matcher)
        else:
            self.pipeline = Pipeline(self.store, matcher=LexicalMatcher(self.store))

    def _verifier(self) -> Any:
        """The match verifier, for English posts (it reads English): only with the English
        encoder, whose evidence model it extends."""
        if self.second is None:
            return None
        try:
            return default_verifier()
        except Exception as exc:  # a broken install costs the feature, not the bot
            log.warning("match verifier unavailable: %s", exc)
            return None

    def pending(self) -> int:
        """Claims still waiting for a vector (of either encoder)."""
        if self.embedder is None:
            return 0
        waiting = self.store.count_claims() - self.store.count_vectors(self.embedder.model_id)
        if self.second is not None:
            waiting += (self.store.count_claims(language=self.second.language)
                        - self.store.count_vectors(self.second.embedder.model_id))
        return max(0, waiting)

    def _embed_round(self, store: Store, limit: int | None,
                     on_batch: Callable[[int], None] | None = None) -> int:
        assert self.embedder is not None
        done = embed_pending(store, self.embedder, batch_size=self.batch_size, limit=limit,
                             on_batch=on_batch)
        if self.second is not None:
            done += embed_pending(store, self.second.embedder, batch_size=self.batch_size,
                                  limit=limit, language=self.second.language, on_batch=on_batch)
        return done

    def claim_reader(self) -> Any:
        """The stance model's reader of stored claims (bot.stance.reader.E5Reader), or None."""
        reader = getattr(self.pipeline.stance, "claim_reader", None)
        return reader() if reader is not None else None

    def read_pending(self, store: Store | None = None, limit: int | None = None) -> int:
        """Let the stance reader read stored claims it has no reading of yet, and store the
        readings, so that a check reads only its post (about 1 s for 20 new claims else)."""
        reader = self.claim_reader()
        if reader is None:
            return 0
        return embed_pending(store or self.store, reader, batch_size=READ_BATCH, limit=limit)

    def index_pending(self, limit: int | None = None,
                      on_batch: Callable[[int], None] | None = None) -> int:
        """Embed claims without vectors now (in this thread) and load them into the index."""
        if self.embedder is None or self.index is None:
            return 0
        done = self._embed_round(self.store, limit, on_batch)
        self.index.refresh(self.store)
        return done

    def start_background_indexing(self, interval: float = 5.0) -> None:
        """Keep embedding new claims in a daemon thread with its own database connection."""
        if self.embedder is None or self.index is None or self.store.path is None:
            return
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._index_loop, args=(interval,),
                                        name="crosscheck-indexer", daemon=True)
        self._thread.start()

    def _index_loop(self, interval: float) -> None:
        assert self.embedder is not None and self.index is not None
        own = Store(self.store.path)
        try:
            while not self._stop.is_set():
                try:
                    done = self._embed_round(own, self.batch_size * 4)
                    self.index.refresh(own)
                    if done == 0:  # claims are findable first, then read for stance
                        done = self.read_pending(own, READ_BATCH * 4)
                except Exception:  # keep indexing alive; the next round retries
                    log.exception("background indexing failed")
                    done = 0
                if done == 0:
                    self._stop.wait(interval)
        finally:
            own.close()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
            self._thread = None
