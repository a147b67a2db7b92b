"""The pure core of the Support tab: the support gaps of the plan check, the crisis sheet and
its plain text, ``recovery-tui crisis`` as a real process, the written plan's "When things get
hard" and "Support network" sections, and the support lists' exchange round trip.

The written plan is rendered with markdown-it-py's CommonMark preset (HTML off) and checked on
the produced HTML, with the helpers of ``test_render``.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from hypothesis import given, settings
from hypothesis import strategies as st
from plans import EXAMPLE_FILE, example_plan
from test_render import HOSTILE, _headings, _html, _squash, _tags, _text

from recovery_tui.exchange import dumps, loads_plan, plan_to_data
from recovery_tui.helplines import (
    CALM_LINE,
    NATIONAL_LINES,
    NATIONAL_LINES_CHECKED,
    CrisisSheet,
    Person,
    calm_lines,
    crisis_sheet,
    crisis_text,
    national_heading,
    reach,
)
from recovery_tui.insights import Gap, plan_check, support_gaps
from recovery_tui.method import ROLE_LABELS
from recovery_tui.model import (
    AvoidItem,
    Contact,
    CopingSkill,
    CrisisLine,
    Meeting,
    Plan,
    SelfCare,
    Treatment,
    WarningSign,
)
from recovery_tui.render import render_plan
from recovery_tui.render_support import render_support, render_when_things_get_hard
from recovery_tui.storage import PlanStore
from recovery_tui.tabs.support import SECTIONS as SUPPORT_SECTIONS

TODAY = date(2026, 11, 26)
METHOD_DOC = Path(__file__).resolve().parent.parent.parent / "shared" / "method.md"

PLAN_CHECK = "Plan check: what to add next"
RELAPSE = "Relapse prevention: warning signs and what I will do"
WHEN = "When things get hard"
SUPPORT = "Support network"
COMMITMENTS = "Commitments"
NATIONAL = f"National lines (United States; last checked {NATIONAL_LINES_CHECKED.isoformat()})"
# What method.md (section 3, "Crisis resources") lists, as the person must see it.
NATIONAL_LINES_SHOWN = [
    "988 Suicide & Crisis Lifeline: call or text 988; chat at 988lifeline.org; "
    "press 1 for veterans, 2 for Spanish",
    "Crisis Text Line: text HOME to 741741",
    "SAMHSA National Helpline: 1-800-662-4357 (free, confidential, 24/7, referrals and "
    "information)",
    "Poison Control: 1-800-222-1222",
    "Emergency: call 911",
]
ALLOWED_TAGS = {"h1", "h2", "h3", "p", "em", "strong", "ul", "li", "br"}
# What must never reach a terminal: C0 but tab and newline, DEL, C1, bidi controls.
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Text read outside the app may hold the renderer's own FSI ... PDI pairs around user text.
EXPORT_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066\u2067]")
NASTY = "Al\x1b]0;owned\x07ex\x9b2J\u202e\u2066\x00\x7f\x1b[31m!"
NASTY_SHOWN = "Al]0;ownedex2J[31m!"


def _content(rendered: str) -> str:
    return _squash(_text(rendered))


def _section(rendered: str, heading: str) -> str:
    """The HTML of the h2 section ``heading``: from its heading up to the next h2."""
    start = rendered.index(f"<h2>{heading}</h2>")
    end = rendered.find("<h2>", start + 1)
    return rendered[start:] if end == -1 else rendered[start:end]


def _items(rendered: str) -> list[str]:
    """The text of each list item without nested lists, whitespace squashed."""
    return [_squash(_text(li)) for li in re.findall(r"<li>(.*?)(?=<ul>|</li>)", rendered, re.S)]


def _plain(text: str) -> str:
    """``crisis`` output without the FSI ... PDI that set the person's words apart."""
    return text.replace("\u2068", "").replace("\u2069", "")


def _lines_after(text: str, heading: str) -> list[str]:
    """The lines of ``text`` after the line ``heading``, up to a blank line or the end."""
    lines = text.split("\n")
    start = lines.index(heading) + 1
    end = lines.index("", start)
    return lines[start:end]


def _support_plan() -> Plan:
    """Something in every support list, contacts of every role in a mixed order."""
    return Plan(
        coping_skills=(
            CopingSkill("c1", "Box breathing", "5 minutes each morning"),
            CopingSkill("c2", "Urge surfing"),
            CopingSkill("c3", "Journaling", "   "),
        ),
        self_care=(SelfCare("s1", "sleep", "In bed by 11 pm"),),
        warning_signs=(
            WarningSign("w1", "Skipping meetings", ("Call my sponsor", "Go to an extra meeting")),
            WarningSign("w2", "Isolating"),
            WarningSign("w3", "Romanticising use", ("Reach my therapist",)),
        ),
        contacts=(
            Contact("p1", "Jordan", "friend", email="jordan@example.org"),
            Contact(
                "p2",
                "Alex",
                "sponsor",
                phone="555-0100",
                when="Any time",
                how_they_help="Talks me through cravings",
                crisis=True,
                plan_shared_on=date(2026, 1, 15),
            ),
            Contact(
                "p3",
                "Dr. Lee",
                "professional",
                phone="555-0120",
                email="lee@clinic.example",
                when="Weekdays 9-5",
                how_they_help="Prescribes and checks in",
                plan_shared_on=date(2026, 2, 1),
            ),
            Contact("p4", "Mum", "family", phone="555-0130", crisis=True),
            Contact("p5", "Crisis Team", "crisis", phone="555-0111", crisis=True),
            Contact("p6", "Tuesday group", "peer", when="Tue 19:00"),
            Contact("p7", "Pat", "professional", crisis=True),
            Contact("p8", "Ria", "family", phone="555-0140"),
            Contact("p9", "Kim", "professional", email="kim@example.org"),
            Contact("p10", "Warmline", "crisis", phone="555-0150"),
        ),
        meetings=(
            Meeting("m1", "SMART Recovery", "Tue 19:00", "Library"),
            Meeting("m2", "Online AA", "Daily 07:00"),
            Meeting("m3", "Coffee & chat", where="Community centre"),
        ),
        avoid=(AvoidItem("v1", "The old crew at the pool hall"), AvoidItem("v2", "Joe's bar")),
        treatment=(
            Treatment("r1", "mat", "Buprenorphine 8 mg", "Dr. Lee", date(2099, 12, 1)),
            Treatment("r2", "therapy", "CBT", "Kim"),
            Treatment("r3", "counseling", next_date=date(2099, 11, 20)),
        ),
        crisis_lines=(
            CrisisLine("My clinic after hours", "555-0199", date(2026, 1, 12)),
            CrisisLine("Local warmline", "text 555-0177"),
        ),
    )


