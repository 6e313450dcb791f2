"""The composition root: builds the whole kiosk from settings and shuts it down in order."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor

from kiosk.config import Settings
from kiosk.engine.clock import Clock, SystemClock
from kiosk.engine.engine import Engine
from kiosk.engine.outbox import Backoff, Handler
from kiosk.sim.chargers import SimulatedChargers
from kiosk.store.database import Database, open_database

log = logging.getLogger("kiosk.hub")


class Hub:
    """Owns every long-lived part; `start` builds in dependency order, `stop` reverses it."""

    def __init__(
        self,
        settings: Settings,
        *,
        clock: Clock | None = None,
        simulate_chargers: bool = False,
        outbox_handlers: Mapping[str, Handler] | None = None,
        backoff: Backoff | None = None,
    ) -> None:
        self.settings = settings
        self.clock = clock or SystemClock()
        self._simulate = simulate_chargers
        self._handlers = outbox_handlers or {}
        self._backoff = backoff
        self.db: Database | None = None
        self._engine: Engine | None = None
        self._network: ThreadPoolExecutor | None = None
        self._sim: SimulatedChargers | None = None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            raise RuntimeError("hub not started")
        return self._engine

    def start(self) -> Hub:
        s = self.settings
        self.db = open_database(s.resolved_database_url)  # raises StoreError: nothing started yet
        self._network = ThreadPoolExecutor(max_workers=4, thread_name_prefix="net")
        self._engine = Engine(
            db=self.db,
            clock=self.clock,
            hub=s.hub,
            bays=s.bays,
            executor=self._network,
            outbox_handlers=self._handlers,
            backoff=self._backoff,
        )
        self._engine.start()
        if self._simulate:
            self._sim = SimulatedChargers(self._engine, s.bays)
            self._engine.on_command(self._sim.command)
            self._sim.start()
        log.info("hub started hub=%s bays=%d db=%s", s.hub.id, len(s.bays), self.db.dialect)
        return self

    def stop(self) -> None:
        """Inputs first, then the writer, then its workers, then the database."""
        if self._sim is not None:
            self._sim.stop()
            self._sim = None
        if self._engine is not None:
            self._engine.stop()
            self._engine = None
        if self._network is not None:
            self._network.shutdown(wait=True, cancel_futures=False)
            self._network = None
        if self.db is not None:
            self.db.close()
            self.db = None
        log.info("hub stopped")

    def __enter__(self) -> Hub:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
