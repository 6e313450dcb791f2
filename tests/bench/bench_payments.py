"""Payment round trips through stripe-python, the Stripe test server and localstripe, against a
bare HTTP request to localstripe in the same run.

- ms per card payment: create the intent, hand it to the reader, card tapped, poll, confirm,
  capture the final price (about ten requests);
- ms per repeated capture with the same key (the look-up that makes a repeat harmless);
- the baseline: one bare `POST /v1/payment_intents` to localstripe over http.client.
"""

from __future__ import annotations

import http.client
import json
import statistics
import tempfile
import time
import urllib.request
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

from kiosk.adapters.payments.base import Authorised, Captured, Progress, Stage
from kiosk.adapters.payments.stripe_common import StripeConnection
from kiosk.adapters.payments.stripe_terminal import StripeTerminal
from kiosk.domain.money import Money
from tests.payments.localstripe import running, wipe
from tests.payments.stripe_double import StripeDouble

KEY = "sk_test_kiosk_bench"
READER = "tmr_bench"
ROUNDS = 20


def _bare_ms(base: str, n: int = 50) -> float:
    parts = urlsplit(base)
    body = json.dumps({"amount": 5000, "currency": "eur", "capture_method": "manual"})
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        conn.request(
            "POST",
            "/v1/payment_intents",
            body=body,
            headers={"Authorization": f"Bearer {KEY}", "Content-Type": "application/json"},
        )
        conn.getresponse().read()
        conn.close()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def _tap(double: StripeDouble) -> None:
    request = urllib.request.Request(
        f"{double.url}/v1/test_helpers/terminal/readers/{READER}/present_payment_method",
        data=b"{}",
        method="POST",
        headers={"Authorization": f"Bearer {KEY}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        answer.read()


def _tap_once(double: StripeDouble) -> Callable[[Progress], None]:
    """The driver taps when the reader first asks (on the authorising thread)."""
    tapped: list[bool] = []

    def on_progress(progress: Progress) -> None:
        if progress.stage is Stage.PRESENT_CARD and not tapped:
            tapped.append(True)
            _tap(double)

    return on_progress


def _payments_ms(double: StripeDouble) -> tuple[float, float]:
    connection = StripeConnection(KEY, api_base=double.url, max_network_retries=0)
    terminal = StripeTerminal(connection.client, reader_id=READER, poll_s=0.005)
    hold, final = Money(Decimal("50.00"), "EUR"), Money(Decimal("12.34"), "EUR")
    cycles, repeats = [], []
    try:
        for i in range(ROUNDS):
            start = time.perf_counter()
            held = terminal.authorise(
                key=f"pay:b{i}:authorise",
                session_id=f"b{i}",
                amount=hold,
                on_progress=_tap_once(double),
            )
            assert isinstance(held, Authorised)
            done = terminal.capture(key=f"pay:b{i}:capture", ref=held.ref, amount=final)
            cycles.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            again = terminal.capture(key=f"pay:b{i}:capture", ref=held.ref, amount=final)
            repeats.append((time.perf_counter() - start) * 1000)
            assert isinstance(done, Captured) and isinstance(again, Captured) and again.already
    finally:
        connection.close()
    return statistics.median(cycles), statistics.median(repeats)


def run() -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp, running(Path(tmp) / "localstripe.log") as base:
        double = StripeDouble(base)
        double.start()
        try:
            double.terminal.add_reader(READER)
            bare = _bare_ms(base)
            wipe(base)
            cycle, repeat = _payments_ms(double)
        finally:
            double.stop()
    return [
        {
            "name": "payments.card_hold_and_capture_ms (vs one bare request)",
            "value": cycle,
            "unit": "ms",
            "baseline": bare,
            "ratio": cycle / bare,
        },
        {
            "name": "payments.repeated_capture_ms (vs one bare request)",
            "value": repeat,
            "unit": "ms",
            "baseline": bare,
            "ratio": repeat / bare,
        },
    ]
