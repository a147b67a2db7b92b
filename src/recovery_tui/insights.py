"""What the plan tells: days in recovery, SMART gaps, BARC-10 scores and when one is due."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from recovery_tui.method import BARC10_EVERY_DAYS, HALT_FIRST_STEP, HALT_SELF_CARE, TREATMENT_LABELS
from recovery_tui.model import (
    BARC10_ITEMS,
    BARC10_MAX,
    BARC10_MIN,
    STATUS_LABELS,
    FocusArea,
    Goal,
    Plan,
    PlanError,
)
from recovery_tui.progress import recovery

SMART_LETTERS = (
    ("S", "specific", "what exactly"),
    ("M", "measure", "a metric and target"),
    ("A", "achievable", "why it is within reach"),
    ("R", "relevant", "which motivation it serves"),
    ("T", "due", "a target date"),
)


def missing_smart(goal: Goal) -> str:
    """Return the SMART letters the goal still lacks, in order ("" when complete)."""
    letters = []
    for letter, name, _ in SMART_LETTERS:
        value = getattr(goal, name)
        if value is None or (isinstance(value, str) and not value.strip()):
            letters.append(letter)
    return "".join(letters)


def missing_smart_words(goal: Goal) -> list[str]:
    """Return plain words for what the goal still lacks ("a target date", ...)."""
    missing = missing_smart(goal)
    return [words for letter, _, words in SMART_LETTERS if letter in missing]


@dataclass(frozen=True)
class DaysInRecovery:
    """Counts for one focus area; a lapse starts a new run but never erases the total."""

    area: FocusArea
    current: int
    total: int


def days_in_recovery(plan: Plan, area: FocusArea, today: date) -> DaysInRecovery:
    """Count days for ``area`` up to ``today``, both ends included (``since`` is day 1).

    The current run starts the day after the latest lapse (or on ``since``); the total
    counts every day from ``since`` that is not a lapse day.
    """
    counted = recovery(plan, area, today)
    return DaysInRecovery(area=area, current=counted.current, total=counted.total)


def all_days_in_recovery(plan: Plan, today: date) -> list[DaysInRecovery]:
    """Days in recovery for every focus area, in the plan's order."""
    return [days_in_recovery(plan, area, today) for area in plan.focus_areas]


def barc10_total(answers: Sequence[int]) -> int:
    """The BARC-10 total (10-60); PlanError for a wrong count or an answer outside 1-6."""
    if len(answers) != BARC10_ITEMS:
        raise PlanError("barc10", f"needs {BARC10_ITEMS} answers, got {len(answers)}")
    for number, answer in enumerate(answers, start=1):
        if type(answer) is not int or not BARC10_MIN <= answer <= BARC10_MAX:
            raise PlanError(
                f"barc10[{number - 1}]",
                f"statement {number}: {answer!r} is not an answer from 1 to 6",
            )
    return sum(answers)


@dataclass(frozen=True)
class Barc10Score:
    """One BARC-10 taken: when, and its total."""

    date: date
    total: int


def barc10_history(plan: Plan) -> list[Barc10Score]:
    """Every BARC-10 taken, oldest first."""
    scores = [
        Barc10Score(a.date, barc10_total(a.barc10))
        for a in plan.assessments
        if a.barc10 is not None
    ]
    return sorted(scores, key=lambda s: s.date)


def barc10_due(plan: Plan, today: date) -> str | None:
    """Why a new BARC-10 is due (plain words), or None when it is not due yet.

    Due when none was taken, 90 days after the last one, or after a lapse since then.
    """
    history = barc10_history(plan)
    if not history:
        return "You have not taken the BARC-10 yet."
    last = history[-1].date
    if any(lapse.date > last for lapse in plan.lapses):
        return "After a lapse it helps to take the BARC-10 again."
    if (today - last).days >= BARC10_EVERY_DAYS:
        return f"Your last BARC-10 was on {last.isoformat()}: time for a new one."
    return None


_BARS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[float], low: float, high: float) -> str:
    """One block character per value, scaled between ``low`` and ``high``."""
    span = high - low or 1
    marks = []
    for value in values:
        level = round((min(max(value, low), high) - low) / span * (len(_BARS) - 1))
        marks.append(_BARS[level])
    return "".join(marks)


@dataclass(frozen=True)
class Gap:
    """Something the person could add to make the plan stronger, and where to add it."""

    tab: str
    section: str
    message: str


