"""What screens may use of the hub: post events, read and follow snapshots. Nothing else."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from kiosk.engine.events import Event
from kiosk.engine.snapshot import HubSnapshot


class HubPort(Protocol):
    def post(self, event: Event) -> None: ...

    def now(self) -> datetime:
        """The hub's clock, for countdowns and elapsed time on screen."""
        ...

    def subscribe(self, listener: Callable[[HubSnapshot], None]) -> Callable[[], None]:
        """Follow snapshots; returns the function that stops following."""
        ...

    @property
    def snapshot(self) -> HubSnapshot: ...
