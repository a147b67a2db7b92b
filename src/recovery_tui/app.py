"""RecoveryApp: wires the tabs, owns the plan, saves each change through the store."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, OptionList, TabbedContent, Tabs

from recovery_tui.app_actions import PlanActions
from recovery_tui.app_care import CaringApp
from recovery_tui.app_drafts import DraftKeeper
from recovery_tui.app_settings import (
    apply_review_rhythm,
    apply_settings,
    remember_theme_changes,
    settings_message,
)
from recovery_tui.config import Config, config_path, load_config
from recovery_tui.messages import PlanChangeRequested
from recovery_tui.model import Plan
from recovery_tui.paths import styles_dir
from recovery_tui.read_only import ReadOnlyWindow, short_words
from recovery_tui.screens.confirm import ConfirmScreen
from recovery_tui.screens.form import FormScreen
from recovery_tui.screens.help import HelpScreen, key_label
from recovery_tui.storage import PlanStore, StoreError
from recovery_tui.tabs.assessment import AssessmentTab
from recovery_tui.tabs.assessment_sections import MotivationsSection
from recovery_tui.tabs.goals import GoalsTab
from recovery_tui.tabs.plan import PlanTab
from recovery_tui.tabs.review import ReviewTab
from recovery_tui.tabs.review_lists import LapsesSection, ReviewsSection
from recovery_tui.tabs.sectioned import SectionedTab
from recovery_tui.tabs.strategies import StrategiesTab
from recovery_tui.tabs.strategies_sections import HaltSection, TriggersSection
from recovery_tui.tabs.support import SupportTab
from recovery_tui.tabs.support_sections import ContactsSection
from recovery_tui.unsaved import CarefulQuit
from recovery_tui.widgets.checkin_form import CheckInForm
from recovery_tui.widgets.items_section import ItemsSection
from recovery_tui.widgets.plan_header import PlanHeader

TAB_IDS = ("assessment", "goals", "triggers", "support", "review", "plan")
TAB_TITLES = ("Assessment", "Goals", "Triggers & Strategies", "Support", "Review Log", "Plan")


class RecoveryApp(ReadOnlyWindow, DraftKeeper, CarefulQuit, CaringApp, PlanActions):
    """The recovery plan in six tabs; every change is saved at once, atomically."""

    TITLE = "recovery-tui"
    CSS_PATH = [
        styles_dir() / f"{name}.tcss"
        for name in ("app", "forms", "goals", "sections", "drafts", "read_only")
    ]
    ENABLE_COMMAND_PALETTE = True
    # Screen classes for small terminals (down to 60x20): see sections.tcss and forms.tcss.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (72, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (22, "-tall")]
    BINDINGS = [
        *(
            Binding(str(n), f"show_tab('{tab}')", title, show=False, id=f"tab.{tab}")
            for n, (tab, title) in enumerate(zip(TAB_IDS, TAB_TITLES, strict=True), start=1)
        ),
        Binding("ctrl+pagedown", "next_tab(1)", "Next tab", show=False, priority=True,
                id="tab.next"),
        Binding("ctrl+pageup", "next_tab(-1)", "Previous tab", show=False, priority=True,
                id="tab.previous"),
        Binding("f2,ctrl+g", "crisis", "Help now", priority=True, key_display="F2",
                id="app.crisis_anywhere"),
        Binding("exclamation_mark", "crisis", "Crisis", show=False, id="app.crisis"),
        Binding("question_mark,f1", "help", "Keys", id="app.help"),
        Binding("escape", "leave_field", "Leave field", show=False, id="app.leave_field"),
        Binding("q", "quit", "Quit", show=False, id="app.quit"),
        Binding("j", "list_cursor(1)", "Down in a list", show=False, id="app.list_down"),
        Binding("k", "list_cursor(-1)", "Up in a list", show=False, id="app.list_up"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit_anywhere"),
    ]  # fmt: skip

    plan: reactive[Plan] = reactive(Plan, init=False)

    def __init__(self, store: PlanStore, config: Config | None = None) -> None:
        """Open the plan in ``store`` (raises StoreError for a file it can't read) with the
        person's settings (read from their settings file when not given)."""
        super().__init__()
        self.store = store
        self.config, self.config_problems = (config, []) if config else load_config()
        self.set_reactive(RecoveryApp.plan, store.open())
        apply_settings(self, self.config)
        self.cursor_blink = self.config.blink()

    def compose(self) -> ComposeResult:
        yield PlanHeader(id="plan-header").data_bind(RecoveryApp.plan)
        with TabbedContent(initial="assessment"):
            for tab in (
                AssessmentTab(),
                GoalsTab(),
                StrategiesTab(),
                SupportTab(),
                ReviewTab(),
                PlanTab(),
            ):
                yield tab.data_bind(RecoveryApp.plan)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(PlanHeader).read_only = short_words(self.store)
        self.query_one(Tabs).focus()
        self.show_read_only()  # says why, and marks every screen; edit keys are refused
        if self.config_problems:
            shown = settings_message(self.config_problems, str(config_path()))
            self.notify(shown, severity="warning", timeout=15, markup=False)
        remember_theme_changes(self, self.config)
        if not self.store.read_only:
            try:
                apply_review_rhythm(self, self.plan, self.config)
            except StoreError as error:
                self.notify(str(error), title="Not saved", severity="error", markup=False)
        from recovery_tui.screens.first_run import FirstRunScreen, guide_wanted

        if guide_wanted(self.plan, self.store.read_only):  # an empty plan: a guided start
            self.push_screen(FirstRunScreen())
        self.start_keeping_drafts()  # a dropped connection keeps a draft; last one offered

    def on_plan_change_requested(self, message: PlanChangeRequested) -> None:
        """Save the new plan at once; only then show it (a failed save changes nothing)."""
        try:
            self.save_plan(message.plan, message.done)
        except StoreError as error:
            self.notify(str(error), title="Not saved", severity="error", timeout=10, markup=False)

    def action_show_tab(self, tab: str) -> None:
        """Open ``tab`` and put the keyboard on its main list or document."""
        # The tab bar takes the keyboard first: a focused widget hidden by the switch would
        # otherwise hand focus to a neighbour in the old tab, which switches back to it.
        self.screen.set_focus(None)
        self.query_one(TabbedContent).active = tab
        pane = self.query_one(f"#{tab}")
        if isinstance(pane, SectionedTab):  # built even if its Show is missed in a quick switch
            self.call_next(pane.ensure_built)
        focus_main = getattr(pane, "focus_main", None)
        if focus_main is not None:  # at once, so "2a" typed fast adds a goal; again once drawn
            focus_main()
            self.call_after_refresh(focus_main)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Tab keys do nothing while a dialog is open (it would change the tab beneath it)."""
        if action == "crisis":
            return True
        tab_key = action in ("next_tab", "show_tab")
        return not (tab_key and isinstance(self.screen, ModalScreen))

    def get_key_display(self, binding: Binding) -> str:
        """Keys in words everywhere (``Ctrl+S``, not ``^s``)."""
        return binding.key_display or key_label(binding.key)

    def action_list_cursor(self, step: int) -> None:
        """``j``/``k`` move in any list, as the arrows do (for people who live in vi)."""
        focused = self.focused
        if isinstance(focused, OptionList | DataTable):
            (focused.action_cursor_down if step > 0 else focused.action_cursor_up)()

    def action_next_tab(self, step: int) -> None:
        current = TAB_IDS.index(self.query_one(TabbedContent).active)
        self.action_show_tab(TAB_IDS[(current + step) % len(TAB_IDS)])

    def action_leave_field(self) -> None:
        """Escape: put the keyboard back on the tab bar, where number keys work."""
        self.action_focus_tabs()

    def action_focus_tabs(self) -> None:
        """Put the keyboard on the tab bar."""
        self.query_one(Tabs).focus()

    def action_help(self) -> None:
        sections: list[tuple[str, Sequence[BindingType]]] = [
            ("Anywhere", [*_TAB_KEYS, *_app_keys()]),
            ("Assessment tab", AssessmentTab.BINDINGS),
            ("Every list (focus areas, triggers, ...)", [*ItemsSection.BINDINGS, *_LIST_KEYS]),
            ("Motivations", MotivationsSection.BINDINGS),
            ("Triggers", TriggersSection.BINDINGS),
            ("HALT check", HaltSection.BINDINGS),
            ("People (Support tab)", ContactsSection.BINDINGS),
            ("Daily check-in", _CHECKIN_KEYS),
            ("BARC-10", _BARC10_KEYS),
            ("Goals tab", GoalsTab.BINDINGS),
            ("In a form", [*FormScreen.BINDINGS, *_FORM_KEYS]),
        ]
        self.push_screen(HelpScreen(sections))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Palette entries: every tab and action; no Screenshot (it writes plan text to disk)."""
        yield SystemCommand(
            "Crisis: whom to call now", "Your warning signs, people and help lines",
            self.action_crisis,
        )  # fmt: skip
        for tab, title in zip(TAB_IDS, TAB_TITLES, strict=True):
            yield SystemCommand(f"Go to {title}", f"Show the {title} tab", self._go(tab))
        edits = not self.store.read_only  # a read-only window offers no edits
        if edits:
            yield SystemCommand("Add a goal", "Write a new SMART goal", self._goal_action("add"))
            yield SystemCommand("Edit goal", "Edit the highlighted goal", self._goal_action("edit"))
            yield SystemCommand("Start a review", "A periodic review of your plan",
                                self._start_review)  # fmt: skip
        yield SystemCommand("Export the plan", "To print or share, or a backup", self.action_export)
        if edits:
            yield SystemCommand("Save a version of the plan", "To compare with later",
                                self.action_keep_version)  # fmt: skip
        yield SystemCommand("What changed since a version", "The plan's history, section by "
                            "section", self.action_history)  # fmt: skip
        yield SystemCommand("Help: keys", "Show every key", self.action_help)
        for command in super().get_system_commands(screen):
            if command.title != "Screenshot":
                yield command

    def _go(self, tab: str) -> Callable[[], None]:
        return lambda: self.action_show_tab(tab)

    def _goal_action(self, name: str) -> Callable[[], None]:
        def run() -> None:
            self.action_show_tab("goals")
            self.call_after_refresh(getattr(self.query_one(GoalsTab), f"action_{name}"))

        return run

    def on_check_in_form_debrief_offered(self, message: CheckInForm.DebriefOffered) -> None:
        """After a use is recorded: offer the debrief, gently; it can always wait."""

        async def answer(yes: bool | None) -> None:
            if not yes:
                return
            self.action_show_tab("review")
            await self.query_one(ReviewTab).show_section("lapses")  # (builds the tab if need be)
            section = self.query_one(LapsesSection)
            for index, lapse in enumerate(section.items):
                if (lapse.focus_area, lapse.date) == (message.focus_area, message.day):
                    section.item_list.highlighted = index
                    section.action_edit()

        question = ("Would you like to write a short debrief now? What happened, what helped, "
                    "what the plan could change. It can wait until you are ready.")  # fmt: skip
        self.push_screen(ConfirmScreen(question, "Yes, now", "Later", danger=False), answer)

    def on_check_in_form_area_wanted(self, message: CheckInForm.AreaWanted) -> None:
        """Use was saved on a plan with no focus area: offer, gently, to add one now."""

        async def answer(yes: bool | None) -> None:
            if not yes:
                return
            self.action_show_tab("assessment")
            await self.query_one(AssessmentTab).open_section("focus_areas")
            self.query_one("#section-focus_areas", ItemsSection).action_add()

        question = ("Your check-in is saved. Would you like to add the focus area it was "
                    "about? Then your days can be counted kindly. It can wait.")  # fmt: skip
        self.push_screen(ConfirmScreen(question, "Add it now", "Later", danger=False), answer)

    async def on_plan_tab_jump_requested(self, message: PlanTab.JumpRequested) -> None:
        """From a gap in the plan check to the place to close it."""
        gap = message.gap
        self.query_one(Tabs).focus()
        self.query_one(TabbedContent).active = gap.tab
        pane = self.query_one(f"#{gap.tab}")
        if isinstance(pane, SectionedTab):
            await pane.open_section(gap.section)
        elif isinstance(pane, GoalsTab):
            self.call_after_refresh(pane.focus_main)

    async def _start_review(self) -> None:
        """Open the Review Log's periodic reviews and start a new one."""
        self.action_show_tab("review")
        tab = self.query_one(ReviewTab)
        await tab.show_section("reviews")
        self.query_one(ReviewsSection).action_add()


_ONE_TAB = {f"tab.{tab}" for tab in TAB_IDS}
_TAB_KEYS: list[Binding] = [
    Binding("1-6", "", "Go to tab 1 Assessment … 6 Plan"),
    Binding("ctrl+p", "", "Find any action (command palette)"),
    Binding("tab", "", "Move to the next part of the screen"),
]
_LIST_KEYS: list[Binding] = [
    Binding("enter", "", "Edit; on a trigger or warning sign: open its own list"),
    Binding("escape", "", "Back (to the list, then to the sections)"),
]
_CHECKIN_KEYS: list[Binding] = [
    Binding("1-5", "", "Mood: 1 very low … 5 very good (moves on by itself)"),
    Binding("0-9,t", "", "Craving right now: 0 none … 9, t for 10"),
    Binding("y,n", "", "Used today? yes or no (if yes: which focus area, by number)"),
    Binding("h,a,l,t", "", "HALT: hungry, angry, lonely, tired; Enter moves on"),
    Binding("1-9", "", "Triggers met, from your own list; Enter moves on"),
    Binding("enter,ctrl+s", "", "Next line; on the last line (or Ctrl+S) save"),
]
_BARC10_KEYS: list[Binding] = [
    Binding("1-6", "", "Answer the highlighted statement (1 Strongly disagree … 6 Strongly agree)"),
    Binding("up,down", "", "Move between statements"),
]
_FORM_KEYS: list[Binding] = [Binding("enter", "", "Next field"), Binding("tab", "", "Next field")]


def _app_keys() -> list[Binding]:
    """The app's own keys for the help screen, the six tab keys shown as one line."""
    return [b for b in RecoveryApp.BINDINGS if isinstance(b, Binding) and b.id not in _ONE_TAB]
