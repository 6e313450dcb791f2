"""A session's states and its energy, always from the cumulative register."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from kiosk.domain.session import FINAL, OPEN, Session, SessionState, TransitionError

T = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


def session() -> Session:
    return Session("s", "bay-1", SessionState.STARTING, T)


def test_energy_adds_up_what_the_meter_rules_accept():
    s = session().metered(Decimal("1000"), Decimal(0)).metered(Decimal("1500.5"), Decimal("500.5"))
    assert (s.meter_start_wh, s.meter_last_wh, s.energy_wh) == (
        Decimal("1000"),
        Decimal("1500.5"),
        Decimal("500.5"),
    )
    reset = s.metered(Decimal("3"), Decimal(0))  # a meter reset adds nothing
    assert reset.energy_wh == Decimal("500.5") and reset.meter_last_wh == Decimal("3")
    with pytest.raises(ValueError, match="negative"):
        s.metered(Decimal(1), Decimal(-1))
    assert session().energy_wh == 0


def test_an_ended_session_is_final():
    s = session().to(SessionState.ACTIVE).metered(Decimal(10), Decimal(0)).ended(T, "unplugged")
    assert s.state in FINAL and s.state not in OPEN
    assert s.metered(Decimal(99), Decimal(89)).meter_last_wh == Decimal(10)
    with pytest.raises(TransitionError):
        s.to(SessionState.ACTIVE)


def test_states_only_move_forward():
    s = session().to(SessionState.ACTIVE).to(SessionState.STOPPING)
    with pytest.raises(TransitionError, match="stopping -> active"):
        s.to(SessionState.ACTIVE)
