"""Billed energy follows the register, whatever the network does to the messages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.domain.metering import ANOMALIES, Reading, Register, Verdict, assess

T0 = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
KW = Decimal(150)


def run(readings, max_kw=KW):
    last, billed, verdicts = None, Decimal(0), []
    for r in readings:
        outcome = assess(last, r, max_power_kw=max_kw)
        last, billed = outcome.register, billed + outcome.billable_wh
        verdicts.append(outcome.verdict)
    return billed, verdicts


def reading(i, wh, *, seq=True, ts=None):
    return Reading(Decimal(wh), T0 + timedelta(seconds=10 * i), i if seq else None, ts)


def test_energy_is_the_register_difference():
    billed, verdicts = run([reading(i, 1000 + 100 * i) for i in range(5)])
    assert billed == Decimal(400)
    assert verdicts == [Verdict.FIRST] + [Verdict.ACCEPTED] * 4


def test_lost_duplicated_and_late_messages_do_not_change_the_bill():
    sent = [reading(i, 1000 + 100 * i) for i in range(6)]
    received = [sent[0], sent[1], sent[1], sent[3], sent[2], sent[5]]  # 4 lost, 2 late, 1 twice
    billed, verdicts = run(received)
    assert billed == Decimal(500)
    assert verdicts[2] is Verdict.DUPLICATE and verdicts[4] is Verdict.STALE


def test_without_sequence_numbers_the_charger_timestamp_deduplicates():
    a = reading(0, 1000, seq=False, ts=T0)
    b = reading(1, 1100, seq=False, ts=T0 + timedelta(seconds=10))
    billed, verdicts = run([a, b, b, a])
    assert billed == Decimal(100)
    assert verdicts[2:] == [Verdict.DUPLICATE, Verdict.STALE]


def test_a_register_reset_is_an_anomaly_and_billing_resumes_from_the_new_value():
    billed, verdicts = run([reading(0, 5000), reading(1, 5100), reading(2, 20), reading(3, 120)])
    assert billed == Decimal(200)  # 100 before the reset + 100 after, never negative
    assert verdicts[2] is Verdict.BACKWARDS and verdicts[2] in ANOMALIES


def test_more_energy_than_the_bay_can_deliver_is_not_billed():
    # 150 kW for 10 s is 417 Wh (459 with headroom); 5 kWh in 10 s is impossible.
    billed, verdicts = run([reading(0, 0), reading(1, 400), reading(2, 5400), reading(3, 5500)])
    assert billed == Decimal(500)
    assert verdicts[2] is Verdict.IMPLAUSIBLE


def test_a_catch_up_after_an_outage_is_judged_by_the_chargers_clock():
    last = Register(Decimal(0), T0, 1, T0)
    # Arrives 1 s later at the kiosk, but the charger measured 10 minutes between them.
    late = Reading(Decimal(20000), T0 + timedelta(seconds=1), 2, T0 + timedelta(minutes=10))
    assert assess(last, late, max_power_kw=KW).verdict is Verdict.ACCEPTED


@settings(max_examples=150, deadline=None)
@given(
    increments=st.lists(st.integers(min_value=0, max_value=400), min_size=1, max_size=40),
    data=st.data(),
)
def test_any_delivery_order_bills_at_most_the_register_delta(increments, data):
    registers = [1000]
    for inc in increments:
        registers.append(registers[-1] + inc)
    sent = [reading(i, wh) for i, wh in enumerate(registers)]
    received = data.draw(st.lists(st.sampled_from(sent), min_size=1, max_size=80))
    billed, _ = run(received)
    assert 0 <= billed <= registers[-1] - registers[0]
    # Whatever came before, once the last reading arrives in order the bill is exact.
    billed_all, _ = run([sent[0], *received, sent[-1]])
    assert billed_all == registers[-1] - registers[0]
