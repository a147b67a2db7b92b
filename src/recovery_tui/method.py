"""The method's own words (method.md): questionnaire items, answer scales, section hints.

Kept in one place so every tab, the written plan and the tests quote the same text.
"""

from __future__ import annotations

BARC10_STATEMENTS = (
    "There are more important things to me in life than using substances.",
    "In general I am happy with my life.",
    "I have enough energy to complete the tasks I set myself.",
    "I am proud of the community I live in and feel part of it.",
    "I get lots of support from friends.",
    "I regard my life as challenging and fulfilling without the need for using drugs or alcohol.",
    "My living space has helped to drive my recovery journey.",
    "I take full responsibility for my actions.",
    "I am happy dealing with a range of professional people.",
    "I am making good progress on my recovery journey.",
)
BARC10_ANSWERS = (
    "Strongly disagree",
    "Disagree",
    "Somewhat disagree",
    "Somewhat agree",
    "Agree",
    "Strongly agree",
)
BARC10_THRESHOLD = 47
BARC10_NOTE = "Scores of 47 and above are associated with lasting recovery."
BARC10_CITATION = "BARC-10: Vilsaint et al., Drug and Alcohol Dependence, 2017."
BARC10_EVERY_DAYS = 90

AIM_LABELS = {"abstinence": "Abstinence", "reduction": "Reduction"}
CHALLENGE_LABELS = {
    "coping": "Limited coping skills",
    "support": "Thin support",
    "legal": "Legal trouble",
    "financial": "Financial trouble",
    "housing": "Housing",
    "triggers": "Specific triggers",
    "other": "Other",
}
STRENGTH_LABELS = {
    "personal": "Personal",
    "social": "Family and social",
    "community": "Community",
}

# One plain-language hint per assessment section: what to think about.
SECTION_HINTS = {
    "focus_areas": "Which substances or behaviours are you working on? Each has its own "
    "start date and its own aim: abstinence or reduction.",
    "motivations": "What drives your change? Career, family, health, self-esteem... Mark "
    "the one that matters most as your north star: it heads your plan.",
    "challenges": "What could get in the way? Limited coping skills, thin support, legal or "
    "financial trouble, housing, specific triggers, anything else.",
    "strengths": "What do you have going for you? Personal (health, skills, education, "
    "work), family and social (relationships, sober friends and outlets), community "
    "(treatment services, support groups, role models).",
    "barc10": "Ten statements about your recovery capital. Answer each from Strongly "
    "disagree (1) to Strongly agree (6). Take it at the start, then every 1-3 months, "
    "and after a lapse or a big change.",
    "physical_health": "Conditions, medications, nutrition, sleep, other needs. For opioid "
    "use: is medication-assisted treatment (MAT) part of your care?",
    "mental_health": "Co-occurring conditions (anxiety, depression, trauma...), therapies "
    "(CBT, EMDR, motivational interviewing, counseling), medications.",
    "social_circumstances": "Your living situation (is home supportive?), relationships, "
    "daily routine, and social circles that are a risk.",
    "use_history": "For each focus area: the pattern of use, since when, the last use, "
    "and earlier attempts and treatment.",
}

TRIGGER_KIND_LABELS = {
    "person": "Person",
    "place": "Place",
    "thing": "Thing",
    "emotion": "Emotion",
    "situation": "Situation",
}
TRIGGER_AREA_LABELS = {
    "environmental": "Environmental",
    "emotional": "Emotional",
    "social": "Social",
}
SELF_CARE_LABELS = {
    "sleep": "Sleep",
    "nutrition": "Nutrition",
    "exercise": "Exercise",
    "hobby": "Hobby",
    "relaxation": "Relaxation",
    "other": "Other",
}
HALT_LABELS = {"hungry": "Hungry", "angry": "Angry", "lonely": "Lonely", "tired": "Tired"}
# Which self-care areas answer each HALT state; coping skills answer all of them.
HALT_SELF_CARE = {
    "hungry": ("nutrition",),
    "angry": ("relaxation", "exercise"),
    "lonely": ("hobby", "other"),
    "tired": ("sleep", "relaxation"),
}
HALT_FIRST_STEP = {
    "hungry": "Eat something nourishing, even something small.",
    "angry": "Pause before you act: breathe, walk, write it down.",
    "lonely": "Reach out to someone who supports you: a call or a message.",
    "tired": "Rest: lie down, or plan an early night.",
}