# --- support_gaps / plan_check ---------------------------------------------------------------

CRISIS_GAP_WORDS = "crisis"
SHARING_GAP_WORDS = "shared your plan"


def _contacts_gaps(plan: Plan) -> list[str]:
    return [g.message for g in support_gaps(plan, TODAY) if g.section == "contacts"]


def test_no_one_marked_for_a_crisis_is_a_kind_gap_that_suggests_someone() -> None:
    gaps = support_gaps(Plan(), TODAY)
    assert len(gaps) == 1  # no contacts at all: nothing to share the plan with yet
    gap = gaps[0]
    assert (gap.tab, gap.section) == ("support", "contacts")
    assert "crisis" in gap.message
    assert gap.message.endswith("?")  # an invitation: who could that be?
    lowered = gap.message.lower()
    for harsh in ("fail", "error", "must", "invalid"):
        assert harsh not in lowered


def test_crisis_gap_goes_once_any_contact_is_marked_for_a_crisis() -> None:
    friend = Contact("p1", "Jordan", "friend", plan_shared_on=date(2026, 1, 2))
    sponsor = Contact("p2", "Alex", "sponsor", phone="555-0100")
    plan = Plan(contacts=(friend, sponsor))
    assert [CRISIS_GAP_WORDS in m for m in _contacts_gaps(plan)] == [True]
    marked = plan.with_item("contacts", dataclasses.replace(sponsor, crisis=True))
    assert _contacts_gaps(marked) == []


def test_a_crisis_only_role_without_the_mark_still_leaves_the_gap() -> None:
    line = Contact("p1", "Warmline", "crisis", phone="555-0150", plan_shared_on=TODAY)
    assert len(_contacts_gaps(Plan(contacts=(line,)))) == 1
    assert _contacts_gaps(Plan(contacts=(dataclasses.replace(line, crisis=True),))) == []


def test_plan_not_shared_with_anyone_is_a_gentle_gap_until_one_date_is_set() -> None:
    alex = Contact("p1", "Alex", "sponsor", crisis=True)
    mum = Contact("p2", "Mum", "family")
    plan = Plan(contacts=(alex, mum))
    gaps = support_gaps(plan, TODAY)
    assert len(gaps) == 1
    assert (gaps[0].tab, gaps[0].section) == ("support", "contacts")
    assert SHARING_GAP_WORDS in gaps[0].message
    assert "someone you trust" in gaps[0].message
    for harsh in ("fail", "error", "must", "invalid"):
        assert harsh not in gaps[0].message.lower()
    shared = plan.with_item("contacts", dataclasses.replace(mum, plan_shared_on=date(2026, 3, 1)))
    assert support_gaps(shared, TODAY) == []


def test_contacts_with_neither_mark_give_the_crisis_gap_then_the_sharing_gap() -> None:
    plan = Plan(contacts=(Contact("p1", "Mum", "family", phone="555-0130"),))
    messages = _contacts_gaps(plan)
    assert len(messages) == 2
    assert CRISIS_GAP_WORDS in messages[0]
    assert SHARING_GAP_WORDS in messages[1]


def test_no_contacts_gives_only_the_crisis_gap_not_the_sharing_one() -> None:
    plan = Plan(meetings=(Meeting("m1", "SMART Recovery"),), avoid=(AvoidItem("v1", "The bar"),))
    messages = [g.message for g in support_gaps(plan, TODAY)]
    assert len(messages) == 1
    assert CRISIS_GAP_WORDS in messages[0]
    assert SHARING_GAP_WORDS not in messages[0]


def _treatment_gaps(plan: Plan, today: date) -> list[Gap]:
    return [g for g in support_gaps(plan, today) if g.section == "treatment"]


def test_treatment_date_that_has_passed_is_named_with_its_date() -> None:
    plan = Plan(treatment=(Treatment("r1", "mat", "Buprenorphine 8 mg", "Dr. Lee", TODAY),))
    gaps = _treatment_gaps(plan, TODAY + timedelta(days=1))
    assert len(gaps) == 1
    assert gaps[0].tab == "support"
    assert "Buprenorphine 8 mg" in gaps[0].message
    assert TODAY.isoformat() in gaps[0].message
    assert gaps[0].message.endswith("?")


@pytest.mark.parametrize("days_ahead", [0, 1, 365])
def test_treatment_date_today_or_later_is_no_gap(days_ahead: int) -> None:
    next_date = TODAY + timedelta(days=days_ahead)
    plan = Plan(treatment=(Treatment("r1", "therapy", "CBT", "Kim", next_date),))
    assert _treatment_gaps(plan, TODAY) == []


def test_treatment_without_a_next_date_is_no_gap() -> None:
    plan = Plan(treatment=(Treatment("r1", "therapy", "CBT", "Kim"), Treatment("r2", "other")))
    assert _treatment_gaps(plan, TODAY) == []


def test_only_passed_treatment_dates_are_named_in_plan_order() -> None:
    plan = Plan(
        treatment=(
            Treatment("r1", "therapy", "CBT", next_date=date(2026, 11, 1)),
            Treatment("r2", "mat", "Buprenorphine", next_date=date(2026, 12, 1)),
            Treatment("r3", "medical", "Blood test", next_date=date(2026, 6, 30)),
            Treatment("r4", "counseling", "Group"),
        )
    )
    messages = [g.message for g in _treatment_gaps(plan, TODAY)]
    assert len(messages) == 2
    assert "CBT" in messages[0] and "2026-11-01" in messages[0]
    assert "Blood test" in messages[1] and "2026-06-30" in messages[1]


