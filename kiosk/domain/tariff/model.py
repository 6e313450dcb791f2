"""The OCPI 2.2.1 Tariff (plus the 2.3 additions we read) as frozen values, parsed and validated."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TypeVar

from kiosk.domain.tariff.errors import TariffError
from kiosk.domain.tariff.reader import Node, parse_json, show


class TariffDimensionType(enum.StrEnum):
    ENERGY = "ENERGY"  # per kWh, step_size in Wh
    FLAT = "FLAT"  # once per session, no unit
    PARKING_TIME = "PARKING_TIME"  # per hour not charging, step_size in seconds
    TIME = "TIME"  # per hour charging, step_size in seconds


TIME_BASED = frozenset({TariffDimensionType.TIME, TariffDimensionType.PARKING_TIME})
METERED = frozenset({TariffDimensionType.ENERGY, *TIME_BASED})


class TariffType(enum.StrEnum):
    AD_HOC_PAYMENT = "AD_HOC_PAYMENT"
    PROFILE_CHEAP = "PROFILE_CHEAP"
    PROFILE_FAST = "PROFILE_FAST"
    PROFILE_GREEN = "PROFILE_GREEN"
    REGULAR = "REGULAR"


class DayOfWeek(enum.StrEnum):
    MONDAY = "MONDAY"
    TUESDAY = "TUESDAY"
    WEDNESDAY = "WEDNESDAY"
    THURSDAY = "THURSDAY"
    FRIDAY = "FRIDAY"
    SATURDAY = "SATURDAY"
    SUNDAY = "SUNDAY"

    @property
    def weekday(self) -> int:
        """Monday 0 … Sunday 6, as `date.weekday()` counts."""
        return list(DayOfWeek).index(self)


WEEKDAYS = frozenset(list(DayOfWeek)[:5])
WEEKEND = frozenset(list(DayOfWeek)[5:])


class ReservationRestrictionType(enum.StrEnum):
    RESERVATION = "RESERVATION"
    RESERVATION_EXPIRES = "RESERVATION_EXPIRES"


class TaxIncluded(enum.StrEnum):
    """OCPI 2.3: whether component prices already include the tax."""

    YES = "YES"
    NO = "NO"
    NOT_APPLICABLE = "N/A"


@dataclass(frozen=True, slots=True)
class Price:
    """OCPI Price: `incl_vat` is optional in a tariff (min_price / max_price)."""

    excl_vat: Decimal
    incl_vat: Decimal | None = None


@dataclass(frozen=True, slots=True)
class DisplayText:
    language: str
    text: str


@dataclass(frozen=True, slots=True)
class PriceComponent:
    type: TariffDimensionType
    price: Decimal  # per unit (kWh, hour or session), excl. VAT unless tax_included is YES
    step_size: int  # Wh for ENERGY, seconds for TIME and PARKING_TIME, ignored for FLAT
    vat: Decimal | None = None  # percent; None means no VAT applies (differs from 0 %)


@dataclass(frozen=True, slots=True)
class TariffRestrictions:
    start_time: int | None = None  # minutes after local midnight
    end_time: int | None = None
    start_date: date | None = None
    end_date: date | None = None  # exclusive
    min_kwh: Decimal | None = None
    max_kwh: Decimal | None = None  # exclusive
    min_current: Decimal | None = None
    max_current: Decimal | None = None  # exclusive
    min_power: Decimal | None = None
    max_power: Decimal | None = None  # exclusive
    min_duration: int | None = None  # seconds
    max_duration: int | None = None  # seconds, exclusive
    day_of_week: frozenset[DayOfWeek] = frozenset()
    reservation: ReservationRestrictionType | None = None

    @property
    def uses_local_time(self) -> bool:
        return bool(
            self.start_time is not None
            or self.end_time is not None
            or self.start_date is not None
            or self.end_date is not None
            or self.day_of_week
        )


@dataclass(frozen=True, slots=True)
class TariffElement:
    price_components: tuple[PriceComponent, ...]
    restrictions: TariffRestrictions | None = None


@dataclass(frozen=True, slots=True)
class Tariff:
    id: str
    currency: str
    elements: tuple[TariffElement, ...]
    country_code: str | None = None
    party_id: str | None = None
    type: TariffType | None = None
    tariff_alt_text: tuple[DisplayText, ...] = ()
    tariff_alt_url: str | None = None
    min_price: Price | None = None
    max_price: Price | None = None
    start_date_time: datetime | None = None
    end_date_time: datetime | None = None
    last_updated: datetime | None = None
    preauthorize_amount: Decimal | None = None  # OCPI 2.3
    tax_included: TaxIncluded | None = None  # OCPI 2.3

    def is_active_at(self, moment: datetime) -> bool:
        """Whether `moment` lies in the tariff's own validity window (start inclusive)."""
        if self.start_date_time is not None and moment < self.start_date_time:
            return False
        return self.end_date_time is None or moment <= self.end_date_time


def load_tariff(source: str | bytes) -> Tariff:
    """Parse and validate OCPI Tariff JSON text; raises `TariffError` naming the bad field."""
    return parse_tariff(parse_json(source, TariffError))


_TIME = re.compile(r"^([0-1][0-9]|2[0-3]):([0-5][0-9])$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")


