"""A whole session through the real engine paid on a Stripe Terminal reader (stripe-python,
localstripe and the Terminal test server): tap, charge, capture exactly the final price."""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from contextlib import closing
from datetime import timedelta
from decimal import Decimal

from kiosk.config import from_table
from kiosk.domain.bay import BayStatus
from kiosk.domain.payment import PaymentMethod
from kiosk.engine.events import (
    BayStatusReported,
    CommandReplied,
    MeterSampleReported,
    PayRequested,
    Tick,
)
from kiosk.hub import Hub
from kiosk.store import models
from tests.conftest import hub_table
from tests.helpers import Watcher

TARIFF = {
    "id": "STRIPE",
    "currency": "EUR",
    "elements": [
        {"price_components": [{"type": "ENERGY", "price": 0.42, "vat": 19.0, "step_size": 1}]},
        {"price_components": [{"type": "FLAT", "price": 0.50, "vat": 19.0, "step_size": 1}]},
    ],
}


def test_tap_to_capture_through_the_engine_on_stripe(bed, terminal, tmp_path, clock, stripe_secret):
    (tmp_path / "t.json").write_text(json.dumps(TARIFF))
    table = hub_table(1, data_dir=str(tmp_path / "data"), payments={"preauth_amount": "40"})
    table["bays"][0]["tariff"] = "t.json"
    settings = from_table(table, base=tmp_path)
    tapped = threading.Event()
    with Hub(
        settings,
        charger_link=False,
        clock=clock,
        payment_providers={PaymentMethod.TERMINAL: terminal},
    ) as hub:
        watch = Watcher(hub.engine)
        engine = hub.engine
        engine.post(MeterSampleReported("bay-1", Decimal(500_000), seq=1))
        engine.post(BayStatusReported("bay-1", BayStatus.PREPARING))
        engine.post(PayRequested("bay-1", "s-stripe", "terminal"))
        watch.until(
            lambda s: s.bay("bay-1").payment and s.bay("bay-1").payment.stage == "present_card"
        )
        bed.tap()  # the driver holds a card to the reader
        tapped.set()
        snap = watch.until(lambda s: s.bay("bay-1").session is not None, timeout=20)
        view = snap.bay("bay-1").payment
        assert view.state == "authorised" and view.hold == Decimal("40.00")
        engine.post(CommandReplied("bay-1", watch.until_commands(1)[0].id, ok=True))
        engine.post(BayStatusReported("bay-1", BayStatus.CHARGING))
        clock.advance(timedelta(minutes=45))
        engine.post(MeterSampleReported("bay-1", Decimal(533_250), Decimal(44_000), seq=2))
        engine.post(BayStatusReported("bay-1", BayStatus.AVAILABLE))
        watch.until(lambda s: s.bay("bay-1").session is None)
        engine.post(Tick())
        snap = watch.until(lambda s: s.bay("bay-1").payment.state == "captured", timeout=20)
        with hub.db.sessions() as db:
            session = db.get(models.ChargingSession, "s-stripe")
            row = db.get(models.Payment, "pay-s-stripe")
    # 33.25 kWh × 0.42 + 0.50, plus 19 % VAT
    assert session.cost_incl_vat == Decimal("17.21")
    assert row.amount_captured == session.cost_incl_vat
    intent = bed.intent(row.provider_ref)
    assert intent["status"] == "succeeded"
    charge = intent["latest_charge"]
    # localstripe keeps no amount_captured: it books the released rest of the hold as a refund.
    assert charge["amount"] - charge.get("amount_refunded", 0) == 1721  # minor units, at Stripe
    assert snap.bay("bay-1").payment.released == Decimal("22.79")
    captures = [
        r for r in bed.double.requests("POST", f"/v1/payment_intents/{row.provider_ref}/capture")
    ]
    assert len(captures) == 1 and captures[0].idempotency_key == "pay:s-stripe:capture"

    # Nothing secret or card-like was written anywhere in the database: every value of every
    # table, checked for the key and for digit runs that pass the card-number (Luhn) check.
    with closing(sqlite3.connect(tmp_path / "data" / "kiosk.sqlite")) as raw:
        tables = [t for (t,) in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        values = [
            str(v)
            for t in tables
            for row in raw.execute(f'SELECT * FROM "{t}"')
            for v in row
            if v is not None
        ]
    assert values and not any(stripe_secret.value in v for v in values)
    assert not [m for v in values for m in re.findall(r"[0-9]{13,19}", v) if luhn(m)]


def luhn(number: str) -> bool:
    digits = [int(d) for d in reversed(number)]
    total = sum(digits[0::2]) + sum(sum(divmod(2 * d, 10)) for d in digits[1::2])
    return total % 10 == 0
