"""OCPI 2.2.1 tariffs: parsing, batch CDR pricing, running session cost and pre-start display."""

from kiosk.domain.tariff.cdr import (
    Cdr,
    CdrDimension,
    CdrDimensionType,
    ChargingPeriod,
    load_cdr,
)
from kiosk.domain.tariff.errors import CdrError, InputError, TariffError
from kiosk.domain.tariff.model import (
    DayOfWeek,
    DisplayText,
    Price,
    PriceComponent,
    ReservationRestrictionType,
    Tariff,
    TariffDimensionType,
    TariffElement,
    TariffRestrictions,
    TariffType,
    TaxIncluded,
    load_tariff,
)
from kiosk.domain.tariff.pricer import Cost, CostTotals, SessionPrice, price_cdr
from kiosk.domain.tariff.running import MeterSlice, RunningCost

__all__ = [
    "Cdr",
    "CdrDimension",
    "CdrDimensionType",
    "CdrError",
    "ChargingPeriod",
    "Cost",
    "CostTotals",
    "DayOfWeek",
    "DisplayText",
    "InputError",
    "MeterSlice",
    "Price",
    "PriceComponent",
    "ReservationRestrictionType",
    "RunningCost",
    "SessionPrice",
    "Tariff",
    "TariffDimensionType",
    "TariffElement",
    "TariffError",
    "TariffRestrictions",
    "TariffType",
    "TaxIncluded",
    "load_cdr",
    "load_tariff",
    "price_cdr",
]
