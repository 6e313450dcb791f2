"""`kiosk price`: price an OCPI CDR file against an OCPI tariff file; print the totals as JSON."""

# Exit codes: 0 priced, 2 bad input (one line on stderr naming the field), 1 an internal error.

from __future__ import annotations

import argparse
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kiosk.domain.tariff import (
    Cdr,
    CdrError,
    InputError,
    SessionPrice,
    Tariff,
    TariffError,
    load_cdr,
    load_tariff,
    price_cdr,
)

PROG = "kiosk price"
QUANTITY = Decimal("0.0001")  # OCPI `number`: "unless mentioned otherwise, numbers use 4 decimals"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--tariff", type=Path, required=True, help="OCPI 2.2.1 Tariff JSON file")
    parser.add_argument("--cdr", type=Path, required=True, help="OCPI 2.2.1 CDR JSON file")
    parser.add_argument(
        "--tz", default="UTC", help="IANA zone for time restrictions (default: UTC)"
    )


def run(args: argparse.Namespace) -> int:
    """Entry point for a subparser whose arguments came from `add_arguments`."""
    return price_command(args.tariff, args.cdr, args.tz)


def price_command(tariff: Path, cdr: Path, tz: str) -> int:
    """Print the CDR totals for `cdr` priced with `tariff` as one JSON object; return exit code."""
    try:
        zone = ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        return _fail(f"--tz: unknown time zone {tz!r}")
    try:
        price = price_cdr(load_tariff_file(tariff), load_cdr_file(cdr), zone)
    except InputError as exc:
        return _fail(str(exc))
    except ArithmeticError:
        return _fail("a number in the input is too large to price exactly")
    except Exception as exc:  # the contract is one line, never a traceback
        print(f"{PROG}: internal error: {exc!r}", file=sys.stderr)
        return 1
    print(render(price))
    return 0


def load_tariff_file(path: Path) -> Tariff:
    return load_tariff(_read(path, TariffError))


def load_cdr_file(path: Path) -> Cdr:
    return load_cdr(_read(path, CdrError))


def _read(path: Path, error: type[InputError]) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise error("", f"cannot read {path}: {exc.strerror or exc}") from None


def _fail(message: str) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return 2


COSTS = (
    "total_cost",
    "total_energy_cost",
    "total_time_cost",
    "total_parking_cost",
    "total_fixed_cost",
)
QUANTITIES = ("total_energy", "total_time", "total_parking_time")


def render(price: SessionPrice) -> str:
    """The OCPI CDR totals as one line of JSON; numbers are written from `Decimal` exactly."""

    def cost(name: str) -> str:
        value = getattr(price, name)
        return f'"{name}": {{"excl_vat": {value.excl_vat:f}, "incl_vat": {value.incl_vat:f}}}'

    def quantity(name: str) -> str:
        value: Decimal = getattr(price, name)
        return f'"{name}": {value.quantize(QUANTITY, rounding=ROUND_HALF_UP).normalize():f}'

    return "{" + ", ".join([*map(cost, COSTS), *map(quantity, QUANTITIES)]) + "}"
