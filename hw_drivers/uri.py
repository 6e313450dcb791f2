"""Device URIs from config (`pcsc://`, `escpos+tcp://host:9100?paper=58`, …), parsed and checked.

Options are query parameters; each driver names the ones it accepts, so a typo is an error that
names the option instead of a silently ignored setting.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote, urlsplit


class UriError(ValueError):
    """A device URI is malformed, names no known driver, or carries an unknown option."""


@dataclass(frozen=True, slots=True)
class DeviceUri:
    """One parsed device URI: `scheme://netloc/path?options`."""

    text: str
    scheme: str
    netloc: str  # unquoted; `pcsc://ACR122U 01` keeps its space
    path: str
    options: tuple[tuple[str, str], ...]

    @classmethod
    def parse(cls, text: str) -> DeviceUri:
        if "://" not in text:
            raise UriError(f"{text!r} is not a device URI (expected scheme://…, e.g. pcsc://)")
        scheme, rest = text.split("://", 1)
        # urlsplit would try to read `VID:PID` as a port, so only the query is left to it.
        body, _, query = rest.partition("?")
        netloc, slash, path = body.partition("/")
        try:
            options = tuple(parse_qsl(query, keep_blank_values=True, strict_parsing=bool(query)))
        except ValueError as exc:
            raise UriError(f"{text!r}: malformed options {query!r}") from exc
        urlsplit(f"x://{netloc}")  # rejects control characters and the like
        return cls(
            text=text,
            scheme=scheme.lower(),
            netloc=unquote(netloc),
            path=unquote(slash + path),
            options=options,
        )

    def check_options(self, allowed: Iterable[str]) -> None:
        known = sorted(set(allowed))
        for key, _ in self.options:
            if key not in known:
                expected = ", ".join(known) if known else "none"
                raise UriError(f"{self.text}: unknown option {key!r} (accepted: {expected})")

    def option(self, key: str, default: str) -> str:
        for name, value in self.options:
            if name == key:
                return value
        return default

    def int_option(self, key: str, default: int, *, minimum: int = 0) -> int:
        raw = self.option(key, str(default))
        try:
            value = int(raw, 0)
        except ValueError:
            raise UriError(f"{self.text}: option {key} must be an integer, not {raw!r}") from None
        if value < minimum:
            raise UriError(f"{self.text}: option {key} must be at least {minimum}")
        return value

    def float_option(self, key: str, default: float, *, minimum: float = 0.0) -> float:
        raw = self.option(key, str(default))
        try:
            value = float(raw)
        except ValueError:
            raise UriError(f"{self.text}: option {key} must be a number, not {raw!r}") from None
        if value < minimum:
            raise UriError(f"{self.text}: option {key} must be at least {minimum}")
        return value

    def choice_option(self, key: str, default: str, choices: Iterable[str]) -> str:
        allowed = tuple(choices)
        value = self.option(key, default).lower()
        if value not in allowed:
            raise UriError(f"{self.text}: option {key} must be one of {', '.join(allowed)}")
        return value

    def host_port(self, default_port: int) -> tuple[str, int]:
        host, colon, port = self.netloc.rpartition(":")
        if not colon:
            host, port = self.netloc, str(default_port)
        if host.startswith("[") and host.endswith("]"):
            host = host[1:-1]
        if not host or not port.isdigit() or not 0 < int(port) < 65536:
            raise UriError(f"{self.text}: expected host[:port], e.g. {self.scheme}://10.0.0.5:9100")
        return host, int(port)
