"""A read-only window does not pretend.

A second window on the same plan (or a plan whose file can't be written) opens read-only.
It must not let the screen change and then silently not save: every key that would change
the plan is refused as it is pressed, with one kind word why, and every screen, dialogs too,
says the window is read-only. Reading, the crisis sheet, help, export, the history and
quitting work as ever.

One place decides what is an edit: the binding's id (the same ids ``set_keymap`` uses), in
:data:`EDIT_PREFIXES` and :data:`EDIT_IDS`. The app's :meth:`ReadOnlyWindow.run_action`
refuses those before they run (every binding, and a row's own keys, go through it), and the
main screen leaves them out of the footer. The few places that change the plan without a
binding (Enter on a list item, Enter on the check-in's last line, typing in a text field)
ask :func:`refused` first.
"""

from __future__ import annotations

from collections.abc import Mapping
from time import monotonic

from textual import events
from textual.actions import ActionParseResult
from textual.app import App
from textual.binding import ActiveBinding, Binding
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widget import Widget

from recovery_tui.storage import PlanStore
from recovery_tui.store_errors import open_elsewhere
from recovery_tui.widgets.plan_header import CRISIS_KEYS

EDIT_PREFIXES = (
    "list.",  # add, edit, delete, move in every list
    "goals.",  # add, edit, delete, progress, milestone, mark done, move
    "barc10.",  # answer a statement
    "mood.",  # the check-in's one-key answers
    "craving.",
    "used.",
    "halt_row.",
    "triggers_row.",
)
EDIT_IDS = frozenset({
    "assessment.new", "motivations.star", "contacts.shared", "triggers.sort",
    "reviews.goal", "checkin.save", "plan.keep_version", "guide.save",
    *(f"pick.{n}" for n in range(1, 10)),  # which focus area (not the pick screen's Esc)
})  # fmt: skip
NOT_EDITS = frozenset({"halt_row.next", "triggers_row.next"})  # Enter moves on
OPEN_ELSEWHERE = "READ-ONLY: open in another window"
CANNOT_WRITE = "READ-ONLY: changes can't be saved here"
TEXT_EDITS = ("delete", "cut", "paste", "undo", "redo")  # a text field's own edit actions
TELL_AGAIN_AFTER = 6.0  # seconds a refusal is shown; keys pressed meanwhile add no other


def is_edit(binding: Binding) -> bool:
    """Whether the binding changes the plan (refused in a read-only window)."""
    name = binding.id or ""
    return name not in NOT_EDITS and (name in EDIT_IDS or name.startswith(EDIT_PREFIXES))


def binding_for(node: DOMNode, action: str) -> Binding | None:
    """The binding of ``node`` (its class's own or inherited) that runs ``action``."""
    for cls in type(node).__mro__:
        for binding in cls.__dict__.get("BINDINGS", ()):
            if isinstance(binding, Binding) and binding.action == action:
                return binding
    return None


def short_words(store: PlanStore) -> str:
    """The read-only state in a few words, for the header and each dialog ("" if writable)."""
    if not store.read_only:
        return ""
    return OPEN_ELSEWHERE if store.read_only_reason == open_elsewhere(store.path) else CANNOT_WRITE


def edits_text(field: Widget, event: events.Key) -> bool:
    """Whether ``event`` would change the text in ``field`` (an Input or a TextArea): a
    printable key, or one of the field's own keys that deletes, cuts, pastes or undoes."""
    if event.is_printable:
        return True
    for cls in type(field).__mro__:
        for binding in cls.__dict__.get("BINDINGS", ()):
            if not isinstance(binding, Binding) or not binding.action.startswith(TEXT_EDITS):
                continue
            if event.key in (key.strip() for key in binding.key.split(",")):
                return True
    return False


def refusal(store: PlanStore) -> str:
    """Why a key changed nothing, kindly (the path was named when the window opened)."""
    if short_words(store) == OPEN_ELSEWHERE:
        return ("Nothing was changed: your plan is open in another recovery-tui window, so "
                "this one is read-only. Make the change there, or close it and open this "
                "one again.")  # fmt: skip
    return f"Nothing was changed. {store.read_only_reason}"


def window_read_only(node: DOMNode) -> bool:
    """Whether ``node`` is in a window that can't save the plan."""
    store = getattr(node.app, "store", None)
    return isinstance(store, PlanStore) and store.read_only


def refused(node: DOMNode) -> bool:
    """True (and the person is told why) when ``node``'s window can't change the plan."""
    app = node.app
    if not (isinstance(app, ReadOnlyWindow) and app.store.read_only):
        return False
    app.refuse_edit()
    return True


class ReadOnlyLine(Widget):
    """This window is read-only, in words: atop each dialog (it covers the header, so the
    crisis keys are said here too) and above the inline check-in (wrapped, no keys)."""

    def __init__(self, words: str, *, keys: str = "", classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.words, self.keys = words, keys

    def render(self) -> Content:
        left, right = Content(self.words), Content(self.keys)
        gap = self.content_region.width - left.cell_length - right.cell_length
        return left + Content(" " * gap) + right if self.keys and gap >= 1 else left


class MainScreen(Screen[None]):
    """The app's first screen; in a read-only window its footer leaves out the edit keys."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        shown = super().active_bindings
        if not window_read_only(self):
            return shown
        return {key: active for key, active in shown.items() if not is_edit(active.binding)}


class ReadOnlyWindow(App[None]):
    """Refuses edits at the key and marks every screen, when the store is read-only."""

    store: PlanStore
    _told_at = float("-inf")

    def get_default_screen(self) -> Screen[None]:
        return MainScreen(id="_default")

    def show_read_only(self, *, toast: bool = True) -> None:
        """Say why (unless the screen says it already), and mark this screen and each one
        opened later (call on mount)."""
        if not self.store.read_only:
            return
        if toast:
            self.notify(self.store.read_only_reason, severity="warning", timeout=8, markup=False)
        self._mark(self.screen)
        self.screen_change_signal.subscribe(self, self._mark)

    def _mark(self, screen: Screen[object]) -> None:
        """A read-only class on every screen, and the read-only line on each dialog."""
        if screen.has_class("-read-only-window"):
            return
        screen.add_class("-read-only-window")
        if isinstance(screen, ModalScreen):
            screen.mount(ReadOnlyLine(short_words(self.store), keys=CRISIS_KEYS))

    def refuse_edit(self) -> None:
        """Tell the person, kindly, why nothing changed: once while it is on screen, not
        once for each key of a burst."""
        now = monotonic()
        if now - self._told_at < TELL_AGAIN_AFTER:
            return
        self._told_at = now
        self.notify(refusal(self.store), title="Read-only window", severity="warning",
                    timeout=TELL_AGAIN_AFTER, markup=False)  # fmt: skip

    async def run_action(
        self,
        action: str | ActionParseResult,
        default_namespace: DOMNode | None = None,
        namespaces: Mapping[str, DOMNode] | None = None,
    ) -> bool:
        """Refuse an edit binding in a read-only window before it changes anything."""
        if self.store.read_only and isinstance(action, str) and default_namespace is not None:
            binding = binding_for(default_namespace, action)
            if binding is not None and is_edit(binding):
                self.refuse_edit()
                return True
        return await super().run_action(action, default_namespace, namespaces)
