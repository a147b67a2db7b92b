"""Finishing an interrupted ``encrypt`` or ``passphrase``, in words, at the next unlock.

Every command that unlocks a plan (the app, ``review``, ``export``, ``diff``, ``import``)
calls :func:`resume` right after the passphrase: if a job was interrupted (the marker of
:mod:`recovery_tui.encryption_jobs`), it seals what was left plain and, asking for the
previous passphrase (Enter alone: later), what is still sealed with it; then it says what
it did. ``encrypt`` and ``passphrase`` run again finish the same way. ``crisis`` never does
this: it must not wait on anything. No Textual.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from recovery_tui import crypto

if TYPE_CHECKING:
    from recovery_tui.encryption import Rewritten

PREVIOUS_PROMPT = "Previous passphrase (Enter alone: later): "
DECRYPT_LEFT = (
    "An interrupted `recovery-tui decrypt` left some of your plan's older files encrypted: "
    "run `recovery-tui decrypt` again to finish."
)


def _tell(message: str) -> None:
    print(message, file=sys.stderr)


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def _ask_previous() -> str:
    from recovery_tui.cli_encryption import read_passphrase

    typed = read_passphrase(PREVIOUS_PROMPT)
    if not typed:
        raise crypto.NoPassphrase("skipped")
    return typed


def resume(data: Path, key: crypto.Key | None) -> None:
    """Finish the job an interrupted command left, now that the plan is unlocked with
    ``key`` (None: a plain plan). Never raises: the plan opens whatever happens here."""
    from recovery_tui.encryption_jobs import end_job, unfinished_job
    from recovery_tui.storage import PlanStore, StoreError

    job = unfinished_job(data)
    if job is None:
        return
    if job == "decrypt" and key is None:
        _tell(DECRYPT_LEFT)
        return
    if key is None or job == "decrypt":  # stopped before the plan file changed: nothing to do
        end_job(data)
        return
    store = PlanStore(data, key)
    try:
        store.take_lock()
        if not store.read_only:  # else the window that has it open finished it
            done, _ = finish_job(data, key, job)
            if done is not None:
                _tell(f"Finished what an interrupted `recovery-tui {job}` left: "
                      f"{done.summary()} sealed with your passphrase now.")  # fmt: skip
    except (StoreError, OSError, crypto.CryptoError) as error:
        _tell(f"An interrupted `recovery-tui {job}` could not be finished just now: {error}")
    finally:
        store.close()


def finish_job(data: Path, key: crypto.Key, job: str) -> tuple[Rewritten | None, bool]:
    """Seal what the job left plain, and (asking the previous passphrase) what is sealed
    with it. What was rewritten (None: nothing), and whether every file is done now (the
    marker then goes). Call with the plan's lock held."""
    from recovery_tui.encryption_jobs import end_job, find_leftovers, finish, previous_key

    left = find_leftovers(data, key)
    old = None
    if left.other_key:
        _tell(
            f"An interrupted `recovery-tui {job}` left {_files(len(left.other_key))} of your "
            "plan sealed with your previous passphrase. Type it to seal them with the "
            "current one."
        )
        try:
            old = previous_key(left.other_key[0], _ask_previous, _tell)
        except crypto.WrongPassphrase:
            _tell(f"{crypto.WRONG_PASSPHRASE} They are left as they are for now.")
    done = finish(data, key, old) if left.plain or old is not None else None
    remaining = find_leftovers(data, key)
    if remaining:
        _tell(
            f"{_files(len(remaining.plain) + len(remaining.other_key)).capitalize()} of your "
            f"plan are not sealed with your current passphrase yet: `recovery-tui {job}` "
            "(or the next start) asks again."
        )
        return done, False
    end_job(data)
    return done, True


def finish_encrypting(data: Path, crisis_card: bool) -> int:
    """An encrypted plan: finish what an interrupted job left (plain files, files sealed
    with the previous passphrase), and write the card if asked."""
    from recovery_tui.cli_encryption import busy, keep_card, unlock_plan
    from recovery_tui.crisis_card import card_words
    from recovery_tui.encryption_jobs import count_leftovers, unfinished_job
    from recovery_tui.storage import PlanStore, StoreError

    left, job = count_leftovers(data), unfinished_job(data)
    if not left and job is None and not crisis_card:
        print("Your plan is already encrypted. (`recovery-tui passphrase` changes its passphrase;")
        print("`recovery-tui decrypt` turns encryption off.)")
        return 0
    older = f", but {left} of its older files are not" if left else ""
    print(f"Your plan is already encrypted{older}.")
    try:
        store = PlanStore(data, unlock_plan(data, resume=False))
    except StoreError as error:
        return _fail(f"{error}\nNothing was changed.")
    try:
        plan = store.open()
        if store.read_only:
            return _fail(busy(store, "encrypt"))
        assert store.key is not None
        done, finished = (
            finish_job(data, store.key, job or "encrypt") if left or job else (None, True)
        )
        card = keep_card(data, plan) if crisis_card else None
    except (StoreError, OSError) as error:
        return _fail(str(error))
    finally:
        store.close()
    if done is not None:
        print(f"Encrypted now: {done.summary()}.")
    if card is not None:
        print(card_words(card))
    return 0 if finished else 1


def finish_changing(data: Path, key: crypto.Key) -> int:
    """``passphrase`` run again after it was interrupted: finish sealing every file with
    the passphrase just typed (asking the previous one), and stop there."""
    done, finished = finish_job(data, key, "passphrase")
    if done is not None:
        print(f"Sealed with it now: {done.summary()}.")
    if not finished:
        return 1
    print("Your plan's passphrase change is finished: every file opens with the passphrase you")
    print("just typed. (Run `recovery-tui passphrase` again to choose another.)")
    return 0


def _files(n: int) -> str:
    return "1 older file" if n == 1 else f"{n} older files"
