"""Hostile text in every text field of a plan: markup, Markdown, HTML, terminal control
sequences, bidi overrides, combining marks, emoji and a 1 MB string.

The text must round-trip through the exchange format and the plan file (less the control
characters that ``clean`` removes on the way in), show literally in every tab and section of
the real app without crashing it or firing an action, and stay inert in every export.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import screen_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from plans import cleaned, example_plan
from textual.app import App
from textual.widgets import DataTable, Input, Markdown, OptionList, Static, TextArea

from recovery_tui.app import RecoveryApp
from recovery_tui.exchange import dumps, loads_plan, plan_to_data
from recovery_tui.export import AUDIENCES, export_html, export_markdown, export_text
from recovery_tui.helplines import crisis_sheet, crisis_text
from recovery_tui.model import Goal, Plan
from recovery_tui.render import render_plan
from recovery_tui.render_card import short
from recovery_tui.storage import PlanStore
from recovery_tui.tabs.assessment import SECTIONS as ASSESSMENT_SECTIONS
from recovery_tui.tabs.assessment import TEXT_FIELDS
from recovery_tui.tabs.review import SECTIONS as REVIEW_SECTIONS
from recovery_tui.tabs.strategies import SECTIONS as STRATEGIES_SECTIONS
from recovery_tui.tabs.support import SECTIONS as SUPPORT_SECTIONS
from recovery_tui.text import clean, for_display

SIZE = (80, 24)
TODAY = date(2026, 11, 26)
NOW = datetime(2026, 11, 26, 9, 30)
MEGABYTE = 1_000_000

# Shown first, so that it is what a one-line row has room for at 80 columns.
MARKER = "[bold]x[/bold] [/] [@click=app.quit]q[/]"
LITERAL = "[bold]x[/bold] [/]"  # what fits on one line of a section at 80 columns
HOSTILE = {
    "rich-markup": MARKER,
    "lone-close-tag": "[/]",
    "click-action": "[@click=app.quit]x[/]",
    "rich-link": "[link=http://x]y[/link]",
    "theme-variable": "[$accent]z[/] [b]Mum[/b]",
    "md-heading": "# x",
    "md-table": "| a | b |\n|---|---|\n| 1 | 2 |",
    "md-js-link": "[l](javascript:x)",
    "md-remote-image": "![i](http://x/p.png)",
    "html-script": "<script>alert(1)</script>",
    "html-img-a": '<img src="http://x/p.png"> <a href="http://x">y</a>',
    "csi": "\x1b[31mred\x1b[0m \x1b[2J",
    "osc-title": "\x1b]0;title\x07",
    "osc-clipboard": "\x1b]52;c;aGVsbG8=\x07",
    "c1": "\x9b31m \x90q\x9c \x85",
    "bidi": "\u202eevil\u202c \u2066iso\u2069",
    "combining-emoji-rtl": "e\u0301 \U0001f469\u200d\U0001f469\u200d\U0001f467 שלום مرحبا 中文",
    "lines-and-indents": "line one\nline two\n\n    four spaces\n\ttab",
    "c0-del": "nul\x00 del\x7f bs\x08 cr\r\n",
}
HOSTILE_TEXTS = list(HOSTILE.values())
# Every hostile text at once, as one field's value (the app test shows this everywhere).
ALL_AT_ONCE = "  ".join(HOSTILE_TEXTS)
TEXTS = [
    *(pytest.param(text, id=name) for name, text in HOSTILE.items()),
    pytest.param(ALL_AT_ONCE, id="all-at-once"),
]

# Fields that point at other items: they change with the ids, so references stay intact.
REFERENCES = frozenset({"focus_area", "goal", "triggers_met"})
# What must never reach a terminal: C0 but TAB and LF, DEL, C1, bidi controls, surrogates.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# The same for text read outside the app (exports, ``crisis``): the FSI ... PDI pairs that
# set each piece of the person's text apart for bidi are the renderer's own, and allowed.
EXPORT_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066\u2067\ud800-\udfff]")
TERMINAL_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
ESC_OR_C1 = re.compile("[\x07\x1b\x7f-\x9f]")
FOREIGN_TOKENS = frozenset(
    {
        "link_open",
        "image",
        "html_inline",
        "html_block",
        "fence",
        "code_block",
        "code_inline",
        "table_open",
        "blockquote_open",
        "hr",
        "ordered_list_open",
        "lheading",
    }
)
PAGE_TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "em",
             "strong", "ul", "li", "br", "bdi"}  # fmt: skip
COMMONMARK = MarkdownIt("commonmark", {"html": False})


_PAIR = re.compile("\u2068[^\u2068\u2069\n]*\u2069")


def _isolates_balanced(text: str) -> bool:
    """Each FSI closed by a PDI on the same line, never nested: the renderer's own pairs."""
    return not re.search("[\u2068\u2069]", _PAIR.sub("", text))


