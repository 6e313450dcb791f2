"""The errors raised for bad tariff or CDR input, each naming the field it is about."""

from __future__ import annotations


class InputError(ValueError):
    """A document failed validation; `field_path` says where (empty for the whole document)."""

    document = "input"

    def __init__(self, field_path: str, message: str) -> None:
        self.field_path = field_path
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.field_path:
            return f"{self.document} {self.field_path}: {self.message}"
        return f"{self.document}: {self.message}"


class TariffError(InputError):
    """An OCPI Tariff could not be read or is not valid."""

    document = "tariff"


class CdrError(InputError):
    """An OCPI CDR (or its charging periods) could not be read or is not valid."""

    document = "cdr"
