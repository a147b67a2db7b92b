"""Shared test helpers: the plan-format.md example plan, and small plan builders.

The example is a copy of the JSON block in ``../shared/plan-format.md`` (the public contract),
kept in ``tests/fixtures/example-plan.json`` so the tests also run where ``../shared`` is not
beside the repository. ``test_exchange`` checks the copy still matches the document when the
document is there.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from recovery_tui.exchange import loads_plan
from recovery_tui.model import (
    Assessment,
    Challenge,
    FocusArea,
    Goal,
    Lapse,
    Motivation,
    Plan,
    Profile,
    Strength,
    UseHistory,
)
from recovery_tui.text import clean

TESTS = Path(__file__).resolve().parent
EXAMPLE_FILE = TESTS / "fixtures" / "example-plan.json"
PLAN_FORMAT_DOC = TESTS.parent.parent / "shared" / "plan-format.md"
EXAMPLE_EXPORTED_AT = "2026-11-26T09:30:00"

T = TypeVar("T")


def example_plan_text() -> str:
    """The example exchange-format file from plan-format.md, as JSON text."""
    return EXAMPLE_FILE.read_text(encoding="utf-8")


def example_plan_data() -> dict[str, Any]:
    """The example file as a fresh JSON object (safe to modify)."""
    data: dict[str, Any] = json.loads(example_plan_text())
    return data


def example_plan() -> Plan:
    """The example file imported as a plan."""
    return loads_plan(example_plan_text())


def json_block_of_plan_format_doc() -> str | None:
    """The JSON example in ``../shared/plan-format.md``, or None when the doc is not there."""
    if not PLAN_FORMAT_DOC.is_file():
        return None
    doc = PLAN_FORMAT_DOC.read_text(encoding="utf-8")
    return doc.split("```json\n", 1)[1].split("```", 1)[0]


def minimal_data(**lists: Any) -> dict[str, Any]:
    """The smallest valid exchange-format object, plus the given top-level entries."""
    return {"format": "recovery-tui-plan", "version": 1, **lists}


def cleaned(value: T) -> T:
    """``value`` with :func:`recovery_tui.text.clean` applied to every text inside it
    (dataclasses, tuples and strings, recursively): what an import should give back."""
    if isinstance(value, str):
        return clean(value)  # type: ignore[return-value]
    if isinstance(value, tuple):
        return tuple(cleaned(item) for item in value)  # type: ignore[return-value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: cleaned(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)  # type: ignore[return-value]
    return value


def barc10_answers(total: int) -> tuple[int, ...]:
    """Ten BARC-10 answers (each 1-6) adding up to ``total`` (10-60)."""
    if not 10 <= total <= 60:
        raise ValueError(f"a BARC-10 total lies between 10 and 60, not {total}")
    base, extra = divmod(total, 10)
    if base == 6:
        return (6,) * 10
    return (base + 1,) * extra + (base,) * (10 - extra)


PHYSICAL_HEALTH = "Blood pressure is high\nSleeping 6 hours\n  - walking more"


def several_assessments_plan() -> Plan:
    """Two focus areas, a lapse, and four assessments kept out of date order.

    In list order: a1 (2026-01-12, BARC-10 38), a3 (2026-04-10, the latest: every section
    but social circumstances written, BARC-10 47), a2 (2026-02-20, no BARC-10), a4
    (2026-03-05, BARC-10 44). The Alcohol lapse (2026-03-15) comes before the last BARC-10.
    """
    alcohol = FocusArea(id="f1", name="Alcohol", since=date(2026, 1, 10))
    nicotine = FocusArea(id="f2", name="Nicotine", aim="reduction", since=date(2026, 3, 1))
    first = Assessment(
        id="a1",
        date=date(2026, 1, 12),
        motivations=(Motivation("Be there for my kids", north_star=True),),
        challenges=(Challenge("support", "Most friends still drink"),),
        barc10=barc10_answers(38),
    )
    latest = Assessment(
        id="a3",
        date=date(2026, 4, 10),
        motivations=(
            Motivation("Health"),
            Motivation("My kids", north_star=True),
            Motivation("Self-respect", north_star=True),
        ),
        challenges=(
            Challenge("triggers", "Friday payday"),
            Challenge("housing", "Lease ends in June"),
        ),
        strengths=(
            Strength("community", "Tuesday SMART meeting"),
            Strength("personal", "Steady job"),
            Strength("social", "My sister"),
            Strength("personal", "Good sleep"),
        ),
        barc10=barc10_answers(47),
        physical_health=PHYSICAL_HEALTH,
        mental_health="Anxiety; seeing a counselor (CBT)",
        use_history=(
            UseHistory("f1", pattern="Daily, evenings", since="2015", last_use="2026-03-15"),
            UseHistory("f2", earlier_attempts="Patches in 2022"),
        ),
    )
    middle = Assessment(id="a2", date=date(2026, 2, 20), motivations=(Motivation("Health"),))
    fourth = Assessment(id="a4", date=date(2026, 3, 5), barc10=barc10_answers(44))
    return Plan(
        profile=Profile(name="Sam"),
        focus_areas=(alcohol, nicotine),
        lapses=(Lapse(id="l1", focus_area="f1", date=date(2026, 3, 15)),),
        assessments=(first, latest, middle, fourth),
        goals=(Goal(id="g1", title="Meetings", measure="3 a week"),),
    )
