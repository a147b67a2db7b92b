"""Keeping the plan alive (method.md section 5), the pure core: when a periodic review is due,
goal changes in words, the gentle note when progress stalls, and the written review log.

Every test passes its own ``today``: nothing here depends on the clock.
"""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest
import time_machine
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from plans import example_plan
from test_render import HOSTILE, _headings, _squash, _tags, _text

from recovery_tui.insights import goal_change_summary, review_due
from recovery_tui.model import (
    Assessment,
    CheckIn,
    Goal,
    GoalChange,
    Milestone,
    Plan,
    Profile,
    ProgressEntry,
    Review,
)
from recovery_tui.progress import STALL_WORDS, stall_note, trend
from recovery_tui.render import render_plan
from recovery_tui.render_review import render_review_log

TODAY = date(2026, 6, 30)
MARKDOWN = MarkdownIt("commonmark", {"html": False})
HARSH_WORDS = ("fail", "must", "overdue", "relapse", "bad", "should have")


def _html(markdown: str) -> str:
    return str(MARKDOWN.render(markdown))


def _content(markdown: str) -> str:
    return _squash(_text(_html(markdown)))


def _ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def _checkin(day: date, mood: int = 3, craving: int = 2) -> CheckIn:
    return CheckIn(date=day, mood=mood, craving=craving)


def _is_kind(words: str) -> bool:
    return not any(harsh in words.lower() for harsh in HARSH_WORDS)


# --- review_due ------------------------------------------------------------------------------


def test_empty_plan_needs_no_review() -> None:
    assert review_due(Plan(), TODAY) is None


def test_plan_with_only_goals_and_no_dated_entry_needs_no_review() -> None:
    plan = Plan(goals=(Goal(id="g1", title="Meetings"),))
    assert review_due(plan, TODAY) is None


@pytest.mark.parametrize("days", [0, 1, 29])
@pytest.mark.parametrize("entry", ["assessment", "checkin"])
def test_no_review_yet_and_started_under_a_month_ago(entry: str, days: int) -> None:
    plan = _started_plan(entry, _ago(days))
    assert review_due(plan, TODAY) is None


@pytest.mark.parametrize("days", [30, 31, 400])
@pytest.mark.parametrize("entry", ["assessment", "checkin"])
def test_no_review_yet_and_started_a_month_ago_or_more(entry: str, days: int) -> None:
    message = review_due(_started_plan(entry, _ago(days)), TODAY)
    assert message is not None
    assert "review" in message.lower()
    assert _is_kind(message)


def _started_plan(entry: str, day: date) -> Plan:
    if entry == "assessment":
        return Plan(assessments=(Assessment(id="a1", date=day),))
    return Plan(checkins=(_checkin(day),))


def test_before_the_first_review_the_earliest_entry_counts_not_the_list_order() -> None:
    plan = Plan(
        assessments=(Assessment(id="a2", date=_ago(5)), Assessment(id="a1", date=_ago(20))),
        checkins=(_checkin(_ago(2)), _checkin(_ago(30)), _checkin(_ago(10))),
    )
    assert review_due(plan, TODAY) is not None
    earlier = Plan(
        assessments=(Assessment(id="a2", date=_ago(5)), Assessment(id="a1", date=_ago(30))),
        checkins=(_checkin(_ago(2)),),
    )
    assert review_due(earlier, TODAY) is not None
    recent = Plan(
        assessments=(Assessment(id="a2", date=_ago(5)), Assessment(id="a1", date=_ago(29))),
        checkins=(_checkin(_ago(2)), _checkin(_ago(29))),
    )
    assert review_due(recent, TODAY) is None


def _reviews(*days_ago: int) -> tuple[Review, ...]:
    return tuple(Review(id=f"r{i}", date=_ago(days)) for i, days in enumerate(days_ago))


def test_latest_review_29_days_ago_is_not_due() -> None:
    plan = Plan(checkins=(_checkin(_ago(300)),), reviews=_reviews(29))
    assert review_due(plan, TODAY) is None


@pytest.mark.parametrize("days", [30, 31, 90])
def test_latest_review_30_days_ago_or_more_is_due_and_named(days: int) -> None:
    plan = Plan(reviews=_reviews(days))
    message = review_due(plan, TODAY)
    assert message is not None
    assert _ago(days).isoformat() in message
    assert _is_kind(message)


