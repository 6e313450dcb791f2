"""The kiosk's end of the MQTT socket process (`wire.py`): start it, talk to it, restart it.

One reader thread (`mqtt-wire`) receives what the socket process saw, in order, and hands each
item to the link's callbacks; any thread may publish. If the process dies, the reader notices
(end of file), tells the link the broker is down, and starts a new one with backoff: the broker
kept the persistent session, so readings published meanwhile arrive afterwards.
"""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from kiosk.adapters.mqtt.wire import WireSpec

log = logging.getLogger("kiosk.mqtt")

_ROOT = Path(__file__).resolve().parents[3]  # the folder holding the `kiosk` package
RESTART_DELAYS_S = (0.5, 1, 2, 5, 10, 30)
# `-c`, not `-m`: run as `__main__` the module would be a second copy of itself, whose WireSpec
# is not the class the kiosk pickles.
_ENTRY = "import sys; from kiosk.adapters.mqtt.wire import main; sys.exit(main())"


@dataclass(frozen=True, slots=True)
class WireCallbacks:
    """What the link wants to hear, called on the reader thread."""

    message: Callable[[str, bytes], None]
    up: Callable[[], None]
    down: Callable[[str], None]
    acked: Callable[[int], None]


class WireProcess:
    def __init__(self, spec: WireSpec, callbacks: WireCallbacks) -> None:
        self._spec = spec
        self._on = callbacks
        self._send_lock = threading.Lock()
        self._stopping = threading.Event()
        self._proc: subprocess.Popen[bytes] | None = None
        self._conn: Connection | None = None
        self._reader: threading.Thread | None = None

    # --- lifecycle ---------------------------------------------------------------------------

    def start(self) -> None:
        self._spawn()
        self._reader = threading.Thread(target=self._read_loop, name="mqtt-wire", daemon=True)
        self._reader.start()

    def stop(self, timeout: float = 6.0) -> None:
        """Publish the kiosk's offline status, disconnect cleanly and end the process."""
        self._stopping.set()
        self._send(("stop",))
        if self._reader is not None:
            self._reader.join(timeout)
        self._reap(timeout=2.0)

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    def _spawn(self) -> None:
        ours, theirs = socket.socketpair()
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(_ROOT), env.get("PYTHONPATH", "")) if p)
        fd = theirs.fileno()
        self._proc = subprocess.Popen(
            [sys.executable, "-c", _ENTRY, str(fd)],
            pass_fds=(fd,),
            env=env,
            stdin=subprocess.DEVNULL,
        )
        theirs.close()
        conn = Connection(ours.detach())
        conn.send(self._spec)  # over the pipe, never argv or environment: it holds the password
        with self._send_lock:
            self._conn = conn

    def _reap(self, timeout: float) -> None:
        proc = self._proc
        if proc is None:
            return
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            log.error("MQTT socket process pid=%s did not stop; killing it", proc.pid)
            proc.kill()
            proc.wait()
        with self._send_lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    # --- both directions -----------------------------------------------------------------------

    def publish(self, topic: str, payload: bytes, *, retain: bool, token: int | None) -> bool:
        """Queue a QoS 1 publish; `token` asks for an `acked(token)` on the broker's PUBACK.
        False if the socket process is not there (it is being restarted)."""
        return self._send(("pub", token, topic, payload, retain))

    def _send(self, item: tuple[Any, ...]) -> bool:
        with self._send_lock:
            if self._conn is None:
                return False
            try:
                self._conn.send(item)
            except OSError:
                return False
        return True

    def _read_loop(self) -> None:
        restarts = 0
        while True:
            conn = self._conn
            stopped = conn is not None and self._pump(conn)
            if stopped or self._stopping.is_set():
                return
            code = self._proc.poll() if self._proc is not None else None
            log.error("MQTT socket process ended unexpectedly (exit code %s); restarting", code)
            self._on.down("socket process ended")
            self._reap(timeout=1.0)
            delay = RESTART_DELAYS_S[min(restarts, len(RESTART_DELAYS_S) - 1)]
            if self._stopping.wait(delay):
                return
            restarts += 1
            try:
                self._spawn()
            except OSError:
                log.exception("MQTT socket process could not be started")

    def _pump(self, conn: Connection) -> bool:
        """Hand over everything the process sends; True once it said it stopped."""
        on = self._on
        while True:
            try:
                items = conn.recv()
            except (EOFError, OSError):
                return False
            for item in items:
                kind = item[0]
                if kind == "msg":
                    try:
                        on.message(item[1], item[2])
                    except Exception:  # one bad message must never stop the link
                        log.exception("message handler failed on %s", item[1])
                elif kind == "ack":
                    on.acked(item[1])
                elif kind == "up":
                    on.up()
                elif kind == "down":
                    log.warning("disconnected from broker: %s (reconnecting)", item[1])
                    on.down(item[1])
                elif kind == "log":
                    log.log(item[1], "%s", item[2])
                elif kind == "stopped":
                    return True
