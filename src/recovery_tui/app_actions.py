"""The app's actions on the plan as a whole: export it, keep a version, see its history.

A mixin of :class:`recovery_tui.app.RecoveryApp`, kept apart so the app stays a thin shell.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual.app import App

from recovery_tui.model import Plan, PlanError
from recovery_tui.screens.form import Field, FormScreen, Values
from recovery_tui.storage import PlanStore, StoreError
from recovery_tui.versions import VersionError, list_versions


class PlanActions(App[None]):
    """Export, keep a version, and the plan's history; needs ``plan`` and ``store``."""

    plan: Plan
    store: PlanStore

    def action_export(self) -> None:
        """Ask where and for whom, then write the export (0600) and say where it went."""
        fields = [
            Field("fmt", "Format", "choice", choices=(("HTML, to print or share", "html"),
                  ("Markdown", "md"), ("JSON, the whole plan", "json"))),
            Field("audience", "For", "choice", choices=(("The whole plan", "full"),
                  ("A supporter: a one-page card", "supporter"),
                  ("A clinician: a summary", "clinician"))),
            Field("path", "Save as", placeholder="a file path", required="Where should it go?"),
        ]  # fmt: skip

        def check(values: Values) -> None:
            if values["fmt"] == "json" and values["audience"] != "full":
                raise PlanError("audience", "JSON is always the whole plan: choose md or html.")

        def done(values: Values | None) -> None:
            from recovery_tui.export import export_text, write_private  # not needed at start

            if values is None:
                return
            path = Path(values["path"]).expanduser()
            text = export_text(self.plan, values["fmt"], values["audience"], datetime.now())
            try:
                write_private(path, text)
            except OSError as error:
                self.notify(f"Could not write {path}: {error.strerror}.", severity="error",
                            markup=False)  # fmt: skip
                return
            self.notify(f"Saved to {path} (readable by you alone).", markup=False)

        start = {"fmt": "html", "audience": "full", "path": str(Path.home() / "recovery-plan.html")}
        intro = "Exports stay on this machine until you share them."
        self.push_screen(FormScreen("Export your plan", intro, fields, start, check), done)

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
