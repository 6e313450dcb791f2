"""A real pcscd with virtual readers (vsmartcard-vpcd) on free loopback ports, and virtual cards.

pcscd runs in the foreground with a reader folder of our own (`pcscd -f -c DIR`) holding one
vpcd reader file, which gives two PC/SC readers ("<name> 00 00" and "<name> 00 01") whose cards
are TCP clients on ports N and N+1. One file only: vpcd keeps its card connections per slot
number, so a second vpcd reader's slot 0 would share (and steal) the first one's.

Only one pcscd can run on a machine (/run/pcscd). Ours carries a marker and the test run's
process id in its `-c` folder name: one left behind by a test run that has ended is killed; one
of a test run still going on, or any other pcscd, makes the tests fail with a message saying
what to stop.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import struct
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.services import require_binary

MARKER = "evhub-hwtest-pcscd-"
RUN_DIR = Path("/run/pcscd")
PID_FILE = RUN_DIR / "pcscd.pid"
SOCKET = RUN_DIR / "pcscd.comm"
VPCD_DRIVER = Path("/usr/lib/pcsc/drivers/serial/libifdvpcd.so")
MIFARE_ATR = bytes.fromhex("3B8F8001804F0CA000000306030001000000006A")
SW_OK = b"\x90\x00"
SW_INS_NOT_SUPPORTED = b"\x6d\x00"


def _pcscd_pid() -> int | None:
    try:
        return int(PID_FILE.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
    except OSError:
        return ""


def _alive(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status")
    try:
        return "State:\tZ" not in status.read_text()
    except OSError:
        return False


def _socket_answers() -> bool:
    with socket.socket(socket.AF_UNIX) as s:
        try:
            s.connect(str(SOCKET))
        except OSError:
            return False
    return True


def clear_the_way() -> None:
    """Stop a pcscd this test suite left behind; fail if someone else's pcscd holds /run/pcscd."""
    pid = _pcscd_pid()
    if pid is not None and _alive(pid):
        cmdline = _cmdline(pid)
        owner = _owner(cmdline)
        if owner is not None and owner != os.getpid() and _alive(owner):
            pytest.fail(
                f"another test run (pid {owner}) is using pcscd (pid {pid}); only one pcscd can "
                "run per machine: wait for that run to finish and run the tests again.",
                pytrace=False,
            )
        if owner is None:
            pytest.fail(
                f"a pcscd these tests did not start is running (pid {pid}: {cmdline!r}) and "
                "holds /run/pcscd; only one pcscd can run per machine. Stop it "
                f"(`systemctl stop pcscd.socket pcscd` or `kill {pid}`) and run the tests again.",
                pytrace=False,
            )
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 5
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.02)  # not our child: nothing to wait() on
    elif SOCKET.exists():
        if _socket_answers():
            pytest.fail(
                "something answers on /run/pcscd/pcscd.comm (systemd socket activation?); stop "
                "it with `systemctl stop pcscd.socket pcscd` and run the tests again.",
                pytrace=False,
            )
        # Nobody answers: the files are left from a pcscd that died. A zombie pid (an orphan
        # where PID 1 does not reap) would still make pcscd refuse to start, so clear them.
        SOCKET.unlink(missing_ok=True)
        PID_FILE.unlink(missing_ok=True)


def _owner(cmdline: str) -> int | None:
    """The test run that started this pcscd, from its folder name; None if not ours."""
    if MARKER not in cmdline:
        return None
    digits = cmdline.split(MARKER, 1)[1].split("-", 1)[0]
    return int(digits) if digits.isdigit() else None


def _port_pair() -> int:
    """A port N with N+1 also free (a vpcd reader listens on both)."""
    for _ in range(200):
        with socket.socket() as first:
            first.bind(("127.0.0.1", 0))
            port = first.getsockname()[1]
            if port >= 65535:
                continue
            with socket.socket() as second:
                try:
                    second.bind(("127.0.0.1", port + 1))
                except OSError:
                    continue
                return int(port)
    raise RuntimeError("no two consecutive free ports")


