"""Column-level encryption of message bodies (AES-256-GCM), with keys that rotate without downtime.

A `Keyring` holds every key still needed to read old rows; the first one encrypts. Each
ciphertext is stored with the id of the key that made it, so reading never guesses and a
rotation can tell when an old key has no rows left (`adapters.sql.rotation`).

Rotation: put the new key first in MESSAGE_ENCRYPTION_KEYS and restart (old rows still
read with the old key), run `patient-assistant rotate-keys`, then drop the old key.

Each ciphertext is bound to its row (associated data), so a body copied into another
row does not decrypt.
"""

from __future__ import annotations

import base64
import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

NONCE_BYTES = 12


class KeyringError(Exception):
    """A key is malformed or missing; the message says which and how to fix it."""


@dataclass(frozen=True)
class Sealed:
    """A ciphertext (URL-safe base64 of nonce + AES-GCM output) and the id of its key."""

    key_id: str
    token: str


def new_key() -> str:
    """A fresh key, as MESSAGE_ENCRYPTION_KEYS expects it (URL-safe base64 of 32 bytes)."""
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


def key_id_of(key: bytes) -> str:
    """A short public fingerprint of a key: safe to store and log, useless to decrypt."""
    return hashlib.sha256(b"patient-assistant key id\0" + key).hexdigest()[:12]


class Keyring:
    """Keys, newest first. `seal` uses the first; `open` uses whichever made the ciphertext."""

    def __init__(self, keys: Sequence[bytes]) -> None:
        if not keys:
            raise KeyringError(
                "no message encryption key; set MESSAGE_ENCRYPTION_KEYS or SECRET_KEY"
            )
        for key in keys:
            if len(key) != 32:
                raise KeyringError(f"a message encryption key has {len(key)} bytes; each needs 32")
        self._keys = {key_id_of(k): AESGCM(k) for k in keys}
        self.primary_id = key_id_of(keys[0])

    @classmethod
    def from_settings(cls, encryption_keys: str | None, secret_key: str) -> Keyring:
        """Keys from MESSAGE_ENCRYPTION_KEYS (comma-separated, newest first), else one derived
        from SECRET_KEY so the embedded default encrypts too."""
        if encryption_keys:
            try:
                keys = [
                    base64.urlsafe_b64decode(k.strip())
                    for k in encryption_keys.split(",")
                    if k.strip()
                ]
            except ValueError as e:
                raise KeyringError(
                    "MESSAGE_ENCRYPTION_KEYS must be URL-safe base64 keys, comma-separated"
                ) from e
            return cls(keys)
        derived = HKDF(
            algorithm=SHA256(), length=32, salt=None, info=b"patient-assistant message bodies"
        )
        return cls([derived.derive(secret_key.encode())])

    @property
    def key_ids(self) -> tuple[str, ...]:
        return tuple(self._keys)

    def seal(self, plaintext: str, row_id: str) -> Sealed:
        nonce = os.urandom(NONCE_BYTES)
        data = self._keys[self.primary_id].encrypt(nonce, plaintext.encode(), row_id.encode())
        return Sealed(self.primary_id, base64.urlsafe_b64encode(nonce + data).decode())

    def open(self, sealed: Sealed, row_id: str) -> str:
        cipher = self._keys.get(sealed.key_id)
        if cipher is None:
            raise KeyringError(
                f"row {row_id} is encrypted with key {sealed.key_id}, which is not configured; "
                "add it back to MESSAGE_ENCRYPTION_KEYS and run rotate-keys before removing it"
            )
        raw = base64.urlsafe_b64decode(sealed.token)
        try:
            return cipher.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], row_id.encode()).decode()
        except InvalidTag as e:
            raise KeyringError(
                f"row {row_id}: ciphertext does not verify (tampered or moved)"
            ) from e
