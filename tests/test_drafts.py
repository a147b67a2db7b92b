"""The draft file (``plan.json.draft``): unsaved words kept beside the plan.

Real files in ``tmp_path``: written and read back, private whatever the umask, sealed with
the plan's key when the plan is encrypted, a damaged one set aside in one line, and the
encryption commands (``encrypt``, ``passphrase``, ``decrypt``, run through ``cli.main`` with
a scripted terminal, as in test_encryption) carrying the draft along with the plan.
"""

from __future__ import annotations

import getpass
import json
import os
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from conftest import seed
from plans import example_plan

from recovery_tui import cli, cli_encryption, crypto, encryption
from recovery_tui.crypto import MAGIC, ScryptParams
from recovery_tui.draft import Draft
from recovery_tui.drafts import DraftError, clear_drafts, draft_file, read_drafts, write_drafts

DAY = date(2026, 3, 14)
WORDS = "Zebra marmalade 4471"  # words that must never be on disk in plain text when sealed
PASS, NEW_PASS = "correct horse battery", "staple gun lighthouse"
FAST = ScryptParams(n=2**10)

CHECKIN = Draft(
    "checkin", "Today's check-in", DAY,
    {"mood": 4, "craving": 2, "used": False, "focus_area": None, "halt": ["tired"],
     "helped": WORDS, "note": ""},
    {"mood": "Mood", "helped": "What helped"}, key="checkin",
)  # fmt: skip
FORM = Draft("form", "Add goal", DAY, {"title": "Walk daily", "done": True}, {"title": "Goal"})
HEALTH = "Assessment: Physical health"
TEXT = Draft("text", HEALTH, DAY, {"physical_health": "Sleep\nmore"}, {"physical_health": HEALTH},
             key="text:physical_health")  # fmt: skip


@pytest.fixture
def fast_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(encryption, "SCRYPT_PARAMS", FAST)


@pytest.fixture
def typed(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """A terminal where the passphrases in the list are typed, in order."""
    answers: list[str] = []
    monkeypatch.setattr(cli_encryption, "has_terminal", lambda: True)
    monkeypatch.setattr(getpass, "getpass", lambda prompt="", stream=None: answers.pop(0))
    yield answers
    assert not answers, "not every passphrase was asked for"


def key_of(path: Path, passphrase: str) -> crypto.Key:
    return crypto.unlock(path.read_bytes(), passphrase)[1]


def test_drafts_of_every_kind_come_back_as_written(data_file: Path) -> None:
    write_drafts(data_file, None, [CHECKIN, FORM, TEXT])
    assert read_drafts(data_file, None) == [CHECKIN, FORM, TEXT]
    assert draft_file(data_file) == data_file.with_name("plan.json.draft")
    data = json.loads(draft_file(data_file).read_text(encoding="utf-8"))
    assert data["format"] == "recovery-tui-drafts"
    assert [d["day"] for d in data["drafts"]] == ["2026-03-14"] * 3  # dates as ISO text


def test_no_draft_file_is_no_drafts_and_clearing_twice_is_fine(data_file: Path) -> None:
    assert read_drafts(data_file, None) == []
    write_drafts(data_file, None, [FORM])
    clear_drafts(data_file)
    clear_drafts(data_file)
    assert not draft_file(data_file).exists()


def test_writing_no_drafts_removes_the_file(data_file: Path) -> None:
    write_drafts(data_file, None, [FORM])
    write_drafts(data_file, None, [])
    assert not draft_file(data_file).exists()


def test_the_draft_is_private_whatever_the_umask(data_file: Path) -> None:
    old = os.umask(0)
    try:
        write_drafts(data_file, None, [CHECKIN])
    finally:
        os.umask(old)
    assert stat.S_IMODE(draft_file(data_file).stat().st_mode) == 0o600
    assert stat.S_IMODE(data_file.parent.stat().st_mode) == 0o700
    leftovers = [p.name for p in data_file.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_with_the_plans_key_the_draft_is_sealed_and_opens_only_with_it(data_file: Path) -> None:
    key = crypto.Key.new(PASS, FAST)
    write_drafts(data_file, key, [CHECKIN, TEXT])
    raw = draft_file(data_file).read_bytes()
    assert raw.startswith(MAGIC)
    assert WORDS.encode() not in raw and b"Sleep" not in raw and b"checkin" not in raw
    assert read_drafts(data_file, key) == [CHECKIN, TEXT]


def test_a_sealed_draft_beside_a_plain_plan_is_left_for_decrypt(data_file: Path) -> None:
    write_drafts(data_file, crypto.Key.new(PASS, FAST), [CHECKIN])
    with pytest.raises(DraftError, match="recovery-tui decrypt") as caught:
        read_drafts(data_file, None)
    assert "\n" not in str(caught.value)
    assert draft_file(data_file).exists()  # nothing moved: decrypt opens it


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\xff\xfe not text",
        b'{"format": "recovery-tui-drafts", "version": 1, "drafts": [',
        b"[]",
        b'{"format": "something-else", "version": 1, "drafts": []}',
        b'{"format": "recovery-tui-drafts", "version": 9, "drafts": []}',
        b'{"format": "recovery-tui-drafts", "version": 1, "drafts": [{"kind": "poem"}]}',
        b'{"format": "recovery-tui-drafts", "version": 1, "drafts": [{"kind": "form", '
        b'"where": "x", "key": "", "day": "2026-02-30", "values": {}, "labels": {}}]}',
        b'{"format": "recovery-tui-drafts", "version": 1, "drafts": [{"kind": "form", '
        b'"where": "x", "key": "", "day": "2026-02-03", "values": {"a": 1.5}, "labels": {}}]}',
        MAGIC + b"\x00\x10cut short",
    ],
)
def test_a_damaged_draft_is_set_aside_in_one_line(data_file: Path, content: bytes) -> None:
    data_file.parent.mkdir(parents=True)
    draft_file(data_file).write_bytes(content)
    with pytest.raises(DraftError) as caught:
        read_drafts(data_file, crypto.Key.new(PASS, FAST))
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    aside = list(data_file.parent.glob("plan.json.draft.*.unreadable"))
    assert len(aside) == 1 and aside[0].read_bytes() == content  # kept, not deleted
    assert str(aside[0]) in message
    assert read_drafts(data_file, None) == []  # asked about once


