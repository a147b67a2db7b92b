"""Encryption at rest: a passphrase-locked envelope around a file's bytes.

For people on shared machines. Pure bytes in, bytes out: this module never touches the disk,
so it can never leave plaintext there; the caller writes what :func:`encrypt` returns. The
envelope (laid out byte by byte in ``docs/file-format.md``) is a magic line, a small JSON
header (scrypt settings, salt, nonce, a passphrase check value), a SHA-256 of the header and
the AES-256-GCM ciphertext with its tag. The whole header is the cipher's associated data, so
any changed byte anywhere is caught.

Two questions a person needs answered apart: "did I mistype?" and "is my file broken?". GCM
alone cannot tell them apart, so the header carries a check value (the second half of the
scrypt output) and its own SHA-256: a header that fails its SHA-256 is damage; a check value
that differs is the wrong passphrase; a good check value with a failing tag is damage.

``cryptography`` is imported inside the functions that need it, so people who never encrypt
pay nothing at start-up (and need not have it installed).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from recovery_tui import kdf
from recovery_tui.crypto_errors import WRONG_PASSPHRASE as WRONG_PASSPHRASE
from recovery_tui.crypto_errors import CryptoError as CryptoError
from recovery_tui.crypto_errors import DamagedFile as DamagedFile
from recovery_tui.crypto_errors import EncryptionUnavailable as EncryptionUnavailable
from recovery_tui.crypto_errors import NewerFormat as NewerFormat
from recovery_tui.crypto_errors import NoPassphrase as NoPassphrase
from recovery_tui.crypto_errors import WrongPassphrase as WrongPassphrase
from recovery_tui.kdf import DEFAULT_PARAMS as DEFAULT_PARAMS
from recovery_tui.kdf import ScryptParams as ScryptParams

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"RTUIENC1\n"  # 'R' can't start JSON (nor a UTF-8 BOM), so no plan file looks like this
VERSION = 2  # the newest envelope this reads: 1 (scrypt) and 2 (scrypt lanes); see kdf.py
CIPHER = "AES-256-GCM"
SALT_SIZE = 16
NONCE_SIZE = 12
TAG_SIZE = 16
KEY_SIZE = 32  # the AES-256 key: the first half of the scrypt output
CHECK_SIZE = 32  # the passphrase check value: the second half
DIGEST_SIZE = 32  # SHA-256 of everything before it
MAX_HEADER = 1024  # the header is about 230 bytes; more means the length field is damaged
_LENGTH_SIZE = 2
_HEADER_START = len(MAGIC) + _LENGTH_SIZE
_V1_KEYS = frozenset({"version", "kdf", "n", "r", "p", "salt", "check", "cipher", "nonce"})
_HEADER_KEYS = {1: _V1_KEYS, 2: _V1_KEYS | {"lanes"}}


def is_encrypted(data: bytes) -> bool:
    """True when ``data`` is an envelope (so it must not be parsed as JSON)."""
    return data.startswith(MAGIC)


def derive_key(passphrase: str, salt: bytes, n: int, r: int, p: int, lanes: int = 1) -> bytes:
    """The 64 bytes made of ``passphrase`` (:mod:`recovery_tui.kdf`): the AES key, then the
    check value. Settings out of range (a tampered header) are refused before any work."""
    params = ScryptParams(n, r, p, lanes)  # refuse settings that would take all memory
    try:
        return kdf.derive(passphrase, salt, params)
    except ImportError:
        raise EncryptionUnavailable() from None


class Key:
    """A key derived once per session, so each later save costs no scrypt.

    It keeps the salt and settings it was derived with: files written with it open with the
    same passphrase, and every file of one plan (plan, backups, versions) shares them, so one
    unlock opens them all. The secret is never in ``repr`` (it may reach a crash report).
    """

    __slots__ = ("_aead", "_secret", "check", "params", "salt")

    def __init__(self, material: bytes, salt: bytes, params: ScryptParams) -> None:
        if len(material) != KEY_SIZE + CHECK_SIZE or len(salt) != SALT_SIZE:
            raise ValueError("a key needs 64 bytes of scrypt output and a 16-byte salt")
        self._secret = material[:KEY_SIZE]
        self.check = material[KEY_SIZE:]
        self.salt = salt
        self.params = params
        self._aead: AESGCM | None = None

    @classmethod
    def new(cls, passphrase: str, params: ScryptParams = DEFAULT_PARAMS) -> Key:
        """A key with a fresh random salt: for turning encryption on or a new passphrase."""
        if not passphrase:
            raise ValueError("a passphrase can't be empty")
        return cls.derive(passphrase, os.urandom(SALT_SIZE), params)

    @classmethod
    def derive(cls, passphrase: str, salt: bytes, params: ScryptParams) -> Key:
        """The key ``passphrase`` makes with this salt and these settings (runs scrypt)."""
        material = derive_key(passphrase, salt, params.n, params.r, params.p, params.lanes)
        return cls(material, salt, params)

    def aead(self) -> AESGCM:
        """The AES-GCM cipher under this key, made once."""
        if self._aead is None:
            try:
                from cryptography.hazmat.primitives.ciphers.aead import AESGCM
            except ImportError:
                raise EncryptionUnavailable() from None
            self._aead = AESGCM(self._secret)
        return self._aead

    def __repr__(self) -> str:
        p = self.params
        return f"Key(scrypt n={p.n} r={p.r} p={p.p} lanes={p.lanes}, salt={self.salt.hex()})"


@dataclass(frozen=True)
class _Envelope:
    """An envelope whose header is intact and understood (not yet opened)."""

    params: ScryptParams
    salt: bytes
    check: bytes
    nonce: bytes
    associated: bytes  # everything before the ciphertext: what GCM authenticates with it
    sealed: bytes  # ciphertext, then the 16-byte tag


def encrypt(data: bytes, key: Key) -> bytes:
    """``data`` sealed in an envelope under ``key``, with a fresh random nonce.

    One key seals every save of a plan, each with a new random 96-bit nonce. That is safe for
    AES-GCM while nonces never repeat: NIST SP 800-38D allows 2**32 messages per key with
    random nonces (collision chance under 2**-32). A person saving 100 times a day for 10
    years seals about 2**18.5 files, a collision chance near 2**-60.
    """
    nonce = os.urandom(NONCE_SIZE)
    header = {
        **kdf.header_fields(key.params),
        "salt": key.salt.hex(),
        "check": key.check.hex(),
        "cipher": CIPHER,
        "nonce": nonce.hex(),
    }
    encoded = json.dumps(header, separators=(",", ":")).encode("ascii")
    head = MAGIC + len(encoded).to_bytes(_LENGTH_SIZE, "big") + encoded
    associated = head + hashlib.sha256(head).digest()
    return associated + key.aead().encrypt(nonce, data, associated)


def decrypt(data: bytes, passphrase_or_key: str | Key) -> bytes:
    """The plaintext in the envelope ``data``.

    Raises :class:`WrongPassphrase`, :class:`DamagedFile` or :class:`NewerFormat` (all
    :class:`CryptoError`); a header is checked before scrypt runs, so damage is reported at
    once. A key opens only files sealed with its salt and settings (the files of one plan).
    """
    envelope = _open_envelope(data)
    if isinstance(passphrase_or_key, Key):
        return _unseal(envelope, passphrase_or_key)
    return _unseal(envelope, Key.derive(passphrase_or_key, envelope.salt, envelope.params))


def salt_of(data: bytes) -> bytes | None:
    """The salt of the intact envelope ``data`` (None: plain, or a damaged envelope): files
    with one salt open with one passphrase."""
    try:
        return _open_envelope(data).salt
    except CryptoError:
        return None


def sealed_with(data: bytes, key: Key) -> bool:
    """Whether ``data`` is an intact envelope sealed with ``key`` (its salt, settings and
    check value), so it opens with it: no scrypt, nothing decrypted."""
    try:
        envelope = _open_envelope(data)
    except CryptoError:
        return False
    same = (envelope.salt, envelope.params) == (key.salt, key.params)
    return same and hmac.compare_digest(envelope.check, key.check)


def unlock(data: bytes, passphrase: str) -> tuple[bytes, Key]:
    """Open ``data`` with ``passphrase``; also return the key, to seal later saves with."""
    return _unlock_envelope(_open_envelope(data), passphrase)


def unlock_by_asking(
    data: bytes,
    ask: Callable[[], str],
    *,
    tries: int = 3,
    tell: Callable[[str], None] | None = None,
) -> tuple[bytes, Key]:
    """Like :func:`unlock`, asking for the passphrase (``ask()``) up to ``tries`` times.

    A damaged file is reported before anyone is asked to type anything; the last wrong
    passphrase's :class:`WrongPassphrase` reaches the caller.
    """
    envelope = _open_envelope(data)
    say = tell or _tell_stderr
    for _ in range(tries - 1):
        try:
            return _unlock_envelope(envelope, ask())
        except WrongPassphrase as error:
            say(str(error))
    return _unlock_envelope(envelope, ask())


def _unlock_envelope(envelope: _Envelope, passphrase: str) -> tuple[bytes, Key]:
    key = Key.derive(passphrase, envelope.salt, envelope.params)
    return _unseal(envelope, key), key


def _unseal(envelope: _Envelope, key: Key) -> bytes:
    """Check the key is the file's, then decrypt and authenticate."""
    same_settings = (key.salt, key.params) == (envelope.salt, envelope.params)
    if not (same_settings and hmac.compare_digest(key.check, envelope.check)):
        raise WrongPassphrase()
    aead = key.aead()
    from cryptography.exceptions import InvalidTag  # importable: aead() succeeded

    try:
        return aead.decrypt(envelope.nonce, envelope.sealed, envelope.associated)
    except InvalidTag:
        raise DamagedFile("its contents were changed or cut short") from None


