"""The pure core of Triggers & Strategies: the plan check, the HALT steps, the written plan's
triggers, coping, self-care, relapse prevention and commitments sections, and their round trip
through the exchange format.

The written plan is rendered with markdown-it-py's CommonMark preset (HTML off) and checked on
the produced HTML, with the helpers of ``test_render``.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime

import pytest
from plans import minimal_data
from test_render import HOSTILE, _headings, _html, _squash, _tags, _text

from recovery_tui import insights
from recovery_tui.app import TAB_IDS
from recovery_tui.exchange import dumps, loads_plan, plan_to_data
from recovery_tui.insights import Gap, HaltStep, halt_steps, missing_smart_words
from recovery_tui.mdtext import md
from recovery_tui.method import (
    HALT_FIRST_STEP,
    HALT_LABELS,
    HALT_SELF_CARE,
    SELF_CARE_LABELS,
)
from recovery_tui.model import (
    Commitment,
    Contact,
    CopingSkill,
    Goal,
    Plan,
    SelfCare,
    Trigger,
    WarningSign,
)
from recovery_tui.render import render_plan as render_whole_plan
from recovery_tui.render_strategies import render_plan_check
from recovery_tui.tabs.strategies import SECTIONS as STRATEGY_SECTIONS

SUPPORT_SECTIONS = (
    "## When things get hard\n",
    "## Support network\n",
    "## Keeping the plan alive\n",
)


def plan_check(plan: Plan) -> list[Gap]:
    """The plan check without the Support tab's gaps (tests/test_support_core.py has them)."""
    return [gap for gap in insights.plan_check(plan) if gap.tab != "support"]


def render_plan(plan: Plan, today: date) -> str:
    """The written plan without the support sections and their gaps (tested on their own)."""
    markdown = render_whole_plan(plan, today)
    for heading in SUPPORT_SECTIONS:
        if heading in markdown:
            before, after = markdown.split(heading, 1)
            rest = after.split("\n## ", 1)
            markdown = before + ("## " + rest[1] if len(rest) == 2 else "")
    for gap in insights.plan_check(plan):
        if gap.tab == "support":
            markdown = markdown.replace(f"- {md(gap.message)}\n", "")
    return markdown


TODAY = date(2026, 11, 26)
PLAN_CHECK = "Plan check: what to add next"
TRIGGERS = "Triggers and my strategies"
COPING = "Coping skills"
SELF_CARE = "Self-care"
RELAPSE = "Relapse prevention: warning signs and what I will do"
COMMITMENTS = "Commitments"
ALLOWED_TAGS = {"h1", "h2", "h3", "p", "em", "strong", "ul", "li", "br"}


def _complete_goal(goal_id: str = "g1", title: str = "Meetings", **changes: object) -> Goal:
    fields: dict[str, object] = {
        "id": goal_id,
        "title": title,
        "specific": "Attend support-group meetings",
        "measure": "3 meetings a week",
        "achievable": "Two are near work",
        "relevant": "Be there for my kids",
        "due": date(2026, 2, 28),
    }
    fields.update(changes)
    return Goal(**fields)  # type: ignore[arg-type]


def _content(rendered: str) -> str:
    return _squash(_text(rendered))


def _section(rendered: str, heading: str) -> str:
    """The HTML of the h2 section ``heading``: from its heading up to the next h2."""
    start = rendered.index(f"<h2>{heading}</h2>")
    end = rendered.find("<h2>", start + 1)
    return rendered[start:] if end == -1 else rendered[start:end]


def _items(rendered: str) -> list[str]:
    """The text of each list item, whitespace squashed."""
    return [_squash(_text(li)) for li in re.findall(r"<li>(.*?)</li>", rendered, flags=re.S)]


# --- plan_check ------------------------------------------------------------------------------


def test_empty_plan_needs_coping_skills_and_self_care_only() -> None:
    gaps = plan_check(Plan())
    assert [(g.tab, g.section) for g in gaps] == [
        ("triggers", "coping_skills"),
        ("triggers", "self_care"),
    ]
    assert gaps[0].message.startswith("No coping skills yet")
    assert gaps[1].message.startswith("No self-care routines yet")


