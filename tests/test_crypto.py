"""Encryption at rest (recovery_tui.crypto): the envelope, its errors, the passphrase prompt,
and the by-hand recipe in docs/file-format.md.

Most tests use cheap scrypt settings (``FAST``); one uses the real defaults. Measured on a
small 2-core server (Xeon, cryptography 50) with the 10-year benchmark plan (the TinyDB file
is 1.1 MB, its export 1.65 MB): one scrypt of n=2**16, r=8, p=1 230-280 ms (the default is
two such lanes side by side: see test_passphrases.py), the same for a wrong passphrase; with
the key kept, encrypt or decrypt 0.3-2 ms for either.
Nothing here asserts a time.
"""

from __future__ import annotations

import functools
import getpass
import hashlib
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from plans import example_plan

from recovery_tui import crypto
from recovery_tui.crypto import (
    DEFAULT_PARAMS,
    MAGIC,
    CryptoError,
    DamagedFile,
    Key,
    NewerFormat,
    NoPassphrase,
    ScryptParams,
    WrongPassphrase,
    decrypt,
    encrypt,
    is_encrypted,
    unlock,
    unlock_by_asking,
)
from recovery_tui.passphrases import ask_passphrase

FAST = ScryptParams(n=2**4, r=8, p=1)  # microseconds: for tests about the envelope, not scrypt
PASSPHRASE = "correct horse battery staple"
PLAIN = b'{"meta":{"1":{"schema_version":1}},"goals":{"1":{"title":"Meetings"}}}'
DOC = Path(__file__).resolve().parent.parent / "docs" / "file-format.md"


@functools.cache
def fast_key() -> Key:
    """One key for the whole module (hypothesis can't take function-scoped fixtures)."""
    return Key.new(PASSPHRASE, FAST)


@functools.cache
def sealed() -> bytes:
    return encrypt(PLAIN, fast_key())


def header_end(data: bytes) -> int:
    return 11 + int.from_bytes(data[9:11], "big")


def flipped(data: bytes, index: int, mask: int = 0x01) -> bytes:
    return data[:index] + bytes([data[index] ^ mask]) + data[index + 1 :]


def reheadered(data: bytes, change: Callable[[dict[str, Any]], None]) -> bytes:
    """``data`` with its header changed and a matching SHA-256: a deliberate edit, which
    only the cipher (and the key check) can catch."""
    end = header_end(data)
    header = json.loads(data[11:end])
    change(header)
    raw = json.dumps(header, separators=(",", ":")).encode()
    head = MAGIC + len(raw).to_bytes(2, "big") + raw
    return head + hashlib.sha256(head).digest() + data[end + 32 :]


# --- round trips ----------------------------------------------------------------------------


def test_round_trip_with_the_passphrase_and_with_the_key() -> None:
    data = sealed()
    assert is_encrypted(data)
    assert PLAIN not in data and b"Meetings" not in data
    assert decrypt(data, PASSPHRASE) == PLAIN
    assert decrypt(data, fast_key()) == PLAIN


def test_round_trip_with_the_default_scrypt_settings() -> None:
    key = Key.new(PASSPHRASE)  # two lanes of N=2**16 side by side: the work of N=2**17
    assert key.params == DEFAULT_PARAMS == ScryptParams(n=2**16, r=8, p=1, lanes=2)
    data = encrypt(PLAIN, key)
    header = b'{"version":2,"kdf":"scrypt-lanes","n":65536,"r":8,"p":1,"lanes":2,"salt":'
    assert data[: header_end(data)].startswith(MAGIC + data[9:11] + header)
    plaintext, unlocked = unlock(data, PASSPHRASE)
    assert plaintext == PLAIN
    assert decrypt(encrypt(b"next save", unlocked), key) == b"next save"


def test_empty_and_large_payloads() -> None:
    key = fast_key()
    assert decrypt(encrypt(b"", key), key) == b""
    big = bytes(range(256)) * 6500  # 1.6 MB, the size of ten years of a plan
    assert decrypt(encrypt(big, key), PASSPHRASE) == big


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=4096))
def test_any_bytes_round_trip(data: bytes) -> None:
    assert decrypt(encrypt(data, fast_key()), fast_key()) == data


