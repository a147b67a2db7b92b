"""recovery_tui.exchange: the public plan exchange format (plan-format.md), version 1."""

from __future__ import annotations

import copy
import dataclasses
import json
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, Literal, Union, get_args, get_origin

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from plans import (
    EXAMPLE_EXPORTED_AT,
    cleaned,
    example_plan,
    example_plan_data,
    example_plan_text,
    json_block_of_plan_format_doc,
    minimal_data,
)

from recovery_tui.exchange import (
    dumps,
    loads_plan,
    plan_from_data,
    plan_to_data,
    strict_json_loads,
)
from recovery_tui.model import (
    Assessment,
    CheckIn,
    Contact,
    FocusArea,
    Goal,
    Lapse,
    Milestone,
    Plan,
    PlanError,
    Profile,
    ProgressEntry,
    Review,
    Trigger,
)
from recovery_tui.text import clean

EXPORTED_AT = datetime.fromisoformat(EXAMPLE_EXPORTED_AT)
Data = dict[str, Any]


def _load_error(data: Any) -> PlanError:
    text = data if isinstance(data, (str, bytes)) else json.dumps(data)
    with pytest.raises(PlanError) as info:
        loads_plan(text)
    return info.value


# --- the example of plan-format.md ------------------------------------------------------------


def test_fixture_is_the_example_of_plan_format_doc() -> None:
    block = json_block_of_plan_format_doc()
    if block is None:
        pytest.skip("../shared/plan-format.md is not beside the repository")
    assert json.loads(block) == example_plan_data()


def test_example_imports() -> None:
    plan = example_plan()
    assert plan.profile == Profile(name="Sam", review_every_days=30)
    assert plan.focus_areas == (
        FocusArea(id="f1", name="Alcohol", since=date(2026, 1, 10), aim="abstinence"),
    )
    (goal,) = plan.goals
    assert goal == Goal(
        id="g1",
        title="Meetings",
        specific="Attend support-group meetings",
        measure="3 meetings a week",
        achievable="Two are near work",
        relevant="Be there for my kids",
        due=date(2026, 2, 28),
        status="active",
        progress=(ProgressEntry(date(2026, 1, 20), "2 this week"),),
        milestones=(Milestone("First meeting", date(2026, 1, 13)),),
    )
    assert plan.assessments[0].barc10 == (5, 4, 4, 3, 3, 4, 5, 6, 4, 4)
    assert plan.triggers == (
        Trigger(
            id="t1",
            text="The bar on my way home",
            kind="place",
            area="environmental",
            intensity=4,
            strategies=("Take the bus route instead",),
        ),
    )
    assert plan.contacts[0].crisis is True
    assert plan.contacts[0].plan_shared_on == date(2026, 1, 15)
    assert plan.checkins == (
        CheckIn(
            date=date(2026, 1, 21),
            mood=4,
            craving=3,
            used=False,
            focus_area=None,
            halt=("tired",),
            triggers_met=("t1",),
            helped="Called Alex",
            good_thing="Dinner with the kids",
            note="",
        ),
    )
    assert plan.reviews[0].goal_changes[0].change == "Raise to 4 a week"
    assert plan.treatment[0].next_date == date(2026, 2, 1)
    assert plan.crisis_lines[0].verified == date(2026, 1, 12)


def test_example_exports_back_to_the_same_json_object() -> None:
    assert plan_to_data(example_plan(), EXPORTED_AT) == example_plan_data()


def test_exported_at_is_written_to_the_second() -> None:
    data = plan_to_data(example_plan(), datetime(2026, 11, 26, 9, 30, 0, 999_999))
    assert data["exported_at"] == EXAMPLE_EXPORTED_AT
    assert list(data)[:3] == ["format", "version", "exported_at"]
    assert (data["format"], data["version"]) == ("recovery-tui-plan", 1)