def _as_page_body(markdown: str) -> str:
    """What export_html makes of the Markdown: CommonMark, each isolate a ``<bdi>``."""
    return COMMONMARK.render(markdown).replace("\u2068", "<bdi>").replace("\u2069", "</bdi>")


# --- a plan with the text in every field ------------------------------------------------------


def _fill(value: Any, text: str, ids: bool) -> Any:
    """``value`` with every text field (and list of texts) set to ``text``; with ``ids``,
    ids and the references to them get ``:text`` added (so they stay unique and linked)."""
    if isinstance(value, tuple):
        return tuple(_fill(item, text, ids) for item in value)
    if not (dataclasses.is_dataclass(value) and not isinstance(value, type)):
        return value
    hints = typing.get_type_hints(type(value))
    changes: dict[str, Any] = {}
    for f in dataclasses.fields(value):
        old = getattr(value, f.name)
        hint = hints[f.name]
        if f.name == "id" or f.name in REFERENCES:
            changes[f.name] = _ref(old, text) if ids else old
        elif hint is str:
            changes[f.name] = text
        elif hint == tuple[str, ...]:
            changes[f.name] = (text, text)
        else:
            changes[f.name] = _fill(old, text, ids)
    if type(value).__name__ == "Goal" and not clean(text).strip():
        changes["title"] = f"goal {text}"  # a goal needs a title, also once cleaned
    return dataclasses.replace(value, **changes)


def _ref(old: Any, text: str) -> Any:
    if isinstance(old, str):
        return f"{old}:{text}"
    if isinstance(old, tuple):
        return tuple(f"{item}:{text}" for item in old)
    return old  # None


def hostile_plan(text: str, *, ids: bool = False) -> Plan:
    """The plan-format.md example (something in every list) with ``text`` in every field."""
    return typing.cast(Plan, _fill(example_plan(), text, ids))


