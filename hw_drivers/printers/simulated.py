"""A simulated receipt printer (`simulated://`): keeps what it printed, runs out of paper on cue.

It is the ESC/POS driver with an in-memory mechanism instead of a connection, so jobs, ids,
status events and failures behave exactly as with a real printer. The demo and tests steer the
mechanism from any thread (`run_out_of_paper()`, `open_cover()`, `go_offline()`, …).
`?paper_lines=N` makes the roll run out by itself after N printed lines.
"""

from __future__ import annotations

import threading

from hw_drivers.events import EventSink
from hw_drivers.printers import status as dle_eot
from hw_drivers.printers.escpos import EscposPrinter
from hw_drivers.printers.transport import Transport
from hw_drivers.states import PrinterStatus
from hw_drivers.uri import DeviceUri

NEAR_END_LINES = 40


class PaperRoll:
    """The simulated mechanism; its lock stands for the hardware, not for business state."""

    def __init__(self, *, paper_lines: int | None = None) -> None:
        self._lock = threading.Lock()
        self._printed = bytearray()
        self._lost = bytearray()
        self._lines_left = paper_lines
        self._cover_open = False
        self._online = True

    # -- controls (any thread) ------------------------------------------------------------

    def run_out_of_paper(self) -> None:
        with self._lock:
            self._lines_left = 0

    def load_paper(self, lines: int | None = None) -> None:
        with self._lock:
            self._lines_left = lines

    def open_cover(self) -> None:
        with self._lock:
            self._cover_open = True

    def close_cover(self) -> None:
        with self._lock:
            self._cover_open = False

    def go_offline(self) -> None:
        with self._lock:
            self._online = False

    def go_online(self) -> None:
        with self._lock:
            self._online = True

    @property
    def printed(self) -> bytes:
        """Every byte that reached the paper, in order."""
        with self._lock:
            return bytes(self._printed)

    @property
    def lost(self) -> bytes:
        """Bytes that arrived while the printer could not print."""
        with self._lock:
            return bytes(self._lost)

    def status(self) -> PrinterStatus:
        with self._lock:
            return self._status()

    # -- the mechanism (device thread) ---------------------------------------------------

    def receive(self, data: bytes) -> None:
        with self._lock:
            for index, byte in enumerate(data):
                if not self._status().state.can_print:
                    self._lost += data[index:]
                    return
                self._printed.append(byte)
                if byte == 0x0A and self._lines_left is not None:
                    self._lines_left = max(self._lines_left - 1, 0)

    def answer(self, request: bytes) -> bytes:
        answers = dle_eot.encode(self.status())
        out = bytearray()
        for index in range(len(request) - 2):
            if request[index : index + 2] == dle_eot.DLE_EOT and request[index + 2] in answers:
                out.append(answers[request[index + 2]])
        return bytes(out)

    def _status(self) -> PrinterStatus:
        left = self._lines_left
        return PrinterStatus(
            known=True,
            online=self._online,
            cover_open=self._cover_open,
            paper_near_end=left is not None and left <= NEAR_END_LINES,
            paper_out=left == 0,
        )


class _RollTransport:
    reads_status = True

    def __init__(self, roll: PaperRoll) -> None:
        self._roll = roll

    def open(self) -> None:
        pass

    def write(self, data: bytes) -> None:
        self._roll.receive(data)

    def query(self, request: bytes, answer_len: int, timeout: float) -> bytes:
        return self._roll.answer(request)[:answer_len]

    def close(self) -> None:
        pass


class SimulatedPrinter(EscposPrinter, scheme="simulated"):
    """`simulated://[name]?paper=58|80&paper_lines=N`: the ESC/POS driver on a `PaperRoll`."""

    option_names = (*EscposPrinter.option_names, "paper_lines")

    def __init__(self, uri: DeviceUri, *, emit: EventSink, name: str | None = None) -> None:
        super().__init__(uri, emit=emit, name=name or f"simulated:{uri.netloc or 'printer'}")
        lines = uri.int_option("paper_lines", 0)
        self.roll = PaperRoll(paper_lines=lines or None)

    def _make_transport(self) -> Transport:
        return _RollTransport(self.roll)

    # Shortcuts for the demo and tests; each is a change to the mechanism, seen at the next poll.
    def run_out_of_paper(self) -> None:
        self.roll.run_out_of_paper()

    def load_paper(self, lines: int | None = None) -> None:
        self.roll.load_paper(lines)

    def open_cover(self) -> None:
        self.roll.open_cover()

    def close_cover(self) -> None:
        self.roll.close_cover()

    def go_offline(self) -> None:
        self.roll.go_offline()

    def go_online(self) -> None:
        self.roll.go_online()

    @property
    def printed(self) -> bytes:
        return self.roll.printed
