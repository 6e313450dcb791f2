"""Debounce, as pure logic: what one physical reader's observations mean as tap and removal events.

- A card that stays on the reader is one tap, however often the reader re-reads it.
- A card that flickers away and back within `debounce` seconds (a hand at the edge of the RF
  field) is still the same tap: the removal is reported only after `debounce` of absence.
- A different card replacing the first one is a removal followed by a new tap.
Times are passed in (monotonic seconds), so these rules are tested without clocks or readers.
"""

from __future__ import annotations

from dataclasses import dataclass

from hw_drivers.cardid import CardId
from hw_drivers.events import CardPresented, CardRemoved, DeviceEvent


@dataclass
class SlotTracker:
    """Card presence on one reader that can tell removal (PC/SC, simulated)."""

    device: str
    reader: str
    debounce: float
    card: CardId | None = None
    removal_due: float | None = None

    @property
    def present(self) -> bool:
        return self.card is not None and self.removal_due is None

    def presented(self, card: CardId, atr: bytes, now: float) -> list[DeviceEvent]:
        events: list[DeviceEvent] = []
        if self.card is not None:
            if card == self.card:
                self.removal_due = None
                return events
            events.append(CardRemoved(self.device, self.reader))
        self.card, self.removal_due = card, None
        events.append(CardPresented(self.device, self.reader, card, atr))
        return events

    def emptied(self, now: float) -> list[DeviceEvent]:
        if self.card is None or self.removal_due is not None:
            return []
        self.removal_due = now + self.debounce
        return self.tick(now)

    def tick(self, now: float) -> list[DeviceEvent]:
        if self.removal_due is None or now < self.removal_due:
            return []
        return self.lost()

    def lost(self) -> list[DeviceEvent]:
        """The reader itself went away: a card on it is gone at once."""
        if self.card is None:
            return []
        self.card, self.removal_due = None, None
        return [CardRemoved(self.device, self.reader)]


@dataclass
class RepeatFilter:
    """Taps from a reader that cannot tell removal (keyboard wedge): repeats of a held card are
    one tap as long as they keep coming within `window` seconds of each other."""

    window: float
    last: CardId | None = None
    last_seen: float = 0.0

    def is_new_tap(self, card: CardId, now: float) -> bool:
        repeat = card == self.last and now - self.last_seen < self.window
        self.last, self.last_seen = card, now
        return not repeat
