"""Charger dialect codecs, found by the dialect name a bay is configured with.

    from kiosk.adapters.mqtt.dialects import CODECS, build_codec
    codec = build_codec("everest", BayBinding("bay-1", "everest_api/1/evse_manager_consumer/evse1"))
    CODECS["openevse"]  # the class itself

Each dialect registers itself when its module is imported (`DialectCodec.__init_subclass__`);
this package imports all three, then freezes the result into `CODECS`.
"""

from __future__ import annotations

from collections.abc import Mapping

from kiosk.adapters.mqtt.codec import BayBinding, Codec
from kiosk.adapters.mqtt.dialects import everest, native, openevse
from kiosk.adapters.mqtt.dialects.everest import EverestCodec
from kiosk.adapters.mqtt.dialects.native import NativeCodec
from kiosk.adapters.mqtt.dialects.openevse import OpenEvseCodec
from kiosk.adapters.mqtt.dialects.registry import DialectCodec, registered

#: dialect name → codec class; read-only.
CODECS: Mapping[str, type[Codec]] = registered()


def codec_class(dialect: str) -> type[Codec]:
    """The codec class for a dialect name, or ValueError naming the known ones."""
    try:
        return CODECS[dialect]
    except KeyError:
        known = ", ".join(sorted(CODECS))
        raise ValueError(f"unknown charger dialect {dialect!r} (known: {known})") from None


def build_codec(dialect: str, binding: BayBinding) -> Codec:
    """A fresh codec for one bay (codecs keep per-bay state: never share one between bays)."""
    return codec_class(dialect)(binding)


__all__ = [
    "CODECS",
    "DialectCodec",
    "EverestCodec",
    "NativeCodec",
    "OpenEvseCodec",
    "build_codec",
    "codec_class",
    "everest",
    "native",
    "openevse",
]
