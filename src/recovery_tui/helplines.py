"""The crisis sheet: what the person sees in a hard moment, built from their own plan.

One pure builder (:func:`crisis_sheet`) feeds the crisis screen, ``recovery-tui crisis``
and the written plan's "When things get hard" section, so all three say the same. The
national lines live here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from recovery_tui.model import Plan
from recovery_tui.text import for_display

# United States lines from method.md. Checked against the method notes on this date (the app
# has no network code, so it cannot check them live); people can add their own local lines.
NATIONAL_LINES_CHECKED = date(2026, 11, 26)
NATIONAL_LINES: tuple[tuple[str, str], ...] = (
    ("988 Suicide & Crisis Lifeline",
     "call or text 988; chat at 988lifeline.org; press 1 for veterans, 2 for Spanish"),
    ("Crisis Text Line", "text HOME to 741741"),
    ("SAMHSA National Helpline",
     "1-800-662-4357 (free, confidential, 24/7, referrals and information)"),
    ("Poison Control", "1-800-222-1222"),
    ("Emergency", "call 911"),
)  # fmt: skip
CALM_LINE = "Take a slow breath. You have a plan for this moment, and people who want to help."
PROFESSIONAL_ROLES = ("professional",)


@dataclass(frozen=True)
class Person:
    """Someone to reach: name, role, how to reach them, how they help."""

    name: str
    role: str
    phone: str
    email: str
    how_they_help: str


@dataclass(frozen=True)
class CrisisSheet:
    """Everything the crisis screen shows, in its order."""

    problem: str = ""  # set when the plan could not be read
    warning_signs: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    coping: list[str] = field(default_factory=list)
    crisis_contacts: list[Person] = field(default_factory=list)
    professionals: list[Person] = field(default_factory=list)
    own_lines: list[tuple[str, str, date | None]] = field(default_factory=list)


def crisis_sheet(plan: Plan | None, problem: str = "") -> CrisisSheet:
    """The sheet for ``plan``; with no plan (unreadable), only ``problem`` and the lines."""
    if plan is None:
        return CrisisSheet(problem=problem or "Your plan could not be read.")

    def person(c: object) -> Person:
        return Person(c.name, c.role, c.phone, c.email, c.how_they_help)  # type: ignore[attr-defined]

    return CrisisSheet(
        warning_signs=[(s.sign, s.responses) for s in plan.warning_signs],
        coping=[f"{s.name}: {s.practice}" if s.practice.strip() else s.name
                for s in plan.coping_skills],
        crisis_contacts=[person(c) for c in plan.contacts if c.crisis],
        professionals=[person(c) for c in plan.contacts
                       if c.role in PROFESSIONAL_ROLES and not c.crisis],
        own_lines=[(line.name, line.how, line.verified) for line in plan.crisis_lines],
    )  # fmt: skip


def person_name(person: Person) -> str:
    """A person's name as shown; "(unnamed)" for a blank one."""
    shown = for_display(person.name)
    return shown if shown.strip() else "(unnamed)"


def reach(person: Person) -> str:
    """How to reach someone, phone first."""
    parts = [for_display(p) for p in (person.phone, person.email) if p.strip()]
    return " · ".join(parts) or "(no number written yet)"


def calm_lines(sheet: CrisisSheet) -> list[str]:
    """The short calm opening, naming the first person to call when there is one."""
    lines = [CALM_LINE]
    if sheet.crisis_contacts:
        first = sheet.crisis_contacts[0]
        lines.append(f"If you need someone now: {person_name(first)}, {reach(first)}.")
    if sheet.problem:
        lines.append(for_display(sheet.problem))
    return lines


def crisis_text(sheet: CrisisSheet) -> str:
    """The sheet as plain text (``recovery-tui crisis``): readable on any terminal or aloud."""
    t = for_display
    out = [*calm_lines(sheet), ""]
    if sheet.warning_signs:
        out.append("My warning signs, and what I will do")
        for sign, responses in sheet.warning_signs:
            out.append(f"  {t(sign)}")
            out += [f"    -> {t(r)}" for r in responses]
        out.append("")
    if sheet.coping:
        out.append("Coping steps")
        out += [f"  - {t(step)}" for step in sheet.coping]
        out.append("")
    if sheet.crisis_contacts:
        out.append("PEOPLE TO CALL")
        out += [f"  {person_name(p)}: {reach(p)}" for p in sheet.crisis_contacts]
        out.append("")
    if sheet.professionals:
        out.append("Professionals")
        out += [f"  {person_name(p)}: {reach(p)}" for p in sheet.professionals]
        out.append("")
    if sheet.own_lines:
        out.append("My crisis lines")
        for name, how, verified in sheet.own_lines:
            checked = f" (checked {verified.isoformat()})" if verified else ""
            out.append(f"  {t(name)}: {t(how)}{checked}")
        out.append("")
    out.append(national_heading())
    out += [f"  {name}: {how}" for name, how in NATIONAL_LINES]
    return "\n".join(out) + "\n"


def national_heading() -> str:
    return f"National lines (United States; last checked {NATIONAL_LINES_CHECKED.isoformat()})"