def test_import_export_import_export_is_stable() -> None:
    first = dumps(plan_to_data(loads_plan(example_plan_text()), EXPORTED_AT))
    second_plan = loads_plan(first)
    second = dumps(plan_to_data(second_plan, EXPORTED_AT))
    assert second == first
    assert second_plan == example_plan()
    later = json.loads(dumps(plan_to_data(second_plan, datetime(2027, 1, 2, 3, 4, 5))))
    assert later.pop("exported_at") == "2027-01-02T03:04:05"
    assert later == {k: v for k, v in json.loads(first).items() if k != "exported_at"}


def test_export_keeps_the_documented_key_order() -> None:
    exported = plan_to_data(example_plan(), EXPORTED_AT)
    assert json.dumps(exported) == json.dumps(example_plan_data())


def test_dumps_is_readable_utf8_json() -> None:
    plan = dataclasses.replace(example_plan(), profile=Profile(name="Сэм 🙂 שלום"))
    text = dumps(plan_to_data(plan, EXPORTED_AT))
    assert "Сэм 🙂 שלום" in text  # not \u-escaped
    assert text.endswith("}\n")
    assert "\n  " in text  # indented
    assert loads_plan(text.encode("utf-8")) == plan


def test_use_with_no_focus_area_yet_round_trips() -> None:
    """A check-in saved before the person said which focus area the use was about."""
    used = CheckIn(date=date(2026, 1, 21), mood=2, craving=8, used=True)
    data = plan_to_data(Plan(checkins=(used,)), EXPORTED_AT)
    assert data["checkins"][0]["focus_area"] is None
    assert loads_plan(dumps(data)) == Plan(checkins=(used,))


def test_empty_plan_round_trips() -> None:
    data = plan_to_data(Plan(), EXPORTED_AT)
    assert data["goals"] == []
    assert data["profile"] == {"name": "", "review_every_days": 30}
    assert loads_plan(dumps(data)) == Plan()


# --- defaults ---------------------------------------------------------------------------------


def test_missing_optional_fields_take_their_defaults() -> None:
    data = minimal_data(
        profile={},
        focus_areas=[{"id": "f1", "name": "Alcohol", "since": "2026-01-10"}],
        goals=[{"id": "g1", "title": "Meetings"}],
        triggers=[{"id": "t1", "text": "The bar"}],
        contacts=[{"id": "p1", "name": "Alex"}],
        checkins=[{"date": "2026-01-21", "mood": 4, "craving": 3}],
        assessments=[{"id": "a1", "date": "2026-01-12"}],
        lapses=[{"id": "l1", "focus_area": "f1", "date": "2026-05-02"}],
        reviews=[{"id": "r1", "date": "2026-02-01"}],
    )
    plan = loads_plan(json.dumps(data))
    assert plan == Plan(
        focus_areas=(FocusArea(id="f1", name="Alcohol", since=date(2026, 1, 10)),),
        lapses=(Lapse(id="l1", focus_area="f1", date=date(2026, 5, 2)),),
        assessments=(Assessment(id="a1", date=date(2026, 1, 12)),),
        goals=(Goal(id="g1", title="Meetings"),),
        triggers=(Trigger(id="t1", text="The bar"),),
        contacts=(Contact(id="p1", name="Alex"),),
        checkins=(CheckIn(date=date(2026, 1, 21), mood=4, craving=3),),
        reviews=(Review(id="r1", date=date(2026, 2, 1)),),
    )
    assert plan.profile.review_every_days == 30
    assert plan.focus_areas[0].aim == "abstinence"
    goal = plan.goals[0]
    assert (goal.status, goal.due, goal.specific, goal.progress) == ("active", None, "", ())
    assert plan.assessments[0].barc10 is None
    assert plan.checkins[0].used is False
    assert plan.checkins[0].focus_area is None
    assert plan.lapses[0].what_happened == ""
    assert plan.reviews[0].kind == "monthly"


def test_only_format_and_version_are_required() -> None:
    assert loads_plan(json.dumps(minimal_data())) == Plan()


# --- errors name the field path and what was expected ------------------------------------------


def _set(path: tuple[str | int, ...], value: Any) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def _delete(path: tuple[str | int, ...]) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return change


