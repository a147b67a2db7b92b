"""recovery_tui.export: the plan for an audience (the full plan, a supporter card, a clinician
summary) as Markdown and as one inert, printable HTML page; ``recovery-tui export`` for them.

The example plan's Markdown for each audience is kept in ``tests/golden/example-<audience>.md``.
After a deliberate change of the output, rewrite them and read the diff before committing::

    UPDATE_GOLDEN=1 pytest tests/test_export.py
"""

from __future__ import annotations

import dataclasses
import os
import re
import statistics
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
import time_machine
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from plans import PHYSICAL_HEALTH, barc10_answers, example_plan, several_assessments_plan
from test_render import HOSTILE, _headings, _squash, _tags, _text
from test_render import _html as _render_html

from recovery_tui.cli import main
from recovery_tui.export import (
    AUDIENCES,
    CSP,
    clinician_summary,
    export_html,
    export_markdown,
    monthly_trends,
    supporter_card,
)
from recovery_tui.helplines import NATIONAL_LINES, national_heading
from recovery_tui.mdtext import isolating
from recovery_tui.model import (
    Assessment,
    AvoidItem,
    Challenge,
    CheckIn,
    Commitment,
    Contact,
    CopingSkill,
    CrisisLine,
    FocusArea,
    Goal,
    GoalChange,
    Lapse,
    Meeting,
    Milestone,
    Motivation,
    Plan,
    Profile,
    ProgressEntry,
    Review,
    SelfCare,
    Strength,
    Treatment,
    Trigger,
    UseHistory,
    WarningSign,
)
from recovery_tui.render import render_plan
from recovery_tui.render_card import NAME_LONGEST, short
from recovery_tui.storage import PlanStore

TODAY = date(2026, 11, 26)
GOLDEN = Path(__file__).resolve().parent / "golden"
COMMONMARK = MarkdownIt("commonmark", {"html": False})
FSI, PDI = "\u2068", "\u2069"
NATIONAL = national_heading()
NATIONAL_NUMBERS = ("988", "741741", "1-800-662-4357", "1-800-222-1222", "911")
MORE_HOSTILE = [
    "# x",
    "| a | b |",
    "<script>alert(1)</script>",
    "[l](javascript:x)",
    "![i](http://x/p.png)",
]


def _html(markdown: str) -> str:
    """The Markdown rendered, without the FSI ... PDI around user text (tests/test_bidi.py
    checks those), so the checks here read the words."""
    return _render_html(markdown).replace(FSI, "").replace(PDI, "")


def _as_page_body(markdown: str) -> str:
    """What export_html makes of the Markdown: CommonMark, each isolate a ``<bdi>``."""
    return COMMONMARK.render(markdown).replace(FSI, "<bdi>").replace(PDI, "</bdi>")


def _body(page: str) -> str:
    """The HTML page's body (what markdown-it rendered)."""
    return page.split("<body>\n", 1)[1].split("</body>", 1)[0]


def _content(markdown: str) -> str:
    """The Markdown's text as a reader sees it, whitespace squashed."""
    return _squash(_text(_html(markdown)))


def _sections(rendered: str) -> dict[str, str]:
    """Each ``<h2>`` heading's text -> the text under it (squashed), up to the next one."""
    parts = re.split(r"<h2>(.*?)</h2>", rendered, flags=re.S)
    return {_text(parts[i]): _squash(_text(parts[i + 1])) for i in range(1, len(parts), 2)}


# --- golden files ----------------------------------------------------------------------------


@pytest.mark.parametrize("audience", AUDIENCES)
def test_example_plan_matches_its_golden_file(audience: str) -> None:
    golden = GOLDEN / f"example-{audience}.md"
    with time_machine.travel(date(2031, 6, 1), tick=False):  # only ``today`` counts, no clock
        markdown = export_markdown(example_plan(), audience, TODAY)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(markdown, encoding="utf-8", newline="\n")
    assert golden.read_text(encoding="utf-8") == markdown


# --- supporter card: what a supporter needs, nothing private ---------------------------------


