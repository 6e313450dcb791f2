"""Issued invoices to and from JSON-able dicts, so the store keeps each one exactly as issued."""

# Decimals travel as strings (never floats), datetimes as ISO 8601 with their offset, enums as
# their values. `FORMAT` is bumped, with a reader for the old shape, if the model ever changes.

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from datetime import datetime
from decimal import Decimal
from functools import cache
from typing import Any

from kiosk.domain.invoice.model import Invoice, InvoiceError

FORMAT = 1


def invoice_to_dict(invoice: Invoice) -> dict[str, Any]:
    data = _dump(invoice)
    assert isinstance(data, dict)
    return {"format": FORMAT, **data}


def invoice_from_dict(data: dict[str, Any]) -> Invoice:
    """The invoice `invoice_to_dict` wrote; raises `InvoiceError` on anything else."""
    if data.get("format") != FORMAT:
        raise InvoiceError(f"unknown invoice format {data.get('format')!r}")
    fields = {k: v for k, v in data.items() if k != "format"}
    try:
        invoice = _load(Invoice, fields)
    except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
        raise InvoiceError(f"not a stored invoice: {exc}") from exc
    assert isinstance(invoice, Invoice)
    return invoice


def _dump(value: object) -> object:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _dump(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_dump(item) for item in value]
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _load(hint: Any, raw: object) -> object:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if raw is None and type(None) in args:
            return None
        (inner,) = [a for a in args if a is not type(None)]
        return _load(inner, raw)
    if origin is tuple:
        if not isinstance(raw, list):
            raise TypeError(f"expected a list, got {type(raw).__name__}")
        return tuple(_load(args[0], item) for item in raw)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        if not isinstance(raw, dict):
            raise TypeError(f"expected an object for {hint.__name__}")
        hints = _hints(hint)
        return hint(**{k: _load(hints[k], v) for k, v in raw.items()})
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint(raw)
    if hint is Decimal:
        if not isinstance(raw, str):
            raise TypeError("amounts are stored as strings")
        return Decimal(raw)
    if hint is datetime:
        if not isinstance(raw, str):
            raise TypeError("times are stored as ISO 8601 strings")
        return datetime.fromisoformat(raw)
    if hint in (str, int) and isinstance(raw, hint) and not isinstance(raw, bool):
        return raw
    raise TypeError(f"cannot read {raw!r} as {hint}")