@dataclass
class PcscService:
    """pcscd plus its virtual readers; `slots` maps each PC/SC reader name to its card port."""

    folder: Path
    slots: dict[str, int] = field(default_factory=dict)
    process: subprocess.Popen[bytes] | None = None

    def add_reader(self, friendly_name: str) -> None:
        if self.slots:
            raise ValueError("vpcd serves one reader (two slots) per pcscd")
        port = _port_pair()
        self.config.mkdir(exist_ok=True)
        (self.config / "vpcd").write_text(
            f'FRIENDLYNAME "{friendly_name}"\n'
            f"DEVICENAME /dev/null:{port:#06x}\n"
            f"LIBPATH {VPCD_DRIVER}\n"
            f"CHANNELID {port:#06x}\n"
        )
        # pcscd numbers readers per friendly name: "<name> 00 00" and "<name> 00 01".
        self.slots[f"{friendly_name} 00 00"] = port
        self.slots[f"{friendly_name} 00 01"] = port + 1

    @property
    def config(self) -> Path:
        """pcscd reads every file in here as a reader file: nothing else may go in it."""
        return self.folder / "readers"

    def start(self) -> None:
        binary = require_binary("pcscd", "pcscd")
        if not VPCD_DRIVER.exists():
            pytest.fail(
                f"{VPCD_DRIVER} is missing: install the Debian package vsmartcard-vpcd",
                pytrace=False,
            )
        log = (self.folder / "pcscd.log").open("ab")
        self.process = subprocess.Popen(
            [binary, "-f", "-c", str(self.config)], stdout=log, stderr=subprocess.STDOUT
        )
        log.close()
        self._wait_ready()

    def _wait_ready(self, timeout: float = 10.0) -> None:
        from smartcard import scard

        assert self.process is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                tail = (self.folder / "pcscd.log").read_text(errors="replace")[-2000:]
                pytest.fail(f"pcscd exited with {self.process.returncode}:\n{tail}")
            hresult, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
            if hresult == 0:
                hresult, names = scard.SCardListReaders(ctx, [])
                scard.SCardReleaseContext(ctx)
                if hresult == 0 and set(self.slots) <= set(names):
                    return
            time.sleep(0.02)  # pcscd cannot tell us it is ready: ask until it answers
        raise TimeoutError(f"pcscd did not offer {sorted(self.slots)} within {timeout} s")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process = None

    def kill(self) -> None:
        self.stop(signal.SIGKILL)

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def ensure_running(self) -> None:
        if not self.running:
            self.stop()
            self.start()

    def wait_until_empty(self, slot: str, timeout: float = 10.0) -> None:
        """Block (in SCardGetStatusChange) until pcscd sees no card on `slot`.

        vpcd misses a card that connects before it noticed the previous one leave, so every
        card waits here before it goes on a reader.
        """
        from smartcard import scard

        hresult, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        assert hresult == 0
        try:
            state = scard.SCARD_STATE_UNAWARE
            deadline = time.monotonic() + timeout
            while not state & scard.SCARD_STATE_EMPTY:
                left = int((deadline - time.monotonic()) * 1000)
                if left <= 0:
                    raise AssertionError(f"{slot} still holds a card after {timeout} s")
                hresult, states = scard.SCardGetStatusChange(ctx, left, [(slot, state)])
                if hresult == 0:
                    state = states[0][1] & ~scard.SCARD_STATE_CHANGED
        finally:
            scard.SCardReleaseContext(ctx)

    def card(
        self,
        slot: str,
        uid: bytes,
        *,
        hold: threading.Event | None = None,
        vanish_on_read: bool = False,
    ) -> VirtualCard:
        card = VirtualCard(self.slots[slot], uid, hold=hold, vanish_on_read=vanish_on_read)
        card.before_insert = lambda: self.wait_until_empty(slot)
        return card


@contextmanager
def pcsc_service(reader_name: str) -> Iterator[PcscService]:
    clear_the_way()
    folder = Path(tempfile.mkdtemp(prefix=f"{MARKER}{os.getpid()}-"))
    service = PcscService(folder)
    service.add_reader(reader_name)
    try:
        service.start()
        yield service
    finally:
        service.stop()
        shutil.rmtree(folder, ignore_errors=True)


class VirtualCard:
    """A contactless card as a vpcd client: connecting puts it on the reader, closing takes it
    away. It answers `GET DATA FF CA 00 00 00` with its UID.

    - `hold`: an Event; the card takes the GET DATA command, says so (`asked`) and answers only
      once `hold` is set (or the connection dies);
    - `vanish_on_read`: the card disconnects the moment GET DATA arrives (pulled mid-read).
    """

    def __init__(
        self,
        port: int,
        uid: bytes,
        *,
        atr: bytes = MIFARE_ATR,
        hold: threading.Event | None = None,
        vanish_on_read: bool = False,
    ) -> None:
        self.port, self.uid, self.atr = port, uid, atr
        self.hold, self.vanish_on_read = hold, vanish_on_read
        self.asked = threading.Event()
        self.apdus: list[bytes] = []
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self.before_insert: Callable[[], None] = lambda: None
        self.inserted_at = 0.0

    def insert(self) -> VirtualCard:
        self.before_insert()
        sock = socket.create_connection(("127.0.0.1", self.port), timeout=5)
        self.inserted_at = time.monotonic()
        sock.settimeout(None)
        self._sock = sock
        self._thread = threading.Thread(target=self._serve, name=f"vcard:{self.port}", daemon=True)
        self._thread.start()
        return self

    def remove(self) -> None:
        sock, self._sock = self._sock, None
        if sock is not None:
            with suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None

    def __enter__(self) -> VirtualCard:
        return self.insert()

    def __exit__(self, *exc: object) -> None:
        self.remove()

    def _recv(self, sock: socket.socket, size: int) -> bytes:
        data = b""
        while len(data) < size:
            # vpcd writes length and payload separately: without QUICKACK each costs 40 ms.
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
            chunk = sock.recv(size - len(data))
            if not chunk:
                raise EOFError
            data += chunk
        return data

    def _send(self, sock: socket.socket, payload: bytes) -> None:
        sock.sendall(struct.pack(">H", len(payload)) + payload)

    def _serve(self) -> None:
        sock = self._sock
        assert sock is not None
        try:
            while True:
                (size,) = struct.unpack(">H", self._recv(sock, 2))
                payload = self._recv(sock, size)
                if size == 1:
                    if payload[0] == 4:  # "send your ATR"
                        self._send(sock, self.atr)
                    continue  # 0 off, 1 on, 2 reset: nothing to answer
                self.apdus.append(payload)
                self._send(sock, self._answer(sock, payload))
        except (EOFError, OSError):
            return

    def _answer(self, sock: socket.socket, apdu: bytes) -> bytes:
        if apdu[:2] != b"\xff\xca":
            return SW_INS_NOT_SUPPORTED
        self.asked.set()
        if self.vanish_on_read:
            sock.shutdown(socket.SHUT_RDWR)
            raise EOFError
        if self.hold is not None:
            self.hold.wait(30)
        return self.uid + SW_OK
