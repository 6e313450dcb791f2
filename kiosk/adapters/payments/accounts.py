"""RFID membership accounts as a way to pay: cards known by the HMAC of their UID, a saved card
charged off-session at the end or a prepaid balance, with blocks, credit limits and unpaid debt."""

# The provider only reads accounts. Balance changes and debts are the engine's to write, in the
# same transaction that records the payment's result (`Captured.funding`, `NotCaptured`): so a
# prepaid debit happens exactly once by construction, and workers never write the database.

from __future__ import annotations

import enum
import logging
import threading
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, Protocol

import stripe

from kiosk.adapters.payments.base import (
    AbortSignal,
    Authorisation,
    Authorised,
    Captured,
    Funding,
    Incremented,
    IncrementRefused,
    LookedUp,
    NotAuthorised,
    NotCaptured,
    NotReleased,
    ProgressCallback,
    Refunded,
    Released,
)
from kiosk.adapters.payments.stripe_common import (
    KEY_FIELD,
    SESSION_FIELD,
    Intents,
    as_payment_error,
    code_of,
    decline_code_of,
    failure_for_decline,
    minor,
    money,
    status_of,
)
from kiosk.domain.money import Money
from kiosk.domain.payment import Failure, PaymentMethod, RemoteStatus

log = logging.getLogger(__name__)
REF_PREFIX = "acct:"


class AccountKind(enum.StrEnum):
    CARD_ON_FILE = "stripe_customer"  # a Stripe customer with a saved card, charged at the end
    PREPAID = "prepaid"  # a balance topped up in advance


@dataclass(frozen=True, slots=True)
class Account:
    id: str
    kind: AccountKind
    currency: str
    balance: Decimal = Decimal(0)  # prepaid: what is left
    credit_limit: Decimal = Decimal(0)  # prepaid: how far below zero; card on file: max per
    # session (0: the hold alone limits it)
    unpaid_debt: Decimal = Decimal(0)  # a refused off-session charge blocks new sessions
    blocked: bool = False
    stripe_customer_id: str | None = None
    payment_method_id: str | None = None  # None: the customer's first saved card

    def __repr__(self) -> str:  # no names or customer ids in logs
        return f"Account({self.id}, {self.kind})"


class AccountStore(Protocol):
    """Read access to accounts; the kiosk backs it with its database."""

    def find_by_token(self, token_hmac: str) -> Account | None: ...

    def get(self, account_id: str) -> Account | None: ...


