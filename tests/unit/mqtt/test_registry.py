"""The kiosk finds a bay's codec by the dialect name in its config."""

from __future__ import annotations

from typing import get_args, get_type_hints

import pytest

from kiosk.adapters.mqtt.codec import BayBinding, Codec
from kiosk.adapters.mqtt.dialects import (
    CODECS,
    EverestCodec,
    NativeCodec,
    OpenEvseCodec,
    build_codec,
    codec_class,
)
from kiosk.adapters.mqtt.dialects.registry import DialectCodec
from kiosk.config import BaySettings


def test_every_configurable_dialect_has_a_codec() -> None:
    configurable = set(get_args(get_type_hints(BaySettings)["dialect"]))
    assert set(CODECS) == configurable == {"native", "everest", "openevse"}
    assert CODECS["native"] is NativeCodec
    assert CODECS["everest"] is EverestCodec
    assert CODECS["openevse"] is OpenEvseCodec
    for name, cls in CODECS.items():
        assert issubclass(cls, Codec)
        assert cls.dialect == name


def test_build_codec_gives_each_bay_its_own_instance() -> None:
    a = build_codec("openevse", BayBinding("bay-1", "openevse-aaaa"))
    b = build_codec("openevse", BayBinding("bay-2", "openevse-bbbb"))
    assert isinstance(a, OpenEvseCodec)
    assert a is not b
    assert a.binding.bay_id == "bay-1"


def test_an_unknown_dialect_names_the_known_ones() -> None:
    with pytest.raises(ValueError, match=r"'ocpp'.*everest, native, openevse"):
        codec_class("ocpp")


def test_the_registry_cannot_be_changed_from_outside() -> None:
    with pytest.raises(TypeError):
        CODECS["x"] = NativeCodec  # type: ignore[index]


def test_a_second_codec_for_the_same_dialect_is_a_programming_error() -> None:
    with pytest.raises(TypeError, match="already served"):

        class Again(DialectCodec):  # pragma: no cover - never instantiated
            dialect = "native"


def test_replies_flag_per_dialect() -> None:
    assert NativeCodec.replies is True
    assert EverestCodec.replies is True
    assert OpenEvseCodec.replies is False