def _append_copy(list_name: str, **changes: Any) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        data[list_name].append({**copy.deepcopy(data[list_name][0]), **changes})

    return change


BAD_FILES: list[tuple[str, Callable[[Data], None], str, str]] = [
    # (case, change to the example, error path, error message)
    (
        "bad due date",
        _set(("goals", 0, "due"), "2026-13-01"),
        "goals[0].due",
        '"2026-13-01" is not a date (YYYY-MM-DD)',
    ),
    (
        "date not zero-padded",
        _set(("focus_areas", 0, "since"), "2026-1-10"),
        "focus_areas[0].since",
        '"2026-1-10" is not a date (YYYY-MM-DD)',
    ),
    (
        "date with a time",
        _set(("checkins", 0, "date"), "2026-01-21T10:00:00"),
        "checkins[0].date",
        '"2026-01-21T10:00:00" is not a date (YYYY-MM-DD)',
    ),
    (
        "date in a nested list",
        _set(("goals", 0, "milestones", 0, "done"), "13/01/2026"),
        "goals[0].milestones[0].done",
        '"13/01/2026" is not a date (YYYY-MM-DD)',
    ),
    (
        "date as a number",
        _set(("lapses", 0, "date"), 20260502),
        "lapses[0].date",
        "20260502 is not a date (YYYY-MM-DD)",
    ),
    (
        "unknown top-level key",
        _set(("colour",), "blue"),
        "colour",
        "is not a known field",
    ),
    (
        "unknown nested key",
        _set(("goals", 0, "deadline"), "2026-02-28"),
        "goals[0].deadline",
        "is not a known field",
    ),
    (
        "unknown key deep inside",
        _set(("assessments", 0, "motivations", 0, "northstar"), True),
        "assessments[0].motivations[0].northstar",
        "is not a known field",
    ),
    ("missing goal title", _delete(("goals", 0, "title")), "goals[0].title", "is missing"),
    ("missing id", _delete(("triggers", 0, "id")), "triggers[0].id", "is missing"),
    ("missing mood", _delete(("checkins", 0, "mood")), "checkins[0].mood", "is missing"),
    (
        "empty goal title",
        _set(("goals", 0, "title"), " \n "),
        "goals[0].title",
        "a goal needs a title",
    ),
    (
        "mood as words",
        _set(("checkins", 0, "mood"), "ten"),
        "checkins[0].mood",
        '"ten" is not a whole number',
    ),
    (
        "mood as a fraction",
        _set(("checkins", 0, "mood"), 4.5),
        "checkins[0].mood",
        "4.5 is not a whole number",
    ),
    (
        "mood as a boolean",
        _set(("checkins", 0, "mood"), True),
        "checkins[0].mood",
        "true is not a whole number",
    ),
    (
        "mood out of range",
        _set(("checkins", 0, "mood"), 6),
        "checkins[0].mood",
        "6 is not between 1 and 5",
    ),
    (
        "craving out of range",
        _set(("checkins", 0, "craving"), 11),
        "checkins[0].craving",
        "11 is not between 0 and 10",
    ),
    (
        "intensity out of range",
        _set(("triggers", 0, "intensity"), 9),
        "triggers[0].intensity",
        "9 is not between 1 and 5",
    ),
    (
        "review cadence out of range",
        _set(("profile", "review_every_days"), 0),
        "profile.review_every_days",
        "0 is not between 1 and 366",
    ),
    (
        "crisis as words",
        _set(("contacts", 0, "crisis"), "yes"),
        "contacts[0].crisis",
        '"yes" is not true or false',
    ),
    (
        "used as a number",
        _set(("checkins", 0, "used"), 0),
        "checkins[0].used",
        "0 is not true or false",
    ),
    (
        "text as a number",
        _set(("profile", "name"), 5),
        "profile.name",
        "5 is not text",
    ),
    (
        "text in a list as null",
        _set(("warning_signs", 0, "responses"), ["Call my sponsor", None]),
        "warning_signs[0].responses[1]",
        "null is not text",
    ),
    (
        "list as an object",
        _set(("goals",), {"g1": {}}),
        "goals",
        '{"g1": {}} is not a list',
    ),
    (
        "object as a string",
        _set(("goals", 0), "Meetings"),
        "goals[0]",
        '"Meetings" is not an object',
    ),
    (
        "profile as null",
        _set(("profile",), None),
        "profile",
        "null is not an object",
    ),
    (
        "bad status",
        _set(("goals", 0, "status"), "done"),
        "goals[0].status",
        '"done" is not one of: active, achieved, paused, set_aside',
    ),
    (
        "bad role",
        _set(("contacts", 0, "role"), "Sponsor"),
        "contacts[0].role",
        '"Sponsor" is not one of: family, friend, peer, sponsor, professional, crisis',
    ),
    (
        "bad halt",
        _set(("checkins", 0, "halt"), ["tired", "sleepy"]),
        "checkins[0].halt[1]",
        '"sleepy" is not one of: hungry, angry, lonely, tired',
    ),
    (
        "barc10 with 9 answers",
        _set(("assessments", 0, "barc10"), [4] * 9),
        "assessments[0].barc10",
        "needs 10 answers, got 9",
    ),
    (
        "barc10 with a 7",
        _set(("assessments", 0, "barc10"), [4, 4, 4, 4, 4, 4, 7, 4, 4, 4]),
        "assessments[0].barc10",
        "7 is not between 1 and 6",
    ),
    (
        "barc10 with a 0",
        _set(("assessments", 0, "barc10"), [0, 4, 4, 4, 4, 4, 4, 4, 4, 4]),
        "assessments[0].barc10",
        "0 is not between 1 and 6",
    ),
    (
        "barc10 with text",
        _set(("assessments", 0, "barc10"), [4, 4, "4", 4, 4, 4, 4, 4, 4, 4]),
        "assessments[0].barc10[2]",
        '"4" is not a whole number',
    ),
    (
        "duplicate goal ids",
        _append_copy("goals", title="Again"),
        "goals[1].id",
        '"g1" is used twice in goals',
    ),
    (
        "duplicate contact ids",
        _append_copy("contacts", name="Bo"),
        "contacts[1].id",
        '"p1" is used twice in contacts',
    ),
    (
        "empty id",
        _set(("meetings", 0, "id"), ""),
        "meetings[0].id",
        "must not be empty",
    ),
    (
        "two check-ins on one date",
        _append_copy("checkins", mood=2),
        "checkins[1].date",
        "a second check-in for 2026-01-21",
    ),
    ("wrong format", _set(("format",), "recovery-tui"), "format", 'must be "recovery-tui-plan"'),
    ("missing format", _delete(("format",)), "format", 'must be "recovery-tui-plan"'),
    ("missing version", _delete(("version",)), "version", "must be a whole number"),
    ("version as text", _set(("version",), "1"), "version", "must be a whole number"),
    ("version 0", _set(("version",), 0), "version", "0 is not a known version"),
    (
        "exported_at as a number",
        _set(("exported_at",), 20261126),
        "exported_at",
        "20261126 is not a time (YYYY-MM-DDTHH:MM:SS)",
    ),
]


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [case[1:] for case in BAD_FILES],
    ids=[case[0] for case in BAD_FILES],
)
def test_bad_file_gets_one_error_naming_path_and_expectation(
    change: Callable[[Data], None], path: str, message: str
) -> None:
    data = example_plan_data()
    change(data)
    error = _load_error(data)
    assert (error.path, error.message) == (path, message)
    assert str(error) == f"{path}: {message}"