def test_the_whole_header_is_the_ciphers_associated_data() -> None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    data, key = sealed(), fast_key()
    body = header_end(data) + 32
    nonce = bytes.fromhex(json.loads(data[11 : header_end(data)])["nonce"])
    aead = AESGCM(crypto.derive_key(PASSPHRASE, key.salt, FAST.n, FAST.r, FAST.p)[:32])
    assert aead.decrypt(nonce, data[body:], data[:body]) == PLAIN
    for associated in (None, data[: header_end(data)], data[: body - 1]):
        with pytest.raises(InvalidTag):
            aead.decrypt(nonce, data[body:], associated)


def test_the_layout_is_the_documented_one() -> None:
    data = sealed()
    end = header_end(data)
    assert data[:9] == b"RTUIENC1\n"
    header = json.loads(data[11:end])
    assert list(header) == ["version", "kdf", "n", "r", "p", "salt", "check", "cipher", "nonce"]
    assert header["version"] == 1 and header["kdf"] == "scrypt"
    assert header["cipher"] == "AES-256-GCM"
    assert re.fullmatch("[0-9a-f]{32}", header["salt"])
    assert re.fullmatch("[0-9a-f]{64}", header["check"])
    assert re.fullmatch("[0-9a-f]{24}", header["nonce"])
    assert data[end : end + 32] == hashlib.sha256(data[:end]).digest()
    assert len(data) == end + 32 + len(PLAIN) + 16


# --- fresh randomness, kept keys ------------------------------------------------------------


def test_each_encrypt_has_a_fresh_nonce_and_each_new_key_a_fresh_salt() -> None:
    key = fast_key()
    first, second = encrypt(PLAIN, key), encrypt(PLAIN, key)
    assert first != second
    assert first[header_end(first) + 32 :] != second[header_end(second) + 32 :]
    nonces = {json.loads(d[11 : header_end(d)])["nonce"] for d in (first, second)}
    assert len(nonces) == 2
    other = Key.new(PASSPHRASE, FAST)
    assert other.salt != key.salt
    assert encrypt(PLAIN, other)[: header_end(first)] != first[: header_end(first)]


def test_a_kept_key_seals_many_saves_that_the_passphrase_opens() -> None:
    _, key = unlock(sealed(), PASSPHRASE)
    assert key.salt == fast_key().salt and key.params == FAST
    saves = [encrypt(PLAIN + b" " * n, key) for n in range(5)]
    for n, data in enumerate(saves):
        assert decrypt(data, key) == PLAIN + b" " * n
        assert decrypt(data, PASSPHRASE) == PLAIN + b" " * n
        assert decrypt(data, fast_key()) == PLAIN + b" " * n


def test_the_passphrase_is_unicode_normalised() -> None:
    composed, decomposed = "caf\u00e9 au lait", "cafe\u0301 au lait"
    data = encrypt(PLAIN, Key.new(composed, FAST))
    assert decrypt(data, decomposed) == PLAIN


def test_a_key_never_shows_its_secret() -> None:
    key = fast_key()
    shown = repr(key)
    assert key.salt.hex() in shown
    assert key._secret.hex() not in shown and key.check.hex() not in shown


# --- wrong passphrase vs damage -------------------------------------------------------------


def test_a_wrong_passphrase_is_told_apart() -> None:
    with pytest.raises(WrongPassphrase) as caught:
        decrypt(sealed(), "correct horse battery stapler")
    assert str(caught.value) == "That passphrase does not open this plan."
    with pytest.raises(WrongPassphrase):
        unlock(sealed(), "")


def test_a_key_of_another_passphrase_or_salt_does_not_open_it() -> None:
    with pytest.raises(WrongPassphrase):
        decrypt(sealed(), Key.new(PASSPHRASE, FAST))  # same words, new salt
    with pytest.raises(WrongPassphrase):
        decrypt(sealed(), Key.derive("other", fast_key().salt, FAST))  # same salt


@pytest.mark.parametrize("mask", [0x01, 0x80, 0xFF])
def test_any_changed_header_byte_is_damage_even_with_the_right_passphrase(mask: int) -> None:
    data = sealed()
    for index in range(header_end(data) + 32):  # magic, length, every header field, its SHA-256
        with pytest.raises(DamagedFile):
            decrypt(flipped(data, index, mask), PASSPHRASE)


