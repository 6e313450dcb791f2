"""The payment provider interface every way to pay implements: typed results, progress values for
the driver's countdown, cancellation, and errors that say the outcome is unknown."""

# Results carry `Money` (minor units exist only inside each provider) and, of the card, only
# brand, last 4 digits and the provider's fingerprint (kept in memory for tap-to-stop).

from __future__ import annotations

import enum
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from kiosk.domain.money import Money
from kiosk.domain.payment import (
    DriverMessage,
    Failure,
    PaymentMethod,
    RemoteStatus,
    driver_message,
)


class Stage(enum.StrEnum):
    PREPARING = "preparing"  # creating the payment at the provider
    PRESENT_CARD = "present_card"  # the reader waits for a card: show the countdown
    SCAN_QR = "scan_qr"  # the payment page is ready: show `qr_url` and the countdown
    CONFIRMING = "confirming"  # card read / page paid: checking the authorisation
    CANCELLING = "cancelling"  # the driver cancelled or time ran out: resetting reader / page


@dataclass(frozen=True, slots=True)
class Progress:
    """Reported on the worker thread every poll (about once a second); post it to the engine."""

    stage: Stage
    remaining_s: float  # seconds before the kiosk gives up: the countdown the driver sees
    timeout_s: float  # the whole wait, for a progress bar
    ref: str | None = None  # the provider's id as soon as it exists: persist it for recovery
    qr_url: str | None = None  # the payment page to encode as a QR code (Stage.SCAN_QR)


ProgressCallback = Callable[[Progress], None]


class AbortSignal(Protocol):
    """Set from another thread when the driver cancels or walks away; `threading.Event` fits."""

    def is_set(self) -> bool: ...

    def wait(self, timeout: float | None = None) -> bool: ...


def never_aborted() -> AbortSignal:
    return threading.Event()


class Funding(enum.StrEnum):
    CARD = "card"  # money moved at the card networks
    PREPAID_BALANCE = "prepaid_balance"  # the engine debits / credits the account balance


@dataclass(frozen=True, slots=True)
class Card:
    brand: str | None
    last4: str | None
    fingerprint: str | None = None  # the provider's hash of the card number, for tap-to-stop

    def __repr__(self) -> str:  # the fingerprint links taps of one card: keep it out of logs
        return f"Card({self.brand} …{self.last4})"


@dataclass(frozen=True, slots=True)
class Authorised:
    ref: str  # PaymentIntent id, or `acct:<id>` for an account
    amount: Money  # the hold (for an account: what the session may cost)
    card: Card | None
    increment_supported: bool
    checkout_ref: str | None = None  # the Checkout Session of a QR payment


@dataclass(frozen=True, slots=True)
class NotAuthorised:
    failure: Failure
    ref: str | None = None  # the attempt's PaymentIntent, already cancelled
    code: str | None = None  # the provider's code, for the log (never card data)

    @property
    def message(self) -> DriverMessage:
        return driver_message(self.failure)


Authorisation = Authorised | NotAuthorised


@dataclass(frozen=True, slots=True)
class Incremented:
    ref: str
    amount: Money  # the new total hold
    already: bool = False  # an earlier call with this key did it


@dataclass(frozen=True, slots=True)
class IncrementRefused:
    ref: str
    amount: Money  # the hold, unchanged: stop the charge at this limit
    unsupported: bool  # the card or payment cannot be incremented at all
    code: str | None = None


@dataclass(frozen=True, slots=True)
class Captured:
    ref: str  # after an account's off-session charge: the new PaymentIntent's id
    amount: Money
    already: bool = False  # an earlier call with this key captured: nothing happened now
    funding: Funding = Funding.CARD


@dataclass(frozen=True, slots=True)
class NotCaptured:
    ref: str
    failure: Failure  # DECLINED for a refused off-session charge: record the unpaid debt
    remote: RemoteStatus  # e.g. CANCELLED: the hold lapsed, nothing can be collected
    code: str | None = None


@dataclass(frozen=True, slots=True)
class Released:
    ref: str
    already: bool = False


@dataclass(frozen=True, slots=True)
class NotReleased:
    ref: str
    remote: RemoteStatus  # CAPTURED: money was taken although the kiosk meant to release it


@dataclass(frozen=True, slots=True)
class Refunded:
    ref: str
    refund_id: str | None  # None for a prepaid balance (the engine credits it)
    amount: Money
    already: bool = False
    funding: Funding = Funding.CARD


@dataclass(frozen=True, slots=True)
class LookedUp:
    ref: str
    status: RemoteStatus
    authorised: Money | None = None
    captured: Money | None = None
    refunded: Money | None = None
    card: Card | None = None
    session_id: str | None = None  # the charging session the provider has it for (metadata)


class PaymentError(Exception):
    """The call could not be made or its outcome is unknown: retry it with the same key.

    Messages hold the provider's error code and HTTP status, never its free text, keys or card
    data, so they are safe to log and to keep in the outbox table.
    """

    failure = Failure.PROVIDER_ERROR


class ProviderUnreachable(PaymentError):
    """Network error, timeout, rate limit or a server error at the provider."""

    failure = Failure.NETWORK_ERROR


class ProviderRejected(PaymentError):
    """The provider refused the request (credentials, permissions, unexpected state)."""


class PaymentProvider(Protocol):
    """One way to pay. Every call is blocking (run it on the network pool, never on the Qt or
    engine thread), keyword-only, and harmless to repeat with the same idempotency key."""

    name: str  # the provider's registry name, stored with each payment
    method: PaymentMethod

    def authorise(
        self,
        *,
        key: str,
        session_id: str,
        amount: Money,
        payer: str | None = None,  # accounts: the HMAC of the RFID card's UID
        on_progress: ProgressCallback | None = None,
        abort: AbortSignal | None = None,
    ) -> Authorisation: ...

    def increment(
        self, *, key: str, ref: str, new_total: Money
    ) -> Incremented | IncrementRefused: ...

    def capture(self, *, key: str, ref: str, amount: Money) -> Captured | NotCaptured: ...

    def cancel(self, *, key: str, ref: str) -> Released | NotReleased: ...

    def refund(self, *, key: str, ref: str, amount: Money) -> Refunded: ...

    def look_up(self, *, ref: str) -> LookedUp: ...


class CardReader(Protocol):
    """A provider that can read a card without charging it (tap-to-stop)."""

    def read_card(
        self,
        *,
        key: str,
        amount: Money,  # shown on the reader, e.g. the cost so far; never authorised
        on_progress: ProgressCallback | None = None,
        abort: AbortSignal | None = None,
        timeout_s: float | None = None,  # None: the provider's own wait for a card
    ) -> Card | NotAuthorised: ...
