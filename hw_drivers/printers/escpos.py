"""ESC/POS printing on the printer's own thread: jobs with ids, status polling, no silent loss.

A job is rendered once (the same bytes on every transport), sent only when the printer says it
can print, and followed by a status check. Its outcome is always an event: PrintJobCompleted,
PrintJobFailed (with the reason and the printer state; the same id may be tried again) or
PrintJobDuplicate (an id that already printed, which is dropped). Job ids are remembered in
memory only; the caller's outbox is the durable record across restarts.
"""

from __future__ import annotations

import importlib.util
import logging
import time
from collections import OrderedDict
from typing import ClassVar, Final

from hw_drivers.device import Usability
from hw_drivers.events import (
    EventSink,
    PrinterStatusChanged,
    PrintJobCompleted,
    PrintJobDuplicate,
    PrintJobFailed,
)
from hw_drivers.printers import status as dle_eot
from hw_drivers.printers.base import PrinterDriver, PrinterSnapshot
from hw_drivers.printers.transport import Transport
from hw_drivers.receipt import Paper, Receipt
from hw_drivers.states import UNREACHABLE, PrinterState, PrinterStatus
from hw_drivers.uri import DeviceUri, UriError

log = logging.getLogger(__name__)

REMEMBERED_JOBS: Final = 4096


class EscposPrinter(PrinterDriver):
    """An ESC/POS printer behind one transport; subclasses pick the transport and a scheme."""

    option_names: ClassVar[tuple[str, ...]] = ("paper", "profile", "poll_s", "status_timeout_s")

    def __init__(self, uri: DeviceUri, *, emit: EventSink, name: str | None = None) -> None:
        super().__init__(uri, emit=emit, name=name)
        try:
            self.paper = Paper.parse(uri.option("paper", "80"))
        except ValueError as exc:
            raise UriError(f"{uri.text}: {exc}") from None
        self.profile = uri.option("profile", "default")
        self.poll_interval = uri.float_option("poll_s", 5.0)
        self.status_timeout = uri.float_option("status_timeout_s", 1.0, minimum=0.01)
        if self.usable().ok:
            from hw_drivers.printers.render import RenderError, printable_dots

            try:
                printable_dots(self.profile, self.paper)
            except RenderError as exc:
                raise UriError(f"{uri.text}: {exc}") from None
        self._transport: Transport | None = None
        self._connected = False
        self._next_poll = 0.0
        self._printed: OrderedDict[str, None] = OrderedDict()

    @classmethod
    def usable(cls) -> Usability:
        if importlib.util.find_spec("escpos") is None:
            return Usability(False, "python-escpos is not installed (pip install python-escpos)")
        return Usability(True)

    def _make_transport(self) -> Transport:
        raise NotImplementedError

    # -- any thread ---------------------------------------------------------------------

    def submit(self, receipt: Receipt, *, job_id: str) -> None:
        if not job_id:
            raise ValueError("a print job needs an id")
        self._call_soon(
            lambda: self._run_job(job_id, receipt), lambda reason: self._fail(job_id, reason)
        )

    def refresh_status(self) -> None:
        self._call_soon(self._refresh_quietly)

    def _refresh_quietly(self) -> None:
        self._refresh()

    # -- device thread ------------------------------------------------------------------

    def _on_start(self) -> None:
        self._transport = self._make_transport()
        self._refresh()
        self._mark_settled()

    def _wait_timeout(self) -> float:
        if self.poll_interval <= 0:
            return 3600.0
        return max(self._next_poll - time.monotonic(), 0.001)

    def _poll(self) -> None:
        self._refresh()

    def _on_stop(self) -> None:
        self._disconnect()
        super()._on_stop()

    def _refresh(self) -> PrinterStatus:
        self._next_poll = time.monotonic() + self.poll_interval
        status, detail = self._read_status()
        self._set_status(status, detail)
        return status

    def _read_status(self) -> tuple[PrinterStatus, str]:
        transport = self._transport
        assert transport is not None
        for fresh in (False, True):
            reused = self._connected
            try:
                if not self._connected:
                    transport.open()
                    self._connected = True
                if not transport.reads_status:
                    return PrinterStatus(known=False), "this connection cannot read status back"
                answer = transport.query(dle_eot.REQUEST, dle_eot.ANSWER_LEN, self.status_timeout)
                break
            except OSError as exc:
                self._disconnect()
                if reused and not fresh:
                    continue  # the kept connection went stale (printer restarted): one new try
                return UNREACHABLE, f"cannot reach the printer: {exc}"
        decoded = dle_eot.decode(answer)
        if decoded is None:
            return PrinterStatus(known=False), "the printer does not answer status requests"
        return decoded, ""

    def _set_status(self, status: PrinterStatus, detail: str = "") -> None:
        before = self._snapshot
        self._snapshot = PrinterSnapshot(status.state, status, detail)
        if before.state is PrinterState.STARTING or before.status != status:
            log.info("printer status device=%s state=%s", self.name, status.state)
            self._emit(PrinterStatusChanged(self.name, status.state, status))

    def _disconnect(self) -> None:
        if self._transport is not None and self._connected:
            try:
                self._transport.close()
            except OSError:
                log.debug("closing the printer connection failed device=%s", self.name)
        self._connected = False

    def _run_job(self, job_id: str, receipt: Receipt) -> None:
        try:
            self._print(job_id, receipt)
        except Exception as exc:  # whatever happens, the caller hears about the job
            log.exception("print job crashed device=%s job=%s", self.name, job_id)
            self._fail(job_id, f"internal error: {exc}")

    def _print(self, job_id: str, receipt: Receipt) -> None:
        if job_id in self._printed:
            log.info("print job dropped as a repeat device=%s job=%s", self.name, job_id)
            self._emit(PrintJobDuplicate(self.name, job_id))
            return
        from hw_drivers.printers.render import RenderError, render

        try:
            data = render(receipt, paper=self.paper, profile=self.profile)
        except RenderError as exc:
            self._fail(job_id, f"cannot render the receipt: {exc}")
            return
        before = self._refresh()
        if not before.state.can_print:
            self._fail(job_id, f"printer {before.state}")
            return
        transport = self._transport
        assert transport is not None
        try:
            transport.write(data)
        except OSError as exc:
            self._disconnect()
            self._set_status(UNREACHABLE, f"sending failed: {exc}")
            self._fail(job_id, f"sending to the printer failed: {exc}")
            return
        after = self._refresh() if transport.reads_status else before
        if not after.state.can_print:
            # The bytes went out but the printer stopped: the receipt may be cut short.
            self._fail(
                job_id, f"printer {after.state} after the job was sent; it may be incomplete"
            )
            return
        self._printed[job_id] = None
        while len(self._printed) > REMEMBERED_JOBS:
            self._printed.popitem(last=False)
        log.info("print job completed device=%s job=%s bytes=%d", self.name, job_id, len(data))
        self._emit(PrintJobCompleted(self.name, job_id))

    def _fail(self, job_id: str, reason: str) -> None:
        log.warning("print job failed device=%s job=%s reason=%s", self.name, job_id, reason)
        self._emit(PrintJobFailed(self.name, job_id, reason, self._snapshot.state))
