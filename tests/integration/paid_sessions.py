"""Helpers for engine tests with simulated payments: a two-bay hub, its simulated reader and QR
page, a driver who pays and starts charging, and what the database then says."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from kiosk.adapters.payments.simulator import NO_DELAYS, Simulator
from kiosk.config import Settings, from_table
from kiosk.domain.bay import BayStatus
from kiosk.domain.payment import PaymentMethod
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