def _marked_plan() -> Plan:
    """Every list written: what the supporter card shows is marked PUBLIC-..., every other
    text PRIVATE-... (assessment, check-ins, goals, lapses, reviews, triggers, and the rest
    of the plan that the card has no place for: focus areas, coping, self-care, ...)."""
    return Plan(
        profile=Profile(name="Sam"),
        focus_areas=(FocusArea("f1", "PRIVATE-focus-area", since=date(2026, 1, 10)),),
        lapses=(
            Lapse(
                "l1",
                "f1",
                date(2026, 5, 2),
                what_happened="PRIVATE-lapse-what-happened",
                trigger="PRIVATE-lapse-trigger",
                what_helped="PRIVATE-lapse-what-helped",
                plan_change="PRIVATE-lapse-plan-change",
            ),
        ),
        assessments=(
            Assessment(
                "a1",
                date(2026, 1, 12),
                motivations=(Motivation("PRIVATE-motivation", north_star=True),),
                challenges=(Challenge("support", "PRIVATE-challenge"),),
                strengths=(Strength("personal", "PRIVATE-strength"),),
                barc10=barc10_answers(37),
                physical_health="PRIVATE-physical-health",
                mental_health="PRIVATE-mental-health",
                social_circumstances="PRIVATE-social-circumstances",
                use_history=(
                    UseHistory(
                        "f1",
                        pattern="PRIVATE-use-pattern",
                        since="PRIVATE-use-since",
                        last_use="PRIVATE-use-last",
                        earlier_attempts="PRIVATE-use-earlier-attempts",
                    ),
                ),
            ),
        ),
        goals=(
            Goal(
                "g1",
                "PRIVATE-goal-title",
                specific="PRIVATE-goal-specific",
                measure="PRIVATE-goal-measure",
                achievable="PRIVATE-goal-achievable",
                relevant="PRIVATE-goal-relevant",
                due=date(2026, 12, 31),
                progress=(ProgressEntry(date(2026, 2, 1), "PRIVATE-goal-progress"),),
                milestones=(Milestone("PRIVATE-goal-milestone"),),
            ),
        ),
        triggers=(Trigger("t1", "PRIVATE-trigger", strategies=("PRIVATE-trigger-strategy",)),),
        coping_skills=(CopingSkill("c1", "PRIVATE-coping", "PRIVATE-coping-practice"),),
        self_care=(SelfCare("s1", "sleep", "PRIVATE-self-care"),),
        warning_signs=(
            WarningSign("w1", "PUBLIC-sign-one", ("PUBLIC-response-1a", "PUBLIC-response-1b")),
            WarningSign("w2", "PUBLIC-sign-two", ("PUBLIC-response-2a",)),
        ),
        commitments=(
            Commitment("k1", "PRIVATE-commitment", "PRIVATE-consequence", "PRIVATE-held-by"),
        ),
        contacts=(
            Contact(
                "p1",
                "PUBLIC-sponsor",
                role="sponsor",
                phone="555-0101",
                how_they_help="PUBLIC-help-sponsor",
                crisis=True,
            ),
            Contact(
                "p2",
                "PUBLIC-therapist",
                role="professional",
                phone="555-0102",
                email="therapist@example.org",
                how_they_help="PUBLIC-help-therapist",
            ),
            Contact("p3", "PUBLIC-sister", role="family", how_they_help="PUBLIC-help-sister"),
        ),
        meetings=(Meeting("m1", "PRIVATE-meeting", "PRIVATE-meeting-when", "PRIVATE-where"),),
        avoid=(AvoidItem("v1", "PRIVATE-avoid"),),
        treatment=(
            Treatment("r1", "therapy", "PRIVATE-treatment", "PRIVATE-provider", date(2026, 12, 3)),
        ),
        crisis_lines=(CrisisLine("PUBLIC-own-line", "555-0199", date(2026, 1, 12)),),
        checkins=(
            CheckIn(
                date(2026, 11, 20),
                mood=2,
                craving=7,
                used=True,
                focus_area="f1",
                halt=("lonely",),
                triggers_met=("t1",),
                helped="PRIVATE-checkin-helped",
                good_thing="PRIVATE-checkin-good-thing",
                note="PRIVATE-checkin-note",
            ),
        ),
        reviews=(
            Review(
                "rv1",
                date(2026, 10, 1),
                kind="lapse",
                still_relevant="PRIVATE-review-still-relevant",
                new_challenges="PRIVATE-review-new-challenges",
                working="PRIVATE-review-working",
                celebrate="PRIVATE-review-celebrate",
                adjust="PRIVATE-review-adjust",
                goal_changes=(GoalChange("g1", "PRIVATE-review-goal-change"),),
            ),
        ),
    )


