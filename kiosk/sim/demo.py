"""The demo hub: an embedded broker, a fleet of simulated chargers, and the real kiosk."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager

from kiosk.adapters.mqtt.link import bay_base
from kiosk.config import Settings
from kiosk.engine.clock import Clock
from kiosk.hub import Hub
from kiosk.sim.broker import EmbeddedBroker
from kiosk.sim.fleet import ChargerFleet


@contextmanager
def demo_hub(
    settings: Settings, *, rate_hz: float = 2.0, clock: Clock | None = None
) -> Iterator[Hub]:
    """Start broker, kiosk and chargers; stop them in reverse order."""
    broker = EmbeddedBroker().start()
    settings = dataclasses.replace(
        settings,
        broker=dataclasses.replace(
            settings.broker, host=broker.host, port=broker.port, protocol="3.1.1"
        ),
    )
    prefix = settings.broker.topic_prefix.format(hub=settings.hub.id)
    fleet = ChargerFleet(
        host=broker.host,
        port=broker.port,
        bays=[(bay, bay_base(bay, prefix)) for bay in settings.bays],
        rate_hz=rate_hz,
        protocol="3.1.1",
    )
    try:
        with Hub(settings, clock=clock) as hub:
            fleet.start()
            try:
                yield hub
            finally:
                fleet.stop()
    finally:
        broker.stop()
