"""Ingest test fixtures: a fake clock and an ingestor factory pointed at local servers."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.ingest.run import IngestConfig, Ingestor
from bot.ingest.scheduler import HostGate
from storage import Store

from .helpers import FakeClock, LocalSite

MakeIngestor = Callable[..., Ingestor]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_ingestor(store: Store, clock: FakeClock) -> MakeIngestor:
    """An Ingestor for `site`: no politeness gap, short time limits, the fake clock."""

    def make(site: LocalSite, *, target: Store | None = None, **overrides: object) -> Ingestor:
        settings: dict[str, object] = {"host_delay": 0.0, "source_timeout": 5.0,
                                       "request_timeout": 2.0, **overrides}
        config = IngestConfig(**settings)  # type: ignore[arg-type]
        return Ingestor(target or store, config=config, policy=site.policy, clock=clock,
                        gate=HostGate(config.host_delay))

    return make