def _texts(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(path, text) for every free-text string inside ``value`` (not the fixed choices)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from _texts(item, f"{path}[{i}]")
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        hints = typing.get_type_hints(type(value))
        for f in dataclasses.fields(value):
            if "Literal" not in str(hints[f.name]):
                yield from _texts(getattr(value, f.name), f"{path}.{f.name}")


def test_the_hostile_plan_has_the_text_in_every_field_of_every_list() -> None:
    plan = hostile_plan("HOSTILE", ids=True)
    for f in dataclasses.fields(Plan):
        assert getattr(plan, f.name), f"the example plan has no {f.name}"
    texts = list(_texts(plan))
    assert len(texts) > 60
    for path, value in texts:
        name = re.sub(r"\[\d+\]", "", path).rsplit(".", 1)[-1]
        if name == "id" or name in REFERENCES:
            assert value.endswith(":HOSTILE"), path
        else:
            assert value == "HOSTILE", path


# --- 1. the exchange format and the plan file --------------------------------------------------


def _exchange(plan: Plan) -> Plan:
    return loads_plan(dumps(plan_to_data(plan, NOW)))


@pytest.mark.parametrize("text", [*TEXTS, pytest.param("\ud800 lone \udfff", id="surrogates")])
def test_hostile_text_round_trips_through_the_exchange_format(text: str) -> None:
    plan = hostile_plan(text, ids=True)
    loaded = _exchange(plan)
    assert loaded == cleaned(plan)
    assert _exchange(loaded) == loaded  # export, import, export: the same plan
    again = dumps(plan_to_data(loaded, NOW))
    assert again == dumps(plan_to_data(loads_plan(again), NOW))
    if not CONTROL.search(text):
        assert loaded == plan  # nothing to clean: kept exactly as written


def test_hostile_text_round_trips_through_the_plan_file(plan_path: Path) -> None:
    plan = hostile_plan(ALL_AT_ONCE, ids=True)
    store = PlanStore(plan_path)
    try:
        store.open()
        store.save(plan)
    finally:
        store.close()
    loaded = PlanStore(plan_path).load()
    assert loaded == cleaned(plan)
    assert CONTROL.sub("", ALL_AT_ONCE) != ALL_AT_ONCE  # the text did hold controls
    for _, value in _texts(loaded):
        assert not ESC_OR_C1.search(value)


def test_a_megabyte_of_text_round_trips_and_exports(plan_path: Path) -> None:
    # Prose with a little punctuation (markdown-it takes seconds for a megabyte of escapes),
    # and every hostile text at its start and end.
    prose = "I take the long way home, past the bar and the shop. " * 4 + "\n"
    big = ALL_AT_ONCE + prose * (MEGABYTE // len(prose)) + ALL_AT_ONCE
    plan = hostile_plan("[/] short")
    goal = dataclasses.replace(plan.goals[0], specific=big)
    contact = dataclasses.replace(plan.contacts[0], how_they_help=big)
    plan = dataclasses.replace(plan, goals=(goal,), contacts=(contact,))
    assert _exchange(plan) == cleaned(plan)
    store = PlanStore(plan_path)
    try:
        store.open()
        store.save(plan)
    finally:
        store.close()
    loaded = PlanStore(plan_path).load()
    assert loaded == cleaned(plan)
    assert len(loaded.goals[0].specific) > MEGABYTE * 0.9
    for audience in ("full", "supporter"):
        markdown = export_markdown(loaded, audience, TODAY)
        assert not EXPORT_CONTROL.search(markdown)
        assert _isolates_balanced(markdown)
        assert not re.search(r"(?<!\\)<script>", markdown)  # only ever escaped
    page = export_html(loaded, "full", TODAY)  # (markdown-it needs ~1 s for it)
    _check_page_is_inert(page)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# --- 3. exports stay inert ---------------------------------------------------------------------


def _foreign(tokens: list[Token], audience: str) -> list[str]:
    """Markup in the Markdown that the renderers do not make themselves."""
    kinds = [t.type for t in tokens] + [c.type for t in tokens for c in t.children or []]
    return [k for k in kinds if k in FOREIGN_TOKENS]


def _headings(tokens: list[Token]) -> list[str]:
    return [t.tag for t in tokens if t.type == "heading_open"]


class _TextOf(HTMLParser):
    """The text content of an HTML fragment, and every tag and attribute in it."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += attrs

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    @property
    def text(self) -> str:
        return _squash("".join(self.parts))


def _squash(text: str) -> str:
    return " ".join(text.split())


def _body(page: str) -> str:
    return page.split("<body>\n", 1)[1].split("</body>", 1)[0]


def _check_markdown_is_inert(markdown: str, audience: str, plain: str) -> None:
    assert not EXPORT_CONTROL.search(markdown)
    assert _isolates_balanced(markdown)
    tokens = COMMONMARK.parse(markdown)
    assert _foreign(tokens, audience) == []
    assert _headings(tokens) == _headings(COMMONMARK.parse(plain))


def _check_page_is_inert(page: str) -> None:
    assert not CONTROL.search(page)
    lowered = page.lower()
    for banned in ("<script", "<img", "<iframe", "<a ", "<link", "<object", "<embed", "<base",
                   "<form", "<svg", "<style "):  # fmt: skip
        assert banned not in lowered, banned
    parsed = _TextOf(page)  # (the words "src=" or "javascript:" may be text, never attributes)
    assert set(parsed.tags) <= PAGE_TAGS
    for name, value in parsed.attrs:
        assert name in {"lang", "charset", "http-equiv", "content", "name"}, name
        assert not re.search(r"https?:|//", value or "", re.I), value


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("text", TEXTS)
def test_every_export_of_hostile_text_is_inert(text: str, audience: str) -> None:
    plan = hostile_plan(text, ids=True)
    plain = export_markdown(hostile_plan("plain words"), audience, TODAY)
    markdown = export_markdown(plan, audience, TODAY)
    _check_markdown_is_inert(markdown, audience, plain)
    page = export_html(plan, audience, TODAY)
    _check_page_is_inert(page)
    assert _TextOf(page).tags.count("h1") == 1
    assert export_text(plan, "md", audience, NOW) == markdown
    # Shown literally: each line of the text, as a reader sees it, is on the page (the
    # supporter card shows a long text on one line, shortened: render_card.short).
    shown = _TextOf(_body(page)).text
    lines = [short(text)] if audience == "supporter" else for_display(text).split("\n")
    for line in lines:
        assert _squash(line) in shown
    if "<script>" in "".join(lines):
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_json_export_and_the_crisis_sheet_carry_no_control_characters() -> None:
    raw = hostile_plan(ALL_AT_ONCE, ids=True)
    as_stored = cleaned(raw)  # what a plan holds once typed, pasted or imported
    exported = export_text(as_stored, "json", "full", NOW)
    assert not ESC_OR_C1.search(exported)
    assert loads_plan(exported) == as_stored
    assert "\x1b" not in export_text(raw, "json", "full", NOW)  # JSON escapes C0 anyway
    for plan in (raw, as_stored):
        sheet = crisis_text(crisis_sheet(plan))
        assert not EXPORT_CONTROL.search(sheet)
        assert _isolates_balanced(sheet)
        assert MARKER in sheet


# --- the same, for any text (hypothesis) --------------------------------------------------------

FRAGMENTS = ["[", "]", "[/]", "[b]", "#", "|", "<", ">", "*", "_", "`", "\\", "&", "!", "(", ")",
             "\n", "    ", "\t", "-", "1.", "=", "~", "\x1b", "\x9b", "\x07", "\u202e", "\u0301",
             "http://x", "javascript:", "<script>", "&amp;", "[@click=app.quit]"]  # fmt: skip
ANY_TEXT = st.one_of(
    st.text(max_size=40),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), max_size=12).map("".join),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT)
def test_any_text_round_trips_and_renders_inert(text: str) -> None:
    plan = hostile_plan(text, ids=True)
    loaded = _exchange(plan)
    assert loaded == cleaned(plan)
    assert _exchange(loaded) == loaded
    document = render_plan(plan, TODAY)
    assert not CONTROL.search(document)
    tokens = COMMONMARK.parse(document)
    assert _foreign(tokens, "full") == []
    # Blank text leaves parts out; other text gives the headings plain words give.
    same = text if not for_display(text).strip() else "w"
    assert _headings(tokens) == _headings(COMMONMARK.parse(render_plan(hostile_plan(same), TODAY)))
    for audience in AUDIENCES:
        markdown = export_markdown(plan, audience, TODAY)
        plain = export_markdown(hostile_plan(same), audience, TODAY)
        _check_markdown_is_inert(markdown, audience, plain)
        page = export_html(plan, audience, TODAY)
        _check_page_is_inert(page)
        assert _body(page) == _as_page_body(markdown)
    shown = _TextOf(COMMONMARK.render(document)).text
    for line in for_display(text).split("\n"):
        assert _squash(line) in shown
    sheet = crisis_text(crisis_sheet(plan))
    assert not EXPORT_CONTROL.search(sheet)
    assert _isolates_balanced(sheet)


# --- 2. the real app shows it literally, everywhere --------------------------------------------


def _screen(app: App[Any]) -> str:
    """conftest's screen_text, for any app (its ``App[object]`` does not take ``App[None]``)."""
    return screen_text(typing.cast("App[object]", app))


def _shown(app: App[Any]) -> list[str]:
    """What the active screen shows, and the text of every widget on it (also the ones a
    section keeps hidden): Static contents, list rows, table cells, fields, the document."""
    shown = [_screen(app)]
    for widget in app.screen.walk_children(with_self=False):
        if isinstance(widget, Static):
            shown.append(str(widget.content))
        elif isinstance(widget, OptionList):
            shown += [str(o.prompt) for o in widget.options]
        elif isinstance(widget, DataTable):
            for row in range(widget.row_count):
                shown += [str(cell) for cell in widget.get_row_at(row)]
        elif isinstance(widget, TextArea):  # edit fields: their bidi is checked on screen
            shown.append(BIDI.sub("", widget.text))
        elif isinstance(widget, Input):
            shown.append(BIDI.sub("", widget.value))
        elif isinstance(widget, Markdown):
            shown.append(widget.source or "")
    return shown


def _live_actions(app: App[Any]) -> list[str]:
    """Click actions in what is painted that come from the person's text."""
    found = []
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            meta = segment.style.meta if segment.style else {}
            action = str(meta.get("@click", ""))
            if re.search(r"quit|javascript|http://x", action):
                found.append(action)
    return found


@dataclass
class Problems:
    """What went wrong where, while walking the app."""

    controls: list[str] = field(default_factory=list)  # C0, DEL, C1: terminal control
    bidi: dict[str, list[str]] = field(default_factory=dict)  # place -> bidi controls shown
    other: list[str] = field(default_factory=list)  # a stopped app, a live action


def _check(app: App[Any], where: str, problems: Problems) -> bool:
    """Note what is wrong on the screen now; True when LITERAL shows below the header."""
    if not app.is_running:
        problems.other.append(f"{where}: the app stopped")
        return False
    shown = _shown(app)
    for text in shown:
        if found := TERMINAL_CONTROL.findall(text):
            problems.controls.append(f"{where}: {found!r} in {text[:60]!r}")
        if found := BIDI.findall(text):
            problems.bidi.setdefault(where, []).extend(found)
    if actions := _live_actions(app):
        problems.other.append(f"{where}: live actions {actions}")
    below_header = shown[0].split("\n", 1)[1]  # the header shows a focus area's name
    return LITERAL in below_header


def _seed(data_file: Path, plan: Plan) -> None:
    store = PlanStore(data_file)
    try:
        store.open()
        store.save(plan)
    finally:
        store.close()


TABS = [
    ("1", "assessment", ASSESSMENT_SECTIONS),
    ("2", "goals", ()),
    ("3", "triggers", STRATEGIES_SECTIONS),
    ("4", "support", SUPPORT_SECTIONS),
    ("5", "review", REVIEW_SECTIONS),
    ("6", "plan", ()),
]
# Sections with no user text of their own (scales, counts, the plan check's gaps; the
# History table's text is in a column beyond 80 columns), and tabs that open on one.
WITHOUT_USER_TEXT = {"barc10", "halt", "gaps", "checkin", "days", "trends", "history", "review"}


def _app_plan() -> Plan:
    """Every hostile text in every field and id, saved raw (it is cleaned when read).

    The check-ins' "one good thing" is plain here: the History table has a test of its own.
    """
    plan = hostile_plan(ALL_AT_ONCE, ids=True)
    checkins = tuple(dataclasses.replace(c, good_thing="a plain good thing") for c in plan.checkins)
    return dataclasses.replace(plan, checkins=checkins)


async def test_every_tab_and_section_shows_hostile_text_literally(
    data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    _seed(data_file, _app_plan())
    app = open_app()
    problems = Problems()
    literal: dict[str, bool] = {}
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        _check(app, "start", problems)
        for key, tab, sections in TABS:
            await pilot.press(key)
            await pilot.pause()
            assert app.query_one("TabbedContent").active == tab  # type: ignore[attr-defined]
            literal[tab] = _check(app, tab, problems)
            if tab == "goals":  # the edit form shows it too; saving says so in a toast
                await pilot.press("e")
                await pilot.pause()
                literal["goal-form"] = _check(app, "goal-form", problems)
                await pilot.press("ctrl+s")
                await pilot.pause()
                literal["goal-saved"] = _check(app, "goal-saved", problems)
                app.clear_notifications()  # (the toast would cover the next sections)
            for index, (section, _) in enumerate(sections):
                if index:
                    await pilot.press("down")
                    await pilot.pause()
                assert app.query_one(f"#section-{section}").display, f"{tab}/{section}"
                literal[section] = _check(app, section, problems)
        assert app.is_running
    assert problems.other == []
    assert problems.controls == []
    assert not problems.bidi, problems.bidi
    assert [k for k, ok in literal.items() if not ok and k not in WITHOUT_USER_TEXT] == []


async def test_assessment_text_fields_show_no_bidi_controls(
    data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    _seed(data_file, _app_plan())
    app = open_app()
    problems = Problems()
    keys = [k for k, _ in ASSESSMENT_SECTIONS]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        await pilot.pause()
        await pilot.press(*["down"] * keys.index(TEXT_FIELDS[0]))
        for section in TEXT_FIELDS:
            await pilot.pause()
            await pilot.pause()
            assert app.query_one(f"#section-{section}").display
            assert "[bold]x[/bold]" in _screen(app)
            _check(app, section, problems)
            await pilot.press("down")
    assert problems == Problems()


async def test_edit_forms_show_no_bidi_controls(
    data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    goal = Goal("g1", "\u202eevil\u202c [b]x[/b]", specific="\u2066iso\u2069 [/]")
    _seed(data_file, Plan(goals=(goal,)))
    app = open_app()
    problems = Problems()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "e")
        await pilot.pause()
        assert "[b]x[/b]" in _screen(app) and "[/]" in _screen(app)
        _check(app, "goal-form", problems)
    assert problems == Problems()


HISTORY = 3  # the History section's place in the Review Log's menu


async def test_check_in_history_shows_hostile_good_things_literally(
    data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    assert REVIEW_SECTIONS[HISTORY][0] == "history"
    _seed(data_file, hostile_plan(ALL_AT_ONCE, ids=True))
    app = open_app()
    problems = Problems()
    async with app.run_test(size=(160, 24)) as pilot:  # wide: the good thing column shows
        await pilot.press("5")
        await pilot.pause()
        await pilot.press(*["down"] * HISTORY)
        await pilot.pause()
        await pilot.pause()
        table = app.query_one("#section-history DataTable", DataTable)
        cells = [str(table.get_row_at(row)[-1]) for row in range(table.row_count)]
        assert cells and all(cell.startswith(MARKER) for cell in cells)
        _check(app, "history", problems)
        assert MARKER in _screen(app)
        assert app.is_running
    assert problems == Problems()
