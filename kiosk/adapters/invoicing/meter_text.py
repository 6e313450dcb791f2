"""How the check of a session's signed meter data (OCMF) reads on the PDF and the paper receipt."""

from __future__ import annotations

from decimal import Decimal

from kiosk.adapters.invoicing.labels import Labels
from kiosk.domain.invoice import MeterDataCheck, MeterDataStatus

_SHORT = {
    MeterDataStatus.VERIFIED: "ok_short",
    MeterDataStatus.FAILED: "failed",
    MeterDataStatus.NO_KEY: "no_key_short",
    MeterDataStatus.INCOMPLETE: "incomplete_short",
}


def headline(check: MeterDataCheck, lab: Labels) -> str:
    """One line: verified, or what kept it from being verified (with ✓ / ✗, for the PDF)."""
    if check.status is MeterDataStatus.VERIFIED:
        return "✓ " + lab["verified"]
    if check.status is MeterDataStatus.NO_KEY:
        return "✗ " + lab["no_key"]
    title = lab["incomplete"] if check.status is MeterDataStatus.INCOMPLETE else lab["failed"]
    return f"✗ {title}: {problems(check, lab)}"


def short_status(check: MeterDataCheck, lab: Labels) -> str:
    """A word or two for the receipt, in characters every printer code page has."""
    return lab[_SHORT[check.status]]


def problems(check: MeterDataCheck, lab: Labels) -> str:
    return ", ".join(lab.problem(problem) for problem in check.problems)


def facts(check: MeterDataCheck, lab: Labels) -> list[str]:
    """Meter serial, the signed readings (a missing one as —) and the key's fingerprint."""
    found = []
    if check.meter_serial:
        found.append(f"{lab['meter_serial']} {check.meter_serial}")
    if check.begin_value is not None or check.end_value is not None:
        low, high = signed_number(lab, check.begin_value), signed_number(lab, check.end_value)
        found.append(f"{lab['readings']} {low} → {high} {check.unit or ''}".rstrip())
    if check.key_fingerprint:
        found.append(f"{lab['key']} {check.key_fingerprint}")
    return found


def signed_number(lab: Labels, value: Decimal | None) -> str:
    """A signed reading with exactly the decimals the meter wrote; — when there is none."""
    if value is None:
        return "—"
    exponent = value.as_tuple().exponent
    return lab.number(value, max(0, -exponent) if isinstance(exponent, int) else 0)
