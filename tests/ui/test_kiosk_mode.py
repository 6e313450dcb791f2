"""The kiosk looks after itself: idle timeout, burn-in care, no escape, time to finish."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow, QPushButton, QWidget

from kiosk.ui.kiosk_mode import (
    CursorMode,
    IdleWatcher,
    KioskGuard,
    PixelShifter,
    Screensaver,
    TimeLimit,
    apply_cursor_mode,
    orbit,
)
from tests.conftest import REPO


@pytest.fixture
def screen(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.resize(200, 200)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def watcher_factory(qapp):
    made: list[IdleWatcher] = []

    def make(**kw: int) -> IdleWatcher:
        made.append(IdleWatcher(qapp, **kw))
        return made[-1]

    yield make
    for w in made:
        w.stop()


def test_idle_fires_after_a_quiet_spell_and_not_before(qtbot, watcher_factory):
    started = time.monotonic()
    watcher = watcher_factory(timeout_ms=150)
    with qtbot.waitSignal(watcher.idle, timeout=3000):
        pass
    assert time.monotonic() - started >= 0.14


def test_touches_and_keys_keep_the_screen_awake(qtbot, watcher_factory, screen):
    watcher = watcher_factory(timeout_ms=250)
    device = QTest.createTouchDevice()
    last_input = [time.monotonic()]
    presses = iter(range(8))

    def press() -> None:
        n = next(presses, None)
        if n is None:
            keep_busy.stop()
            return
        if n % 3 == 0:
            QTest.touchEvent(screen, device).press(0, QPoint(5, 5)).commit()
            QTest.touchEvent(screen, device).release(0, QPoint(5, 5)).commit()
        elif n % 3 == 1:
            qtbot.mouseClick(screen, Qt.MouseButton.LeftButton)
        else:
            qtbot.keyClick(screen, Qt.Key.Key_Space)
        last_input[0] = time.monotonic()

    keep_busy = QTimer()
    keep_busy.timeout.connect(press)
    with qtbot.assertNotEmitted(watcher.idle, wait=500):
        keep_busy.start(60)  # 8 inputs, 60 ms apart: never 250 ms of quiet
    with qtbot.waitSignal(watcher.idle, timeout=3000):
        pass
    assert time.monotonic() - last_input[0] >= 0.24


def test_no_timeout_while_paying_even_after_long_quiet(qtbot, watcher_factory):
    watcher = watcher_factory(timeout_ms=80)
    watcher.pause("payment")
    watcher.pause("printing")
    with qtbot.assertNotEmitted(watcher.idle, wait=400):
        watcher.resume("printing")  # still paying: still no timeout
    assert watcher.paused
    with qtbot.waitSignal(watcher.idle, timeout=3000):
        watcher.resume("payment")


def test_a_warning_comes_first_and_a_touch_cancels_it(qtbot, watcher_factory, screen):
    watcher = watcher_factory(timeout_ms=300, warn_ms=200)
    with qtbot.waitSignal(watcher.warning, timeout=3000) as warned:
        pass
    assert 0 < warned.args[0] <= 200
    with qtbot.waitSignal(watcher.active, timeout=1000):
        qtbot.mouseClick(screen, Qt.MouseButton.LeftButton)
    with qtbot.waitSignals([watcher.warning, watcher.idle], order="strict", timeout=3000):
        pass


def test_a_card_tap_seen_by_the_engine_counts_as_activity(qtbot, watcher_factory):
    watcher = watcher_factory(timeout_ms=150)
    with qtbot.waitSignal(watcher.idle, timeout=3000):
        pass
    with qtbot.waitSignal(watcher.active, timeout=1000):
        watcher.poke()
    with qtbot.waitSignal(watcher.idle, timeout=3000):
        pass


def test_the_orbit_visits_every_offset_one_pixel_at_a_time():
    path = orbit(3)
    assert set(path) == {(x, y) for x in range(4) for y in range(4)}
    steps = zip(path, path[1:] + path[:1], strict=True)
    assert all(abs(ax - bx) + abs(ay - by) == 1 for (ax, ay), (bx, by) in steps)


def test_the_window_content_drifts_slowly_within_a_few_pixels(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    content = QLabel("Bay 1")
    window.setCentralWidget(content)
    window.resize(400, 300)
    shifter = PixelShifter(window, radius=2, interval_ms=20)
    window.show()
    qtbot.waitExposed(window)
    start = content.geometry()
    seen = set()

    def moved() -> bool:
        seen.add((content.x() - start.x(), content.y() - start.y()))
        assert content.size() == start.size()
        return len(seen) >= 5

    qtbot.waitUntil(moved, timeout=5000)
    assert all(0 <= dx <= 2 and 0 <= dy <= 2 for dx, dy in seen)
    shifter.stop()


def test_the_screensaver_dims_after_long_idle_and_the_waking_touch_presses_nothing(
    qtbot, watcher_factory
):
    window = QWidget()
    qtbot.addWidget(window)
    button = QPushButton("Stop charging", window)
    button.setGeometry(20, 20, 200, 80)
    window.resize(400, 300)
    window.show()
    qtbot.waitExposed(window)
    saver = Screensaver(window)
    long_idle = watcher_factory(timeout_ms=100)
    long_idle.idle.connect(saver.dim)
    qtbot.waitUntil(saver.isVisible, timeout=3000)
    assert saver.geometry() == window.rect()
    centre = button.geometry().center()
    veil = window.childAt(centre)
    assert veil is saver  # the veil is on top of the button: a touch lands on it
    with qtbot.assertNotEmitted(button.clicked), qtbot.waitSignal(saver.woken):
        qtbot.mouseClick(veil, Qt.MouseButton.LeftButton, pos=saver.mapFrom(window, centre))
    assert not saver.isVisible()
    assert window.childAt(centre) is button
    with qtbot.waitSignal(button.clicked):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_cursor_hides_on_touch_kiosks_and_comes_back():
    try:
        assert apply_cursor_mode(CursorMode.HIDDEN)
        assert apply_cursor_mode(CursorMode.HIDDEN)  # twice: still one override to undo
        assert QGuiApplication.overrideCursor().shape() == Qt.CursorShape.BlankCursor
        assert not apply_cursor_mode(CursorMode.SHOWN)
        assert QGuiApplication.overrideCursor() is None
        QTest.createTouchDevice()  # a touch screen is plugged in
        assert apply_cursor_mode(CursorMode.AUTO)
    finally:
        while QGuiApplication.overrideCursor() is not None:
            QGuiApplication.restoreOverrideCursor()


@pytest.fixture
def kiosk_window(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    window.setCentralWidget(QLabel("Choose a free bay"))
    window.resize(640, 400)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window


ESCAPES = [
    (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
]


def _bind(window: QMainWindow, key: Qt.Key, mods: Qt.KeyboardModifier) -> list[str]:
    """An app that binds the key to closing, as many do: a QShortcut and a QAction."""
    fired: list[str] = []
    sequence = QKeySequence(mods.value | key.value)
    shortcut = QShortcut(sequence, window)
    shortcut.activated.connect(lambda: fired.append("shortcut"))
    return fired


@pytest.mark.parametrize(("key", "mods"), ESCAPES)
def test_escape_shortcuts_work_in_a_normal_window(qtbot, kiosk_window, key, mods):
    fired = _bind(kiosk_window, key, mods)
    qtbot.keyClick(kiosk_window, key, mods)
    assert fired == ["shortcut"]  # the test really reaches Qt's shortcut machinery


@pytest.mark.parametrize(("key", "mods"), ESCAPES)
def test_escape_shortcuts_do_nothing_in_kiosk_mode(qtbot, qapp, kiosk_window, key, mods):
    fired = _bind(kiosk_window, key, mods)
    action = QAction("Quit", kiosk_window, shortcut=QKeySequence(mods.value | key.value))
    kiosk_window.addAction(action)
    action.triggered.connect(lambda: fired.append("action"))
    guard = KioskGuard(qapp, kiosk_window)
    try:
        with qtbot.waitSignal(guard.blocked) as blocked:
            qtbot.keyClick(kiosk_window, key, mods)
        assert fired == []
        assert blocked.args[0] == QKeySequence(mods.value | key.value).toString()
        assert kiosk_window.isVisible()
    finally:
        guard.release()


def test_escape_does_not_close_a_dialog_in_kiosk_mode(qtbot, qapp, kiosk_window):
    dialog = QDialog(kiosk_window)
    dialog.show()
    qtbot.waitExposed(dialog)
    guard = KioskGuard(qapp, kiosk_window)
    try:
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert dialog.isVisible()
    finally:
        guard.release()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_close_request_is_refused_until_the_lock_is_released(qtbot, qapp, kiosk_window):
    guard = KioskGuard(qapp, kiosk_window)
    with qtbot.waitSignal(guard.blocked) as blocked:
        assert not kiosk_window.close()  # what the window manager's Alt+F4 asks for
    assert blocked.args == ["close"]
    assert kiosk_window.isVisible()
    guard.release()
    assert kiosk_window.close()


QUIT_SCRIPT = """
import os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
from kiosk.ui.kiosk_mode import KioskGuard
app = QApplication([])
window = QMainWindow()
window.showFullScreen()
guard = KioskGuard(app, window)
guard.blocked.connect(lambda what: print("blocked", what))
QTimer.singleShot(50, window.close)        # a user's close: refused
QTimer.singleShot(100, app.quit)           # the app's own shutdown (SIGTERM): allowed
QTimer.singleShot(5000, lambda: app.exit(3))
print("exit", app.exec())
"""


def test_the_apps_own_quit_still_shuts_a_locked_kiosk_down():
    done = subprocess.run(
        [sys.executable, "-c", QUIT_SCRIPT],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-1000:]
    assert done.stdout.split("\n")[:2] == ["blocked close", "exit 0"]


def test_a_countdown_ticks_down_warns_and_expires(qtbot):
    limit = TimeLimit(seconds=25, unit_ms=10)
    ticks: list[int] = []
    warnings: list[int] = []
    limit.tick.connect(ticks.append)
    limit.warning.connect(warnings.append)
    with qtbot.waitSignals([limit.warning, limit.expired], order="strict", timeout=5000):
        limit.start()
    assert ticks[0] == 25 and ticks[-1] == 0
    assert ticks == sorted(ticks, reverse=True) and len(set(ticks)) == len(ticks)
    assert warnings == [20] or (len(warnings) == 1 and warnings[0] < 20)  # a busy loop may skip
    assert not limit.running and limit.remaining == 0


def test_a_driver_can_always_ask_for_more_time(qtbot):
    limit = TimeLimit(seconds=30, more_seconds=20, unit_ms=5)
    warnings: list[int] = []
    limit.warning.connect(warnings.append)
    limit.start()
    for _ in range(12):  # WCAG 2.2.1 asks for at least ten extensions
        with qtbot.waitSignal(limit.warning, timeout=5000):
            pass
        assert limit.more_time()
        assert limit.remaining > 20
    with qtbot.waitSignal(limit.expired, timeout=5000):
        pass
    assert len(warnings) == 13
    assert not limit.more_time()  # nothing left to extend once it has run out


def test_a_time_limit_without_fair_warning_is_refused():
    with pytest.raises(ValueError, match="20 s"):
        TimeLimit(seconds=60, warn_seconds=5)
    with pytest.raises(ValueError):
        TimeLimit(seconds=20)
    with pytest.raises(ValueError, match="more time"):
        TimeLimit(seconds=60, more_seconds=5)
