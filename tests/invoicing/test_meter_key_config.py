"""Each bay's signing meter in kiosk.toml: a key as printed on the charger, base64 or PEM, is
taken; a malformed one stops the kiosk at load with one line naming the key."""

from __future__ import annotations

import base64
import textwrap

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from kiosk.config import ConfigError, describe, from_table, load
from kiosk.invoicing_setup import meter_keys
from tests.conftest import REPO, hub_table
from tests.invoicing.samples import Meter

SAMPLE = REPO / "resources" / "kiosk.sample.toml"


def settings_with(tmp_path, **meter):
    table = hub_table(2)
    table["bays"][0].update(meter)
    return from_table(table, base=tmp_path, name="kiosk.toml")


def error_of(tmp_path, **meter) -> str:
    with pytest.raises(ConfigError) as info:
        settings_with(tmp_path, **meter)
    message = str(info.value)
    assert "\n" not in message
    return message


def as_printed(hex_key: str) -> str:
    """The way chargers print it on the label: upper case, groups of four."""
    upper = hex_key.upper()
    return " ".join(upper[i : i + 4] for i in range(0, len(upper), 4))


def test_the_key_as_printed_on_the_charger_base64_or_pem_is_taken(tmp_path):
    meter = Meter()
    der = bytes.fromhex(meter.public_key_hex)
    pem = meter.key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    for text in (as_printed(meter.public_key_hex), base64.b64encode(der).decode(), pem.decode()):
        s = settings_with(tmp_path, meter_public_key=text, meter_serial=meter.serial)
        assert (s.bays[0].meter_public_key, s.bays[0].meter_serial) == (text, meter.serial)
        keys = meter_keys(s)
        assert (keys["bay-1"].public_key, keys["bay-1"].serial) == (text, meter.serial)
        assert (keys["bay-2"].public_key, keys["bay-2"].serial) == (None, None)


def test_a_toml_file_with_a_multi_line_pem_key_loads(tmp_path):
    meter = Meter()
    pem = meter.key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    path = tmp_path / "kiosk.toml"
    path.write_text(
        textwrap.dedent(
            """\
            [hub]
            id = "h"
            name = "H"
            [[bays]]
            id = "bay-1"
            label = "1"
            meter_public_key = \"\"\"
            {pem}\"\"\"
            """
        ).format(pem=pem.decode().strip())
    )
    assert "BEGIN PUBLIC KEY" in load(path).bays[0].meter_public_key


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("3059 3013 0607 2a86", "not a DER-encoded public key"),
        ("hello, meter", "not hex, base64 or PEM"),
        ("30030201", "not a DER-encoded public key"),
    ],
)
def test_a_malformed_key_is_refused_at_load_naming_the_key(tmp_path, text, why):
    message = error_of(tmp_path, meter_public_key=text)
    assert message.startswith("kiosk.toml: bays[0].meter_public_key = ")
    assert why in message


def test_a_well_formed_key_that_is_not_an_elliptic_curve_key_is_refused(tmp_path):
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=1024).public_key()
    der = rsa_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    message = error_of(tmp_path, meter_public_key=der.hex())
    assert "bays[0].meter_public_key" in message and "not an elliptic-curve public key" in message
    assert len(message) < 200  # the key is shortened, not pasted whole


def test_a_serial_without_a_key_or_with_stray_spaces_is_refused(tmp_path):
    assert "bays[0].meter_public_key = '': expected the meter's public key" in error_of(
        tmp_path, meter_serial="EBZ5DD32R06ETA_107"
    )
    key = Meter().public_key_hex
    assert "bays[0].meter_serial = ' EBZ '" in error_of(
        tmp_path, meter_public_key=key, meter_serial=" EBZ "
    )


def test_a_brainpool_key_as_german_meters_use_is_taken(tmp_path):
    public = ec.generate_private_key(ec.BrainpoolP256R1()).public_key()
    der = public.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    assert settings_with(tmp_path, meter_public_key=der.hex()).bays[0].meter_public_key


def test_the_meter_keys_are_described_and_in_the_sample():
    described = {key: doc for key, _type, _default, doc in describe()}
    assert "public key" in described["bays[].meter_public_key"].lower()
    assert "serial" in described["bays[].meter_serial"].lower()
    sample = load(SAMPLE)
    assert (sample.bays[0].meter_public_key, sample.bays[0].meter_serial) == ("", "")
    assert 'meter_public_key = ""' in SAMPLE.read_text()
