"""Staff passwords hashed with argon2id (argon2-cffi's defaults, RFC 9106's second choice)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError


class Argon2Passwords:
    """`bot.ports.PasswordHasher` with argon2id. Each hash carries its own salt and parameters,
    so raising the parameters later still verifies old hashes."""

    def __init__(self, hasher: PasswordHasher | None = None) -> None:
        self._hasher = hasher or PasswordHasher()
        # Verified against for unknown accounts, so they cost what a real check costs. Made by
        # the first check rather than here: a hash is a tenth of a second of CPU (and 64 MiB)
        # that every process building a runtime paid at start-up, though few ever sign anyone in.
        self._decoy: str | None = None

    def _decoy_hash(self) -> str:
        if self._decoy is None:
            self._decoy = self._hasher.hash("no account has this password")
        return self._decoy

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        # The first check of either kind makes the decoy, so that a process's first sign-in
        # takes as long for a known account as for an unknown one.
        self._decoy_hash()
        try:
            return self._hasher.verify(password_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def verify_nothing(self, password: str) -> None:
        self.verify(self._decoy_hash(), password)
