"""``recovery-tui encrypt``, ``decrypt`` and ``passphrase``; asking for a passphrase.

A passphrase is typed on the terminal and never shown (``getpass`` on ``/dev/tty``). With no
terminal at all the commands say so and stop: they never read one from piped input (getpass
would then read stdin and show it). There is no passphrase option or environment variable:
either would leave it in shell history or in the process list.

Every command that changes the plan's files takes the plan's lock first, so it refuses while
the app has the plan open, and says what it did in plain words.
"""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from recovery_tui import crypto
from recovery_tui.passphrases import ask_passphrase
from recovery_tui.text import for_display

if TYPE_CHECKING:
    from recovery_tui.encryption import Rewritten
    from recovery_tui.model import Plan
    from recovery_tui.storage import PlanStore

PROMPT = "Passphrase for your plan: "
NEW_PROMPT = "New passphrase: "
CURRENT_PROMPT = "Current passphrase: "
NO_TERMINAL = "There is no terminal here to type a passphrase in (run recovery-tui in a terminal)."
CHOOSING = """\
Choose a passphrase for your plan ({data}).
You will type it each time recovery-tui opens your plan. Nobody can open the plan without
it, not even you: keep it somewhere safe. It is never shown as you type."""
OLD_COPIES = "Exports you wrote before are not changed: delete any you no longer need."


def has_terminal() -> bool:
    """Whether a passphrase can be typed here (a terminal, even when stdin is piped)."""
    if os.name != "posix":
        return sys.stdin.isatty()
    try:
        fd = os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY)
    except OSError:
        return False
    os.close(fd)
    return True


def read_passphrase(prompt: str) -> str:
    """One line typed on the terminal, not shown; NoPassphrase with no terminal, Ctrl+C or
    Ctrl+D."""
    if not has_terminal():
        raise crypto.NoPassphrase(NO_TERMINAL)
    try:
        return getpass.getpass(prompt)
    except (KeyboardInterrupt, EOFError):
        print(file=sys.stderr)
        raise crypto.NoPassphrase("No passphrase was given.") from None


def asker(prompt: str = PROMPT) -> Callable[[], str]:
    """Asks for the passphrase of an encrypted plan (an empty one is asked again)."""
    return lambda: ask_passphrase(prompt, getpass=read_passphrase)


def unlock_plan(data: Path, prompt: str = PROMPT, *, resume: bool = True) -> crypto.Key | None:
    """The key of the plan at ``data`` when it is encrypted (its passphrase asked on the
    terminal, three tries), else None. StoreError when it can't be unlocked. With
    ``resume``, an ``encrypt`` or ``passphrase`` that was interrupted is finished now."""
    from recovery_tui.cli_unfinished import resume as finish_interrupted
    from recovery_tui.encryption import unlock

    key = unlock(data, asker(prompt), tell=_tell)
    if resume:
        finish_interrupted(data, key)
    return key


def new_key() -> crypto.Key:
    """A key for a new passphrase, typed twice. NoPassphrase if none was given."""
    from recovery_tui.encryption import SCRYPT_PARAMS

    passphrase = ask_passphrase(NEW_PROMPT, confirm=True, getpass=read_passphrase)
    return crypto.Key.new(passphrase, SCRYPT_PARAMS)


def _tell(message: str) -> None:
    print(message, file=sys.stderr)


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def busy(store: PlanStore, command: str) -> str:
    """Why ``command`` can't change a plan its store opened read-only: the store's own
    reason (open in another window, permissions, a read-only file system)."""
    if not store.held_elsewhere:
        return f"{store.read_only_reason} Nothing was changed."
    return (
        f"Your plan ({store.path}) is open in recovery-tui right now. Close it there, then run "
        f"`recovery-tui {command}` again. Nothing was changed."
    )


def _refusal(data: Path) -> str | None:
    """Why the plan file can't be touched at all (a link, a pipe, a device, too big, another
    user's), in one line; None when it can."""
    from recovery_tui.store_errors import StoreError
    from recovery_tui.store_guard import check_plan_file

    try:
        check_plan_file(data)
    except StoreError as error:
        return str(error)
    return None


def _problems(done: Rewritten | None, command: str) -> int:
    """Name the files a rewrite left as they were; 1 if there are any."""
    if done is None or not done.problems:
        return 0
    lines = [f"These files were left as they are (run `recovery-tui {command}` again to retry):"]
    lines += [f"  {for_display(f'{path}: {reason}')}" for path, reason in done.problems]
    return _fail("\n".join(lines))


