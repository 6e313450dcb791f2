"""Helpers for engine tests with simulated payments: a two-bay hub, its simulated reader and QR
page, a driver who pays and starts charging, and what the database then says."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from kiosk.adapters.payments.simulator import NO_DELAYS, Simulator
from kiosk.config import Settings, from_table
from kiosk.domain.bay import BayStatus
from kiosk.domain.payment import PaymentMethod
from kiosk.engine.clock import Clock
from kiosk.engine.events import (
    BayStatusReported,
    CommandReplied,
    MeterSampleReported,
    PayRequested,
)
from kiosk.engine.snapshot import HubSnapshot, PaymentView
from kiosk.hub import Hub
from kiosk.store import models
from tests.conftest import hub_table
from tests.helpers import Watcher

TARIFF = {
    "id": "PAY",
    "currency": "EUR",
    "elements": [
        {"price_components": [{"type": "ENERGY", "price": 0.50, "vat": 19.0, "step_size": 1}]}
    ],
}


def two_bays(tmp_path: Path) -> Settings:
    (tmp_path / "t.json").write_text(json.dumps(TARIFF))
    table = hub_table(2, data_dir=str(tmp_path / "data"), payments={"preauth_amount": "30"})
    for bay in table["bays"]:
        bay["tariff"] = "t.json"
    return from_table(table, base=tmp_path)


def simulated(timeout_s: float = 60) -> tuple[Simulator, Simulator]:
    """A card reader and a QR page that wait for the test to present a card."""
    kw = {"delays": NO_DELAYS, "poll_s": 0.01, "timeout_s": timeout_s, "auto_card": None}
    terminal = Simulator(method=PaymentMethod.TERMINAL, **kw)  # type: ignore[arg-type]
    qr = Simulator(method=PaymentMethod.QR, name="simulator_qr", **kw)  # type: ignore[arg-type]
    return terminal, qr


def ways(terminal: Simulator, qr: Simulator) -> dict[PaymentMethod, Simulator]:
    return {PaymentMethod.TERMINAL: terminal, PaymentMethod.QR: qr}


@dataclass
class Kiosk:
    """A running hub with simulated payments and a watcher on its snapshots."""

    hub: Hub
    watch: Watcher
    terminal: Simulator
    qr: Simulator

    def post(self, *events: object) -> None:
        for event in events:
            self.hub.engine.post(event)  # type: ignore[arg-type]

    def pay(
        self, bay: str, session: str, card: str = "visa", method: str = "terminal"
    ) -> PaymentView:
        sim = self.terminal if method == "terminal" else self.qr
        return pay_and_charge(self.hub, self.watch, sim, bay, session, card, method)


@contextmanager
def running(
    settings: Settings, clock: Clock, terminal: Simulator | None = None, qr: Simulator | None = None
) -> Iterator[Kiosk]:
    """The hub paying with `terminal` and `qr` (fresh simulators when not given)."""
    fresh_terminal, fresh_qr = simulated()
    terminal, qr = terminal or fresh_terminal, qr or fresh_qr
    providers = ways(terminal, qr)
    with Hub(settings, charger_link=False, clock=clock, payment_providers=providers) as hub:
        yield Kiosk(hub, Watcher(hub.engine), terminal, qr)


def prepaid_member(hub: Hub, uid: str, account_id: str = "acct-1", balance: str = "100") -> str:
    """A prepaid membership account for the card with `uid`; returns the card's token (HMAC)."""
    token = hub._token_hasher()(uid)
    assert hub.db is not None
    with hub.db.sessions.begin() as db:
        db.add(
            models.Account(
                id=account_id,
                token_hmac=token,
                name="Fleet",
                kind="prepaid",
                balance=Decimal(balance),
                credit_limit=Decimal(0),
                blocked=False,
                stripe_customer_id=None,
                created_at=datetime.now(UTC),
            )
        )
    return token


def pay_and_charge(
    hub: Hub,
    watch: Watcher,
    sim: Simulator,
    bay: str,
    session: str,
    card: str = "visa",
    method: str = "terminal",
) -> PaymentView:
    """The driver pays at `bay` with `card`, the charger starts and energy flows."""
    engine = hub.engine
    sent = len(watch.commands)  # the start command of this session comes next
    engine.post(MeterSampleReported(bay, Decimal(10_000), seq=1))
    engine.post(BayStatusReported(bay, BayStatus.PREPARING))
    engine.post(PayRequested(bay, session, method))
    stage = "present_card" if method == "terminal" else "scan_qr"
    watch.until(lambda s: _paying(s, bay, session).stage == stage)
    sim.present(card)
    snap = watch.until(lambda s: s.bay(bay).session.id == session)
    start = watch.until_commands(sent + 1)[sent]
    assert (start.action.value, start.session_id) == ("start", session)
    engine.post(CommandReplied(bay, start.id, ok=True))
    engine.post(BayStatusReported(bay, BayStatus.CHARGING))
    watch.until(lambda s: s.bay(bay).session.state == "active")
    view = snap.bay(bay).payment
    assert view is not None and view.state == "authorised"
    return view


def _paying(snapshot: HubSnapshot, bay: str, session: str) -> PaymentView:
    view = snapshot.bay(bay).payment
    if view is None or view.session_id != session:
        raise LookupError(session)
    return view


def payment(hub: Hub, session_id: str) -> models.Payment | None:
    assert hub.db is not None
    with hub.db.sessions() as db:
        return db.get(models.Payment, f"pay-{session_id}")


def anomalies(hub: Hub) -> list[str]:
    """The kinds of anomaly the attendant has been shown, oldest first."""
    assert hub.db is not None
    with hub.db.sessions() as db:
        rows = db.scalars(
            select(models.AuditEntry.action)
            .where(models.AuditEntry.action.startswith("anomaly."))
            .order_by(models.AuditEntry.id)
        )
        return [action.removeprefix("anomaly.") for action in rows]
