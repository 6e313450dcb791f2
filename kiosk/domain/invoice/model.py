"""The invoice as values: seller, number, session, lines with VAT rates, payment, meter data."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from kiosk.domain.money import exponent

_ZERO = Decimal(0)
_SERIES = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._/-]{0,22}[A-Za-z0-9])?$")


class InvoiceError(ValueError):
    """An invoice or credit note that cannot be issued as asked."""


class DocumentKind(enum.StrEnum):
    INVOICE = "invoice"
    CREDIT_NOTE = "credit_note"


class LineKind(enum.StrEnum):
    ENERGY = "energy"  # per kWh
    CHARGING_TIME = "charging_time"  # per hour charging
    PARKING_TIME = "parking_time"  # per hour plugged in, not charging (idle fee)
    FLAT_FEE = "flat_fee"  # once per session
    RESERVATION = "reservation"
    MIN_PRICE = "min_price"  # the tariff's minimum price raised the total
    MAX_PRICE = "max_price"  # the tariff's maximum price lowered the total
    REFUND = "refund"  # a partial credit, one line per VAT rate


class Unit(enum.StrEnum):
    KWH = "kWh"
    HOUR = "h"
    SESSION = "session"


class MeterDataStatus(enum.StrEnum):
    VERIFIED = "verified"  # signatures, pagination, serial and readings all check out
    FAILED = "failed"  # checked and found wrong (signature, regression, …): the invoice says so
    NO_KEY = "no_key"  # signed data came, but no public key is configured to check it with
    INCOMPLETE = "incomplete"  # the begin or the end record of the session is missing


class MeterDataProblem(enum.StrEnum):
    UNREADABLE = "unreadable"  # not OCMF, or not parseable
    KEY = "key"  # no usable public key configured for the charger
    SIGNATURE = "signature"  # a signature does not match the key
    ORDER = "order"  # no begin reading in the first record or no end reading in the last
    PAGINATION = "pagination"
    SERIAL = "serial"  # begin and end come from different meters, or not the expected one
    VALUE_REGRESSION = "value_regression"
    TIME_REGRESSION = "time_regression"
    METER_STATUS = "meter_status"  # the meter flagged an error
    MISMATCH = "mismatch"  # OBIS code, unit or identification differ between begin and end
    BEGIN_MISSING = "begin_missing"  # no record of the session has a begin (TX=B) reading
    END_MISSING = "end_missing"  # no record after the begin has an end (TX=E, L, R, A, P) reading
    OTHER = "other"


_MISSING = frozenset({MeterDataProblem.BEGIN_MISSING, MeterDataProblem.END_MISSING})


def meter_data_status(problems: tuple[MeterDataProblem, ...]) -> MeterDataStatus:
    """The headline of a check: a missing record first, then "no key" when nothing else is
    wrong; any other problem (a bad signature, a regression, …) fails the data."""
    if not problems:
        return MeterDataStatus.VERIFIED
    if _MISSING & set(problems):
        return MeterDataStatus.INCOMPLETE
    if set(problems) == {MeterDataProblem.KEY}:
        return MeterDataStatus.NO_KEY
    return MeterDataStatus.FAILED


@dataclass(frozen=True, slots=True)
class MeterDataCheck:
    """What verifying a session's signed meter data (OCMF) found; shown on the invoice."""

    status: MeterDataStatus
    problems: tuple[MeterDataProblem, ...] = ()
    meter_serial: str | None = None
    begin_value: Decimal | None = None
    end_value: Decimal | None = None
    unit: str | None = None  # as the meter wrote it: kWh or Wh
    begin_time: datetime | None = None
    end_time: datetime | None = None
    key_fingerprint: str | None = None  # short SHA-256 of the public key, safe to print
    public_key: str | None = None  # the DER key checked against, hex: goes into the OCMF file

    @property
    def verified(self) -> bool:
        return self.status is MeterDataStatus.VERIFIED

    @property
    def has_pair(self) -> bool:
        """A begin and an end reading were found, so the signed data can be handed out as a
        Transparenzsoftware file (checking only reads readings from such a pair)."""
        return self.begin_value is not None and self.end_value is not None


@dataclass(frozen=True, slots=True)
class Seller:
    name: str
    address: tuple[str, ...]
    country: str  # ISO 3166-1 alpha-2
    vat_id: str | None = None
    tax_number: str | None = None
    registration: str | None = None  # e.g. the commercial register entry
    email: str | None = None
    phone: str | None = None
    website: str | None = None


@dataclass(frozen=True, slots=True, order=True)
class InvoiceNumber:
    series: str
    n: int

    def __post_init__(self) -> None:
        if not _SERIES.match(self.series):
            raise InvoiceError(f"invoice series {self.series!r}: 1-24 letters, digits, . _ / -")
        if self.n < 1:
            raise InvoiceError(f"invoice numbers start at 1, not {self.n}")

    def __str__(self) -> str:
        return f"{self.series}-{self.n:06d}"


