"""Immutable pictures of the hub the engine publishes after each commit; the UI renders these."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from kiosk.domain.bay import BayStatus, Link
from kiosk.domain.tariff import SessionPrice
from kiosk.domain.tariff.display import PriceLine


@dataclass(frozen=True, slots=True)
class SessionView:
    id: str
    state: str
    started_at: datetime
    energy_wh: Decimal
    price: SessionPrice | None = None  # the running cost if it stopped now (None: no tariff)


@dataclass(frozen=True, slots=True)
class PaymentView:
    """The payment step of a bay's journey, as the screen shows it."""

    session_id: str
    method: str
    state: str  # PaymentState value
    hold: Decimal
    currency: str
    stage: str | None = None  # Stage value while waiting for the card or phone
    remaining_s: float | None = None
    timeout_s: float | None = None
    qr_url: str | None = None
    message_key: str | None = None  # why it failed: payment.<failure>
    money: str | None = None  # MoneyOutcome value: what happened to the driver's money
    next_step: str | None = None  # NextStep value
    brand: str | None = None
    last4: str | None = None
    captured: Decimal | None = None
    released: Decimal | None = None
    # The session's 4-digit code (kiosk-paid sessions, while authorised): shown once to the
    # payer right after paying; typing it later stops or finds the session.
    session_code: str | None = None


@dataclass(frozen=True, slots=True)
class InvoiceView:
    """The invoice of a bay's latest paid session: its number and download link (the QR)."""

    session_id: str
    number: str
    link: str | None = None  # None: no download portal configured
    email: str | None = None  # waiting | queued | sent | refused (never the address)
    paper: str | None = None  # waiting | queued | printed | failed
    paper_problem: str | None = None  # why the receipt did not print: offer the QR instead


@dataclass(frozen=True, slots=True)
class BayView:
    id: str
    label: str
    connector: str
    max_power_kw: Decimal
    status: BayStatus | None  # None until the charger has said anything
    link: Link
    power_w: Decimal | None
    register_wh: Decimal | None
    soc_pct: Decimal | None
    session: SessionView | None
    rejected_messages: int = 0  # charger messages refused since start (bad payloads)
    price_lines: tuple[PriceLine, ...] = ()  # the ad-hoc tariff, in AFIR order (empty: none)
    payment: PaymentView | None = None  # the latest payment of this bay's journey
    invoice: InvoiceView | None = None  # the invoice of that payment, once issued
    hold: Decimal | None = None  # what a new driver's card is asked to hold here
    ended: tuple[str, str] | None = None  # (session id, reason) of the bay's last ended session


@dataclass(frozen=True, slots=True)
class CardTap:
    """The latest card held to the kiosk's readers: `seq` rises with every tap."""

    seq: int
    token_hmac: str
    at: datetime


@dataclass(frozen=True, slots=True)
class IdentifyView:
    """The identification in progress or last ended ("stop with the same card", "my session").

    No personal data: never a card fingerprint or a membership card's token.
    """

    seq: int  # rises with every new identification
    purpose: str  # "stop" | "find"
    bay_id: str | None  # the bay asked about (None: any bay, for "find")
    state: str  # waiting | reader_unavailable | matched | no_match | locked | cancelled | timeout
    matched_bay: str | None = None  # the bay of the driver's session, once matched
    remaining_s: float | None = None  # countdown until the identification times out
    timeout_s: float | None = None  # the whole wait, for a progress bar
    by: str | None = None  # what proved it: "card" | "member_card" | "code"
    done: bool = False  # nothing more is accepted; a new IdentifyRequested starts again
    accepts: tuple[str, ...] = ()  # proofs accepted now: "card", "member_card", "code"
    stage: str | None = None  # the card reader's Stage while it waits ("present_card")
    code_locked_s: float | None = None  # seconds until codes are accepted again (None: they are)


@dataclass(frozen=True, slots=True)
class HubSnapshot:
    version: int  # increases with every committed change
    at: datetime
    hub_id: str
    hub_name: str
    currency: str
    bays: tuple[BayView, ...]
    outbox_backlog: int  # side effects not yet done: visible so nobody forgets money in flight
    card_tap: CardTap | None = None
    identify: IdentifyView | None = None  # the latest identification (tap-to-stop, my session)

    def bay(self, bay_id: str) -> BayView:
        for bay in self.bays:
            if bay.id == bay_id:
                return bay
        raise KeyError(bay_id)
