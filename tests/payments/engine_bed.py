"""Helpers for whole-engine tests on the Stripe test bed: a one-bay hub paying on the Terminal
reader, a driver who taps and starts charging, the event records the engine writes, and signed
webhooks sent over HTTP."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from kiosk.adapters.payments.stripe_terminal import StripeTerminal
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
from kiosk.engine.snapshot import PaymentView
from kiosk.hub import Hub
from tests.conftest import hub_table
from tests.helpers import Watcher
from tests.payments.conftest import StripeBed

WEBHOOK_SECRET = "whsec_kiosk_" + secrets.token_hex(12)  # unique per run: the log check greps it
VISA = "4242424242424242"
MASTERCARD = "5555555555554444"
TARIFF = {
    "id": "STRIPE",
    "currency": "EUR",
    "elements": [
        {"price_components": [{"type": "ENERGY", "price": 0.42, "vat": 19.0, "step_size": 1}]}
    ],
}


def one_bay(tmp_path: Path, **payments: Any) -> Settings:
    (tmp_path / "t.json").write_text(json.dumps(TARIFF))
    table = hub_table(
        1, data_dir=str(tmp_path / "data"), payments={"preauth_amount": "40", **payments}
    )
    table["bays"][0]["tariff"] = "t.json"
    return from_table(table, base=tmp_path)


def terminal_hub(settings: Settings, clock: Clock, terminal: StripeTerminal) -> Hub:
    """A kiosk (not started) paying on the test bed's Terminal reader."""
    providers = {PaymentMethod.TERMINAL: terminal}
    return Hub(settings, charger_link=False, clock=clock, payment_providers=providers)


def tap_and_charge(
    hub: Hub, watch: Watcher, bed: StripeBed, session: str, number: str = VISA
) -> PaymentView:
    """The driver taps `number` on the reader for bay-1; the charger starts; energy flows."""
    engine = hub.engine
    engine.post(MeterSampleReported("bay-1", Decimal(500_000), seq=1))
    engine.post(BayStatusReported("bay-1", BayStatus.PREPARING))
    engine.post(PayRequested("bay-1", session, "terminal"))
    watch.until(lambda s: s.bay("bay-1").payment.stage == "present_card")
    bed.tap(number)
    snap = watch.until(lambda s: s.bay("bay-1").session.id == session, timeout=20)
    engine.post(CommandReplied("bay-1", watch.until_commands(1)[0].id, ok=True))
    engine.post(BayStatusReported("bay-1", BayStatus.CHARGING))
    watch.until(lambda s: s.bay("bay-1").session.state == "active")
    view = snap.bay("bay-1").payment
    assert view is not None and view.state == "authorised"
    return view


class Records:
    """The engine's event records (`kiosk run --events`), to wait on what has no other trace."""

    def __init__(self, hub: Hub) -> None:
        self._cond = threading.Condition()
        self.seen: list[dict[str, Any]] = []
        hub.engine.on_record(self._add)

    def _add(self, record: dict[str, Any]) -> None:
        with self._cond:
            self.seen.append(record)
            self._cond.notify_all()

    def until(self, match: Callable[[dict[str, Any]], bool], timeout: float = 15) -> dict:
        with self._cond:
            if not self._cond.wait_for(lambda: any(match(r) for r in self.seen), timeout):
                raise AssertionError(f"no such record within {timeout} s: {self.seen[-5:]}")
            return next(r for r in self.seen if match(r))


def signature(secret: str, body: bytes, at: float | None = None) -> str:
    """`Stripe-Signature` as Stripe computes it: HMAC-SHA256 of "<t>.<body>"."""
    stamp = int(time.time() if at is None else at)
    mac = hmac.new(secret.encode(), f"{stamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={stamp},v1={mac}"


def stripe_event(kind: str, obj: dict[str, Any]) -> bytes:
    return json.dumps(
        {
            "id": "evt_" + hashlib.sha256(repr(obj).encode()).hexdigest()[:16],
            "object": "event",
            "type": kind,
            "created": int(time.time()),
            "livemode": False,
            "data": {"object": obj},
        }
    ).encode()


def post_webhook(url: str, body: bytes, signed: str | None) -> int:
    headers = {"Content-Type": "application/json"}
    if signed is not None:
        headers["Stripe-Signature"] = signed
    request = urllib.request.Request(url, data=body, method="POST", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as exc:
        with exc:
            return int(exc.code)
