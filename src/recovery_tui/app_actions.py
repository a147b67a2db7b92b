"""The app's actions on the plan as a whole: export it, keep a version, see its history.

A mixin of :class:`recovery_tui.app.RecoveryApp`, kept apart so the app stays a thin shell.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual.app import App

from recovery_tui.model import Plan
from recovery_tui.screens.form import Values
from recovery_tui.storage import PlanStore, StoreError
from recovery_tui.versions import VersionError, list_versions


class PlanActions(App[None]):
    """Export, keep a version, and the plan's history; needs ``plan`` and ``store``."""

    plan: Plan
    store: PlanStore

    def action_export(self) -> None:
        """Ask where and for whom, then write the export (0600, atomically) and say where it
        went; never onto the plan or its own files (:mod:`recovery_tui.screens.export`)."""
        from recovery_tui.screens.export import ExportScreen  # not needed at start

        self.push_screen(ExportScreen(self.store.path, self._write_export, Path.home()))

    def _write_export(self, values: Values) -> str | None:
        """Write the export the dialog asked for; None when done, else why not."""
        from recovery_tui.export import export_text, write_private
        from recovery_tui.safe_paths import export_refusal, written_message

        path = Path(values["path"]).expanduser()
        refusal = export_refusal(path, self.store.path)  # again: the folder may have changed
        if refusal:
            return refusal
        fmt, audience = values["fmt"], values["audience"]
        with_check = bool(values.get("with_check"))
        text = export_text(self.plan, fmt, audience, datetime.now(), with_check=with_check)
        try:
            written = write_private(path, text)
        except OSError as error:
            return f"Could not write {path}: {error.strerror}."
        encrypted = self.store.key is not None
        self.notify(written_message(written, fmt, audience, encrypted=encrypted), markup=False)
        return None

    def action_keep_version(self) -> None:
        """Keep the plan as it is now, to compare with later."""
        try:
            version = self.store.keep_version(self.plan, "manual")
        except (StoreError, VersionError) as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.notify(f"Version {version.number} of your plan is saved. H shows what changed "
                    "since.", markup=False)  # fmt: skip

    def action_history(self) -> None:
        """The saved versions and what changed since each."""
        from recovery_tui.screens.history import HistoryScreen  # not needed at start

        self.push_screen(HistoryScreen(list_versions(self.store.path), self.plan))