def test_marked_plan_marks_every_text_field() -> None:
    """The privacy test below only means something if the full plan shows the markers."""
    full = _content(render_plan(_marked_plan(), TODAY))
    for marker in ("motivation", "physical-health", "use-pattern", "goal-progress", "trigger",
                   "review-goal-change", "coping", "treatment"):  # fmt: skip
        assert f"PRIVATE-{marker}" in full


# Words of the sections a supporter card has no place for.
NOT_ON_THE_CARD = (
    "BARC",
    "of 60",
    "37",
    "Check-ins",
    "lapse",
    "Goal",
    "goal",
    "Trigger",
    "Progress",
    "Milestone",
    "review",
    "Review",
    "Treatment",
    "Self-care",
)


@pytest.mark.parametrize("form", ["md", "html"])
def test_supporter_card_holds_nothing_private(form: str) -> None:
    plan = _marked_plan()
    card = supporter_card(plan, TODAY) if form == "md" else export_html(plan, "supporter", TODAY)
    leaked = sorted(set(re.findall(r"PRIVATE(?:\\?-[a-z]+)+", card)))
    assert leaked == []
    assert "PRIVATE" not in card
    shown = _squash(_text(_body(card) if form == "html" else _html(card)))
    for private in NOT_ON_THE_CARD:
        assert private not in shown


def test_supporter_card_holds_signs_whom_to_call_and_lines() -> None:
    rendered = _html(supporter_card(_marked_plan(), TODAY))
    assert _headings("h1", rendered) == ["Support card: Sam"]
    assert "Sam shared this card with you on 2026-11-26." in _text(rendered)
    assert _headings("h3", rendered) == []
    sections = _sections(rendered)
    assert list(sections) == [
        "Warning signs, and what I will do",
        "Whom to call",
        "My crisis lines",
        NATIONAL,
    ]
    # Each warning sign with its responses nested under it, in the plan's order.
    assert (
        "<li>PUBLIC-sign-one\n<ul>\n<li>PUBLIC-response-1a</li>\n<li>PUBLIC-response-1b</li>\n"
        "</ul>\n</li>\n<li>PUBLIC-sign-two\n<ul>\n<li>PUBLIC-response-2a</li>\n</ul>\n</li>"
    ) in rendered
    # By default only the crisis contacts: the therapist and the sister are not marked.
    assert sections["Whom to call"] == (
        "555-0101 · PUBLIC-sponsor, sponsor; helps by: PUBLIC-help-sponsor"
    )
    assert sections["My crisis lines"] == "555-0199 · PUBLIC-own-line (checked 2026-01-12)"
    for name, how in NATIONAL_LINES:
        assert f"{name}: {how}" in sections[NATIONAL]
    for number in NATIONAL_NUMBERS:
        assert number in sections[NATIONAL]


def test_supporter_card_of_an_empty_plan_still_has_the_national_lines() -> None:
    rendered = _html(supporter_card(Plan(), TODAY))
    assert _headings("h1", rendered) == ["Support card"]
    assert "Shared with you on 2026-11-26." in _text(rendered)
    assert list(_sections(rendered)) == [NATIONAL]  # no empty heading for lines not written
    for number in NATIONAL_NUMBERS:
        assert number in _text(rendered)


def test_supporter_card_unnamed_contact_and_no_number() -> None:
    plan = Plan(contacts=(Contact("p1", "  ", crisis=True, how_they_help="Sits with me"),))
    sections = _sections(_html(supporter_card(plan, TODAY)))
    assert sections["Whom to call"] == (
        "(unnamed), friend; helps by: Sits with me; no number written yet"
    )


# --- clinician summary -----------------------------------------------------------------------

