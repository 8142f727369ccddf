"""Who may sign in: accounts, the roles each holds per zone, and tokens for scripts.

Accounts are not zoned: one person signs in once and works in the zones they hold a role in.
A password is stored only as its argon2 hash; a token only as its sha256.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, Unicode
from sqlalchemy.orm import Mapped, mapped_column

from carma_logistiek.db.models.common import ZONE_CODE_LENGTH, Base, UTCDateTime, utc_now

USERNAME_LENGTH = 64


class Account(Base):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Stored lower-case: "JPeeters" and "jpeeters" are one person.
    username: Mapped[str] = mapped_column(Unicode(USERNAME_LENGTH), unique=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_members.id"), index=True)
    full_name: Mapped[str] = mapped_column(Unicode(120))
    # None for demo accounts (they sign in without one) and never the clear text.
    password_hash: Mapped[str | None] = mapped_column(Unicode(255))
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    home_zone: Mapped[str] = mapped_column(Unicode(ZONE_CODE_LENGTH))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AccountRole(Base):
    """A role an account holds in a zone. Holding any role in a zone is being granted it."""

    __tablename__ = "account_roles"

    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    zone: Mapped[str] = mapped_column(Unicode(ZONE_CODE_LENGTH), primary_key=True)
    role: Mapped[str] = mapped_column(Unicode(32), primary_key=True)


class AccountToken(Base):
    """A token a script signs in with. The token is shown once; only its sha256 is kept."""

    __tablename__ = "account_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    name: Mapped[str] = mapped_column(Unicode(80))
    token_hash: Mapped[str] = mapped_column(Unicode(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