def test_coping_skill_and_self_care_close_their_gaps() -> None:
    plan = Plan(
        coping_skills=(CopingSkill("c1", "Box breathing"),),
        self_care=(SelfCare("s1", "sleep", "In bed by 11 pm"),),
    )
    assert plan_check(plan) == []
    only_skill = Plan(coping_skills=plan.coping_skills)
    assert [g.section for g in plan_check(only_skill)] == ["self_care"]
    only_routine = Plan(self_care=plan.self_care)
    assert [g.section for g in plan_check(only_routine)] == ["coping_skills"]


def _base_plan(**lists: object) -> Plan:
    """A plan with no gaps of its own (one coping skill, one self-care routine), plus ``lists``."""
    plan = Plan(
        coping_skills=(CopingSkill("c1", "Box breathing"),),
        self_care=(SelfCare("s1", "sleep", "In bed by 11 pm"),),
    )
    for name, items in lists.items():
        plan = plan.with_list(name, items)  # type: ignore[arg-type]
    return plan


def test_trigger_without_strategy_is_named_until_it_has_one() -> None:
    bare = Trigger("t1", "The bar on my way home", kind="place", intensity=4)
    gaps = plan_check(_base_plan(triggers=(bare,)))
    assert len(gaps) == 1
    assert (gaps[0].tab, gaps[0].section) == ("triggers", "triggers")
    assert "“The bar on my way home”" in gaps[0].message
    assert "no strategy yet" in gaps[0].message

    planned = Trigger("t1", "The bar on my way home", strategies=("Take the bus instead",))
    assert plan_check(_base_plan(triggers=(planned,))) == []


def test_warning_sign_without_response_is_named_until_it_has_one() -> None:
    bare = WarningSign("w1", "Skipping meetings")
    gaps = plan_check(_base_plan(warning_signs=(bare,)))
    assert len(gaps) == 1
    assert (gaps[0].tab, gaps[0].section) == ("triggers", "warning_signs")
    assert "“Skipping meetings”" in gaps[0].message
    assert "no response yet" in gaps[0].message

    answered = WarningSign("w1", "Skipping meetings", responses=("Call my sponsor",))
    assert plan_check(_base_plan(warning_signs=(answered,))) == []


def test_active_goal_missing_smart_parts_lists_them_in_words() -> None:
    goal = Goal(id="g1", title="Sleep", measure="8 hours a night", due=date(2026, 3, 1))
    gaps = plan_check(_base_plan(goals=(goal,)))
    assert gaps == [
        Gap(
            "goals",
            "goals",
            "The goal “Sleep” could still use what exactly, why it is within reach, "
            "which motivation it serves.",
        )
    ]
    for words in missing_smart_words(goal):
        assert words in gaps[0].message


def test_blank_smart_part_counts_as_missing() -> None:
    goal = _complete_goal(specific="   \n", due=None)
    (gap,) = plan_check(_base_plan(goals=(goal,)))
    assert gap.message == "The goal “Meetings” could still use what exactly, a target date."


@pytest.mark.parametrize("status", ["paused", "achieved", "set_aside"])
def test_goal_that_is_not_active_needs_nothing(status: str) -> None:
    goal = Goal(id="g1", title="Sleep", status=status)  # type: ignore[arg-type]
    assert plan_check(_base_plan(goals=(goal,))) == []


def test_complete_goal_needs_nothing() -> None:
    assert plan_check(_base_plan(goals=(_complete_goal(),))) == []


def _plan_with_every_gap() -> Plan:
    return Plan(
        goals=(
            Goal(id="g2", title="Second goal"),
            _complete_goal("g3", "Complete goal"),
            Goal(id="g1", title="First goal", measure="3 a week"),
        ),
        triggers=(
            Trigger("t2", "Payday"),
            Trigger("t3", "Planned", strategies=("Pay the bills first",)),
            Trigger("t1", "Old friends", intensity=5),
        ),
        warning_signs=(
            WarningSign("w2", "Isolating"),
            WarningSign("w3", "Answered", responses=("Call Alex",)),
            WarningSign("w1", "Skipping meetings"),
        ),
    )


