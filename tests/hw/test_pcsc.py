"""PC/SC readers through the real pcscd, with vpcd virtual readers and cards written here.

vpcd gives two PC/SC readers (SLOT0, SLOT1); a `VirtualCard` connecting to one is a card put on
it, closing is taking it away.
"""

from __future__ import annotations

import dataclasses
import logging
import threading

import pytest

from hw_drivers import (
    CardId,
    CardPresented,
    CardReadFailed,
    CardRemoved,
    ReaderAttached,
    ReaderDetached,
    ReaderState,
)
from tests.hw.conftest import SLOT0, SLOT1
from tests.hw.pcsc_service import MIFARE_ATR

UID4 = bytes.fromhex("04A1B2C3")
UID7 = bytes.fromhex("04112233445566")
BOTH = {SLOT0, SLOT1}


def started(reader, events, uri="pcsc://"):
    device = reader(uri)
    events.wait_count(ReaderAttached, 2)
    return device


def test_reader_finds_the_virtual_readers(pcscd, reader, events):
    device = reader("pcsc://")
    assert device.wait_settled(10)
    attached = events.wait_count(ReaderAttached, 2)
    assert {e.reader for e in attached} == BOTH
    assert device.state is ReaderState.READY
    assert {r.name for r in device.snapshot.readers} == BOTH
    assert events.threads == {"dev:pcsc"}


def test_tap_reports_the_uid_and_atr_then_the_removal(pcscd, reader, events):
    started(reader, events)
    with pcscd.card(SLOT0, UID7):
        tap = events.wait_for(CardPresented, reader=SLOT0)
        assert tap.uid == CardId(UID7)
        assert tap.uid.length == 7
        assert tap.atr == MIFARE_ATR
        assert tap.device == "pcsc"
    events.wait_for(CardRemoved, reader=SLOT0)


def test_a_card_left_on_the_reader_is_one_tap(pcscd, reader, events):
    device = started(reader, events)
    held = pcscd.card(SLOT0, UID4).insert()
    try:
        events.wait_for(CardPresented, reader=SLOT0)
        assert device.state is ReaderState.CARD_PRESENT
        # Taps on the other reader keep the driver's loop turning while the first card stays.
        for _ in range(2):
            mark = events.mark()
            with pcscd.card(SLOT1, UID7):
                events.wait_for(CardPresented, reader=SLOT1, after=mark)
            events.wait_for(CardRemoved, reader=SLOT1, after=mark)
    finally:
        held.remove()
    events.wait_for(CardRemoved, reader=SLOT0)
    assert len(events.of(CardPresented, reader=SLOT0)) == 1
    assert device.state is ReaderState.READY


def test_two_readers_each_report_their_own_card(pcscd, reader, events):
    device = started(reader, events)
    with pcscd.card(SLOT0, UID4), pcscd.card(SLOT1, UID7):
        taps = events.wait_count(CardPresented, 2)
        assert {(t.reader, t.uid) for t in taps} == {(SLOT0, CardId(UID4)), (SLOT1, CardId(UID7))}
        assert all(r.card_present for r in device.snapshot.readers)
    events.wait_count(CardRemoved, 2)


def test_a_name_part_selects_readers(pcscd, reader, events):
    device = reader("pcsc://reader 00 01")
    assert events.wait_for(ReaderAttached).reader == SLOT1
    assert device.name == "pcsc:reader 00 01"
    # SLOT0 is not ours: the tap on SLOT1 must be the only one reported.
    with pcscd.card(SLOT0, UID4), pcscd.card(SLOT1, UID7):
        events.wait_for(CardPresented, reader=SLOT1)
    events.wait_for(CardRemoved, reader=SLOT1)
    assert [e.reader for e in events.of(CardPresented)] == [SLOT1]
    assert [e.reader for e in events.of(ReaderAttached)] == [SLOT1]