def plan_check(plan: Plan, today: date | None = None) -> list[Gap]:
    """The gaps to close, in plain and kind words, in the order of the plan."""
    today = today or date.today()
    gaps: list[Gap] = []

    def add(tab: str, section: str, message: str) -> None:
        gaps.append(Gap(tab, section, message))

    for goal in plan.goals:
        lacking = missing_smart_words(goal)
        if lacking and goal.status == "active":
            add("goals", "goals", f"The goal “{goal.title}” could still use {', '.join(lacking)}.")
    for trigger in plan.triggers:
        if not trigger.strategies:
            add("triggers", "triggers", f"The trigger “{trigger.text}” has no strategy yet: "
                "what will you do when you meet it?")  # fmt: skip
    if not plan.coping_skills:
        add("triggers", "coping_skills", "No coping skills yet: deep breathing, journaling, "
            "urge surfing... which will you practise?")  # fmt: skip
    if not plan.self_care:
        add("triggers", "self_care", "No self-care routines yet: sleep, food, exercise, "
            "hobbies, rest.")  # fmt: skip
    for sign in plan.warning_signs:
        if not sign.responses:
            add("triggers", "warning_signs", f"The warning sign “{sign.sign}” has no response "
                "yet: what will you do (call someone, go to a meeting)?")  # fmt: skip
    gaps += support_gaps(plan, today)
    return gaps


def first_step_gaps(plan: Plan) -> list[Gap]:
    """The first steps the first-run guide asks for, while they are still missing: the Plan
    tab lists them above the plan check, so a plan started without the guide has a next step."""
    gaps = []
    if not plan.focus_areas:
        words = ("What are you working on? Add a focus area and the day you started: your "
                 "days in recovery count from there.")  # fmt: skip
        gaps.append(Gap("assessment", "focus_areas", words))
    latest = plan.latest_assessment()
    if not (latest and any(m.north_star for m in latest.motivations)):
        gaps.append(Gap("assessment", "motivations", "No north star yet: what drives your change "
                        "most? Add it as a motivation and press s on it."))  # fmt: skip
    if not plan.triggers:
        gaps.append(Gap("triggers", "triggers", "No triggers yet: which people, places, "
                        "feelings or situations bring on an urge?"))  # fmt: skip
    return gaps


def support_gaps(plan: Plan, today: date) -> list[Gap]:
    """Missing help contacts are a known risk signal in safety planning: say so kindly."""
    gaps = []
    if not any(c.crisis for c in plan.contacts):
        gaps.append(Gap("support", "contacts", "No one is marked to call in a crisis yet. "
                        "Having even one person you can reach in a hard moment makes a real "
                        "difference: who could that be?"))  # fmt: skip
    if plan.contacts and not any(c.plan_shared_on for c in plan.contacts):
        gaps.append(Gap("support", "contacts", "You have not shared your plan with anyone yet. "
                        "Sharing it with someone you trust adds support (press s on a person "
                        "when you have)."))  # fmt: skip
    for treatment in plan.treatment:
        if treatment.next_date and treatment.next_date < today:
            what = treatment.detail.strip() or TREATMENT_LABELS[treatment.kind]
            when = treatment.next_date.isoformat()
            message = f"The next date for “{what}” ({when}) has passed: is there a new one?"
            gaps.append(Gap("support", "treatment", message))
    return gaps


@dataclass(frozen=True)
class HaltStep:
    """One thing to do for a HALT state: a first step, or the person's own skill or routine."""

    state: str
    text: str


def halt_steps(plan: Plan, states: Sequence[str]) -> list[HaltStep]:
    """For each HALT state marked: a first step, the matching self-care routines, and
    the person's own coping skills (once, after the first state)."""
    steps: list[HaltStep] = []
    for state in states:
        steps.append(HaltStep(state, HALT_FIRST_STEP[state]))
        for routine in plan.self_care:
            if routine.area in HALT_SELF_CARE[state]:
                steps.append(HaltStep(state, routine.commitment))
    if states:
        for skill in plan.coping_skills:
            practice = f": {skill.practice}" if skill.practice.strip() else ""
            steps.append(HaltStep("coping", f"{skill.name}{practice}"))
    return steps


def review_due(plan: Plan, today: date) -> str | None:
    """Plain words when a periodic review is due (None when it is not, or the plan is empty).

    Due when the last review (or, before the first, the plan's first dated entry: an
    assessment or a check-in) is older than the profile's cadence.
    """
    every = plan.profile.review_every_days
    if not plan.reviews:
        started = [a.date for a in plan.assessments] + [c.date for c in plan.checkins]
        if started and (today - min(started)).days >= every:
            return "No periodic review yet: a first look back helps the plan fit."
        return None
    last = max(r.date for r in plan.reviews)
    if (today - last).days >= every:
        return f"A review is due: the last one was on {last.isoformat()}."
    return None


def goal_change_summary(old: Goal, new: Goal) -> str:
    """What changed between two versions of a goal, in words ("measure: 3 → 4 a week")."""
    names = {"title": "title", "specific": "specific", "measure": "measure",
             "achievable": "achievable", "relevant": "relevant", "due": "due date",
             "status": "status"}  # fmt: skip
    parts = []
    for field, label in names.items():
        before, after = getattr(old, field), getattr(new, field)
        if before != after:
            if field == "status":
                before, after = STATUS_LABELS[before].lower(), STATUS_LABELS[after].lower()
            parts.append(f"{label}: {_shown(before)} → {_shown(after)}")
    return "; ".join(parts) or "looked at it; no change needed"


def _shown(value: object) -> str:
    if value is None or value == "":
        return "(none)"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
