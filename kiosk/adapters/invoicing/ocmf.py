"""Verifying signed OCMF records with pyocmf: a begin/end pair, or all the records of a session;
the Transparenzsoftware file."""

# pyocmf parses leniently by default (as the Transparenzsoftware does) and reports deviations as
# `SpecWarning`s. We parse strictly first; only a record that deviates is parsed again leniently,
# with its warnings recorded under a lock (`warnings.catch_warnings` swaps process-wide state).

from __future__ import annotations

import hashlib
import re
import threading
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from pyocmf import OCMF, IssueCode, IssueSeverity, PublicKey, PyOCMFError
from pyocmf.core.reading import Reading
from pyocmf.enums.reading import MeterReadingReason, is_end_reason

from kiosk.domain.invoice import (
    MeterDataCheck,
    MeterDataProblem,
    meter_data_status,
    public_key_hex,
)

_PAGINATION = re.compile(r"^T(0|[1-9][0-9]*)$")
_lenient_lock = threading.Lock()

_FROM_ISSUE = {
    IssueCode.NO_READINGS: MeterDataProblem.UNREADABLE,
    IssueCode.BEGIN_TX: MeterDataProblem.ORDER,
    IssueCode.END_TX: MeterDataProblem.ORDER,
    IssueCode.MULTIPLE_BEGIN: MeterDataProblem.ORDER,
    IssueCode.MULTIPLE_END: MeterDataProblem.ORDER,
    IssueCode.SERIAL_MISMATCH: MeterDataProblem.SERIAL,
    IssueCode.VALUE_REGRESSION: MeterDataProblem.VALUE_REGRESSION,
    IssueCode.TIME_REGRESSION: MeterDataProblem.TIME_REGRESSION,
    IssueCode.METER_STATUS: MeterDataProblem.METER_STATUS,
    IssueCode.ERROR_FLAGS: MeterDataProblem.METER_STATUS,
    IssueCode.OBIS_MISMATCH: MeterDataProblem.MISMATCH,
    IssueCode.UNIT_MISMATCH: MeterDataProblem.MISMATCH,
    IssueCode.PAGINATION_INCONSISTENT: MeterDataProblem.PAGINATION,
}


@dataclass(frozen=True, slots=True)
class SignedRecords:
    """A session's OCMF begin and end records and the charger's public key (hex, base64 or PEM;
    empty when none is known)."""

    begin: str
    end: str
    public_key: str


def key_problem(text: str) -> str | None:
    """Why `text` is not a public key signed readings can be checked with; None when it is one.
    The config refuses such a key at load, with the same test the verifier uses."""
    try:
        PublicKey.from_string(public_key_hex(text))
    except ValueError as exc:  # not hex, base64 or PEM, or not one DER structure
        return str(exc)
    except PyOCMFError:
        return "not an elliptic-curve public key (DER SubjectPublicKeyInfo)"
    return None


def key_fingerprint(public_key: str) -> str:
    """The first 16 hex digits of SHA-256 over the DER key: short enough to print, to compare."""
    return hashlib.sha256(bytes.fromhex(public_key_hex(public_key))).hexdigest()[:16]


def session_pair(records: Sequence[str]) -> tuple[str | None, str | None]:
    """Of a session's signed records in the order they came: the begin record (the first with a
    begin reading) and the end record (the last one after it with an end reading)."""
    begin: str | None = None
    end: str | None = None
    for text in records:
        record = _parse(text)
        if record is None:
            continue
        if begin is None and _reading(record, begin=True) is not None:
            begin, end = text, None  # an end before the begin is not this transaction's
        elif _reading(record, begin=False) is not None:
            end = text
    return begin, end


def ends_transaction(record: str) -> bool:
    """Whether a signed record holds an end reading (TX = E, L, R, A or P)."""
    parsed = _parse(record)
    return parsed is not None and _reading(parsed, begin=False) is not None


def check_session(
    records: Sequence[str], *, public_key: str | None, expected_serial: str | None = None
) -> MeterDataCheck:
    """Verify all the signed records of a session (see `verify_ocmf`); without a begin or an end
    record, the one there is still has its signature, serial and reading checked."""
    begin, end = session_pair(records)
    if begin is not None and end is not None:
        return verify_ocmf(begin, end, public_key=public_key, expected_serial=expected_serial)
    problems = [MeterDataProblem.BEGIN_MISSING] if begin is None else []
    problems += [MeterDataProblem.END_MISSING] if end is None else []
    if any(_parse(text) is None for text in records):
        problems.append(MeterDataProblem.UNREADABLE)
    key = _key(public_key)
    if key is None:
        problems.append(MeterDataProblem.KEY)
    there = _parse(begin or end or "")
    if there is None:
        return _result(problems, None, None, key)
    if key is not None and not _signed(there, key):
        problems.append(MeterDataProblem.SIGNATURE)
    serial = there.payload.MS or there.payload.GS
    if expected_serial is not None and serial != expected_serial:
        problems.append(MeterDataProblem.SERIAL)
    opening = _reading(there, begin=True) if begin is not None else None
    closing = _reading(there, begin=False) if end is not None else None
    return _result(problems, opening, closing, key, serial)


