"""What `staff add` accepts as a password, and the argon2 hasher behind it."""

from __future__ import annotations

import pytest

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
