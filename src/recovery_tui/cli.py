"""The ``recovery-tui`` command: options, subcommands, and starting the app.

Subcommands that need no screen (``--version``, ``import``, ``export``) never import
Textual, so they stay fast; the app module is imported only to run the TUI.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from recovery_tui import __version__
from recovery_tui.paths import DATA_ENV, default_data_file

DESCRIPTION = "Keep your personal recovery plan in the terminal: a living document you own."
EPILOG = f"""\
Your plan is kept in one private file on this machine (--data, else ${DATA_ENV},
else plan.json in your user data folder). Nothing is ever sent anywhere.
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
    sub.add_parser("crisis", parents=[common], help="print whom to call and what to do, right now")
    exp = sub.add_parser("export", parents=[common], help="write the whole plan to a file")
    exp.add_argument(
        "--format", choices=["json", "md", "html"], default="json",
        help="json: the whole plan in the exchange format; md or html: the written plan",
    )  # fmt: skip
    exp.add_argument(
        "--audience", choices=["full", "supporter", "clinician"], default="full",
        help="md/html only: the whole plan, a card for a supporter, or a clinician summary",
    )  # fmt: skip
    exp.add_argument("-o", "--output", type=Path, metavar="FILE", help="default: stdout")
    sub.add_parser("history", parents=[common], help="list the saved versions of the plan")
    diff = sub.add_parser(
        "diff", parents=[common], help="what changed between two versions, section by section"
    )
    diff.add_argument("old", metavar="A", help="a version number from `history`")
    diff.add_argument("new", metavar="B", nargs="?", default="now", help="another, or now")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return the exit status."""
    args = build_parser().parse_args(argv)
    data: Path = getattr(args, "data", None) or default_data_file()
    if args.command == "import":
        return import_plan(data, args.file, replace=args.replace)
    if args.command == "export":
        return export_plan(data, args.output, args.format, args.audience)
    if args.command == "crisis":
        return print_crisis(data)
    if args.command == "review":
        if args.plain:
            from recovery_tui.plain_review import run_plain_review

            return run_plain_review(data)
        return run_review(data)
    if args.command == "history":
        return print_history(data)
    if args.command == "diff":
        return print_diff(data, args.old, args.new)
    return run_app(data)


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def import_plan(data: Path, source: Path, *, replace: bool) -> int:
    """Replace the plan with the one in ``source``: all or nothing, asking first."""
    from recovery_tui.exchange import loads_plan
    from recovery_tui.model import PlanError
    from recovery_tui.storage import PlanStore, StoreError
    from recovery_tui.versions import VersionError

    try:
        incoming = loads_plan(source.read_bytes())
    except OSError as error:
        return _fail(f"Could not read {source}: {error.strerror}.")
    except PlanError as error:
        return _fail(f"{source} was not imported, nothing was changed.\n{error}")
    store = PlanStore(data)
    try:
        current = store.open()
        if store.read_only:
            return _fail(
                f"Your plan ({data}) is open in recovery-tui right now. "
                "Close it there, then import again. Nothing was changed."
            )
        if not current.is_empty() and not replace and not _confirm_replace(data):
            return _fail("Nothing was changed. (Use --replace to replace your plan.)")
        if not current.is_empty():
            store.keep_version(current, "import")  # the plan being replaced can be found again
        store.save(incoming, after_review_keep_version=False)
    except (StoreError, VersionError, OSError) as error:
        return _fail(str(error))
    finally:
        store.close()
    print(f"Imported {source} into {data}.")
    return 0


def _confirm_replace(data: Path) -> bool:
    if not sys.stdin.isatty():
        print(f"Your plan ({data}) already has data.", file=sys.stderr)
        return False
    answer = input(f"Your plan ({data}) already has data. Replace all of it? [y/N] ")
    return answer.strip().lower() in ("y", "yes")


def export_plan(data: Path, output: Path | None, fmt: str = "json", audience: str = "full") -> int:
    """Write the plan to ``output`` (0600) or stdout: exchange JSON, Markdown or HTML."""
    from recovery_tui.export import export_text, write_private
    from recovery_tui.storage import PlanStore, StoreError

    if fmt == "json" and audience != "full":
        return _fail("JSON is always the whole plan; use --format md or html for an audience.")
    try:
        plan = PlanStore(data).load()
    except StoreError as error:
        return _fail(str(error))
    text = export_text(plan, fmt, audience, datetime.now())
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))  # the files say UTF-8, whatever the locale
        sys.stdout.buffer.flush()
        return 0
    try:
        write_private(output, text)
    except OSError as error:
        return _fail(f"Could not write {output}: {error.strerror}.")
    return 0


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
    from recovery_tui.storage import PlanStore, StoreError
    from recovery_tui.versions import VersionError, find_version, load_version

    try:
        before = find_version(data, old)
        if new == "now":
            after, between = plan_content(PlanStore(data).load()), f"since version {before.label}"
        else:
            later = find_version(data, new)
            after, between = load_version(later), f"from version {before.label} to {later.label}"
        text = diff_text(diff_plans(load_version(before), after), between)
    except (StoreError, VersionError) as error:
        return _fail(str(error))
    sys.stdout.buffer.write(text.encode("utf-8"))
    return 0


def print_crisis(data: Path) -> int:
    """Print the crisis sheet; with a plan it can't read, the national lines still show."""
    from recovery_tui.helplines import crisis_sheet, crisis_text
    from recovery_tui.storage import PlanStore, StoreError

    try:
        sheet = crisis_sheet(PlanStore(data).load())
    except StoreError:
        sheet = crisis_sheet(None, f"Your plan ({data}) could not be read just now.")
    if hasattr(sys.stdout, "reconfigure"):  # a terminal that can't show a name still gets the lines
        sys.stdout.reconfigure(errors="replace")
    sys.stdout.write(crisis_text(sheet))
    return 0


def _unreadable(data: Path, message: str) -> int:
    """A plan that can't be opened: say why, and still show where help is."""
    from recovery_tui.helplines import crisis_sheet, crisis_text

    help_now = crisis_text(crisis_sheet(None, "If you need help right now:"))
    return _fail(f"{message}\n\n{help_now}")


def run_review(data: Path) -> int:
    """Today's check-in, inline under the prompt where the terminal allows it."""
    from recovery_tui.storage import PlanStore, StoreError

    store = PlanStore(data)
    try:
        from recovery_tui.review_app import ReviewApp

        app = ReviewApp(store)
    except StoreError as error:
        store.close()
        return _unreadable(data, str(error))
    try:
        app.run(inline=sys.platform != "win32", inline_no_clear=True)
    finally:
        store.close()
    return app.return_code or 0


def run_app(data: Path) -> int:
    """Open the plan and run the TUI; a file it can't read gets a message, not a traceback."""
    from recovery_tui.storage import PlanStore, StoreError

    store = PlanStore(data)
    try:
        from recovery_tui.app import RecoveryApp

        app = RecoveryApp(store)
    except StoreError as error:
        store.close()
        return _unreadable(data, str(error))
    except OSError as error:
        store.close()
        return _unreadable(data, f"Could not open {data}: {error.strerror}.")
    try:
        app.run()
    finally:
        store.close()
    return app.return_code or 0
