"""Application credential key -> encryption key and public fingerprint; SMTP password sealing.

    master      = scrypt(application credential key, farm salt, n, r, p)        (slow on purpose)
    K_enc       = HKDF-SHA256(master, info="spshell/v1/smtp-enc")              AES-256-GCM key
    K_check     = HKDF-SHA256(master, info="spshell/v1/key-check")
    fingerprint = HMAC-SHA256(K_check, "spshell/app-credential-key/check/v1")  (hex, public)

The fingerprint is what each server publishes to the farm store: equal fingerprints mean equal
keys, and it is computed under a key separate from K_enc, so publishing it reveals nothing about
the encryption key. Only the scrypt cost protects a weak key against offline guessing
(shell-ux §4.4).

Sealed secrets are ``v1.<base64url(nonce || ciphertext || tag)>``; the associated data binds a
ciphertext to its farm, row and the fingerprint of the key that sealed it, so a blob copied to
another row, or a fingerprint edited in the database, fails authentication.

The scrypt step runs at most once per process per (key, salt, parameters): derived keys are
cached under an HMAC of the key with a per-process random pepper, never under the key itself.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import os
import threading
from dataclasses import dataclass

DEFAULT_N = 2 ** 15
DEFAULT_R = 8
DEFAULT_P = 1
SALT_BYTES = 16
_FINGERPRINT_LABEL = b"spshell/app-credential-key/check/v1"
_VERSION = "v1"

_pepper = os.urandom(32)
_cache: dict[tuple, "DerivedKey"] = {}
_cache_lock = threading.Lock()
kdf_calls = 0  # how many times scrypt actually ran in this process (tests, benchmarks)


class IntegrityError(Exception):
    """A sealed blob failed authentication (wrong key, or modified data)."""


@dataclass(frozen=True)
class KdfParams:
    salt: bytes
    n: int = DEFAULT_N
    r: int = DEFAULT_R
    p: int = DEFAULT_P

    @staticmethod
    def new() -> "KdfParams":
        return KdfParams(os.urandom(SALT_BYTES))

    def encode(self) -> str:
        return f"scrypt${self.n}${self.r}${self.p}${base64.b64encode(self.salt).decode()}"

    @staticmethod
    def decode(text: str) -> "KdfParams":
        kind, n, r, p, salt = text.split("$")
        if kind != "scrypt":
            raise ValueError(f"unknown KDF {kind!r}")
        return KdfParams(base64.b64decode(salt), int(n), int(r), int(p))


class DerivedKey:
    __slots__ = ("_enc", "fingerprint")

    def __init__(self, enc: bytes, fingerprint: str):
        self._enc = enc
        self.fingerprint = fingerprint

    def __repr__(self):
        return f"DerivedKey(fingerprint={self.fingerprint[:12]}...)"

    def __reduce__(self):
        raise TypeError("DerivedKey cannot be serialized")


def _hkdf(master: bytes, info: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(master)


def _scrypt(secret: bytes, params: KdfParams) -> bytes:
    global kdf_calls
    kdf_calls += 1
    maxmem = 256 * params.r * params.n + (16 << 20)
    return hashlib.scrypt(secret, salt=params.salt, n=params.n, r=params.r, p=params.p,
                          maxmem=maxmem, dklen=32)


def derive(key_text: str, params: KdfParams) -> DerivedKey:
    secret = key_text.encode("utf-8")
    tag = (hmac.new(_pepper, secret, hashlib.sha256).digest(), params)
    with _cache_lock:
        hit = _cache.get(tag)
    if hit is not None:
        return hit
    master = _scrypt(secret, params)
    enc = _hkdf(master, b"spshell/v1/smtp-enc")
    check = _hkdf(master, b"spshell/v1/key-check")
    fp = hmac.new(check, _FINGERPRINT_LABEL, hashlib.sha256).hexdigest()
    dk = DerivedKey(enc, fp)
    with _cache_lock:
        _cache[tag] = dk
    return dk


def associated_data(purpose: str, farm_id: str, row_id: str, fingerprint: str) -> bytes:
    return "|".join(("spshell", purpose, "v1", farm_id, row_id, fingerprint)).encode("utf-8")


def seal(dk: DerivedKey, plaintext: str, aad: bytes) -> str:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    nonce = os.urandom(12)
    ct = AESGCM(dk._enc).encrypt(nonce, plaintext.encode("utf-8"), aad)
    return _VERSION + "." + base64.urlsafe_b64encode(nonce + ct).decode("ascii")


def open_sealed(dk: DerivedKey, blob: str, aad: bytes) -> str:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    try:
        version, _, body = blob.partition(".")
        if version != _VERSION:
            raise IntegrityError("unknown sealed-secret version")
        raw = base64.urlsafe_b64decode(body.encode("ascii"))
        if len(raw) < 12 + 16:
            raise IntegrityError("sealed secret is truncated")
        return AESGCM(dk._enc).decrypt(raw[:12], raw[12:], aad).decode("utf-8")
    except (InvalidTag, ValueError, UnicodeError) as exc:
        raise IntegrityError("authentication failed") from exc


# ---- farm passphrase: a verifier only, the passphrase itself is never stored -----------------

def passphrase_verifier(passphrase: str, params: KdfParams) -> str:
    master = _scrypt(passphrase.encode("utf-8"), params)
    return _hkdf(master, b"spshell/v1/farm-passphrase").hex()


def check_passphrase(passphrase: str, params: KdfParams, verifier: str) -> bool:
    return hmac.compare_digest(passphrase_verifier(passphrase, params), verifier)
