"""The key from a passphrase: scrypt, its settings, and how a file's header names them.

Current guidance (OWASP) for scrypt is N=2**17, r=8, p=1, or the same work as N=2**16, r=8,
p=2. One scrypt of N=2**17 takes about 0.5 s on a small 2-core server, and opening a 10-year
plan 0.1 s more: over the half second an unlock should take. So new files use **lanes**: two
scrypt computations of N=2**16, r=8, p=1 (64 MiB each), one per core at the same time (each
with the salt followed by its lane number), joined with PBKDF2-HMAC-SHA256 as scrypt joins
its own p blocks. Someone guessing passphrases pays both lanes for every guess, the work of
N=2**16, r=8, p=2; the person waits for one lane on a machine with two cores.

A header of version 1 names plain scrypt (``"kdf": "scrypt"``: one lane); version 2 names
``"kdf": "scrypt-lanes"`` with a ``"lanes"`` field. Both open; the settings are read from
each file, so older files keep opening as the defaults rise.
"""

from __future__ import annotations

import hashlib
import threading
import unicodedata
from dataclasses import dataclass
from typing import Any

MAX_MEMORY = 256 * 2**20  # what a tampered header may make us allocate (lanes * 128 * r * n)
MAX_LANES = 4
OUTPUT_SIZE = 64  # the AES-256 key, then the passphrase check value
KDF_NAMES = {1: "scrypt", 2: "scrypt-lanes"}  # by envelope version


@dataclass(frozen=True)
class ScryptParams:
    """scrypt's cost settings, stored in every file so they can be raised later."""

    n: int = 2**16
    r: int = 8
    p: int = 1
    lanes: int = 1

    def __post_init__(self) -> None:
        n, r, p, lanes = self.n, self.r, self.p, self.lanes
        if any(type(v) is not int for v in (n, r, p, lanes)):
            raise ValueError("scrypt settings must be whole numbers")
        if not (2 <= n <= 2**20 and n & (n - 1) == 0):
            raise ValueError(f"scrypt n must be a power of two from 2 to 2**20, not {n}")
        if not (1 <= r <= 32 and 1 <= p <= 16 and 1 <= lanes <= MAX_LANES):
            raise ValueError(f"scrypt r={r}, p={p}, lanes={lanes} are out of range")
        if lanes * 128 * r * n > MAX_MEMORY:
            raise ValueError(f"scrypt n={n}, r={r}, lanes={lanes} would take too much memory")

    @property
    def version(self) -> int:
        """The envelope version whose header can name these settings."""
        return 1 if self.lanes == 1 else 2


DEFAULT_PARAMS = ScryptParams(n=2**16, r=8, p=1, lanes=2)  # the work of N=2**17 (OWASP)


def header_fields(params: ScryptParams) -> dict[str, Any]:
    """The header's fields that name the method and its settings, in the file's order."""
    fields: dict[str, Any] = {"version": params.version, "kdf": KDF_NAMES[params.version]}
    fields.update(n=params.n, r=params.r, p=params.p)
    if params.version == 2:
        fields["lanes"] = params.lanes
    return fields


def params_of(header: dict[str, Any]) -> ScryptParams:
    """The settings a header names (its version and kdf already checked); ValueError when
    they are out of range."""
    params = ScryptParams(header["n"], header["r"], header["p"], header.get("lanes", 1))
    if header["version"] == 2 and params.lanes < 2:
        raise ValueError("a version 2 header has two lanes or more")
    return params


def derive(passphrase: str, salt: bytes, params: ScryptParams) -> bytes:
    """The 64 bytes made of ``passphrase``: the AES key, then the check value. ImportError
    when the ``cryptography`` package is missing.

    The passphrase is NFC-normalised first, so the same words typed on another system (which
    may compose accents differently) give the same key."""
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    n, r, p = params.n, params.r, params.p
    if params.lanes == 1:
        return Scrypt(salt=salt, length=OUTPUT_SIZE, n=n, r=r, p=p).derive(secret)
    out: list[bytes] = [b""] * params.lanes

    def lane(i: int) -> None:  # scrypt lets go of the GIL: the lanes run side by side
        out[i] = Scrypt(salt=salt + bytes([i]), length=OUTPUT_SIZE, n=n, r=r, p=p).derive(secret)

    threads = [threading.Thread(target=lane, args=(i,)) for i in range(1, params.lanes)]
    for thread in threads:
        thread.start()
    lane(0)
    for thread in threads:
        thread.join()
    if not all(out):
        raise RuntimeError("a scrypt lane did not finish")
    return hashlib.pbkdf2_hmac("sha256", secret, b"".join(out), 1, OUTPUT_SIZE)