def test_the_latest_review_is_found_by_date_not_list_order() -> None:
    # The latest (29 days ago) sits between two older ones in the list.
    plan = Plan(reviews=_reviews(60, 29, 45))
    assert review_due(plan, TODAY) is None
    due = Plan(reviews=_reviews(60, 30, 45))
    message = review_due(due, TODAY)
    assert message is not None
    assert _ago(30).isoformat() in message
    assert _ago(45).isoformat() not in message
    assert _ago(60).isoformat() not in message


def test_a_review_replaces_the_first_entry_as_the_starting_point() -> None:
    plan = Plan(assessments=(Assessment(id="a1", date=_ago(200)),), reviews=_reviews(10))
    assert review_due(plan, TODAY) is None


def test_a_quarterly_cadence_is_respected() -> None:
    profile = Profile(review_every_days=90)
    assert review_due(Plan(profile=profile, reviews=_reviews(30)), TODAY) is None
    assert review_due(Plan(profile=profile, reviews=_reviews(89)), TODAY) is None
    message = review_due(Plan(profile=profile, reviews=_reviews(90)), TODAY)
    assert message is not None
    assert _ago(90).isoformat() in message
    started = Plan(profile=profile, checkins=(_checkin(_ago(60)),))
    assert review_due(started, TODAY) is None
    assert review_due(Plan(profile=profile, checkins=(_checkin(_ago(90)),)), TODAY) is not None


def test_a_weekly_cadence_is_respected() -> None:
    profile = Profile(review_every_days=7)
    assert review_due(Plan(profile=profile, reviews=_reviews(6)), TODAY) is None
    assert review_due(Plan(profile=profile, reviews=_reviews(7)), TODAY) is not None


def test_review_due_follows_the_given_day_not_the_clock() -> None:
    plan = Plan(reviews=_reviews(30))
    with time_machine.travel(date(2030, 1, 1), tick=False):
        assert review_due(plan, _ago(1)) is None
        assert review_due(plan, TODAY) is not None


# --- goal_change_summary ---------------------------------------------------------------------

GOAL = Goal(id="g1", title="Meetings", measure="3 a week")


def test_one_changed_field() -> None:
    new = Goal(id="g1", title="Meetings", measure="4 a week")
    assert goal_change_summary(GOAL, new) == "measure: 3 a week → 4 a week"


@pytest.mark.parametrize(
    ("status", "shown"),
    [("set_aside", "set aside"), ("achieved", "achieved"), ("paused", "paused")],
)
def test_status_is_shown_in_words(status: str, shown: str) -> None:
    new = Goal(id="g1", title="Meetings", measure="3 a week", status=status)  # type: ignore[arg-type]
    assert goal_change_summary(GOAL, new) == f"status: active → {shown}"


def test_a_due_date_added_and_removed() -> None:
    dated = Goal(id="g1", title="Meetings", measure="3 a week", due=date(2027, 1, 31))
    assert goal_change_summary(GOAL, dated) == "due date: (none) → 2027-01-31"
    assert goal_change_summary(dated, GOAL) == "due date: 2027-01-31 → (none)"


def test_a_text_added_or_cleared_shows_none() -> None:
    written = Goal(id="g1", title="Meetings", measure="3 a week", relevant="My kids")
    assert goal_change_summary(GOAL, written) == "relevant: (none) → My kids"
    assert goal_change_summary(written, GOAL) == "relevant: My kids → (none)"


def test_several_changes_in_the_goals_order() -> None:
    old = Goal(
        id="g1",
        title="Meetings",
        specific="Go to meetings",
        measure="3 a week",
        achievable="Near work",
        relevant="Health",
        due=date(2026, 12, 31),
        status="active",
    )
    new = Goal(
        id="g1",
        title="More meetings",
        specific="Go to SMART meetings",
        measure="4 a week",
        achievable="Near home",
        relevant="My kids",
        due=date(2027, 1, 31),
        status="paused",
    )
    assert goal_change_summary(old, new) == (
        "title: Meetings → More meetings; "
        "specific: Go to meetings → Go to SMART meetings; "
        "measure: 3 a week → 4 a week; "
        "achievable: Near work → Near home; "
        "relevant: Health → My kids; "
        "due date: 2026-12-31 → 2027-01-31; "
        "status: active → paused"
    )