def signed_records(records: Sequence[str], public_key: str | None) -> SignedRecords | None:
    """The begin/end pair of a session's records for the Transparenzsoftware; None without one."""
    begin, end = session_pair(records)
    if begin is None or end is None:
        return None
    return SignedRecords(begin, end, public_key or "")


def download_for(check: MeterDataCheck | None, records: Sequence[str]) -> SignedRecords | None:
    """What the portal and the e-mail hand out for an issued invoice: its session's begin/end
    pair with the key the invoice was checked against (not today's config, which may have
    changed since); None when the invoice states no pair."""
    if check is None or not check.has_pair:
        return None
    return signed_records(records, check.public_key)


def verify_ocmf(
    begin: str, end: str, *, public_key: str | None, expected_serial: str | None = None
) -> MeterDataCheck:
    """Verify a begin/end pair: both signatures against `public_key`, begin before end,
    pagination rising in the transaction context, one meter (and the `expected_serial` one when
    given), no value or time regression, and pyocmf's Eichrecht rules. Never raises on bad data.
    """
    problems: list[MeterDataProblem] = []
    records = [_parse(begin), _parse(end)]
    key = _key(public_key)
    if key is None:
        problems.append(MeterDataProblem.KEY)
    if records[0] is None or records[1] is None:
        return _result([MeterDataProblem.UNREADABLE, *problems], None, None, key)
    first, last = records[0], records[1]
    if key is not None and not (_signed(first, key) and _signed(last, key)):
        problems.append(MeterDataProblem.SIGNATURE)
    opening, closing = _reading(first, begin=True), _reading(last, begin=False)
    if opening is None or closing is None:
        problems.append(MeterDataProblem.ORDER)
    low, high = _PAGINATION.match(first.payload.PG or ""), _PAGINATION.match(last.payload.PG or "")
    if low is None or high is None or int(high.group(1)) <= int(low.group(1)):
        problems.append(MeterDataProblem.PAGINATION)
    serial = first.payload.MS or first.payload.GS
    if expected_serial is not None and serial != expected_serial:
        problems.append(MeterDataProblem.SERIAL)
    try:
        issues = first.check_eichrecht(last)
    except (PyOCMFError, ValueError, TypeError):
        issues, problems = [], [*problems, MeterDataProblem.OTHER]
    for issue in issues:
        code = _FROM_ISSUE.get(issue.code, MeterDataProblem.OTHER)
        if issue.severity is IssueSeverity.ERROR or code is MeterDataProblem.PAGINATION:
            problems.append(code)
    return _result(problems, opening, closing, key, serial)


def _result(
    problems: list[MeterDataProblem],
    opening: Reading | None,
    closing: Reading | None,
    key: PublicKey | None,
    serial: str | None = None,
) -> MeterDataCheck:
    unique = tuple(dict.fromkeys(problems))
    return MeterDataCheck(
        status=meter_data_status(unique),
        problems=unique,
        meter_serial=serial,
        begin_value=_value(opening),
        end_value=_value(closing),
        unit=_unit(closing) or _unit(opening),
        begin_time=opening.timestamp if opening is not None else None,
        end_time=closing.timestamp if closing is not None else None,
        key_fingerprint=key_fingerprint(key.key) if key is not None else None,
        public_key=key.key if key is not None else None,
    )


def _unit(reading: Reading | None) -> str | None:
    return str(reading.RU) if reading is not None and reading.RU is not None else None


def _value(reading: Reading | None) -> Decimal | None:
    return None if reading is None or reading.RV is None else Decimal(reading.RV)


def _parse(text: str) -> OCMF | None:
    try:
        return OCMF.from_string(text, strict=True)
    except PyOCMFError:
        pass
    with _lenient_lock, warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        try:
            return OCMF.from_string(text, strict=False)
        except (PyOCMFError, ValueError):
            return None


def _key(text: str | None) -> PublicKey | None:
    if not text:
        return None
    try:
        return PublicKey.from_string(public_key_hex(text))
    except (PyOCMFError, ValueError):
        return None


def _signed(record: OCMF, key: PublicKey) -> bool:
    try:
        return record.verify_signature(key)
    except PyOCMFError:
        return False


def _reading(record: OCMF, *, begin: bool) -> Reading | None:
    """The begin reading of the first record, the (last) end reading of the last one."""
    found = [
        r
        for r in record.payload.RD
        if r.RV is not None and (r.TX == MeterReadingReason.BEGIN if begin else is_end_reason(r.TX))
    ]
    if not found:
        return None
    return found[0] if begin else found[-1]


def transparency_xml(records: SignedRecords, *, transaction_id: int = 1) -> bytes:
    """The records as the Transparenzsoftware's XML file (`<values>` of begin and end)."""
    key = _key(records.public_key)
    root = ET.Element("values")
    for context, data in (("Transaction.Begin", records.begin), ("Transaction.End", records.end)):
        value = ET.SubElement(
            root, "value", {"transactionId": str(transaction_id), "context": context}
        )
        signed = ET.SubElement(value, "signedData", {"format": "OCMF", "encoding": "plain"})
        signed.text = data.strip()
        if key is not None:
            ET.SubElement(value, "publicKey", {"encoding": "plain"}).text = key.key.upper()
    ET.indent(root)
    text: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return text + b"\n"