def test_changed_ciphertext_or_tag_bytes_are_damage() -> None:
    data = sealed()
    start = header_end(data) + 32
    sample = [*range(start, start + 8), len(data) - 17, *range(len(data) - 16, len(data))]
    for index in sample:
        for passphrase_or_key in (PASSPHRASE, fast_key()):
            with pytest.raises(DamagedFile) as caught:
                decrypt(flipped(data, index), passphrase_or_key)
            assert "changed or cut short" in str(caught.value)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_any_single_changed_byte_is_damage_never_plaintext(draw: st.DataObject) -> None:
    data = sealed()
    index = draw.draw(st.integers(0, len(data) - 1), label="index")
    mask = draw.draw(st.integers(1, 255), label="mask")
    with pytest.raises(DamagedFile):
        decrypt(flipped(data, index, mask), fast_key())


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_garbage_after_the_magic_is_damage(rest: bytes) -> None:
    with pytest.raises(DamagedFile):
        decrypt(MAGIC + rest, PASSPHRASE)


def test_every_truncation_is_damage() -> None:
    data = sealed()
    for size in range(len(data)):
        with pytest.raises(DamagedFile):
            decrypt(data[:size], fast_key())
    for size in (0, 5, 9, 11, 40, header_end(data), header_end(data) + 32):
        with pytest.raises(DamagedFile):
            decrypt(data[:size], PASSPHRASE)
    with pytest.raises(DamagedFile):
        decrypt(data + b"\n", fast_key())  # an extra byte too


def test_a_plain_file_given_to_decrypt_is_damage_not_a_crash() -> None:
    with pytest.raises(DamagedFile) as caught:
        decrypt(PLAIN, PASSPHRASE)
    assert str(caught.value).startswith("the file is damaged (")


@pytest.mark.parametrize(
    ("change", "error"),
    [
        pytest.param(lambda h: h.update(version=3), NewerFormat, id="newer-version"),
        pytest.param(lambda h: h.update(version=2), DamagedFile, id="version-2-without-lanes"),
        pytest.param(lambda h: h.update(version=True), DamagedFile, id="version-true"),
        pytest.param(lambda h: h.update(version="1"), DamagedFile, id="version-string"),
        pytest.param(lambda h: h.update(kdf="argon2id"), DamagedFile, id="other-kdf"),
        pytest.param(
            lambda h: h.update(cipher="ChaCha20-Poly1305"), DamagedFile, id="other-cipher"
        ),
        pytest.param(lambda h: h.update(extra=1), DamagedFile, id="extra-field"),
        pytest.param(lambda h: h.pop("check"), DamagedFile, id="no-check"),
        pytest.param(lambda h: h.update(n=2**30), DamagedFile, id="huge-n"),
        pytest.param(lambda h: h.update(n=3), DamagedFile, id="n-not-power-of-2"),
        pytest.param(lambda h: h.update(r=0), DamagedFile, id="r-zero"),
        pytest.param(lambda h: h.update(p=1.0), DamagedFile, id="p-float"),
        pytest.param(lambda h: h.update(salt=h["salt"].upper()), DamagedFile, id="salt-uppercase"),
        pytest.param(lambda h: h.update(nonce=h["nonce"][:-2]), DamagedFile, id="nonce-short"),
        pytest.param(lambda h: h.update(check=None), DamagedFile, id="check-null"),
        pytest.param(lambda h: h.update(nonce="00" * 12), DamagedFile, id="other-nonce"),
        pytest.param(lambda h: h.update(salt="00" * 16), WrongPassphrase, id="other-salt"),
        pytest.param(lambda h: h.update(check="00" * 32), WrongPassphrase, id="other-check"),
        pytest.param(lambda h: h.update(n=2**5), WrongPassphrase, id="other-n"),
    ],
)
def test_deliberately_edited_headers(
    change: Callable[[dict[str, Any]], None], error: type[CryptoError]
) -> None:
    data = reheadered(sealed(), change)
    with pytest.raises(error):
        decrypt(data, PASSPHRASE)