def test_the_documented_error_example_exactly() -> None:
    data = example_plan_data()
    data["goals"][0]["due"] = "2026-13-01"
    assert str(_load_error(data)) == 'goals[0].due: "2026-13-01" is not a date (YYYY-MM-DD)'


def test_newer_version_asks_to_update() -> None:
    data = example_plan_data()
    data["version"] = 2
    error = _load_error(data)
    assert error.path == "version"
    assert "2 is newer" in error.message
    assert "update" in error.message


def test_long_bad_values_are_shortened_in_the_message() -> None:
    data = example_plan_data()
    data["goals"][0]["status"] = "x" * 5000
    error = _load_error(data)
    assert error.path == "goals[0].status"
    assert len(str(error)) < 150
    assert '"xxx' in error.message
    assert "..." in error.message


@pytest.mark.parametrize("value", ["yesterday", "2026-13-01T09:30:00", "2026-11-26"])
def test_exported_at_must_be_a_time(value: str) -> None:
    data = example_plan_data()
    data["exported_at"] = value
    assert _load_error(data).path == "exported_at"


def test_exported_at_is_optional() -> None:
    data = example_plan_data()
    del data["exported_at"]
    assert loads_plan(json.dumps(data)) == example_plan()


# --- files that are not plans: a PlanError, never a crash -------------------------------------

