"""The supporter card: one printed page a sponsor or family member can keep.

What is on it is the person's choice. By default: the warning signs with what the person
will do, the crisis contacts, the person's own crisis lines and the national lines. Anyone
else (a professional, say) is on it only when the person marks them "on my card"; the
treatment given by such a person (its provider is their name) comes with them. Nothing
else of the plan: no health, use history, goals, triggers or check-ins.

Ten years of a plan still make one page: each list is capped, long texts are shortened
(ending in "…"), and each section says what it left out.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from recovery_tui.helplines import reach_text
from recovery_tui.mdtext import bold_name, counted, md, md_line, title
from recovery_tui.method import ROLE_LABELS, TREATMENT_LABELS
from recovery_tui.model import Contact, Plan, Treatment
from recovery_tui.render_support import line_entry, national_lines, numbers
from recovery_tui.text import one_line

SIGNS_SHOWN = 4
RESPONSES_SHOWN = 2  # per warning sign
PEOPLE_SHOWN = 4
TREATMENT_SHOWN = 1  # per person
LINES_SHOWN = 3
LONGEST = 70  # characters of one piece of text on the card
NAME_LONGEST = 40  # of a name, or a treatment's detail
WHEN_LONGEST = 30  # of when to call someone
REACH_LONGEST = 60  # of a phone number or email (a longer one is no number to dial)
NO_RESPONSE = "What you can do: ask me how I am, and help me reach one of the people below."
TO_FIT = "left out to keep this card to one page"


def supporter_card(plan: Plan, today: date) -> str:
    """The card as Markdown: whose it is, signs and what to do, whom to call, lines."""
    whose = short(plan.profile.name, NAME_LONGEST)
    name = md_line(whose)
    shared = f"{name} shared this card with you" if name else "Shared with you"
    blocks = [
        title("Support card", whose),
        f"*{shared} on {today.isoformat()}. Thank you for being there.*",
        _signs(plan),
        _people(plan),
        _own_lines(plan),
        national_lines("##"),
    ]
    return "\n\n".join(block for block in blocks if block) + "\n"


def short(text: str, longest: int = LONGEST) -> str:
    """``text`` on one line, cut at a word near ``longest`` characters, ending in "…"."""
    flat = " ".join(one_line(text).split())
    if len(flat) <= longest:
        return flat
    cut = flat[: longest - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > longest // 2 else cut).rstrip(" ,;:") + "…"


def on_card(plan: Plan) -> list[Contact]:
    """The people on the card: crisis contacts first, then those marked "on my card"."""
    return [c for c in plan.contacts if c.crisis] + [
        c for c in plan.contacts if c.on_card and not c.crisis
    ]


def _more(*counts: tuple[int, str, str]) -> str:
    """``*And 3 more warning signs, left out to keep this card to one page.*``"""
    told = [counted(n, noun, plural) for n, noun, plural in counts if n > 0]
    return f"*And {' and '.join(told)}, {TO_FIT}.*" if told else ""


def _signs(plan: Plan) -> str:
    signs = plan.warning_signs
    if not signs:
        return ""
    lines = ["## Warning signs, and what I will do", ""]
    steps = 0  # the responses left out of the signs shown
    for sign in signs[:SIGNS_SHOWN]:
        lines.append(f"- {md(short(sign.sign)) or '(unnamed)'}")
        shown = sign.responses[:RESPONSES_SHOWN]
        lines += [f"  - {md(short(r))}" for r in shown] or [f"  - {NO_RESPONSE}"]
        steps += len(sign.responses) - len(shown)
    more = _more((len(signs) - SIGNS_SHOWN, "more warning sign", ""),
                 (steps, "more thing I will do", "more things I will do"))  # fmt: skip
    return "\n".join(lines) + (f"\n\n{more}" if more else "")


def _people(plan: Plan) -> str:
    people = on_card(plan)
    if not people:
        return ""
    lines = ["## Whom to call", ""]
    for person in people[:PEOPLE_SHOWN]:
        lines.append(f"- {_person(person)}")
        if person.on_card:
            given = _treatment_by(plan, person)
            lines += [f"  - {_treatment(r)}" for r in given[:TREATMENT_SHOWN]]
    more = _more((len(people) - PEOPLE_SHOWN, "more person to call", "more people to call"))
    return "\n".join(lines) + (f"\n\n{more}" if more else "")


def _person(c: Contact) -> str:
    """``555-0100 · **Alex**, sponsor; when: any time; helps by: ...``: number first."""
    words = [f"{bold_name(short(c.name, NAME_LONGEST))}, {ROLE_LABELS[c.role].lower()}"]
    if c.when.strip():
        words.append(f"when: {md(short(c.when, WHEN_LONGEST))}")
    if c.how_they_help.strip():
        words.append(f"helps by: {md(short(c.how_they_help))}")
    found = numbers(*(short(reach_text(x), REACH_LONGEST) for x in (c.phone, c.email)))
    who = "; ".join(words)
    return f"{found} · {who}" if found else f"{who}; no number written yet"


def _treatment_by(plan: Plan, person: Contact) -> list[Treatment]:
    name = " ".join(person.name.casefold().split())
    return [r for r in plan.treatment if name and " ".join(r.provider.casefold().split()) == name]


def _treatment(r: Treatment) -> str:
    detail = md(short(r.detail, NAME_LONGEST))
    return f"{TREATMENT_LABELS[r.kind]}: {detail}" if detail else TREATMENT_LABELS[r.kind]


def _own_lines(plan: Plan) -> str:
    if not plan.crisis_lines:
        return ""
    lines = ["## My crisis lines", ""]
    shown = plan.crisis_lines[:LINES_SHOWN]
    for x in shown:
        fitted = replace(x, name=short(x.name, NAME_LONGEST), how=short(x.how, REACH_LONGEST))
        lines.append(f"- {line_entry(fitted)}")
    more = _more((len(plan.crisis_lines) - LINES_SHOWN, "more crisis line", ""))
    return "\n".join(lines) + (f"\n\n{more}" if more else "")
