"""The home screen before the hub is up: the configured bays, not yet heard from.

Starting the hub (database, migrations, payment and charger links) takes about a second; the
screen does not wait for it. Until the engine's first snapshot the window shows what that
snapshot would show anyway — every bay "Connecting…", with its prices — and the driver can
already switch language or large text. Nothing can be started before the hub is there.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from kiosk.domain.bay import Link
from kiosk.domain.payment import initial_hold
from kiosk.domain.tariff.display import price_lines
from kiosk.engine.events import Event
from kiosk.engine.snapshot import BayView, HubSnapshot

if TYPE_CHECKING:  # the caller has loaded the settings; the screen only reads them
    from kiosk.config import Settings

log = logging.getLogger("kiosk.ui")


def first_snapshot(settings: Settings) -> HubSnapshot:
    """The hub as the engine will show it before any charger has spoken."""
    bays = []
    for bay in settings.bays:
        tariff = settings.tariff_for(bay, member=False)
        hold = initial_hold(
            tariff.tariff if tariff else None,
            settings.payments.preauth_amount,
            settings.hub.currency,
        )
        bays.append(
            BayView(
                id=bay.id,
                label=bay.label,
                connector=bay.connector,
                max_power_kw=bay.max_power_kw,
                status=None,
                link=Link.UNKNOWN,
                power_w=None,
                register_wh=None,
                soc_pct=None,
                session=None,
                price_lines=price_lines(tariff.tariff) if tariff else (),
                hold=hold.amount.amount,
            )
        )
    return HubSnapshot(
        version=0,
        at=datetime.now(UTC),
        hub_id=settings.hub.id,
        hub_name=settings.hub.name,
        currency=settings.hub.currency,
        bays=tuple(bays),
        outbox_backlog=0,
    )


class StartingPort:
    """The hub port while the hub starts: a fixed snapshot; events are refused (logged)."""

    def __init__(self, snapshot: HubSnapshot) -> None:
        self._snapshot = snapshot

    def post(self, event: Event) -> None:
        log.warning("%s before the hub has started: dropped", type(event).__name__)

    def now(self) -> datetime:
        return datetime.now(UTC)

    def subscribe(self, listener: Callable[[HubSnapshot], None]) -> Callable[[], None]:
        return lambda: None

    @property
    def snapshot(self) -> HubSnapshot:
        return self._snapshot
