"""A session's states and its energy, always from the cumulative register."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from kiosk.domain.session import FINAL, OPEN, Session, SessionState, TransitionError

T = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


def session() -> Session:
    return Session("s", "bay-1", SessionState.STARTING, T)


def test_energy_is_the_register_difference_and_never_negative():
    s = session().with_register(Decimal("1000")).with_register(Decimal("1500.5"))
    assert s.energy_wh == Decimal("500.5")
    assert s.with_register(Decimal("900")).energy_wh == Decimal("500.5")  # a lower reading
    assert session().energy_wh == 0


def test_an_ended_session_is_final():
    s = session().to(SessionState.ACTIVE).with_register(Decimal(10)).ended(T, "unplugged")
    assert s.state in FINAL and s.state not in OPEN
    assert s.with_register(Decimal(99)).meter_last_wh == Decimal(10)
    with pytest.raises(TransitionError):
        s.to(SessionState.ACTIVE)


def test_states_only_move_forward():
    s = session().to(SessionState.ACTIVE).to(SessionState.STOPPING)
    with pytest.raises(TransitionError, match="stopping -> active"):
        s.to(SessionState.ACTIVE)
