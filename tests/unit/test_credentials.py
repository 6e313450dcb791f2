"""Secrets come from the environment or private files and never show themselves."""

import pytest

from kiosk.credentials import CredentialError, lookup, require


def test_environment_wins_then_files(tmp_path, monkeypatch):
    (tmp_path / "stripe_api_key").write_text("sk_test_file\n")
    (tmp_path / "stripe_api_key").chmod(0o600)
    found = lookup("stripe_api_key", credentials_dir=tmp_path)
    assert found.value == "sk_test_file" and found.origin.endswith("stripe_api_key")
    monkeypatch.setenv("KIOSK_STRIPE_API_KEY", "sk_test_env")
    assert lookup("stripe_api_key", credentials_dir=tmp_path).value == "sk_test_env"


def test_systemd_credentials_directory(tmp_path, monkeypatch):
    (tmp_path / "broker_password").write_text("pw")
    (tmp_path / "broker_password").chmod(0o400)
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(tmp_path))
    assert require("broker_password").value == "pw"


def test_a_secret_never_prints_itself(monkeypatch):
    monkeypatch.setenv("KIOSK_SMTP_PASSWORD", "hunter2")
    secret = require("smtp_password")
    assert "hunter2" not in repr(secret) and "hunter2" not in str(secret)
    assert "hunter2" not in f"{secret}"


def test_missing_or_world_readable_credentials_are_errors(tmp_path):
    with pytest.raises(CredentialError, match="KIOSK_HMAC_KEY"):
        require("hmac_key", credentials_dir=tmp_path)
    (tmp_path / "hmac_key").write_text("k")
    (tmp_path / "hmac_key").chmod(0o644)
    with pytest.raises(CredentialError, match="chmod 600"):
        lookup("hmac_key", credentials_dir=tmp_path)
