"""What `staff add` accepts as a password, and the argon2 hasher behind it."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from adapters.staff_auth import Argon2Passwords
from bot.staff_accounts import password_problem

EMAIL = "carla@riverside.example"


@pytest.mark.parametrize(
    ("password", "why"),
    [
        pytest.param("", "empty", id="empty"),
        pytest.param("   \t ", "empty", id="blank"),
        pytest.param("tulips", "shorter than 12", id="short"),
        pytest.param("aaaaaaaaaaaaaaaa", "different characters", id="repetitive"),
        pytest.param("Password1234", "commonly used", id="common"),
        pytest.param("123456789012", "commonly used", id="digits"),
        pytest.param("carla-riverside-2026", "email's name", id="the-email"),
        pytest.param("x" * 1025, "longer than 1024", id="huge"),
    ],
)
def test_weak_passwords_are_refused_with_the_reason(password: str, why: str) -> None:
    problem = password_problem(password, EMAIL)
    assert problem is not None and why in problem


def test_a_long_uncommon_password_will_do() -> None:
    assert password_problem("seven tulips by the window", EMAIL) is None


def test_argon2_hashes_are_salted_and_verify_only_their_password() -> None:
    passwords = Argon2Passwords()
    first, second = passwords.hash("seven tulips"), passwords.hash("seven tulips")
    assert first != second and first.startswith("$argon2id$")
    assert passwords.verify(first, "seven tulips") and passwords.verify(second, "seven tulips")
    assert not passwords.verify(first, "seven tulip")
    assert not passwords.verify("not a hash", "seven tulips")
    passwords.verify_nothing("anything")  # spends the time, answers nothing


class CountingHasher(PasswordHasher):
    """argon2's own hasher, counting the hashes it makes."""

    made = 0

    def hash(self, password: str | bytes, *, salt: bytes | None = None) -> str:
        self.made += 1
        return super().hash(password, salt=salt)


def test_the_decoy_is_made_by_the_first_check_not_at_start_up() -> None:
    """A process that signs no one in (a worker, `chat`) spends no hash on the decoy; the first
    check of either kind makes it, so a known account's first sign-in costs what an unknown's does."""
    known, unknown = CountingHasher(), CountingHasher()
    for_known, for_unknown = Argon2Passwords(known), Argon2Passwords(unknown)
    assert known.made == unknown.made == 0
    stored = known.hash("seven tulips")
    assert for_known.verify(stored, "seven tulips")
    for_unknown.verify_nothing("seven tulips")
    assert known.made == 2 and unknown.made == 1  # the stored hash, then each its decoy
    for_known.verify_nothing("x")
    assert for_known.verify(stored, "seven tulips")
    assert known.made == 2  # made once
