"""Debounce rules, with the clock passed in: what a tap and a removal are."""

from __future__ import annotations

from hw_drivers import CardId, CardPresented, CardRemoved
from hw_drivers.readers.tracker import RepeatFilter, SlotTracker

A, B = CardId.from_hex("04A1B2C3"), CardId.from_hex("04D5E6F7")


def kinds(events):
    return [type(e).__name__ for e in events]


def test_a_removal_is_reported_only_after_the_debounce_time():
    slot = SlotTracker("dev", "r", debounce=0.3)
    assert kinds(slot.presented(A, b"", 0.0)) == ["CardPresented"]
    assert slot.emptied(1.0) == []
    assert slot.tick(1.29) == []
    assert slot.tick(1.3) == [CardRemoved("dev", "r")]
    assert not slot.present


def test_the_same_card_back_within_the_debounce_time_is_the_same_tap():
    slot = SlotTracker("dev", "r", debounce=0.3)
    slot.presented(A, b"", 0.0)
    slot.emptied(1.0)
    assert slot.presented(A, b"", 1.1) == []
    assert slot.tick(5.0) == []
    assert slot.present


def test_another_card_within_the_debounce_time_is_a_removal_and_a_new_tap():
    slot = SlotTracker("dev", "r", debounce=0.3)
    slot.presented(A, b"", 0.0)
    slot.emptied(1.0)
    events = slot.presented(B, b"\x3b", 1.1)
    assert events == [CardRemoved("dev", "r"), CardPresented("dev", "r", B, b"\x3b")]


def test_no_debounce_reports_the_removal_at_once():
    slot = SlotTracker("dev", "r", debounce=0.0)
    slot.presented(A, b"", 0.0)
    assert slot.emptied(0.5) == [CardRemoved("dev", "r")]


def test_a_lost_reader_loses_its_card_at_once():
    slot = SlotTracker("dev", "r", debounce=10.0)
    slot.presented(A, b"", 0.0)
    slot.emptied(1.0)
    assert slot.lost() == [CardRemoved("dev", "r")]
    assert slot.lost() == []


def test_wedge_repeats_of_a_held_card_are_one_tap():
    repeats = RepeatFilter(window=1.5)
    assert repeats.is_new_tap(A, 0.0)
    assert not repeats.is_new_tap(A, 1.0)
    assert not repeats.is_new_tap(A, 2.0)  # each repeat extends the window
    assert repeats.is_new_tap(A, 4.0)
    assert repeats.is_new_tap(B, 4.1)
    assert repeats.is_new_tap(A, 4.2)