NOT_PLANS: list[tuple[str, str | bytes, str]] = [
    # (case, file content, words the message must hold)
    ("not JSON", "format: recovery-tui-plan", "not valid JSON"),
    ("empty file", b"", "not valid JSON"),
    ("truncated", example_plan_text()[:200], "not valid JSON"),
    (
        "NaN",
        example_plan_text().replace('"mood": 4', '"mood": NaN'),
        "NaN is not a number JSON allows",
    ),
    (
        "Infinity",
        example_plan_text().replace('"craving": 3', '"craving": -Infinity'),
        "-Infinity is not a number JSON allows",
    ),
    (
        "duplicate keys",
        example_plan_text().replace('"mood": 4,', '"mood": 4, "mood": 5,'),
        'the key "mood" appears twice in one object',
    ),
    (
        "duplicate top-level keys",
        example_plan_text().replace('"version": 1,', '"version": 1, "version": 1,'),
        'the key "version" appears twice',
    ),
    (
        "invalid UTF-8",
        example_plan_text().encode("utf-8").replace(b"Sam", b"S\xff\xfem"),
        "not valid JSON",
    ),
    ("Latin-1 bytes", '{"format": "recovery-tui-plan", "n": "Zoë"}'.encode("latin-1"), "JSON"),
    ("huge integer", example_plan_text().replace('"mood": 4', '"mood": ' + "9" * 5000), "JSON"),
    ("deep nesting", "[" * 100_000 + "]" * 100_000, "nests too deeply"),
    ("deep objects", '{"a":' * 100_000 + "1" + "}" * 100_000, "nests too deeply"),
    ("unclosed deep nesting", "[" * 100_000, "nest"),
    ("a list", "[]", "expected one JSON object"),
    ("a string", '"recovery-tui-plan"', "expected one JSON object"),
    ("null", "null", "expected one JSON object"),
]


@pytest.mark.parametrize(
    ("content", "words"), [c[1:] for c in NOT_PLANS], ids=[c[0] for c in NOT_PLANS]
)
def test_files_that_are_not_plans_give_a_plan_error(content: str | bytes, words: str) -> None:
    error = _load_error(content)
    assert words in str(error)
    assert "Traceback" not in str(error)


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def _deepest_parsable_nesting() -> int:
    low, high = 1, 100_000
    while low < high:
        mid = (low + high + 1) // 2
        try:
            strict_json_loads(_nested(mid))
            low = mid
        except RecursionError:
            high = mid - 1
    return low


def test_nesting_just_below_the_parser_limit_in_a_field_is_a_plan_error() -> None:
    deepest = _deepest_parsable_nesting()
    for depth in range(max(1, deepest - 60), deepest + 5):
        for field in (
            '"profile": {"name": X}',
            '"goals": [X]',
            '"checkins": [{"date": "2026-01-21", "craving": 1, "mood": X}]',
        ):
            text = f'{{"format": "recovery-tui-plan", "version": 1, {field}}}'
            try:
                loads_plan(text.replace("X", _nested(depth)))
            except PlanError:
                pass
            except RecursionError:
                pytest.fail(f"RecursionError for a field nested {depth} deep")