def _open_envelope(data: bytes) -> _Envelope:
    """Split ``data`` into its parts; DamagedFile unless the framing and header are intact."""
    if not is_encrypted(data):
        raise DamagedFile("it does not begin as an encrypted recovery-tui file does")
    if len(data) < _HEADER_START:
        raise DamagedFile("it is cut short in its header")
    size = int.from_bytes(data[len(MAGIC) : _HEADER_START], "big")
    end = _HEADER_START + size
    body = end + DIGEST_SIZE
    if size > MAX_HEADER:
        raise DamagedFile("its header length is wrong")
    if len(data) < body + TAG_SIZE:
        raise DamagedFile("it is cut short")
    if not hmac.compare_digest(hashlib.sha256(data[:end]).digest(), data[end:body]):
        raise DamagedFile("its header does not match its checksum")
    header = _parse_header(data[_HEADER_START:end])
    try:
        params = kdf.params_of(header)
    except ValueError:
        raise DamagedFile("its scrypt settings are out of range") from None
    return _Envelope(
        params=params,
        salt=_hex(header, "salt", SALT_SIZE),
        check=_hex(header, "check", CHECK_SIZE),
        nonce=_hex(header, "nonce", NONCE_SIZE),
        associated=data[:body],
        sealed=data[body:],
    )


def _parse_header(raw: bytes) -> dict[str, Any]:
    """The header's fields, exactly those of its version (its checksum already matched)."""
    try:
        header = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise DamagedFile("its header is not readable") from None
    if not isinstance(header, dict):
        raise DamagedFile("its header is not readable")
    version = header.get("version")
    if type(version) is int and version > VERSION:
        raise NewerFormat(version)
    if type(version) is not int or version not in _HEADER_KEYS:
        raise DamagedFile("its header does not have the fields it should")
    if set(header) != _HEADER_KEYS[version]:
        raise DamagedFile("its header does not have the fields it should")
    if header["kdf"] != kdf.KDF_NAMES[version] or header["cipher"] != CIPHER:
        raise DamagedFile("its header names an unknown method")
    return header


def _hex(header: dict[str, Any], name: str, size: int) -> bytes:
    value = header[name]
    if not isinstance(value, str) or not re.fullmatch(f"[0-9a-f]{{{2 * size}}}", value):
        raise DamagedFile(f"its {name} is not {size} bytes of hex")
    return bytes.fromhex(value)


def _tell_stderr(message: str) -> None:
    print(message, file=sys.stderr)
