"""The crisis sheet: what the person sees in a hard moment, built from their own plan.

One pure builder (:func:`crisis_sheet`) feeds the crisis screen, ``recovery-tui crisis``
and the written plan's "When things get hard" section, so all three say the same. The
national lines live here and nowhere else.

A number always comes before the name it belongs to (``555-0100 · Alex``): after a name in
Arabic, ``555-0100`` would read ``0100-555``. Numbers carry no invisible character, so a
copied one dials; names and the person's other words are set apart (FSI ... PDI) in text
read outside the app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from recovery_tui.model import Plan
from recovery_tui.text import clean_reach, for_display, isolated, one_line

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
NO_NUMBER = "(no number written yet)"


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
    """A person's name as shown, on one line; "(unnamed)" for a blank one."""
    shown = one_line(person.name).strip()
    return shown if shown else "(unnamed)"


def numbers(person: Person) -> list[str]:
    """The person's phone, then email, each on one line and free of bidi marks."""
    return [shown for shown in (reach_text(person.phone), reach_text(person.email)) if shown]


def reach_text(text: str) -> str:
    """A phone number, email or a line's "how" as shown: one line, no format characters."""
    return clean_reach(for_display(text))


def reach(person: Person) -> str:
    """How to reach someone, phone first."""
    return " · ".join(numbers(person)) or NO_NUMBER


def person_line(person: Person, name: Callable[[str], str] = str) -> str:
    """``555-0100 · Alex``: the number before the name, so no script in the name can
    reorder its digits; ``name`` sets the name apart where the text is read elsewhere."""
    shown = name(person_name(person))
    found = numbers(person)
    return " · ".join([*found, shown]) if found else f"{shown}: {NO_NUMBER}"


def line_entry(name: str, how: str, verified: date | None, isolate: Callable[[str], str]) -> str:
    """One of the person's own crisis lines: how to reach it first, then its name."""
    checked = f" (checked {verified.isoformat()})" if verified else ""
    shown = isolate(one_line(name).strip() or "(unnamed)")
    how_shown = reach_text(how)
    return f"{how_shown} · {shown}{checked}" if how_shown else f"{shown}{checked}"


def calm_lines(sheet: CrisisSheet, isolate: Callable[[str], str] = str) -> list[str]:
    """The short calm opening, naming the first person to call (number first) when there
    is one."""
    lines = [CALM_LINE]
    if sheet.crisis_contacts:
        first = sheet.crisis_contacts[0]
        name = isolate(person_name(first))
        found = numbers(first)
        lines.append(
            f"If you need someone now: {' · '.join(found)} ({name})."
            if found
            else f"If you need someone now: {name} {NO_NUMBER}."
        )
    if sheet.problem:
        lines.append(one_line(sheet.problem))
    return lines


def crisis_text(sheet: CrisisSheet) -> str:
    """The sheet as plain text (``recovery-tui crisis``): readable on any terminal or aloud.

    Each line of the person's text is one line here, set apart for bidi (FSI ... PDI);
    numbers come first and carry no invisible character, so they read and copy as written.
    """

    def t(text: str) -> str:
        return isolated(one_line(text).strip())

    out = [*calm_lines(sheet, isolated), ""]
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
        out += [f"  {person_line(p, isolated)}" for p in sheet.crisis_contacts]
        out.append("")
    if sheet.professionals:
        out.append("Professionals")
        out += [f"  {person_line(p, isolated)}" for p in sheet.professionals]
        out.append("")
    if sheet.own_lines:
        out.append("My crisis lines")
        out += [f"  {line_entry(*line, isolated)}" for line in sheet.own_lines]
        out.append("")
    out.append(national_heading())
    out += [f"  {name}: {how}" for name, how in NATIONAL_LINES]
    return "\n".join(out) + "\n"


def national_heading() -> str:
    """The national lines' heading, with the day they were last checked."""
    return f"National lines (United States; last checked {NATIONAL_LINES_CHECKED.isoformat()})"
