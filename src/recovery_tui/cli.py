"""The ``recovery-tui`` command: options, subcommands, and starting the app.

Subcommands that need no screen (``--version``, ``import``, ``export``) never import
Textual, so they stay fast; the app module is imported only to run the TUI.

An encrypted plan is unlocked by :func:`open_store` before anything else happens: its
passphrase is asked on the terminal (:mod:`recovery_tui.cli_encryption`) before Textual is
imported, and the key it gives opens and seals the plan for the rest of the command.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from recovery_tui import __version__
from recovery_tui.paths import DATA_ENV, default_data_file

if TYPE_CHECKING:
    from textual.app import App

    from recovery_tui.app import RecoveryApp
    from recovery_tui.review_app import ReviewApp
    from recovery_tui.storage import PlanStore

AppT = TypeVar("AppT", bound="App[None]")

DESCRIPTION = "Keep your personal recovery plan in the terminal: a living document you own."
EPILOG = f"""\
Your plan is kept in one private file on this machine (--data, else ${DATA_ENV},
else plan.json in your user data folder). Nothing is ever sent anywhere.
`recovery-tui encrypt` locks it with a passphrase, asked for whenever it is opened.
Run without a subcommand to open the app. Press ? in the app for every key."""


def build_parser() -> argparse.ArgumentParser:
    """The command line; ``--data`` and ``--version`` work before or after a subcommand."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data",
        type=Path,
        metavar="PATH",
        default=argparse.SUPPRESS,
        help=f"the plan file to use (default: ${DATA_ENV} or the user data folder)",
    )
    common.add_argument("--version", action="version", version=f"recovery-tui {__version__}")
    common.add_argument(
        "--no-mouse", action="store_true", default=argparse.SUPPRESS,
        help="keyboard only: the app ignores the mouse (also: mouse = false in the settings)",
    )  # fmt: skip
    parser = argparse.ArgumentParser(
        prog="recovery-tui",
        description=DESCRIPTION,
        epilog=EPILOG,
        parents=[common],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    imp = sub.add_parser(
        "import", parents=[common], help="read a whole plan from an exchange-format JSON file"
    )
    imp.add_argument("file", type=Path, help="the JSON file (as written by export)")
    imp.add_argument("--replace", action="store_true", help="replace a plan that already has data")
    rev = sub.add_parser(
        "review", parents=[common], help="today's check-in, under the shell prompt"
    )
    rev.add_argument(
        "--plain", action="store_true",
        help="ask line by line in plain text: for screen readers and simple terminals",
    )  # fmt: skip
    sub.add_parser(
        "crisis", parents=[common],
        help="print whom to call and what to do, right now (national lines first, without "
        "waiting for a passphrase)",
    )  # fmt: skip
    exp = sub.add_parser(
        "export", parents=[common],
        help="write the whole plan to a file; unencrypted, also from an encrypted plan, so "
        "keep it private",
    )  # fmt: skip
    exp.add_argument(
        "--format", choices=["json", "md", "html"], default="json",
        help="json: the whole plan in the exchange format; md or html: the written plan",
    )  # fmt: skip
    exp.add_argument(
        "--audience", choices=["full", "supporter", "clinician"], default="full",
        help="md/html only: the whole plan, a card for a supporter, or a clinician summary",
    )  # fmt: skip
    exp.add_argument("-o", "--output", type=Path, metavar="FILE", help="default: stdout")
    exp.add_argument(
        "--with-check", action="store_true",
        help="md/html, the whole plan: add the plan check (what the plan still lacks) on top",
    )  # fmt: skip
    sub.add_parser("history", parents=[common], help="list the saved versions of the plan")
    diff = sub.add_parser(
        "diff", parents=[common], help="what changed between two versions, section by section"
    )
    diff.add_argument("old", metavar="A", help="a version number from `history`")
    diff.add_argument("new", metavar="B", nargs="?", default="now", help="another, or now")
    enc = sub.add_parser(
        "encrypt", parents=[common],
        help="lock the plan, its backups and versions with a passphrase (AES-256-GCM)",
    )  # fmt: skip
    enc.add_argument(
        "--crisis-card", action="store_true",
        help="also keep crisis-card.txt beside the plan, unencrypted: only your crisis "
        "contacts, warning signs and crisis lines, so `crisis` shows them without the passphrase",
    )  # fmt: skip
    sub.add_parser(
        "decrypt", parents=[common], help="turn encryption off: the plan as plain files again"
    )
    sub.add_parser("passphrase", parents=[common], help="change an encrypted plan's passphrase")
    res = sub.add_parser(
        "restore", parents=[common],
        help="go back to a backup or a kept version (lists them; default: the newest readable "
        "backup); the file it replaces is kept",
    )  # fmt: skip
    res.add_argument("which", nargs="?", metavar="NAME", help="b1, b2... or v1, v2... as listed")
    res.add_argument("--list", action="store_true", help="only list what could be restored")
    res.add_argument("--yes", action="store_true", help="restore without asking")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return the exit status."""
    args = build_parser().parse_args(argv)
    data: Path = getattr(args, "data", None) or default_data_file()
    if args.command == "import":
        return import_plan(data, args.file, replace=args.replace)
    if args.command == "export":
        return export_plan(data, args.output, args.format, args.audience, args.with_check)
    if args.command == "crisis":
        return print_crisis(data)
    if args.command == "review":
        return run_plain_review(data) if args.plain else run_review(data)
    if args.command == "history":
        return print_history(data)
    if args.command == "diff":
        return print_diff(data, args.old, args.new)
    if args.command == "restore":
        from recovery_tui.cli_restore import restore_plan

        return restore_plan(data, args.which, list_only=args.list, yes=args.yes)
    if args.command in ("encrypt", "decrypt", "passphrase"):
        from recovery_tui import cli_encryption

        if args.command == "encrypt":
            return cli_encryption.encrypt_plan(data, crisis_card=args.crisis_card)
        if args.command == "decrypt":
            return cli_encryption.decrypt_plan(data)
        return cli_encryption.change_passphrase(data)
    return run_app(data, mouse=not getattr(args, "no_mouse", False))


def open_store(data: Path) -> PlanStore:
    """The store of the plan at ``data``, unlocked when it is encrypted: its passphrase is
    asked on the terminal now, before any screen starts. StoreError if it can't be."""
    from recovery_tui.cli_encryption import unlock_plan
    from recovery_tui.storage import PlanStore

    return PlanStore(data, unlock_plan(data))


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def import_plan(data: Path, source: Path, *, replace: bool) -> int:
    """``import``: see :func:`recovery_tui.cli_files.import_plan`."""
    from recovery_tui import cli_files

    return cli_files.import_plan(data, source, replace=replace)


def export_plan(
    data: Path, output: Path | None, fmt: str = "json", audience: str = "full",
    with_check: bool = False,
) -> int:  # fmt: skip
    """``export``: see :func:`recovery_tui.cli_files.export_plan`."""
    from recovery_tui import cli_files

    return cli_files.export_plan(data, output, fmt, audience, with_check=with_check)


def print_history(data: Path) -> int:
    """List the saved versions, oldest first, with how to compare them."""
    from recovery_tui.versions import list_versions

    versions = list_versions(data)
    if not versions:
        print("No versions of your plan are saved yet. One is kept after each periodic review,")
        print("and `v` on the Plan tab keeps one whenever you like.")
        return 0
    print("Saved versions of your plan (oldest first):")
    for version in versions:
        print(f"  {version.label}")
    print(f"\nSee what changed: recovery-tui diff {versions[-1].number} (to now), or diff A B.")
    return 0


def print_diff(data: Path, old: str, new: str) -> int:
    """Print what changed from version ``old`` to ``new`` (a number, or now)."""
    from recovery_tui.history import diff_plans, diff_text, plan_content
    from recovery_tui.storage import StoreError
    from recovery_tui.versions import VersionError, find_version, load_version

    try:
        before = find_version(data, old)
        later = None if new == "now" else find_version(data, new)  # a wrong number: no asking
        store = open_store(data)
        if later is None:
            after, between = plan_content(store.load()), f"since version {before.label}"
        else:
            after = load_version(later, store.key)
            between = f"from version {before.label} to {later.label}"
        text = diff_text(diff_plans(load_version(before, store.key), after), between)
    except (StoreError, VersionError) as error:
        return _fail(str(error))
    sys.stdout.buffer.write(text.encode("utf-8"))
    return 0


def print_crisis(data: Path) -> int:
    """Print the crisis sheet; with a plan it can't read, the national lines still show.

    An encrypted plan never makes anyone wait: the crisis card (if the person keeps one) or
    the national lines are printed first, then the passphrase is asked (Enter alone skips)
    for the person's own sheet. Always exit status 0.
    """
    from recovery_tui.encryption import is_encrypted_file
    from recovery_tui.helplines import crisis_sheet, crisis_text
    from recovery_tui.restore import backup_crisis_sheet
    from recovery_tui.storage import PlanStore, StoreError

    if hasattr(sys.stdout, "reconfigure"):  # a terminal that can't show a name still gets the lines
        sys.stdout.reconfigure(errors="replace")
    if is_encrypted_file(data):
        return _print_locked_crisis(data)
    try:
        sheet = crisis_sheet(PlanStore(data).load())
    except StoreError:  # the person's people from the newest readable backup, if any
        sheet = backup_crisis_sheet(data, None) or crisis_sheet(
            None, f"Your plan ({data}) could not be read just now."
        )
    sys.stdout.write(crisis_text(sheet))
    return 0


LOCKED_CRISIS = "Your plan is encrypted: your own people and steps follow after its passphrase."
SKIP_PROMPT = "Passphrase for your own crisis sheet (Enter alone skips): "


def _print_locked_crisis(data: Path) -> int:
    """The card or the national lines at once; then, with the passphrase, the whole sheet."""
    from recovery_tui import crypto
    from recovery_tui.cli_encryption import NO_TERMINAL, has_terminal, read_passphrase
    from recovery_tui.crisis_card import read_card
    from recovery_tui.encryption import unlock
    from recovery_tui.helplines import crisis_sheet, crisis_text
    from recovery_tui.restore import backup_crisis_sheet
    from recovery_tui.storage import LockedError, PlanFileError, PlanStore, StoreError

    card = read_card(data)
    sys.stdout.write(card if card is not None else crisis_text(crisis_sheet(None, LOCKED_CRISIS)))
    sys.stdout.flush()
    if not has_terminal():
        if card is None:
            print(f"\nFor your own crisis sheet: {NO_TERMINAL}", file=sys.stderr)
        return 0

    def ask() -> str:
        typed = read_passphrase(SKIP_PROMPT)
        if not typed:
            raise crypto.NoPassphrase("skipped")
        return typed

    key = None
    try:
        key = unlock(data, ask, tell=_tell)
        sheet = crisis_sheet(PlanStore(data, key).load())
    except LockedError:  # skipped, Ctrl+C or Ctrl+D: what is above is all for now
        return 0
    except StoreError as error:  # the newest readable backup's sheet, if any
        print(f"\n{error}", file=sys.stderr)
        damaged = key is None and isinstance(error, PlanFileError)  # asked nothing yet
        found = backup_crisis_sheet(data, key, ask if damaged else None, _tell)
        if found is None:
            return 0
        sheet = found
    sys.stdout.write("\n" + crisis_text(sheet))
    return 0


def _tell(message: str) -> None:
    print(message, file=sys.stderr)


def _unreadable(data: Path, message: str) -> int:
    """A plan that can't be opened: say why, and still show where help is."""
    from recovery_tui.helplines import crisis_sheet, crisis_text
    from recovery_tui.restore import backup_crisis_sheet

    sheet = backup_crisis_sheet(data, None) or crisis_sheet(None, "If you need help right now:")
    return _fail(f"{message}\n\n{crisis_text(sheet)}")


def run_review(data: Path) -> int:
    """Today's check-in, inline under the prompt where the terminal allows it."""

    def make(store: PlanStore) -> ReviewApp:
        from recovery_tui.review_app import ReviewApp

        return ReviewApp(store)

    inline = sys.platform != "win32"
    return _run_textual(data, make, lambda app: app.run(inline=inline, inline_no_clear=True))


def run_app(data: Path, *, mouse: bool = True) -> int:
    """Open the plan and run the TUI."""

    def make(store: PlanStore) -> RecoveryApp:
        from recovery_tui.app import RecoveryApp

        return RecoveryApp(store)

    return _run_textual(data, make, lambda app: app.run(mouse=mouse and app.config.mouse))


def _run_textual(
    data: Path, make: Callable[[PlanStore], AppT], run: Callable[[AppT], object]
) -> int:
    """Open the plan (asking for a passphrase if need be), make the Textual app for it and
    run it; a file it can't read gets a message and the crisis lines, not a traceback."""
    from recovery_tui.storage import StoreError

    try:
        store = open_store(data)
    except StoreError as error:
        return _unreadable(data, str(error))
    try:
        app = make(store)
    except StoreError as error:
        store.close()
        return _unreadable(data, str(error))
    except OSError as error:
        store.close()
        return _unreadable(data, f"Could not open {data}: {error.strerror}.")
    try:
        run(app)
    finally:
        store.close()
    return app.return_code or 0


def run_plain_review(data: Path) -> int:
    """``review --plain``: unlock the plan here, then ask line by line."""
    from recovery_tui.cli_encryption import unlock_plan
    from recovery_tui.plain_review import run_plain_review as run
    from recovery_tui.storage import StoreError

    try:
        key = unlock_plan(data)
    except StoreError as error:
        return _unreadable(data, str(error))
    return run(data, key=key)
