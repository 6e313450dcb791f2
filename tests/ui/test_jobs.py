"""Slow work from a screen never blocks it, and its result comes back on the Qt thread."""

from __future__ import annotations

import logging
import threading
from functools import partial

import pytest
from PySide6.QtCore import QCoreApplication, QThread, QTimer
from PySide6.QtWidgets import QWidget

from kiosk.ui.jobs import JobRunner, JobState


@pytest.fixture
def jobs(qapp):
    runner = JobRunner(pools={"network": 2, "printer": 1})
    yield runner
    runner.shutdown(wait=True)


class ReceiptScreen(QWidget):
    """A screen that prints a receipt in the background and shows the outcome."""

    def __init__(self) -> None:
        super().__init__()
        self.outcomes: list[tuple[str, object, bool]] = []

    def printed(self, result: object) -> None:
        self.outcomes.append(("printed", result, _on_qt_thread()))

    def failed(self, error: Exception) -> None:
        self.outcomes.append(("failed", error, _on_qt_thread()))


def _on_qt_thread() -> bool:
    app = QCoreApplication.instance()
    assert app is not None
    on_gui = QThread.currentThread() is app.thread()
    return on_gui and threading.current_thread() is threading.main_thread()


def test_the_result_arrives_on_the_qt_thread_from_a_named_pool(qtbot, jobs):
    screen = ReceiptScreen()
    qtbot.addWidget(screen)
    with qtbot.waitSignal(jobs.settled) as settled:
        job = jobs.run_job(
            lambda: threading.current_thread().name,
            on_success=screen.printed,
            on_failure=screen.failed,
            executor_name="printer",
        )
        assert job.state is JobState.PENDING  # nothing is delivered inside run_job
    assert settled.args == [job]
    assert job.state is JobState.SUCCEEDED
    ((what, worker, on_main),) = screen.outcomes
    assert what == "printed" and on_main
    assert worker.startswith("job:printer")
    assert job.receiver is screen  # taken from the bound method


def test_a_failure_is_logged_and_delivered_on_the_qt_thread(qtbot, jobs, caplog):
    screen = ReceiptScreen()
    qtbot.addWidget(screen)

    def out_of_paper() -> None:
        raise OSError("printer out of paper")

    with caplog.at_level(logging.WARNING, "kiosk.ui.jobs"), qtbot.waitSignal(jobs.settled):
        job = jobs.run_job(
            out_of_paper,
            on_success=screen.printed,
            on_failure=screen.failed,
            executor_name="printer",
            name="print-receipt",
        )
    assert job.state is JobState.FAILED
    ((what, error, on_main),) = screen.outcomes
    assert (what, str(error), on_main) == ("failed", "printer out of paper", True)
    (record,) = [r for r in caplog.records if "job failed" in r.getMessage()]
    assert "job=print-receipt" in record.getMessage() and record.exc_info


def test_a_screen_that_is_gone_gets_nothing(qtbot, jobs):
    screen = ReceiptScreen()
    release = threading.Event()
    job = jobs.run_job(
        partial(release.wait, 10),
        on_success=screen.printed,
        on_failure=screen.failed,
        executor_name="network",
    )
    with qtbot.waitSignal(screen.destroyed):
        screen.deleteLater()  # the driver went home; Qt deletes the screen
    with qtbot.waitSignal(jobs.settled):
        release.set()
    assert job.state is JobState.DROPPED
    assert jobs.pending == 0


def test_leaving_a_screen_cancels_its_deliveries(qtbot, jobs):
    screen = ReceiptScreen()
    qtbot.addWidget(screen)
    release = threading.Event()
    mine = [
        jobs.run_job(
            partial(release.wait, 10),
            on_success=screen.printed,
            on_failure=screen.failed,
            executor_name="network",
        )
        for _ in range(2)
    ]
    other = jobs.run_job(
        lambda: "other", on_success=print, on_failure=print, executor_name="network"
    )
    assert jobs.cancel_for(screen) == 2
    with qtbot.waitSignals([jobs.settled] * 3, timeout=5000):
        release.set()
    assert [j.state for j in mine] == [JobState.DROPPED, JobState.DROPPED]
    assert other.state is JobState.SUCCEEDED
    assert screen.outcomes == []


def test_a_job_cancelled_before_it_starts_never_runs(qtbot, jobs):
    release = threading.Event()
    ran: list[str] = []
    busy = jobs.run_job(
        partial(release.wait, 10),
        on_success=ran.append,
        on_failure=ran.append,
        executor_name="printer",
    )
    queued = jobs.run_job(
        lambda: ran.append("queued ran"),
        on_success=ran.append,
        on_failure=ran.append,
        executor_name="printer",
    )
    with qtbot.waitSignal(jobs.settled) as settled:
        queued.cancel()
    assert settled.args == [queued] and queued.state is JobState.DROPPED
    with qtbot.waitSignal(jobs.settled):
        release.set()
    assert busy.state is JobState.SUCCEEDED
    assert ran == [True]


def test_a_one_worker_pool_delivers_in_order(qtbot, jobs):
    seen: list[int] = []
    with qtbot.waitSignals([jobs.settled] * 5, timeout=5000):
        for n in range(5):
            jobs.run_job(
                partial(int, n), on_success=seen.append, on_failure=print, executor_name="printer"
            )
    assert seen == [0, 1, 2, 3, 4]


def test_the_screen_keeps_running_while_the_job_waits(qtbot, jobs):
    """The job waits for something only the Qt event loop can do: no deadlock, no stall."""
    ticked = threading.Event()
    QTimer.singleShot(20, ticked.set)
    with qtbot.waitSignal(jobs.settled, timeout=5000):
        job = jobs.run_job(
            partial(ticked.wait, 5),
            on_success=lambda ok: None,
            on_failure=print,
            executor_name="network",
        )
    assert job.state is JobState.SUCCEEDED


def test_misuse_is_refused_with_a_clear_message(jobs):
    with pytest.raises(ValueError, match="no pool 'smtp'; pools: network, printer"):
        jobs.run_job(lambda: 1, on_success=print, on_failure=print, executor_name="smtp")
    errors: list[BaseException] = []

    def from_a_worker() -> None:
        try:
            jobs.run_job(lambda: 1, on_success=print, on_failure=print, executor_name="network")
        except RuntimeError as exc:
            errors.append(exc)

    worker = threading.Thread(target=from_a_worker)
    worker.start()
    worker.join()
    assert "thread that owns the runner" in str(errors[0])


def test_shutdown_drops_what_is_pending(qtbot, qapp):
    runner = JobRunner(pools={"network": 1})
    release = threading.Event()
    called: list[object] = []
    job = runner.run_job(
        partial(release.wait, 10),
        on_success=called.append,
        on_failure=called.append,
        executor_name="network",
    )
    with qtbot.waitSignal(runner.settled):
        release.set()
        runner.shutdown(wait=True)
    assert job.state is JobState.DROPPED and called == []
    with pytest.raises(RuntimeError, match="shut down"):
        runner.run_job(lambda: 1, on_success=print, on_failure=print, executor_name="network")
