"""Signed meter data (OCMF) on the engine thread: every signed reading kept with its session in
the batch's transaction, and a session's records checked when its invoice is cut."""

# The hot path (`record`) only adds a row to the batch's flush. pyocmf (≈ 0.2 s to import) is
# loaded on the first check, off the path of engines that never invoice a signing charger; the
# kiosk's invoicing setup has it loaded already for the portal.

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session as DbSession

from kiosk.domain.invoice import MeterDataCheck, MeterDataProblem, MeterDataStatus
from kiosk.engine.events import MeterSampleReported
from kiosk.engine.state import Batch
from kiosk.store import models, signed_meter

log = logging.getLogger("kiosk.invoicing")


@dataclass(frozen=True, slots=True)
class MeterKey:
    """What the config says about a bay's signing meter."""

    public_key: str | None = None  # hex (as printed on the charger), base64 or PEM
    serial: str | None = None  # None: begin and end need only come from one meter


class SignedMeterData:
    """Stores the signed readings of every bay and checks a session's against its bay's key."""

    def __init__(self, keys: Mapping[str, MeterKey] | None = None) -> None:
        self._keys = dict(keys or {})

    def record(self, batch: Batch, db: DbSession, event: MeterSampleReported, at: datetime) -> None:
        """Keep a signed reading with the session open on its bay, if any (after the rules)."""
        bay = batch.bays.get(event.bay_id)
        if bay is None or not event.ocmf:
            return
        session_id = bay.session.id if bay.session is not None else None
        signed_meter.add(
            db,
            bay_id=bay.id,
            session_id=session_id,
            at=at,
            seq=event.seq,
            energy_wh=event.energy_wh,
            ocmf=event.ocmf,
        )

    def check(
        self, db: DbSession, row: models.ChargingSession, at: datetime
    ) -> MeterDataCheck | None:
        """The check of a session's signed records, for its invoice at `at`; None for a session
        without any at a bay with no key configured (a charger that does not sign)."""
        try:
            return self._check(db, row, at)
        except SQLAlchemyError:
            raise  # the batch's transaction is what failed: the engine handles that
        except Exception:  # a flaw in the verifier must not cost the driver the invoice
            log.exception("checking the signed meter data of session %s failed", row.id)
            return MeterDataCheck(MeterDataStatus.FAILED, (MeterDataProblem.OTHER,))

    def _check(
        self, db: DbSession, row: models.ChargingSession, at: datetime
    ) -> MeterDataCheck | None:
        from kiosk.adapters.invoicing import ocmf

        key = self._keys.get(row.bay_id, MeterKey())
        records = signed_meter.of_session(db, row.id)
        if row.ended_at is not None and ocmf.session_pair(records)[1] is None:
            # Chargers send the end record with the unplugging or just after it, when the
            # session has ended already: the first one since is this session's.
            late = signed_meter.unclaimed(db, row.bay_id, since=row.ended_at, until=at)
            end = next((r for r in late if ocmf.ends_transaction(r.ocmf)), None)
            if end is not None:
                end.session_id = row.id
                records.append(end.ocmf)
        if not records and key.public_key is None:
            return None
        return ocmf.check_session(records, public_key=key.public_key, expected_serial=key.serial)


def summary(check: MeterDataCheck) -> str:
    """One line for the attendant and the logs: `failed (signature, pagination)`."""
    problems = ", ".join(problem.value for problem in check.problems)
    return f"{check.status.value} ({problems})" if problems else check.status.value
