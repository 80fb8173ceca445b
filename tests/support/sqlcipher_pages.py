"""Test-only: decrypt every page of a SQLCipher 4 file, free pages included, to scan its bytes.

SQLite's own reading (and sqlcipher_export) only shows live rows; erasure must also leave
nothing in free pages. SQLCipher 4 defaults: the first 16 bytes of the file are the salt;
the key is PBKDF2-HMAC-SHA512(passphrase, salt, 256,000 iterations, 32 bytes); each
4096-byte page is AES-256-CBC encrypted, with the IV (16 bytes) and an HMAC (64 bytes) in
the page's last 80 bytes; page 1's first 16 bytes are the salt instead of data.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE_SIZE = 4096
RESERVE = 80
KDF_ITERATIONS = 256_000


def decrypted_pages(path: Path, passphrase: str) -> bytes:
    data = path.read_bytes()
    salt = data[:16]
    key = hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, KDF_ITERATIONS, 32)
    plain = bytearray()
    for start in range(0, len(data), PAGE_SIZE):
        page = data[start : start + PAGE_SIZE]
        offset = 16 if start == 0 else 0
        iv = page[PAGE_SIZE - RESERVE : PAGE_SIZE - RESERVE + 16]
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        body = page[offset : PAGE_SIZE - RESERVE]
        plain += decryptor.update(body) + decryptor.finalize()
    return bytes(plain)
