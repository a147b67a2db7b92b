"""What the exports say, to whom, and how long they are.

The supporter card is the person's choice and fits one printed page; the clinician summary
carries the lapses and each review's answers, and is still a summary at ten years; the full
plan holds the lapse debriefs, and the plan check only when asked for. Plus the small things:
no heading without lines under it, no "name: " with no name, a warning sign with no response
still says what to do, version labels to the second, plain words in a diff.
"""

from __future__ import annotations

import importlib.util
import json
import re
from dataclasses import replace
from datetime import date, datetime
from functools import cache
from pathlib import Path

from conftest import seed
from plans import example_plan

from recovery_tui.exchange import loads_plan
from recovery_tui.export import export_html, export_markdown, export_text, monthly_trends
from recovery_tui.history import diff_plans, diff_text
from recovery_tui.model import (
    CheckIn,
    Contact,
    CrisisLine,
    FocusArea,
    Goal,
    Lapse,
    Plan,
    Profile,
    Review,
    Treatment,
    WarningSign,
)
from recovery_tui.render import render_plan
from recovery_tui.render_card import (
    LINES_SHOWN,
    NO_RESPONSE,
    PEOPLE_SHOWN,
    RESPONSES_SHOWN,
    SIGNS_SHOWN,
    TREATMENT_SHOWN,
    supporter_card,
)
from recovery_tui.render_clinician import TRIGGERS_SHOWN, clinician_summary
from recovery_tui.render_recent import REVIEWS_SHOWN
from recovery_tui.versions import list_versions, save_version

TODAY = date(2026, 11, 26)
ROOT = Path(__file__).resolve().parent.parent
ALEX = Contact("p1", "Alex", "sponsor", "555-0100", how_they_help="Talks me through it",
               crisis=True)  # fmt: skip
LEE = Contact("p2", "Dr. Lee", "professional", "555-0120", how_they_help="Prescriber")
MUM = Contact("p3", "Mum", "family", "555-0130")
MAT = Treatment("r1", "mat", "Buprenorphine 8 mg", "dr. lee ")