# Three months, given out of date order and across a year's end.
CHECKINS = (
    CheckIn(date(2026, 1, 31), mood=3, craving=8, used=True, focus_area="f1"),
    CheckIn(date(2025, 12, 3), mood=3, craving=5),
    CheckIn(date(2026, 2, 14), mood=4, craving=1),
    CheckIn(date(2025, 12, 10), mood=4, craving=2, used=True, focus_area="f1"),
    CheckIn(date(2026, 2, 1), mood=5, craving=0),
    CheckIn(date(2025, 12, 31), mood=4, craving=2),
    CheckIn(date(2026, 1, 1), mood=2, craving=7, used=True, focus_area="f2"),
    CheckIn(date(2026, 2, 28), mood=5, craving=0),
)
MONTHS = [
    ("2025-12", 3, 3.7, 3.0, 1),  # mood 11/3, craving 9/3
    ("2026-01", 2, 2.5, 7.5, 2),
    ("2026-02", 3, 4.7, 0.3, 0),  # mood 14/3, craving 1/3
    ("2026-03", 0, None, None, 1),  # the lapse of 2026-03-15: a day with use, no check-in
]


def _clinician_plan() -> Plan:
    """Several assessments (BARC-10 38, 44, 47), two focus areas, a lapse, SMART goals,
    triggers, warning signs, treatment, check-ins over three months and three reviews."""
    goals = (
        Goal(
            "g1",
            "Meetings",
            specific="Attend SMART meetings",
            measure="3 a week",
            achievable="Two are near work",
            relevant="My kids",
            due=date(2026, 6, 30),
            progress=(ProgressEntry(date(2026, 4, 1), "2 this week"),),
        ),
        Goal("g2", "Walk daily", measure="30 minutes", status="achieved"),
    )
    triggers = (
        Trigger("t1", "Payday", kind="situation", area="environmental", intensity=2),
        Trigger("t2", "Loneliness", kind="emotion", area="emotional", intensity=5,
                strategies=("Call my sister", "Go to a meeting")),
    )  # fmt: skip
    reviews = (
        Review("rv2", date(2026, 3, 20), kind="lapse",
               goal_changes=(GoalChange("g1", "Add a Saturday meeting"),)),
        Review("rv1", date(2026, 2, 1), kind="monthly",
               goal_changes=(GoalChange("g1", "Raise to 3 a week"),
                             GoalChange("gone", "Dropped the gym goal"))),
        Review("rv3", date(2026, 5, 1), kind="life_event"),
    )  # fmt: skip
    return dataclasses.replace(
        several_assessments_plan(),
        goals=goals,
        triggers=triggers,
        warning_signs=(WarningSign("w1", "Skipping meals", ("Eat with my sister",)),),
        treatment=(
            Treatment("r1", "counseling", "CBT weekly", "Dr. Lee", date(2026, 12, 2)),
            Treatment("r2", "mat", "Naltrexone"),
        ),
        checkins=CHECKINS,
        reviews=reviews,
    )


def test_monthly_trends_count_average_and_days_with_use() -> None:
    assert monthly_trends(_clinician_plan()) == MONTHS
    assert monthly_trends(Plan()) == []


