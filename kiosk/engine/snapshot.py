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
class HubSnapshot:
    version: int  # increases with every committed change
    at: datetime
    hub_id: str
    hub_name: str
    currency: str
    bays: tuple[BayView, ...]
    outbox_backlog: int  # side effects not yet done: visible so nobody forgets money in flight
    card_tap: CardTap | None = None

    def bay(self, bay_id: str) -> BayView:
        for bay in self.bays:
            if bay.id == bay_id:
                return bay
        raise KeyError(bay_id)
