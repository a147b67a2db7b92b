"""Write a large, realistic recovery plan in the exchange format, for the benchmarks.

Years of daily use are what make the app slow, so the benchmarks need plans the size of a
long recovery: per year 365 check-ins, 20 goals with progress, 15 triggers, 10 contacts,
12 reviews and one assessment. The plan ends yesterday (today's check-in is left open so a
benchmark can save it) and is the same for the same ``--seed`` and ``--today``.

    python benchmarks/generate.py --years 10 -o /tmp/plan-10y.json
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

Doc = dict[str, Any]

YEAR_DAYS = 365
GOALS_PER_YEAR = 20
TRIGGERS_PER_YEAR = 15
CONTACTS_PER_YEAR = 10
REVIEWS_PER_YEAR = 12
HALT = ("hungry", "angry", "lonely", "tired")

# --- text pools: sentences are put together from parts so the notes vary like real ones ----

FEELINGS = [
    "Woke up tired", "Felt calm most of the day", "Restless after work", "A heavy morning",
    "Good energy today", "Anxious before the meeting", "Bored in the evening",
    "Irritable after the commute", "Quiet, steady day", "Lonely once the kids were asleep",
    "Proud of myself tonight", "Flat, nothing much going on", "Stressed about money",
    "Slept badly again", "Felt strong at lunch", "Cravings came in waves after dinner",
    "Grateful, for no big reason", "Tense after the call with my brother",
    "Sore but happy after the run", "Overwhelmed by emails",
]  # fmt: skip
EVENTS = [
    "the team went to the pub after work and I went home", "I cooked a proper dinner",
    "my sister called and we talked for an hour", "I walked the long way past the park",
    "I skipped the shop that sells beer", "payday, which is always hard",
    "a friend from the old crew texted", "I went to the Tuesday meeting",
    "the car broke down and I had to wait two hours", "I finished the puzzle with Mia",
    "work ran late and I ate at my desk", "I watched the match at home with tea",
    "I had a long shower and read", "I helped Dad move the wardrobe",
    "the neighbours had a party until 2", "I got the bills sorted",
    "I said no to Friday drinks [again]", "I tried the 5-4-3-2-1 exercise on the bus",
    "I wrote down 3 things I'm grateful for", "the clinic moved my appointment",
]  # fmt: skip
ENDINGS = [
    "Going to bed early.", "Tomorrow is a new day.", "Called it a win.",
    "Need to plan the weekend better.", "Will mention it to Alex.", "Small steps.",
    "Drank lots of water.", "Made tea instead.", "Not perfect, but honest.",
    "Felt good to write this down.", "I want to remember this one ☀️.",
    "One day at a time.", "Will bring it to group.", "Meal prep for the week done.",
    "Note to self: #HALT check before 6 pm.", "Keep the phone charged for calls.",
]  # fmt: skip
HELPED = [
    "Called Alex", "Went for a walk", "Box breathing", "Texted my sister", "A hot shower",
    "Urge surfing for ten minutes", "The Tuesday meeting", "Playing guitar", "Cooking",
    "Reading my motivations card", "An early night", "Cold water on my face",
    "Talking it through with Jo", "Going to the gym", "Journaling", "Tea and a film",
    "Leaving the party early", "Eating something first", "Prayer", "Gardening",
]  # fmt: skip
GOOD_THINGS = [
    "Dinner with the kids", "Sunshine at lunch", "A good chat with Mum",
    "Finished the report early", "Mia laughed at my joke", "Fresh bread from the bakery",
    "A long walk with the dog", "Slept eight hours", "Paid off a card",
    "Someone at group thanked me", "The garden is coming up", "Saw an old friend, sober",
    "New running shoes", "Café con leche with Ana", "Fixed the bike", "A quiet Sunday",
    "My boss noticed my work", "Cooked something new", "The kids' school play 🎭",
    "Watched the sunrise",
]  # fmt: skip
LAPSE_WHAT = [
    "Went to the wedding and had a drink at the toast, then kept going.",
    "After the argument I bought a bottle on the way home.",
    "Old friends came round and I didn't say no.",
    "Payday, alone at home, bored; it felt automatic.",
    "Work stress all week and I stopped going to meetings.",
]
LAPSE_TRIGGER = ["Wedding", "Argument with my partner", "Old crew", "Payday and boredom",
                 "Work stress"]  # fmt: skip
LAPSE_PLAN = [
    "Leave events before the toasts; bring my own drink.",
    "Call Alex before I leave the house after a fight.",
    "Meet old friends only in daytime places.",
    "Pay bills straight away and plan payday evenings.",
    "Keep the Tuesday meeting even in busy weeks.",
]
GOAL_TOPICS = [
    ("Meetings", "Attend support-group meetings", "meetings a week", 3),
    ("Running", "Run regularly", "runs a week", 3),
    ("Sleep", "Keep a steady bedtime", "nights in bed by 11 a week", 5),
    ("Savings", "Save the money I used to spend", "pounds saved a month", 150),
    ("Cooking", "Cook at home", "home-cooked dinners a week", 4),
    ("Reading", "Read before bed", "books a month", 1),
    ("Family time", "Spend time with the kids", "evenings a week", 3),
    ("Volunteering", "Volunteer at the food bank", "shifts a month", 2),
    ("Therapy", "Keep my therapy appointments", "sessions a month", 4),
    ("Journaling", "Write in my journal", "entries a week", 5),
    ("Walking", "Walk every day", "steps a day", 8000),
    ("Budget", "Track every expense", "weeks tracked a month", 4),
    ("Course", "Finish the evening course", "modules done", 6),
    ("Friends", "See sober friends", "meet-ups a month", 4),
    ("Gym", "Go to the gym", "visits a week", 2),
    ("Meditation", "Meditate", "minutes a day", 10),
    ("Guitar", "Practise guitar", "practice sessions a week", 3),
    ("Gardening", "Grow vegetables", "beds planted", 3),
    ("Job", "Find a daytime job", "applications a week", 5),
    ("Screen time", "Less phone at night", "phone-free evenings a week", 4),
]
TRIGGER_TEXTS = [
    ("The bar on my way home", "place", "environmental"),
    ("Payday", "situation", "environmental"),
    ("Arguments with my partner", "emotion", "emotional"),
    ("The old crew", "person", "social"),
    ("Feeling lonely on Sunday evenings", "emotion", "emotional"),
    ("Work parties", "situation", "social"),
    ("Wine in the supermarket aisle", "thing", "environmental"),
    ("Boredom", "emotion", "emotional"),
    ("My cousin's barbecues", "situation", "social"),
    ("Football on TV", "thing", "environmental"),
    ("Being criticised at work", "emotion", "emotional"),
    ("Airports and long trips", "place", "environmental"),
    ("Anniversary of Dad's death", "situation", "emotional"),
    ("Old messages on my phone", "thing", "environmental"),
    ("Friday nights", "situation", "social"),
]
STRATEGIES = [
    "Take the bus route instead", "Call Alex first", "Leave after one hour",
    "Have a plan for the evening", "Bring my own drinks", "Eat before I go",
    "Go to a meeting that day", "Play it forward: how does the night end?",
    "Text my sister when I arrive", "Pay the bills the same morning", "Go for a run",
    "Use the delivery service instead", "Urge surfing: it passes in 20 minutes",
]  # fmt: skip
NAMES = [
    "Alex", "Jo", "Sam P.", "Mia", "Ana García", "Dr. Lee", "Priya", "Tom", "Grace",
    "Yusuf", "Marta", "Ben", "Chen Wei", "Fatima", "Olek", "Noor", "Rosa", "Dev",
    "Hannah", "Kwame",
]  # fmt: skip
ROLES = ["family", "friend", "peer", "sponsor", "professional", "crisis"]
HOW_HELP = [
    "Talks me through cravings", "Walks with me on Sundays", "Knows the whole plan",
    "Drives me to meetings", "Checks in every Friday", "Medication and check-ups",
    "Listens without judging", "Good for a laugh on a bad day", "Has been there too",
]  # fmt: skip
MOTIVATIONS = [
    "Be there for my kids", "Keep my job", "Feel healthy again", "Stop lying to people",
    "Save for a house", "Run a half marathon", "Be a good example for my brother",
]  # fmt: skip
REVIEW_TEXTS = {
    "still_relevant": [
        "Yes, the kids are still the reason.",
        "Mostly; the money goal matters more now.",
        "The plan still fits my week.",
        "Meetings still matter, fewer other goals.",
    ],
    "new_challenges": [
        "New job with late shifts.",
        "Moving house in spring.",
        "",
        "A friend relapsed.",
        "Winter evenings are long.",
        "Money is tight this month.",
    ],
    "working": [
        "The morning run and calling Alex.",
        "Meal prep on Sundays.",
        "Box breathing on the bus.",
        "Tuesday meetings, every week.",
    ],
    "celebrate": [
        "Three months without a lapse!",
        "Paid off the credit card.",
        "Finished the course.",
        "First holiday sober.",
        "Kids' birthday party, sober and happy.",
    ],
    "adjust": [
        "Add a Saturday meeting.",
        "Earlier bedtime.",
        "Fewer goals, done better.",
        "",
        "Plan payday evenings ahead.",
    ],
}


def pick(rng: random.Random, items: list[str]) -> str:
    return items[rng.randrange(len(items))]


def note_text(rng: random.Random) -> str:
    """A diary-like note of one to three sentences (two days in five have none)."""
    roll = rng.random()
    if roll < 0.4:
        return ""
    parts = [f"{pick(rng, FEELINGS)}; {pick(rng, EVENTS)}."]
    if roll > 0.7:
        parts.append(pick(rng, ENDINGS))
    if roll > 0.92:
        parts.append(f"{pick(rng, FEELINGS)} later, but {pick(rng, EVENTS)}.")
    return " ".join(parts)


def iso(day: date) -> str:
    return day.isoformat()


# --- the lists ---------------------------------------------------------------------------


def focus_areas(start: date) -> list[Doc]:
    return [
        {"id": "f1", "name": "Alcohol", "aim": "abstinence", "since": iso(start)},
        {"id": "f2", "name": "Cannabis", "aim": "reduction", "since": iso(start)},
    ]


def assessment(rng: random.Random, year: int, day: date, progress: float) -> Doc:
    """One assessment a year; BARC-10 answers rise slowly as recovery capital grows."""
    base = 2 + 3 * progress
    barc = [max(1, min(6, round(base + rng.uniform(-1.2, 1.2)))) for _ in range(10)]
    motivations = rng.sample(MOTIVATIONS, 3)
    return {
        "id": f"a{year + 1}",
        "date": iso(day),
        "motivations": [{"text": text, "north_star": i == 0} for i, text in enumerate(motivations)],
        "challenges": [
            {"kind": "support", "note": "Most friends still drink"},
            {
                "kind": rng.choice(["financial", "housing", "coping", "other"]),
                "note": pick(rng, REVIEW_TEXTS["new_challenges"]),
            },
        ],
        "strengths": [
            {"kind": "personal", "text": "Steady job"},
            {"kind": "social", "text": "My sister"},
            {"kind": "community", "text": "Tuesday SMART meeting"},
        ],
        "barc10": barc,
        "physical_health": "Blood pressure down; liver tests normal this year.",
        "mental_health": "Some low moods in winter; seeing a counsellor.",
        "social_circumstances": "Living with partner and two kids; full-time work.",
        "use_history": [
            {
                "focus_area": "f1",
                "pattern": "Most evenings, more at weekends",
                "since": "age 19",
                "last_use": "",
                "earlier_attempts": "Two tries alone",
            },
            {
                "focus_area": "f2",
                "pattern": "Weekends with friends",
                "since": "age 17",
                "last_use": "",
                "earlier_attempts": "",
            },
        ],
    }


def goals(rng: random.Random, year: int, start: date, last_year: bool) -> list[Doc]:
    """Twenty SMART goals for the year, each with progress notes and milestones."""
    out: list[Doc] = []
    for n, (title, specific, unit, target) in enumerate(GOAL_TOPICS):
        gid = f"g{year * GOALS_PER_YEAR + n + 1}"
        due = start + timedelta(days=rng.randrange(200, YEAR_DAYS))
        entries = sorted(rng.sample(range(YEAR_DAYS - 1), rng.randrange(4, 10)))
        progress = [
            {"date": iso(start + timedelta(days=d)),
             "note": f"{rng.randrange(0, target + 2)} {unit}. {pick(rng, ENDINGS)}"}
            for d in entries
        ]  # fmt: skip
        done = [start + timedelta(days=d) for d in sorted(rng.sample(range(YEAR_DAYS - 1), 2))]
        if last_year:
            status = rng.choice(["active"] * 6 + ["paused", "achieved"])
        else:
            status = rng.choice(["achieved"] * 3 + ["set_aside", "paused"])
        out.append({
            "id": gid,
            "title": f"{title} {start.year}",
            "specific": specific,
            "measure": f"{target} {unit}",
            "achievable": "Fits around work; I did it before",
            "relevant": pick(rng, MOTIVATIONS),
            "due": iso(due),
            "status": status,
            "progress": progress,
            "milestones": [
                {"text": "First week done", "done": iso(done[0])},
                {"text": "Halfway", "done": iso(done[1])},
                {"text": "Target reached", "done": None if status != "achieved" else iso(due)},
            ],
        })  # fmt: skip
    return out


def triggers(rng: random.Random, year: int) -> list[Doc]:
    out: list[Doc] = []
    for n, (text, kind, area) in enumerate(TRIGGER_TEXTS):
        suffix = "" if year == 0 else f" (year {year + 1})"
        out.append({
            "id": f"t{year * TRIGGERS_PER_YEAR + n + 1}",
            "text": text + suffix,
            "kind": kind,
            "area": area,
            "intensity": rng.randrange(1, 6),
            "strategies": rng.sample(STRATEGIES, rng.randrange(1, 4)),
        })  # fmt: skip
    return out


def contacts(rng: random.Random, year: int, start: date) -> list[Doc]:
    out: list[Doc] = []
    for n in range(CONTACTS_PER_YEAR):
        number = year * CONTACTS_PER_YEAR + n + 1
        role = ROLES[n % len(ROLES)]
        shared = start + timedelta(days=rng.randrange(YEAR_DAYS - 1)) if n % 3 == 0 else None
        out.append({
            "id": f"p{number}",
            "name": pick(rng, NAMES) + ("" if year == 0 else f" {number}"),
            "role": role,
            "phone": f"555-{rng.randrange(100, 10000):04d}",
            "email": f"contact{number}@example.org" if n % 2 else "",
            "when": rng.choice(["Any time", "Evenings", "Weekdays 9-5", "Weekends"]),
            "how_they_help": pick(rng, HOW_HELP),
            "crisis": role in ("sponsor", "crisis"),
            "plan_shared_on": iso(shared) if shared else None,
        })  # fmt: skip
    return out


def reviews(rng: random.Random, year: int, start: date, goal_ids: list[str]) -> list[Doc]:
    """A review every month (every third one quarterly), some changing a goal."""
    out: list[Doc] = []
    for month in range(REVIEWS_PER_YEAR):
        day = start + timedelta(days=month * 30 + 29)
        changes = [
            {"goal": rng.choice(goal_ids), "change": rng.choice(REVIEW_TEXTS["adjust"][:3])}
            for _ in range(rng.randrange(0, 3))
        ]
        out.append({
            "id": f"r-{iso(day)}",
            "date": iso(day),
            "kind": "quarterly" if month % 3 == 2 else "monthly",
            **{k: pick(rng, v) for k, v in REVIEW_TEXTS.items()},
            "goal_changes": changes,
        })  # fmt: skip
    return out


def checkins_and_lapses(
    rng: random.Random, first: date, days: int, trigger_ids: list[list[str]]
) -> tuple[list[Doc], list[Doc]]:
    """One check-in a day; a few use days a year, each with a lapse (as the app records)."""
    checkins: list[Doc] = []
    lapses: list[Doc] = []
    mood = 3.0
    for i in range(days):
        day = first + timedelta(days=i)
        year = min(i // YEAR_DAYS, len(trigger_ids) - 1)
        used = rng.random() < 0.012 * (1.5 if year == 0 else 1)
        mood = max(1.0, min(5.0, mood + rng.uniform(-0.9, 0.9)))
        craving = max(0, min(10, round(7 - mood * 1.3 + rng.uniform(-2, 3)) + (4 if used else 0)))
        area = rng.choice(["f1", "f1", "f2"]) if used else None
        met = rng.sample(trigger_ids[year], rng.choice([0, 0, 0, 1, 1, 2]))
        checkins.append({
            "date": iso(day),
            "mood": max(1, round(mood) - (1 if used else 0)),
            "craving": craving,
            "used": used,
            "focus_area": area,
            "halt": sorted(rng.sample(HALT, rng.choice([0, 0, 1, 1, 2])), key=HALT.index),
            "triggers_met": met,
            "helped": pick(rng, HELPED) if rng.random() < 0.6 else "",
            "good_thing": pick(rng, GOOD_THINGS) if rng.random() < 0.7 else "",
            "note": note_text(rng),
        })  # fmt: skip
        if used:
            k = rng.randrange(len(LAPSE_WHAT))
            debriefed = rng.random() < 0.8
            lapses.append({
                "id": f"l{len(lapses) + 1}",
                "focus_area": area,
                "date": iso(day),
                "what_happened": LAPSE_WHAT[k] if debriefed else "",
                "trigger": LAPSE_TRIGGER[k] if debriefed else "",
                "what_helped": pick(rng, HELPED) if debriefed else "",
                "plan_change": LAPSE_PLAN[k] if debriefed else "",
            })  # fmt: skip
    return checkins, lapses


def generate(years: int, seed: int = 8, today: date | None = None) -> Doc:
    """The whole plan as an exchange-format object, ending the day before ``today``."""
    if years < 1:
        raise ValueError("years must be at least 1")
    today = today or date.today()
    rng = random.Random(seed)
    first = today - timedelta(days=YEAR_DAYS * years)
    starts = [first + timedelta(days=YEAR_DAYS * y) for y in range(years)]
    all_goals: list[Doc] = []
    all_triggers: list[Doc] = []
    all_contacts: list[Doc] = []
    all_reviews: list[Doc] = []
    all_assessments: list[Doc] = []
    for y, start in enumerate(starts):
        year_goals = goals(rng, y, start, last_year=y == years - 1)
        all_goals += year_goals
        all_triggers += triggers(rng, y)
        all_contacts += contacts(rng, y, start)
        all_reviews += reviews(rng, y, start, [g["id"] for g in year_goals])
        progress = y / max(1, years - 1)
        all_assessments.append(assessment(rng, y, start + timedelta(days=2), progress))
    trigger_ids = [
        [t["id"] for t in all_triggers[y * TRIGGERS_PER_YEAR : (y + 1) * TRIGGERS_PER_YEAR]]
        for y in range(years)
    ]
    checkins, lapses = checkins_and_lapses(rng, first, YEAR_DAYS * years, trigger_ids)
    return {
        "format": "recovery-tui-plan",
        "version": 1,
        "exported_at": datetime.combine(today, time(9, 30)).isoformat(),
        "profile": {"name": "Sam", "review_every_days": 30},
        "focus_areas": focus_areas(first),
        "lapses": lapses,
        "assessments": all_assessments,
        "goals": all_goals,
        "triggers": all_triggers,
        "coping_skills": [
            {"id": "c1", "name": "Box breathing", "practice": "5 minutes each morning"},
            {"id": "c2", "name": "Urge surfing", "practice": "When a craving starts"},
            {"id": "c3", "name": "Play the tape forward", "practice": "Before any party"},
        ],
        "self_care": [
            {"id": "s1", "area": "sleep", "commitment": "In bed by 11 pm"},
            {"id": "s2", "area": "exercise", "commitment": "Run 3 times a week"},
            {"id": "s3", "area": "nutrition", "commitment": "Breakfast every day"},
        ],
        "warning_signs": [
            {
                "id": "w1",
                "sign": "Skipping meetings",
                "responses": ["Call my sponsor", "Go to an extra meeting"],
            },
            {"id": "w2", "sign": "Romanticising the old days", "responses": ["Read my list"]},
        ],
        "commitments": [
            {"id": "k1", "text": "Volunteer monthly", "consequence": "", "accountable_to": ""},
        ],
        "contacts": all_contacts,
        "meetings": [
            {"id": "m1", "name": "SMART Recovery", "when": "Tue 19:00", "where": "Library"},
            {"id": "m2", "name": "AA Saturday", "when": "Sat 10:00", "where": "St Mary's"},
        ],
        "avoid": [{"id": "v1", "text": "The old crew at the pool hall"}],
        "treatment": [
            {
                "id": "r1",
                "kind": "counseling",
                "detail": "Weekly counselling",
                "provider": "Dr. Lee",
                "next_date": iso(today + timedelta(days=5)),
            },
        ],
        "crisis_lines": [
            {"name": "My clinic after hours", "how": "555-0199", "verified": iso(first)},
        ],
        "checkins": checkins,
        "reviews": all_reviews,
    }


def dumps(data: Doc) -> str:
    """JSON laid out as ``recovery-tui export`` writes it (so sizes compare)."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def check(text: str) -> None:
    """Read the text back with the app's own reader (strict; raises PlanError)."""
    from recovery_tui.exchange import loads_plan

    loads_plan(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10, help="years of daily use (default 10)")
    parser.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    parser.add_argument("--seed", type=int, default=8, help="random seed (default 8)")
    parser.add_argument(
        "--today", type=date.fromisoformat, default=None,
        help="the day the plan is used (YYYY-MM-DD; default: today); it ends the day before",
    )  # fmt: skip
    parser.add_argument(
        "--no-check", action="store_true", help="skip reading it back with recovery_tui"
    )
    args = parser.parse_args(argv)
    text = dumps(generate(args.years, args.seed, args.today))
    if not args.no_check:
        check(text)
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
        print(f"{args.output}: {len(text.encode()) / 1e6:.2f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