def test_str_and_bytes_are_both_read() -> None:
    assert loads_plan(example_plan_text().encode("utf-8")) == example_plan()
    assert loads_plan(example_plan_text()) == example_plan()


def test_plan_from_data_reads_a_parsed_object() -> None:
    assert plan_from_data(example_plan_data()) == example_plan()
    with pytest.raises(PlanError):
        plan_from_data([example_plan_data()])


# --- text is cleaned of control characters on the way in -------------------------------------


def test_control_characters_and_lone_surrogates_are_removed_on_import() -> None:
    data = example_plan_data()
    data["goals"][0]["title"] = "Meet\u0000ings\u001b[31m\u0085\u007f\ud800"
    data["goals"][0]["specific"] = "Line one\r\nLine\ttwo\u202e"
    data["triggers"][0]["strategies"] = ["Take\u0007 the bus"]
    data["checkins"][0]["triggers_met"] = ["t\u00011"]
    text = json.dumps(data)  # ensure_ascii: the controls are \\u escapes in the file
    plan = loads_plan(text)
    assert plan.goals[0].title == "Meetings[31m"
    assert plan.goals[0].specific == "Line one\nLine\ttwo\u202e"  # bidi: kept, shown without
    assert plan.triggers[0].strategies == ("Take the bus",)
    assert plan.checkins[0].triggers_met == ("t1",)


def test_markup_and_any_unicode_is_kept_as_written() -> None:
    text = "# [b]x[/b] [/y] <i>z</i> | *a* `c` [l](http://x) 🙂 שלום e\u0301 \\ &amp;\n\n  two"
    data = example_plan_data()
    data["goals"][0]["title"] = text
    data["profile"]["name"] = text
    plan = loads_plan(json.dumps(data, ensure_ascii=False))
    assert plan.goals[0].title == text
    assert plan.profile.name == text
    assert loads_plan(dumps(plan_to_data(plan, EXPORTED_AT))) == plan


# --- Hypothesis: any text and dates survive a round trip through JSON text ---------------------

TEXT = st.text(max_size=12)
ID = st.text(min_size=1, max_size=6).filter(lambda s: clean(s) != "")
TITLE = st.text(min_size=1, max_size=12).filter(lambda s: clean(s).strip() != "")
DATES = st.dates()
MAX_ITEMS = 2


def _for_type(tp: Any, metadata: Any = None) -> st.SearchStrategy[Any]:
    """A strategy for a model type hint (the same subset of typing the model uses)."""
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        (inner,) = (a for a in get_args(tp) if a is not type(None))
        return st.none() | _for_type(inner, metadata)
    if origin is Literal:
        return st.sampled_from(get_args(tp))
    if origin is tuple:
        items = _for_type(get_args(tp)[0], metadata)
        return st.lists(items, max_size=MAX_ITEMS).map(tuple)
    if tp is str:
        return TEXT
    if tp is bool:
        return st.booleans()
    if tp is int:
        return st.integers(*metadata["range"])
    if tp is date:
        return DATES
    if dataclasses.is_dataclass(tp):
        return _object(tp)
    raise TypeError(f"no strategy for {tp!r}")


# Fields whose values obey rules beyond their type.
OVERRIDES: dict[tuple[type, str], st.SearchStrategy[Any]] = {
    (Goal, "title"): TITLE,
    (Assessment, "barc10"): st.none()
    | st.lists(st.integers(1, 6), min_size=10, max_size=10).map(tuple),
}


def _object(cls: type) -> st.SearchStrategy[Any]:
    hints = typing.get_type_hints(cls)
    fields: dict[str, st.SearchStrategy[Any]] = {}
    for f in dataclasses.fields(cls):
        if (cls, f.name) in OVERRIDES:
            fields[f.name] = OVERRIDES[(cls, f.name)]
        elif f.name == "id":
            fields[f.name] = ID
        else:
            fields[f.name] = _for_type(hints[f.name], f.metadata)
    return st.builds(cls, **fields)


