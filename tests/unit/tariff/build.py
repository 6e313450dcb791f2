"""Builders for tariffs and CDRs, written as the JSON text the product actually reads.

Numbers in these dicts are Python literals; `json.dumps` writes them back as the same short
decimals, and the parser reads every non-integer as an exact `Decimal`.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from kiosk.domain.tariff import Cdr, Tariff, load_cdr, load_tariff


def component(kind: str, price: float, step: int = 1, vat: float | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {"type": kind, "price": price, "step_size": step}
    if vat is not None:
        data["vat"] = vat
    return data


def element(*components: dict[str, Any], **restrictions: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"price_components": list(components)}
    if restrictions:
        data["restrictions"] = restrictions
    return data


def tariff_json(*elements: dict[str, Any], **fields: Any) -> str:
    data = {"id": "t1", "currency": "EUR", "elements": list(elements), **fields}
    return json.dumps(data)


def tariff(*elements: dict[str, Any], **fields: Any) -> Tariff:
    return load_tariff(tariff_json(*elements, **fields))


def period(start: str, **dimensions: float) -> dict[str, Any]:
    dims = [{"type": kind, "volume": volume} for kind, volume in dimensions.items()]
    return {"start_date_time": start, "dimensions": dims}


def cdr_json(start: str, end: str, *periods: dict[str, Any], **fields: Any) -> str:
    data = {"start_date_time": start, "end_date_time": end, "charging_periods": list(periods)}
    return json.dumps({**data, **fields})


def cdr(start: str, end: str, *periods: dict[str, Any], **fields: Any) -> Cdr:
    return load_cdr(cdr_json(start, end, *periods, **fields))


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)
