"""Passphrases: at least 8 characters and a plain word on strength for a new one; the key
from scrypt lanes (the work of OWASP's N=2**17) with older one-lane files still opening;
and the unlock time of a 10-year plan with the real settings (printed)."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterator

import pytest
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from recovery_tui import crypto, kdf
from recovery_tui.crypto import DamagedFile, Key, ScryptParams, decrypt, encrypt, unlock
from recovery_tui.passphrases import MIN_LENGTH, TOO_SHORT, ask_passphrase, strength

FAST_LANES = ScryptParams(n=2**4, r=8, p=1, lanes=2)
FAST_ONE = ScryptParams(n=2**4, r=8, p=1)
PLAIN = b'{"meta":{"1":{"schema_version":1}}}'


def asked(*answers: str) -> tuple[str, list[str]]:
    """What ask_passphrase(confirm=True) returns for these answers, and what it said."""
    told: list[str] = []
    typed: Iterator[str] = iter(answers)
    got = ask_passphrase(confirm=True, getpass=lambda prompt: next(typed), tell=told.append)
    return got, told


def test_a_new_passphrase_needs_eight_characters() -> None:
    got, told = asked("short", "seven77", "eight888", "eight888")
    assert got == "eight888" and MIN_LENGTH == 8
    assert told[:2] == [TOO_SHORT, TOO_SHORT]
    assert told[2].startswith("Strength: weak.")


def test_eight_characters_count_after_normalising() -> None:
    with pytest.raises(crypto.NoPassphrase):  # seven letters, one of them written as two
        asked("cafe\u0301abc", "cafe\u0301abc", "cafe\u0301abc")


@pytest.mark.parametrize(
    ("passphrase", "word"),
    [
        ("password", "weak"),
        ("12345678901234", "weak"),
        ("aaaaaaaaaaaaaaaaaaaaaa", "weak"),
        ("Tr0ub4dor&", "fair"),
        ("one two three", "fair"),
        ("sunflowermeadow", "fair"),
        ("correct horse battery staple", "strong"),
        ("a single very long passphrase", "strong"),
    ],
)
def test_the_strength_is_said_in_one_plain_word(passphrase: str, word: str) -> None:
    said = strength(passphrase)
    assert said.startswith(f"Strength: {word}.") and "\n" not in said


def test_an_existing_short_passphrase_still_opens() -> None:
    sealed = encrypt(PLAIN, Key.new("abc", FAST_ONE))  # set before the rule
    assert unlock(sealed, "abc")[0] == PLAIN


def test_lanes_are_scrypt_per_lane_joined_with_pbkdf2() -> None:
    key = Key.new("pass phrase", FAST_LANES)
    secret = b"pass phrase"
    lanes = b"".join(
        Scrypt(salt=key.salt + bytes([i]), length=64, n=2**4, r=8, p=1).derive(secret)
        for i in range(2)
    )
    material = hashlib.pbkdf2_hmac("sha256", secret, lanes, 1, 64)
    assert key.check == material[32:]
    assert decrypt(encrypt(PLAIN, key), "pass phrase") == PLAIN


def header(data: bytes) -> dict[str, object]:
    return dict(json.loads(data[11 : 11 + int.from_bytes(data[9:11], "big")]))


def test_one_lane_files_keep_the_version_1_header_and_open() -> None:
    one = encrypt(PLAIN, Key.new("pass phrase", FAST_ONE))
    assert header(one) == {**header(one), "version": 1, "kdf": "scrypt", "n": 16, "p": 1}
    assert "lanes" not in header(one)
    two = encrypt(PLAIN, Key.new("pass phrase", FAST_LANES))
    assert header(two)["version"] == 2 and header(two)["lanes"] == 2
    assert decrypt(one, "pass phrase") == decrypt(two, "pass phrase") == PLAIN


@pytest.mark.parametrize("lanes", [0, 1, 5, 2**20, "2"])
def test_a_tampered_lane_count_is_damage_before_any_work(lanes: object) -> None:
    data = encrypt(PLAIN, Key.new("pass phrase", FAST_LANES))
    fields = {**header(data), "lanes": lanes}
    raw = json.dumps(fields, separators=(",", ":")).encode()
    head = crypto.MAGIC + len(raw).to_bytes(2, "big") + raw
    end = 11 + int.from_bytes(data[9:11], "big") + 32
    changed = head + hashlib.sha256(head).digest() + data[end:]
    with pytest.raises(DamagedFile):
        decrypt(changed, "pass phrase")


def test_the_defaults_do_the_work_owasp_asks_for() -> None:
    params = crypto.DEFAULT_PARAMS
    work = params.lanes * params.p * params.n * params.r  # scrypt's cost grows with N*r*p
    assert work >= 2**17 * 8 * 1 and params.r >= 8
    assert params.lanes * 128 * params.r * params.n <= kdf.MAX_MEMORY


def test_two_lanes_take_about_one_lane_on_two_cores(capsys: pytest.CaptureFixture[str]) -> None:
    """Printed, not asserted: the CPUs are shared, so a busy machine gives no fair figure."""

    def best(params: ScryptParams) -> float:
        times = []
        for _ in range(3):
            start = time.perf_counter()
            kdf.derive("pass phrase", bytes(16), params)
            times.append(time.perf_counter() - start)
        return min(times)

    one = best(ScryptParams(n=2**16))
    lanes = best(crypto.DEFAULT_PARAMS)
    single_17 = best(ScryptParams(n=2**17))
    with capsys.disabled():
        print(f"\nscrypt best of 3: one lane of 2**16 {one * 1000:.0f} ms, two lanes "
              f"{lanes * 1000:.0f} ms, one scrypt of 2**17 {single_17 * 1000:.0f} ms")  # fmt: skip