def test_gaps_follow_the_plans_order() -> None:
    gaps = plan_check(_plan_with_every_gap())
    assert [g.section for g in gaps] == [
        "goals",
        "goals",
        "triggers",
        "triggers",
        "coping_skills",
        "self_care",
        "warning_signs",
        "warning_signs",
    ]
    named = [re.search(r"“(.*?)”", g.message) for g in gaps]
    assert [m.group(1) for m in named if m] == [
        "Second goal",
        "First goal",
        "Payday",  # list order, not intensity order
        "Old friends",
        "Isolating",
        "Skipping meetings",
    ]


def test_gap_messages_are_kind_and_plain() -> None:
    gaps = plan_check(_plan_with_every_gap())
    assert gaps
    for gap in gaps:
        assert gap.message.strip() == gap.message
        assert gap.message[-1] in ".?"
        lowered = gap.message.lower()
        for harsh in ("fail", "error", "must", "invalid"):
            assert harsh not in lowered, gap.message


def test_every_gap_points_at_a_real_tab_and_section() -> None:
    sections = {
        "goals": {"goals"},
        "triggers": {key for key, _ in STRATEGY_SECTIONS},
    }
    gaps = plan_check(_plan_with_every_gap())
    assert {g.tab for g in gaps} == {"goals", "triggers"}
    for gap in gaps:
        assert gap.tab in TAB_IDS
        assert gap.section in sections[gap.tab]
        # each section names the plan list the gap is about
        assert hasattr(Plan(), gap.section)


# --- halt_steps ------------------------------------------------------------------------------

ROUTINES = (
    SelfCare("s1", "relaxation", "Bath on Sundays"),
    SelfCare("s2", "sleep", "In bed by 11 pm"),
    SelfCare("s3", "nutrition", "Breakfast every day"),
    SelfCare("s4", "exercise", "Walk at lunch"),
    SelfCare("s5", "hobby", "Guitar on Thursdays"),
    SelfCare("s6", "other", "Call a friend on Sundays"),
    SelfCare("s7", "sleep", "No screens after 10 pm"),
)
SKILLS = (
    CopingSkill("c1", "Box breathing", "5 minutes each morning"),
    CopingSkill("c2", "Urge surfing"),
)
HALT_PLAN = Plan(self_care=ROUTINES, coping_skills=SKILLS)
COPING_STEPS = [
    HaltStep("coping", "Box breathing: 5 minutes each morning"),
    HaltStep("coping", "Urge surfing"),
]


def test_no_state_marked_gives_no_steps() -> None:
    assert halt_steps(HALT_PLAN, []) == []
    assert halt_steps(Plan(), ()) == []


def test_tired_and_hungry_give_first_steps_own_routines_then_coping_skills() -> None:
    assert halt_steps(HALT_PLAN, ["tired", "hungry"]) == [
        HaltStep("tired", "Rest: lie down, or plan an early night."),
        HaltStep("tired", "Bath on Sundays"),
        HaltStep("tired", "In bed by 11 pm"),
        HaltStep("tired", "No screens after 10 pm"),
        HaltStep("hungry", "Eat something nourishing, even something small."),
        HaltStep("hungry", "Breakfast every day"),
        *COPING_STEPS,
    ]


@pytest.mark.parametrize("state", list(HALT_LABELS))
def test_each_state_gives_its_first_step_and_matching_routines(state: str) -> None:
    steps = halt_steps(HALT_PLAN, [state])
    assert steps[0] == HaltStep(state, HALT_FIRST_STEP[state])
    routines = [r.commitment for r in ROUTINES if r.area in HALT_SELF_CARE[state]]
    assert routines  # every state has at least one of the person's routines here
    assert steps[1:] == [HaltStep(state, text) for text in routines] + COPING_STEPS


def test_halt_maps_cover_every_state_with_real_self_care_areas() -> None:
    assert set(HALT_FIRST_STEP) == set(HALT_LABELS) == set(HALT_SELF_CARE)
    for areas in HALT_SELF_CARE.values():
        assert set(areas) <= set(SELF_CARE_LABELS)
    for step in HALT_FIRST_STEP.values():
        assert step.strip() and step.endswith(".")