def test_two_changes_keep_the_order_whatever_was_edited_first() -> None:
    new = Goal(id="g1", title="Meetings", measure="4 a week", status="set_aside")
    assert goal_change_summary(GOAL, new) == (
        "measure: 3 a week → 4 a week; status: active → set aside"
    )


def test_no_change_is_said_kindly() -> None:
    assert goal_change_summary(GOAL, GOAL) == "looked at it; no change needed"


def test_progress_and_milestones_are_not_part_of_the_summary() -> None:
    new = Goal(
        id="g1",
        title="Meetings",
        measure="3 a week",
        progress=(ProgressEntry(TODAY, "2 this week"),),
        milestones=(Milestone("First meeting"),),
    )
    assert goal_change_summary(GOAL, new) == "looked at it; no change needed"


def test_underscores_in_the_persons_own_text_are_kept() -> None:
    new = Goal(id="g1", title="Meetings", measure="3 a week via my_app")
    assert goal_change_summary(GOAL, new) == "measure: 3 a week → 3 a week via my_app"


# --- stall_note ------------------------------------------------------------------------------


def _cravings(before: list[int], recent: list[int]) -> Plan:
    """Check-ins with ``recent`` cravings on the last days (today first, going back) and
    ``before`` cravings on the seven days before those (7 days ago first)."""
    checkins = [_checkin(_ago(i), craving=c) for i, c in enumerate(recent)]
    checkins += [_checkin(_ago(7 + i), craving=c) for i, c in enumerate(before)]
    return Plan(checkins=tuple(sorted(checkins, key=lambda c: c.date)))


def test_no_checkins_no_note() -> None:
    assert stall_note(Plan(), TODAY) is None
    assert stall_note(Plan(goals=(GOAL,)), TODAY) is None


@pytest.mark.parametrize("days", [7, 8, 60])
def test_no_checkin_for_a_week_gives_a_gentle_note(days: int) -> None:
    plan = Plan(checkins=(_checkin(_ago(days + 3)), _checkin(_ago(days)), _checkin(_ago(90))))
    note = stall_note(plan, TODAY)
    assert note is not None
    assert _ago(days).isoformat() in note
    assert STALL_WORDS in note
    assert _is_kind(note)


@pytest.mark.parametrize("days", [0, 1, 6])
def test_a_checkin_within_the_week_with_steady_cravings_gives_no_note(days: int) -> None:
    plan = Plan(checkins=(_checkin(_ago(days)), _checkin(_ago(10))))
    assert stall_note(plan, TODAY) is None


def test_the_last_checkin_is_found_by_date_not_list_order() -> None:
    plan = Plan(checkins=(_checkin(_ago(2)), _checkin(_ago(20))))
    assert stall_note(plan, TODAY) is None
    stalled = Plan(checkins=(_checkin(_ago(9)), _checkin(_ago(20))))
    note = stall_note(stalled, TODAY)
    assert note is not None
    assert _ago(9).isoformat() in note
    assert _ago(20).isoformat() not in note


@pytest.mark.parametrize(
    ("before", "recent"),
    [
        ([2, 2, 2], [3, 3, 3]),  # exactly one point higher, three recent check-ins
        ([1], [5, 6, 7, 8]),
        ([0, 0, 0, 0, 0, 0, 0], [1, 1, 1, 1, 1, 1, 1]),
        ([4, 5], [6, 6, 6, 6, 6, 6, 6]),
    ],
)
def test_cravings_rising_by_a_point_or_more(before: list[int], recent: list[int]) -> None:
    note = stall_note(_cravings(before, recent), TODAY)
    assert note == f"Cravings have been higher this week. {STALL_WORDS}"
    assert _is_kind(note)


@pytest.mark.parametrize(
    ("before", "recent"),
    [
        ([2, 2, 2], [3, 3, 2]),  # rising by two thirds of a point
        ([2, 2], [2, 3, 3, 3]),  # by three quarters
        ([5, 5, 5], [5, 5, 5]),  # steady
        ([8, 7, 9], [3, 2, 1]),  # falling
        ([9], [0, 0, 0, 0, 0, 0, 0]),
        ([0], [9, 10]),  # much higher, but only two recent check-ins
        ([], [9, 9, 9, 9]),  # nothing to compare with
    ],
)
def test_no_note_for_a_small_rise_few_checkins_or_falling_cravings(
    before: list[int], recent: list[int]
) -> None:
    assert stall_note(_cravings(before, recent), TODAY) is None


