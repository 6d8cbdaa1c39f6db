"""Staff bearer tokens: JWTs signed with HS256 under a key derived from SECRET_KEY.

The key is derived (HKDF) rather than SECRET_KEY itself, so a token never signs with the
same key the pay links or the message encryption use. Only HS256 is accepted when reading:
a token naming another algorithm (`none`, RS256 with our key as "public key") is refused.
"""

from __future__ import annotations

from typing import Any

import jwt
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from bot.ports import InvalidToken

ALGORITHM = "HS256"
#: Every token carries these; one without any of them is refused.
REQUIRED = ("sub", "practice", "role", "jti", "iat", "exp")


def token_key(secret_key: str) -> bytes:
    """The signing key of staff tokens, derived from SECRET_KEY."""
    hkdf = HKDF(algorithm=SHA256(), length=32, salt=None, info=b"patient-assistant staff tokens")
    return hkdf.derive(secret_key.encode("utf-8"))


class JwtTokens:
    """`bot.ports.TokenSigner`: sign claims, read back only tokens signed with this key."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    def sign(self, claims: dict[str, Any]) -> str:
        return jwt.encode(claims, self._key, algorithm=ALGORITHM)

    def read(self, token: str) -> dict[str, Any]:
        try:
            # Expiry is judged by the caller's clock (tests and `--now` move it), not here.
            claims: dict[str, Any] = jwt.decode(
                token,
                self._key,
                algorithms=[ALGORITHM],
                options={
                    "require": list(REQUIRED),
                    "verify_exp": False,
                    "verify_iat": False,
                    "verify_nbf": False,
                },
            )
        except jwt.InvalidTokenError as e:
            raise InvalidToken(type(e).__name__) from e
        return claims
