"""Where the shipped resources (themes, sample config, tariffs, translations) live."""

from __future__ import annotations

from pathlib import Path

_PACKAGED = Path(__file__).with_name("_resources")  # inside an installed wheel
_SOURCE = Path(__file__).resolve().parent.parent / "resources"  # in a source checkout


def resource_path(relative: str) -> Path:
    base = _PACKAGED if _PACKAGED.is_dir() else _SOURCE
    return base / relative
