"""The rules of accounts, as plain Python: user names, passwords, the lockout, tokens.

A password is never kept or logged in clear: the database holds its argon2 hash
(argon2-cffi's ``PasswordHasher``, whose parameters travel in the hash, so a hash made with
older parameters is replaced at the next successful sign-in). A token for scripts is shown
once; the database holds its sha256.

Five failed sign-ins in a row lock an account for fifteen minutes; a sign-in that succeeds
starts the count again. Locking is per account, not per desk: a shared PostgreSQL serves many.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from carma_logistiek.clock import to_local
from carma_logistiek.domain.errors import DomainError, _error
from carma_logistiek.i18n import N_

USERNAME_LENGTH = 64
FULL_NAME_LENGTH = 120
PASSWORD_MIN_LENGTH = 10
# Far beyond any password a person types; keeps a pasted novel from costing a hash.
PASSWORD_MAX_LENGTH = 256
TOKEN_PREFIX = "carma_"

MAX_FAILED_ATTEMPTS = 5
LOCK_DURATION = timedelta(minutes=15)

_USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,63}")


# --- refusals -------------------------------------------------------------------------------


class SignInRefused(DomainError):
    """Signing in did not work; the sentence says why, as far as it is safe to say."""

    code = "SignInRefused"
    template = N_("Aanmelden is niet gelukt.")
    field: str | None = "password"


class WrongCredentials(SignInRefused):
    # One sentence for an unknown name and a wrong password: a guesser learns nothing.
    code = "WrongCredentials"
    template = N_("Onbekende gebruikersnaam of verkeerd wachtwoord. Let op hoofdletters; na "
                  "{limit} mislukte pogingen wordt de gebruiker een kwartier vergrendeld.")


class AccountLocked(SignInRefused):
    code = "AccountLocked"
    template = N_("Deze gebruiker is vergrendeld na te veel mislukte pogingen, tot {until}. "
                  "Probeer daarna opnieuw, of vraag een beheerder het wachtwoord te herstellen.")

    @classmethod
    def until(cls, locked_until: datetime) -> AccountLocked:
        return cls(until=to_local(locked_until).strftime("%H:%M"))


class AccountInactive(SignInRefused):
    code = "AccountInactive"
    template = N_("Gebruiker {username} is uitgeschakeld. Vraag een beheerder om hem weer "
                  "te activeren.")


class NoRoleInZone(SignInRefused):
    code = "NoRoleInZone"
    template = N_("Gebruiker {username} heeft geen rol in zone {zone}. Vraag een beheerder om "
                  "een rol, of kies een andere zone.")
    field = "zone"


class WrongToken(SignInRefused):
    code = "WrongToken"
    template = N_("Dit token is onbekend of ingetrokken. Vraag een beheerder een nieuw token "
                  "(carma-logistiek users token create).")
    field = "token"


class NotADemoDatabase(SignInRefused):
    code = "NotADemoDatabase"
    template = N_("Deze databank is geen demodatabank: meld u aan met uw eigen gebruiker.")
    field = None


class TrustedSignInRefused(SignInRefused):
    code = "TrustedSignInRefused"
    template = N_("Aanmelden met de aanmelding van het besturingssysteem kan enkel op een "
                  "eigen SQLite-databank op deze pc, niet op een gedeelde databankserver. Zet "
                  "'trust_os_login' uit in settings.json en meld u aan met uw wachtwoord.")
    field = None


InvalidUsername = _error(
    "InvalidUsername",
    N_("De gebruikersnaam '{value}' kan niet: gebruik 2 tot 64 kleine letters, cijfers, '.', "
       "'-' of '_', te beginnen met een letter of cijfer."),
    "username",
)
FullNameRequired = _error(
    "FullNameRequired", N_("Vul de volledige naam in (hoogstens 120 tekens)."), "full_name"
)
PasswordTooShort = _error(
    "PasswordTooShort",
    N_("Het wachtwoord moet minstens {minimum} tekens lang zijn (dit heeft er {length})."),
    "password",
)
PasswordTooLong = _error(
    "PasswordTooLong",
    N_("Het wachtwoord is te lang: hoogstens {maximum} tekens."),
    "password",
)
PasswordIsUsername = _error(
    "PasswordIsUsername",
    N_("Het wachtwoord mag niet de gebruikersnaam zijn. Kies iets wat een ander niet raadt."),
    "password",
)
PasswordOnlyDigits = _error(
    "PasswordOnlyDigits",
    N_("Het wachtwoord mag niet enkel uit cijfers bestaan: voeg letters of tekens toe."),
    "password",
)
PasswordUnchanged = _error(
    "PasswordUnchanged",
    N_("Het nieuwe wachtwoord is hetzelfde als het huidige. Kies een ander."),
    "new",
)
WrongCurrentPassword = _error(
    "WrongCurrentPassword",
    N_("Het huidige wachtwoord klopt niet; er werd niets gewijzigd."),
    "current",
)
UnknownAccount = _error(
    "UnknownAccount", N_("Er is geen gebruiker '{username}'."), "username"
)
DuplicateAccount = _error(
    "DuplicateAccount", N_("De gebruiker '{username}' bestaat al."), "username"
)
AccountsExist = _error(
    "AccountsExist",
    N_("Deze databank heeft al gebruikers: een beheerder maakt nieuwe gebruikers aan."),
)
FirstAccountMustBeAdmin = _error(
    "FirstAccountMustBeAdmin",
    N_("De eerste gebruiker van een databank moet beheerder zijn, anders kan niemand nog "
       "gebruikers aanmaken: geef de rol beheerder."),
    "roles",
)
LastAdmin = _error(
    "LastAdmin",
    N_("{username} is de laatste actieve beheerder van zone {zone}: geef eerst iemand anders "
       "de rol beheerder."),
    "roles",
)
NotAdminOfZone = _error(
    "NotAdminOfZone",
    N_("U bent geen beheerder van zone {zone}: enkel een beheerder van die zone kent er "
       "rollen toe."),
    "zone",
)
UnknownZone = _error("UnknownZone", N_("Onbekende zone: '{zone}'."), "zone")
RoleRequired = _error(
    "RoleRequired", N_("Geef minstens één rol."), "roles"
)
UnknownToken = _error("UnknownToken", N_("Er is geen token met nummer {token_id}."), "token")
MustChangePassword = _error(
    "MustChangePassword",
    N_("Uw wachtwoord is tijdelijk: kies eerst een nieuw (carma-logistiek users passwd)."),
    "password",
)
UnknownStaffNumber = _error(
    "UnknownStaffNumber",
    N_("Er is geen personeelslid met nummer {number} in zone {zone}. Voeg het eerst toe aan "
       "het personeelsregister, of laat het nummer leeg."),
    "staff_number",
)
InvalidStaffNumber = _error(
    "InvalidStaffNumber",
    N_("Een personeelsnummer bestaat uit 1 tot 16 cijfers (u gaf '{number}')."),
    "staff_number",
)
CannotDeactivateSelf = _error(
    "CannotDeactivateSelf",
    N_("U kunt uzelf niet uitschakelen; vraag het aan een andere beheerder."),
    "username",
)


# --- user names and passwords ---------------------------------------------------------------


def clean_username(value: str) -> str:
    """The user name as stored: trimmed and lower-case; refused when it breaks the rules."""
    username = value.strip().lower()
    if not _USERNAME.fullmatch(username):
        raise InvalidUsername(value=value.strip())
    return username


def clean_staff_number(value: str | None) -> str | None:
    """A staff number as stored (its leading zeros kept), or None when none is given."""
    number = (value or "").strip()
    if not number:
        return None
    if not number.isdigit() or not number.isascii() or len(number) > 16:
        raise InvalidStaffNumber(number=number)
    return number


def clean_full_name(value: str) -> str:
    name = " ".join(value.split())
    if not name or len(name) > FULL_NAME_LENGTH:
        raise FullNameRequired()
    return name


def check_password(password: str, *, username: str) -> None:
    """At least ten characters, not the user name, not only digits."""
    if len(password) < PASSWORD_MIN_LENGTH:
        raise PasswordTooShort(minimum=PASSWORD_MIN_LENGTH, length=len(password))
    if len(password) > PASSWORD_MAX_LENGTH:
        raise PasswordTooLong(maximum=PASSWORD_MAX_LENGTH)
    if password.strip().lower() == username.strip().lower():
        raise PasswordIsUsername()
    if password.isdigit():
        raise PasswordOnlyDigits()


# Letters and digits that cannot be mistaken for each other when read aloud or copied from
# paper (no 0/O, 1/l/I).
_READABLE = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def temporary_password() -> str:
    """A password an admin hands over; the account must change it at its next sign-in.
    Three groups of four readable characters ("k7Pm-q2Xa-9RtE"): 14 characters, ~71 bits."""
    groups = ("".join(secrets.choice(_READABLE) for _ in range(4)) for _ in range(3))
    return "-".join(groups)


@cache
def hasher() -> PasswordHasher:
    return PasswordHasher()


def hash_password(password: str) -> str:
    return hasher().hash(password)


@dataclass(frozen=True)
class PasswordCheck:
    matches: bool
    # A new hash to store when the stored one used older parameters (argon2's rehash).
    new_hash: str | None = None


def verify_password(stored_hash: str | None, password: str) -> PasswordCheck:
    """Does ``password`` match ``stored_hash``? An account without a hash (a demo account)
    matches no password."""
    if not stored_hash or len(password) > PASSWORD_MAX_LENGTH:
        return PasswordCheck(False)
    try:
        hasher().verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return PasswordCheck(False)
    if hasher().check_needs_rehash(stored_hash):
        return PasswordCheck(True, hash_password(password))
    return PasswordCheck(True)


# --- the lockout ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Lockout:
    """An account's failed attempts in a row and, once there were too many, until when it is
    locked."""

    failed_attempts: int = 0
    locked_until: datetime | None = None

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def after_failure(self, now: datetime) -> Lockout:
        """The fifth failure in a row locks for fifteen minutes and starts the count again,
        so after the lock there are five more tries."""
        failed = self.failed_attempts + 1
        if failed >= MAX_FAILED_ATTEMPTS:
            return Lockout(0, now + LOCK_DURATION)
        return Lockout(failed, None)

    @staticmethod
    def after_success() -> Lockout:
        return Lockout()


# --- tokens ---------------------------------------------------------------------------------


def new_token() -> str:
    """A token for a script: "carma_" and 32 random bytes (43 URL-safe characters)."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """What the database keeps of a token: its sha256 in hex."""
    return hashlib.sha256(token.strip().encode("utf-8")).hexdigest()

