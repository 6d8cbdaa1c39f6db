"""Staff sign-in's cryptography: argon2 password hashes and HS256 bearer tokens.

Implements `bot.ports.PasswordHasher` and `bot.ports.TokenSigner`.
"""

from adapters.staff_auth.passwords import Argon2Passwords
from adapters.staff_auth.tokens import JwtTokens, token_key

__all__ = ["Argon2Passwords", "JwtTokens", "token_key"]