def test_the_two_windows_are_seven_days_each() -> None:
    # A high craving 14 days ago lies outside both windows: the "before" average stays 1.
    plan = _cravings([1, 1, 1, 1, 1, 1, 1], [2, 2, 2])
    plan = Plan(checkins=(_checkin(_ago(14), craving=10), *plan.checkins))
    assert stall_note(plan, TODAY) is not None
    # A low craving 7 days ago belongs to "before", not to "recent".
    lower = _cravings([0], [3, 3, 3])
    assert trend(lower.checkins, "craving", TODAY, 7).values == (3, 3, 3)
    assert stall_note(lower, TODAY) is not None


def test_stall_words_are_gentle_and_suggest_what_method_md_suggests() -> None:
    assert _is_kind(STALL_WORDS)
    words = STALL_WORDS.lower()
    assert "normal" in words
    for suggestion in ("motivations", "coping", "reach out"):
        assert suggestion in words


def test_stall_note_follows_the_given_day_not_the_clock() -> None:
    plan = Plan(checkins=(_checkin(_ago(7)),))
    with time_machine.travel(date(2030, 1, 1), tick=False):
        assert stall_note(plan, _ago(1)) is None
        assert stall_note(plan, TODAY) is not None


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(0, 10), min_size=1, max_size=7),
    st.lists(st.integers(0, 10), min_size=3, max_size=7),
)
def test_a_rise_of_a_point_or_more_always_gives_the_note_and_a_clearly_smaller_one_never(
    before: list[int], recent: list[int]
) -> None:
    rise = Fraction(sum(recent), len(recent)) - Fraction(sum(before), len(before))
    note = stall_note(_cravings(before, recent), TODAY)
    if rise >= 1:
        assert note == f"Cravings have been higher this week. {STALL_WORDS}"
    elif rise < Fraction(9, 10):
        assert note is None
    # Between 0.9 and 1: see test_a_rise_just_under_a_point_gives_no_note.


def test_a_rise_just_under_a_point_gives_no_note() -> None:
    plan = _cravings([1, 1, 2], [2, 2, 2, 2, 2, 3, 3])
    assert stall_note(plan, TODAY) is None


# --- render_review_log -----------------------------------------------------------------------


def test_empty_plan_has_no_review_log() -> None:
    assert render_review_log(Plan(), TODAY) == ""
    assert render_review_log(Plan(goals=(GOAL,)), TODAY) == ""
    assert "Keeping the plan alive" not in render_plan(Plan(), TODAY)


def test_checkins_only_show_the_last_30_days() -> None:
    checkins = (
        _checkin(_ago(0), mood=5, craving=2),
        _checkin(_ago(40), mood=1, craving=10),  # outside the window
        _checkin(_ago(2), mood=3, craving=6),
        _checkin(_ago(1), mood=4, craving=4),
    )
    markdown = render_review_log(Plan(checkins=checkins), TODAY)
    rendered = _html(markdown)
    assert _headings("h2", rendered) == ["Keeping the plan alive"]
    assert _headings("h3", rendered) == ["The last 30 days"]
    assert "Latest review" not in markdown
    content = _content(markdown)
    assert "Check-ins: 3; streak 3 days" in content
    assert "Mood: average 4.0 of 5, latest 5" in content
    assert "Craving: average 4.0 of 10, latest 2" in content


def test_the_window_holds_exactly_30_days() -> None:
    checkins = (
        _checkin(_ago(29), mood=2, craving=8),
        _checkin(_ago(30), mood=1, craving=10),
        _checkin(TODAY + timedelta(days=1), mood=1, craving=10),
    )
    content = _content(render_review_log(Plan(checkins=checkins), TODAY))
    assert "Check-ins: 1; streak 0 days" in content
    assert "Mood: average 2.0 of 5, latest 2" in content
    assert "Craving: average 8.0 of 10, latest 8" in content


def test_streak_ending_yesterday_still_counts() -> None:
    checkins = tuple(_checkin(_ago(days)) for days in (1, 2, 3, 4, 6))
    content = _content(render_review_log(Plan(checkins=checkins), TODAY))
    assert "Check-ins: 5; streak 4 days" in content