def test_a_header_that_is_not_an_object_or_not_json_is_damage() -> None:
    for raw in (b"[1]", b"\xff\xfe", b"{", b"[" * 600 + b"]" * 400):
        head = MAGIC + len(raw).to_bytes(2, "big") + raw
        data = head + hashlib.sha256(head).digest() + bytes(32)
        with pytest.raises(DamagedFile):
            decrypt(data, PASSPHRASE)


def test_error_messages_are_for_people() -> None:
    assert isinstance(WrongPassphrase(), CryptoError)
    damaged = DamagedFile("its header does not match its checksum")
    assert str(damaged) == "the file is damaged (its header does not match its checksum)"
    assert damaged.detail == "its header does not match its checksum"
    assert "update recovery-tui" in str(NewerFormat(2))


# --- what counts as encrypted ---------------------------------------------------------------


def test_plain_files_are_not_encrypted(tmp_path: Path) -> None:
    from recovery_tui.storage import PlanStore

    store = PlanStore(tmp_path / "plan.json")
    store.open()
    store.save(example_plan())
    store.keep_version(example_plan(), "manual")
    store.close()
    files = [tmp_path / "plan.json", *(tmp_path / "versions").iterdir()]
    for path in files:
        assert not is_encrypted(path.read_bytes())
    for data in (b"", b"{}", b" {}", b"\xef\xbb\xbf{}", b"[]", b"null", b"RTUIENC1", b"rtuienc1\n"):
        assert not is_encrypted(data)
    assert is_encrypted(sealed())


# --- settings -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "r", "p"), [(1, 8, 1), (3, 8, 1), (2**21, 1, 1), (2**20, 8, 1), (16, 0, 1), (16, 8, 17)]
)
def test_out_of_range_scrypt_settings_are_refused(n: int, r: int, p: int) -> None:
    with pytest.raises(ValueError):
        ScryptParams(n, r, p)
    with pytest.raises(ValueError):
        crypto.derive_key(PASSPHRASE, bytes(16), n, r, p)


def test_derive_key_gives_the_key_then_the_check() -> None:
    material = crypto.derive_key(PASSPHRASE, fast_key().salt, FAST.n, FAST.r, FAST.p)
    assert len(material) == 64
    assert material[32:] == fast_key().check


def test_a_new_key_needs_a_passphrase() -> None:
    with pytest.raises(ValueError):
        Key.new("", FAST)


# --- asking for the passphrase --------------------------------------------------------------


class Terminal:
    """Answers getpass prompts from a script and records what the person is told."""

    def __init__(self, *answers: str | type[BaseException]) -> None:
        self.answers = list(answers)
        self.prompts: list[str] = []
        self.told: list[str] = []

    def getpass(self, prompt: str) -> str:
        self.prompts.append(prompt)
        answer = self.answers.pop(0)
        if isinstance(answer, str):
            return answer
        raise answer

    def tell(self, message: str) -> None:
        self.told.append(message)


def test_ask_passphrase_returns_what_was_typed() -> None:
    term = Terminal("s3cret words")
    assert ask_passphrase("Plan passphrase: ", getpass=term.getpass, tell=term.tell) == (
        "s3cret words"
    )
    assert term.prompts == ["Plan passphrase: "] and term.told == []


def test_ask_passphrase_refuses_an_empty_one() -> None:
    term = Terminal("", "s3cret")
    assert ask_passphrase(getpass=term.getpass, tell=term.tell) == "s3cret"
    assert term.told == ["The passphrase can't be empty."]


def test_ask_passphrase_confirms_a_new_one() -> None:
    term = Terminal("one two three", "one two thre", "one two three", "one two three")
    assert ask_passphrase("New passphrase: ", confirm=True, getpass=term.getpass, tell=term.tell)
    assert term.prompts == ["New passphrase: ", "Type it again: "] * 2
    assert term.told == [
        "The two passphrases were not the same. Please try again.",
        "Strength: fair. A fourth word, or a few more characters, would make it strong.",
    ]