def test_a_card_pulled_away_mid_read_is_reported_and_the_next_tap_works(pcscd, reader, events):
    started(reader, events)
    pulled = pcscd.card(SLOT0, UID4, vanish_on_read=True).insert()
    failure = events.wait_for(CardReadFailed, reader=SLOT0)
    assert "left before it was read" in failure.reason
    assert pulled.asked.is_set()
    pulled.remove()
    with pcscd.card(SLOT0, UID7):
        tap = events.wait_for(CardPresented, reader=SLOT0)
    assert tap.uid == CardId(UID7)
    assert len(events.of(CardPresented)) == 1


def test_readers_vanishing_mid_read_are_detached_and_come_back(pcscd, reader, events):
    device = started(reader, events)
    release = threading.Event()
    card = pcscd.card(SLOT0, UID4, hold=release).insert()
    try:
        assert card.asked.wait(10), "the driver never asked the card for its UID"
        pcscd.kill()  # pcscd dies while the driver waits in SCardTransmit
        detached = events.wait_count(ReaderDetached, 2)
    finally:
        release.set()
        card.remove()
    assert {e.reader for e in detached} == BOTH
    assert all("pcscd" in e.reason for e in detached)
    assert events.of(CardPresented) == []
    assert device.state is ReaderState.NO_SERVICE
    mark = events.mark()
    pcscd.start()
    events.wait_count(ReaderAttached, 2, after=mark)
    with pcscd.card(SLOT0, UID4):
        assert events.wait_for(CardPresented, reader=SLOT0).uid == CardId(UID4)


def test_pcscd_restart_is_survived(pcscd, reader, events):
    device = started(reader, events)
    with pcscd.card(SLOT1, UID4):
        events.wait_for(CardPresented, reader=SLOT1)
        pcscd.stop()
        events.wait_count(ReaderDetached, 2)
    # The card vanished with pcscd: its removal is reported before its reader's detachment.
    removed_at = events.events.index(events.of(CardRemoved, reader=SLOT1)[0])
    detached_at = events.events.index(events.of(ReaderDetached, reader=SLOT1)[0])
    assert removed_at < detached_at
    assert device.state is ReaderState.NO_SERVICE
    mark = events.mark()
    pcscd.start()
    events.wait_count(ReaderAttached, 2, after=mark)
    with pcscd.card(SLOT1, UID7):
        assert events.wait_for(CardPresented, after=mark).uid == CardId(UID7)


def test_a_reader_opened_before_pcscd_runs_attaches_when_it_starts(pcscd, reader, events):
    pcscd.stop()
    device = reader("pcsc://?retry_ms=100")
    assert device.wait_settled(10)
    assert device.state is ReaderState.NO_SERVICE
    assert device.snapshot.detail == "pcscd is not running"
    pcscd.start()
    events.wait_count(ReaderAttached, 2)
    assert device.state is ReaderState.READY


def test_no_matching_reader_is_a_state_not_an_error(pcscd, reader, events):
    device = reader("pcsc://no such reader")
    assert device.wait_settled(10)
    assert device.state is ReaderState.NO_READER
    assert events.of(ReaderAttached) == []


def test_the_uid_never_reaches_logs_or_event_text(pcscd, reader, events, caplog):
    caplog.set_level(logging.DEBUG)
    started(reader, events)
    with pcscd.card(SLOT0, UID7):
        tap = events.wait_for(CardPresented, reader=SLOT0)
    events.wait_for(CardRemoved, reader=SLOT0)
    secrets = {UID7.hex(), UID7.hex().upper(), str(int.from_bytes(UID7, "big"))}
    texts = [r.getMessage() for r in caplog.records] + [repr(e) for e in events.events]
    texts += [str(e) for e in events.events] + [repr(dataclasses.asdict(tap))]
    assert any(tap.uid.tag in text for text in texts), "logs should name the card by its tag"
    assert not [t for t in texts for s in secrets if s in t]


@pytest.mark.parametrize("debounce_ms", [0, 300])
def test_removal_is_reported_after_the_debounce_time(pcscd, reader, events, debounce_ms):
    device = started(reader, events, f"pcsc://?debounce_ms={debounce_ms}")
    with pcscd.card(SLOT0, UID4):
        events.wait_for(CardPresented)
    events.wait_for(CardRemoved)
    assert device.debounce == debounce_ms / 1000