def test_states_keep_the_order_given_and_coping_skills_come_once_at_the_end() -> None:
    for states in (["lonely", "angry"], ["angry", "lonely"], ["tired", "angry", "hungry"]):
        steps = halt_steps(HALT_PLAN, states)
        firsts = [s.state for s in steps if s.text in HALT_FIRST_STEP.values()]
        assert firsts == states
        order = [s.state for s in steps]
        assert order == sorted(order, key=[*states, "coping"].index)
        assert steps[-2:] == COPING_STEPS
        assert order.count("coping") == len(SKILLS)


def test_a_routine_answering_two_marked_states_shows_under_each() -> None:
    steps = halt_steps(HALT_PLAN, ["angry", "tired"])
    assert HaltStep("angry", "Bath on Sundays") in steps
    assert HaltStep("tired", "Bath on Sundays") in steps
    assert HaltStep("angry", "Walk at lunch") in steps
    assert HaltStep("tired", "Walk at lunch") not in steps


def test_all_four_states_list_the_coping_skills_once() -> None:
    steps = halt_steps(HALT_PLAN, list(HALT_LABELS))
    assert [s for s in steps if s.state == "coping"] == COPING_STEPS
    assert steps[-2:] == COPING_STEPS


def test_without_own_routines_or_skills_only_the_first_steps_show() -> None:
    assert halt_steps(Plan(), ["lonely", "hungry"]) == [
        HaltStep("lonely", HALT_FIRST_STEP["lonely"]),
        HaltStep("hungry", HALT_FIRST_STEP["hungry"]),
    ]
    # a routine for another state does not show
    plan = Plan(self_care=(SelfCare("s1", "sleep", "In bed by 11 pm"),))
    assert halt_steps(plan, ["hungry"]) == [HaltStep("hungry", HALT_FIRST_STEP["hungry"])]


def test_blank_practice_gives_just_the_skill_name() -> None:
    plan = Plan(coping_skills=(CopingSkill("c1", "Journaling", "   "),))
    assert halt_steps(plan, ["angry"])[-1] == HaltStep("coping", "Journaling")


# --- the written plan: the new sections -------------------------------------------------------


def _strategies_plan() -> Plan:
    return Plan(
        goals=(_complete_goal(),),
        triggers=(
            Trigger(
                "t1",
                "Stress at work",
                kind="emotion",
                area="emotional",
                intensity=3,
                strategies=("10 minutes of mindfulness daily", "Schedule regular breaks"),
            ),
            Trigger(
                "t2",
                "The bar on my way home",
                kind="place",
                area="environmental",
                intensity=5,
                strategies=("Take another route home every day",),
            ),
            Trigger("t3", "Payday Friday", kind="situation", area="social", intensity=3),
            Trigger(
                "t4",
                "Old friend Joe",
                kind="person",
                area="social",
                intensity=1,
                strategies=("Meet only in daytime",),
            ),
            Trigger("t5", "Empty fridge", kind="thing", intensity=4, strategies=("Shop Sunday",)),
        ),
        coping_skills=(
            CopingSkill("c1", "Box breathing", "5 minutes each morning"),
            CopingSkill("c2", "Urge surfing"),
            CopingSkill("c3", "Journaling", "   "),
        ),
        self_care=(
            SelfCare("s1", "relaxation", "Bath on Sundays"),
            SelfCare("s2", "other", "Call a friend on Sundays"),
            SelfCare("s3", "sleep", "In bed by 11 pm"),
            SelfCare("s4", "exercise", "Walk at lunch"),
            SelfCare("s5", "hobby", "Guitar on Thursdays"),
            SelfCare("s6", "nutrition", "Breakfast every day"),
            SelfCare("s7", "sleep", "No screens after 10 pm"),
        ),
        warning_signs=(
            WarningSign("w1", "Skipping meetings", ("Call my sponsor", "Go to an extra meeting")),
            WarningSign("w2", "Isolating"),
            WarningSign("w3", "Romanticising use", ("Reach my therapist",)),
        ),
        commitments=(
            Commitment("k1", "Volunteer monthly", consequence="  ", accountable_to="\n"),
            Commitment("k2", "Finish the course", consequence="No TV for a week"),
            Commitment("k3", "Run with Dana", accountable_to="Dana"),
            Commitment("k4", "Call mum weekly", "Cook for the family", "My sister"),
        ),
    )


