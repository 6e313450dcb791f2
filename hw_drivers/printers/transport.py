"""What an ESC/POS printer driver needs from a connection: write bytes, ask and read an answer."""

from __future__ import annotations

from typing import Protocol


class Transport(Protocol):
    """One connection to one printer; used only on that printer's device thread."""

    @property
    def reads_status(self) -> bool:
        """Whether the printer can answer over this connection (`DLE EOT`)."""
        ...

    def open(self) -> None:
        """Connect; raises OSError when the printer cannot be reached."""
        ...

    def write(self, data: bytes) -> None:
        """Send all of `data` or raise OSError."""
        ...

    def query(self, request: bytes, answer_len: int, timeout: float) -> bytes:
        """Drop stale input, send `request`, return what arrives (up to `answer_len` bytes)."""
        ...

    def close(self) -> None: ...
