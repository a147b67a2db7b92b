"""What changed in the plan between two versions, by section, in plain words (pure).

Items are matched by their id (crisis lines, which have none, by name), so a renamed goal
shows as changed, not as one removed and one added. Only the plan itself is compared: the
day-to-day log (check-ins, reviews, lapses) is not part of a version.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from recovery_tui.model import Plan
from recovery_tui.text import for_display

# Each list of the plan, in the written plan's order, with the section it is shown in.
SECTIONS: dict[str, str] = {
    "profile": "About me",
    "focus_areas": "Focus areas",
    "assessments": "Self-assessment",
    "goals": "Goals",
    "triggers": "Triggers and strategies",
    "coping_skills": "Coping skills",
    "self_care": "Self-care",
    "warning_signs": "Warning signs",
    "commitments": "Commitments",
    "contacts": "Support network",
    "meetings": "Meetings",
    "avoid": "People and places I keep a distance from",
    "treatment": "Treatment",
    "crisis_lines": "Crisis lines",
}
_NAME_FIELDS = ("title", "name", "text", "sign", "commitment", "detail")
_LONGEST = 70  # a value longer than this is cut with "…" in a change line
_AROUND = 24  # of a long text that changed, the words kept before the change
# Field names that do not read as words once capitalized ("Review every days").
_LABELS = {
    "review_every_days": "Review every",
    "measure": "Measurable",
    "crisis": "Call in a crisis",
    "on_card": "On my card",
    "accountable_to": "Held to it by",
    "barc10": "BARC-10",
    "verified": "Checked",
}
_UNITS = {"review_every_days": "days"}


@dataclass(frozen=True)
class Change:
    """One item added, removed or changed; ``details`` say how a changed one changed."""

    kind: Literal["added", "removed", "changed"]
    item: str
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class SectionChanges:
    section: str
    changes: tuple[Change, ...]


def plan_content(plan: Plan) -> Plan:
    """The plan without its day-to-day log: what a version keeps."""
    return dataclasses.replace(plan, checkins=(), reviews=(), lapses=())


def diff_plans(old: Plan, new: Plan) -> list[SectionChanges]:
    """The sections that changed from ``old`` to ``new``, in the written plan's order."""
    result = []
    changes: tuple[Change, ...]
    for name, section in SECTIONS.items():
        if name == "profile":
            details = _field_changes(old.profile, new.profile)
            changes = (Change("changed", "Profile", details),) if details else ()
        else:
            changes = _list_changes(getattr(old, name), getattr(new, name))
        if changes:
            result.append(SectionChanges(section, changes))
    return result


def _key(item: Any) -> str:
    return str(getattr(item, "id", None) or _item_name(item))


def _list_changes(old: tuple[Any, ...], new: tuple[Any, ...]) -> tuple[Change, ...]:
    before = {_key(item): item for item in old}
    after = {_key(item): item for item in new}
    changes = [Change("added", _item_name(item)) for key, item in after.items()
               if key not in before]  # fmt: skip
    changes += [Change("removed", _item_name(item)) for key, item in before.items()
                if key not in after]  # fmt: skip
    for key, item in after.items():
        if key in before and before[key] != item:
            changes.append(Change("changed", _item_name(item), _field_changes(before[key], item)))
    return tuple(changes)


def _field_changes(old: Any, new: Any) -> tuple[str, ...]:
    """One line per field that differs: ``Measure: 3 a week -> 4 a week``."""
    lines: list[str] = []
    for field in dataclasses.fields(old):
        if field.name == "id":
            continue
        was, now = getattr(old, field.name), getattr(new, field.name)
        if was == now:
            continue
        label = _LABELS.get(field.name) or field.name.replace("_", " ").capitalize()
        if isinstance(now, tuple) and isinstance(was, tuple) and not _is_numbers(was, now):
            gone = [_value(v) for v in was if v not in now]
            came = [_value(v) for v in now if v not in was]
            lines += [f"{label}: + {text}" for text in came]
            lines += [f"{label}: - {text}" for text in gone]
        elif isinstance(was, str) and isinstance(now, str) and was.strip() and now.strip():
            lines.append("{}: {} -> {}".format(label, *_text_change(was, now)))
        else:
            unit = f" {_UNITS[field.name]}" if field.name in _UNITS else ""
            lines.append(f"{label}: {_value(was)}{unit} -> {_value(now)}{unit}")
    return tuple(lines)


def _text_change(was: str, now: str) -> tuple[str, str]:
    """Two texts as shown in a change line: whole when short; when long, each cut to the
    part that changed, with a few words before it, so the change is never hidden by a cut."""
    old, new = _flat(was), _flat(now)
    if len(old) <= _LONGEST and len(new) <= _LONGEST:
        return old, new
    same = 0
    while same < min(len(old), len(new)) and old[same] == new[same]:
        same += 1
    start = max(0, same - _AROUND)
    if start:  # begin at a word
        space = old.rfind(" ", 0, start + 1)
        start = space + 1 if space >= 0 and start - space < _AROUND else start
    return _window(old, start), _window(new, start)


def _window(text: str, start: int) -> str:
    """``text`` from ``start``, cut to the longest shown; "…" where it was cut."""
    shown = ("…" if start else "") + text[start:]
    return shown if len(shown) <= _LONGEST else shown[: _LONGEST - 1] + "…"


def _is_numbers(*values: Any) -> bool:
    return all(isinstance(v, tuple) and all(isinstance(x, int) for x in v) for v in values)


def _item_name(item: Any) -> str:
    for name in _NAME_FIELDS:
        value = getattr(item, name, "")
        if isinstance(value, str) and value.strip():
            return _short(value)
    if isinstance(getattr(item, "date", None), date):
        return f"the one of {item.date.isoformat()}"
    return _value(item)


def _value(value: Any) -> str:
    """A field's value in a few plain words."""
    if value is None or value == "" or value == ():
        return "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return ", ".join(_value(v) for v in value)
    if dataclasses.is_dataclass(value):
        parts = [_value(getattr(value, f.name)) for f in dataclasses.fields(value)]
        shown = "; ".join(part for part in parts if part != "(none)")
        return _short(
            shown.replace("; ", ": ", 1)
            if isinstance(getattr(value, "date", None), date)
            else shown
        )
    return _short(str(value))


def _flat(text: str) -> str:
    return " ".join(for_display(text).split())


def _short(text: str) -> str:
    flat = _flat(text)
    return flat if len(flat) <= _LONGEST else flat[: _LONGEST - 1] + "…"


_MARKS = {"added": "+ Added", "removed": "- Removed", "changed": "~ Changed"}


def diff_text(sections: list[SectionChanges], between: str) -> str:
    """The changes as plain text, a section at a time, for the terminal or the app;
    ``between`` says which versions ("since version 2 (...)")."""
    if not sections:
        return f"Nothing in the plan has changed {between}.\n"
    count = sum(len(section.changes) for section in sections)
    lines = [f"What changed {between}: {count} change{'s' if count != 1 else ''}."]
    for section in sections:
        lines += ["", section.section]
        for change in section.changes:
            lines.append(f"  {_MARKS[change.kind]}: “{change.item}”")
            lines += [f"      {detail}" for detail in change.details]
    return "\n".join(lines) + "\n"