def format_number(series: str, n: int) -> str:
    """`RIV-2026`, 42 → `RIV-2026-000042`: series, a dash, at least six digits."""
    return str(InvoiceNumber(series, n))


def parse_number(text: str) -> InvoiceNumber:
    series, _, digits = text.strip().rpartition("-")
    if not digits.isdigit() or len(digits) < 6 or not digits.isascii():
        raise InvoiceError(f"{text!r} is not an invoice number like RIV-000042")
    return InvoiceNumber(series, int(digits))


@dataclass(frozen=True, slots=True)
class SessionFacts:
    """The session as the invoice tells it; times are aware, meter readings are the register."""

    session_id: str
    bay_id: str
    started_at: datetime
    ended_at: datetime
    meter_start_wh: Decimal | None = None
    meter_stop_wh: Decimal | None = None
    evse_id: str | None = None
    bay_label: str | None = None
    location: str | None = None  # the site, when it differs from the seller's address

    def __post_init__(self) -> None:
        if self.started_at.tzinfo is None or self.ended_at.tzinfo is None:
            raise InvoiceError("session times must be timezone-aware")
        if self.ended_at < self.started_at:
            raise InvoiceError("the session ends before it starts")

    @property
    def metered_kwh(self) -> Decimal | None:
        if self.meter_start_wh is None or self.meter_stop_wh is None:
            return None
        return (self.meter_stop_wh - self.meter_start_wh) / 1000


@dataclass(frozen=True, slots=True)
class Payment:
    """How the invoice was paid; never a full card number (brand and last four only)."""

    brand: str  # "Visa", "Mastercard", "RFID account", ...
    held: Decimal  # pre-authorised
    captured: Decimal
    last4: str | None = None
    authorisation_ref: str | None = None
    capture_ref: str | None = None
    refund_ref: str | None = None  # credit notes: the refund at the payment provider
    refunded: Decimal = _ZERO

    def __post_init__(self) -> None:
        if self.last4 is not None and not (len(self.last4) == 4 and self.last4.isdigit()):
            raise InvoiceError("last4 must be exactly four digits")
        if self.captured > self.held:
            raise InvoiceError(f"captured {self.captured} exceeds the hold {self.held}")

    @property
    def released(self) -> Decimal:
        return self.held - self.captured


@dataclass(frozen=True, slots=True)
class InvoiceLine:
    kind: LineKind
    vat_rate: Decimal | None  # percent; None: no VAT applies (unlike 0 %)
    net: Decimal  # rounded to the currency's minor unit; negative on credit notes
    vat: Decimal
    quantity: Decimal | None = None  # billed volume in `unit` (after step_size)
    unit: Unit | None = None
    unit_price_excl: Decimal | None = None  # the tariff's price, when one price applied
    unit_price_incl: Decimal | None = None

    @property
    def gross(self) -> Decimal:
        return self.net + self.vat


@dataclass(frozen=True, slots=True)
class VatTotal:
    rate: Decimal | None
    net: Decimal
    vat: Decimal

    @property
    def gross(self) -> Decimal:
        return self.net + self.vat


@dataclass(frozen=True, slots=True)
class Invoice:
    """An issued invoice or credit note; never changed after issue (refunds get credit notes)."""

    kind: DocumentKind
    number: InvoiceNumber
    issued_at: datetime
    seller: Seller
    session: SessionFacts
    currency: str
    tariff_name: str
    lines: tuple[InvoiceLine, ...]
    payment: Payment | None = None
    meter_data: MeterDataCheck | None = None
    corrects: InvoiceNumber | None = None  # credit notes: the invoice they refer to

    def __post_init__(self) -> None:
        if self.issued_at.tzinfo is None:
            raise InvoiceError("issued_at must be timezone-aware")
        if (self.kind is DocumentKind.CREDIT_NOTE) != (self.corrects is not None):
            raise InvoiceError("a credit note, and only a credit note, refers to an invoice")
        quantum = Decimal(1).scaleb(-exponent(self.currency))
        for line in self.lines:
            if line.net != line.net.quantize(quantum) or line.vat != line.vat.quantize(quantum):
                raise InvoiceError(f"{line.kind} is not rounded to {quantum} {self.currency}")

    @property
    def vat_totals(self) -> tuple[VatTotal, ...]:
        """Per VAT rate, in order of first appearance."""
        sums: dict[Decimal | None, tuple[Decimal, Decimal]] = {}
        for line in self.lines:
            net, vat = sums.get(line.vat_rate, (_ZERO, _ZERO))
            sums[line.vat_rate] = (net + line.net, vat + line.vat)
        return tuple(VatTotal(rate, net, vat) for rate, (net, vat) in sums.items())

    @property
    def net(self) -> Decimal:
        return sum((line.net for line in self.lines), _ZERO)

    @property
    def vat(self) -> Decimal:
        return sum((line.vat for line in self.lines), _ZERO)

    @property
    def gross(self) -> Decimal:
        return self.net + self.vat