def test_treatment_without_detail_still_gets_its_gap_with_the_date() -> None:
    plan = Plan(treatment=(Treatment("r1", "counseling", next_date=date(2026, 1, 5)),))
    messages = [g.message for g in _treatment_gaps(plan, TODAY)]
    assert len(messages) == 1
    assert "2026-01-05" in messages[0]


def test_plan_check_ends_with_the_support_gaps_and_uses_the_day_given() -> None:
    plan = Plan(
        warning_signs=(WarningSign("w1", "Isolating"),),
        contacts=(Contact("p1", "Mum", "family"),),
        treatment=(Treatment("r1", "therapy", "CBT", next_date=date(2026, 3, 1)),),
    )
    before = plan_check(plan, date(2026, 2, 1))
    after = plan_check(plan, date(2026, 3, 2))
    assert [g.tab for g in before] == ["triggers"] * 3 + ["support"] * 2
    assert before[3:] == support_gaps(plan, date(2026, 2, 1))
    assert after == [*before, *support_gaps(plan, date(2026, 3, 2))[2:]]
    assert after[-1].section == "treatment"


def test_support_gaps_point_at_real_support_sections() -> None:
    plan = Plan(
        contacts=(Contact("p1", "Mum", "family"),),
        treatment=(Treatment("r1", "therapy", next_date=date(2026, 1, 1)),),
    )
    gaps = support_gaps(plan, TODAY)
    assert len(gaps) == 3
    keys = {key for key, _ in SUPPORT_SECTIONS}
    for gap in gaps:
        assert gap.tab == "support"
        assert gap.section in keys
        assert hasattr(Plan(), gap.section)  # the plan list the gap is about
        assert gap.message.strip() == gap.message


def test_complete_support_plan_has_no_support_gaps() -> None:
    assert support_gaps(_support_plan(), TODAY) == []
    assert support_gaps(example_plan(), date(2026, 1, 20)) == []


# --- crisis_sheet ----------------------------------------------------------------------------


def test_sheet_holds_signs_coping_people_professionals_and_own_lines_in_plan_order() -> None:
    sheet = crisis_sheet(_support_plan())
    assert sheet.problem == ""
    assert sheet.warning_signs == [
        ("Skipping meetings", ("Call my sponsor", "Go to an extra meeting")),
        ("Isolating", ()),
        ("Romanticising use", ("Reach my therapist",)),
    ]
    assert sheet.coping == ["Box breathing: 5 minutes each morning", "Urge surfing", "Journaling"]
    assert sheet.crisis_contacts == [
        Person("Alex", "sponsor", "555-0100", "", "Talks me through cravings"),
        Person("Mum", "family", "555-0130", "", ""),
        Person("Crisis Team", "crisis", "555-0111", "", ""),
        Person("Pat", "professional", "", "", ""),
    ]
    assert sheet.professionals == [
        Person(
            "Dr. Lee", "professional", "555-0120", "lee@clinic.example", "Prescribes and checks in"
        ),
        Person("Kim", "professional", "", "kim@example.org", ""),
    ]
    assert sheet.own_lines == [
        ("My clinic after hours", "555-0199", date(2026, 1, 12)),
        ("Local warmline", "text 555-0177", None),
    ]


def test_crisis_contacts_are_exactly_those_marked_for_a_crisis() -> None:
    plan = _support_plan()
    sheet = crisis_sheet(plan)
    assert [p.name for p in sheet.crisis_contacts] == [c.name for c in plan.contacts if c.crisis]
    assert "Warmline" not in [p.name for p in sheet.crisis_contacts]  # role crisis, not marked
    # a professional marked for a crisis is among the people to call, and only there
    assert "Pat" not in [p.name for p in sheet.professionals]


def test_sheet_of_the_example_plan() -> None:
    sheet = crisis_sheet(example_plan())
    assert sheet == CrisisSheet(
        warning_signs=[("Skipping meetings", ("Call my sponsor", "Go to an extra meeting"))],
        coping=["Box breathing: 5 minutes each morning"],
        crisis_contacts=[Person("Alex", "sponsor", "555-0100", "", "Talks me through cravings")],
        professionals=[],
        own_lines=[("My clinic after hours", "555-0199", date(2026, 1, 12))],
    )


def test_sheet_of_an_empty_plan_is_empty() -> None:
    assert crisis_sheet(Plan()) == CrisisSheet()


@pytest.mark.parametrize("problem", ["Your plan could not be read just now.", ""])
def test_sheet_without_a_plan_has_the_problem_and_nothing_else(problem: str) -> None:
    sheet = crisis_sheet(None, problem)
    assert sheet.problem == (problem or "Your plan could not be read.")
    assert sheet == CrisisSheet(problem=sheet.problem)


# --- reach and the calm lines ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phone", "email", "shown"),
    [
        ("555-0100", "", "555-0100"),
        ("", "alex@example.org", "alex@example.org"),
        ("555-0100", "alex@example.org", "555-0100 · alex@example.org"),
        ("", "", "(no number written yet)"),
        ("  ", "\n", "(no number written yet)"),
    ],
)
def test_reach_gives_phone_first_or_says_no_number_yet(phone: str, email: str, shown: str) -> None:
    assert reach(Person("Alex", "sponsor", phone, email, "")) == shown


def test_calm_lines_name_the_first_person_to_call() -> None:
    sheet = crisis_sheet(_support_plan())
    assert calm_lines(sheet) == [CALM_LINE, "If you need someone now: 555-0100 (Alex)."]
    assert calm_lines(crisis_sheet(Plan())) == [CALM_LINE]
    assert calm_lines(crisis_sheet(None, "Oh no.")) == [CALM_LINE, "Oh no."]


def test_calm_line_for_someone_without_a_number() -> None:
    plan = Plan(contacts=(Contact("p1", "Pat", "friend", crisis=True),))
    assert (
        calm_lines(crisis_sheet(plan))[1] == "If you need someone now: Pat (no number written yet)."
    )


