"""The demo hub: an embedded broker, a fleet of simulated chargers, and the real kiosk."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
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


#: The demo's membership card (a prepaid account is created for it) and a stranger's card.
MEMBER_UID = "04A1B2C3D4E5F6"
STRANGER_UID = "04FFEEDDCCBBAA"


def seed_member(hub: Hub) -> None:
    """A prepaid demo account for MEMBER_UID, so membership cards can be tried."""
    from datetime import UTC, datetime
    from decimal import Decimal

    from hw_drivers.cardid import CardId
    from kiosk.store import models

    assert hub.db is not None
    token = CardId(bytes.fromhex(MEMBER_UID)).hmac(hub._uid_key())
    with hub.db.sessions.begin() as db:
        if db.get(models.Account, "demo-member") is None:
            db.add(
                models.Account(
                    id="demo-member",
                    token_hmac=token,
                    name="Demo member",
                    kind="prepaid",
                    balance=Decimal("100.00"),
                    credit_limit=Decimal(0),
                    blocked=False,
                    stripe_customer_id=None,
                    created_at=datetime.now(UTC),
                )
            )


def dev_actions(hub: Hub) -> dict[str, Callable[[], None]]:
    """The driver's hands for the demo's developer panel."""
    from kiosk.domain.payment import PaymentMethod

    actions: dict[str, Callable[[], None]] = {}
    terminal = hub.providers.get(PaymentMethod.TERMINAL)
    qr = hub.providers.get(PaymentMethod.QR)
    present = getattr(terminal, "present", None)
    if present is not None:
        actions["Tap a card (visa)"] = lambda: present("visa")
        actions["Tap a declined card"] = lambda: present("declined")
    pay_page = getattr(qr, "present", None)
    if pay_page is not None:
        actions["The phone pays (QR)"] = lambda: pay_page("visa")
    taps = [r.tap for r in hub.readers if hasattr(r, "tap")]
    if taps:
        actions["Tap the membership card"] = lambda: taps[0](MEMBER_UID)
        actions["Tap an unknown card"] = lambda: taps[0](STRANGER_UID)
    return actions
