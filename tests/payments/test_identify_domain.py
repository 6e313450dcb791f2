"""The rules of proving a session is yours, without the engine: the session code and the lock
against guessing it."""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime, timedelta

from kiosk.domain.identify import (
    IDENTIFY_FINAL,
    CodeGuard,
    CodePolicy,
    IdentifyState,
    same_code,
    session_code,
    well_formed_code,
)

T0 = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
POLICY = CodePolicy()


def digest(key: bytes, session_id: str) -> str:
    return hmac.new(key, session_id.encode(), hashlib.sha256).hexdigest()


def test_a_session_code_is_four_digits_from_the_keyed_hash_and_the_same_every_time():
    code = session_code(digest(b"k1", "k-0001"))
    assert well_formed_code(code) and code == session_code(digest(b"k1", "k-0001"))
    assert session_code("0000000a" + "0" * 56) == "0010"  # leading zeros are kept
    assert session_code("ffffffff" + "0" * 56) == f"{0xFFFFFFFF % 10000:04d}"
    # Another kiosk key gives other codes: without the key nobody can work them out.
    codes = {session_code(digest(b"k1", f"k-{i}")) for i in range(50)}
    others = {session_code(digest(b"k2", f"k-{i}")) for i in range(50)}
    assert len(codes) > 40 and codes != others


def test_only_four_ascii_digits_are_a_code():
    assert well_formed_code("0420")
    for typed in ("042", "04200", "04a0", "", "٠١٢٣"):  # the last: Arabic-Indic digits
        assert not well_formed_code(typed)
    assert same_code("0420", "0420") and not same_code("0420", "0421")


def test_five_wrong_codes_within_ten_minutes_lock_the_code_for_five_minutes():
    guard = CodeGuard()
    for i in range(4):
        guard = guard.failed(T0 + timedelta(minutes=2 * i), POLICY)
        assert not guard.locked(T0 + timedelta(minutes=2 * i))
    at = T0 + timedelta(minutes=9)
    guard = guard.failed(at, POLICY)
    assert guard.locked(at) and guard.lock_left(at) == timedelta(minutes=5)
    assert guard.locked(at + timedelta(minutes=4, seconds=59))
    assert (
        not guard.locked(at + timedelta(minutes=5))
        and guard.lock_left(at + POLICY.lock_for) is None
    )


def test_wrong_codes_age_out_of_the_window_but_not_out_of_a_lock():
    guard = CodeGuard()
    for i in range(4):
        guard = guard.failed(T0 + timedelta(minutes=i), POLICY)
    later = T0 + timedelta(minutes=12)  # the first three are older than 10 minutes now
    guard = guard.failed(later, POLICY)
    assert not guard.locked(later) and len(guard.wrong) == 2
    # Right after a lock ends, the wrong codes still in the window count: one more locks again.
    locked = CodeGuard()
    for i in range(5):
        locked = locked.failed(T0 + timedelta(seconds=i), POLICY)
    after = T0 + timedelta(minutes=6)
    assert not locked.locked(after) and locked.failed(after, POLICY).locked(after)


def test_waiting_and_reader_trouble_are_the_only_states_that_accept_proofs():
    assert set(IdentifyState) - IDENTIFY_FINAL == {
        IdentifyState.WAITING,
        IdentifyState.READER_UNAVAILABLE,
    }
