"""What can go wrong with an encrypted file or a passphrase, in words for the person.

Raised by :mod:`recovery_tui.crypto` (which re-exports them: import them from there) and by
:mod:`recovery_tui.passphrases`.
"""

from __future__ import annotations

WRONG_PASSPHRASE = "That passphrase does not open this plan."


class CryptoError(Exception):
    """Why a file could not be encrypted or opened; the message is meant for the person."""


class WrongPassphrase(CryptoError):
    """The passphrase (or key) is not the one this file was encrypted with."""

    def __init__(self) -> None:
        super().__init__(WRONG_PASSPHRASE)


class DamagedFile(CryptoError):
    """The envelope is cut short or a byte of it changed; ``detail`` says where."""

    def __init__(self, detail: str) -> None:
        self.detail = detail
        super().__init__(f"the file is damaged ({detail})")


class NewerFormat(CryptoError):
    """An intact envelope of a version this recovery-tui does not know."""

    def __init__(self, version: object) -> None:
        super().__init__(
            f"it was encrypted by a newer recovery-tui (envelope version {version}); "
            "please update recovery-tui"
        )


class EncryptionUnavailable(CryptoError):
    """The optional ``cryptography`` package is not installed."""

    def __init__(self) -> None:
        super().__init__(
            "Encryption needs the 'cryptography' package, which is not installed. "
            "Install it with: pip install cryptography"
        )


class NoPassphrase(CryptoError):
    """The person gave no usable passphrase (empty, mismatched or no terminal)."""
