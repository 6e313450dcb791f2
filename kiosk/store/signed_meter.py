"""Signed meter values (OCMF) in the store: one row per signed reading, kept with its session."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.store import models


def add(
    db: Session,
    *,
    bay_id: str,
    session_id: str | None,
    at: datetime,
    seq: int | None,
    energy_wh: Decimal,
    ocmf: str,
) -> None:
    """Keep one signed reading; written with the batch it came in (the engine's hot path for
    signing chargers: no query here, the row goes out with the batch's flush)."""
    db.add(
        models.SignedMeterValue(
            bay_id=bay_id,
            session_id=session_id,
            received_at=at,
            seq=seq,
            energy_wh=energy_wh,
            ocmf=ocmf,
        )
    )


def of_session(db: Session, session_id: str) -> list[str]:
    """The session's signed records in the order they came."""
    query = (
        select(models.SignedMeterValue.ocmf)
        .where(models.SignedMeterValue.session_id == session_id)
        .order_by(models.SignedMeterValue.id)
    )
    return list(db.scalars(query))


def unclaimed(
    db: Session, bay_id: str, *, since: datetime, until: datetime
) -> Sequence[models.SignedMeterValue]:
    """Signed readings of a bay that came while no session was open there, in order."""
    row = models.SignedMeterValue
    query = (
        select(row)
        .where(
            row.bay_id == bay_id,
            row.session_id.is_(None),
            row.received_at >= since,
            row.received_at <= until,
        )
        .order_by(row.id)
    )
    return db.scalars(query).all()
