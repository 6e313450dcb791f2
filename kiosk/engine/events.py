"""Everything that can happen to the hub, as immutable values posted to the engine's inbox."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from kiosk.domain.bay import BayStatus, Link


@dataclass(frozen=True, slots=True)
class Event:
    """Base of all inbox events."""


@dataclass(frozen=True, slots=True)
class BayStatusReported(Event):
    """A charger reported its connector status (OCPP 1.6 names)."""

    bay_id: str
    status: BayStatus
    error: str | None = None


@dataclass(frozen=True, slots=True)
class BayLinkChanged(Event):
    """The kiosk gained or lost contact with a bay's charger."""

    bay_id: str
    link: Link


@dataclass(frozen=True, slots=True)
class MeterSampleReported(Event):
    """A reading of the charger's cumulative import register (Wh) and instantaneous values."""

    bay_id: str
    energy_wh: Decimal
    power_w: Decimal | None = None
    seq: int | None = None
    charger_ts: datetime | None = None  # kept for the record; never used for billing time
    soc_pct: Decimal | None = None
    current_a: Decimal | None = None
    ocmf: str | None = None  # signed meter value (OCMF string) when the charger signs


@dataclass(frozen=True, slots=True)
class ChargerHeartbeat(Event):
    """The charger said it is alive (or answered a communication check)."""

    bay_id: str


class ChargerSessionKind(enum.StrEnum):
    """Session milestones a charger reports on its own (EVerest session events and the like)."""

    AUTHORIZED = "authorized"  # the charger accepted a token itself (local RFID, Plug&Charge)
    STARTED = "started"  # a transaction began at the charger
    FINISHED = "finished"  # the charger ended the transaction


@dataclass(frozen=True, slots=True)
class ChargerSessionReported(Event):
    bay_id: str
    kind: ChargerSessionKind
    token: str | None = None  # id tag as the charger saw it (hashed before it is stored)
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class CommandReplied(Event):
    """A charger answered a command (dialects that reply)."""

    bay_id: str
    command_id: str
    ok: bool
    error: str | None = None


@dataclass(frozen=True, slots=True)
class MessageRejected(Event):
    """A message from a charger could not be used; counted per bay, never fatal."""

    bay_id: str | None
    topic: str
    reason: str


@dataclass(frozen=True, slots=True)
class StartRequested(Event):
    """A driver was authorised at a bay; the engine opens a session and starts the charger."""

    bay_id: str
    session_id: str
    token_hmac: str | None = None
    member: bool = False  # an RFID account holder: the bay's member tariff applies


@dataclass(frozen=True, slots=True)
class CardTapped(Event):
    """A card was held to one of the kiosk's readers (only its HMAC leaves the driver)."""

    reader: str
    token_hmac: str


@dataclass(frozen=True, slots=True)
class PayRequested(Event):
    """A driver chose a bay and a way to pay: hold money, then start the charge."""

    bay_id: str
    session_id: str
    method: str  # PaymentMethod value: terminal, qr, account
    payer: str | None = None  # account payments: the HMAC of the membership card's UID


@dataclass(frozen=True, slots=True)
class PayCancelled(Event):
    """The driver cancelled (or walked away from) the payment step."""

    session_id: str


@dataclass(frozen=True, slots=True)
class PaymentProgressed(Event):
    """The payment step's countdown, from the worker that waits for the card or phone."""

    session_id: str
    stage: str
    remaining_s: float
    timeout_s: float
    ref: str | None = None
    qr_url: str | None = None


@dataclass(frozen=True, slots=True)
class PaymentAnswered(Event):
    """How the authorisation ended: `Authorised`, `NotAuthorised` or an error text."""

    session_id: str
    result: Any  # kiosk.adapters.payments.base.Authorised | NotAuthorised (frozen values)
    error: str | None = None  # the outcome is unknown (network): reconcile before any retry


@dataclass(frozen=True, slots=True)
class HoldAnswered(Event):
    """How a request for a bigger hold ended: `Incremented`, `IncrementRefused` or an error."""

    session_id: str
    result: Any
    error: str | None = None


@dataclass(frozen=True, slots=True)
class PaymentLookedUp(Event):
    """What the provider says of a payment the kiosk was unsure about (at start, after a lost
    answer, on a webhook): `LookedUp`, or an error text when it could not be asked."""

    payment_id: str
    state: str  # the payment's state when the look-up was asked: a later change wins
    result: Any  # kiosk.adapters.payments.base.LookedUp | None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class PaymentNotified(Event):
    """A verified Stripe webhook named a payment: look it up now (the body is never trusted)."""

    event_type: str  # e.g. "payment_intent.canceled"
    object_id: str | None  # the event's object: cs_…, pi_…, ch_…
    payment_intent: str | None = None  # the PaymentIntent the object belongs to, if it says


@dataclass(frozen=True, slots=True)
class IdentifyRequested(Event):
    """A driver wants to prove a session is theirs: to stop it, or to find its bay."""

    purpose: str  # Purpose value: "stop" (bay_id's session) or "find" (bay_id narrows it)
    bay_id: str | None = None


@dataclass(frozen=True, slots=True)
class IdentifyCancelled(Event):
    """The driver left the identification screen: the card reader is released."""


@dataclass(frozen=True, slots=True)
class SessionCodeEntered(Event):
    """The 4-digit session code typed by the driver, for the identification in progress."""

    code: str = field(repr=False)


@dataclass(frozen=True, slots=True)
class IdentifyProgressed(Event):
    """The card reader's countdown while it waits for the driver's card (tap-to-stop)."""

    seq: int
    stage: str
    remaining_s: float
    timeout_s: float


@dataclass(frozen=True, slots=True)
class CardRead(Event):
    """The card reader read a card for identification: `Card`, `NotAuthorised` or an error."""

    seq: int
    result: Any = field(repr=False)  # the card's fingerprint stays out of logs
    error: str | None = None


@dataclass(frozen=True, slots=True)
class StopRequested(Event):
    """The driver (or attendant) asked to stop the bay's session."""

    bay_id: str
    reason: str = "driver"


@dataclass(frozen=True, slots=True)
class ReceiptByEmail(Event):
    """The driver wants the session's invoice by e-mail; the address is kept until it is sent."""

    session_id: str
    address: str = field(repr=False)  # never in logs: rejected events are logged by their repr
    language: str = ""  # the driver's screen language; empty: the invoicing language


@dataclass(frozen=True, slots=True)
class ReceiptPrint(Event):
    """The driver wants the session's paper receipt."""

    session_id: str
    language: str = ""


@dataclass(frozen=True, slots=True)
class ReceiptReprint(Event):
    """An attendant prints an issued invoice or credit note again, by its number."""

    number: str
    language: str = ""


@dataclass(frozen=True, slots=True)
class RefundRequested(Event):
    """Give back (part of) an invoice's amount; a credit note is issued once it is refunded."""

    invoice_number: str
    amount: Decimal | None = None  # gross, in the invoice's currency; None: all that is left


@dataclass(frozen=True, slots=True)
class OutboxWork(Event):
    """Queue a side effect that must happen exactly once (capture, refund, e-mail…)."""

    kind: str
    key: str
    payload: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class OutboxAttemptFinished(Event):
    """A worker finished one attempt at an outbox entry."""

    entry_id: int
    ok: bool
    result: dict[str, Any] | None = None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Tick(Event):
    """Periodic wake-up: due outbox entries, timeouts."""