# --- crisis_text -------------------------------------------------------------------------------


def test_crisis_text_comes_in_the_crisis_screens_order() -> None:
    text = _plain(crisis_text(crisis_sheet(_support_plan())))
    lines = text.split("\n")
    assert lines[:3] == [CALM_LINE, "If you need someone now: 555-0100 (Alex).", ""]
    parts = [
        CALM_LINE,
        "\nMy warning signs, and what I will do\n",
        "\nCoping steps\n",
        "\nPEOPLE TO CALL\n",
        "\nProfessionals\n",
        "\nMy crisis lines\n",
        f"\n{NATIONAL}\n",
    ]
    positions = [text.index(part) for part in parts]
    assert positions == sorted(positions)
    assert text.endswith("\n  Emergency: call 911\n")


def test_crisis_text_lists_each_part_of_the_sheet() -> None:
    text = _plain(crisis_text(crisis_sheet(_support_plan())))
    assert _lines_after(text, "My warning signs, and what I will do") == [
        "  Skipping meetings",
        "    -> Call my sponsor",
        "    -> Go to an extra meeting",
        "  Isolating",
        "  Romanticising use",
        "    -> Reach my therapist",
    ]
    assert _lines_after(text, "Coping steps") == [
        "  - Box breathing: 5 minutes each morning",
        "  - Urge surfing",
        "  - Journaling",
    ]
    # Numbers first: no name in any script can reorder them (see tests/test_bidi.py).
    assert _lines_after(text, "PEOPLE TO CALL") == [
        "  555-0100 · Alex",
        "  555-0130 · Mum",
        "  555-0111 · Crisis Team",
        "  Pat: (no number written yet)",
    ]
    assert _lines_after(text, "Professionals") == [
        "  555-0120 · lee@clinic.example · Dr. Lee",
        "  kim@example.org · Kim",
    ]
    assert _lines_after(text, "My crisis lines") == [
        "  555-0199 · My clinic after hours (checked 2026-01-12)",
        "  text 555-0177 · Local warmline",
    ]
    for left_out in ("Jordan", "Ria", "Warmline", "Tuesday group", "SMART Recovery"):
        assert left_out not in text


def _national_block(text: str) -> list[str]:
    lines = text.rstrip("\n").split("\n")
    return lines[lines.index(NATIONAL) :]


def test_national_lines_are_the_methods_lines_with_their_checked_date() -> None:
    text = crisis_text(crisis_sheet(example_plan()))
    block = _national_block(text)
    assert block[0] == (
        f"National lines (United States; last checked {NATIONAL_LINES_CHECKED.isoformat()})"
    )
    assert block[0] == national_heading()
    assert block[1:] == [f"  {line}" for line in NATIONAL_LINES_SHOWN]
    joined = "\n".join(block)
    for must_show in (
        "988",
        "press 1 for veterans, 2 for Spanish",
        "988lifeline.org",
        "text HOME to 741741",
        "1-800-662-4357",
        "1-800-222-1222",
        "911",
        "United States",
    ):
        assert must_show in joined
    assert text.endswith("\n".join(block) + "\n")  # the last part, always


@pytest.mark.skipif(not METHOD_DOC.is_file(), reason="../shared/method.md is not beside the repo")
def test_national_lines_match_method_md() -> None:
    doc = _squash(METHOD_DOC.read_text(encoding="utf-8"))
    resources = doc.split("Crisis resources", 1)[1].split("A crisis screen opens", 1)[0]
    for number in re.findall(r"[\w.-]*\d[\w.-]*", " ".join(how for _, how in NATIONAL_LINES)):
        assert number.strip(".") in resources, number
    for name, _ in NATIONAL_LINES[:-1]:
        assert name in resources
    assert "United States" in resources


def test_empty_plan_gives_the_calm_line_and_the_national_lines_only() -> None:
    text = crisis_text(crisis_sheet(Plan()))
    assert (
        text
        == "\n".join([CALM_LINE, "", NATIONAL, *(f"  {line}" for line in NATIONAL_LINES_SHOWN)])
        + "\n"
    )


def test_unreadable_plan_shows_the_problem_and_the_national_lines() -> None:
    text = crisis_text(crisis_sheet(None, "Your plan could not be read just now."))
    lines = text.split("\n")
    assert lines[:3] == [CALM_LINE, "Your plan could not be read just now.", ""]
    assert _national_block(text) == [NATIONAL, *(f"  {line}" for line in NATIONAL_LINES_SHOWN)]
    assert "PEOPLE TO CALL" not in text


def _nasty_plan(text: str) -> Plan:
    """``text`` in every user-text field the crisis sheet shows."""
    return Plan(
        warning_signs=(WarningSign("w1", text, (text, text)),),
        coping_skills=(CopingSkill("c1", text, text), CopingSkill("c2", text)),
        contacts=(
            Contact("p1", text, "sponsor", phone=text, email=text, crisis=True),
            Contact("p2", text, "professional", phone=text, how_they_help=text),
            Contact("p3", text, "family", email=text, crisis=True),
        ),
        crisis_lines=(CrisisLine(text, text, date(2026, 1, 12)), CrisisLine(text, text)),
    )


