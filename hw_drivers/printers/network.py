"""ESC/POS printers on the network (`escpos+tcp://host:9100`): raw TCP, status on one socket."""

from __future__ import annotations

import socket
import time

from hw_drivers.events import EventSink
from hw_drivers.printers.escpos import EscposPrinter
from hw_drivers.printers.transport import Transport
from hw_drivers.uri import DeviceUri

DEFAULT_PORT = 9100


class TcpTransport:
    """One TCP connection, kept open between jobs and re-made after any error."""

    reads_status = True

    def __init__(self, host: str, port: int, *, timeout: float) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self._sock: socket.socket | None = None

    def open(self) -> None:
        self.close()
        sock = socket.create_connection((self.host, self.port), timeout=self.timeout)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._sock = sock

    def write(self, data: bytes) -> None:
        self._connected().sendall(data)

    def query(self, request: bytes, answer_len: int, timeout: float) -> bytes:
        sock = self._connected()
        self._drain(sock)
        sock.sendall(request)
        answer = b""
        deadline = time.monotonic() + timeout
        try:
            while len(answer) < answer_len:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                sock.settimeout(remaining)
                try:
                    chunk = sock.recv(answer_len - len(answer))
                except TimeoutError:
                    break
                if not chunk:
                    raise ConnectionResetError("the printer closed the connection")
                answer += chunk
        finally:
            sock.settimeout(self.timeout)
        return answer

    def close(self) -> None:
        if self._sock is not None:
            sock, self._sock = self._sock, None
            sock.close()

    def _connected(self) -> socket.socket:
        if self._sock is None:
            raise ConnectionError("not connected")
        return self._sock

    def _drain(self, sock: socket.socket) -> None:
        # Answers that arrived late (or stray bytes) must not be read as this query's answer.
        sock.setblocking(False)
        try:
            while True:
                try:
                    chunk = sock.recv(4096)
                except BlockingIOError:
                    return
                if not chunk:
                    raise ConnectionResetError("the printer closed the connection")
        finally:
            sock.settimeout(self.timeout)


class TcpPrinter(EscposPrinter, scheme="escpos+tcp"):
    """`escpos+tcp://host[:port]?paper=58|80&profile=…&timeout_s=…&poll_s=…`"""

    option_names = (*EscposPrinter.option_names, "timeout_s")

    def __init__(self, uri: DeviceUri, *, emit: EventSink, name: str | None = None) -> None:
        super().__init__(uri, emit=emit, name=name)
        self.host, self.port = uri.host_port(DEFAULT_PORT)
        self.timeout = uri.float_option("timeout_s", 3.0, minimum=0.01)

    def _make_transport(self) -> Transport:
        return TcpTransport(self.host, self.port, timeout=self.timeout)
