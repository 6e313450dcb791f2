"""kiosk.toml: typed, validated, one clear line per mistake, no secrets in the file."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from kiosk.config import ConfigError, describe, from_table, load
from tests.conftest import REPO, hub_table

SAMPLE = REPO / "resources" / "kiosk.sample.toml"


def error_of(table, tmp_path) -> str:
    with pytest.raises(ConfigError) as info:
        from_table(table, base=tmp_path, name="kiosk.toml")
    message = str(info.value)
    assert "\n" not in message
    return message


def test_the_sample_and_demo_configs_load():
    sample = load(SAMPLE)
    assert sample.hub.id == "hub-1" and len(sample.bays) == 2
    assert sample.bays[0].tariff == SAMPLE.parent / "tariffs" / "ad_hoc_dc.json"
    assert sample.payments.preauth_amount == Decimal("50.00")
    demo = load(REPO / "resources" / "demo" / "kiosk.toml")
    assert [b.label for b in demo.bays] == ["1", "2", "3", "4", "5", "6"]


def test_every_key_is_described_and_appears_in_the_sample():
    text = SAMPLE.read_text()
    for key, _type, _default, doc in describe():
        assert doc, f"{key} has no description"
        leaf = key.rsplit(".", 1)[-1]
        assert re.search(rf"^#?\s*{leaf}\s*=", text, re.M), f"{key} missing from the sample"


def test_defaults_fill_what_is_left_out(tmp_path):
    s = from_table(hub_table(1), base=tmp_path)
    assert (s.hub.currency, s.broker.port, s.payments.provider) == ("EUR", 1883, "simulator")
    assert s.resolved_database_url.startswith("sqlite:///") and s.data_dir == tmp_path / "data"


def test_floats_in_toml_become_the_exact_decimal_written(tmp_path):
    table = hub_table(1)
    table["bays"][0]["max_power_kw"] = 7.4
    table["payments"] = {"preauth_amount": 0.1}
    s = from_table(table, base=tmp_path)
    assert s.bays[0].max_power_kw == Decimal("7.4")
    assert s.payments.preauth_amount == Decimal("0.1")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda t: t["hub"].pop("id"), "hub.id: required key is missing"),
        (
            lambda t: t["hub"].update(timezone="Mars/Base"),
            "hub.timezone = 'Mars/Base': expected an IANA",
        ),
        (lambda t: t["hub"].update(currency="euro"), "hub.currency = 'euro'"),
        (
            lambda t: t["bays"][0].update(max_power_kw="fast"),
            "bays[0].max_power_kw = 'fast': expected a decimal",
        ),
        (
            lambda t: t["bays"][1].update(id="bay-1"),
            "bays[1].id = 'bay-1': expected an id not used",
        ),
        (
            lambda t: t["bays"][0].update(dialect="ocpp"),
            "bays[0].dialect = 'ocpp': expected one of 'native'",
        ),
        (
            lambda t: t["bays"][0].update(free_vend="yes"),
            "bays[0].free_vend = 'yes': expected true or false",
        ),
        (lambda t: t["bays"][0].update(tariff="missing.json"), "bays[0].tariff"),
        (lambda t: t["bays"][0].update(colour="red"), "bays[0].colour: unknown key"),
        (lambda t: t.update(broker={"port": 70000}), "broker.port = 70000: expected a TCP port"),
        (
            lambda t: t.update(broker={"port": "1883"}),
            "broker.port = '1883': expected a whole number",
        ),
        (lambda t: t.update(bays=[]), "bays = []: expected at least one"),
        (lambda t: t.update(payments={"preauth_amount": "-5"}), "payments.preauth_amount = '-5'"),
    ],
)
def test_each_mistake_names_key_value_and_expectation(tmp_path, change, expected):
    table = hub_table(2)
    change(table)
    assert expected in error_of(table, tmp_path)


@pytest.mark.parametrize("key", ["password", "api_key", "hmac_secret", "token"])
def test_secrets_are_refused_wherever_they_appear(tmp_path, key):
    table = hub_table(1)
    table["broker"] = {key: "hunter2"}
    message = error_of(table, tmp_path)
    assert f"broker.{key}: secrets do not belong" in message
    assert "hunter2" not in message


def test_file_problems_are_one_line(tmp_path):
    with pytest.raises(ConfigError, match="config file not found"):
        load(tmp_path / "none.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("[hub\nid = 1")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load(broken)


def test_relative_paths_are_relative_to_the_config_file(tmp_path):
    (tmp_path / "t.json").write_text(
        (REPO / "resources" / "tariffs" / "ad_hoc_ac.json").read_text()
    )
    table = hub_table(1, data_dir="state")
    table["bays"][0]["tariff"] = "t.json"
    s = from_table(table, base=tmp_path)
    assert s.data_dir == tmp_path / "state"
    assert s.bays[0].tariff == tmp_path / "t.json"
    assert isinstance(s.data_dir, Path)


def test_a_broken_tariff_is_refused_naming_file_and_field(tmp_path):
    (tmp_path / "bad.json").write_text(
        '{"id": "T", "currency": "EUR", "elements": [{"price_components": '
        '[{"type": "ENERGY", "price": 0.3, "step_size": 0}]}]}'
    )
    table = hub_table(1)
    table["bays"][0]["tariff"] = "bad.json"
    message = error_of(table, tmp_path)
    assert "bays[0].tariff" in message and "bad.json" in message
    assert "elements[0].price_components[0].step_size" in message


def test_tariffs_are_parsed_once_and_chosen_per_bay_and_customer():
    s = load(REPO / "resources" / "demo" / "kiosk.toml")
    dc, ac = s.bays[0], s.bays[4]
    assert s.tariff_for(dc, member=False).tariff.id == "ADHOC-DC"
    assert s.tariff_for(dc, member=True).tariff.id == "MEMBER-DC"
    assert s.tariff_for(ac, member=True).tariff.id == "ADHOC-AC"  # no member tariff: ad hoc
    assert s.tariff_for(dc, member=False).key.startswith("ADHOC-DC@")
    assert len(s.tariffs) == 3


def test_a_tariff_in_another_currency_is_refused(tmp_path):
    (tmp_path / "chf.json").write_text(
        '{"id": "T", "currency": "CHF", "elements": [{"price_components": '
        '[{"type": "ENERGY", "price": 0.3, "step_size": 1}]}]}'
    )
    table = hub_table(1)
    table["bays"][0]["tariff"] = "chf.json"
    assert "currency CHF differs from hub.currency EUR" in error_of(table, tmp_path)
