"""Secrets (Stripe key, SMTP and broker passwords, HMAC keys) from the environment or files.

Lookup order for a credential `name`: the environment variable `KIOSK_<NAME>`, then the file
`$CREDENTIALS_DIRECTORY/<name>` (systemd `LoadCredential=`), then `<credentials_dir>/<name>`.
Values are never logged: `Secret` hides itself from `repr` and `str`.
"""

from __future__ import annotations

import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path


class CredentialError(Exception):
    """A credential is missing or its file is readable by others."""


@dataclass(frozen=True, slots=True)
class Secret:
    value: str
    origin: str  # where it came from, safe to show

    def __repr__(self) -> str:
        return f"Secret(<hidden>, from {self.origin})"

    __str__ = __repr__


def env_name(name: str) -> str:
    return "KIOSK_" + name.upper()


def lookup(name: str, *, credentials_dir: Path | None = None) -> Secret | None:
    """Find a credential, or None when it is not provided anywhere."""
    value = os.environ.get(env_name(name))
    if value:
        return Secret(value, f"${env_name(name)}")
    folders = [Path(p) for p in [os.environ.get("CREDENTIALS_DIRECTORY")] if p]
    if credentials_dir is not None:
        folders.append(credentials_dir)
    for folder in folders:
        path = folder / name
        if path.is_file():
            mode = path.stat().st_mode
            if mode & (stat.S_IRWXG | stat.S_IRWXO):
                raise CredentialError(
                    f"credential file {path} is readable by other users; run: chmod 600 {path}"
                )
            return Secret(path.read_text(encoding="utf-8").strip(), str(path))
    return None


def require(name: str, *, credentials_dir: Path | None = None) -> Secret:
    found = lookup(name, credentials_dir=credentials_dir)
    if found is None:
        where = f" or the file {credentials_dir / name}" if credentials_dir else ""
        raise CredentialError(f"credential {name!r} is missing: set {env_name(name)}{where}")
    return found


def ensure_key(name: str, *, credentials_dir: Path) -> Secret:
    """A key the kiosk can make itself (e.g. for hashing card UIDs): provided or created once.

    Created with 256 random bits, mode 600, in the kiosk's own credentials folder, so every
    restart hashes the same card to the same value. Operators may provide their own instead
    (several kiosks of one hub must share it).
    """
    found = lookup(name, credentials_dir=credentials_dir)
    if found is not None:
        return found
    credentials_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = credentials_dir / name
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(secrets.token_hex(32) + "\n")
    return Secret(path.read_text(encoding="utf-8").strip(), str(path))
