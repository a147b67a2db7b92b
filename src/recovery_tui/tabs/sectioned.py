"""A tab made of sections: a menu on the left, the chosen section on the right.

Subclasses name their sections, make each section's widget, and say what the menu marks
and the title line show. Sections are built on first visit, so start-up stays quick.
"""

from __future__ import annotations

import asyncio

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import ContentSwitcher, OptionList, Static
from textual.widgets.option_list import Option

from recovery_tui.insights import plan_check
from recovery_tui.model import Assessment
from recovery_tui.tabs.base import PlanPane
from recovery_tui.widgets.sections import Section


class SectionedTab(PlanPane):
    """Up/Down choose a section, Enter opens it, Esc goes back to the menu."""

    SECTIONS: tuple[tuple[str, str], ...] = ()
    BINDINGS = [
        Binding("escape", "back", "Back to the sections", show=False, id="sections.back"),
    ]

    _built = False
    _focus_when_built = False

    def __init__(self, title: str, *, id: str) -> None:
        super().__init__(title, id=id)
        self._showing = asyncio.Lock()
        self._building = asyncio.Lock()

    def compose(self) -> ComposeResult:
        return []  # built when the tab is first shown: start-up pays only for the first tab

    async def _build(self) -> None:
        menu_box = Vertical(
            OptionList(id=f"{self.id}-menu", classes="section-menu"),
            Static(Content("Enter: open\nEsc: back here"), classes="hint"),
            classes="section-menu-box",
        )
        body = ContentSwitcher(id=f"{self.id}-body", classes="section-body")
        await self.mount(Static(id=f"{self.id}-title", classes="tab-title"),
                         Horizontal(menu_box, body))  # fmt: skip
        self._built = True
        self.refresh_sections()

    # --- what subclasses say -------------------------------------------------------------

    def make_section(self, key: str) -> Section:
        """The widget for the section ``key``."""
        raise NotImplementedError

    def section_status(self, key: str) -> str:
        """A short mark for the menu (a count, ✓, —): words and symbols, not colour."""
        return ""

    def heading(self) -> Content:
        """The title line above the menu."""
        return Content("")

    def shown(self) -> Assessment | None:
        """The assessment the sections show (for tabs that have one)."""
        return None

    @property
    def read_only(self) -> bool:
        return False

    def gap_count(self) -> int:
        """How many plan-check gaps belong to this tab."""
        return sum(1 for gap in plan_check(self.plan) if gap.tab == self.id)

    def gaps_status(self) -> str:
        """The menu mark of a "Plan check" section."""
        gaps = self.gap_count()
        return str(gaps) if gaps else "✓"

    def gaps_heading(self, otherwise: str) -> Content:
        """The title line: the gaps to close, or ``otherwise``."""
        gaps = self.gap_count()
        if gaps:
            return Content(f"{gaps} thing{'s' if gaps > 1 else ''} to close here: see Plan check.")
        return Content(otherwise)

    # --- the machinery -------------------------------------------------------------------

    @property
    def menu(self) -> OptionList:
        return self.query_one(f"#{self.id}-menu", OptionList)

    async def ensure_built(self) -> None:
        """Build the tab's frame and its first section now if not done yet (or bring it up
        to date). Safe to call from anywhere, any number of times, in any order: a palette
        command, a quick switch away and back, and the tab's own showing all end with one
        frame and a section on screen."""
        async with self._building:
            if not self._built:
                await self._build()
            elif self.stale:
                self.refresh_sections()
        if not self.is_attached:
            return
        body = self.query_one(f"#{self.id}-body", ContentSwitcher)
        if body.current is None:
            await self.show_section(self.SECTIONS[0][0])

    async def open_section(self, key: str) -> None:
        """Show section ``key`` and put the keyboard in it (the plan check's jump)."""
        await self.ensure_built()
        await self.show_section(key)
        self.menu.highlighted = [k for k, _ in self.SECTIONS].index(key)
        # After the refresh: the tab may only now be displayed, and a hidden widget can't
        # take the keyboard.
        self.call_after_refresh(self.query_one(f"#section-{key}", Section).focus_main)

    async def on_show(self) -> None:
        """Build the tab and its first section when it is first shown (not at start-up)."""
        await self.ensure_built()
        if self._focus_when_built and self._built:
            self._focus_when_built = False
            self.menu.focus()

    def watch_plan(self) -> None:
        if self.is_shown_tab():
            self.refresh_sections()
        else:
            self.stale = True

    def refresh_sections(self) -> None:
        """Pass the plan down and update the title and the menu marks."""
        if not self._built:
            return
        self.stale = False
        self.query_one(f"#{self.id}-title", Static).update(self.heading())
        menu = self.menu
        keep = menu.highlighted
        rows = []
        for key, title in self.SECTIONS:
            status = self.section_status(key)
            rows.append(Option(Content(f"{title:<16}{status:>4}"), id=key))
        menu.set_options(rows)
        menu.highlighted = keep or 0
        shown, read_only = self.shown(), self.read_only
        for section in self.query(Section):
            section.plan = self.plan
            section.assessment = shown
            section.read_only = read_only

    async def show_section(self, key: str) -> None:
        """Show the section ``key``, building it the first time (one build at a time: the
        menu's highlight and the first showing can both ask for the same section)."""
        if not self._built:
            await self.ensure_built()
        async with self._showing:
            body = self.query_one(f"#{self.id}-body", ContentSwitcher)
            if not body.query(f"#section-{key}"):
                section = self.make_section(key)
                section.set_reactive(Section.plan, self.plan)
                section.set_reactive(Section.assessment, self.shown())
                section.set_reactive(Section.read_only, self.read_only)
                await body.mount(section)
            if body.query(f"#section-{key}"):  # (not there if the app closed meanwhile)
                body.current = f"section-{key}"

    async def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list is self.menu and event.option.id:
            event.stop()
            await self.show_section(event.option.id)

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list is self.menu and event.option.id:
            event.stop()
            await self.show_section(event.option.id)
            self.query_one(f"#section-{event.option.id}", Section).focus_main()

    def on_descendant_focus(self) -> None:
        """Mark whether the keyboard is in a section (a narrow screen then hides the menu)."""
        self._mark_in_section()

    def on_descendant_blur(self) -> None:
        self.call_after_refresh(self._mark_in_section)

    def _mark_in_section(self) -> None:
        if not self._built:
            return
        focused = self.screen.focused if self.is_attached else None
        body = self.query_one(f"#{self.id}-body", ContentSwitcher)
        inside = focused is not None and body in focused.ancestors_with_self
        self.set_class(inside, "-in-section")

    def focus_main(self) -> None:
        """Put the keyboard on the section menu (once it is built)."""
        if self._built:
            self.screen.set_focus(self.menu)  # now: see key_order
        else:
            self._focus_when_built = True

    def action_back(self) -> None:
        """Esc: from a section back to the menu; from the menu to the tab bar."""
        if self.menu.has_focus:
            self.app.action_focus_tabs()  # type: ignore[attr-defined]
        else:
            self.menu.focus()
