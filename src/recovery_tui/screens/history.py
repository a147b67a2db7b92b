"""Plan history: the saved versions, and what changed since the highlighted one."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from recovery_tui.history import diff_plans, diff_text, plan_content
from recovery_tui.model import Plan
from recovery_tui.versions import Version, VersionError, load_version


class HistoryScreen(ModalScreen[None]):
    """Versions newest first; the changes from the highlighted one to the plan as it is now."""

    BINDINGS = [Binding("escape,q", "close", "Close", id="history.close")]

    def __init__(self, versions: list[Version], plan: Plan) -> None:
        super().__init__()
        self.versions = list(reversed(versions))  # the newest is the likeliest question
        self.current = plan_content(plan)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help"):
            yield Static(Content.styled("What changed since a version", "bold"), classes="title")
            if not self.versions:
                none_yet = ("No versions are saved yet. One is kept after each periodic review; "
                            "v on the Plan tab keeps one now.")  # fmt: skip
                yield Static(Content(none_yet))
            options = [Option(Content(version.label)) for version in self.versions]
            yield OptionList(*options, id="versions")
            with VerticalScroll(id="history-body", can_focus=True):
                yield Static(id="history-diff")
            yield Static(Content("↑↓ a version · Tab to the changes · Esc to close"),
                         classes="keys")  # fmt: skip

    def on_mount(self) -> None:
        versions = self.query_one("#versions", OptionList)
        versions.display = bool(self.versions)
        if self.versions:
            versions.highlighted = 0
            versions.focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show_changes(self.versions[event.option_index])

    def show_changes(self, version: Version) -> None:
        """Show what changed from ``version`` to the plan as it is now."""
        try:
            text = diff_text(diff_plans(load_version(version), self.current),
                             f"since version {version.label}")  # fmt: skip
        except VersionError as error:
            text = str(error)
        lines = [Content.styled(line, "bold" if line[:1].strip() else "")
                 for line in text.rstrip("\n").split("\n")]  # fmt: skip
        self.query_one("#history-diff", Static).update(Content("\n").join(lines))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#history-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
