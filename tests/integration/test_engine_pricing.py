"""The driver's running cost, from the first kWh to the final price, through the real engine."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal
from itertools import pairwise
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.domain.bay import BayStatus
from kiosk.domain.tariff import price_cdr
from kiosk.engine.clock import ManualClock
from kiosk.engine.events import (
    BayStatusReported,
    CommandReplied,
    MeterSampleReported,
    StartRequested,
    StopRequested,
    Tick,
)
from kiosk.hub import Hub
from kiosk.store import models
from tests.conftest import T0
from tests.helpers import Watcher

# Time-of-day energy prices, a power tier, charging time and an idle fee after a grace period.
TARIFF = {
    "id": "TEST-TOD",
    "currency": "EUR",
    "elements": [
        {
            "price_components": [{"type": "ENERGY", "price": 0.40, "vat": 19.0, "step_size": 1}],
            "restrictions": {"start_time": "10:00", "end_time": "11:00"},
        },
        {
            "price_components": [{"type": "ENERGY", "price": 0.60, "vat": 19.0, "step_size": 1}],
            "restrictions": {"min_power": 100},
        },
        {"price_components": [{"type": "ENERGY", "price": 0.50, "vat": 19.0, "step_size": 1}]},
        {"price_components": [{"type": "TIME", "price": 1.20, "vat": 19.0, "step_size": 60}]},
        {
            "price_components": [
                {"type": "PARKING_TIME", "price": 6.00, "vat": 19.0, "step_size": 300}
            ],
            "restrictions": {"min_duration": 1800},
        },
    ],
}
MEMBER = {
    "id": "TEST-MEMBER",
    "currency": "EUR",
    "elements": [
        {"price_components": [{"type": "ENERGY", "price": 0.30, "vat": 19.0, "step_size": 1}]}
    ],
}


def priced_settings(make_settings, tmp_path: Path):
    (tmp_path / "tod.json").write_text(json.dumps(TARIFF))
    (tmp_path / "member.json").write_text(json.dumps(MEMBER))
    from kiosk.config import from_table
    from tests.conftest import hub_table

    table = hub_table(2, data_dir=str(tmp_path / "data"))
    for bay in table["bays"]:
        bay["tariff"] = "tod.json"
        bay["member_tariff"] = "member.json"
    return from_table(table, base=tmp_path)


def drive(hub, clock, watch, *, bay="bay-1", session="s-1", member=False, restart=None):
    """Plug in at 09:50 (Berlin 10:50), charge across the 11:00 price change, sit idle, stop."""
    engine = hub.engine
    register = Decimal(50_000)
    engine.post(MeterSampleReported(bay, register, seq=1))
    engine.post(BayStatusReported(bay, BayStatus.PREPARING))
    engine.post(StartRequested(bay, session, member=member))
    engine.post(CommandReplied(bay, watch.until_commands(1)[-1].id, ok=True))
    engine.post(BayStatusReported(bay, BayStatus.CHARGING))
    seq = 1
    for minute in range(40):  # 20 minutes at 120 kW, then 20 at 48 kW
        clock.advance(timedelta(minutes=1))
        power = Decimal(120_000) if minute < 20 else Decimal(48_000)
        register += power / 60
        seq += 1
        engine.post(
            MeterSampleReported(bay, register, power, seq=seq, charger_ts=T0 - timedelta(days=400))
        )  # a wrong clock
        if restart is not None and minute == 25:
            hub = restart(hub)
            engine = hub.engine
            watch = Watcher(engine)
    engine.post(BayStatusReported(bay, BayStatus.SUSPENDED_EV))  # the car is full: idle
    for _ in range(42):  # no readings while idle: the engine's tick keeps the cost current
        clock.advance(timedelta(minutes=1))
        engine.post(Tick())
    shown = (
        watch.until(
            lambda s: (
                s.bay(bay).session.price is not None
                and s.bay(bay).session.price.total_parking_time > Decimal("0.69")
            )
        )
        .bay(bay)
        .session.price
    )
    engine.post(StopRequested(bay))
    engine.post(BayStatusReported(bay, BayStatus.AVAILABLE))
    watch.until(lambda s: s.bay(bay).session is None)
    hub.shown_before_stop = shown
    return hub


def test_running_cost_at_stop_is_the_final_price_and_the_cdr_price(make_settings, clock, tmp_path):
    settings = priced_settings(make_settings, tmp_path)
    with Hub(settings, charger_link=False, clock=clock) as hub:
        records: list[dict] = []
        hub.engine.on_record(records.append)
        watch = Watcher(hub.engine)
        clock.advance(timedelta(minutes=50))  # 09:50 UTC = 10:50 in Berlin
        drive(hub, clock, watch)
        with hub.db.sessions() as db:
            row = db.get(models.ChargingSession, "s-1")
            stored_tariff = db.get(models.Tariff, row.tariff_id)
    costs = [r["cost"] for r in records if r["type"] == "cost"]
    stopped = next(r for r in records if r["type"] == "session_stopped")
    shown = hub.shown_before_stop.total_cost  # what the screen showed just before the stop
    assert stopped["cost"] == costs[-1] == {"excl_vat": shown.excl_vat, "incl_vat": shown.incl_vat}
    assert stopped["cost"] == {"excl_vat": row.cost_excl_vat, "incl_vat": row.cost_incl_vat}
    assert all(b["incl_vat"] >= a["incl_vat"] for a, b in pairwise(costs))
    assert row.tariff_id.startswith("TEST-TOD@") and json.loads(stored_tariff.body["text"])
    assert not [r for r in records if r["type"] == "anomaly"]  # running = CDR price, no gaps
    # By hand: 10 min at 120 kW before 11:00 Berlin at 0.40, 10 min at 120 kW at 0.60 (≥ 100
    # kW), 20 min at 48 kW at 0.50: 8.00 + 12.00 + 8.00; 40 min of charging at 1.20/h: 0.80;
    # 42 min idle after the 30-minute grace, in 5-minute steps: 45 min at 6.00/h: 4.50.
    assert row.energy_wh == Decimal(56_000)
    assert (row.cost_excl_vat, row.cost_incl_vat) == (Decimal("33.30"), Decimal("39.63"))


def test_the_session_cdr_prices_the_same_with_kiosk_price(make_settings, clock, tmp_path):
    settings = priced_settings(make_settings, tmp_path)
    with Hub(settings, charger_link=False, clock=clock) as hub:
        watch = Watcher(hub.engine)
        clock.advance(timedelta(minutes=50))
        engine = hub.engine
        # Keep the running cost open to compare it with its own CDR before the session ends.
        engine.post(MeterSampleReported("bay-2", Decimal(0), seq=1))
        engine.post(StartRequested("bay-2", "s-2"))
        engine.post(BayStatusReported("bay-2", BayStatus.CHARGING))
        for i in range(2, 30):
            clock.advance(timedelta(seconds=90))
            engine.post(MeterSampleReported("bay-2", Decimal(i * 3000), Decimal(120_000), seq=i))
        snap = watch.until(lambda s: s.bay("bay-2").register_wh == Decimal(87_000))
        costing = hub.engine._rules.costing
        running = costing._open["s-2"].cost
        batch = price_cdr(running.tariff, running.to_cdr(), running.zone)
        assert snap.bay("bay-2").session.price.total_cost == batch.total_cost
        assert snap.bay("bay-2").session.price.total_energy_cost == batch.total_energy_cost


def test_members_pay_the_member_tariff(make_settings, clock, tmp_path):
    settings = priced_settings(make_settings, tmp_path)
    with Hub(settings, charger_link=False, clock=clock) as hub:
        watch = Watcher(hub.engine)
        drive(hub, clock, watch, bay="bay-2", session="m-1", member=True)
        with hub.db.sessions() as db:
            row = db.get(models.ChargingSession, "m-1")
    assert row.member and row.tariff_id.startswith("TEST-MEMBER@")
    assert row.cost_excl_vat == Decimal("16.80")  # 56 kWh × 0.30, nothing else
    assert row.cost_incl_vat == Decimal("19.99")  # + 19 % VAT, rounded once


def test_a_restart_mid_session_continues_the_cost_exactly(make_settings, clock, tmp_path):
    settings = priced_settings(make_settings, tmp_path)
    with Hub(settings, charger_link=False, clock=clock) as hub:
        watch = Watcher(hub.engine)
        drive(hub, clock, watch, bay="bay-1", session="a")
        with hub.db.sessions() as db:
            straight = db.get(models.ChargingSession, "a")

    other = tmp_path / "other"
    other.mkdir()
    settings = priced_settings(make_settings, other)
    clock = ManualClock(T0)  # the same wall-clock times as the first run

    def restart(old):
        old.stop()
        return Hub(settings, charger_link=False, clock=clock).start()

    hub = Hub(settings, charger_link=False, clock=clock).start()
    try:
        watch = Watcher(hub.engine)
        hub = drive(hub, clock, watch, bay="bay-1", session="a", restart=restart)
        with hub.db.sessions() as db:
            resumed = db.get(models.ChargingSession, "a")
    finally:
        hub.stop()
    assert (resumed.cost_excl_vat, resumed.cost_incl_vat) == (
        straight.cost_excl_vat,
        straight.cost_incl_vat,
    )
    assert resumed.energy_wh == straight.energy_wh


def test_energy_reported_with_the_end_of_the_transaction_is_billed(make_settings, clock, tmp_path):
    # EVerest's TransactionFinished carries the final reading: status, reading and end of the
    # session reach the engine at the same instant, after the last stretch was booked.
    settings = priced_settings(make_settings, tmp_path)
    with Hub(settings, charger_link=False, clock=clock) as hub:
        watch = Watcher(hub.engine)
        engine = hub.engine
        engine.post(MeterSampleReported("bay-1", Decimal(10_000), seq=1))
        engine.post(BayStatusReported("bay-1", BayStatus.PREPARING))
        engine.post(StartRequested("bay-1", "s-end"))
        engine.post(CommandReplied("bay-1", watch.until_commands(1)[-1].id, ok=True))
        engine.post(BayStatusReported("bay-1", BayStatus.CHARGING))
        clock.advance(timedelta(minutes=10))
        engine.post(MeterSampleReported("bay-1", Decimal(16_000), Decimal(36_000), seq=2))
        clock.advance(timedelta(minutes=10))
        engine.post(BayStatusReported("bay-1", BayStatus.FINISHING))  # at this instant:
        engine.post(MeterSampleReported("bay-1", Decimal(22_000), seq=3))  # the final reading
        engine.post(BayStatusReported("bay-1", BayStatus.AVAILABLE))  # and the end
        watch.until(lambda s: s.bay("bay-1").session is None)
        with hub.db.sessions() as db:
            row = db.get(models.ChargingSession, "s-end")
    assert row.energy_wh == Decimal(12_000)
    # 12 kWh at 0.40 (10:00-10:20 in Berlin: the morning price) and 20 min charging at 1.20/h;
    # before, the last 6 kWh were lost and no time was added to bill them.
    assert row.cost_excl_vat == Decimal("5.20")

    # The invoice rebuilds the same cost from the stored slices.
    with Hub(settings, charger_link=False, clock=clock) as again, again.db.sessions() as db:
        from kiosk.domain.session import Session, SessionState
        from kiosk.engine.costing import Costing

        costing = Costing(tariffs={}, zone=ZoneInfo("Europe/Berlin"))
        costing.rebuild(db, [Session("s-end", "bay-1", SessionState.ENDED, row.started_at)])
        assert costing.price("s-end").total_cost.excl_vat == Decimal("5.20")
