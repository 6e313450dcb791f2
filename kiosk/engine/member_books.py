"""Membership accounts' money on the engine thread: a prepaid balance debited when its session's
capture is recorded, and an off-session charge the bank refused recorded as the account's debt.

Written in the transaction that records the payment's result, so each happens exactly once.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy.orm import Session as DbSession

from kiosk.store import models

ACCOUNT_REF = "acct:"  # an account payment's provider reference: acct:<account id>


def account_of(db: DbSession, ref: str | None) -> models.Account | None:
    if not ref or not ref.startswith(ACCOUNT_REF):
        return None
    return db.get(models.Account, ref.removeprefix(ACCOUNT_REF))


def debit(db: DbSession, ref: str | None, amount: Decimal, at: datetime) -> None:
    _change(db, ref, at, "account.debit", amount, balance=-amount)


def owe(db: DbSession, ref: str | None, amount: Decimal, at: datetime) -> None:
    _change(db, ref, at, "account.unpaid", amount, debt=amount)


def _change(
    db: DbSession,
    ref: str | None,
    at: datetime,
    action: str,
    amount: Decimal,
    *,
    balance: Decimal = Decimal(0),
    debt: Decimal = Decimal(0),
) -> None:
    account = account_of(db, ref)
    if account is None:
        return
    account.balance += balance
    account.unpaid_debt += debt
    db.add(
        models.AuditEntry(
            at=at, actor="engine", action=action, subject=account.id, detail={"amount": str(amount)}
        )
    )
