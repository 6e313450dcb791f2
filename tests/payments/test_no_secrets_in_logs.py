"""No secret key, card number or RFID UID in any log line written during the payments suite
(stripe-python's debug logs included), in localstripe's own log, or in the errors the outbox
keeps."""

# Runs last (see conftest) and makes its own payments first, so it also stands alone.

from __future__ import annotations

import hashlib
import re
from decimal import Decimal

import pytest

from kiosk.adapters.payments.accounts import (
    Account,
    AccountKind,
    Accounts,
    InMemoryAccountStore,
    StripeOffSession,
)
from kiosk.adapters.payments.base import Authorised, ProviderUnreachable, Stage
from kiosk.domain.money import Money
from kiosk.domain.payment import PaymentStep, payment_key
from tests.payments.conftest import SECRET, when_waiting
from tests.payments.engine_bed import WEBHOOK_SECRET
from tests.payments.test_accounts import MEMBER_UID, PREPAID_UID, STRANGER_UID, token

CARD_NUMBERS = [
    "4242424242424242",
    "4000000000000002",
    "4000000000009995",
    "4000000000000341",
    "5555555555554444",
    "3566002020360505",
]
#: A card number standing alone (13-digit runs are millisecond timestamps, e.g. last_seen_at).
DIGIT_RUNS = re.compile(r"(?<![0-9A-Za-z_])\d{14,19}(?![0-9A-Za-z_])")


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = int(d) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def eur(text: str) -> Money:
    return Money(Decimal(text), "EUR")


def make_payments(bed, terminal) -> list[str]:
    """A paid session, a declined card, a refused member charge and a lost answer."""
    errors: list[str] = []
    for number in ("4242424242424242", "4000000000000002"):
        result = terminal.authorise(
            key=payment_key(f"log-{number[-4:]}", PaymentStep.AUTHORISE),
            session_id="log", amount=eur("30.00"),
            on_progress=when_waiting(Stage.PRESENT_CARD, lambda _p, n=number: bed.tap(n)),
        )  # fmt: skip
        if isinstance(result, Authorised):
            bed.double.lose_answer("POST", r".*/capture", after_forwarding=False)
            with pytest.raises(ProviderUnreachable) as lost:
                terminal.capture(key="pay:log:capture", ref=result.ref, amount=eur("7.00"))
            errors.append(str(lost.value))
            terminal.capture(key="pay:log:capture", ref=result.ref, amount=eur("7.00"))
    customer = bed.client.v1.customers.create({}).id
    method = bed.client.v1.payment_methods.attach(
        "pm_card_chargeCustomerFail", {"customer": customer}
    ).id
    store = InMemoryAccountStore()
    store.add(
        Account("m", AccountKind.CARD_ON_FILE, "EUR", stripe_customer_id=customer,
                payment_method_id=method),
        token(MEMBER_UID),
    )  # fmt: skip
    accounts = Accounts(store, charger=StripeOffSession(bed.client))
    held = accounts.authorise(key="a", session_id="log", amount=eur("9"), payer=token(MEMBER_UID))
    accounts.capture(key="pay:log:capture", ref=held.ref, amount=eur("9.00"))
    accounts.authorise(key="b", session_id="log", amount=eur("9"), payer=token(STRANGER_UID))
    return errors


def test_no_secret_card_number_or_uid_is_ever_logged(bed, terminal, payment_logs, localstripe):
    errors = make_payments(bed, terminal)
    kiosk_lines = list(payment_logs.lines)
    assert any("captured ref=pi_" in line for line in kiosk_lines)  # the capture was logged
    assert any("Request to Stripe api" in line for line in kiosk_lines)  # stripe-python's too
    texts = {
        "log records": "\n".join(kiosk_lines),
        "localstripe's log": localstripe.log.read_text("utf-8", "replace"),
        "outbox errors": "\n".join(errors),
    }
    for where, text in texts.items():
        assert SECRET not in text, f"the Stripe secret key appears in {where}"
        assert SECRET[len("sk_test_") :] not in text, f"part of the secret appears in {where}"
        for number in CARD_NUMBERS:
            assert number not in text, f"card number …{number[-4:]} appears in {where}"
        pans = [run for run in DIGIT_RUNS.findall(text) if luhn_valid(run)]
        assert pans == [], f"card-number-like digits appear in {where}"
        for uid in (MEMBER_UID, PREPAID_UID, STRANGER_UID):
            assert uid.lower() not in text.lower(), f"an RFID UID appears in {where}"
        assert WEBHOOK_SECRET not in text, f"the webhook secret appears in {where}"
    # The kiosk's own lines never carry a card's fingerprint (it links one card's taps); only
    # stripe-python's DEBUG dump of responses does, which production keeps at INFO.
    own = "\n".join(line for line in kiosk_lines if line.split(" ", 2)[1].startswith("kiosk"))
    for number in CARD_NUMBERS:
        fingerprint = hashlib.sha256(number.encode()).hexdigest()[:16]  # the test server's
        assert fingerprint not in own, f"the fingerprint of card …{number[-4:]} is logged"
