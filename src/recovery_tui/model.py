"""The recovery plan as typed, immutable values (no Textual, no TinyDB).

Every list and field of the exchange format (``plan-format.md``) has a home here. Objects
check their own fields when they are made, so an invalid goal or check-in cannot exist;
:func:`check_plan` adds the rules that span lists (unique ids, references). Errors are
:class:`PlanError`: a field path and a message a person can act on.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, TypeVar, get_args

from recovery_tui.text import clean_reach

Aim = Literal["abstinence", "reduction"]
GoalStatus = Literal["active", "achieved", "paused", "set_aside"]
ChallengeKind = Literal["coping", "support", "legal", "financial", "housing", "triggers", "other"]
StrengthKind = Literal["personal", "social", "community"]
TriggerKind = Literal["person", "place", "thing", "emotion", "situation"]
TriggerArea = Literal["environmental", "emotional", "social"]
SelfCareArea = Literal["sleep", "nutrition", "exercise", "hobby", "relaxation", "other"]
Role = Literal["family", "friend", "peer", "sponsor", "professional", "crisis"]
TreatmentKind = Literal["therapy", "counseling", "mat", "medical", "other"]
Halt = Literal["hungry", "angry", "lonely", "tired"]
ReviewKind = Literal["monthly", "quarterly", "life_event", "lapse"]

GOAL_STATUSES: tuple[GoalStatus, ...] = get_args(GoalStatus)
STATUS_LABELS: dict[str, str] = {
    "active": "Active",
    "achieved": "Achieved",
    "paused": "Paused",
    "set_aside": "Set aside",
}
T = TypeVar("T")
BARC10_ITEMS = 10
BARC10_MIN, BARC10_MAX = 1, 6


class PlanError(ValueError):
    """A plan value a person must fix; ``path`` names the field (``goals[2].due``)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message

    def under(self, prefix: str) -> PlanError:
        """Return the same error with ``prefix`` put in front of its path."""
        if not self.path:
            return PlanError(prefix, self.message)
        joiner = "" if self.path.startswith("[") else "."
        return PlanError(f"{prefix}{joiner}{self.path}", self.message)


def added_later() -> dict[str, Any]:
    """Field metadata: a field added to the format after version 1. Files without it still
    import (it has a default), and it is written only when it differs from the default, so
    a plan that does not use it exports to the same JSON as before."""
    return {"added_later": True}


def between(low: int, high: int) -> dict[str, Any]:
    """Field metadata: an integer (or each integer of a tuple) must lie in low..high."""
    return {"range": (low, high)}


_RANGED: dict[type, tuple[tuple[str, tuple[int, int]], ...]] = {}


def _ranged_fields(cls: type) -> tuple[tuple[str, tuple[int, int]], ...]:
    """The fields with a ``between`` range (worked out once per class)."""
    if cls not in _RANGED:
        fields = dataclasses.fields(cls)
        _RANGED[cls] = tuple((f.name, f.metadata["range"]) for f in fields if "range" in f.metadata)
    return _RANGED[cls]


def _check_ranges(obj: Any) -> None:
    """Raise :class:`PlanError` for any field outside its ``between`` range."""
    for name, bounds in _ranged_fields(type(obj)):
        value = getattr(obj, name)
        if value is None:
            continue
        low, high = bounds
        values = value if isinstance(value, tuple) else (value,)
        for item in values:
            if not low <= item <= high:
                raise PlanError(name, f"{item} is not between {low} and {high}")


class _Checked:
    """Mixin: validate ``between`` ranges when the object is made."""

    def __post_init__(self) -> None:
        _check_ranges(self)


@dataclass(frozen=True)
class Profile(_Checked):
    name: str = ""
    review_every_days: int = field(default=30, metadata=between(1, 366))


@dataclass(frozen=True)
class FocusArea:
    """A substance or behaviour the person works on, with its own start date and aim."""

    id: str
    name: str
    aim: Aim = "abstinence"
    since: date = field(kw_only=True)  # required; after aim to keep the format's key order


@dataclass(frozen=True)
class Lapse:
    """A lapse and its debrief: information to learn from, never a reset to zero."""

    id: str
    focus_area: str
    date: date
    what_happened: str = ""
    trigger: str = ""
    what_helped: str = ""
    plan_change: str = ""


@dataclass(frozen=True)
class Motivation:
    text: str
    north_star: bool = False


@dataclass(frozen=True)
class Challenge:
    kind: ChallengeKind
    note: str = ""


@dataclass(frozen=True)
class Strength:
    kind: StrengthKind
    text: str


@dataclass(frozen=True)
class UseHistory:
    focus_area: str
    pattern: str = ""
    since: str = ""
    last_use: str = ""
    earlier_attempts: str = ""


