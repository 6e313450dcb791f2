"""The touchscreen over a real two-bay hub: engine, store, simulated card reader, no chargers
(tests play them by posting what chargers report)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from kiosk.adapters.payments.simulator import NO_DELAYS, Simulator
from kiosk.config import from_table
from kiosk.domain.bay import BayStatus
from kiosk.domain.payment import PaymentMethod
from kiosk.engine.events import BayStatusReported, MeterSampleReported
from kiosk.hub import Hub
from kiosk.ui.app import KioskWindow
from tests.conftest import hub_table

#: 0.50 €/kWh and an idle fee of 6 €/h after the first hour, 19 % VAT; holds of 30 €.
TARIFF = {
    "id": "J",
    "currency": "EUR",
    "elements": [
        {"price_components": [{"type": "ENERGY", "price": 0.50, "vat": 19.0, "step_size": 1}]},
        {
            "price_components": [
                {"type": "PARKING_TIME", "price": 6.0, "vat": 19.0, "step_size": 60}
            ],
            "restrictions": {"min_duration": 3600},
        },
    ],
}


@pytest.fixture
def kiosk(request, qtbot, tmp_path, clock):
    """(hub, window, card reader): both bays have a car plugged in, nothing paid yet. The
    reader waits 30 s for a card (indirect parametrisation may give another wait)."""
    (tmp_path / "t.json").write_text(json.dumps(TARIFF))
    table = hub_table(2, data_dir=str(tmp_path / "data"), payments={"preauth_amount": "30"})
    for bay in table["bays"]:
        bay["tariff"] = "t.json"
    settings = from_table(table, base=tmp_path)
    terminal = Simulator(
        method=PaymentMethod.TERMINAL,
        delays=NO_DELAYS,
        poll_s=0.01,
        timeout_s=getattr(request, "param", 30),
        auto_card=None,
    )
    with Hub(
        settings,
        charger_link=False,
        clock=clock,
        payment_providers={PaymentMethod.TERMINAL: terminal},
    ) as hub:
        window = KioskWindow(hub.engine, timezone="Europe/Berlin")
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        for bay in ("bay-1", "bay-2"):
            hub.engine.post(BayStatusReported(bay, BayStatus.PREPARING))
            hub.engine.post(MeterSampleReported(bay, Decimal(1000), seq=1))
        qtbot.waitUntil(lambda: window.home.tiles["bay-2"].model.headline == "Car connected")
        yield hub, window, terminal
