"""The rules of accounts as plain Python: user names, passwords, the lockout, tokens.
(argon2 is slow on purpose: only a few tests hash.)"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest

from carma_logistiek.domain.accounts import (
    LOCK_DURATION,
    MAX_FAILED_ATTEMPTS,
    AccountLocked,
    InvalidStaffNumber,
    InvalidUsername,
    Lockout,
    PasswordIsUsername,
    PasswordOnlyDigits,
    PasswordTooLong,
    PasswordTooShort,
    SignInRefused,
    WrongCredentials,
    check_password,
    clean_full_name,
    clean_staff_number,
    clean_username,
    hash_password,
    hasher,
    new_token,
    temporary_password,
    token_hash,
    verify_password,
)
from carma_logistiek.domain.errors import DomainError

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(("typed", "stored"), [
    ("JPeeters", "jpeeters"), ("  an.peeters ", "an.peeters"), ("k-2_b", "k-2_b"),
    ("0123", "0123"),
])
def test_user_names_are_stored_lower_case_and_trimmed(typed: str, stored: str) -> None:
    assert clean_username(typed) == stored


@pytest.mark.parametrize("typed", ["", "a", ".an", "an peeters", "an@zone", "é" * 3, "x" * 65])
def test_user_names_outside_the_rules_are_refused_with_a_sentence(typed: str) -> None:
    with pytest.raises(InvalidUsername) as refused:
        clean_username(typed)
    assert "gebruikersnaam" in refused.value.message()


@pytest.mark.parametrize(("password", "error"), [
    ("kort", PasswordTooShort),
    ("123456789", PasswordTooShort),
    ("1234567890123", PasswordOnlyDigits),
    ("AnPeeters1", PasswordIsUsername),
    ("x" * 257, PasswordTooLong),
])
def test_passwords_outside_the_rules_are_refused(password: str, error: type[DomainError]) -> None:
    with pytest.raises(error):
        check_password(password, username="anpeeters1")


def test_a_good_password_passes_and_the_sentence_says_the_minimum() -> None:
    check_password("paard-batterij-nietje", username="an.peeters")
    with pytest.raises(PasswordTooShort) as refused:
        check_password("abc", username="an.peeters")
    assert "minstens 10 tekens" in refused.value.message()


def test_temporary_passwords_pass_the_rules_and_differ() -> None:
    made = {temporary_password() for _ in range(50)}
    assert len(made) == 50
    for password in made:
        check_password(password, username="an.peeters")
        assert not set(password) & set("0O1lI")  # nothing to misread from paper


def test_a_hash_verifies_its_password_only_and_never_holds_it() -> None:
    stored = hash_password("paard-batterij-nietje")
    assert "paard" not in stored and stored.startswith("$argon2id$")
    assert verify_password(stored, "paard-batterij-nietje").matches
    assert not verify_password(stored, "Paard-batterij-nietje").matches
    assert not verify_password(None, "anything at all").matches  # a demo account
    assert not verify_password("not a hash", "anything at all").matches


def test_a_hash_made_with_older_parameters_is_renewed_at_sign_in() -> None:
    from argon2 import PasswordHasher

    old = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash("paard-batterij")
    assert hasher().check_needs_rehash(old)
    check = verify_password(old, "paard-batterij")
    assert check.matches and check.new_hash is not None
    assert not hasher().check_needs_rehash(check.new_hash)


def test_five_failures_in_a_row_lock_for_fifteen_minutes_then_five_more_tries() -> None:
    lockout = Lockout()
    for attempt in range(1, MAX_FAILED_ATTEMPTS):
        lockout = lockout.after_failure(NOW)
        assert (lockout.failed_attempts, lockout.is_locked(NOW)) == (attempt, False)
    lockout = lockout.after_failure(NOW)
    assert lockout.is_locked(NOW)
    assert lockout.locked_until == NOW + LOCK_DURATION == NOW + timedelta(minutes=15)
    assert lockout.is_locked(NOW + timedelta(minutes=14, seconds=59))
    assert not lockout.is_locked(NOW + LOCK_DURATION)
    assert lockout.after_failure(NOW + LOCK_DURATION).failed_attempts == 1


def test_a_success_starts_the_count_again() -> None:
    lockout = Lockout().after_failure(NOW).after_failure(NOW)
    assert Lockout.after_success() == Lockout(0, None)
    assert lockout.failed_attempts == 2


def test_the_lock_sentence_says_until_when_in_local_time() -> None:
    refused = AccountLocked.until(datetime(2026, 12, 3, 9, 15, tzinfo=UTC))
    assert isinstance(refused, SignInRefused)
    assert "tot 10:15" in refused.message()  # Brussels is UTC+1 in December


def test_unknown_name_and_wrong_password_share_one_sentence() -> None:
    assert WrongCredentials(limit=5).message().startswith(
        "Onbekende gebruikersnaam of verkeerd wachtwoord.")


def test_tokens_are_prefixed_random_and_kept_as_their_sha256() -> None:
    tokens = {new_token() for _ in range(20)}
    assert len(tokens) == 20
    for token in tokens:
        assert token.startswith("carma_") and len(token) == len("carma_") + 43
        assert token_hash(token) == hashlib.sha256(token.encode()).hexdigest()
        assert token_hash(f"  {token}\n") == token_hash(token)  # pasted with its line end


def test_staff_numbers_keep_their_leading_zeros() -> None:
    assert clean_staff_number(" 01209 ") == "01209"
    assert clean_staff_number("") is None and clean_staff_number(None) is None
    for bad in ("12a", "٣٣", "1" * 17):
        with pytest.raises(InvalidStaffNumber):
            clean_staff_number(bad)


def test_full_names_are_trimmed_and_required() -> None:
    assert clean_full_name("  An   Peeters ") == "An Peeters"
    with pytest.raises(DomainError):
        clean_full_name("   ")
