"""recovery_tui.render: the written plan as Markdown; user text is always shown literally.

The Markdown is rendered with markdown-it-py's CommonMark preset (HTML off), and the checks
look at the produced HTML: its text content must hold the user's text as written, and its
only headings, lists, links and emphasis must be the ones render.py itself writes.
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections import Counter
from datetime import date

import pytest
import time_machine
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from plans import PHYSICAL_HEALTH, barc10_answers, example_plan, several_assessments_plan

from recovery_tui.method import BARC10_CITATION, BARC10_NOTE
from recovery_tui.model import (
    GOAL_STATUSES,
    Assessment,
    Challenge,
    FocusArea,
    Goal,
    Lapse,
    Milestone,
    Motivation,
    Plan,
    Profile,
    ProgressEntry,
    Strength,
    UseHistory,
)
from recovery_tui.render import (
    md,
    render_assessment,
    render_focus_areas,
    render_goal,
    render_goals,
    render_north_star,
)
from recovery_tui.render import render_plan as render_whole_plan
from recovery_tui.text import for_display

TODAY = date(2026, 11, 26)
PLAN_CHECK = "## Plan check: what to add next\n"


def render_plan(plan: Plan, today: date) -> str:
    """The plan without its plan check, "When things get hard" and support network (tested in
    tests/test_strategies_core.py and tests/test_support_core.py), so these tests see only
    the sections they are about."""
    markdown = render_whole_plan(plan, today)
    for heading in (PLAN_CHECK, "## When things get hard\n", "## Support network\n",
                    "## Keeping the plan alive\n"):  # fmt: skip
        if heading in markdown:
            before, after = markdown.split(heading, 1)
            rest = after.split("\n## ", 1)
            markdown = before + ("## " + rest[1] if len(rest) == 2 else "")
    return markdown


MARKDOWN = MarkdownIt("commonmark", {"html": False})

HOSTILE = [
    "# [b]x[/b] [/y] <i>z</i>",
    "*a* _b_ **c** __d__ ~~e~~",
    "`code` and ``more``",
    "[link](http://x) [ref][1] [1]: http://x",
    "![img](http://x/p.png)",
    "<http://auto.example> <x@y.z> https://bare.example",
    "<script>alert(1)</script> <!-- c --> <?php ?> <![CDATA[x]]>",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "1. item\n2) other",
    "- item\n+ plus\n* star",
    "> quote\n>> nested",
    "&amp; &lt;b&gt; &#42; &copy",
    "back\\slash \\* \\\\ \\",
    "    four leading spaces",
    "\ttab first",
    "line one\nline two\n\nafter a blank line\n\n\nand two",
    "===\n---\n***\n___",
    "```\nfence\n```\n~~~",
    "a  \nhard break by spaces",
    "{{x}} $y$ %z% @w ^v^ 'q' \"d\"",
    "🙂 שלום مرحبا e\u0301 中文",
]


def _html(markdown: str) -> str:
    return MARKDOWN.render(markdown)


def _text(rendered: str) -> str:
    """The HTML's text content (with HTML off, the only tags are the renderer's own)."""
    return html.unescape(re.sub(r"<[^>]+>", "", rendered))


def _squash(text: str) -> str:
    """Whitespace and line breaks collapsed to single spaces."""
    return " ".join(text.split())


def _headings(level: str, rendered: str) -> list[str]:
    """The text of each ``<h1>``/``<h2>``/``<h3>`` heading."""
    return [_text(h) for h in re.findall(rf"<{level}>(.*?)</{level}>", rendered, flags=re.S)]


def _tags(rendered: str) -> Counter[str]:
    return Counter(re.findall(r"<([a-z0-9]+)", rendered))


def _goal(text: str, **changes: object) -> Goal:
    fields: dict[str, object] = {
        "id": "g1",
        "title": _squash(text),
        "specific": text,
        "measure": text,
        "achievable": text,
        "relevant": text,
        "due": date(2026, 2, 28),
        "progress": (ProgressEntry(date(2026, 1, 20), text),),
        "milestones": (Milestone(text.lstrip(), date(2026, 1, 13)),),
    }
    fields.update(changes)
    return Goal(**fields)  # type: ignore[arg-type]


# --- user text is shown literally ------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE)
def test_user_text_is_shown_literally(text: str) -> None:
    goal = _goal(text)
    plan = Plan(profile=Profile(name=_squash(text)), goals=(goal,))
    rendered = _html(render_plan(plan, TODAY))
    content = _squash(_text(rendered))
    squashed = _squash(text)

    assert _headings("h1", rendered) == [f"My recovery plan: {squashed}"]
    assert _headings("h3", rendered) == [squashed]
    for label in ("Specific", "Measurable", "Achievable", "Relevant"):
        assert f"{label}: {squashed}" in content
    assert f"2026-01-20: {squashed}" in content
    assert f"{_squash(text.lstrip())} (done 2026-01-13)" in content


@pytest.mark.parametrize("text", HOSTILE)
def test_only_the_renderers_own_markup_appears(text: str) -> None:
    plan = Plan(profile=Profile(name=_squash(text)), goals=(_goal(text),))
    tags = _tags(_html(render_plan(plan, TODAY)))
    assert set(tags) <= {"h1", "h2", "h3", "p", "em", "strong", "ul", "li", "br"}
    assert (tags["h1"], tags["h2"], tags["h3"]) == (1, 1, 1)
    assert tags["em"] == 2  # "Written ..." and the status line
    assert tags["strong"] == 5  # the five SMART labels
    assert tags["ul"] == 3  # SMART parts, progress, milestones
    assert tags["li"] == 7


def test_no_links_images_code_or_html_from_user_text() -> None:
    goals = tuple(_goal(text, id=f"g{i}") for i, text in enumerate(HOSTILE))
    rendered = _html(render_plan(Plan(goals=goals), TODAY))
    for tag in ("<a", "<img", "<code", "<pre", "<blockquote", "<table", "<ol", "<hr", "<script"):
        assert tag not in rendered
    assert rendered.count("<h3>") == len(HOSTILE)


def test_bidi_overrides_and_controls_are_not_rendered() -> None:
    goal = Goal(id="g1", title="Meet\u202eings\x1b[2J", specific="a\u2066b\u2069c\x07")
    markdown = render_goal(goal)
    assert "\u202e" not in markdown
    assert "\x1b" not in markdown
    assert "\u2066" not in markdown
    assert "\x07" not in markdown
    content = _text(_html(markdown))
    assert "Meetings[2J" in content
    assert "Specific: abc" in content


def test_multi_line_title_stays_in_its_heading() -> None:
    rendered = _html(render_goal(Goal(id="g1", title="Line one\nLine two")))
    assert [_squash(h) for h in _headings("h3", rendered)] == ["Line one Line two"]
    assert "\\" not in _text(rendered)


@pytest.mark.parametrize("text", ["Call Alex\n", "2 this week\n\n", "First meeting\n  "])
def test_trailing_line_break_shows_no_backslash(text: str) -> None:
    goal = Goal(
        id="g1",
        title="Meetings",
        specific=text,
        progress=(ProgressEntry(date(2026, 1, 20), text),),
        milestones=(Milestone(text),),
    )
    assert "\\" not in _text(_html(render_goal(goal)))


def test_milestone_with_leading_spaces_is_not_code() -> None:
    goal = Goal(id="g1", title="Meetings", milestones=(Milestone("    First meeting"),))
    rendered = _html(render_goal(goal))
    assert "<pre" not in rendered
    assert "<code" not in rendered
    assert "First meeting (to do)" in _squash(_text(rendered))


# --- md(): any text becomes one literal paragraph ---------------------------------------------

TEXT_CHARS = st.one_of(
    st.characters(),
    st.sampled_from("\n\n\t  *_[]()#<>&;\\`!|-+.=~:'\"0123456789"),
    st.sampled_from("\u202a\u202e\u2066\u2069\x00\x1b\x85\r"),
)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n")]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=TEXT_CHARS, max_size=60))
@example("# [b]x[/b] [/y] <i>z</i>\n\n- item\n1. item\n    code\n> quote\n&amp;")
@example("*a* _b_ `c` [l](http://x) ![i](y.png) <b>&amp;</b>")
@example("a\n\n\nb")
@example("\\")
def test_md_renders_any_text_as_one_literal_paragraph(text: str) -> None:
    lines = for_display(text).split("\n")
    while lines and not lines[-1].strip():  # blank lines at the ends go
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    shown = "\n".join(line.strip(" \t") for line in lines)
    rendered = _html(f"Note: {md(text)}")
    assert rendered.startswith("<p>")
    assert rendered.endswith("</p>\n")
    assert set(_tags(rendered)) <= {"p", "br"}
    assert _tags(rendered)["p"] == 1
    paragraph = rendered.removeprefix("<p>").removesuffix("</p>\n")
    assert _lines(_text(paragraph)) == _lines(f"Note: {shown}")


def test_md_keeps_line_breaks_as_line_breaks() -> None:
    assert _html("x " + md("one\ntwo")) == "<p>x one<br />\ntwo</p>\n"
    assert md("plain words") == "plain words"
    assert md("a*b") == "a\\*b"


# --- the goals section -----------------------------------------------------------------------


def _content(markdown: str) -> str:
    return _squash(_text(_html(markdown)))


def test_example_goal_lists_its_smart_parts_progress_and_milestones() -> None:
    content = _content(render_goals(example_plan().goals))
    expected_in_order = [
        "Goals",
        "Meetings",
        "Active, due 2026-02-28",
        "Specific: Attend support-group meetings",
        "Measurable: 3 meetings a week",
        "Achievable: Two are near work",
        "Relevant: Be there for my kids",
        "Time-bound: by 2026-02-28",
        "Progress:",
        "2026-01-20: 2 this week",
        "Milestones:",
        "First meeting (done 2026-01-13)",
    ]
    positions = [content.index(part) for part in expected_in_order]
    assert positions == sorted(positions)
    assert "Still to add" not in content


def test_bare_goal_says_what_is_still_to_add() -> None:
    goal = Goal(id="g1", title="Sleep", status="paused", specific="   ")
    content = _content(render_goal(goal))
    assert content == (
        "Sleep Paused Still to add: what exactly, a metric and target, "
        "why it is within reach, which motivation it serves, a target date."
    )


def test_partial_goal_shows_present_parts_and_missing_words() -> None:
    goal = Goal(
        id="g1",
        title="Sleep",
        measure="8 hours a night",
        status="achieved",
        milestones=(Milestone("A full week"), Milestone("First night", date(2026, 3, 2))),
    )
    content = _content(render_goal(goal))
    assert content.startswith("Sleep Achieved Measurable: 8 hours a night Still to add: ")
    assert (
        "Still to add: what exactly, why it is within reach, which motivation it serves, "
        "a target date."
    ) in content
    assert "Specific:" not in content
    assert "Time-bound" not in content
    assert "Progress:" not in content
    assert content.endswith("Milestones: A full week (to do) First night (done 2026-03-02)")


@pytest.mark.parametrize("status", GOAL_STATUSES)
def test_status_labels(status: str) -> None:
    label = {"active": "Active", "achieved": "Achieved", "paused": "Paused"}
    expected = label.get(status, "Set aside")
    goal = Goal(id="g1", title="x", status=status)  # type: ignore[arg-type]
    assert f"<em>{expected}</em>" in _html(render_goal(goal))


def test_goals_are_rendered_in_plan_order() -> None:
    goals = (Goal(id="g2", title="Second"), Goal(id="g1", title="First"))
    rendered = _html(render_goals(goals))
    assert _headings("h3", rendered) == ["Second", "First"]


def test_empty_plan_says_there_are_no_goals_yet() -> None:
    markdown = render_plan(Plan(), TODAY)
    assert markdown.endswith("\n")
    rendered = _html(markdown)
    assert _headings("h1", rendered) == ["My recovery plan"]
    assert _headings("h2", rendered) == ["Goals"]
    assert "<h3>" not in rendered
    assert "<em>Written 2026-11-26.</em>" in rendered
    assert "No goals yet." in _text(rendered)


def test_plan_title_names_the_person() -> None:
    rendered = _html(render_plan(example_plan(), TODAY))
    assert _headings("h1", rendered) == ["My recovery plan: Sam"]
    assert "No goals yet" not in rendered


# --- the whole plan: north star, focus areas, assessment ---------------------------------------

APRIL_20 = date(2026, 4, 20)


def test_plan_sections_come_in_the_template_order() -> None:
    markdown = render_plan(several_assessments_plan(), APRIL_20)
    headings = [
        "# My recovery plan: Sam\n",
        "## My north star\n",
        "## Focus areas and days in recovery\n",
        "## Self-assessment (2026-04-10)\n",
        "## Goals\n",
    ]
    positions = [markdown.index(heading) for heading in headings]
    assert positions == sorted(positions)
    rendered = _html(markdown)
    assert _headings("h1", rendered) == ["My recovery plan: Sam"]
    assert _headings("h2", rendered) == [h.strip("#\n ") for h in headings[1:]]


def test_example_plan_renders_every_new_section() -> None:
    content = _content(render_plan(example_plan(), TODAY))
    expected_in_order = [
        "My north star Be there for my kids",
        "Alcohol: abstinence since 2026-01-10; this run 208 days, 320 days in all",
        "Self-assessment (2026-01-12)",
        "What drives me Be there for my kids (north star)",
        "Challenges and barriers Thin support: Most friends still drink",
        "Strengths and recovery capital Personal: Steady job Family and social: My sister "
        "Community: Tuesday SMART meeting",
        f"Recovery capital (BARC-10) Total 42 of 60, taken 2026-01-12. {BARC10_NOTE}",
        "Use history Alcohol Goals",
    ]
    positions = [content.index(part) for part in expected_in_order]
    assert positions == sorted(positions)
    assert "Over time" not in content  # only one BARC-10 taken
    for left_out in ("Physical health", "Mental health", "Social circumstances"):
        assert left_out not in content


def test_north_star_shows_only_the_latest_assessments_marked_motivations() -> None:
    plan = several_assessments_plan()
    rendered = _html(render_north_star(plan))
    assert _headings("h2", rendered) == ["My north star"]
    assert re.findall(r"<strong>(.*?)</strong>", rendered) == ["My kids", "Self-respect"]
    assert "Be there for my kids" not in rendered  # the north star of an older assessment
    assert "Health" not in rendered


def test_no_north_star_section_when_none_is_marked() -> None:
    plan = several_assessments_plan()
    latest = plan.assessments[1]
    unmarked = tuple(dataclasses.replace(m, north_star=False) for m in latest.motivations)
    plan = plan.with_item("assessments", dataclasses.replace(latest, motivations=unmarked))
    assert render_north_star(plan) == ""
    rendered = _html(render_plan(plan, APRIL_20))
    assert "My north star" not in _headings("h2", rendered)
    assert "north star" not in _text(rendered)
    assert render_north_star(Plan()) == ""


def test_focus_areas_show_aim_since_run_and_total() -> None:
    content = _content(render_focus_areas(several_assessments_plan(), APRIL_20))
    assert content == (
        "Focus areas and days in recovery "
        # 2026-01-10..2026-04-20 is 101 days; the lapse on 2026-03-15 is not counted (and the
        # line says why) and the run starts again on 2026-03-16.
        "Alcohol: abstinence since 2026-01-10; this run 36 days, 100 days in all. The lapse on "
        "2026-03-15 is not added to the days in all; no day without use is taken away. "
        "Nicotine: reduction since 2026-03-01; this run 51 days, 51 days in all"
    )
    assert render_focus_areas(Plan(), APRIL_20) == ""


def test_a_lapse_restarts_the_run_and_the_total_keeps_counting() -> None:
    area = FocusArea(id="f1", name="Alcohol", since=date(2026, 1, 1))
    plan = Plan(focus_areas=(area,))
    before = _content(render_focus_areas(plan, date(2026, 1, 31)))
    assert "this run 31 days, 31 days in all" in before
    lapsed = plan.with_item("lapses", Lapse(id="l1", focus_area="f1", date=date(2026, 1, 31)))
    on_the_day = _content(render_focus_areas(lapsed, date(2026, 1, 31)))
    assert (
        "this run begins tomorrow, 30 days in all. Today's lapse is not added to the days "
        "in all; 30 days without use before it, all kept." in on_the_day
    )
    assert not re.search(r"\b0 days|day 0", on_the_day)
    day_after = _content(render_focus_areas(lapsed, date(2026, 2, 1)))
    assert "this run 1 day, 31 days in all. Yesterday's lapse is not added" in day_after
    assert "this run 10 days, 40 days in all. The lapse on 2026-01-31 is not added" in _content(
        render_focus_areas(lapsed, date(2026, 2, 10))
    )


def test_days_in_recovery_follow_the_clock() -> None:
    plan = Plan(focus_areas=(FocusArea(id="f1", name="Alcohol", since=date(2026, 1, 10)),))
    with time_machine.travel(date(2026, 1, 10), tick=False):
        first_day = _content(render_plan(plan, date.today()))
    with time_machine.travel(date(2026, 2, 8), tick=False):
        day_thirty = _content(render_plan(plan, date.today()))
    assert "Written 2026-01-10." in first_day
    assert "this run 1 day, 1 day in all" in first_day
    assert "Written 2026-02-08." in day_thirty
    assert "this run 30 days, 30 days in all" in day_thirty


def test_assessment_shows_the_latest_one_section_by_section() -> None:
    markdown = render_assessment(several_assessments_plan())
    rendered = _html(markdown)
    assert _headings("h2", rendered) == ["Self-assessment (2026-04-10)"]
    assert _headings("h3", rendered) == [
        "What drives me",
        "Challenges and barriers",
        "Strengths and recovery capital",
        "Recovery capital (BARC-10)",
        "Physical health",
        "Mental health",
        "Use history",
    ]  # no social circumstances: not written
    content = _squash(_text(rendered))
    expected_in_order = [
        "What drives me Health My kids (north star) Self-respect (north star)",
        "Challenges and barriers Specific triggers: Friday payday Housing: Lease ends in June",
        # grouped personal, family and social, community; in list order within a kind
        "Strengths and recovery capital Personal: Steady job Personal: Good sleep "
        "Family and social: My sister Community: Tuesday SMART meeting",
        f"Recovery capital (BARC-10) Total 47 of 60, taken 2026-04-10. {BARC10_NOTE}",
        "Over time: 38 (2026-01-12), 44 (2026-03-05), 47 (2026-04-10).",
        BARC10_CITATION,
        f"Physical health {_squash(PHYSICAL_HEALTH)}",
        "Mental health Anxiety; seeing a counselor (CBT)",
        "Use history Alcohol: pattern: Daily, evenings; since: 2015; last use: 2026-03-15",
        "Nicotine: earlier attempts and treatment: Patches in 2022",
    ]
    positions = [content.index(part) for part in expected_in_order]
    assert positions == sorted(positions)
    assert "Be there for my kids" not in content  # an older assessment
    assert f"<em>{BARC10_CITATION}</em>" in rendered


def test_several_health_lines_stay_lines() -> None:
    rendered = _html(render_assessment(several_assessments_plan()))
    # motivations, challenges, strengths, use history: the health text's "- walking" is no list
    assert rendered.count("<ul>") == 4
    physical = rendered.split("<h3>Physical health</h3>\n", 1)[1].split("<h3>", 1)[0]
    assert _lines(_text(physical).strip("\n")) == _lines(PHYSICAL_HEALTH)


def test_barc10_with_one_score_has_no_over_time_line() -> None:
    plan = Plan(assessments=(Assessment(id="a1", date=TODAY, barc10=barc10_answers(60)),))
    content = _content(render_assessment(plan))
    assert content == (
        f"Self-assessment (2026-11-26) Recovery capital (BARC-10) Total 60 of 60, taken "
        f"2026-11-26. {BARC10_NOTE} {BARC10_CITATION}"
    )


def test_latest_assessment_without_barc10_shows_the_last_score_with_its_date() -> None:
    earlier = Assessment(id="a1", date=date(2026, 1, 12), barc10=barc10_answers(46))
    plan = Plan(assessments=(earlier, Assessment(id="a2", date=date(2026, 3, 1))))
    content = _content(render_assessment(plan))
    assert content.startswith("Self-assessment (2026-03-01) Recovery capital (BARC-10)")
    assert "Total 46 of 60, taken 2026-01-12." in content


def test_barc10_on_a_date_tie_shows_the_later_assessments_score() -> None:
    day = date(2026, 3, 1)
    first = Assessment(id="a1", date=day, barc10=barc10_answers(30))
    second = Assessment(id="a2", date=day, barc10=barc10_answers(50))
    content = _content(render_assessment(Plan(assessments=(first, second))))
    assert "Total 50 of 60, taken 2026-03-01." in content
    assert "Over time: 30 (2026-03-01), 50 (2026-03-01)." in content


def test_empty_assessment_sections_are_left_out() -> None:
    assert render_assessment(Plan()) == ""
    blank = Assessment(
        id="a1",
        date=TODAY,
        physical_health="   \n\t",
        mental_health="",
        social_circumstances="\n",
    )
    assert render_assessment(Plan(assessments=(blank,))) == "## Self-assessment (2026-11-26)"
    markdown = render_plan(Plan(assessments=(blank,)), TODAY)
    assert "###" not in markdown
    assert "My north star" not in markdown
    assert "Focus areas" not in markdown


def test_use_history_names_the_focus_area_or_keeps_the_id_of_a_removed_one() -> None:
    plan = several_assessments_plan().without_item("focus_areas", "f2")
    content = _content(render_assessment(plan))
    assert "Use history Alcohol: pattern: Daily, evenings" in content
    assert content.endswith("f2: earlier attempts and treatment: Patches in 2022")
    bare = Plan(
        focus_areas=(FocusArea(id="f1", name="Alcohol", since=TODAY),),
        assessments=(Assessment(id="a1", date=TODAY, use_history=(UseHistory("f1"),)),),
    )
    assert _content(render_assessment(bare)).endswith("Use history Alcohol")


# --- user text in the new sections is shown literally -----------------------------------------


def _assessment_plan(text: str) -> Plan:
    """A plan with ``text`` in every user-text place of the new sections."""
    one_line = _squash(text)
    area = FocusArea(id="f1", name=one_line, since=date(2026, 11, 1))
    assessment = Assessment(
        id="a1",
        date=date(2026, 11, 2),
        motivations=(Motivation(text, north_star=True),),
        challenges=(Challenge("other", text),),
        strengths=tuple(Strength(kind, text) for kind in ("community", "social", "personal")),
        barc10=barc10_answers(47),
        physical_health=text,
        mental_health=text,
        social_circumstances=text,
        use_history=(UseHistory("f1", text, text, text, text),),
    )
    return Plan(profile=Profile(name=one_line), focus_areas=(area,), assessments=(assessment,))


@pytest.mark.parametrize("text", HOSTILE)
def test_user_text_in_the_assessment_is_shown_literally(text: str) -> None:
    rendered = _html(render_plan(_assessment_plan(text), TODAY))
    content = _squash(_text(rendered))
    shown = _squash(text)

    assert _headings("h1", rendered) == [f"My recovery plan: {shown}"]
    assert _headings("h2", rendered) == [
        "My north star",
        "Focus areas and days in recovery",
        "Self-assessment (2026-11-02)",
        "Goals",
    ]
    assert _headings("h3", rendered) == [
        "What drives me",
        "Challenges and barriers",
        "Strengths and recovery capital",
        "Recovery capital (BARC-10)",
        "Physical health",
        "Mental health",
        "Social circumstances",
        "Use history",
    ]
    expected_in_order = [
        f"My north star {shown} Focus areas",
        f"{shown}: abstinence since 2026-11-01; this run 26 days, 26 days in all",
        f"What drives me {shown} (north star) Challenges",
        f"Other: {shown} Strengths",
        f"Personal: {shown} Family and social: {shown} Community: {shown} Recovery",
        f"Physical health {shown} Mental health {shown} Social circumstances {shown} Use",
        f"Use history {shown}: pattern: {shown}; since: {shown}; last use: {shown}; "
        f"earlier attempts and treatment: {shown} Goals",
    ]
    positions = [content.index(part) for part in expected_in_order]
    assert positions == sorted(positions)


@pytest.mark.parametrize("text", HOSTILE)
def test_only_the_renderers_own_markup_appears_in_the_assessment(text: str) -> None:
    tags = _tags(_html(render_plan(_assessment_plan(text), TODAY)))
    assert set(tags) <= {"h1", "h2", "h3", "p", "em", "strong", "ul", "li", "br"}
    assert (tags["h1"], tags["h2"], tags["h3"]) == (1, 4, 8)
    assert tags["strong"] == 3  # north star, focus area name, use-history name
    assert tags["em"] == 2  # "Written ..." and the BARC-10 citation
    assert tags["ul"] == 5  # focus areas, motivations, challenges, strengths, use history
    assert tags["li"] == 7


@pytest.mark.parametrize("text", ["Line one\nLine two", "a\n\n\nb", "  lead\n\ttab\n", "x\\"])
def test_several_lines_of_user_text_stay_in_their_place(text: str) -> None:
    rendered = _html(render_plan(_assessment_plan(text), TODAY))
    assert set(_tags(rendered)) <= {"h1", "h2", "h3", "p", "em", "strong", "ul", "li", "br"}
    assert _tags(rendered)["h3"] == 8
    physical = rendered.split("<h3>Physical health</h3>\n", 1)[1].split("<h3>", 1)[0]
    assert _lines(_text(physical).strip("\n")) == _lines(text.rstrip())
    star = rendered.split("<h2>My north star</h2>\n", 1)[1].split("<h2>", 1)[0]
    assert _lines(_text(star).strip("\n")) == _lines(text.rstrip())


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_blank_north_star_adds_no_markup(text: str) -> None:
    motivations = (Motivation(text, north_star=True), Motivation("My kids", north_star=True))
    plan = Plan(assessments=(Assessment(id="a1", date=TODAY, motivations=motivations),))
    rendered = _html(render_plan(plan, TODAY))
    assert "<hr" not in rendered
    assert "My north star My kids" in _squash(_text(rendered))


@pytest.mark.parametrize("name", ["", "   "])
def test_blank_focus_area_name_adds_no_markup(name: str) -> None:
    plan = Plan(
        focus_areas=(FocusArea(id="f1", name=name, since=TODAY),),
        assessments=(Assessment(id="a1", date=TODAY, use_history=(UseHistory("f1"),)),),
    )
    rendered = _html(render_plan(plan, TODAY))
    assert "<hr" not in rendered
    assert "*" not in _text(rendered)
