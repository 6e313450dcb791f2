"""Paying with an RFID membership card: a saved card charged off-session at the end (through
stripe-python and localstripe), a prepaid balance, and the refusals the driver must understand."""

from __future__ import annotations

import hashlib
import hmac
from decimal import Decimal

import pytest

from kiosk.adapters.payments.accounts import (
    Account,
    AccountKind,
    Accounts,
    InMemoryAccountStore,
    StripeOffSession,
)
from kiosk.adapters.payments.base import (
    Authorised,
    Captured,
    Funding,
    Incremented,
    IncrementRefused,
    NotAuthorised,
    NotCaptured,
    Refunded,
    Released,
)
from kiosk.domain.money import Money
from kiosk.domain.payment import Failure, NextStep, PaymentStep, payment_key
from tests.payments.conftest import StripeBed

HMAC_KEY = b"kiosk-test-uid-hmac-key-32-bytes"
MEMBER_UID = "04A1B2C3D4E5F6"  # what the card reader reads; only its HMAC is ever stored
PREPAID_UID = "04112233445566"
STRANGER_UID = "04DEADBEEF0001"


def token(uid: str) -> str:
    return hmac.new(HMAC_KEY, bytes.fromhex(uid), hashlib.sha256).hexdigest()


def eur(text: str) -> Money:
    return Money(Decimal(text), "EUR")


def saved_card(bed: StripeBed, test_method: str) -> tuple[str, str]:
    """A Stripe customer with a saved card (Stripe's test payment method ids)."""
    customer = bed.client.v1.customers.create({"description": "hub member"}).id
    method = bed.client.v1.payment_methods.attach(test_method, {"customer": customer}).id
    return customer, method


@pytest.fixture
def store() -> InMemoryAccountStore:
    store = InMemoryAccountStore()
    store.add(
        Account("acc-prepaid", AccountKind.PREPAID, "EUR", balance=Decimal("30.00")),
        token(PREPAID_UID),
    )
    return store


def member(store: InMemoryAccountStore, bed: StripeBed, test_method: str, **extra) -> Account:
    customer, method = saved_card(bed, test_method)
    account = Account(
        "acc-member", AccountKind.CARD_ON_FILE, "EUR",
        stripe_customer_id=customer, payment_method_id=method, **extra,
    )  # fmt: skip
    store.add(account, token(MEMBER_UID))
    return account


def start(accounts: Accounts, uid: str, hold: str = "50.00", session: str = "s-9"):
    return accounts.authorise(
        key=payment_key(session, PaymentStep.AUTHORISE), session_id=session, amount=eur(hold),
        payer=token(uid),
    )  # fmt: skip


CAPTURE = payment_key("s-9", PaymentStep.CAPTURE)


def test_a_member_is_charged_off_session_at_the_end(bed, store):
    account = member(store, bed, "pm_card_visa")
    accounts = Accounts(store, charger=StripeOffSession(bed.client))
    bed.double.reset()  # forget the setup's requests
    held = start(accounts, MEMBER_UID)
    assert held == Authorised("acct:acc-member", eur("50.00"), None, increment_supported=True)
    assert bed.double.seen == []  # nothing is held on the card: Stripe is not even asked

    charged = accounts.capture(key=CAPTURE, ref=held.ref, amount=eur("17.25"))
    assert isinstance(charged, Captured) and charged.ref.startswith("pi_")
    assert (charged.amount, charged.funding, charged.already) == (eur("17.25"), Funding.CARD, False)
    intent = bed.intent(charged.ref)
    assert (intent["status"], intent["amount"], intent["customer"]) == (
        "succeeded",
        1725,
        account.stripe_customer_id,
    )
    (create,) = bed.double.requests("POST", "/v1/payment_intents")
    assert create.body["off_session"] == "true" and create.body["confirm"] == "true"
    assert create.idempotency_key == CAPTURE

    again = accounts.capture(key=CAPTURE, ref=held.ref, amount=eur("17.25"))
    assert again == Captured(charged.ref, eur("17.25"), already=True)
    assert len(bed.double.requests("POST", "/v1/payment_intents")) == 1  # never twice

    refund_key = payment_key("s-9", PaymentStep.REFUND, 1)
    refunded = accounts.refund(key=refund_key, ref=charged.ref, amount=eur("2.25"))
    assert isinstance(refunded, Refunded) and refunded.amount == eur("2.25")
    assert accounts.refund(key=refund_key, ref=charged.ref, amount=eur("2.25")).already