@dataclass(frozen=True)
class Assessment:
    """One dated self-assessment; a new one never erases the old."""

    id: str
    date: date
    motivations: tuple[Motivation, ...] = ()
    challenges: tuple[Challenge, ...] = ()
    strengths: tuple[Strength, ...] = ()
    barc10: tuple[int, ...] | None = field(default=None, metadata=between(1, 6))
    physical_health: str = ""
    mental_health: str = ""
    social_circumstances: str = ""
    use_history: tuple[UseHistory, ...] = ()

    def __post_init__(self) -> None:
        if self.barc10 is not None and len(self.barc10) != BARC10_ITEMS:
            raise PlanError("barc10", f"needs {BARC10_ITEMS} answers, got {len(self.barc10)}")
        _check_ranges(self)


@dataclass(frozen=True)
class ProgressEntry:
    date: date
    note: str


@dataclass(frozen=True)
class Milestone:
    text: str
    done: date | None = None


@dataclass(frozen=True)
class Goal:
    """A SMART goal: specific, measurable, achievable, relevant, time-bound."""

    id: str
    title: str
    specific: str = ""
    measure: str = ""
    achievable: str = ""
    relevant: str = ""
    due: date | None = None
    status: GoalStatus = "active"
    progress: tuple[ProgressEntry, ...] = ()
    milestones: tuple[Milestone, ...] = ()

    def __post_init__(self) -> None:
        if not self.title.strip():
            raise PlanError("title", "a goal needs a title")


@dataclass(frozen=True)
class Trigger(_Checked):
    id: str
    text: str
    kind: TriggerKind = "situation"
    area: TriggerArea = "environmental"
    intensity: int = field(default=3, metadata=between(1, 5))
    strategies: tuple[str, ...] = ()


@dataclass(frozen=True)
class CopingSkill:
    id: str
    name: str
    practice: str = ""


@dataclass(frozen=True)
class SelfCare:
    id: str
    area: SelfCareArea
    commitment: str


@dataclass(frozen=True)
class WarningSign:
    id: str
    sign: str
    responses: tuple[str, ...] = ()


@dataclass(frozen=True)
class Commitment:
    id: str
    text: str
    consequence: str = ""
    accountable_to: str = ""


@dataclass(frozen=True)
class Contact:
    """Someone who helps. ``on_card``: the person chose to put them on the supporter card
    (crisis contacts are on it anyway)."""

    id: str
    name: str
    role: Role = "friend"
    phone: str = ""
    email: str = ""
    when: str = ""
    how_they_help: str = ""
    crisis: bool = False
    plan_shared_on: date | None = None
    on_card: bool = field(default=False, metadata=added_later())

    def __post_init__(self) -> None:
        # However it came in (typed, imported, loaded), a number must dial and read as
        # written: no bidi marks or line breaks in it (text.clean_reach).
        for name in ("phone", "email"):
            value = getattr(self, name)
            if clean_reach(value) != value:
                object.__setattr__(self, name, clean_reach(value))


@dataclass(frozen=True)
class Meeting:
    id: str
    name: str
    when: str = ""
    where: str = ""


@dataclass(frozen=True)
class AvoidItem:
    id: str
    text: str


@dataclass(frozen=True)
class Treatment:
    id: str
    kind: TreatmentKind
    detail: str = ""
    provider: str = ""
    next_date: date | None = None


@dataclass(frozen=True)
class CrisisLine:
    name: str
    how: str
    verified: date | None = None


@dataclass(frozen=True)
class CheckIn(_Checked):
    """The daily check-in; at most one per date."""

    date: date
    mood: int = field(metadata=between(1, 5))
    craving: int = field(metadata=between(0, 10))
    used: bool = False
    focus_area: str | None = None
    halt: tuple[Halt, ...] = ()
    triggers_met: tuple[str, ...] = ()
    helped: str = ""
    good_thing: str = ""
    note: str = ""


@dataclass(frozen=True)
class GoalChange:
    goal: str
    change: str


@dataclass(frozen=True)
class Review:
    id: str
    date: date
    kind: ReviewKind = "monthly"
    still_relevant: str = ""
    new_challenges: str = ""
    working: str = ""
    celebrate: str = ""
    adjust: str = ""
    goal_changes: tuple[GoalChange, ...] = ()