def test_a_draft_sealed_with_another_passphrase_is_set_aside(data_file: Path) -> None:
    write_drafts(data_file, crypto.Key.new("an old one", FAST), [CHECKIN])
    with pytest.raises(DraftError, match="passphrase"):
        read_drafts(data_file, crypto.Key.new(PASS, FAST))
    assert len(list(data_file.parent.glob("*.unreadable"))) == 1


def test_the_plans_files_include_its_draft(data_file: Path) -> None:
    seed(data_file, example_plan())
    write_drafts(data_file, None, [FORM])
    assert ("drafts", draft_file(data_file)) in list(encryption.plan_files(data_file))
    done = encryption.Rewritten(plan=1, drafts=1)
    assert done.summary() == "the plan file and 1 draft of unsaved words"


@pytest.mark.usefixtures("fast_scrypt")
def test_encrypt_passphrase_and_decrypt_carry_the_draft(
    data_file: Path, typed: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    seed(data_file, example_plan())
    write_drafts(data_file, None, [CHECKIN, TEXT])
    draft = draft_file(data_file)

    typed += [PASS, PASS]
    assert cli.main(["--data", str(data_file), "encrypt"]) == 0
    assert "1 draft of unsaved words" in capsys.readouterr().out
    assert draft.read_bytes().startswith(MAGIC) and WORDS.encode() not in draft.read_bytes()
    assert read_drafts(data_file, key_of(data_file, PASS)) == [CHECKIN, TEXT]

    typed += [PASS, NEW_PASS, NEW_PASS]
    assert cli.main(["--data", str(data_file), "passphrase"]) == 0
    new_key = key_of(data_file, NEW_PASS)
    assert read_drafts(data_file, new_key) == [CHECKIN, TEXT]
    with pytest.raises(crypto.WrongPassphrase):
        crypto.decrypt(draft.read_bytes(), PASS)  # never left sealed with the old key

    typed += [NEW_PASS]
    assert cli.main(["--data", str(data_file), "decrypt"]) == 0
    assert WORDS.encode() in draft.read_bytes()
    assert read_drafts(data_file, None) == [CHECKIN, TEXT]


@pytest.mark.usefixtures("fast_scrypt")
def test_encrypt_again_seals_a_draft_left_plain(data_file: Path, typed: list[str]) -> None:
    seed(data_file, example_plan())
    typed += [PASS, PASS]
    assert cli.main(["--data", str(data_file), "encrypt"]) == 0
    write_drafts(data_file, None, [CHECKIN])  # plain beside an encrypted plan (a crash, say)
    assert encryption.sealed_leftovers(data_file, sealed=False) == [draft_file(data_file)]
    typed += [PASS]
    assert cli.main(["--data", str(data_file), "encrypt"]) == 0
    assert draft_file(data_file).read_bytes().startswith(MAGIC)
    assert read_drafts(data_file, key_of(data_file, PASS)) == [CHECKIN]
