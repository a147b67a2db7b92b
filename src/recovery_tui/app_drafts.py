"""A dropped connection keeps a draft: unsaved words survive SIGHUP and SIGTERM.

Textual 8 handles neither signal: a dropped SSH connection (SIGHUP) or a shutdown
(SIGTERM) ends the process at once, and with SIGHUP ignored the app outlives its terminal
(input reads hit end of file and spin; the output thread dies on EIO and, its queue full,
blocks the app). So :class:`DraftKeeper`, a mixin of both apps, catches the two signals on
the app's own loop, writes the words typed and not saved (the check-in, open forms, a long
text still waiting to autosave) as a private draft beside the plan, and ends the app: with
the terminal restored when it is still there, at once when it is gone. A terminal that
vanishes without a signal is noticed within a second. On the next start the drafts are
offered back, one at a time.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
import time
from datetime import date

from rich.console import RenderableType
from rich.text import Text
from textual.app import App
from textual.widgets import TabbedContent, Tabs

from recovery_tui import crypto, unsaved
from recovery_tui.draft import Draft
from recovery_tui.drafts import DraftError, read_drafts, write_drafts
from recovery_tui.screens.draft_offer import (
    Answer,
    DraftOfferScreen,
    DraftWordsScreen,
    goes_back,
    place,
)
from recovery_tui.storage import PlanStore
from recovery_tui.widgets.checkin_form import CheckInForm
from recovery_tui.widgets.text_section import TextSection

SIGNALS = ("SIGHUP", "SIGTERM")  # POSIX only: looked up by name
EXIT_DEADLINE = 3.0  # seconds a clean exit may take before the process just ends
KEPT = ("Your unsaved words were kept as a private draft beside your plan; recovery-tui "
        "offers them back when it next opens.")  # fmt: skip


class DraftKeeper(App[None]):
    """Keeps unsaved words when the app is ended by a signal or loses its terminal, and
    offers them back; needs ``store``. Call :meth:`start_keeping_drafts` in ``on_mount``."""

    store: PlanStore
    _waiting: list[Draft]  # kept last time, not decided yet: kept again with any new ones
    _signals: list[int]
    _leaving = False
    _ttys: tuple[int, ...] = ()

    def start_keeping_drafts(self) -> None:
        """Catch SIGHUP/SIGTERM, watch the terminal, and offer the drafts kept last time."""
        self._waiting, self._signals = [], []
        self._catch_signals()
        if not self.is_headless:
            self._ttys = tuple(fd for fd in _std_fds() if os.isatty(fd))
            if self._ttys:
                self.set_interval(1.0, self._check_terminal, name="terminal watch")
        if self.store.read_only:
            return  # another session has the plan: its drafts are its own to offer
        try:
            self._waiting = read_drafts(self.store.path, self.store.key)
        except DraftError as error:
            self.notify(str(error), severity="warning", timeout=15, markup=False)
        if self._waiting:
            self.call_after_refresh(self._offer, list(self._waiting))

    # --- keeping ----------------------------------------------------------------------------

    def unsaved_drafts(self) -> list[Draft]:
        """What is typed and not saved now: long texts, the check-in, then open forms."""
        return unsaved.unsaved_drafts(self)

    def keep_drafts(self) -> bool:
        """Write the unsaved words (and those not decided on yet) as the plan's draft;
        whether anything was written. Never raises: this runs as the app is ending."""
        if self.store.read_only:
            return False
        try:
            drafts = [*self._waiting, *self.unsaved_drafts()]
            if not drafts or drafts == self._waiting:
                return False  # the file holds these already
            write_drafts(self.store.path, self.store.key, drafts)
        except Exception:  # no screen any more, a full disk: leave as planned all the same
            return False
        self._waiting = drafts
        return True

    def _catch_signals(self) -> None:
        """SIGHUP and SIGTERM run :meth:`_on_signal` on the app's loop (main thread only)."""
        if os.name != "posix" or threading.current_thread() is not threading.main_thread():
            return
        loop = asyncio.get_running_loop()
        for name in SIGNALS:
            number = int(getattr(signal, name))
            try:
                loop.add_signal_handler(number, self._on_signal, number)
            except (ValueError, RuntimeError, NotImplementedError):
                continue
            self._signals.append(number)

    def on_unmount(self) -> None:
        """Give the signals back to their defaults (a test process runs many apps)."""
        loop = asyncio.get_running_loop()
        for number in getattr(self, "_signals", ()):
            loop.remove_signal_handler(number)
        self._signals = []

    def _on_signal(self, number: int) -> None:
        """A hangup or a request to stop: keep the words, then leave."""
        self._leave(128 + number)

    def _check_terminal(self) -> None:
        """Each second: a terminal gone with no SIGHUP (another session, SIGHUP ignored)
        would leave Textual spinning on end of input and blocked on its dead output."""
        if not self._terminal_alive():
            self._leave(128 + int(getattr(signal, "SIGHUP", 1)))

    def panic(self, *renderables: RenderableType) -> None:
        """Textual panics when its input thread fails: with the terminal gone, that is a
        dropped connection, not a bug (no traceback: keep the words and leave)."""
        if not self._terminal_alive():
            self._leave(128 + int(getattr(signal, "SIGHUP", 1)))
            return
        super().panic(*renderables)

    def _leave(self, code: int) -> None:
        """Keep the drafts, then end: at once with no terminal left to restore (Textual's
        output would block on it), else cleanly, with a deadline in case that hangs."""
        if self._leaving:
            return
        self._leaving = True
        kept = self.keep_drafts()
        if not self._terminal_alive():
            os._exit(code)
        if not self.is_headless:
            threading.Thread(target=_end_after, args=(EXIT_DEADLINE, code), daemon=True).start()
        self.exit(return_code=code, message=Text(KEPT) if kept else None)

    def _terminal_alive(self) -> bool:
        """False once a terminal the app started on has hung up (its fds answer EIO)."""
        return all(os.isatty(fd) for fd in self._ttys)

    # --- offering back ----------------------------------------------------------------------

    async def _offer(self, drafts: list[Draft]) -> None:
        """Ask about each draft in turn (the next once the last is decided)."""
        if not drafts or self._leaving:
            return
        draft, rest = drafts[0], drafts[1:]
        today = date.today()
        can_reopen = self.reopen_form(draft, dry_run=True)

        async def decided(answer: Answer | None) -> None:
            if answer == "keep":
                back = goes_back(draft, today, can_reopen)
                if not (back and await self._restore(draft)):
                    self._show_words(draft, f"Your words from {place(draft, today)}", rest)
                    return
                self._forget(draft)
            elif answer == "let_go":
                self._forget(draft)
            await self._offer(rest)

        await self.push_screen(DraftOfferScreen(draft, today, can_reopen=can_reopen), decided)

    def _show_words(self, draft: Draft, heading: str, rest: list[Draft]) -> None:
        """Show the words to read and copy; the draft goes once the person is done."""

        async def closed(done: bool | None) -> None:
            if done:
                self._forget(draft)
            await self._offer(rest)

        self.push_screen(DraftWordsScreen(draft, heading), closed)

    async def _restore(self, draft: Draft) -> bool:
        """Open the place the draft came from and put its words back; False if it can't."""
        if draft.kind == "form":
            return self.reopen_form(draft, dry_run=False)
        if draft.kind == "checkin":
            await self._open_section("review", "checkin")
            forms = self.query(CheckInForm)
            if forms:
                forms.first().restore(draft)
            return bool(forms)
        field = draft.key.removeprefix("text:")
        if not await self._open_section("assessment", field):
            return False
        sections = self.query(f"#section-{field}").results(TextSection)
        section = next(sections, None)
        if section is not None:
            section.restore(draft)
        return section is not None

    async def _open_section(self, tab: str, key: str) -> bool:
        """Open section ``key`` of the tab ``tab`` when the app has tabs (the full app)."""
        from recovery_tui.tabs.sectioned import SectionedTab

        panes = [p for p in self.query(SectionedTab) if p.id == tab]
        if not panes or key not in {k for k, _ in panes[0].SECTIONS}:
            return False
        # As the plan check's jump does: the tab bar holds the keyboard while the tab
        # switches, then the section takes it (not the tab's menu).
        self.query_one(Tabs).focus()
        self.query_one(TabbedContent).active = tab
        await panes[0].open_section(key)
        return True

    def reopen_form(self, draft: Draft, *, dry_run: bool) -> bool:
        """Open the form a draft came from again with its words (``dry_run``: only say
        whether it can). No form is named for this yet (FormScreen.draft_key), so its
        words are shown instead; an app that can reopen a form overrides this."""
        return False

    def _forget(self, draft: Draft) -> None:
        """The person decided: the draft leaves the file (the file goes with the last)."""
        self._waiting = [d for d in self._waiting if d is not draft]
        try:
            write_drafts(self.store.path, self.store.key, self._waiting)
        except (OSError, crypto.CryptoError) as error:
            self.notify(f"The draft file could not be changed: {error}", severity="warning",
                        markup=False)  # fmt: skip


def _std_fds() -> list[int]:
    """The terminal Textual reads (stdin) and writes (stderr)."""
    fds = []
    for stream in (sys.__stdin__, sys.__stderr__):
        try:
            fds.append(stream.fileno())  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):  # none, closed, or not a real file
            continue
    return fds


def _end_after(seconds: float, code: int) -> None:
    """End the process if a clean exit has not finished by then (words are kept already)."""
    time.sleep(seconds)
    os._exit(code)
