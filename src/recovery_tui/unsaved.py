"""Words typed and not saved yet, across the app: found, saved, and asked about on quit.

Both apps (the full one and the inline check-in) leave through :class:`CarefulQuit`, so
``q``, ``Ctrl+Q`` and the palette's Quit never throw away a half-written note.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from textual.app import App

from recovery_tui.draft import Draft
from recovery_tui.screens.form import FormScreen
from recovery_tui.screens.quit import QuitChoice, QuitScreen
from recovery_tui.widgets.checkin_form import CheckInForm
from recovery_tui.widgets.text_section import TextSection


def keepers(app: App[Any]) -> Iterator[CheckInForm | FormScreen | TextSection]:
    """Every open place that can hold unsaved words: long texts and the check-in on the
    main screen, then each open form (newest last)."""
    base = app.screen_stack[0] if app.screen_stack else None
    if base is not None:
        yield from base.query(TextSection)
        yield from base.query(CheckInForm)
    for screen in app.screen_stack:
        if isinstance(screen, FormScreen):
            yield screen


def unsaved_drafts(app: App[Any]) -> list[Draft]:
    """What would be lost if the app ended now (also as it is ending: a place half built
    or half removed is passed over, the others still kept)."""
    drafts = []
    for keeper in keepers(app):
        try:
            draft = keeper.unsaved()
        except Exception:
            continue
        if draft is not None:
            drafts.append(draft)
    return drafts


def save_unsaved(app: App[Any]) -> bool:
    """Save every place's words now, one after another (each save passes the new plan
    down before the next is made); False as soon as one could not be saved: it says why
    where it is, and its words stay."""
    for keeper in list(keepers(app)):
        if keeper.unsaved() is not None and not keeper.save_now():
            return False
    return True


class CarefulQuit(App[None]):
    """An app whose quit asks first when words would be lost."""

    async def action_quit(self) -> None:
        """Leave at once when nothing is unsaved; otherwise ask: save, let go, or stay."""
        drafts = unsaved_drafts(self)
        if not drafts:
            self.exit()
            return
        if isinstance(self.screen, QuitScreen):  # asked already: a second Ctrl+Q stays
            return

        def chosen(choice: QuitChoice | None) -> None:
            if choice == "discard":
                self.exit()
            elif choice == "save":
                self.call_later(self._save_and_quit)  # once this question is closed

        self.push_screen(QuitScreen(drafts), chosen)

    def _save_and_quit(self) -> None:
        if save_unsaved(self):
            self.exit()
            return
        self.notify(
            "Not everything could be saved: the place that needs a look says why. "
            "Your words are still there.", severity="warning", timeout=10, markup=False,
        )  # fmt: skip
