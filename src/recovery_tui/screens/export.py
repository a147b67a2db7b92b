"""The export dialog: which format, for whom, and where; never onto the plan's own files.

Every export once went to ``~/recovery-plan.html``, so the full plan silently replaced the
supporter card saved under the name meant to be sent. Now the file's name follows the format
and the audience (``recovery-plan-supporter.html``) until the person types a path of their
own; a path that is the plan or one of its files is refused at the field; a file that is
there already is replaced only after asking. Writing is the app's (``write``): when it fails,
the dialog stays open with the reason under the path.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input, Select

from recovery_tui.model import PlanError
from recovery_tui.safe_paths import default_name, export_refusal
from recovery_tui.screens.confirm import ConfirmScreen
from recovery_tui.screens.form import Field, FormScreen, Values

FIELDS = [
    Field("fmt", "Format", "choice", choices=(("HTML, to print or share", "html"),
          ("Markdown", "md"), ("JSON, the whole plan", "json"))),
    Field("audience", "For", "choice", choices=(("The whole plan", "full"),
          ("A supporter: a one-page card", "supporter"),
          ("A clinician: a summary", "clinician"))),
    Field("path", "Save as", placeholder="a file path", required="Where should it go?"),
    Field("with_check", "To-do", "bool", placeholder="add the plan check (whole plan only)"),
]  # fmt: skip
INTRO = "Exports stay on this machine until you share them."


class ExportScreen(FormScreen):
    """Ask where and for whom; ``write(values)`` writes the export and returns None, or
    the reason it could not (shown under the path)."""

    def __init__(
        self, plan_file: Path, write: Callable[[Values], str | None], folder: Path
    ) -> None:
        self.plan_file, self.write, self.folder = plan_file, write, folder
        self.suggested = str(folder / default_name("html", "full"))
        start = {"fmt": "html", "audience": "full", "path": self.suggested, "with_check": False}
        super().__init__("Export your plan", INTRO, FIELDS, start, self.check_values)

    def check_values(self, values: Values) -> None:
        """A JSON export is the whole plan; the path is never the plan or one of its files."""
        if values["fmt"] == "json" and values["audience"] != "full":
            raise PlanError("audience", "JSON is always the whole plan: choose md or html.")
        refusal = export_refusal(Path(values["path"]).expanduser(), self.plan_file)
        if refusal:
            raise PlanError("path", refusal)

    def on_select_changed(self, event: Select.Changed) -> None:
        """The suggested name follows the format and audience, unless a path was typed."""
        fmt, audience = (
            self.query_one("#fmt", Select).value,
            self.query_one("#audience", Select).value,
        )
        suggested = str(self.folder / default_name(str(fmt), str(audience)))
        path = self.query_one("#path", Input)
        if path.value == self.suggested:
            path.value = suggested
        self.suggested = suggested

    def action_save(self) -> None:
        """Write the export; ask first when the file is there already."""
        values = self._checked_values()
        if values is None:
            return
        target = Path(values["path"]).expanduser()
        if not target.exists():
            self._write(values)
            return

        def answered(replace: bool | None) -> None:
            if replace:
                self._write(values)
            else:
                self.query_one("#path").focus()

        question = f"{target} exists. Replace it?"
        self.app.push_screen(ConfirmScreen(question, "Replace", "Keep it"), answered)

    def _write(self, values: Values) -> None:
        problem = self.write(values)
        if problem is None:
            self.dismiss(values)
        else:
            self._show_problems({"path": problem})
