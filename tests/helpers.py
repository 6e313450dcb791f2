"""Test helpers: follow the engine's snapshots and wait for a condition (no sleeps)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from kiosk.engine.commands import ChargerCommand
from kiosk.engine.snapshot import HubSnapshot


class Watcher:
    """Collects snapshots and commands from an engine; waits on a condition variable."""

    def __init__(self, engine) -> None:
        self._cond = threading.Condition()
        self.snapshots: list[HubSnapshot] = []
        self.commands: list[ChargerCommand] = []
        engine.subscribe(self._snapshot)
        engine.on_command(self._command)

    def _snapshot(self, snapshot: HubSnapshot) -> None:
        with self._cond:
            self.snapshots.append(snapshot)
            self._cond.notify_all()

    def _command(self, command: ChargerCommand) -> None:
        with self._cond:
            self.commands.append(command)
            self._cond.notify_all()

    @property
    def latest(self) -> HubSnapshot:
        return self.snapshots[-1]

    def until(self, predicate: Callable[[HubSnapshot], bool], timeout: float = 10.0) -> HubSnapshot:
        def met() -> bool:
            if not self.snapshots:
                return False
            try:
                return bool(predicate(self.snapshots[-1]))
            except (AttributeError, KeyError, LookupError, ValueError, TypeError):
                return False  # what it looks at does not exist yet (a session, a row)

        with self._cond:
            ok = self._cond.wait_for(met, timeout)
            if not ok:
                last = self.snapshots[-1] if self.snapshots else None
                raise AssertionError(f"condition not met within {timeout} s; last snapshot {last}")
            return self.snapshots[-1]

    def until_commands(self, count: int, timeout: float = 10.0) -> list[ChargerCommand]:
        with self._cond:
            if not self._cond.wait_for(lambda: len(self.commands) >= count, timeout):
                raise AssertionError(f"expected {count} commands, got {self.commands}")
            return list(self.commands)