def test_only_old_checkins_give_a_count_of_zero_and_no_averages() -> None:
    markdown = render_review_log(Plan(checkins=(_checkin(_ago(45)),)), TODAY)
    content = _content(markdown)
    assert _headings("h3", _html(markdown)) == ["The last 30 days"]
    assert "Check-ins: 0; streak 0 days" in content
    assert "Mood" not in content
    assert "Craving" not in content


def test_a_one_day_streak_is_one_day() -> None:
    content = _content(render_review_log(Plan(checkins=(_checkin(TODAY),)), TODAY))
    assert "Check-ins: 1; streak 1 day" in content
    assert "1 days" not in content


def _review_plan() -> Plan:
    goals = (
        Goal(id="g1", title="Meetings", measure="4 a week"),
        Goal(id="g2", title="Sleep"),
    )
    reviews = (
        Review(id="r-b", date=date(2026, 6, 10), kind="quarterly", working="Old answer"),
        Review(
            id="r-c",
            date=date(2026, 6, 10),
            kind="life_event",
            still_relevant="Yes, all of them",
            new_challenges="",
            working="  ",
            celebrate="Two months!",
            adjust="\n",
            goal_changes=(
                GoalChange("g1", "measure: 3 a week → 4 a week"),
                GoalChange("g9", "status: active → set aside"),
                GoalChange("g2", "looked at it; no change needed"),
            ),
        ),
        Review(id="r-a", date=date(2026, 5, 1), kind="monthly", celebrate="Older answer"),
    )
    return Plan(goals=goals, reviews=reviews)


def test_the_latest_review_by_date_and_the_later_on_a_tie() -> None:
    markdown = render_review_log(_review_plan(), TODAY)
    rendered = _html(markdown)
    assert _headings("h2", rendered) == ["Keeping the plan alive"]
    assert _headings("h3", rendered) == ["Latest review (2026-06-10, after a life event)"]
    content = _content(markdown)
    for older in ("Old answer", "Older answer", "quarterly", "Monthly", "monthly"):
        assert older not in content


def test_the_latest_review_shows_only_answered_questions() -> None:
    content = _content(render_review_log(_review_plan(), TODAY))
    assert "Still relevant: Yes, all of them" in content
    assert "To celebrate: Two months!" in content
    for unanswered in ("New challenges", "What works", "To adjust"):
        assert unanswered not in content


def test_each_goal_change_names_its_goal_or_a_removed_one() -> None:
    markdown = render_review_log(_review_plan(), TODAY)
    content = _content(markdown)
    expected_in_order = [
        "Still relevant: Yes, all of them",
        "To celebrate: Two months!",
        "Goal “Meetings”: measure: 3 a week → 4 a week",
        "Goal “a goal since removed”: status: active → set aside",
        "Goal “Sleep”: looked at it; no change needed",
    ]
    positions = [content.index(part) for part in expected_in_order]
    assert positions == sorted(positions)
    assert _tags(_html(markdown))["li"] == 5


@pytest.mark.parametrize(
    ("kind", "label"),
    [
        ("monthly", "monthly"),
        ("quarterly", "quarterly"),
        ("life_event", "after a life event"),
        ("lapse", "after a lapse"),
    ],
)
def test_review_kind_is_lowercased_in_the_heading(kind: str, label: str) -> None:
    plan = Plan(reviews=(Review(id="r1", date=date(2026, 6, 1), kind=kind),))  # type: ignore[arg-type]
    rendered = _html(render_review_log(plan, TODAY))
    assert _headings("h3", rendered) == [f"Latest review (2026-06-01, {label})"]
    assert "<ul" not in rendered  # nothing answered, no goal changed


def test_checkins_and_a_review_show_both_parts_in_order() -> None:
    plan = Plan(
        goals=_review_plan().goals,
        checkins=(_checkin(TODAY, mood=4, craving=1),),
        reviews=_review_plan().reviews,
    )
    markdown = render_review_log(plan, TODAY)
    assert markdown.startswith("## Keeping the plan alive\n\n### The last 30 days\n")
    rendered = _html(markdown)
    assert _headings("h3", rendered) == [
        "The last 30 days",
        "Latest review (2026-06-10, after a life event)",
    ]