def test_clinician_summary_maps_onto_a_treatment_plan() -> None:
    markdown = clinician_summary(_clinician_plan(), TODAY)
    rendered = _html(markdown)
    sections = _sections(rendered)
    assert _headings("h1", rendered) == ["Clinician summary: Sam"]
    assert list(sections) == [
        "Focus areas and days in recovery",
        "Self-assessment (2026-04-10)",
        "Goals",
        "Triggers and my strategies",
        "Relapse prevention: warning signs and what I will do",
        "Treatment",
        "Lapses since 2025-12-01",
        "Check-ins by month",
        "Reviews",
    ]
    assert "Prepared 2026-11-26 by the person." in _content(markdown)

    # Focus areas with days: the Alcohol run restarts the day after the 2026-03-15 lapse.
    assert sections["Focus areas and days in recovery"] == (
        "Alcohol: abstinence since 2026-01-10; this run 256 days, 320 days in all. The lapse "
        "on 2026-03-15 is not added to the days in all; no day without use is taken away. "
        "Nicotine: reduction since 2026-03-01; this run 271 days, 271 days in all"
    )

    # The latest assessment, and the BARC-10 totals over time (oldest first).
    assessment = sections["Self-assessment (2026-04-10)"]
    assert "Total 47 of 60, taken 2026-04-10." in assessment
    assert "Over time: 38 (2026-01-12), 44 (2026-03-05), 47 (2026-04-10)." in assessment
    for text in ("My kids (north star)", "Housing: Lease ends in June", "Steady job",
                 _squash(PHYSICAL_HEALTH), "Anxiety; seeing a counselor (CBT)",
                 "Alcohol: pattern: Daily, evenings; since: 2015; last use: 2026-03-15",
                 "Nicotine: earlier attempts and treatment: Patches in 2022"):  # fmt: skip
        assert text in assessment

    # The active goals with their SMART parts, one line each; the others counted.
    assert sections["Goals"] == (
        "Active: Meetings, due 2026-06-30 · Specific: Attend SMART meetings · Measurable: "
        "3 a week · Achievable: Two are near work · Relevant: My kids · Latest progress "
        "2026-04-01: 2 this week Other goals: Achieved: “Walk daily”"
    )

    # Triggers, strongest first, with their strategies.
    assert sections["Triggers and my strategies"] == (
        "Loneliness (emotion, emotional; intensity 5 of 5): Call my sister; Go to a meeting "
        "Payday (situation, environmental; intensity 2 of 5): no strategy yet"
    )
    assert sections["Relapse prevention: warning signs and what I will do"] == (
        "Skipping meals: Eat with my sister"
    )
    assert sections["Treatment"] == (
        "Counseling; CBT weekly; Dr. Lee; next 2026-12-02 "
        "Medication-assisted treatment (MAT); Naltrexone"
    )
    assert sections["Lapses since 2025-12-01"] == "2026-03-15, Alcohol: no debrief written yet"

    # The last twelve months, month by month, as a list (plain CommonMark has no tables);
    # the lapse counts as a day with use.
    months = markdown.split("## Check-ins by month\n\n", 1)[1].split("\n\n", 1)[0].split("\n")
    assert months == [
        "- 2025-12: 3 check-ins; mood 3.7 of 5; craving 3.0 of 10; 1 day with use",
        "- 2026-01: 2 check-ins; mood 2.5 of 5; craving 7.5 of 10; 2 days with use",
        "- 2026-02: 3 check-ins; mood 4.7 of 5; craving 0.3 of 10; 0 days with use",
        "- 2026-03: no check-ins; 1 day with use",
        *(f"- 2026-{m:02d}: no check-ins" for m in range(4, 12)),
    ]

    # Each review with its date, kind and goal changes, oldest first.
    assert sections["Reviews"] == (
        "2026-02-01, monthly Goal “Meetings”: Raise to 3 a week "
        "Goal “a goal since removed”: Dropped the gym goal "
        "2026-03-20, after a lapse Goal “Meetings”: Add a Saturday meeting "
        "2026-05-01, after a life event"
    )


def test_clinician_summary_of_an_empty_plan() -> None:
    rendered = _html(clinician_summary(Plan(), TODAY))
    assert _headings("h1", rendered) == ["Clinician summary"]
    assert list(_sections(rendered)) == ["Goals"]


def test_clinician_summary_leaves_out_what_is_not_written() -> None:
    plan = dataclasses.replace(_clinician_plan(), checkins=(), reviews=(), treatment=(), lapses=())
    sections = _sections(_html(clinician_summary(plan, TODAY)))
    for heading in ("Treatment", "Check-ins by month", "Reviews", "Lapses since 2025-12-01"):
        assert heading not in sections


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)),
            st.integers(1, 5),
            st.integers(0, 10),
            st.booleans(),
        ),
        unique_by=lambda entry: entry[0],
        max_size=40,
    )
)
def test_monthly_trends_add_up(entries: list[tuple[date, int, int, bool]]) -> None:
    checkins = tuple(
        CheckIn(day, mood=mood, craving=craving, used=used, focus_area="f1" if used else None)
        for day, mood, craving, used in entries
    )
    rows = monthly_trends(Plan(checkins=checkins))
    months = {f"{day.year:04d}-{day.month:02d}" for day, *_ in entries}
    assert [row[0] for row in rows] == sorted(months)
    assert sum(row[1] for row in rows) == len(entries)
    for month, count, mood, craving, used in rows:
        mine = [e for e in entries if f"{e[0].year:04d}-{e[0].month:02d}" == month]
        assert count == len(mine)
        assert used == sum(e[3] for e in mine)
        for average, values in ((mood, [e[1] for e in mine]), (craving, [e[2] for e in mine])):
            assert round(average, 1) == average
            assert abs(average - statistics.mean(values)) <= 0.05 + 1e-9