def parse_tariff(root: Node) -> Tariff:
    tariff_id = root.require("id").string(36)
    currency_node = root.require("currency")
    currency = currency_node.string()
    if not _CURRENCY.match(currency):
        currency_node.fail(f"must be an ISO 4217 code like EUR, got {show(currency)}")
    elements = tuple(_element(n) for n in root.require("elements").nonempty_items())
    min_price = _price(root.get("min_price"))
    max_price = _price(root.get("max_price"))
    if min_price is not None and max_price is not None:
        node = root.require("max_price").require("excl_vat")
        _ordered(node, max_price.excl_vat, min_price.excl_vat, "min_price", inclusive=True)
        if min_price.incl_vat is not None and max_price.incl_vat is not None:
            node = root.require("max_price").require("incl_vat")
            _ordered(node, max_price.incl_vat, min_price.incl_vat, "min_price", inclusive=True)
    type_node = root.get("type")
    tax_node = root.get("tax_included")
    pre_node = root.get("preauthorize_amount")
    return Tariff(
        id=tariff_id,
        currency=currency,
        elements=elements,
        country_code=_opt_str(root.get("country_code")),
        party_id=_opt_str(root.get("party_id")),
        type=type_node.member_of(TariffType) if type_node else None,
        tariff_alt_text=tuple(_display_text(n) for n in _opt_items(root.get("tariff_alt_text"))),
        tariff_alt_url=_opt_str(root.get("tariff_alt_url")),
        min_price=min_price,
        max_price=max_price,
        start_date_time=_opt_datetime(root.get("start_date_time")),
        end_date_time=_opt_datetime(root.get("end_date_time")),
        last_updated=_opt_datetime(root.get("last_updated")),
        preauthorize_amount=pre_node.non_negative() if pre_node else None,
        tax_included=tax_node.member_of(TaxIncluded) if tax_node else None,
    )


def _opt_str(node: Node | None) -> str | None:
    return node.string() if node else None


def _opt_datetime(node: Node | None) -> datetime | None:
    return node.datetime() if node else None


def _opt_items(node: Node | None) -> list[Node]:
    return node.items() if node else []


def _display_text(node: Node) -> DisplayText:
    return DisplayText(node.require("language").string(), node.require("text").string())


def _price(node: Node | None) -> Price | None:
    if node is None:
        return None
    incl = node.get("incl_vat")
    return Price(node.require("excl_vat").non_negative(), incl.non_negative() if incl else None)


def _element(node: Node) -> TariffElement:
    components = tuple(_component(n) for n in node.require("price_components").nonempty_items())
    restrictions_node = node.get("restrictions")
    restrictions = _restrictions(restrictions_node) if restrictions_node else None
    return TariffElement(components, restrictions)


def _component(node: Node) -> PriceComponent:
    kind = node.require("type").member_of(TariffDimensionType)
    step_node = node.require("step_size")
    step = step_node.integer()
    # The spec's own free-of-charge example gives a FLAT component step_size 0: FLAT has no unit.
    if kind is TariffDimensionType.FLAT:
        if step < 0:
            step_node.fail(f"must be >= 0, got {step}")
    elif step <= 0:
        step_node.fail(f"must be > 0, got {step}")
    vat_node = node.get("vat")
    return PriceComponent(
        type=kind,
        price=node.require("price").non_negative(),
        step_size=step,
        vat=vat_node.non_negative() if vat_node else None,
    )


def _time_of_day(node: Node | None) -> int | None:
    if node is None:
        return None
    text = node.string()
    match = _TIME.match(text)
    if not match:
        node.fail(f"must be a 24h time like 13:30, got {show(text)}")
    return int(match.group(1)) * 60 + int(match.group(2))


Bound = TypeVar("Bound", Decimal, int, date)


def _ordered(node: Node, high: Bound, low: Bound, low_name: str, inclusive: bool = False) -> None:
    """Fail when the upper bound `high` (found at `node`) does not lie above `low`."""
    if high < low or (high == low and not inclusive):
        relation = "at least" if inclusive else "greater than"
        node.fail(f"must be {relation} {low_name} ({low}), got {show(node.value)}")


_BOUND_PAIRS = (
    ("start_date", "end_date"),
    ("min_kwh", "max_kwh"),
    ("min_current", "max_current"),
    ("min_power", "max_power"),
    ("min_duration", "max_duration"),
)


def _restrictions(node: Node) -> TariffRestrictions:
    def num(key: str) -> Decimal | None:
        sub = node.get(key)
        return sub.non_negative() if sub else None

    def seconds(key: str) -> int | None:
        sub = node.get(key)
        if sub is None:
            return None
        value = sub.integer()
        if value < 0:
            sub.fail(f"must be >= 0, got {value}")
        return value

    def day(key: str) -> date | None:
        sub = node.get(key)
        return sub.date() if sub else None

    days = frozenset(n.member_of(DayOfWeek) for n in _opt_items(node.get("day_of_week")))
    reservation = node.get("reservation")
    result = TariffRestrictions(
        start_time=_time_of_day(node.get("start_time")),
        end_time=_time_of_day(node.get("end_time")),
        start_date=day("start_date"),
        end_date=day("end_date"),
        min_kwh=num("min_kwh"),
        max_kwh=num("max_kwh"),
        min_current=num("min_current"),
        max_current=num("max_current"),
        min_power=num("min_power"),
        max_power=num("max_power"),
        min_duration=seconds("min_duration"),
        max_duration=seconds("max_duration"),
        day_of_week=days,
        reservation=reservation.member_of(ReservationRestrictionType) if reservation else None,
    )
    # A lower bound at or above its (exclusive) upper bound makes the element unreachable.
    for low_key, high_key in _BOUND_PAIRS:
        low, high = getattr(result, low_key), getattr(result, high_key)
        if low is not None and high is not None:
            _ordered(node.require(high_key), high, low, low_key)
    return result