def test_control_characters_and_bidi_overrides_never_reach_the_output() -> None:
    text = crisis_text(crisis_sheet(_nasty_plan(NASTY)))
    assert EXPORT_CONTROLS.search(text) is None
    assert "\x1b" not in text and "\x9b" not in text and "\u202e" not in text
    text = _plain(text)
    s = NASTY_SHOWN
    lines = text.split("\n")
    assert lines[1] == f"If you need someone now: {s} · {s} ({s})."
    assert _lines_after(text, "PEOPLE TO CALL") == [f"  {s} · {s} · {s}", f"  {s} · {s}"]
    assert _lines_after(text, "Professionals") == [f"  {s} · {s}"]
    assert _lines_after(text, "Coping steps") == [f"  - {s}: {s}", f"  - {s}"]
    assert _lines_after(text, "My warning signs, and what I will do") == [
        f"  {s}",
        f"    -> {s}",
        f"    -> {s}",
    ]
    assert _lines_after(text, "My crisis lines") == [
        f"  {s} · {s} (checked 2026-01-12)",
        f"  {s} · {s}",
    ]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_no_user_text_puts_control_characters_in_the_output(text: str) -> None:
    shown = crisis_text(crisis_sheet(_nasty_plan(text)))
    assert EXPORT_CONTROLS.search(shown) is None
    assert not re.search("[\u2068\u2069]", re.sub("\u2068[^\u2068\u2069\n]*\u2069", "", shown))


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_like_text_is_printed_as_written(text: str) -> None:
    plan = Plan(contacts=(Contact("p1", text, "sponsor", phone=text, crisis=True),))
    shown = _plain(crisis_text(crisis_sheet(plan)))
    flat = text.replace("\n", " ").strip()  # on one line, as the crisis sheet shows each entry
    assert f"If you need someone now: {flat} ({flat})." in shown
    assert f"PEOPLE TO CALL\n  {flat} · {flat}\n" in shown


def test_control_characters_in_the_problem_message_never_reach_the_output() -> None:
    text = crisis_text(crisis_sheet(None, f"Your plan (/tmp/{NASTY}/plan.json) could not be read."))
    assert CONTROLS.search(text) is None


def test_blank_name_of_a_person_to_call_is_not_printed_as_nothing() -> None:
    plan = loads_plan(
        json.dumps(
            {
                "format": "recovery-tui-plan",
                "version": 1,
                "contacts": [{"id": "p1", "name": " ", "phone": "555-0100", "crisis": True}],
            }
        )
    )
    text = crisis_text(crisis_sheet(plan))
    assert "now:  , " not in text and "now: , " not in text
    assert "\n   : 555-0100" not in text and "\n  : 555-0100" not in text


# --- recovery-tui crisis, as a real process ----------------------------------------------------


def _crisis(data: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m recovery_tui crisis --data PATH`` as a person would."""
    return subprocess.run(
        [sys.executable, "-m", "recovery_tui", "crisis", "--data", str(data)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def _save(path: Path, plan: Plan) -> None:
    store = PlanStore(path)
    try:
        store.open()
        store.save(plan)
    finally:
        store.close()


def _folder(path: Path) -> dict[str, bytes]:
    """Every file under ``path``'s folder, with its bytes."""
    return {
        str(p.relative_to(path.parent)): p.read_bytes()
        for p in sorted(path.parent.rglob("*"))
        if p.is_file()
    }


def test_crisis_command_prints_the_sheet_of_the_saved_plan(tmp_path: Path) -> None:
    data = tmp_path / "plan.json"
    _save(data, example_plan())
    before = _folder(data)
    result = _crisis(data)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    loaded = PlanStore(data).load()
    assert loaded == example_plan()
    assert result.stdout == crisis_text(crisis_sheet(loaded))
    assert "Alex" in result.stdout and "555-0100" in result.stdout
    assert _plain(result.stdout).split("\n")[1] == "If you need someone now: 555-0100 (Alex)."
    assert _folder(data) == before  # reading only: no backup, no lock file, no rewrite


def test_crisis_command_works_while_the_plan_is_open_in_the_app(tmp_path: Path) -> None:
    data = tmp_path / "plan.json"
    _save(data, _support_plan())
    store = PlanStore(data)
    try:
        store.open()  # holds the lock, as the running app does
        assert not store.read_only
        result = _crisis(data)
    finally:
        store.close()
    assert result.returncode == 0, result.stderr
    assert result.stdout == crisis_text(crisis_sheet(_support_plan()))


def test_crisis_command_prints_names_in_any_script(tmp_path: Path) -> None:
    data = tmp_path / "plan.json"
    zoe = Contact("p1", "Zoë 🙂 שלום", "friend", "+44 20 7946 0000", "zoë@example.org", crisis=True)
    _save(data, Plan(contacts=(zoe,)))
    result = _crisis(data)
    assert result.returncode == 0, result.stderr
    people = "PEOPLE TO CALL\n  +44 20 7946 0000 · zoë@example.org · \u2068Zoë 🙂 שלום\u2069\n"
    assert people in result.stdout


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"",
        b"\xff\xfe\x00\x01",
        b"[]",
        b'{"goals": {"1": {"id": "g1", "title": 5}}}',
        b'{"meta": {"1": {"schema_version": 99}}}',
    ],
    ids=["not-json", "empty", "not-utf8", "not-a-plan", "bad-field", "newer-schema"],
)
def test_unreadable_plan_still_shows_where_help_is(tmp_path: Path, content: bytes) -> None:
    data = tmp_path / "plan.json"
    data.write_bytes(content)
    before = _folder(data)
    result = _crisis(data)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split("\n")
    assert lines[0] == CALM_LINE
    assert "could not be read" in lines[1]
    assert str(data) in lines[1]
    assert _national_block(result.stdout) == [
        NATIONAL,
        *(f"  {line}" for line in NATIONAL_LINES_SHOWN),
    ]
    assert "Traceback" not in result.stdout + result.stderr
    assert data.read_bytes() == content
    assert _folder(data) == before  # nothing written, no backup made


def test_a_folder_in_place_of_the_plan_still_shows_where_help_is(tmp_path: Path) -> None:
    data = tmp_path / "plan.json"
    data.mkdir()
    result = _crisis(data)
    assert result.returncode == 0, result.stderr
    assert "could not be read" in result.stdout
    assert result.stdout.endswith("  Emergency: call 911\n")


def test_missing_plan_shows_the_calm_line_and_the_national_lines(tmp_path: Path) -> None:
    data = tmp_path / "nowhere" / "plan.json"
    result = _crisis(data)
    assert result.returncode == 0, result.stderr
    assert result.stdout == crisis_text(crisis_sheet(Plan()))
    assert result.stdout.startswith(CALM_LINE + "\n\n" + NATIONAL + "\n")
    assert not data.parent.exists()  # nothing is made on the way


