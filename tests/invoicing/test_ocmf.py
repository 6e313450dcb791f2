"""Signed meter data: real OCMF records signed with a key made here, and tampered ones that fail."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from pyocmf import OcmfContainer

from kiosk.adapters.invoicing.ocmf import (
    SignedRecords,
    key_fingerprint,
    transparency_xml,
    verify_ocmf,
)
from kiosk.domain.invoice import MeterDataProblem, MeterDataStatus
from tests.invoicing.samples import T0, Meter, tamper_value

END = T0 + timedelta(minutes=55)


@pytest.fixture
def meter() -> Meter:
    return Meter()


def session_records(
    meter: Meter, start: str = "1204.33", stop: str = "1227.786"
) -> tuple[str, str]:
    return meter.record("B", start, T0), meter.record("E", stop, END)


def test_genuine_records_verify_and_tell_the_readings(meter):
    begin, end = session_records(meter)
    check = verify_ocmf(begin, end, public_key=meter.public_key_hex, expected_serial=meter.serial)
    assert check.status is MeterDataStatus.VERIFIED, check.problems
    assert check.problems == ()
    assert (check.begin_value, check.end_value, check.unit) == (
        Decimal("1204.33"),
        Decimal("1227.786"),
        "kWh",
    )
    assert check.meter_serial == meter.serial
    assert (check.begin_time, check.end_time) == (T0, END)
    assert check.key_fingerprint == key_fingerprint(meter.public_key_hex)
    assert len(check.key_fingerprint) == 16


def test_a_changed_value_breaks_the_signature(meter):
    begin, end = session_records(meter)
    forged = tamper_value(end, "1227.786", "1217.786")
    check = verify_ocmf(begin, forged, public_key=meter.public_key_hex)
    assert check.status is MeterDataStatus.FAILED
    assert MeterDataProblem.SIGNATURE in check.problems


def test_another_chargers_key_does_not_verify(meter):
    begin, end = session_records(meter)
    check = verify_ocmf(begin, end, public_key=Meter().public_key_hex)
    assert check.problems == (MeterDataProblem.SIGNATURE,)


def test_swapped_begin_and_end_fail_on_order_and_pagination(meter):
    begin, end = session_records(meter)
    check = verify_ocmf(end, begin, public_key=meter.public_key_hex)
    assert check.status is MeterDataStatus.FAILED
    assert {MeterDataProblem.ORDER, MeterDataProblem.PAGINATION} <= set(check.problems)


def test_a_register_that_went_back_fails_although_signed(meter):
    begin, end = session_records(meter, start="1204.33", stop="1200.5")
    check = verify_ocmf(begin, end, public_key=meter.public_key_hex)
    assert check.problems == (MeterDataProblem.VALUE_REGRESSION,)


def test_an_end_before_the_begin_fails_although_signed(meter):
    begin = meter.record("B", "1204.33", T0)
    end = meter.record("E", "1227.786", T0 - timedelta(minutes=1))
    check = verify_ocmf(begin, end, public_key=meter.public_key_hex)
    assert check.problems == (MeterDataProblem.TIME_REGRESSION,)


def test_records_of_two_meters_do_not_make_a_session(meter):
    other = Meter(serial="EBZ5DD32R06ETA_999")
    other.key = meter.key  # same key even: the serial alone must fail it
    begin = meter.record("B", "1204.33", T0)
    end = other.record("E", "1227.786", END)
    check = verify_ocmf(begin, end, public_key=meter.public_key_hex)
    assert MeterDataProblem.SERIAL in check.problems


def test_the_configured_meter_serial_is_enforced(meter):
    begin, end = session_records(meter)
    check = verify_ocmf(begin, end, public_key=meter.public_key_hex, expected_serial="OTHER")
    assert check.problems == (MeterDataProblem.SERIAL,)


def test_pagination_must_rise_in_the_transaction_context(meter):
    begin = meter.record("B", "1204.33", T0)
    meter.page -= 5
    end = meter.record("E", "1227.786", END)
    assert (
        MeterDataProblem.PAGINATION
        in verify_ocmf(begin, end, public_key=meter.public_key_hex).problems
    )
    fiscal = meter.record("E", "1227.786", END, PG="F9")
    check = verify_ocmf(begin, fiscal, public_key=meter.public_key_hex)
    assert MeterDataProblem.PAGINATION in check.problems


def test_a_meter_error_status_fails(meter):
    begin = meter.record("B", "1204.33", T0)
    end = meter.record(
        "E",
        "1227.786",
        END,
        RD=[
            {
                "TM": "2026-11-24T10:55:00,000+0100 S",
                "TX": "E",
                "RV": 1227.786,
                "RI": "1-b:1.8.0",
                "RU": "kWh",
                "RT": "DC",
                "ST": "E",
            }
        ],
    )
    check = verify_ocmf(begin, end, public_key=meter.public_key_hex)
    assert MeterDataProblem.METER_STATUS in check.problems


def test_a_record_the_transparenzsoftware_tolerates_still_verifies(meter):
    # IS is mandatory in the spec, but real meters leave it out and the Transparenzsoftware
    # accepts them: pyocmf's strict parse refuses, the lenient one (warnings kept quiet) reads it.
    begin = meter.record("B", "1204.33", T0, IS=None)
    end = meter.record("E", "1227.786", END, IS=None)
    assert '"IS":null' in begin
    check = verify_ocmf(begin, end, public_key=meter.public_key_hex)
    assert check.verified, check.problems


@pytest.mark.parametrize("garbage", ["", "OCMF|{not json|{}", "hello", "OCMF|{}|{}"])
def test_unreadable_data_fails_without_raising(meter, garbage):
    begin, _ = session_records(meter)
    check = verify_ocmf(begin, garbage, public_key=meter.public_key_hex)
    assert check.status is MeterDataStatus.FAILED
    assert MeterDataProblem.UNREADABLE in check.problems


@pytest.mark.parametrize("key", [None, "", "not a key", "3059301306072a"])
def test_without_a_usable_key_nothing_is_verified(meter, key):
    begin, end = session_records(meter)
    check = verify_ocmf(begin, end, public_key=key)
    assert check.problems == (MeterDataProblem.KEY,)
    assert check.key_fingerprint is None


def test_a_base64_key_works_like_hex(meter):
    import base64

    begin, end = session_records(meter)
    key = base64.b64encode(bytes.fromhex(meter.public_key_hex)).decode()
    assert verify_ocmf(begin, end, public_key=key).verified


def test_the_transparency_file_reads_back_and_verifies_with_pyocmf(meter, tmp_path):
    begin, end = session_records(meter)
    path = tmp_path / "session.xml"
    path.write_bytes(transparency_xml(SignedRecords(begin, end, meter.public_key_hex)))
    container = OcmfContainer.from_xml(path, strict=True)
    assert [r.context for r in container] == ["Transaction.Begin", "Transaction.End"]
    assert all(record.verify_signature() for record in container)
    (result,) = container.check_eichrecht(errors_only=True)
    assert result.is_compliant and result.transaction_id == 1
