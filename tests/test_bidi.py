"""Phone numbers read as stored, in every script.

After a name in Arabic, ``555-0100`` reads ``0100-555`` (the Unicode bidi algorithm makes its
digits Arabic numbers, and the hyphen between them turns right to left); an invisible U+061C
in a phone field does the same for a Latin name. So: every export and the crisis sheet put
the number before the name, give the number no invisible character, set names and other
words apart (FSI ... PDI in text, ``<bdi>`` in HTML), and phone and email fields lose their
bidi marks on the way in. Right-to-left names are put in every list of the plan here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import screen_text, seed
from plans import example_plan

from recovery_tui.app import RecoveryApp
from recovery_tui.crisis_card import card_text
from recovery_tui.exchange import dumps, loads_plan, plan_to_data, to_data
from recovery_tui.export import AUDIENCES, export_html, export_markdown
from recovery_tui.helplines import calm_lines, crisis_sheet, crisis_text, line_entry, person_line
from recovery_tui.model import (
    CheckIn,
    Contact,
    CopingSkill,
    CrisisLine,
    FocusArea,
    Goal,
    Lapse,
    Plan,
    Profile,
    Review,
    Treatment,
    Trigger,
    WarningSign,
)
from recovery_tui.screens.crisis import CrisisScreen
from recovery_tui.text import FSI, PDI, clean_reach

TODAY = date(2026, 11, 26)
NOW = datetime(2026, 11, 26, 9, 30)
ARABIC, HEBREW = "سمير", "שרה"
ALM, LRM, RLM = "\u061c", "\u200e", "\u200f"
# Each person: name, phone, email. The last one's phone came in with an invisible ALM.
PEOPLE = [
    (f"{ARABIC} الحسن", "555-0100", ""),
    (f"{HEBREW} כהן", "555-0101", "sara@example.org"),
    ("Dr. Lee", "1-800-555-0102", ""),
    ("Alex", f"{ALM}555-0103{RLM}", f"{LRM}alex@example.org"),
]
NUMBERS = ["555-0100", "555-0101", "1-800-555-0102", "555-0103", "555-0199"]
INVISIBLE = "\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff"
NUMBER_CHARS = re.compile(r"[0-9][0-9-]*[0-9]")


def rtl_plan() -> Plan:
    """Right-to-left words in every list the exports and the crisis sheet show."""
    roles = ("sponsor", "family", "professional", "friend")
    contacts = tuple(
        Contact(f"p{i}", name, roles[i], phone=phone, email=email, crisis=i != 2,
                how_they_help=f"{HEBREW} {i}", when=ARABIC, on_card=i == 2)
        for i, (name, phone, email) in enumerate(PEOPLE)
    )  # fmt: skip
    return Plan(
        profile=Profile(name=f"{ARABIC} {HEBREW}"),
        focus_areas=(FocusArea("f1", ARABIC, since=date(2026, 1, 10)),),
        lapses=(Lapse("l1", "f1", date(2026, 5, 2), what_happened=HEBREW, plan_change=ARABIC),),
        goals=(Goal("g1", ARABIC, specific=HEBREW, measure="3 a week"),),
        triggers=(Trigger("t1", HEBREW, strategies=(ARABIC,)),),
        coping_skills=(CopingSkill("c1", ARABIC, HEBREW),),
        warning_signs=(WarningSign("w1", ARABIC, (HEBREW,)), WarningSign("w2", HEBREW)),
        contacts=contacts,
        treatment=(Treatment("r1", "mat", ARABIC, "Dr. Lee"),),
        crisis_lines=(CrisisLine(f"{ARABIC} {HEBREW}", "555-0199", date(2026, 1, 12)),),
        checkins=(CheckIn(date(2026, 11, 1), mood=3, craving=2),),
        reviews=(Review("rv1", date(2026, 11, 2), working=ARABIC, adjust=HEBREW),),
    )


def _names() -> list[str]:
    return [name for name, _, _ in PEOPLE]


# --- on the way in -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        (f"{ALM}555-0100", "555-0100"),
        (f"555{RLM}-0100{LRM}", "555-0100"),
        ("\u202e555-0100\u202c", "555-0100"),
        ("\u2067555-0100\u2069", "555-0100"),
        ("555\u200b-0100\ufeff", "555-0100"),
        (" 555-0100\n", "555-0100"),
        ("555\n0100", "555 0100"),
        ("+44 20 7946 0000", "+44 20 7946 0000"),
    ],
)
def test_bidi_marks_leave_phone_and_email_fields_on_the_way_in(typed: str, stored: str) -> None:
    assert clean_reach(typed) == stored
    contact = Contact("p1", "Alex", phone=typed, email=f"{RLM}{typed}")
    assert (contact.phone, contact.email) == (stored, stored)
    data = {"format": "recovery-tui-plan", "version": 1,
            "contacts": [{"id": "p1", "name": "Alex", "phone": typed}]}  # fmt: skip
    assert loads_plan(dumps(data)).contacts[0].phone == stored


def test_names_and_other_text_keep_their_marks() -> None:
    contact = Contact("p1", f"{RLM}{ARABIC}", how_they_help=f"{ALM}{HEBREW}")
    assert contact.name == f"{RLM}{ARABIC}"
    assert contact.how_they_help == f"{ALM}{HEBREW}"


def test_on_card_is_optional_and_written_only_when_set() -> None:
    assert "on_card" not in to_data(Contact("p1", "Alex"))
    assert to_data(Contact("p1", "Alex", on_card=True))["on_card"] is True
    marked = replace(example_plan(), contacts=(replace(example_plan().contacts[0], on_card=True),))
    assert loads_plan(dumps(plan_to_data(marked, NOW))) == marked
    assert loads_plan(dumps(plan_to_data(example_plan(), NOW))) == example_plan()


# --- every export: the number first, bare, and copied as written ----------------------------


def _text_exports() -> dict[str, str]:
    """Every text export of the RTL plan: the Markdown ones, ``crisis``, the crisis card."""
    plan = rtl_plan()
    texts = {f"md-{a}": export_markdown(plan, a, TODAY) for a in AUDIENCES}
    texts["crisis"] = crisis_text(crisis_sheet(plan))
    texts["crisis-card"] = card_text(plan)
    return texts


def _copied(text: str, number: str) -> list[str]:
    """What a person selects when they copy ``number``: the run of characters around it
    up to a blank or a separator, invisible ones included."""
    runs = re.findall(rf"[^\s·(),;:]*{re.escape(number)}[^\s·(),;:]*", text)
    return [run.rstrip(".") for run in runs]


@pytest.mark.parametrize("name", ["md-full", "md-supporter", "md-clinician", "crisis",
                                  "crisis-card"])  # fmt: skip
def test_each_number_copied_from_a_text_export_is_the_number_alone(name: str) -> None:
    text = _text_exports()[name]
    shown = [n for n in NUMBERS if n in text]
    if name != "md-clinician":  # (the summary has no one to call)
        assert "555-0100" in shown and "555-0199" in shown  # a crisis contact, an own line
    for number in shown:
        assert set(_copied(text, number)) == {number}, number
        for match in re.finditer(re.escape(number), text):
            around = text[max(0, match.start() - 1) : match.end() + 1]
            assert not re.search(f"[{INVISIBLE}]", around), (number, around)
    for copied in NUMBER_CHARS.findall(text):
        assert not re.search(f"[{INVISIBLE}\\\\]", copied)


@pytest.mark.parametrize("name", ["md-full", "md-supporter", "crisis", "crisis-card"])
def test_a_number_comes_before_the_name_on_its_line(name: str) -> None:
    text = _text_exports()[name]
    lines_with_both = 0
    for (person, _, _), number in zip(PEOPLE, NUMBERS, strict=False):
        for line in text.split("\n"):
            if number in line and person in line:
                lines_with_both += 1
                assert line.index(number) < line.index(person), line
    assert lines_with_both >= 2


@pytest.mark.parametrize("name", ["md-full", "md-supporter", "md-clinician", "crisis",
                                  "crisis-card"])  # fmt: skip
def test_every_name_and_word_of_the_person_is_set_apart(name: str) -> None:
    text = _text_exports()[name]
    outside = re.sub(f"{FSI}[^{FSI}{PDI}\\n]*{PDI}", "", text)
    assert FSI not in outside and PDI not in outside  # balanced, one line each
    for word in (ARABIC, HEBREW):
        assert word in text
        assert word not in outside, outside  # every right-to-left word is inside a pair


@pytest.mark.parametrize("audience", AUDIENCES)
def test_html_isolates_user_text_in_bdi_and_never_a_number(audience: str) -> None:
    page = export_html(rtl_plan(), audience, TODAY)
    body = page.split("<body>", 1)[1]
    assert FSI not in page and PDI not in page
    assert body.count("<bdi>") == body.count("</bdi>") > 0
    outside = re.sub(r"<bdi>.*?</bdi>", "", body, flags=re.S)
    assert "<bdi>" not in outside and ARABIC not in outside and HEBREW not in outside
    for number in (n for n in NUMBERS if n in body):
        for inside in re.findall(r"<bdi>(.*?)</bdi>", body, flags=re.S):
            assert number not in inside
        assert set(_copied(re.sub(r"<[^>]+>", " ", body), number)) == {number}


def test_the_supporter_card_lists_every_right_to_left_person_number_first() -> None:
    card = export_markdown(rtl_plan(), "supporter", TODAY)
    people = card.split("## Whom to call\n\n", 1)[1].split("\n\n", 1)[0].split("\n")
    assert people[0] == (
        f"- 555-0100 · **{FSI}{ARABIC} الحسن{PDI}**, sponsor; when: {FSI}{ARABIC}{PDI}; "
        f"helps by: {FSI}{HEBREW} 0{PDI}"
    )
    assert people[1].startswith(f"- 555-0101 · sara@example.org · **{FSI}{HEBREW} כהן{PDI}**")
    assert people[2].startswith("- 555-0103 · alex@example.org · **\u2068Alex\u2069**")
    # Dr. Lee, marked "on my card", comes after the crisis contacts, with the treatment
    # he gives (its provider is his name).
    assert people[3].startswith("- 1-800-555-0102 · **\u2068Dr. Lee\u2069**, professional")
    assert people[4] == f"  - Medication-assisted treatment (MAT): {FSI}{ARABIC}{PDI}"


# --- the crisis screen and `recovery-tui crisis` ---------------------------------------------


def test_crisis_screen_lines_put_the_number_first_with_no_marks() -> None:
    sheet = crisis_sheet(rtl_plan())
    people = [person_line(p) for p in sheet.crisis_contacts]
    assert people == [
        f"555-0100 · {ARABIC} الحسن",
        f"555-0101 · sara@example.org · {HEBREW} כהן",
        "555-0103 · alex@example.org · Alex",
    ]
    assert calm_lines(sheet)[1] == f"If you need someone now: 555-0100 ({ARABIC} الحسن)."
    [line] = sheet.own_lines
    assert line_entry(*line, str) == f"555-0199 · {ARABIC} {HEBREW} (checked 2026-01-12)"


def test_multi_line_names_and_numbers_stay_on_one_line_in_crisis_output() -> None:
    plan = Plan(
        contacts=(Contact("p1", "Alex\nBrown", phone="555\n0100", crisis=True),),
        warning_signs=(WarningSign("w1", "Not\nsleeping", ("Call\nAlex",)),),
        crisis_lines=(CrisisLine("My\nclinic", "555-0199\n"),),
    )
    text = crisis_text(crisis_sheet(plan)).replace(FSI, "").replace(PDI, "")
    assert "If you need someone now: 555 0100 (Alex Brown).\n" in text
    assert "PEOPLE TO CALL\n  555 0100 · Alex Brown\n" in text
    assert "  Not sleeping\n    -> Call Alex\n" in text
    assert "My crisis lines\n  555-0199 · My clinic\n" in text


async def test_the_crisis_screen_shows_a_right_to_left_name_after_its_number(
    open_app: Callable[[], RecoveryApp], data_file: Path
) -> None:
    seed(data_file, rtl_plan())
    app = open_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)
        text = screen_text(app)
        assert f"If you need someone now: 555-0100 ({ARABIC} الحسن)." in text
        assert FSI not in text and ALM not in text
