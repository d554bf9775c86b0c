"""App wiring for the engine: one store, the hybrid matcher and its background indexer.

`Engine` is what the CLI and the bot hold: `engine.pipeline.check(post)` answers at once, while a
daemon thread embeds newly stored claims in batches and feeds the in-memory dense index.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field

from bot.dense import DenseIndex, embed_pending
from bot.embedding import Embedder, default_embedder
from bot.hybrid import HybridMatcher
from bot.matching import LexicalMatcher
from bot.pipeline import Pipeline
from storage import Store

log = logging.getLogger(__name__)


@dataclass
class Engine:
    """The matcher stack over one database."""

    store: Store
    embedder: Embedder | None = None
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
            self.index = DenseIndex(self.embedder.model_id, self.embedder.dim)
            self.index.refresh(self.store)
            matcher = HybridMatcher(self.store, self.embedder, self.index)
            self.pipeline = Pipeline(self.store, matcher=matcher)
        else:
            self.pipeline = Pipeline(self.store, matcher=LexicalMatcher(self.store))

    def index_pending(self, limit: int | None = None) -> int:
        """Embed claims without vectors now (in this thread) and load them into the index."""
        if self.embedder is None or self.index is None:
            return 0
        done = embed_pending(self.store, self.embedder, batch_size=self.batch_size, limit=limit)
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
                    done = embed_pending(own, self.embedder, batch_size=self.batch_size,
                                         limit=self.batch_size * 4)
                    self.index.refresh(own)
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