# --- full ------------------------------------------------------------------------------------


PLANS = [Plan, example_plan, several_assessments_plan, _marked_plan, _clinician_plan]


@pytest.mark.parametrize("make", PLANS, ids=lambda make: make.__name__)
def test_full_export_is_the_written_plan(make: Callable[[], Plan]) -> None:
    plan = make()
    with isolating():  # the export sets user text apart for bidi: see tests/test_bidi.py
        written, checked = render_plan(plan, TODAY, with_check=False), render_plan(plan, TODAY)
    assert export_markdown(plan, "full", TODAY) == written  # the plan check only if asked
    assert export_markdown(plan, "full", TODAY, with_check=True) == checked


def test_audiences() -> None:
    assert AUDIENCES == ("full", "supporter", "clinician")
    plan = example_plan()
    with isolating():
        card, summary = supporter_card(plan, TODAY), clinician_summary(plan, TODAY)
    assert export_markdown(plan, "supporter", TODAY) == card
    assert export_markdown(plan, "clinician", TODAY) == summary


@pytest.mark.parametrize("export", [export_markdown, export_html])
def test_an_unknown_audience_is_refused_not_the_whole_plan(export: object) -> None:
    with pytest.raises(ValueError):
        export(_marked_plan(), "suporter", TODAY)  # type: ignore[operator]


# --- HTML: one printable page, inert, nothing remote -----------------------------------------