def test_render_plan_puts_keeping_the_plan_alive_last() -> None:
    plan = example_plan()
    assert plan.checkins
    assert plan.reviews
    markdown = render_plan(plan, date(2026, 2, 10))
    assert _headings("h2", _html(markdown))[-1] == "Keeping the plan alive"
    section = markdown.split("## Keeping the plan alive\n", 1)[1]
    assert "\n## " not in section
    assert "\n# " not in section
    assert section.strip() == render_review_log(plan, date(2026, 2, 10)).split("\n", 1)[1].strip()
    content = _content(section)
    assert "Latest review (2026-02-01, monthly)" in content
    assert "Goal “Meetings”: Raise to 4 a week" in content
    assert "Check-ins: 1; streak 0 days" in content


def test_render_plan_with_only_a_review_still_ends_with_it() -> None:
    plan = Plan(goals=(GOAL,), reviews=(Review(id="r1", date=_ago(3), celebrate="A month"),))
    markdown = render_plan(plan, TODAY)
    assert _headings("h2", _html(markdown))[-1] == "Keeping the plan alive"
    assert markdown.rstrip().endswith("- To celebrate: A month")


# --- hostile user text in the review log ------------------------------------------------------

QUESTION_LABELS = ("Still relevant", "New challenges", "What works", "To celebrate", "To adjust")
FORBIDDEN = ("<a", "<img", "<code", "<pre", "<table", "<blockquote", "<hr", "<ol", "<script")


def _hostile_plan(text: str, *, checkins: bool = False) -> Plan:
    review = Review(
        id="r1",
        date=_ago(3),
        kind="lapse",
        still_relevant=text,
        new_challenges=text,
        working=text,
        celebrate=text,
        adjust=text,
        goal_changes=(GoalChange("g1", text), GoalChange("gone", text)),
    )
    return Plan(
        goals=(Goal(id="g1", title=text),),
        checkins=(_checkin(TODAY),) if checkins else (),
        reviews=(review,),
    )


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_review_text_is_shown_literally(text: str) -> None:
    rendered = _html(render_review_log(_hostile_plan(text), TODAY))
    content = _squash(_text(rendered))
    squashed = _squash(text)
    for label in QUESTION_LABELS:
        assert f"{label}: {squashed}" in content
    assert _squash(f"Goal “{text.strip()}”: {text}") in content  # a title's outer blanks go
    assert f"Goal “a goal since removed”: {squashed}" in content


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_review_text_adds_no_markup(text: str) -> None:
    rendered = _html(render_review_log(_hostile_plan(text, checkins=True), TODAY))
    for tag in FORBIDDEN:
        assert tag not in rendered
    tags = _tags(rendered)
    assert set(tags) <= {"h2", "h3", "ul", "li", "br"}
    assert (tags["h1"], tags["h2"], tags["h3"]) == (0, 1, 2)
    assert _headings("h3", rendered) == [
        "The last 30 days",
        f"Latest review ({_ago(3).isoformat()}, after a lapse)",
    ]
    assert tags["ul"] == 2
    assert tags["li"] == 3 + 5 + 2  # the trend lines, the five answers, the two changes


def test_all_hostile_texts_at_once_in_the_whole_plan() -> None:
    goals = tuple(Goal(id=f"g{i}", title=_squash(text)) for i, text in enumerate(HOSTILE))
    reviews = tuple(
        Review(
            id=f"r{i}",
            date=_ago(3),
            still_relevant=text,
            celebrate=text,
            goal_changes=tuple(GoalChange(f"g{j}", text) for j in range(len(HOSTILE))),
        )
        for i, text in enumerate(HOSTILE)
    )
    plan = Plan(goals=goals, checkins=(_checkin(TODAY),), reviews=reviews)
    markdown = render_plan(plan, TODAY)
    rendered = _html(markdown)
    for tag in FORBIDDEN:
        assert tag not in rendered
    assert _headings("h2", rendered)[-1] == "Keeping the plan alive"
    section = _html(markdown.split("## Keeping the plan alive\n", 1)[1])
    # The last review in the list wins the date tie: its text shows, the others' do not.
    assert _headings("h3", section) == ["The last 30 days", f"Latest review ({_ago(3)}, monthly)"]
    assert _tags(section)["li"] == 3 + 2 + len(HOSTILE)
    content = _squash(_text(section))
    last = _squash(HOSTILE[-1])
    assert f"Still relevant: {last}" in content
    for i, text in enumerate(HOSTILE):
        assert f"Goal “{_squash(text)}”: {last}" in content, i
