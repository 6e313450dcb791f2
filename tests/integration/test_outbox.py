"""Exactly-once side effects: queued with the state change, retried until done, across restarts."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy import select

from kiosk.engine.events import OutboxWork, Tick
from kiosk.engine.outbox import Backoff
from kiosk.hub import Hub
from kiosk.store import models
from tests.helpers import Watcher

FAST = Backoff(first=timedelta(seconds=2), cap=timedelta(seconds=60), lease=timedelta(seconds=30))


def entries(hub):
    with hub.db.sessions() as db:
        return db.scalars(select(models.OutboxEntry).order_by(models.OutboxEntry.id)).all()


def test_work_is_done_once_with_its_idempotency_key(make_settings, clock):
    calls = []
    done = threading.Event()

    def capture(key, payload):
        calls.append((key, payload))
        done.set()
        return {"captured": payload["amount"]}

    with Hub(
        make_settings(), charger_link=False, clock=clock, outbox_handlers={"capture": capture}
    ) as hub:
        watch = Watcher(hub.engine)
        hub.engine.post(OutboxWork("capture", "capture:s-1", {"amount": "12.34"}))
        hub.engine.post(OutboxWork("capture", "capture:s-1", {"amount": "99.99"}))  # same key
        assert done.wait(5)
        watch.until(lambda s: s.outbox_backlog == 0)
        (entry,) = entries(hub)
        assert entry.state == "done" and entry.attempts == 1
        assert entry.result == {"captured": "12.34"}
        assert entry.done_at == clock.now()
    assert calls == [("capture:s-1", {"amount": "12.34"})]


def test_a_failed_call_is_retried_with_backoff_and_the_same_key(make_settings, clock):
    keys = []
    outcomes = iter([ConnectionError("stripe unreachable"), TimeoutError("slow"), None])
    attempt = threading.Semaphore(0)

    def flaky(key, payload):
        keys.append(key)
        attempt.release()
        problem = next(outcomes)
        if problem:
            raise problem
        return {"ok": True}

    settings = make_settings()
    with Hub(
        settings, charger_link=False, clock=clock, outbox_handlers={"email": flaky}, backoff=FAST
    ) as hub:
        watch = Watcher(hub.engine)
        hub.engine.post(OutboxWork("email", "email:INV-1", {}))
        assert attempt.acquire(timeout=5)
        snap = watch.until(lambda s: entries(hub)[0].last_error is not None)
        assert snap.outbox_backlog == 1
        (entry,) = entries(hub)
        assert entry.state == "pending" and entry.attempts == 1
        assert entry.last_error == "ConnectionError: stripe unreachable"
        assert entry.next_attempt_at == clock.now() + timedelta(seconds=2)

        hub.engine.post(Tick())  # not due yet: nothing happens
        clock.advance(timedelta(seconds=2))
        hub.engine.post(Tick())
        assert attempt.acquire(timeout=5)
        watch.until(lambda s: entries(hub)[0].attempts == 2 and entries(hub)[0].state == "pending")
        assert entries(hub)[0].next_attempt_at == clock.now() + timedelta(seconds=4)

        clock.advance(timedelta(seconds=4))
        hub.engine.post(Tick())
        assert attempt.acquire(timeout=5)
        watch.until(lambda s: s.outbox_backlog == 0)
    assert keys == ["email:INV-1"] * 3


def test_work_without_a_handler_waits_visibly(make_settings, clock):
    with Hub(make_settings(), charger_link=False, clock=clock) as hub:
        watch = Watcher(hub.engine)
        hub.engine.post(OutboxWork("refund", "refund:s-1", {}))
        watch.until(lambda s: s.outbox_backlog == 1)
        (entry,) = entries(hub)
        assert entry.state == "pending" and entry.attempts == 0
        assert "no handler" in entry.last_error