def test_ask_passphrase_gives_up_after_three_tries() -> None:
    term = Terminal("", "", "", "never asked")
    with pytest.raises(NoPassphrase):
        ask_passphrase(getpass=term.getpass, tell=term.tell)
    assert len(term.prompts) == 3


def test_ask_passphrase_without_a_terminal() -> None:
    term = Terminal(EOFError)
    with pytest.raises(NoPassphrase, match="no terminal"):
        ask_passphrase(getpass=term.getpass, tell=term.tell)


def test_ask_passphrase_uses_getpass_by_default(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = iter(["", "typed"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(answers))
    assert ask_passphrase() == "typed"
    assert "can't be empty" in capsys.readouterr().err


def test_unlock_by_asking_retries_a_wrong_passphrase() -> None:
    answers = iter(["wrong", PASSPHRASE])
    told: list[str] = []
    plaintext, key = unlock_by_asking(sealed(), lambda: next(answers), tell=told.append)
    assert plaintext == PLAIN and key.salt == fast_key().salt
    assert told == ["That passphrase does not open this plan."]


def test_unlock_by_asking_stops_after_the_tries() -> None:
    asked: list[int] = []
    with pytest.raises(WrongPassphrase):
        unlock_by_asking(sealed(), lambda: str(asked.append(1)), tries=2, tell=lambda _: None)
    assert len(asked) == 2


def test_unlock_by_asking_reports_damage_before_asking() -> None:
    def ask() -> str:
        raise AssertionError("asked for a passphrase for a damaged file")

    with pytest.raises(DamagedFile):
        unlock_by_asking(sealed()[:20], ask)


# --- imports --------------------------------------------------------------------------------


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )


def test_importing_crypto_loads_neither_cryptography_nor_textual_nor_tinydb() -> None:
    code = "import sys, recovery_tui.crypto\nprint(sorted({m.split('.')[0] for m in sys.modules}))"
    loaded = _run(code).stdout
    for name in ("cryptography", "textual", "tinydb"):
        assert f"'{name}'" not in loaded


def test_without_cryptography_installed_the_error_says_what_to_do() -> None:
    code = (
        "import sys\n"
        "sys.modules['cryptography'] = None  # as if it were not installed\n"
        "from recovery_tui import crypto\n"
        "try:\n"
        "    crypto.Key.new('words')\n"
        "except crypto.EncryptionUnavailable as error:\n"
        "    print(error)\n"
    )
    assert "pip install cryptography" in _run(code).stdout


# --- the by-hand recipe in docs/file-format.md ----------------------------------------------


def recipe() -> str:
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    (block,) = [b for b in blocks if "def decrypt_file" in b]
    return block


@pytest.mark.parametrize("lanes", [1, 2], ids=["version-1", "version-2-lanes"])
def test_the_documented_recipe_decrypts_a_file_the_app_wrote(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsysbinary: pytest.CaptureFixture[bytes],
    lanes: int,
) -> None:
    from recovery_tui.storage import PlanStore

    store = PlanStore(tmp_path / "plain" / "plan.json")
    store.open()
    store.save(example_plan())
    store.close()
    plain = (tmp_path / "plain" / "plan.json").read_bytes()
    sealed_file = tmp_path / "plan.json"
    params = ScryptParams(FAST.n, FAST.r, FAST.p, lanes)
    sealed_file.write_bytes(encrypt(plain, Key.new("pass phrase \u00e9", params)))
    monkeypatch.setattr(sys, "argv", ["decrypt-plan.py", str(sealed_file)])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": "pass phrase e\u0301")
    exec(compile(recipe(), "decrypt-plan.py", "exec"), {"__name__": "__main__"})
    assert capsysbinary.readouterr().out == plain


def test_the_documented_recipe_refuses_a_wrong_passphrase(tmp_path: Path) -> None:
    sealed_file = tmp_path / "plan.json"
    sealed_file.write_bytes(sealed())
    namespace: dict[str, Any] = {"__name__": "recipe"}
    exec(compile(recipe(), "decrypt-plan.py", "exec"), namespace)
    assert namespace["decrypt_file"](str(sealed_file), PASSPHRASE) == PLAIN
    with pytest.raises(SystemExit, match="does not open"):
        namespace["decrypt_file"](str(sealed_file), "wrong")
