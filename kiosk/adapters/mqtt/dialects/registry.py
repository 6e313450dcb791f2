"""The dialect registry: codec classes register their dialect name when they are defined."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from kiosk.adapters.mqtt.codec import BayBinding, Codec

# Written only while the dialect modules are imported (the package __init__ imports them all);
# read through the frozen view `registered()` afterwards.
_REGISTRY: dict[str, type[Codec]] = {}


class DialectCodec(Codec):
    """Base of the shipped dialects: subclasses that set `dialect` register under that name."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        name = cls.__dict__.get("dialect")
        if name is None:
            return  # an intermediate base, not a dialect
        if name in _REGISTRY:
            raise TypeError(f"dialect {name!r} is already served by {_REGISTRY[name].__name__}")
        _REGISTRY[name] = cls

    def __init__(self, binding: BayBinding) -> None:
        super().__init__(binding)
        self.base = binding.base.rstrip("/")

    def relative(self, topic: str) -> str | None:
        """The topic below this bay's base (`meter` for `<base>/meter`), or None."""
        prefix = self.base + "/"
        return topic[len(prefix) :] if topic.startswith(prefix) else None


def registered() -> Mapping[str, type[Codec]]:
    """A read-only snapshot of the registry: dialect name → codec class."""
    return MappingProxyType(dict(_REGISTRY))
