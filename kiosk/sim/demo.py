"""The demo hub: an embedded broker, a fleet of simulated chargers, and the real kiosk."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from kiosk.adapters.mqtt.link import bay_base
from kiosk.config import Settings
from kiosk.engine.clock import Clock
from kiosk.hub import Hub
from kiosk.sim.broker import EmbeddedBroker
from kiosk.sim.fleet import ChargerFleet


@dataclass(frozen=True)
class Demo:
    hub: Hub
    fleet: ChargerFleet


@contextmanager
def demo_hub(
    settings: Settings, *, rate_hz: float = 2.0, clock: Clock | None = None
) -> Iterator[Hub]:
    """Start broker, kiosk and chargers; stop them in reverse order."""
    with demo(settings, rate_hz=rate_hz, clock=clock) as running:
        yield running.hub


@contextmanager
def demo(settings: Settings, *, rate_hz: float = 2.0, clock: Clock | None = None) -> Iterator[Demo]:
    """The demo hub and its simulated chargers (for the developer panel's hands)."""
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
                yield Demo(hub, fleet)
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
    printing = hub.invoicing.printer if hub.invoicing is not None else None
    printer = printing.device if printing is not None else None
    if printer is not None and hasattr(printer, "run_out_of_paper"):
        actions["Printer out of paper"] = printer.run_out_of_paper
        actions["Load paper"] = printer.load_paper
    return actions


def bay_actions(fleet: ChargerFleet) -> dict[str, Callable[[str], None]]:
    """The cars' and chargers' side for the developer panel: acts on the bay chosen there."""
    return {
        "Plug a car in": lambda bay: fleet.act(bay, "plug_in"),
        "Unplug the car": lambda bay: fleet.act(bay, "unplug"),
        "Charger fault": lambda bay: fleet.act(bay, "fault"),
        "Repair the charger": lambda bay: fleet.act(bay, "repair"),
    }