class InMemoryAccountStore:
    """For tests and `kiosk demo`; `update` stands in for the engine's own writes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._accounts: dict[str, Account] = {}
        self._tokens: dict[str, str] = {}

    def add(self, account: Account, *token_hmacs: str) -> None:
        with self._lock:
            self._accounts[account.id] = account
            self._tokens.update(dict.fromkeys(token_hmacs, account.id))

    def update(self, account_id: str, **changes: Any) -> Account:
        with self._lock:
            account = replace(self._accounts[account_id], **changes)
            self._accounts[account_id] = account
            return account

    def find_by_token(self, token_hmac: str) -> Account | None:
        with self._lock:
            account_id = self._tokens.get(token_hmac)
            return self._accounts.get(account_id) if account_id else None

    def get(self, account_id: str) -> Account | None:
        with self._lock:
            return self._accounts.get(account_id)


class OffSessionCharger(Protocol):
    """Charges a saved card without the driver present; harmless to repeat with the same key."""

    def charge(
        self, *, key: str, account: Account, amount: Money, session_id: str
    ) -> Captured | NotCaptured: ...

    def refund(self, *, key: str, ref: str, amount: Money) -> Refunded: ...

    def look_up(self, *, ref: str) -> LookedUp: ...


class StripeOffSession:
    """PaymentIntent with `off_session=True, confirm=True` on the customer's saved card. Before
    charging it looks for an intent made with the same key, so a repeat never charges twice."""

    def __init__(self, client: stripe.StripeClient) -> None:
        self._client = client
        self.intents = Intents(client)

    def charge(
        self, *, key: str, account: Account, amount: Money, session_id: str
    ) -> Captured | NotCaptured:
        customer = account.stripe_customer_id
        if customer is None:
            raise ValueError(f"{account!r} has no Stripe customer")
        earlier = self._made_with(customer, key)
        if earlier is not None:
            return self._result(earlier, already=True)
        params: dict[str, Any] = {
            "amount": minor(amount),
            "currency": amount.currency.lower(),
            "customer": customer,
            "payment_method": account.payment_method_id or self._saved_card(customer),
            "off_session": True,
            "confirm": True,
            "metadata": {SESSION_FIELD: session_id, KEY_FIELD: key},
        }
        try:
            made = self.intents.api.create(params, {"idempotency_key": key})
        except stripe.CardError as exc:
            failure = failure_for_decline(code_of(exc), decline_code_of(exc))
            log.info("off-session charge declined key=%s code=%s", key, code_of(exc))
            ref = _intent_id_of(exc) or REF_PREFIX + account.id
            return NotCaptured(ref, failure, RemoteStatus.NOT_AUTHORISED, code_of(exc))
        except stripe.StripeError as exc:
            raise as_payment_error(exc, "off-session charge") from None
        return self._result(dict(made.to_dict()), already=False)

    def _made_with(self, customer: str, key: str) -> dict[str, Any] | None:
        try:
            listed = self.intents.api.list({"customer": customer, "limit": 100}).to_dict()
        except stripe.StripeError as exc:
            raise as_payment_error(exc, "list intents") from None
        for intent in listed["data"]:
            if (intent.get("metadata") or {}).get(KEY_FIELD) == key:
                return dict(intent)
        return None

    def _saved_card(self, customer: str) -> str:
        try:
            cards = self._client.v1.payment_methods.list({"customer": customer, "type": "card"})
        except stripe.StripeError as exc:
            raise as_payment_error(exc, "list payment methods") from None
        data = cards.to_dict()["data"]
        if not data:
            raise ValueError("the customer has no saved card")
        return str(data[0]["id"])

    def _result(self, intent: dict[str, Any], *, already: bool) -> Captured | NotCaptured:
        ref = intent["id"]
        if intent["status"] in ("succeeded", "processing"):
            paid = money(intent["amount"], intent["currency"])
            log.info("off-session charge ref=%s amount=%s already=%s", ref, paid, already)
            return Captured(ref, paid, already=already)
        return NotCaptured(ref, Failure.DECLINED, status_of(intent), intent["status"])

    def refund(self, *, key: str, ref: str, amount: Money) -> Refunded:
        return self.intents.refund(key=key, ref=ref, amount=amount)

    def look_up(self, *, ref: str) -> LookedUp:
        return self.intents.look_up(ref=ref)


class Accounts:
    """The membership card as a way to pay. `payer` is the HMAC of the card's UID."""

    name = "accounts"
    method = PaymentMethod.ACCOUNT

    def __init__(
        self,
        store: AccountStore,
        *,
        charger: OffSessionCharger | None,
        min_available: Decimal = Decimal(1),  # prepaid: less than this cannot start a session
    ) -> None:
        self._store = store
        self._charger = charger
        self._min = min_available

    def authorise(
        self,
        *,
        key: str,
        session_id: str,
        amount: Money,
        payer: str | None = None,
        on_progress: ProgressCallback | None = None,
        abort: AbortSignal | None = None,
    ) -> Authorisation:
        account = self._store.find_by_token(payer) if payer else None
        refused = self._refusal(account, amount)
        if refused is not None or account is None:
            log.info("account refused key=%s failure=%s", key, refused)
            return NotAuthorised(refused or Failure.CARD_NOT_REGISTERED)
        limit = self._limit(account)
        hold = amount if limit is None else Money(min(amount.amount, limit), amount.currency)
        log.info("account authorised key=%s account=%s hold=%s", key, account.id, hold)
        return Authorised(REF_PREFIX + account.id, hold.rounded(), None, increment_supported=True)

    def _refusal(self, account: Account | None, amount: Money) -> Failure | None:
        if account is None:
            return Failure.CARD_NOT_REGISTERED
        if account.blocked:
            return Failure.ACCOUNT_BLOCKED
        if account.unpaid_debt > 0:
            return Failure.UNPAID_DEBT
        if account.currency != amount.currency:
            return Failure.PROVIDER_ERROR
        if (
            account.kind is AccountKind.PREPAID
            and account.balance + account.credit_limit < self._min
        ):
            return Failure.CREDIT_LIMIT
        if account.kind is AccountKind.CARD_ON_FILE and (
            self._charger is None or account.stripe_customer_id is None
        ):
            return Failure.PROVIDER_ERROR
        return None

    @staticmethod
    def _limit(account: Account) -> Decimal | None:
        if account.kind is AccountKind.PREPAID:
            return account.balance + account.credit_limit
        return account.credit_limit if account.credit_limit > 0 else None

    def _account(self, ref: str) -> Account:
        account = self._store.get(ref.removeprefix(REF_PREFIX))
        if account is None:
            raise ValueError(f"no account for {ref}")
        return account

    def increment(self, *, key: str, ref: str, new_total: Money) -> Incremented | IncrementRefused:
        limit = self._limit(self._account(ref))
        if limit is None or new_total.amount <= limit:
            return Incremented(ref, new_total)
        capped = Money(limit, new_total.currency).rounded()
        return IncrementRefused(ref, capped, unsupported=False, code="credit_limit")

    def capture(self, *, key: str, ref: str, amount: Money) -> Captured | NotCaptured:
        """Prepaid: Captured(funding=PREPAID_BALANCE): the engine debits the balance when it
        records the result. Card on file: the off-session charge; NotCaptured(DECLINED) means
        the engine records `amount` as the account's unpaid debt."""
        account = self._account(ref)
        if account.kind is AccountKind.PREPAID:
            return Captured(ref, amount, funding=Funding.PREPAID_BALANCE)
        if self._charger is None:
            raise ValueError("card-on-file accounts need an off-session charger")
        session_id = key.split(":")[1] if key.count(":") >= 2 else key  # pay:<session>:capture
        return self._charger.charge(key=key, account=account, amount=amount, session_id=session_id)

    def cancel(self, *, key: str, ref: str) -> Released | NotReleased:
        if ref.startswith(REF_PREFIX):
            return Released(ref)  # nothing was held
        return NotReleased(ref, self.look_up(ref=ref).status)  # already charged: refund it

    def refund(self, *, key: str, ref: str, amount: Money) -> Refunded:
        if ref.startswith(REF_PREFIX):
            return Refunded(ref, None, amount, funding=Funding.PREPAID_BALANCE)
        if self._charger is None:
            raise ValueError("card-on-file accounts need an off-session charger")
        return self._charger.refund(key=key, ref=ref, amount=amount)

    def look_up(self, *, ref: str) -> LookedUp:
        if ref.startswith(REF_PREFIX):  # the kiosk's own record is the truth for accounts
            return LookedUp(ref, RemoteStatus.HELD)
        if self._charger is None:
            raise ValueError("card-on-file accounts need an off-session charger")
        return self._charger.look_up(ref=ref)


def _intent_id_of(exc: stripe.StripeError) -> str | None:
    body = exc.json_body
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        intent = body["error"].get("payment_intent")
        if isinstance(intent, dict) and isinstance(intent.get("id"), str):
            return str(intent["id"])
    return None
