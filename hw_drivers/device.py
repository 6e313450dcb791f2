"""The thread each device lives on (`dev:<name>`): every library call for it happens there.

A driver implements a few hooks (`_on_start`, `_poll`, `_wait_timeout`, `_on_stop`); other
threads only queue commands (`_call_soon`) and read immutable snapshots. Events leave through the
caller's sink, on this thread, as values.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar, Final, Self

from hw_drivers.events import DeviceEvent, EventSink
from hw_drivers.uri import DeviceUri

log = logging.getLogger(__name__)

POLL_ERROR_BACKOFF: Final = 1.0


class DeviceClosed(RuntimeError):
    """A command was given to a device that is already closed."""


@dataclass(frozen=True, slots=True)
class Usability:
    """Whether a driver can run on this machine, and if not, what to install or change."""

    ok: bool
    reason: str = ""


@dataclass(frozen=True, slots=True)
class _Command:
    run: Callable[[], None]
    cancel: Callable[[str], None] | None = None


_STOP: Final = object()


class Device:
    """Base of every driver: one URI, one thread, one event sink."""

    scheme: ClassVar[str] = ""
    option_names: ClassVar[tuple[str, ...]] = ()

    def __init__(self, uri: DeviceUri, *, emit: EventSink, name: str | None = None) -> None:
        uri.check_options(self.option_names)
        self.uri = uri
        self.name = name or self.default_name(uri)
        self._sink = emit
        self._commands: queue.SimpleQueue[_Command | object] = queue.SimpleQueue()
        self._stopping = threading.Event()
        self._settled = threading.Event()
        self._thread: threading.Thread | None = None
        self._closed = False
        self._queue_lock = threading.Lock()  # `closed` and the stop marker go in together

    @classmethod
    def usable(cls) -> Usability:
        """Whether this driver's libraries and OS facilities are present here."""
        return Usability(True)

    @classmethod
    def default_name(cls, uri: DeviceUri) -> str:
        return uri.text.split("?", 1)[0]

    # -- life cycle (any thread) ------------------------------------------------------------

    def start(self) -> Self:
        if self._thread is not None:
            raise RuntimeError(f"{self.name} is already started")
        self._thread = threading.Thread(target=self._run, name=f"dev:{self.name}", daemon=True)
        self._thread.start()
        return self

    def close(self, timeout: float = 5.0) -> None:
        """Stop the device thread; queued commands are cancelled (print jobs reported failed)."""
        with self._queue_lock:
            if self._closed:
                return
            self._closed = True
            self._stopping.set()
            self._commands.put(_STOP)
        if self._thread is None:  # never started: nothing will run what is queued
            self._cancel_pending(f"{self.name} was closed before it started")
        elif self._thread is not threading.current_thread():
            self._thread.join(timeout)
            if self._thread.is_alive():
                log.warning("device did not stop in time device=%s", self.name)

    def wait_settled(self, timeout: float) -> bool:
        """Wait until the device has looked at its hardware once (for `list` and doctors)."""
        return self._settled.wait(timeout)

    def __enter__(self) -> Self:
        if self._thread is None:
            self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- for drivers ------------------------------------------------------------------------

    def _call_soon(
        self, run: Callable[[], None], cancel: Callable[[str], None] | None = None
    ) -> None:
        """Queue `run` for the device thread; if it never runs, `cancel(reason)` is called."""
        with self._queue_lock:
            if self._closed:
                raise DeviceClosed(f"{self.name} is closed")
            self._commands.put(_Command(run, cancel))

    def _emit(self, event: DeviceEvent) -> None:
        try:
            self._sink(event)
        except Exception:  # a broken sink must not take the device down
            log.exception("event sink failed device=%s event=%s", self.name, type(event).__name__)

    def _mark_settled(self) -> None:
        self._settled.set()

    def _wait_timeout(self) -> float:
        """How long to wait for a command before the next `_poll` (0: poll at once)."""
        return 1.0

    def _on_start(self) -> None:
        """Open the device (on the device thread)."""

    def _poll(self) -> None:
        """Look at the hardware once; may block for a bounded time."""

    def _on_unusable(self, why: Usability) -> None:
        """Publish that this driver cannot run here."""

    def _on_stop(self) -> None:
        """Release the device (on the device thread)."""

    # -- the thread -------------------------------------------------------------------------

    def _run(self) -> None:
        why = self.usable()
        if not why.ok:
            log.warning("driver unusable device=%s reason=%s", self.name, why.reason)
            self._on_unusable(why)
            self._mark_settled()
            self._serve_commands_until_stop(f"{self.name} cannot run here: {why.reason}")
            return
        try:
            self._on_start()
            while not self._stopping.is_set():
                self._step()
        finally:
            self._cancel_pending(f"{self.name} was closed before this ran")
            try:
                self._on_stop()
            except Exception:
                log.exception("device did not close cleanly device=%s", self.name)
            self._mark_settled()

    def _step(self) -> None:
        timeout = self._wait_timeout()
        try:
            item = self._commands.get(timeout=timeout) if timeout > 0 else self._commands.get(False)
        except queue.Empty:
            item = None
        if item is _STOP:
            return
        if isinstance(item, _Command) and self._stopping.is_set():
            if item.cancel is not None:
                item.cancel(f"{self.name} was closed before this ran")
            return
        try:
            if isinstance(item, _Command):
                item.run()
            else:
                self._poll()
        except Exception:
            log.exception("device step failed device=%s", self.name)
            self._stopping.wait(POLL_ERROR_BACKOFF)

    def _serve_commands_until_stop(self, reason: str) -> None:
        while True:
            item = self._commands.get()
            if item is _STOP:
                return
            if isinstance(item, _Command) and item.cancel is not None:
                item.cancel(reason)

    def _cancel_pending(self, reason: str) -> None:
        while True:
            try:
                item = self._commands.get(False)
            except queue.Empty:
                return
            if isinstance(item, _Command) and item.cancel is not None:
                item.cancel(reason)
