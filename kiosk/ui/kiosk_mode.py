"""Kiosk behaviour in small pieces: idle timeout, burn-in care, cursor, shortcut lock, time limits.

None of them knows about screens; the composition root builds and wires the ones it wants.
Shortcuts that never reach the app are the compositor's job: the Wayland kiosk session (cage)
has no Alt+Tab or window menu and no VT switching (Ctrl+Alt+Fn) unless started with `-s`; under
X11, run without a window manager (or one with those bindings removed).
"""

from __future__ import annotations

import enum
import logging
import math
import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCursor, QGuiApplication, QInputDevice, QKeyEvent, QKeySequence, QPainter
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import isValid

log = logging.getLogger(__name__)

_T = QEvent.Type
#: What counts as a person at the screen. Card taps reach the journey through the engine, not
#: Qt: the journey calls `IdleWatcher.poke()` for those.
_POINTER = {_T.MouseButtonPress, _T.MouseButtonRelease, _T.MouseMove, _T.Wheel, _T.TabletPress}
INPUT_EVENTS = frozenset(_POINTER | {_T.TouchBegin, _T.TouchUpdate, _T.TouchEnd, _T.KeyPress})


class IdleWatcher(QObject):
    """Emits `warning` `warn_ms` before and `idle` after `timeout_ms` without input.

    After `idle` (or `warning`) the next input emits `active`. Paused for as long as any reason
    given to `pause` is not resumed: the journey pauses it for every payment step.
    """

    warning = Signal(int)  # ms left: show "Still there?" with a button that keeps the screen
    idle = Signal()
    active = Signal()

    def __init__(
        self,
        app: QCoreApplication,
        *,
        timeout_ms: int,
        warn_ms: int = 0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if not 0 <= warn_ms < timeout_ms:
            raise ValueError("need 0 <= warn_ms < timeout_ms")
        self._app = app
        self._timeout = timeout_ms
        self._warn = warn_ms
        self._last = time.monotonic()
        self._reasons: set[str] = set()
        self._alerted = False  # warned or idle since the last input
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._check)
        app.installEventFilter(self)
        self._arm(timeout_ms - warn_ms)

    @property
    def paused(self) -> bool:
        return bool(self._reasons)

    def pause(self, reason: str) -> None:
        """Never time out while `reason` holds (e.g. "payment"); idempotent per reason."""
        self._reasons.add(reason)
        self._timer.stop()

    def resume(self, reason: str) -> None:
        self._reasons.discard(reason)
        if not self._reasons:
            self.poke()

    def poke(self) -> None:
        """Input Qt does not see (a card tap) or a screen change that should restart the clock."""
        self._last = time.monotonic()
        if self._alerted:
            self._alerted = False
            self.active.emit()
        if not self._reasons and not self._timer.isActive():
            self._arm(self._timeout - self._warn)

    def stop(self) -> None:
        self._app.removeEventFilter(self)
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Called for every event of the app: keep it to a set lookup and a clock read.
        if event.type() in INPUT_EVENTS:
            self.poke()
        return False

    def _arm(self, ms: float) -> None:
        self._timer.start(max(1, math.ceil(ms)))

    def _check(self) -> None:
        if self._reasons:
            return
        quiet_ms = (time.monotonic() - self._last) * 1000
        warn_at = self._timeout - self._warn
        if self._warn and not self._alerted and quiet_ms >= warn_at:
            self._alerted = True
            self.warning.emit(round(self._timeout - quiet_ms))
        due = warn_at if self._warn and not self._alerted else self._timeout
        if quiet_ms < due:
            self._arm(due - quiet_ms)
        else:
            self._alerted = True  # stays idle, no repeat, until the next input
            self.idle.emit()


def orbit(radius: int) -> tuple[tuple[int, int], ...]:
    """A closed walk over every offset in [0, radius]², one pixel per step, back to the start."""
    forth = [
        (x if y % 2 == 0 else radius - x, y) for y in range(radius + 1) for x in range(radius + 1)
    ]
    return tuple(forth + forth[-2:0:-1])


