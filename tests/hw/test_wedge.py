"""Keyboard-wedge readers: real evdev event sequences through the decoder and UID rules.

This machine has no /dev/uinput (no virtual input devices), so the events a USB wedge sends
(scan code, key down, sync, key up, sync; Shift around letters) are built with evdev's own types
and codes and fed to the decoder; the driver itself is checked for what it does without a device.
"""

from __future__ import annotations

import pytest
from evdev import InputEvent, ecodes

from hw_drivers import CardId, ReaderState
from hw_drivers.readers.wedge_keys import ByteOrder, KeystrokeDecoder, UidFormat, normalise_uid
from hw_drivers.uri import UriError

HID_USAGE = {  # what a USB keyboard reports as MSC_SCAN before each key
    ecodes.KEY_ENTER: 0x70028,
    ecodes.KEY_LEFTSHIFT: 0x700E1,
}
KEYS = {
    **{str(d): getattr(ecodes, f"KEY_{d}") for d in range(10)},
    **{c: getattr(ecodes, f"KEY_{c}") for c in "ABCDEF"},
}


def keystrokes(text: str, *, start: float = 1000.0, step: float = 0.004) -> list[InputEvent]:
    """The events a wedge reader's keyboard sends when it types `text` and Enter."""
    events: list[InputEvent] = []
    now = start

    def emit(type_: int, code: int, value: int) -> None:
        nonlocal now
        sec = int(now)
        events.append(InputEvent(sec, int((now - sec) * 1e6), type_, code, value))

    def press(code: int, value: int) -> None:
        nonlocal now
        emit(ecodes.EV_MSC, ecodes.MSC_SCAN, HID_USAGE.get(code, 0x70000 + code))
        emit(ecodes.EV_KEY, code, value)
        emit(ecodes.EV_SYN, ecodes.SYN_REPORT, 0)
        now += step

    for char in text:
        shifted = char.isalpha()
        if shifted:
            press(ecodes.KEY_LEFTSHIFT, 1)
        press(KEYS[char], 1)
        press(KEYS[char], 0)
        if shifted:
            press(ecodes.KEY_LEFTSHIFT, 0)
    press(ecodes.KEY_ENTER, 1)
    press(ecodes.KEY_ENTER, 0)
    return events


def typed_lines(events: list[InputEvent], decoder: KeystrokeDecoder | None = None) -> list[str]:
    decoder = decoder or KeystrokeDecoder()
    out = []
    for event in events:
        line = decoder.feed(event.timestamp(), event.type, event.code, event.value)
        if line is not None:
            out.append(line)
    return out


def test_keystrokes_become_the_typed_number():
    assert typed_lines(keystrokes("3283263748")) == ["3283263748"]
    assert typed_lines(keystrokes("04A1B2C3")) == ["04A1B2C3"]


def test_keypad_digits_and_key_repeat_are_understood():
    kp = [ecodes.KEY_KP1, ecodes.KEY_KP2, ecodes.KEY_KPENTER]
    events = [InputEvent(1, n * 1000, ecodes.EV_KEY, code, 1) for n, code in enumerate(kp)]
    events.insert(1, InputEvent(1, 500, ecodes.EV_KEY, ecodes.KEY_KP1, 2))  # auto-repeat
    assert typed_lines(events) == ["12"]


def test_a_fragment_left_by_an_interrupted_read_is_dropped():
    decoder = KeystrokeDecoder(max_gap=1.0)
    fragment = keystrokes("0412")[:-6]  # no Enter
    assert typed_lines(fragment, decoder) == []
    assert typed_lines(keystrokes("04A1B2C3", start=1010.0), decoder) == ["04A1B2C3"]


def test_unknown_keys_make_the_line_unreadable():
    events = keystrokes("12")
    events[1] = InputEvent(1000, 0, ecodes.EV_KEY, ecodes.KEY_Z, 1)
    assert typed_lines(events) == ["?2"]


@pytest.mark.parametrize(
    ("typed", "fmt", "order"),
    [
        ("3283263748", UidFormat.DEC, ByteOrder.REVERSED),  # the common 10-digit default
        ("0077705923", UidFormat.DEC, ByteOrder.FORWARD),
        ("04A1B2C3", UidFormat.HEX, ByteOrder.FORWARD),
        ("c3b2a104", UidFormat.HEX, ByteOrder.REVERSED),
    ],
)
def test_every_wedge_format_gives_the_uid_a_pcsc_reader_reports(typed, fmt, order):
    uid = normalise_uid(typed, fmt=fmt, order=order)
    assert CardId(uid) == CardId.from_hex("04A1B2C3")  # GET DATA order on a PC/SC reader


def test_seven_byte_uids_in_decimal_have_seventeen_digits():
    uid = bytes.fromhex("04112233445566")
    typed = str(int.from_bytes(uid, "big")).zfill(17)
    assert normalise_uid(typed, fmt=UidFormat.DEC, order=ByteOrder.FORWARD) == uid


@pytest.mark.parametrize(
    ("typed", "fmt"), [("12AB", UidFormat.DEC), ("123", UidFormat.HEX), ("?2", UidFormat.DEC)]
)
def test_input_in_the_wrong_format_is_refused_without_echoing_it(typed, fmt):
    with pytest.raises(ValueError) as caught:
        normalise_uid(typed, fmt=fmt, order=ByteOrder.FORWARD)
    assert typed not in str(caught.value)


def test_a_missing_wedge_device_is_a_state_not_a_crash(reader, events, tmp_path):
    device = reader("wedge:///dev/input/by-id/usb-no-such-reader-event-kbd?retry_ms=50")
    assert device.wait_settled(5)
    assert device.state is ReaderState.NO_READER
    assert device.name == "wedge:usb-no-such-reader-event-kbd"
    assert events.events == []


def test_a_file_that_is_not_an_input_device_is_not_a_reader(reader, events):
    device = reader("wedge:///dev/null")
    assert device.wait_settled(5)
    assert device.state is ReaderState.NO_READER


@pytest.mark.parametrize(
    "uri",
    ["wedge://host/dev/input/x", "wedge:///tmp/x", "wedge:///dev/input/x?format=octal"],
)
def test_bad_wedge_uris_are_refused(reader, uri):
    with pytest.raises(UriError):
        reader(uri)