def test_new_sections_come_after_goals_in_the_methods_order() -> None:
    rendered = _html(render_plan(_strategies_plan(), TODAY))
    assert _headings("h2", rendered) == [
        PLAN_CHECK,  # t3 has no strategy, w2 no response
        "Goals",
        TRIGGERS,
        COPING,
        SELF_CARE,
        RELAPSE,
        COMMITMENTS,
    ]
    assert _headings("h3", rendered) == [
        "Meetings",
        "The bar on my way home",
        "Empty fridge",
        "Stress at work",
        "Payday Friday",
        "Old friend Joe",
        "Skipping meetings",
        "Isolating",
        "Romanticising use",
    ]


def test_triggers_strongest_first_with_kind_area_intensity_and_strategies() -> None:
    section = _section(_html(render_plan(_strategies_plan(), TODAY)), TRIGGERS)
    assert _content(section) == (
        "Triggers and my strategies "
        "The bar on my way home place, environmental; intensity 5 of 5 "
        "Take another route home every day "
        "Empty fridge thing, environmental; intensity 4 of 5 Shop Sunday "
        # equal intensity: the plan's order
        "Stress at work emotion, emotional; intensity 3 of 5 "
        "10 minutes of mindfulness daily Schedule regular breaks "
        "Payday Friday situation, social; intensity 3 of 5 No strategy yet. "
        "Old friend Joe person, social; intensity 1 of 5 Meet only in daytime"
    )
    assert re.findall(r"<em>(.*?)</em>", section) == [
        "place, environmental; intensity 5 of 5",
        "thing, environmental; intensity 4 of 5",
        "emotion, emotional; intensity 3 of 5",
        "situation, social; intensity 3 of 5",
        "person, social; intensity 1 of 5",
    ]
    assert _items(section) == [
        "Take another route home every day",
        "Shop Sunday",
        "10 minutes of mindfulness daily",
        "Schedule regular breaks",
        "Meet only in daytime",
    ]
    assert "<p>No strategy yet.</p>" in section


def test_coping_skills_show_name_and_practice_when_there_is_one() -> None:
    section = _section(_html(render_plan(_strategies_plan(), TODAY)), COPING)
    assert re.findall(r"<li>(.*?)</li>", section) == [
        "<strong>Box breathing</strong>: 5 minutes each morning",
        "<strong>Urge surfing</strong>",
        "<strong>Journaling</strong>",
    ]


def test_self_care_is_grouped_by_area_in_the_methods_order() -> None:
    section = _section(_html(render_plan(_strategies_plan(), TODAY)), SELF_CARE)
    assert _items(section) == [
        "Sleep: In bed by 11 pm",
        "Sleep: No screens after 10 pm",
        "Nutrition: Breakfast every day",
        "Exercise: Walk at lunch",
        "Hobby: Guitar on Thursdays",
        "Relaxation: Bath on Sundays",
        "Other: Call a friend on Sundays",
    ]
    assert list(SELF_CARE_LABELS) == [
        "sleep",
        "nutrition",
        "exercise",
        "hobby",
        "relaxation",
        "other",
    ]


def test_warning_signs_in_order_with_responses_or_a_note() -> None:
    section = _section(_html(render_plan(_strategies_plan(), TODAY)), RELAPSE)
    assert _content(section) == (
        "Relapse prevention: warning signs and what I will do "
        "Skipping meetings Call my sponsor Go to an extra meeting "
        "Isolating No response yet. "
        "Romanticising use Reach my therapist"
    )
    assert _items(section) == ["Call my sponsor", "Go to an extra meeting", "Reach my therapist"]
    assert "<p>No response yet.</p>" in section


def test_commitments_show_consequence_and_accountability_only_when_set() -> None:
    section = _section(_html(render_plan(_strategies_plan(), TODAY)), COMMITMENTS)
    assert _items(section) == [
        "Volunteer monthly",
        "Finish the course (if not: No TV for a week)",
        "Run with Dana (held to it by Dana)",
        "Call mum weekly (if not: Cook for the family; held to it by My sister)",
    ]


