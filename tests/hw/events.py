"""An event sink for tests: collects device events from any thread; tests wait on conditions."""

from __future__ import annotations

import threading
from typing import Any, TypeVar

from hw_drivers import DeviceEvent

E = TypeVar("E", bound=DeviceEvent)


class EventLog:
    """Pass an instance as `emit=`; `wait_for` blocks until a matching event has arrived."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self.events: list[DeviceEvent] = []
        self.threads: set[str] = set()

    def __call__(self, event: DeviceEvent) -> None:
        with self._cond:
            self.events.append(event)
            self.threads.add(threading.current_thread().name)
            self._cond.notify_all()

    def mark(self) -> int:
        """A position in the log; `wait_for(..., after=mark)` ignores what came before."""
        with self._cond:
            return len(self.events)

    def of(self, kind: type[E], *, after: int = 0, **fields: Any) -> list[E]:
        with self._cond:
            return [
                e
                for e in self.events[after:]
                if isinstance(e, kind) and all(getattr(e, k) == v for k, v in fields.items())
            ]

    def wait_for(self, kind: type[E], *, after: int = 0, timeout: float = 10.0, **fields: Any) -> E:
        with self._cond:
            found = self._cond.wait_for(lambda: self.of(kind, after=after, **fields), timeout)
            if not found:
                seen = "\n  ".join(repr(e) for e in self.events[after:]) or "(nothing)"
                raise AssertionError(
                    f"no {kind.__name__} {fields or ''} within {timeout} s; events:\n  {seen}"
                )
            return found[0]

    def wait_count(
        self, kind: type[E], count: int, *, after: int = 0, timeout: float = 10.0, **fields: Any
    ) -> list[E]:
        with self._cond:
            ok = self._cond.wait_for(
                lambda: len(self.of(kind, after=after, **fields)) >= count, timeout
            )
            if not ok:
                raise AssertionError(
                    f"expected {count} {kind.__name__}, got {self.of(kind, after=after, **fields)}"
                )
            return self.of(kind, after=after, **fields)
