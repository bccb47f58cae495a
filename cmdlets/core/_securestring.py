"""The text formats of ConvertFrom-SecureString / ConvertTo-SecureString.

Without a key, PowerShell 7 on Linux has no DPAPI: the "encrypted standard string" is the hex of
the secret's UTF-16LE bytes (reversible by anyone; PowerShell documents it as not secure there).

With -Key/-SecureKey PowerShell uses AES-CBC (PKCS7) and this layout
(SecureStringHelper.cs): a fixed 32-character marker, then Base64 of the UTF-16LE text
``2|<Base64 IV>|<hex ciphertext>``.
"""
from __future__ import annotations

import base64
import binascii
import os

MARKER = "76492d1116743f0423413b16050a5345"
VALID_KEY_LENGTHS = (16, 24, 32)


class SecureStringFormatError(ValueError):
    pass


class SecureStringKeyError(ValueError):
    pass


def protect_without_key(plain: str) -> str:
    return plain.encode("utf-16-le").hex()


def unprotect_without_key(text: str) -> str:
    text = text.strip()
    if len(text) % 4:
        raise SecureStringFormatError("Input string was not in a correct format.")
    try:
        return bytes.fromhex(text).decode("utf-16-le")
    except (ValueError, UnicodeDecodeError):
        raise SecureStringFormatError("Input string was not in a correct format.")


def _check_key(key: bytes):
    if len(key) not in VALID_KEY_LENGTHS:
        raise SecureStringKeyError("The specified key is not valid. Valid key length settings "
                                   "are either 128 bits, 192 bits, or 256 bits.")


def encrypt_with_key(plain: str, key: bytes, iv: bytes | None = None) -> str:
    from cryptography.hazmat.primitives import padding
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
    _check_key(key)
    iv = iv or os.urandom(16)
    padder = padding.PKCS7(128).padder()
    data = padder.update(plain.encode("utf-16-le")) + padder.finalize()
    enc = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    cipher = enc.update(data) + enc.finalize()
    inner = "2|" + base64.b64encode(iv).decode("ascii") + "|" + cipher.hex()
    return MARKER + base64.b64encode(inner.encode("utf-16-le")).decode("ascii")


def decrypt_with_key(text: str, key: bytes) -> str:
    from cryptography.hazmat.primitives import padding
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
    _check_key(key)
    text = text.strip()
    if not text.startswith(MARKER):
        raise SecureStringFormatError("Input string was not in a correct format.")
    try:
        inner = base64.b64decode(text[len(MARKER):], validate=True).decode("utf-16-le")
        version, iv_b64, cipher_hex = inner.split("|")
        if version != "2":
            raise ValueError
        iv = base64.b64decode(iv_b64)
        cipher = bytes.fromhex(cipher_hex)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise SecureStringFormatError("Input string was not in a correct format.")
    try:
        dec = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        data = dec.update(cipher) + dec.finalize()
        unpadder = padding.PKCS7(128).unpadder()
        plain = unpadder.update(data) + unpadder.finalize()
        return plain.decode("utf-16-le")
    except (ValueError, UnicodeDecodeError):
        # what .NET reports for a wrong key (the padding check fails)
        raise SecureStringKeyError("Padding is invalid and cannot be removed.")


def key_bytes(key) -> bytes:
    """-Key byte[] (a list of ints or bytes)."""
    if isinstance(key, (bytes, bytearray)):
        return bytes(key)
    out = bytearray()
    for b in key:
        b = int(b)
        if not 0 <= b <= 255:
            raise SecureStringKeyError("Value was either too large or too small for an "
                                       "unsigned byte.")
        out.append(b)
    return bytes(out)


def secure_key_bytes(secure) -> bytes:
    """-SecureKey: the SecureString's UTF-16LE bytes are the key."""
    return secure.reveal().encode("utf-16-le")
