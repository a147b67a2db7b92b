"""Shared test helpers: the plan-format.md example plan, and small plan builders.

The example is a copy of the JSON block in ``../shared/plan-format.md`` (the public contract),
kept in ``tests/fixtures/example-plan.json`` so the tests also run where ``../shared`` is not
beside the repository. ``test_exchange`` checks the copy still matches the document when the
document is there.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any, TypeVar

from recovery_tui.exchange import loads_plan
from recovery_tui.model import Plan
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