@dataclass(frozen=True)
class Plan:
    """The whole personal recovery plan, in the exchange format's order."""

    profile: Profile = Profile()
    focus_areas: tuple[FocusArea, ...] = ()
    lapses: tuple[Lapse, ...] = ()
    assessments: tuple[Assessment, ...] = ()
    goals: tuple[Goal, ...] = ()
    triggers: tuple[Trigger, ...] = ()
    coping_skills: tuple[CopingSkill, ...] = ()
    self_care: tuple[SelfCare, ...] = ()
    warning_signs: tuple[WarningSign, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    contacts: tuple[Contact, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    avoid: tuple[AvoidItem, ...] = ()
    treatment: tuple[Treatment, ...] = ()
    crisis_lines: tuple[CrisisLine, ...] = ()
    checkins: tuple[CheckIn, ...] = ()
    reviews: tuple[Review, ...] = ()

    def is_empty(self) -> bool:
        """True when the person has written nothing yet."""
        return self == Plan()

    def goal(self, goal_id: str) -> Goal:
        """Return the goal with ``goal_id`` (KeyError when there is none)."""
        for goal in self.goals:
            if goal.id == goal_id:
                return goal
        raise KeyError(goal_id)

    def with_item(self, list_name: str, item: Any) -> Plan:
        """Return a plan where ``item`` replaces the item of ``list_name`` with its id,
        or is added at the end."""
        items = getattr(self, list_name)
        if any(old.id == item.id for old in items):
            new = tuple(item if old.id == item.id else old for old in items)
        else:
            new = (*items, item)
        return self.with_list(list_name, new)

    def with_list(self, list_name: str, items: tuple[Any, ...]) -> Plan:
        """Return a plan with the list ``list_name`` replaced by ``items``."""
        changes: dict[str, Any] = {list_name: items}
        return dataclasses.replace(self, **changes)

    def without_item(self, list_name: str, item_id: str) -> Plan:
        """Return a plan without the item ``item_id`` of ``list_name``."""
        items = getattr(self, list_name)
        return self.with_list(list_name, tuple(i for i in items if i.id != item_id))

    def with_goal(self, goal: Goal) -> Plan:
        """Return a plan with ``goal`` replacing the one with its id, or added at the end."""
        return self.with_item("goals", goal)

    def without_goal(self, goal_id: str) -> Plan:
        """Return a plan without the goal ``goal_id``."""
        return self.without_item("goals", goal_id)

    def latest_assessment(self) -> Assessment | None:
        """The newest assessment by date (the later one in the list on a tie)."""
        if not self.assessments:
            return None
        return max(enumerate(self.assessments), key=lambda pair: (pair[1].date, pair[0]))[1]

    def edit_assessment(
        self, assessment: Assessment | None, today: date, changes: dict[str, Any]
    ) -> Plan:
        """Return a plan with ``changes`` made to ``assessment``; with no assessment yet,
        the first one is made, dated ``today``."""
        base = assessment or Assessment(id=new_id("a", self.assessments), date=today)
        return self.with_item("assessments", dataclasses.replace(base, **changes))

    def focus_area_name(self, area_id: str) -> str:
        """The name of focus area ``area_id`` (history may point at one since removed)."""
        return next((a.name for a in self.focus_areas if a.id == area_id), "(removed focus area)")

    def motivations(self) -> tuple[str, ...]:
        """The motivations of the latest assessment, north star first."""
        latest = self.latest_assessment()
        if latest is None:
            return ()
        ordered = sorted(latest.motivations, key=lambda m: not m.north_star)
        return tuple(m.text for m in ordered)


def _check_index(items: tuple[Any, ...], index: int) -> None:
    if not 0 <= index < len(items):
        raise IndexError(f"no item {index} in a list of {len(items)}")


def replace_at(items: tuple[T, ...], index: int, item: T) -> tuple[T, ...]:
    """``items`` with the one at ``index`` replaced."""
    _check_index(items, index)
    return (*items[:index], item, *items[index + 1 :])


def remove_at(items: tuple[T, ...], index: int) -> tuple[T, ...]:
    """``items`` without the one at ``index``."""
    _check_index(items, index)
    return (*items[:index], *items[index + 1 :])


def move(items: tuple[T, ...], index: int, step: int) -> tuple[T, ...]:
    """``items`` with the one at ``index`` moved ``step`` places (kept within the ends)."""
    _check_index(items, index)
    target = max(0, min(len(items) - 1, index + step))
    rest = list(remove_at(items, index))
    rest.insert(target, items[index])
    return tuple(rest)


LISTS_WITH_IDS = (
    "focus_areas", "lapses", "assessments", "goals", "triggers", "coping_skills",
    "self_care", "warning_signs", "commitments", "contacts", "meetings", "avoid",
    "treatment", "reviews",
)  # fmt: skip


def new_id(prefix: str, existing: Iterable[Any]) -> str:
    """Return ``prefix`` plus the smallest number not yet used among ``existing`` ids."""
    taken = {item.id for item in existing}
    n = 1
    while f"{prefix}{n}" in taken:
        n += 1
    return f"{prefix}{n}"


def check_plan(plan: Plan, only: Collection[str] | None = None) -> None:
    """Raise :class:`PlanError` for rules that span lists: unique ids, one check-in a day;
    ``only`` limits the check to the lists named (those a save changed).

    References from history (a check-in's triggers, a review's goal changes, a lapse's
    focus area) are not checked: history keeps pointing at items the person later removed.
    """
    for name in (n for n in LISTS_WITH_IDS if only is None or n in only):
        seen: set[str] = set()
        for i, item in enumerate(getattr(plan, name)):
            if not item.id:
                raise PlanError(f"{name}[{i}].id", "must not be empty")
            if item.id in seen:
                raise PlanError(f"{name}[{i}].id", f'"{item.id}" is used twice in {name}')
            seen.add(item.id)
    dates: set[date] = set()
    for i, checkin in enumerate(plan.checkins if only is None or "checkins" in only else ()):
        if checkin.date in dates:
            raise PlanError(f"checkins[{i}].date", f"a second check-in for {checkin.date}")
        dates.add(checkin.date)
        if checkin.used and checkin.focus_area == "":  # null until known: the area is asked after
            raise PlanError(f"checkins[{i}].focus_area", "must not be empty: null when not known")