@cache
def ten_years() -> Plan:
    """The benchmarks' ten-year plan (200 goals, 150 triggers, 100 people, 3,650 check-ins,
    55 lapses, 120 reviews), ending the day before TODAY."""
    path = ROOT / "benchmarks" / "generate.py"
    spec = importlib.util.spec_from_file_location("generate", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return loads_plan(json.dumps(module.generate(10, today=TODAY)))


def _section(markdown: str, heading: str) -> str:
    """The Markdown under ``## heading``, up to the next ``## ``."""
    return markdown.split(f"## {heading}\n\n", 1)[1].split("\n## ", 1)[0]


def _items(markdown: str) -> list[str]:
    return [line for line in markdown.split("\n") if re.match(r"\s*- ", line)]


# --- the supporter card: the person's choice, one page --------------------------------------


def test_the_card_holds_crisis_contacts_signs_and_lines_by_default() -> None:
    plan = Plan(
        contacts=(ALEX, LEE, MUM),
        treatment=(MAT,),
        warning_signs=(WarningSign("w1", "Skipping meetings", ("Call Alex",)),),
        crisis_lines=(CrisisLine("My clinic", "555-0199"),),
    )
    card = supporter_card(plan, TODAY)
    assert _items(_section(card, "Whom to call")) == [
        "- 555-0100 · **Alex**, sponsor; helps by: Talks me through it"
    ]
    for not_chosen in ("Dr. Lee", "Prescriber", "Buprenorphine", "Mum", "555-0130"):
        assert not_chosen not in card  # (today 'Dr. Lee: Prescriber' was on every card)
    assert "- Skipping meetings\n  - Call Alex" in card
    assert "## My crisis lines\n\n- 555-0199 · My clinic" in card


def test_a_professional_marked_on_my_card_comes_with_the_treatment_they_give() -> None:
    plan = Plan(contacts=(ALEX, replace(LEE, on_card=True), MUM),
                treatment=(MAT, Treatment("r2", "therapy", "CBT", "Kim")))  # fmt: skip
    assert _items(_section(supporter_card(plan, TODAY), "Whom to call")) == [
        "- 555-0100 · **Alex**, sponsor; helps by: Talks me through it",
        "- 555-0120 · **Dr. Lee**, professional; helps by: Prescriber",
        "  - Medication-assisted treatment (MAT): Buprenorphine 8 mg",
    ]


def test_the_card_says_whose_it_is() -> None:
    card = supporter_card(Plan(profile=Profile(name="Sam")), TODAY)
    assert card.startswith(
        "# Support card: Sam\n\n"
        "*Sam shared this card with you on 2026-11-26. Thank you for being there.*\n"
    )
    blank = supporter_card(Plan(profile=Profile(name=" \u3000 ")), TODAY)
    assert blank.startswith("# Support card\n\n*Shared with you on 2026-11-26.")


def test_a_warning_sign_with_no_response_says_what_a_supporter_can_do() -> None:
    plan = Plan(warning_signs=(WarningSign("w1", "Not sleeping"),))
    assert f"- Not sleeping\n  - {NO_RESPONSE}\n" in supporter_card(plan, TODAY)


def test_no_heading_for_crisis_lines_that_are_not_there() -> None:
    plan = Plan(contacts=(ALEX,))
    card = supporter_card(plan, TODAY)
    assert "My crisis lines" not in card and "## Crisis lines" not in card
    assert "## National lines (United States; last checked" in card
    assert "### My crisis lines" not in render_plan(plan, TODAY)


def test_the_card_at_ten_years_is_capped_and_says_what_it_left_out() -> None:
    plan = ten_years()
    card = export_markdown(plan, "supporter", TODAY)
    people = [c for c in plan.contacts if c.crisis or c.on_card]
    signs = len(plan.warning_signs)
    most = (SIGNS_SHOWN * (1 + RESPONSES_SHOWN) + PEOPLE_SHOWN * (1 + TREATMENT_SHOWN)
            + LINES_SHOWN + 5)  # fmt: skip
    assert len(_items(card)) <= most
    assert len(_items(_section(card, "Whom to call"))) == PEOPLE_SHOWN
    more = len(people) - PEOPLE_SHOWN
    assert f"*And {more} more people to call, left out to keep this card to one page.*" in card
    assert signs <= SIGNS_SHOWN or "more warning sign" in card
    assert len(card) < 4_000  # one printed page (checked with Chromium: see the issue note)


def test_the_card_of_the_longest_texts_stays_one_page_of_words() -> None:
    words = "word " * 200
    plan = Plan(
        profile=Profile(name=words),
        warning_signs=tuple(WarningSign(f"w{i}", words, (words,) * 5) for i in range(9)),
        contacts=tuple(Contact(f"p{i}", words, "professional", "555-0100 " * 20, words, words,
                               words, crisis=True, on_card=True) for i in range(30)),
        treatment=(Treatment("r1", "mat", words, words),) * 3,
        crisis_lines=(CrisisLine(words, "555-0199 " * 30),) * 9,
    )  # fmt: skip
    card = export_markdown(plan, "supporter", TODAY)
    assert len(card) < 6_000  # (Chromium printed this card on one Letter page)
    assert "*And 5 more warning signs and 12 more things I will do," in card
    assert "*And 26 more people to call, left out" in card
    assert "*And 6 more crisis lines, left out" in card


# --- the clinician summary ---------------------------------------------------------------------


def _lapsed_plan() -> Plan:
    return Plan(
        focus_areas=(FocusArea("f1", "Alcohol", since=date(2025, 1, 1)),),
        lapses=(
            Lapse(
                "l1",
                "f1",
                date(2026, 3, 7),
                what_happened="A wedding",
                trigger="Old friends",
                what_helped="Calling Alex the next day",
                plan_change="Leave parties early",
            ),
            Lapse("l2", "f1", date(2026, 3, 9)),
        ),
        checkins=(
            CheckIn(date(2026, 3, 7), mood=2, craving=8, used=True, focus_area="f1"),
            CheckIn(date(2026, 3, 8), mood=3, craving=5),
        ),
        reviews=(
            Review(
                "rv1",
                date(2026, 3, 20),
                kind="lapse",
                still_relevant="Yes",
                new_challenges="Weddings",
                working="Mornings",
                celebrate="Ten days",
                adjust="An exit plan for parties",
            ),
        ),
    )


def test_the_clinician_summary_carries_each_lapse_and_its_debrief() -> None:
    lapses = _section(clinician_summary(_lapsed_plan(), TODAY), "Lapses since 2025-12-01")
    assert _items(lapses) == [
        "- 2026-03-07, Alcohol: what happened: A wedding; the trigger: Old friends; what "
        "helped: Calling Alex the next day; what the plan changes: Leave parties early",
        "- 2026-03-09, Alcohol: no debrief written yet",
    ]


def test_days_with_use_come_from_lapses_and_check_ins_each_day_once() -> None:
    (march,) = monthly_trends(_lapsed_plan())
    assert march == ("2026-03", 2, 2.5, 6.5, 2)  # the 7th (check-in and lapse) and the 9th
    months = _section(clinician_summary(_lapsed_plan(), TODAY), "Check-ins by month")
    assert "- 2026-03: 2 check-ins; mood 2.5 of 5; craving 6.5 of 10; 2 days with use" in months


def test_each_review_gives_its_answers_not_only_its_date() -> None:
    reviews = _section(clinician_summary(_lapsed_plan(), TODAY), "Reviews")
    assert _items(reviews) == [
        "- 2026-03-20, after a lapse",
        "  - Still relevant: Yes",
        "  - New challenges: Weddings",
        "  - What works: Mornings",
        "  - To celebrate: Ten days",
        "  - To adjust: An exit plan for parties",
    ]


def test_the_clinician_summary_at_ten_years_is_still_a_summary() -> None:
    plan = ten_years()
    summary = export_markdown(plan, "clinician", TODAY)
    goals = _section(summary, "Goals")
    active = [g for g in plan.goals if g.status == "active"]
    assert len([line for line in goals.split("\n") if line.startswith("- **")]) == len(active)
    assert "- Achieved: 111 goals, the latest “" in goals
    triggers = _section(summary, "Triggers and my strategies")
    assert len(_items(triggers)) == TRIGGERS_SHOWN
    assert f"Left out here: {len(plan.triggers) - TRIGGERS_SHOWN} more triggers" in triggers
    months = _section(summary, "Check-ins by month")
    assert [line[2:9] for line in _items(months)] == [
        "2025-12",
        *(f"2026-{m:02d}" for m in range(1, 12)),
    ]
    assert "Before 2025-12, from 2016-" in months
    reviews = _section(summary, "Reviews")
    assert len([line for line in reviews.split("\n") if line.startswith("- ")]) == REVIEWS_SHOWN
    assert f"Earlier: {len(plan.reviews) - REVIEWS_SHOWN} reviews, from 2016-" in reviews
    recent = [x for x in plan.lapses if x.date >= date(2025, 12, 1)]
    lapses = _section(summary, "Lapses since 2025-12-01")
    assert len(_items(lapses)) == len(recent)
    assert f"Earlier: {len(plan.lapses) - len(recent)} lapses, from 2016-" in lapses
    assert len(summary) < 25_000  # 189,169 characters (152 printed pages) before


# --- the full plan -----------------------------------------------------------------------------


def test_the_full_plan_includes_the_lapse_debriefs() -> None:
    full = export_markdown(_lapsed_plan(), "full", TODAY)
    section = full.split("### Lapses, and what I learned\n\n", 1)[1]
    assert (
        _items(section)[0]
        .replace("\u2068", "")
        .replace("\u2069", "")
        .startswith("- 2026-03-07, Alcohol: what happened: A wedding; the trigger: Old friends")
    )


def test_the_plan_check_is_in_the_full_export_only_when_asked_for() -> None:
    now = datetime(2026, 11, 26, 9, 30)
    for fmt in ("md", "html"):
        plain = export_text(example_plan(), fmt, "full", now)
        checked = export_text(example_plan(), fmt, "full", now, with_check=True)
        assert "Plan check" not in plain
        assert "Plan check: what to add next" in checked
    page = export_html(example_plan(), "full", TODAY, with_check=True)
    assert "Plan check: what to add next" in page


def test_a_blank_name_gives_a_title_without_a_colon() -> None:
    for name in ("", "   ", "\u2003", "\u202e"):
        plan = Plan(profile=Profile(name=name))
        assert render_plan(plan, TODAY).startswith("# My recovery plan\n")
        assert export_markdown(plan, "clinician", TODAY).startswith("# Clinician summary\n")


# --- versions and what changed ----------------------------------------------------------------


def test_version_labels_read_to_the_second(tmp_path: Path) -> None:
    plan_file = tmp_path / "plan.json"
    for second in (5, 41):
        save_version(plan_file, Plan(), "manual", datetime(2026, 11, 26, 9, 30, second))
    assert [v.label for v in list_versions(plan_file)] == [
        "1 (2026-11-26 09:30:05, saved by hand)",
        "2 (2026-11-26 09:30:41, saved by hand)",
    ]


def test_a_changed_review_rhythm_reads_in_days() -> None:
    new = Plan(profile=Profile(review_every_days=2))
    assert "      Review every: 30 days -> 2 days\n" in diff_text(diff_plans(Plan(), new), "x")


def test_a_change_deep_in_a_long_text_shows_where_it_changed() -> None:
    text = ("I walk to the park every morning before work, then stretch for ten minutes, and "
            "then have breakfast with the kids before we walk to school together.")  # fmt: skip
    old = Plan(goals=(Goal("g1", "Walk", specific=text),))
    new = Plan(goals=(Goal("g1", "Walk", specific=text.replace("ten", "twenty")),))
    [section] = diff_plans(old, new)
    [line] = section.changes[0].details
    was, now = line.removeprefix("Specific: ").split(" -> ")
    assert "ten minutes" in was and "twenty minutes" in now
    assert was.startswith("…") and len(was) <= 70 and len(now) <= 70


def test_a_change_to_on_my_card_reads_in_words() -> None:
    old, new = Plan(contacts=(LEE,)), Plan(contacts=(replace(LEE, on_card=True),))
    [section] = diff_plans(old, new)
    assert section.changes[0].details == ("On my card: no -> yes",)


def test_the_plain_check_in_summary_keeps_a_multi_line_name_on_one_line(data_file: Path) -> None:
    from test_plain_review import TODAY as CHILD_TODAY
    from test_plain_review import review

    area = FocusArea("f1", "Alcohol\nand wine", since=CHILD_TODAY)
    seed(data_file, Plan(focus_areas=(area,)))
    result = review(data_file, "4", "3", "n", "", "", "", "")
    assert result.returncode == 0, result.stderr
    [summary] = [line for line in result.stdout.split("\n") if "Saved · " in line]
    assert "Saved · Alcohol and wine: day 1" in summary
    assert "\nand wine" not in result.stdout