def encrypt_plan(data: Path, crisis_card: bool = False) -> int:
    """Set a passphrase and seal the plan, every backup and every version with it."""
    from recovery_tui.crisis_card import card_words
    from recovery_tui.encryption import is_encrypted_file, seal_all
    from recovery_tui.encryption_jobs import end_job, start_job
    from recovery_tui.storage import PlanStore, StoreError

    if refusal := _refusal(data):
        return _fail(refusal)
    if is_encrypted_file(data):
        from recovery_tui.cli_unfinished import finish_encrypting

        return finish_encrypting(data, crisis_card)
    store = PlanStore(data)
    try:
        plan = store.open()
        if store.read_only:
            return _fail(busy(store, "encrypt"))
        print(CHOOSING.format(data=data))
        key = new_key()
        started = not data.exists()
        start_job(data, "encrypt")  # a kill from here on is finished at the next unlock
        if started:  # no plan yet: it starts encrypted
            store.set_key(key)
            store.save(plan)
        done = seal_all(data, key)
        done.plan += int(started)
        if not done.problems:
            end_job(data)
        card = keep_card(data, plan) if crisis_card else None
    except crypto.NoPassphrase as error:
        return _fail(f"{error} Your plan was not encrypted.")
    except (StoreError, crypto.CryptoError) as error:
        return _fail(f"{error}\nYour plan was not encrypted.")
    finally:
        store.close()
    print(f"\nYour plan is encrypted: {done.summary()}.")
    print("From now on recovery-tui asks for the passphrase whenever it opens your plan.")
    print(OLD_COPIES)
    print(card_words(card))
    return _problems(done, "encrypt")


def keep_card(data: Path, plan: Plan) -> Path | None:
    """Write the crisis card; None (having said why) if it can't be written."""
    from recovery_tui.crisis_card import card_path, write_card

    try:
        return write_card(data, plan)
    except OSError as error:
        _tell(f"The crisis card ({card_path(data)}) could not be written: {error.strerror}.")
        return None


def decrypt_plan(data: Path) -> int:
    """Turn encryption off: the plan, its backups and versions as plain files again."""
    from recovery_tui.crisis_card import remove_card
    from recovery_tui.encryption import is_encrypted_file, open_all, sealed_leftovers, unlock
    from recovery_tui.encryption_jobs import end_job, start_job
    from recovery_tui.storage import PlanStore, StoreError

    if refusal := _refusal(data):
        return _fail(refusal)
    sealed = [] if is_encrypted_file(data) else sealed_leftovers(data, sealed=True)
    if not sealed and not is_encrypted_file(data):
        print("Your plan is not encrypted: there is nothing to decrypt.")
        return 0
    if sealed:
        print(f"Your plan is not encrypted, but {len(sealed)} of its older files still are.")
    try:
        key = unlock(sealed[0], asker(), tell=_tell) if sealed else unlock_plan(data, resume=False)
        store = PlanStore(data, None if sealed else key)
    except StoreError as error:
        return _fail(f"{error}\nNothing was changed.")
    try:
        store.open()
        if store.read_only:
            return _fail(busy(store, "decrypt"))
        assert key is not None
        start_job(data, "decrypt")
        done = open_all(data, key)
        store.set_key(None)
        if not done.problems:
            end_job(data)
    except StoreError as error:
        return _fail(str(error))
    finally:
        store.close()
    card = remove_card(data)
    print(f"Your plan is no longer encrypted. Plain text again: {done.summary()}.")
    print("Anyone who can read your files can now read your plan.")
    if card:
        print("The crisis card is removed: `recovery-tui crisis` reads your plan itself now.")
    return _problems(done, "decrypt")


def change_passphrase(data: Path) -> int:
    """Seal the plan, its backups and versions with a new passphrase (and a new salt)."""
    from recovery_tui.encryption import is_encrypted_file, reseal_all
    from recovery_tui.encryption_jobs import end_job, find_leftovers, start_job, unfinished_job
    from recovery_tui.storage import PlanStore, StoreError

    if refusal := _refusal(data):
        return _fail(refusal)
    if not is_encrypted_file(data):
        return _fail(
            "Your plan is not encrypted, so it has no passphrase to change. "
            "To set one: recovery-tui encrypt"
        )
    try:
        store = PlanStore(data, unlock_plan(data, CURRENT_PROMPT, resume=False))
    except StoreError as error:
        return _fail(f"{error}\nNothing was changed.")
    try:
        store.open()
        if store.read_only:
            return _fail(busy(store, "passphrase"))
        assert store.key is not None
        if unfinished_job(data) or find_leftovers(data, store.key).other_key:
            from recovery_tui.cli_unfinished import finish_changing

            return finish_changing(data, store.key)
        key = new_key()
        start_job(data, "passphrase")  # a kill from here on is finished at the next unlock
        done = reseal_all(data, store.key, key)
        if not done.problems:
            end_job(data)
    except crypto.NoPassphrase as error:
        return _fail(f"{error} The passphrase was not changed.")
    except (StoreError, crypto.CryptoError) as error:
        return _fail(f"{error}\nThe passphrase was not changed.")
    finally:
        store.close()
    print(f"Your plan's passphrase is changed. Sealed with the new one: {done.summary()}.")
    return _problems(done, "passphrase")
