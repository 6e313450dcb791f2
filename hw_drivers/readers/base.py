"""The card-reader driver base: its registry by URI scheme and the snapshot callers may read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from hw_drivers.device import Device, Usability
from hw_drivers.events import EventSink
from hw_drivers.states import ReaderState
from hw_drivers.uri import DeviceUri


@dataclass(frozen=True, slots=True)
class ReaderInfo:
    """One physical reader behind a device, as last seen."""

    name: str
    card_present: bool = False


@dataclass(frozen=True, slots=True)
class ReaderSnapshot:
    """A device's state and readers, replaced whole by the device thread (safe to read anywhere)."""

    state: ReaderState
    readers: tuple[ReaderInfo, ...] = ()
    detail: str = ""


class CardReaderDriver(Device):
    """Base of every card-reader driver; subclasses register with `scheme="…"`."""

    registry: ClassVar[dict[str, type[CardReaderDriver]]] = {}

    def __init_subclass__(cls, *, scheme: str = "", **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if scheme:
            if scheme in CardReaderDriver.registry:
                raise TypeError(f"two card-reader drivers claim the scheme {scheme!r}")
            cls.scheme = scheme
            CardReaderDriver.registry[scheme] = cls

    def __init__(self, uri: DeviceUri, *, emit: EventSink, name: str | None = None) -> None:
        super().__init__(uri, emit=emit, name=name)
        self._snapshot = ReaderSnapshot(ReaderState.STARTING)

    @property
    def snapshot(self) -> ReaderSnapshot:
        return self._snapshot

    @property
    def state(self) -> ReaderState:
        return self._snapshot.state

    def _publish(
        self, state: ReaderState, readers: tuple[ReaderInfo, ...] = (), detail: str = ""
    ) -> None:
        self._snapshot = ReaderSnapshot(state, readers, detail)

    def _on_unusable(self, why: Usability) -> None:
        self._publish(ReaderState.UNUSABLE, detail=why.reason)

    def _on_stop(self) -> None:
        self._publish(ReaderState.STOPPED)
