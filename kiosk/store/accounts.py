"""Membership accounts read from the database for the payment providers (read-only).

Workers on the network pool may read; only the engine writes (balances, unpaid debt).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.adapters.payments.accounts import Account, AccountKind
from kiosk.store import models


class DbAccountStore:
    def __init__(self, sessions: sessionmaker[Session], *, currency: str) -> None:
        self._sessions = sessions
        self._currency = currency

    def find_by_token(self, token_hmac: str) -> Account | None:
        with self._sessions() as db:
            row = db.scalar(select(models.Account).where(models.Account.token_hmac == token_hmac))
            return self._account(row) if row else None

    def get(self, account_id: str) -> Account | None:
        with self._sessions() as db:
            row = db.get(models.Account, account_id)
            return self._account(row) if row else None

    def _account(self, row: models.Account) -> Account:
        return Account(
            id=row.id,
            kind=AccountKind(row.kind),
            currency=self._currency,
            balance=row.balance,
            credit_limit=row.credit_limit,
            blocked=row.blocked,
            unpaid_debt=row.unpaid_debt,
            stripe_customer_id=row.stripe_customer_id,
            payment_method_id=row.payment_method_id,
        )