def test_a_terminal_that_cannot_show_every_character_still_gets_the_lines(
    tmp_path: Path,
) -> None:
    data = tmp_path / "plan.json"
    alex = Contact("p1", "Alex", "sponsor", "555-0100", "alex@example.org", crisis=True)
    _save(data, Plan(contacts=(alex,)))
    result = _crisis(data, env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0
    assert "Alex" in result.stdout
    assert result.stdout.endswith("  Emergency: call 911\n")


def test_control_characters_in_the_path_never_reach_the_terminal(tmp_path: Path) -> None:
    folder = tmp_path / "a\x1b]0;owned\x07b"
    folder.mkdir()
    data = folder / "plan.json"
    data.write_bytes(b"{not json")
    result = _crisis(data)
    assert result.returncode == 0
    assert "could not be read" in result.stdout
    assert CONTROLS.search(result.stdout) is None


@pytest.mark.parametrize("kind", ["plan", "unreadable", "missing"])
def test_crisis_command_never_imports_textual(tmp_path: Path, kind: str) -> None:
    data = tmp_path / "plan.json"
    if kind == "plan":
        _save(data, example_plan())
    elif kind == "unreadable":
        data.write_bytes(b"{not json")
    code = (
        "import sys\n"
        "from recovery_tui.cli import main\n"
        f"code = main(['crisis', '--data', {str(data)!r}])\n"
        "print(code, 'textual' in sys.modules, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", timeout=60
    )
    assert result.stderr.strip().splitlines()[-1] == "0 False"
    assert "Emergency: call 911" in result.stdout


# --- the written plan: When things get hard, Support network -----------------------------------


def test_support_sections_come_after_relapse_prevention_and_before_commitments() -> None:
    rendered = _html(render_plan(example_plan(), TODAY))
    h2 = _headings("h2", rendered)
    assert h2[h2.index(RELAPSE) :] == [
        RELAPSE,
        WHEN,
        SUPPORT,
        COMMITMENTS,
        "Keeping the plan alive",
    ]
    assert h2.count(WHEN) == 1 and h2.count(SUPPORT) == 1


def test_example_plan_when_things_get_hard() -> None:
    section = _section(_html(render_plan(example_plan(), TODAY)), WHEN)
    assert _headings("h3", section) == [
        "My warning signs, and what I will do",
        "Coping steps",
        "People to call",
        "My crisis lines",
        NATIONAL,
    ]
    assert _content(section) == _squash(
        f"{WHEN} {CALM_LINE} If you need someone now: 555-0100 (Alex). "
        "My warning signs, and what I will do Skipping meetings Call my sponsor "
        "Go to an extra meeting "
        "Coping steps Box breathing: 5 minutes each morning "
        "People to call 555-0100 · Alex "
        "My crisis lines 555-0199 · My clinic after hours (checked 2026-01-12) "
        f"{NATIONAL} {' '.join(NATIONAL_LINES_SHOWN)}"
    )
    # the responses are a list inside their warning sign's item
    assert re.search(
        r"<li>Skipping meetings\s*<ul>\s*<li>Call my sponsor</li>\s*"
        r"<li>Go to an extra meeting</li>\s*</ul>\s*</li>",
        section,
    )


def test_example_plan_support_network() -> None:
    section = _section(_html(render_plan(example_plan(), TODAY)), SUPPORT)
    assert _headings("h3", section) == [
        "People who help me",
        "Meetings",
        "Treatment",
        "People and places I keep a distance from",
    ]
    assert _items(section) == [
        "Sponsor: 555-0100 · Alex; when: Any time; helps by: Talks me through cravings; "
        "call in a crisis; plan shared 2026-01-15",
        "SMART Recovery; Tue 19:00; Library",
        "Medication-assisted treatment (MAT); Buprenorphine 8 mg; Dr. Lee; next 2026-02-01",
        "The old crew at the pool hall",
    ]
    assert re.findall(r"<strong>(.*?)</strong>", section) == ["Alex", "SMART Recovery"]


def test_support_network_groups_contacts_by_role_in_the_methods_order() -> None:
    section = _section(_html(render_plan(_support_plan(), TODAY)), SUPPORT)
    assert list(ROLE_LABELS) == ["family", "friend", "peer", "sponsor", "professional", "crisis"]
    assert _items(section) == [
        "Family: 555-0130 · Mum; call in a crisis",
        "Family: 555-0140 · Ria",
        "Friend: jordan@example.org · Jordan",
        "Peer group: Tuesday group; when: Tue 19:00",
        "Sponsor: 555-0100 · Alex; when: Any time; helps by: Talks me through cravings; "
        "call in a crisis; plan shared 2026-01-15",
        "Professional: 555-0120 · lee@clinic.example · Dr. Lee; when: Weekdays 9-5; "
        "helps by: Prescribes and checks in; plan shared 2026-02-01",
        "Professional: Pat; call in a crisis",
        "Professional: kim@example.org · Kim",
        "Crisis line or service: 555-0111 · Crisis Team; call in a crisis",
        "Crisis line or service: 555-0150 · Warmline",
        # meetings: name, then when and where when written
        "SMART Recovery; Tue 19:00; Library",
        "Online AA; Daily 07:00",
        "Coffee & chat; Community centre",
        # treatment: label, detail, provider, next date
        "Medication-assisted treatment (MAT); Buprenorphine 8 mg; Dr. Lee; next 2099-12-01",
        "Therapy; CBT; Kim",
        "Counseling; next 2099-11-20",
        "The old crew at the pool hall",
        "Joe's bar",
    ]


def test_when_things_get_hard_lists_people_professionals_and_own_lines() -> None:
    section = _section(_html(render_plan(_support_plan(), TODAY)), WHEN)
    assert _headings("h3", section) == [
        "My warning signs, and what I will do",
        "Coping steps",
        "People to call",
        "Professionals",
        "My crisis lines",
        NATIONAL,
    ]
    assert _items(section) == [
        "Skipping meetings",
        "Call my sponsor",
        "Go to an extra meeting",
        "Isolating",
        "Romanticising use",
        "Reach my therapist",
        "Box breathing: 5 minutes each morning",
        "Urge surfing",
        "Journaling",
        "555-0100 · Alex",
        "555-0130 · Mum",
        "555-0111 · Crisis Team",
        "Pat: (no number written yet)",
        "555-0120 · lee@clinic.example · Dr. Lee",
        "kim@example.org · Kim",
        "555-0199 · My clinic after hours (checked 2026-01-12)",
        "text 555-0177 · Local warmline",
        *NATIONAL_LINES_SHOWN,
    ]
    assert re.findall(r"<p>(.*?)</p>", section) == [
        CALM_LINE,
        "If you need someone now: 555-0100 (Alex).",
    ]
    assert re.findall(r"<strong>(.*?)</strong>", section) == [
        "Alex",
        "Mum",
        "Crisis Team",
        "Pat",
        "Dr. Lee",
        "Kim",
    ]


def test_empty_plan_has_when_things_get_hard_but_no_support_network() -> None:
    rendered = _html(render_plan(Plan(), TODAY))
    h2 = _headings("h2", rendered)
    assert WHEN in h2
    assert SUPPORT not in h2
    assert render_support(Plan()) == ""
    section = _section(rendered, WHEN)
    assert _headings("h3", section) == [NATIONAL]
    assert _content(section) == _squash(
        f"{WHEN} {CALM_LINE} {NATIONAL} {' '.join(NATIONAL_LINES_SHOWN)}"
    )


def test_own_crisis_lines_alone_make_no_support_network() -> None:
    plan = Plan(crisis_lines=(CrisisLine("My clinic", "555-0199"),))
    assert render_support(plan) == ""
    assert "555-0199 · My clinic" in _content(_html(render_when_things_get_hard(plan)))


@pytest.mark.parametrize(
    ("plan", "h3"),
    [
        (Plan(avoid=(AvoidItem("v1", "The bar"),)), ["People and places I keep a distance from"]),
        (Plan(meetings=(Meeting("m1", "SMART"),)), ["Meetings"]),
        (Plan(treatment=(Treatment("r1", "medical"),)), ["Treatment"]),
        (Plan(contacts=(Contact("p1", "Mum", "family"),)), ["People who help me"]),
    ],
    ids=["avoid", "meetings", "treatment", "contacts"],
)
def test_support_network_shows_only_the_lists_that_have_something(
    plan: Plan, h3: list[str]
) -> None:
    rendered = _html(render_support(plan))
    assert _headings("h2", rendered) == [SUPPORT]
    assert _headings("h3", rendered) == h3


def test_written_plans_check_uses_the_day_it_is_written_for() -> None:
    plan = Plan(
        coping_skills=(CopingSkill("c1", "Box breathing"),),
        self_care=(SelfCare("s1", "sleep", "In bed by 11 pm"),),
        contacts=(Contact("p1", "Alex", "sponsor", crisis=True, plan_shared_on=TODAY),),
        treatment=(Treatment("r1", "mat", "Buprenorphine 8 mg", next_date=date(2026, 2, 1)),),
    )
    with time_machine.travel(datetime(2026, 11, 26, 12, 0), tick=False):
        written_in_january = _html(render_plan(plan, date(2026, 1, 20)))
    assert PLAN_CHECK not in _headings("h2", written_in_january)


# --- user text in the support sections is shown literally ---------------------------------------

ROLES_MARKED = {
    "family": True,
    "friend": False,
    "peer": False,
    "sponsor": True,
    "professional": False,
    "crisis": True,
}


def _hostile_plan(text: str) -> Plan:
    """``text`` in every user-text field of the support lists and the crisis sheet."""
    contacts = tuple(
        Contact(
            f"p{i}",
            text,
            role,  # type: ignore[arg-type]
            phone=text,
            email=text,
            when=text,
            how_they_help=text,
            crisis=ROLES_MARKED[role],
            plan_shared_on=date(2026, 1, 15) if role == "family" else None,
        )
        for i, role in enumerate(ROLE_LABELS)
    )
    return Plan(
        coping_skills=(CopingSkill("c1", text, text),),
        self_care=(SelfCare("s1", "sleep", "In bed by 11 pm"),),
        warning_signs=(WarningSign("w1", text.replace("\n", " "), (text, text)),),
        contacts=contacts,
        meetings=(Meeting("m1", text, text, text),),
        avoid=(AvoidItem("v1", text),),
        treatment=(
            Treatment("r1", "other", text, text, date(2099, 1, 1)),
            Treatment("r2", "therapy", text, text),
        ),
        crisis_lines=(CrisisLine(text, text, date(2026, 1, 12)), CrisisLine(text, text)),
    )


@pytest.mark.parametrize("text", HOSTILE)
def test_user_text_in_the_support_sections_is_shown_literally(text: str) -> None:
    rendered = _html(render_plan(_hostile_plan(text), TODAY))
    s = _squash(text)
    assert _headings("h2", rendered) == [
        "Goals",
        "Coping skills",
        "Self-care",
        RELAPSE,
        WHEN,
        SUPPORT,
    ]
    when = _content(_section(rendered, WHEN))
    person = f"{s} · {s} · {s}"  # the phone and email first, then the name
    assert when == _squash(
        f"{WHEN} {CALM_LINE} If you need someone now: {s} · {s} ({s}). "
        f"My warning signs, and what I will do {s} {s} {s} "
        f"Coping steps {s}: {s} "
        f"People to call {person} {person} {person} "
        f"Professionals {person} "
        f"My crisis lines {s} · {s} (checked 2026-01-12) {s} · {s} "
        f"{NATIONAL} {' '.join(NATIONAL_LINES_SHOWN)}"
    )
    support = _content(_section(rendered, SUPPORT))
    details = f"{person}; when: {s}; helps by: {s}"
    assert support == _squash(
        f"{SUPPORT} People who help me "
        f"Family: {details}; call in a crisis; plan shared 2026-01-15 "
        f"Friend: {details} "
        f"Peer group: {details} "
        f"Sponsor: {details}; call in a crisis "
        f"Professional: {details} "
        f"Crisis line or service: {details}; call in a crisis "
        f"Meetings {s}; {s}; {s} "
        f"Treatment Other; {s}; {s}; next 2099-01-01 Therapy; {s}; {s} "
        f"People and places I keep a distance from {s}"
    )


@pytest.mark.parametrize("text", HOSTILE)
def test_only_the_renderers_own_markup_appears_in_the_support_sections(text: str) -> None:
    rendered = _html(render_plan(_hostile_plan(text), TODAY))
    for tag in ("<a", "<img", "<code", "<pre", "<table", "<blockquote", "<hr", "<script", "<ol"):
        assert tag not in rendered
    tags = _tags(rendered)
    assert set(tags) <= ALLOWED_TAGS
    # h2: Goals, Coping skills, Self-care, Relapse prevention, When things get hard, Support
    # h3: the warning sign; five in When things get hard and the national lines; four in Support
    assert (tags["h1"], tags["h2"], tags["h3"]) == (1, 6, 1 + 6 + 4)
    assert tags["em"] == 1  # "Written ..."
    # the coping skill; 3 people to call and 1 professional; 6 contacts and 1 meeting
    assert tags["strong"] == 1 + 4 + 6 + 1
    # coping, self-care, w1's responses | signs, responses, coping, people, professionals,
    # own lines, national lines | contacts, meetings, treatment, avoid
    assert tags["ul"] == 3 + 7 + 4
    assert tags["li"] == (1 + 1 + 2) + (1 + 2 + 1 + 3 + 1 + 2 + 5) + (6 + 1 + 2 + 1)


def test_no_links_images_code_or_headings_from_any_hostile_text_at_once() -> None:
    plan = Plan()
    for i, text in enumerate(HOSTILE):
        plan = plan.with_item(
            "contacts", Contact(f"p{i}", text, "friend", text, text, text, text, True)
        )
        plan = plan.with_item("meetings", Meeting(f"m{i}", text, text, text))
        plan = plan.with_item("avoid", AvoidItem(f"v{i}", text))
        plan = plan.with_item("treatment", Treatment(f"r{i}", "other", text, text))
        plan = plan.with_list("crisis_lines", (*plan.crisis_lines, CrisisLine(text, text)))
    markdown = render_when_things_get_hard(plan) + "\n\n" + render_support(plan)
    rendered = _html(markdown)
    for tag in ("<a", "<img", "<code", "<pre", "<table", "<blockquote", "<hr", "<script", "<ol"):
        assert tag not in rendered
    assert _headings("h2", rendered) == [WHEN, SUPPORT]
    assert len(_headings("h3", rendered)) == 3 + 4
    # each contact's name in "People to call" and in the support network, each meeting's name
    assert _tags(rendered)["strong"] == 3 * len(HOSTILE)


def test_bidi_overrides_and_controls_are_not_rendered() -> None:
    plan = _nasty_plan(NASTY)
    plan = dataclasses.replace(
        plan,
        meetings=(Meeting("m1", NASTY, NASTY, NASTY),),
        avoid=(AvoidItem("v1", NASTY),),
        treatment=(Treatment("r1", "other", NASTY, NASTY),),
    )
    markdown = render_when_things_get_hard(plan) + "\n\n" + render_support(plan)
    assert CONTROLS.search(markdown) is None
    content = _content(_html(markdown))
    s = NASTY_SHOWN
    assert f"If you need someone now: {s} · {s} ({s})." in content
    assert f"Other; {NASTY_SHOWN}; {NASTY_SHOWN}" in content


# --- exchange round trip -----------------------------------------------------------------------


def test_support_lists_survive_the_exchange_round_trip() -> None:
    plan = _support_plan()
    for i, text in enumerate(HOSTILE):
        role = list(ROLE_LABELS)[i % len(ROLE_LABELS)]
        shared = date(2026, 1, 1) + timedelta(days=i) if i % 2 else None
        contact = Contact(f"h{i}", text, role, text, text, text, text, i % 3 == 0, shared)  # type: ignore[arg-type]
        plan = plan.with_item("contacts", contact)
        plan = plan.with_item("meetings", Meeting(f"h{i}", text, text, text))
        plan = plan.with_item("avoid", AvoidItem(f"h{i}", text))
        next_date = date(2026, 12, 1) + timedelta(days=i) if i % 2 == 0 else None
        plan = plan.with_item("treatment", Treatment(f"h{i}", "medical", text, text, next_date))
        verified = date(2026, 2, 1) if i % 2 else None
        plan = plan.with_list(
            "crisis_lines", (*plan.crisis_lines, CrisisLine(text, text, verified))
        )
    assert {c.role for c in plan.contacts} == set(ROLE_LABELS)
    exported_at = datetime(2026, 11, 26, 9, 30)
    text = dumps(plan_to_data(plan, exported_at))
    again = loads_plan(text)
    assert again == plan
    assert dumps(plan_to_data(again, exported_at)) == text
    data = json.loads(text)
    assert data["contacts"][1] == {
        "id": "p2",
        "name": "Alex",
        "role": "sponsor",
        "phone": "555-0100",
        "email": "",
        "when": "Any time",
        "how_they_help": "Talks me through cravings",
        "crisis": True,
        "plan_shared_on": "2026-01-15",
    }
    assert data["contacts"][0]["plan_shared_on"] is None
    assert data["treatment"][1] == {
        "id": "r2",
        "kind": "therapy",
        "detail": "CBT",
        "provider": "Kim",
        "next_date": None,
    }
    assert data["crisis_lines"][:2] == [
        {"name": "My clinic after hours", "how": "555-0199", "verified": "2026-01-12"},
        {"name": "Local warmline", "how": "text 555-0177", "verified": None},
    ]


def test_example_files_support_lists_read_as_written() -> None:
    data = json.loads(EXAMPLE_FILE.read_text(encoding="utf-8"))
    plan = example_plan()
    again = plan_to_data(plan, datetime(2026, 11, 26, 9, 30))
    for name in ("contacts", "meetings", "avoid", "treatment", "crisis_lines"):
        assert again[name] == data[name]