def test_plan_check_is_the_first_section_and_lists_the_gaps_in_order() -> None:
    plan = _strategies_plan()
    rendered = _html(render_plan(plan, TODAY))
    assert _headings("h2", rendered)[0] == PLAN_CHECK
    assert rendered.index("<h1>") < rendered.index(f"<h2>{PLAN_CHECK}</h2>")
    section = _section(rendered, PLAN_CHECK)
    assert _items(section) == [g.message for g in plan_check(plan)]
    assert _items(section) == [
        "The trigger “Payday Friday” has no strategy yet: what will you do when you meet it?",
        "The warning sign “Isolating” has no response yet: what will you do "
        "(call someone, go to a meeting)?",
    ]


def test_empty_plan_shows_the_plan_check_and_goals_only() -> None:
    rendered = _html(render_plan(Plan(), TODAY))
    assert _headings("h2", rendered) == [PLAN_CHECK, "Goals"]
    assert _items(_section(rendered, PLAN_CHECK)) == [g.message for g in plan_check(Plan())]


def test_no_plan_check_when_nothing_is_missing() -> None:
    plan = Plan(
        goals=(_complete_goal(), Goal(id="g2", title="Someday", status="paused")),
        triggers=(Trigger("t1", "Payday", strategies=("Pay the bills first",)),),
        coping_skills=(CopingSkill("c1", "Box breathing"),),
        self_care=(SelfCare("s1", "sleep", "In bed by 11 pm"),),
        warning_signs=(WarningSign("w1", "Isolating", ("Call Alex",)),),
        contacts=(Contact("p1", "Alex", "sponsor", crisis=True, plan_shared_on=TODAY),),
    )
    assert insights.plan_check(plan) == []
    assert render_plan_check(plan) == ""
    markdown = render_plan(plan, TODAY)
    assert "Plan check" not in markdown
    rendered = _html(markdown)
    assert _headings("h2", rendered) == ["Goals", TRIGGERS, COPING, SELF_CARE, RELAPSE]


# --- user text in the new sections is shown literally -----------------------------------------


def _one_line(text: str) -> str:
    """What a one-line field holds (the app's forms take one line)."""
    return text.replace("\n", " ")


def _hostile_plan(text: str) -> Plan:
    """``text`` in every user-text place of the new sections; one-line in the headings."""
    line = _one_line(text)
    return Plan(
        goals=(Goal(id="g1", title=text),),  # active and bare: quoted in the plan check
        triggers=(
            Trigger("t1", line, kind="person", area="social", intensity=2, strategies=(text,)),
            Trigger("t2", line, intensity=5),
        ),
        coping_skills=(CopingSkill("c1", text, text),),
        self_care=(SelfCare("s1", "other", text), SelfCare("s2", "sleep", text)),
        warning_signs=(WarningSign("w1", line, (text, text)), WarningSign("w2", line)),
        commitments=(Commitment("k1", text, text, text),),
    )


@pytest.mark.parametrize("text", HOSTILE)
def test_user_text_in_the_new_sections_is_shown_literally(text: str) -> None:
    rendered = _html(render_plan(_hostile_plan(text), TODAY))
    content = _content(rendered)
    shown = _squash(text)

    assert _headings("h1", rendered) == ["My recovery plan"]
    assert _headings("h2", rendered) == [
        PLAN_CHECK,
        "Goals",
        TRIGGERS,
        COPING,
        SELF_CARE,
        RELAPSE,
        COMMITMENTS,
    ]
    assert [_squash(h) for h in _headings("h3", rendered)] == [shown] * 5
    expected_in_order = [
        _squash(
            f"Plan check: what to add next The goal “{text}” could still use what exactly, "
            "a metric and target, why it is within reach, which motivation it serves, "
            f"a target date. The trigger “{_one_line(text)}” has no strategy yet"
        ),
        _squash(f"The warning sign “{_one_line(text)}” has no response yet"),
        f"Goals {shown} Active Still to add:",
        f"{TRIGGERS} {shown} situation, environmental; intensity 5 of 5 No strategy yet. "
        f"{shown} person, social; intensity 2 of 5 {shown} {COPING}",
        f"{COPING} {shown}: {shown} {SELF_CARE} Sleep: {shown} Other: {shown} {RELAPSE}",
        f"{RELAPSE} {shown} {shown} {shown} {shown} No response yet. {COMMITMENTS}",
        f"{COMMITMENTS} {shown} (if not: {shown}; held to it by {shown})",
    ]
    positions = [content.index(part) for part in expected_in_order]
    assert positions == sorted(positions)
    assert content.endswith(f"(if not: {shown}; held to it by {shown})")