def test_a_refused_off_session_charge_becomes_debt_that_blocks_the_next_session(bed, store):
    member(store, bed, "pm_card_chargeCustomerFail")  # Stripe's test card 4000000000000341
    accounts = Accounts(store, charger=StripeOffSession(bed.client))
    held = start(accounts, MEMBER_UID)
    refused = accounts.capture(key=CAPTURE, ref=held.ref, amount=eur("17.25"))
    assert isinstance(refused, NotCaptured) and refused.failure is Failure.DECLINED
    again = accounts.capture(key=CAPTURE, ref=held.ref, amount=eur("17.25"))
    assert isinstance(again, NotCaptured)
    assert len(bed.double.requests("POST", "/v1/payment_intents")) == 1  # no second attempt

    store.update("acc-member", unpaid_debt=Decimal("17.25"))  # what the engine records
    blocked = start(accounts, MEMBER_UID, session="s-10")
    assert isinstance(blocked, NotAuthorised) and blocked.failure is Failure.UNPAID_DEBT
    assert blocked.message.next_step is NextStep.SETTLE_DEBT_OR_PAY_ANOTHER_WAY


def test_a_member_credit_limit_caps_the_session(bed, store):
    member(store, bed, "pm_card_visa", credit_limit=Decimal("40.00"))
    accounts = Accounts(store, charger=StripeOffSession(bed.client))
    held = start(accounts, MEMBER_UID, hold="50.00")
    assert held.amount == eur("40.00")
    refused = accounts.increment(key="pay:s-9:increment:1", ref=held.ref, new_total=eur("60.00"))
    assert refused == IncrementRefused(
        held.ref, eur("40.00"), unsupported=False, code="credit_limit"
    )


def test_a_prepaid_balance_limits_the_session_and_is_debited_by_the_engine(store):
    accounts = Accounts(store, charger=None)
    held = start(accounts, PREPAID_UID, hold="50.00")
    assert isinstance(held, Authorised) and held.amount == eur("30.00")
    assert accounts.increment(key="k1", ref=held.ref, new_total=eur("25.00")) == Incremented(
        held.ref, eur("25.00")
    )
    charged = accounts.capture(key=CAPTURE, ref=held.ref, amount=eur("12.00"))
    assert charged == Captured(held.ref, eur("12.00"), funding=Funding.PREPAID_BALANCE)
    assert store.get("acc-prepaid").balance == Decimal("30.00")  # the provider never writes
    assert accounts.cancel(key="k2", ref=held.ref) == Released(held.ref)


@pytest.mark.parametrize(
    ("changes", "failure"),
    [
        ({"blocked": True}, Failure.ACCOUNT_BLOCKED),
        ({"balance": Decimal("0.50")}, Failure.CREDIT_LIMIT),
        ({"balance": Decimal("-9.50"), "credit_limit": Decimal("10")}, Failure.CREDIT_LIMIT),
        ({"unpaid_debt": Decimal("3.10")}, Failure.UNPAID_DEBT),
    ],
)
def test_members_who_cannot_start_are_told_why(store, changes, failure):
    store.update("acc-prepaid", **changes)
    refused = start(Accounts(store, charger=None), PREPAID_UID)
    assert isinstance(refused, NotAuthorised) and refused.failure is failure
    assert refused.message.key == f"payment.{failure.value}"


def test_a_prepaid_credit_line_lets_the_balance_go_below_zero(store):
    store.update("acc-prepaid", balance=Decimal("-5.00"), credit_limit=Decimal("20.00"))
    held = start(Accounts(store, charger=None), PREPAID_UID)
    assert isinstance(held, Authorised) and held.amount == eur("15.00")


def test_an_unknown_card_is_not_registered_and_can_pay_another_way(store):
    refused = start(Accounts(store, charger=None), STRANGER_UID)
    assert isinstance(refused, NotAuthorised) and refused.failure is Failure.CARD_NOT_REGISTERED
    assert refused.message.next_step is NextStep.PAY_ANOTHER_WAY