STRATEGY_HINTS = {
    "triggers": "The people, places, things, emotions and situations that raise cravings, "
    "and how strong each is. Give each its own specific strategies: the bar on your way "
    'home -> "take another route home every day".',
    "coping_skills": "Deep breathing, journaling, healthy activities, self-soothing, urge "
    "surfing, a HALT check. For each: how you will learn or practise it.",
    "halt": "Before a craving grows, check: am I Hungry, Angry, Lonely or Tired? Press h, "
    "a, l or t to mark what is true now and see your own steps for it.",
    "self_care": "Sleep, nutrition, exercise, hobbies, relaxation, as concrete "
    'commitments: "in bed by 11 pm to get eight hours of sleep".',
    "warning_signs": "The early signs that a lapse may be coming (skipping meetings, "
    "isolating, romanticising use), each with specific responses: call my sponsor, go "
    "to an extra meeting, reach my therapist.",
    "commitments": "Volunteering, education, other promises to yourself; if you want, a "
    "consequence you set and the person who holds you to it.",
}

ROLE_LABELS = {
    "family": "Family",
    "friend": "Friend",
    "peer": "Peer group",
    "sponsor": "Sponsor",
    "professional": "Professional",
    "crisis": "Crisis line or service",
}
TREATMENT_LABELS = {
    "therapy": "Therapy",
    "counseling": "Counseling",
    "mat": "Medication-assisted treatment (MAT)",
    "medical": "Medical",
    "other": "Other",
}
SUPPORT_HINTS = {
    "contacts": "The people who help you: family, friends, your peer group (AA, NA, SMART "
    "Recovery...), your sponsor, professionals. How and when to reach them, how they help, "
    "and whether to call them in a crisis.",
    "meetings": "Your meetings: name, day and time, place or link.",
    "avoid": "People and places to keep a distance from, for now.",
    "treatment": "Therapy, counseling, medication-assisted treatment (MAT), medical care: "
    "what it is, who provides it, and the next date.",
    "crisis_lines": "Your own crisis lines, local ones too, with the date you last checked "
    "them. The national lines are always on the crisis screen (F2 or !).",
}

REVIEW_KIND_LABELS = {
    "monthly": "Monthly",
    "quarterly": "Quarterly",
    "life_event": "After a life event",
    "lapse": "After a lapse",
}
REVIEW_HINTS = {
    "reviews": "A living plan: every month or quarter, and after a big life event (a new job, "
    "a move, a relationship change, a health issue, a lapse), look at it again. Are your "
    "goals still relevant? What is new, what works, what to celebrate, what to adjust? "
    "Press g on a review to change a goal: the change is applied and kept with the review.",
    "lapses": "A lapse is information to learn from, never a failure. When you are ready: "
    "what happened, the trigger, what helped or would have, and what the plan should change.",
}

# The daily check-in's words, shared by the form and the plain (line by line) check-in.
MOOD_WORDS = {1: "very low", 2: "low", 3: "okay", 4: "good", 5: "very good"}
CHECKIN_TEXTS = (
    ("helped", "What helped", "e.g. called Alex, went for a walk"),
    ("good_thing", "One good thing", "e.g. dinner with the kids"),
    ("note", "A note", "anything else (optional)"),
)
LAPSE_WORDS = (
    "Thank you for being honest. A lapse is information, not a failure: your total days "
    "still count. When you are ready, a short debrief can help the plan fit better."
)

# Days in recovery in words (method.md, "Keep it alive"): a lapse starts a new run and its day
# is not added to the days in all, but it never takes a day away. So no "day 0" and no total
# that drops without a word of why. Filled in by progress.py, shown by every place with days.
DAYS_WORDS = {
    # beside a focus area's name: the header, the Assessment rows, the check-in summary
    "short": "day {current}",
    "short_lapse_today": "new run tomorrow, {kept} kept",
    "short_lapse_first_day": "new run tomorrow",
    "short_not_started": "starts {since}",
    # "This run: ..." in the Days section, "this run ..." in the written plan
    "run_lapse_today": "begins tomorrow",
    "run_not_started": "starts {since}",
    # why the days in all are fewer than the days since the start
    "why_today": "Today's lapse is not added to the days in all; {kept} without use before "
    "it, all kept.",
    "why_today_first_day": "Today's lapse is not added to the days in all; they begin "
    "counting tomorrow.",
    "why_one": "{lapse} is not added to the days in all; no day without use is taken away.",
    "why_several": "The {count} lapse days, the latest {when}, are not added to the days in "
    "all; no day without use is taken away.",
    "lapse_yesterday": "Yesterday's lapse",
    "lapse_on_day": "The lapse on {day}",
    "when_yesterday": "yesterday",
    "when_on_day": "on {day}",
}