@pytest.mark.parametrize("text", HOSTILE)
def test_only_the_renderers_own_markup_appears_in_the_new_sections(text: str) -> None:
    rendered = _html(render_plan(_hostile_plan(text), TODAY))
    for tag in ("<a", "<img", "<code", "<pre", "<table", "<blockquote", "<hr", "<script", "<ol"):
        assert tag not in rendered
    tags = _tags(rendered)
    assert set(tags) <= ALLOWED_TAGS
    assert (tags["h1"], tags["h2"], tags["h3"]) == (1, 7, 5)
    assert tags["strong"] == 1  # the coping skill's name
    assert tags["em"] == 4  # "Written ...", the goal's status, the two triggers' lines
    # plan check, t1's strategies, coping, self-care, w1's responses, commitments
    assert tags["ul"] == 6
    assert tags["li"] == 3 + 1 + 1 + 2 + 2 + 1


def test_hostile_goal_title_is_quoted_literally_in_the_plan_check() -> None:
    goals = tuple(Goal(id=f"g{i}", title=text) for i, text in enumerate(HOSTILE))
    rendered = _html(render_plan_check(Plan(goals=goals)))
    assert set(_tags(rendered)) <= {"h2", "ul", "li", "br"}
    assert _tags(rendered)["h2"] == 1
    items = _items(rendered)
    assert len(items) == len(HOSTILE) + 3  # and no coping skills, no self-care, no crisis contact
    for item, text in zip(items[: len(HOSTILE)], HOSTILE, strict=True):
        assert item.startswith(_squash(f"The goal “{text}” could still use what exactly,"))


@pytest.mark.parametrize("where", ["trigger", "warning sign"])
def test_multi_line_trigger_or_sign_stays_in_its_heading(where: str) -> None:
    text = "Line one\nLine two"
    if where == "trigger":
        plan = Plan(triggers=(Trigger("t1", text, strategies=("Walk",)),))
    else:
        plan = Plan(warning_signs=(WarningSign("w1", text, ("Call Alex",)),))
    rendered = _html(render_plan(plan, TODAY))
    assert [_squash(h) for h in _headings("h3", rendered)] == ["Line one Line two"]
    assert "\\" not in _text(rendered)


@pytest.mark.parametrize("name", ["", "   "])
@pytest.mark.parametrize("practice", ["", "5 minutes each morning"])
def test_blank_coping_skill_name_adds_no_markup(name: str, practice: str) -> None:
    data = minimal_data(coping_skills=[{"id": "c1", "name": name, "practice": practice}])
    plan = loads_plan(json.dumps(data))
    rendered = _html(render_plan(plan, TODAY))
    assert "<hr" not in rendered
    assert "*" not in _text(rendered)


# --- exchange round trip ---------------------------------------------------------------------


def test_strategy_lists_survive_the_exchange_round_trip() -> None:
    plan = _strategies_plan()
    for i, text in enumerate(HOSTILE):
        plan = plan.with_item(
            "triggers",
            Trigger(f"h{i}", text, "thing", "social", i % 5 + 1, (text, f"{text}!")),
        )
        plan = plan.with_item("coping_skills", CopingSkill(f"h{i}", text, text))
        plan = plan.with_item("self_care", SelfCare(f"h{i}", "hobby", text))
        plan = plan.with_item("warning_signs", WarningSign(f"h{i}", text, (text,)))
        plan = plan.with_item("commitments", Commitment(f"h{i}", text, text, text))
    text = dumps(plan_to_data(plan, datetime(2026, 11, 26, 9, 30)))
    again = loads_plan(text)
    assert again == plan
    assert dumps(plan_to_data(again, datetime(2026, 11, 26, 9, 30))) == text
    data = json.loads(text)
    assert data["triggers"][0] == {
        "id": "t1",
        "text": "Stress at work",
        "kind": "emotion",
        "area": "emotional",
        "intensity": 3,
        "strategies": ["10 minutes of mindfulness daily", "Schedule regular breaks"],
    }
    assert data["commitments"][3] == {
        "id": "k4",
        "text": "Call mum weekly",
        "consequence": "Cook for the family",
        "accountable_to": "My sister",
    }
