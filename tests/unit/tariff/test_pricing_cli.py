"""`kiosk price` as a function: one JSON object out, or exit 2 with one line naming the field."""

from __future__ import annotations

import argparse
import json
from decimal import Decimal
from pathlib import Path

import pytest

from kiosk.pricing_cli import add_arguments, price_command, run
from tests.unit.tariff.build import cdr_json, component, element, period, tariff_json

KEYS = [
    "total_cost",
    "total_energy_cost",
    "total_time_cost",
    "total_parking_cost",
    "total_fixed_cost",
    "total_energy",
    "total_time",
    "total_parking_time",
]


@pytest.fixture
def files(tmp_path: Path):
    def write(tariff: str, cdr: str) -> tuple[Path, Path]:
        (tmp_path / "tariff.json").write_text(tariff)
        (tmp_path / "cdr.json").write_text(cdr)
        return tmp_path / "tariff.json", tmp_path / "cdr.json"

    return write


EVENING = tariff_json(
    element(component("ENERGY", 0.2, 1, 10), end_time="17:00"),
    element(component("ENERGY", 0.35, 1, 10)),
)
SESSION = cdr_json(
    "2024-01-08T16:30:00Z",
    "2024-01-08T17:15:00Z",
    period("2024-01-08T16:30:00Z", ENERGY=10.5, TIME=0.75),
)


def test_prints_one_json_object_with_exact_numbers(files, capsys):
    assert price_command(*files(EVENING, SESSION), "UTC") == 0
    out, err = capsys.readouterr()
    assert err == "" and out.count("\n") == 1
    data = json.loads(out, parse_float=Decimal)
    assert list(data) == KEYS
    assert data["total_cost"] == {"excl_vat": Decimal("2.10"), "incl_vat": Decimal("2.31")}
    assert data["total_energy"] == Decimal("10.5") and data["total_time"] == Decimal("0.75")
    assert '"excl_vat": 2.10,' in out  # written from Decimal, not through float


def test_time_restrictions_follow_the_zone(files, capsys):
    assert price_command(*files(EVENING, SESSION), "Europe/Berlin") == 0
    data = json.loads(capsys.readouterr().out, parse_float=Decimal)
    assert data["total_energy_cost"]["excl_vat"] == Decimal("3.68")  # 17:30 in Berlin: 0.35


@pytest.mark.parametrize(
    ("tariff", "cdr", "tz", "line"),
    [
        (
            tariff_json(element(component("ENERGY", 1, 1)), element(component("TIME", 1, 0))),
            SESSION,
            "UTC",
            "kiosk price: tariff elements[1].price_components[0].step_size: must be > 0, got 0",
        ),
        ("{", SESSION, "UTC", "kiosk price: tariff: not valid JSON: "),
        (
            EVENING,
            cdr_json(
                "2024-01-08T16:30:00Z",
                "2024-01-08T17:15:00Z",
                period("2024-01-08T16:30:00Z", ENERGY=-1),
            ),
            "UTC",
            "kiosk price: cdr charging_periods[0].dimensions[0].volume: must be >= 0, got -1",
        ),
        (EVENING, SESSION, "Mars/Olympus", "kiosk price: --tz: unknown time zone 'Mars/Olympus'"),
        (
            EVENING,
            cdr_json(
                "2024-01-08T16:30:00Z",
                "2024-01-08T17:15:00Z",
                period("2024-01-08T16:30:00Z", ENERGY=1),
                currency="USD",
            ),
            "UTC",
            "kiosk price: cdr currency: is USD but the tariff is in EUR",
        ),
    ],
)
def test_bad_input_exits_2_with_one_line_naming_the_field(files, capsys, tariff, cdr, tz, line):
    assert price_command(*files(tariff, cdr), tz) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(line) and err.count("\n") == 1 and "Traceback" not in err


def test_missing_file_exits_2(tmp_path, capsys):
    assert price_command(tmp_path / "nope.json", tmp_path / "cdr.json", "UTC") == 2
    assert capsys.readouterr().err.startswith("kiosk price: tariff: cannot read ")


def test_arguments_and_run(files, capsys):
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    tariff, cdr = files(EVENING, SESSION)
    args = parser.parse_args(["--tariff", str(tariff), "--cdr", str(cdr)])
    assert (args.tariff, args.cdr, args.tz) == (tariff, cdr, "UTC")
    assert run(args) == 0
    assert json.loads(capsys.readouterr().out)["total_energy"] == 10.5
