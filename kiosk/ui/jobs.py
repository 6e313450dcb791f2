"""The one way screens run slow work: a named thread pool out, the result back on the Qt thread.

    job = jobs.run_job(
        partial(printer.print_receipt, receipt, job_id=receipt_id),
        on_success=self._printed,            # called on the Qt main thread
        on_failure=self._print_failed,       # the exception, also on the Qt main thread
        executor_name="printer",
    )

The job body runs on a worker thread and must not touch widgets or view models; it returns an
immutable value (GUIDE §4). If `on_success` is a method of a QObject (a screen), that object is
the receiver: once it is deleted, the result is dropped instead of delivered. `job.cancel()` or
`jobs.cancel_for(screen)` drop it earlier, e.g. when the driver leaves the screen.
"""

from __future__ import annotations

import contextlib
import enum
import logging
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from shiboken6 import isValid

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Pools and their sizes: network calls (Stripe, SMTP) and files (PDF). Devices have their own
#: `dev:<name>` threads in hw_drivers; a printer pool of one keeps print jobs in order.
DEFAULT_POOLS: Mapping[str, int] = {"network": 4, "files": 2, "printer": 1}


class JobState(enum.Enum):
    PENDING = "pending"
    SUCCEEDED = "succeeded"  # on_success was called
    FAILED = "failed"  # on_failure was called
    DROPPED = "dropped"  # cancelled, or the receiver was gone: nobody was called


@dataclass(eq=False)
class Job(Generic[T]):
    """A submitted job; read `state` on the Qt thread, `cancel()` to drop its delivery."""

    name: str
    executor: str
    on_success: Callable[[T], object]
    on_failure: Callable[[Exception], object]
    receiver: QObject | None
    future: Future[None] | None = None
    state: JobState = JobState.PENDING
    cancelled: bool = field(default=False, repr=False)

    def cancel(self) -> None:
        """Drop delivery; also skip the work if it has not started yet."""
        self.cancelled = True
        if self.future is not None:
            self.future.cancel()

    @property
    def receiver_gone(self) -> bool:
        return self.receiver is not None and not isValid(self.receiver)


class JobRunner(QObject):
    """Owns the named pools; one per app, built by the composition root, shut down by it."""

    settled = Signal(object)  # the Job, once delivered or dropped (on the Qt thread)
    _done = Signal(object, object, object)  # job, result, exception: from a worker thread

    def __init__(
        self, *, pools: Mapping[str, int] = DEFAULT_POOLS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._sizes = dict(pools)
        self._pools: dict[str, ThreadPoolExecutor] = {}
        self._pending: set[Job[Any]] = set()
        self._closed = False
        # Queued even if emitted on this thread: callbacks never run inside run_job.
        self._done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def run_job(
        self,
        fn: Callable[[], T],
        *,
        on_success: Callable[[T], object],
        on_failure: Callable[[Exception], object],
        executor_name: str,
        receiver: QObject | None = None,
        name: str | None = None,
    ) -> Job[T]:
        """Run `fn()` on pool `executor_name`; deliver its result or exception on this thread."""
        if QThread.currentThread() is not self.thread():
            raise RuntimeError("run_job must be called on the thread that owns the runner")
        if self._closed:
            raise RuntimeError("the job runner is shut down")
        if executor_name not in self._sizes:
            raise ValueError(f"no pool {executor_name!r}; pools: {', '.join(sorted(self._sizes))}")
        if receiver is None:
            owner = getattr(on_success, "__self__", None)
            receiver = owner if isinstance(owner, QObject) else None
        job: Job[T] = Job(
            name or getattr(fn, "__qualname__", None) or repr(fn),
            executor_name,
            on_success,
            on_failure,
            receiver,
        )
        self._pending.add(job)
        job.future = self._pool(executor_name).submit(self._work, job, fn)
        job.future.add_done_callback(lambda f: self._on_cancelled(job, f))
        return job

    def cancel_for(self, receiver: QObject) -> int:
        """Drop every pending delivery to `receiver` (a screen being left); returns how many."""
        mine = [job for job in self._pending if job.receiver is receiver]
        for job in mine:
            job.cancel()
        return len(mine)

    @property
    def pending(self) -> int:
        return len(self._pending)

    def shutdown(self, *, wait: bool = True) -> None:
        """Stop taking jobs, cancel those not started, drop all deliveries; optionally wait."""
        self._closed = True
        for job in list(self._pending):
            job.cancel()
            job.state = JobState.DROPPED
            self.settled.emit(job)
        self._pending.clear()
        for pool in self._pools.values():
            pool.shutdown(wait=wait, cancel_futures=True)

    def _pool(self, name: str) -> ThreadPoolExecutor:
        if name not in self._pools:
            self._pools[name] = ThreadPoolExecutor(
                max_workers=self._sizes[name], thread_name_prefix=f"job:{name}"
            )
        return self._pools[name]

    def _work(self, job: Job[T], fn: Callable[[], T]) -> None:
        """On a worker thread: run the body, hand the outcome to the Qt thread."""
        result: T | None = None
        error: Exception | None = None
        try:
            result = fn()
        except Exception as exc:
            error = exc
            log.warning("job failed: job=%s pool=%s", job.name, job.executor, exc_info=True)
        if self._closed:
            return
        try:
            self._done.emit(job, result, error)
        except RuntimeError:  # the runner itself was deleted meanwhile
            log.debug("job result dropped, runner gone: job=%s", job.name)

    def _on_cancelled(self, job: Job[Any], future: Future[None]) -> None:
        # A job cancelled before it started never reaches _work: settle it on the Qt thread.
        if future.cancelled() and not self._closed:
            with contextlib.suppress(RuntimeError):  # the runner itself is gone
                self._done.emit(job, None, None)

    @Slot(object, object, object)
    def _deliver(self, job: Job[Any], result: object, error: Exception | None) -> None:
        if job.state is not JobState.PENDING:
            return
        self._pending.discard(job)
        try:
            if job.cancelled or job.receiver_gone:
                job.state = JobState.DROPPED
                log.debug("job result dropped: job=%s", job.name)
            elif error is not None:
                job.state = JobState.FAILED
                job.on_failure(error)
            else:
                job.state = JobState.SUCCEEDED
                job.on_success(result)
        finally:
            self.settled.emit(job)