class PixelShifter(QObject):
    """Burn-in care: moves the window's content one pixel every `interval_ms` along `orbit`.

    The window keeps its size; its contents margins walk within `radius` px, far too slowly and
    too little for a driver to notice, enough that static edges do not stay on the same pixels.
    """

    def __init__(self, window: QWidget, *, radius: int = 4, interval_ms: int = 180_000) -> None:
        super().__init__(window)
        self._window = window
        self._radius = radius
        self._path = orbit(radius)
        self._step = 0
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.shift)
        self._timer.start(interval_ms)
        self._apply()

    def shift(self) -> None:
        self._step = (self._step + 1) % len(self._path)
        self._apply()

    def stop(self) -> None:
        self._timer.stop()

    def _apply(self) -> None:
        dx, dy = self._path[self._step]
        self._window.setContentsMargins(dx, dy, self._radius - dx, self._radius - dy)


_WAKE = frozenset({_T.MouseButtonPress, _T.TouchBegin, _T.KeyPress})


class Screensaver(QWidget):
    """A dark veil over the whole window after long idle; the first touch only lifts it.

    Wire it to a second, longer IdleWatcher: `long_idle.idle.connect(saver.dim)`. The touch
    that wakes the screen is swallowed, so it never presses the button underneath.
    """

    woken = Signal()

    def __init__(self, window: QWidget, *, opacity: float = 0.85) -> None:
        super().__init__(window)
        self._window = window
        self._opacity = opacity
        self._focus_before: QWidget | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.hide()
        window.installEventFilter(self)

    def dim(self) -> None:
        self.setGeometry(self._window.rect())
        if not self.isVisible():
            self._focus_before = QApplication.focusWidget()
        self.show()
        self.raise_()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def wake(self) -> None:
        if self.isVisible():
            self.hide()
            if self._focus_before is not None and isValid(self._focus_before):
                self._focus_before.setFocus(Qt.FocusReason.OtherFocusReason)
            self._focus_before = None
            self.woken.emit()

    def event(self, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS:  # nothing under the veil sees the touch that lifts it
            if event.type() in _WAKE:
                self.wake()
            event.accept()
            return True
        return super().event(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == _T.Resize and watched is self._window:
            self.setGeometry(self._window.rect())
        return False

    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        painter.setOpacity(self._opacity)
        painter.fillRect(self.rect(), Qt.GlobalColor.black)
        painter.end()


class CursorMode(enum.Enum):
    """The `ui.cursor` setting: hide on touch screens (auto), always, or never."""

    AUTO = "auto"
    HIDDEN = "hidden"
    SHOWN = "shown"


def apply_cursor_mode(mode: CursorMode) -> bool:
    """Hide or show the mouse cursor app-wide; returns whether it is now hidden."""
    touch = QInputDevice.DeviceType.TouchScreen
    on_touch = any(device.type() == touch for device in QInputDevice.devices())
    hide = mode is CursorMode.HIDDEN or (mode is CursorMode.AUTO and on_touch)
    blank = Qt.CursorShape.BlankCursor

    def hidden() -> bool:
        cursor = QGuiApplication.overrideCursor()
        return cursor is not None and cursor.shape() == blank

    if hide and not hidden():
        QGuiApplication.setOverrideCursor(QCursor(blank))
    while not hide and hidden():
        QGuiApplication.restoreOverrideCursor()
    return hide


_M = Qt.KeyboardModifier
_K = Qt.Key
#: Keys that close or leave a window in Qt apps and desktops, as (modifiers, key).
ESCAPE_SHORTCUTS: frozenset[tuple[_M, _K]] = frozenset(
    {
        (_M.AltModifier, _K.Key_F4),
        (_M.ControlModifier, _K.Key_F4),
        (_M.ControlModifier, _K.Key_Q),
        (_M.ControlModifier, _K.Key_W),
        (_M.AltModifier, _K.Key_Space),  # window menu
        (_M.NoModifier, _K.Key_Escape),  # dialogs close on Escape
    }
)
_RELEVANT = _M.ShiftModifier | _M.ControlModifier | _M.AltModifier | _M.MetaModifier


class KioskGuard(QObject):
    """Full-screen kiosk lock: escape shortcuts do nothing, and the window refuses to close.

    A window manager's close (Alt+F4 under X11 arrives as a close request) is refused too. The
    app's own shutdown still works: `QApplication.quit()` is let through, and `release()` lifts
    the lock for anything else (tests, an attendant's "exit kiosk").
    """

    blocked = Signal(str)  # what was refused, for the log and tests

    def __init__(
        self,
        app: QCoreApplication,
        window: QWidget,
        *,
        shortcuts: frozenset[tuple[_M, _K]] = ESCAPE_SHORTCUTS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._app = app
        self._window = window
        self._shortcuts = {(mods.value, key.value) for mods, key in shortcuts}
        self._quitting = False
        app.installEventFilter(self)

    def release(self) -> None:
        self._app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if isinstance(event, QKeyEvent):  # KeyPress, KeyRelease, ShortcutOverride
            combo = ((event.modifiers() & _RELEVANT).value, event.key())
            if combo in self._shortcuts:
                # Accepting the override keeps QShortcut/QAction from firing; then the key
                # itself is eaten before any widget (a dialog's Escape) sees it.
                event.accept()
                if kind == _T.KeyPress:
                    self.blocked.emit(QKeySequence(event.keyCombination()).toString())
                return True
        elif kind == _T.Quit and watched is self._app:
            self._quitting = True  # the app's own quit(): let its windows close
            QTimer.singleShot(0, self._quit_done)
        elif kind == _T.Close and watched is self._window and not self._quitting:
            event.ignore()
            self.blocked.emit("close")
            log.info("kiosk: refused to close the window")
            return True
        return False

    def _quit_done(self) -> None:
        self._quitting = False


class TimeLimit(QObject):
    """A countdown that can always be extended (WCAG 2.2.1): "Tap your card — 0:45 · More time".

    `warning` comes once `warn_seconds` (at least 20) before the end; `more_time()` adds
    `more_seconds` however often the driver asks. `unit_ms` is the length of a second (tests
    shrink it).
    """

    tick = Signal(int)  # whole seconds left, each time it changes
    warning = Signal(int)
    expired = Signal()

    MIN_WARNING = 20

    def __init__(
        self,
        *,
        seconds: int,
        more_seconds: int | None = None,
        warn_seconds: int = MIN_WARNING,
        unit_ms: int = 1000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if warn_seconds < self.MIN_WARNING:
            raise ValueError(f"a driver needs at least {self.MIN_WARNING} s of warning")
        if seconds <= warn_seconds:
            raise ValueError("seconds must be longer than the warning")
        if more_seconds is not None and more_seconds < self.MIN_WARNING:
            raise ValueError(f"more time must be at least {self.MIN_WARNING} s to be of use")
        self._total = seconds
        self._more = more_seconds or seconds
        self._warn = warn_seconds
        self._unit = unit_ms
        self._deadline = 0.0
        self._shown = -1
        self._warned = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._update)

    @property
    def running(self) -> bool:
        return self._deadline > 0

    @property
    def remaining(self) -> int:
        """Whole seconds left (rounded up), 0 when not running."""
        if not self.running:
            return 0
        return max(0, math.ceil(self._left_ms() / self._unit))

    def start(self) -> None:
        self._deadline = time.monotonic() + self._total * self._unit / 1000
        self._warned = False
        self._shown = -1
        self._update()

    def stop(self) -> None:
        self._deadline = 0.0
        self._timer.stop()

    def more_time(self) -> bool:
        """The driver asked for more time; False if the countdown is not running."""
        if not self.running:
            return False
        self._deadline += self._more * self._unit / 1000
        self._warned = self.remaining <= self._warn
        self._update()
        return True

    def _left_ms(self) -> float:
        return (self._deadline - time.monotonic()) * 1000

    def _update(self) -> None:
        if not self.running:
            return
        left_ms = self._left_ms()
        seconds = max(0, math.ceil(left_ms / self._unit))
        if seconds != self._shown:
            self._shown = seconds
            self.tick.emit(seconds)
        if left_ms <= 0:
            self.stop()
            self.expired.emit()
            return
        if seconds <= self._warn and not self._warned:
            self._warned = True
            self.warning.emit(seconds)
        # Wake at the next whole-second boundary so the display never skips a number.
        self._timer.start(max(1, math.ceil(left_ms - (seconds - 1) * self._unit)))
