"""Test printers that behave like real ESC/POS printers on the wire: a TCP one on loopback and a
serial one on a pseudo-terminal. Both keep every byte and answer `DLE EOT n` the way Epson's
manual says (bit 1 and 4 always set; n=1 bit 3 off line; n=2 bit 2 cover, bit 5 paper-end stop;
n=4 bits 2-3 near end, bits 5-6 paper out). The answers are written here from the manual, not
taken from the driver, so the driver's decoding is checked against an independent reading.
"""

from __future__ import annotations

import os
import select
import socket
import threading
import tty
from contextlib import suppress
from dataclasses import dataclass

DLE, EOT = 0x10, 0x04


@dataclass
class Condition:
    """What the printer will say about itself."""

    paper: str = "ok"  # ok | near_end | out
    cover_open: bool = False
    offline: bool = False
    silent: bool = False  # answers nothing (a printer without real-time status)
    paper_lasts: int | None = None  # bytes of data it prints before the paper runs out


class Mechanism:
    """Bytes in, answers out; `data` is everything but the real-time status requests."""

    def __init__(self) -> None:
        self.condition = Condition()
        self.raw = bytearray()
        self.data = bytearray()
        self.status_requests = 0
        self._pending = b""
        self._cond = threading.Condition()

    def feed(self, chunk: bytes) -> bytes:
        answers = bytearray()
        with self._cond:
            self.raw += chunk
            buffer = self._pending + chunk
            index = 0
            while index < len(buffer):
                if buffer[index] == DLE:
                    if len(buffer) - index < 3:
                        break  # wait for the rest of a possible DLE EOT n
                    if buffer[index + 1] == EOT and buffer[index + 2] in (1, 2, 3, 4):
                        self.status_requests += 1
                        if not self.condition.silent:
                            answers.append(self._answer(buffer[index + 2]))
                        index += 3
                        continue
                self.data.append(buffer[index])
                index += 1
                lasts = self.condition.paper_lasts
                if lasts is not None and len(self.data) >= lasts:
                    self.condition.paper = "out"
            self._pending = buffer[index:]
            self._cond.notify_all()
        return bytes(answers)

    def _answer(self, n: int) -> int:
        c = self.condition
        out = c.paper == "out"
        value = 0x12
        if n == 1 and (c.offline or out or c.cover_open):
            value |= 0x08
        if n == 2:
            value |= (0x04 if c.cover_open else 0) | (0x20 if out else 0)
        if n == 4:
            value |= (0x0C if c.paper in ("near_end", "out") else 0) | (0x60 if out else 0)
        return value

    def wait_data(self, size: int, timeout: float = 10.0) -> bytes:
        with self._cond:
            if not self._cond.wait_for(lambda: len(self.data) >= size, timeout):
                raise AssertionError(f"printer got {len(self.data)} of {size} bytes")
            return bytes(self.data)

    def wait_requests(self, count: int, timeout: float = 10.0) -> None:
        with self._cond:
            if not self._cond.wait_for(lambda: self.status_requests >= count, timeout):
                raise AssertionError(f"printer got {self.status_requests} status requests")


class LoopbackPrinter(Mechanism):
    """A network printer on 127.0.0.1:<free port>, one connection at a time like the real ones."""

    def __init__(self) -> None:
        super().__init__()
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._server.getsockname()[1])
        self.connections = 0
        self._clients: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, name="loopback-printer", daemon=True)
        self._thread.start()

    @property
    def uri(self) -> str:
        return f"escpos+tcp://127.0.0.1:{self.port}"

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            self.connections += 1
            self._clients.append(client)
            self._serve(client)

    def _serve(self, client: socket.socket) -> None:
        with client:
            while True:
                try:
                    chunk = client.recv(65536)
                except OSError:
                    return
                if not chunk:
                    return
                answer = self.feed(chunk)
                if answer:
                    client.sendall(answer)

    def drop_connections(self) -> None:
        """The network cable is pulled for a moment: open connections die."""
        for client in self._clients:
            with suppress(OSError):
                client.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        with suppress(OSError):  # shutdown wakes the accept() above; close alone does not
            self._server.shutdown(socket.SHUT_RDWR)
        self._server.close()
        self.drop_connections()
        self._thread.join(5)


class PtyPrinter(Mechanism):
    """A serial printer: the driver opens the pseudo-terminal's device, we sit on the master."""

    def __init__(self) -> None:
        super().__init__()
        self._master, slave = os.openpty()
        tty.setraw(self._master)
        tty.setraw(slave)
        self.path = os.ttyname(slave)
        self._slave = slave  # kept open so the line does not hang up between driver opens
        self._wake_r, self._wake_w = os.pipe()
        self._thread = threading.Thread(target=self._serve, name="pty-printer", daemon=True)
        self._thread.start()

    @property
    def uri(self) -> str:
        return f"escpos+serial://{self.path}?baudrate=19200"

    def _serve(self) -> None:
        while True:
            readable, _, _ = select.select([self._master, self._wake_r], [], [])
            if self._wake_r in readable:
                return
            try:
                chunk = os.read(self._master, 65536)
            except OSError:
                return
            answer = self.feed(chunk)
            if answer:
                os.write(self._master, answer)

    def close(self) -> None:
        os.write(self._wake_w, b"x")
        self._thread.join(5)
        for fd in (self._slave, self._master, self._wake_r, self._wake_w):
            os.close(fd)