class _Page(HTMLParser):
    """Every tag, attribute and declaration of a page."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, tuple[tuple[str, str | None], ...]]] = []
        self.decls: list[str] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.append((tag, tuple(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_decl(self, decl: str) -> None:
        self.decls.append(decl)


PAGE_TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "em",
             "strong", "ul", "li", "br", "bdi"}  # fmt: skip


def _check_page(page: str, audience: str) -> None:
    assert page.startswith("<!DOCTYPE html>\n")
    parsed = _Page(page)
    assert parsed.decls == ["DOCTYPE html"]
    assert set(parsed.tags) <= PAGE_TAGS
    lowered = page.lower()
    for banned in ("<script", "<img", "<iframe", "<link", "<a ", "<object", "<embed", "<base",
                   "<form", "src=", "href=", "srcset="):  # fmt: skip
        assert banned not in lowered
    for tag, attrs in parsed.attrs:
        for name, value in attrs:
            assert name in {"lang", "charset", "http-equiv", "content", "name"}, (tag, name)
            assert not re.search(r"https?:|javascript:|//", value or "", re.I), (tag, value)
    metas = [dict(attrs) for tag, attrs in parsed.attrs if tag == "meta"]
    assert {"http-equiv": "Content-Security-Policy", "content": CSP} in metas
    assert '<meta http-equiv="Content-Security-Policy" content="' + CSP + '">' in page
    assert {"name": "referrer", "content": "no-referrer"} in metas
    assert f"<title>Recovery plan ({audience})</title>" in page
    style = page.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "@media print" in style
    assert page.endswith("</body>\n</html>\n")


def test_csp_forbids_everything_but_inline_style() -> None:
    assert CSP == "default-src 'none'; style-src 'unsafe-inline'"


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("make", PLANS, ids=lambda make: make.__name__)
def test_html_page_is_printable_inert_and_loads_nothing(
    make: Callable[[], Plan], audience: str
) -> None:
    plan = make()
    page = export_html(plan, audience, TODAY)
    _check_page(page, audience)
    assert _body(page) == _as_page_body(export_markdown(plan, audience, TODAY))


def test_exports_hold_no_table_and_say_nothing_needs_gfm() -> None:
    """Lists only: a plain CommonMark renderer (no GFM tables) shows every export right."""
    for audience in AUDIENCES:
        markdown = export_markdown(_clinician_plan(), audience, TODAY)
        assert "<table" not in export_html(_clinician_plan(), audience, TODAY)
        assert not [line for line in markdown.split("\n") if line.startswith("|")]


def test_pages_print_without_forced_breaks_and_fit_a_phone() -> None:
    for audience in AUDIENCES:
        page = export_html(_marked_plan(), audience, TODAY)
        style = page.split("<style>", 1)[1].split("</style>", 1)[0]
        assert "break-before: page" not in style  # the full plan printed 13 mostly empty pages
        assert "overflow-wrap: anywhere" in style
        assert "td { " in style.replace("th, td {", "td { ") and "padding" in style
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page


# --- hostile text stays inert ----------------------------------------------------------------


def _text_plan(text: str) -> Plan:
    """``text`` in the profile name, contacts' names and how they help, warning signs and
    responses, a goal's title, a review's goal change, a trigger and a crisis line."""
    return Plan(
        profile=Profile(name=text),
        goals=(Goal("g1", text, measure=text, due=date(2026, 12, 31)),),
        triggers=(Trigger("t1", text, strategies=(text,)),),
        warning_signs=(WarningSign("w1", text, (text, text)),),
        contacts=(
            Contact("p1", text, role="sponsor", phone="555-0101", how_they_help=text, crisis=True),
            Contact("p2", text, role="professional", phone=text, how_they_help=text),
        ),
        crisis_lines=(CrisisLine(text, text),),
        checkins=CHECKINS[:3],
        reviews=(Review("rv1", date(2026, 3, 1), goal_changes=(GoalChange("g1", text),)),),
    )


def _markup(tokens: list[Token]) -> list[tuple[str, str]]:
    """The block tokens, and the markup inside inline ones (text and line breaks left out)."""
    out = []
    for token in tokens:
        out.append((token.type, token.tag))
        for child in token.children or []:
            if child.type not in ("text", "hardbreak", "softbreak"):
                out.append((child.type, child.tag))
    return out


HOSTILE_TEXTS = [*HOSTILE, *MORE_HOSTILE]
FOREIGN_TOKENS = {
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
}


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_hostile_text_adds_no_markup_to_the_markdown(text: str, audience: str) -> None:
    markdown = export_markdown(_text_plan(text), audience, TODAY)
    tokens = COMMONMARK.parse(markdown)
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or []}
    assert not kinds & FOREIGN_TOKENS
    # Exactly the markup the same plan gets with plain words.
    plain = COMMONMARK.parse(export_markdown(_text_plan("plain words"), audience, TODAY))
    assert _markup(tokens) == _markup(plain)
    # No line starts with "|": there is no table, and user text makes none.
    assert [line for line in markdown.split("\n") if line.lstrip().startswith("|")] == []


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_hostile_text_is_shown_literally_and_escaped_in_the_html(text: str, audience: str) -> None:
    page = export_html(_text_plan(text), audience, TODAY)
    _check_page(page, audience)
    shown = short(text) if audience == "supporter" else text  # the card: one line, shortened
    assert _squash(shown) in _squash(_text(_body(page)))
    if "<script>" in text:
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    if "<i>" in text:
        assert "&lt;i&gt;z&lt;/i&gt;" in page
    allowed = {"h1", "h2", "h3", "p", "em", "strong", "ul", "li", "br", "bdi"}
    assert set(_tags(_body(page))) <= allowed


def test_supporter_card_shows_hostile_names_and_help_in_their_place() -> None:
    text = "<script>alert(1)</script> [l](javascript:x)"
    sections = _sections(_html(supporter_card(_text_plan(text), TODAY)))
    assert sections["Warning signs, and what I will do"] == f"{text} {text} {text}"
    name = short(text, NAME_LONGEST)  # the card keeps a name to one short line
    assert sections["Whom to call"] == f"555-0101 · {name}, sponsor; helps by: {text}"


# --- the command line, as a real process -----------------------------------------------------


def _store(path: Path, plan: Plan) -> Path:
    """A plan file at ``path``, written as the app writes it."""
    store = PlanStore(path)
    try:
        store.open()
        store.save(plan)
    finally:
        store.close()
    return path


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "recovery_tui", "export", *args],
        capture_output=True, text=True, encoding="utf-8", timeout=60,
    )  # fmt: skip


def test_cli_prints_the_supporter_card(tmp_path: Path) -> None:
    plan = _marked_plan()
    data = _store(tmp_path / "data" / "plan.json", plan)
    before = date.today()
    result = _run("--format", "md", "--audience", "supporter", "--data", str(data))
    after = date.today()
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    cards = {export_markdown(plan, "supporter", day) for day in (before, after)}
    assert result.stdout in cards
    assert "PRIVATE" not in result.stdout


@pytest.mark.parametrize("audience", AUDIENCES)
def test_cli_writes_a_private_html_file(tmp_path: Path, audience: str) -> None:
    plan = _clinician_plan()
    data = _store(tmp_path / "plan.json", plan)
    out = tmp_path / f"{audience}.html"
    before = date.today()
    result = _run("--format", "html", "--audience", audience, "--data", str(data), "-o", str(out))
    after = date.today()
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""  # where it went is said on stderr (test_export_safety)
    assert result.stderr.startswith("Saved ") and str(out.resolve()) in result.stderr
    if sys.platform != "win32":
        assert out.stat().st_mode & 0o777 == 0o600
    page = out.read_text(encoding="utf-8")
    assert page in {export_html(plan, audience, before), export_html(plan, audience, after)}
    _check_page(page, audience)


@pytest.mark.parametrize("audience", ["supporter", "clinician"])
def test_cli_refuses_json_for_an_audience(tmp_path: Path, audience: str) -> None:
    data = _store(tmp_path / "plan.json", _marked_plan())
    out = tmp_path / "out.json"
    result = _run("--format", "json", "--audience", audience, "--data", str(data), "-o", str(out))
    assert result.returncode != 0
    assert result.stdout == ""
    assert "JSON is always the whole plan" in result.stderr
    assert "--format md or html" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_cli_json_for_the_full_plan_still_works(tmp_path: Path) -> None:
    data = _store(tmp_path / "plan.json", example_plan())
    result = _run("--format", "json", "--audience", "full", "--data", str(data))
    assert result.returncode == 0, result.stderr
    assert '"format": "recovery-tui-plan"' in result.stdout


@pytest.mark.parametrize("audience", AUDIENCES)
def test_html_export_never_imports_textual(tmp_path: Path, audience: str) -> None:
    data = _store(tmp_path / "plan.json", example_plan())
    args = ["export", "--format", "html", "--audience", audience,
            "--data", str(data), "-o", str(tmp_path / "out.html")]  # fmt: skip
    code = (
        "import sys\n"
        "from recovery_tui.cli import main\n"
        f"status = main({args!r})\n"
        "print(status, 'textual' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.split() == ["0", "False"], result.stderr
    assert (tmp_path / "out.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_cli_export_over_an_existing_file_makes_it_private(tmp_path: Path) -> None:
    data = _store(tmp_path / "plan.json", example_plan())
    out = tmp_path / "plan.html"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o644)
    assert main(["export", "--format", "html", "--data", str(data), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert out.stat().st_mode & 0o777 == 0o600


def test_cli_html_to_stdout_is_utf8_as_declared(tmp_path: Path) -> None:
    plan = _clinician_plan()
    data = _store(tmp_path / "plan.json", plan)
    before = date.today()
    result = subprocess.run(
        [sys.executable, "-m", "recovery_tui", "export", "--format", "html",
         "--audience", "clinician", "--data", str(data)],
        capture_output=True, timeout=60, env={**os.environ, "PYTHONIOENCODING": "cp1252"},
    )  # fmt: skip
    after = date.today()
    assert result.returncode == 0, result.stderr
    pages = {export_html(plan, "clinician", day).encode("utf-8") for day in (before, after)}
    assert result.stdout in pages