@st.composite
def checkins(draw: st.DrawFn) -> CheckIn:
    """A check-in; one that records use names a focus area."""
    checkin: CheckIn = draw(_object(CheckIn))
    if checkin.used:
        checkin = dataclasses.replace(checkin, focus_area=draw(ID))
    return checkin


def _plan_lists() -> dict[str, st.SearchStrategy[Any]]:
    hints = typing.get_type_hints(Plan)
    lists: dict[str, st.SearchStrategy[Any]] = {"profile": _object(Profile)}
    for f in dataclasses.fields(Plan):
        if f.name == "profile":
            continue
        (item_type, _) = get_args(hints[f.name])
        if item_type is CheckIn:
            items, key = checkins(), (lambda c: c.date)
        elif any(g.name == "id" for g in dataclasses.fields(item_type)):
            items, key = _object(item_type), (lambda x: clean(x.id))
        else:
            items, key = _object(item_type), (lambda x: id(x))
        lists[f.name] = st.lists(items, max_size=MAX_ITEMS, unique_by=key).map(tuple)
    return lists


PLANS = st.builds(Plan, **_plan_lists())


def _through_json(plan: Plan) -> tuple[str, Plan]:
    text = dumps(plan_to_data(plan, EXPORTED_AT))
    return text, loads_plan(text)


@settings(max_examples=50, deadline=None)
@given(PLANS)
def test_any_plan_round_trips_with_control_characters_removed(plan: Plan) -> None:
    _, loaded = _through_json(plan)
    assert loaded == cleaned(plan)
    exported, loaded_again = _through_json(loaded)
    assert loaded_again == loaded
    exported_again, _ = _through_json(loaded_again)
    assert exported_again == exported


@settings(max_examples=50, deadline=None)
@given(
    st.lists(_object(Goal), max_size=3, unique_by=lambda g: clean(g.id)).map(tuple),
    st.lists(_object(Trigger), max_size=3, unique_by=lambda t: clean(t.id)).map(tuple),
    st.lists(_object(Contact), max_size=3, unique_by=lambda c: clean(c.id)).map(tuple),
    st.lists(checkins(), max_size=3, unique_by=lambda c: c.date).map(tuple),
    st.lists(_object(FocusArea), max_size=3, unique_by=lambda f: clean(f.id)).map(tuple),
)
def test_goals_triggers_contacts_checkins_focus_areas_round_trip(
    goals: tuple[Goal, ...],
    triggers: tuple[Trigger, ...],
    contacts: tuple[Contact, ...],
    checkin_list: tuple[CheckIn, ...],
    focus_areas: tuple[FocusArea, ...],
) -> None:
    plan = Plan(
        goals=goals,
        triggers=triggers,
        contacts=contacts,
        checkins=checkin_list,
        focus_areas=focus_areas,
    )
    _, loaded = _through_json(plan)
    for original, read in zip(goals, loaded.goals, strict=True):
        assert read.title == clean(original.title)
        assert read.specific == clean(original.specific)
        assert read.due == original.due
        assert [p.note for p in read.progress] == [clean(p.note) for p in original.progress]
        assert [p.date for p in read.progress] == [p.date for p in original.progress]
        assert [(m.text, m.done) for m in read.milestones] == [
            (clean(m.text), m.done) for m in original.milestones
        ]
    for original_trigger, read_trigger in zip(triggers, loaded.triggers, strict=True):
        assert read_trigger.strategies == tuple(clean(s) for s in original_trigger.strategies)
    for original_contact, read_contact in zip(contacts, loaded.contacts, strict=True):
        assert read_contact.how_they_help == clean(original_contact.how_they_help)
        assert read_contact.plan_shared_on == original_contact.plan_shared_on
    assert [c.date for c in loaded.checkins] == [c.date for c in checkin_list]
    assert [f.since for f in loaded.focus_areas] == [f.since for f in focus_areas]
    assert loaded == cleaned(plan)
