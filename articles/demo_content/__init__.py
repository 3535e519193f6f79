"""
The demo publication's content, written by us: site texts, categories, tags, articles, pages.

Plain data only; `articles.demo` turns it into rows. Articles are dicts of Article field values
plus a few seeding keys: `category` and `tags` (slugs), `author` and `reviewer` (slugs of
PEOPLE, or None), `status`, `days_ago` or `days_ahead` (the publication date relative to the
run), `updated_days_ago`, `reviewed_days_ago`, `key_points` and `sources` (lists: of lines,
and of dicts of Source field values), and `motif`, `palette` and `alt` for the drawn featured
image. PEOPLE are dicts of Person field values (`profile_links` a list).
"""

from . import daily, nutrition, pages, people, upcoming

SITE_NAME = "Healthsite"
TAGLINE = "Evidence-minded health, plainly told"
COPYRIGHT = "© {year} Healthsite. All rights reserved."

DISCLAIMER = """\
Everything on Healthsite is published for general information only. It is not medical advice, \
and it cannot take account of your own health, history or medicines.

Talk to a doctor, pharmacist or other qualified health professional before you change a \
treatment, your diet or your exercise, or if a symptom worries you, and never put off seeking \
care because of something you read here. In an emergency, call your local emergency number \
straight away.

Reading this site, or taking part in its discussions, does not create a doctor–patient \
relationship, or any other professional relationship, between you and Healthsite, its writers \
or its reviewers."""

CATEGORIES = [
    {
        "slug": "nutrition",
        "name": "Nutrition",
        "description": "What we eat and drink, and what the evidence says about it.",
    },
    {
        "slug": "sleep",
        "name": "Sleep",
        "description": "Habits, rhythms and the science of a good night.",
    },
    {
        "slug": "movement",
        "name": "Movement",
        "description": "Everyday activity, from a short walk to a regular routine.",
        # Shows a category whose articles need no medical sign-off.
        "requires_review": False,
    },
    {
        "slug": "mind",
        "name": "Mind",
        "description": "Stress, mood and looking after your mental health.",
    },
]

TAGS = {
    "gut-health": "Gut health",
    "mood": "Mood",
    "fibre": "Fibre",
    "fermented-foods": "Fermented foods",
    "hydration": "Hydration",
    "everyday-habits": "Everyday habits",
    "sleep": "Sleep",
    "routines": "Routines",
    "body-clock": "Body clock",
    "walking": "Walking",
    "blood-sugar": "Blood sugar",
    "stress": "Stress",
    "breathing": "Breathing",
}

PEOPLE = people.PEOPLE

ARTICLES = [*nutrition.ARTICLES, *daily.ARTICLES, *upcoming.ARTICLES]

# Curated related posts, in order: the slug of another demo article, or an external page.
RELATED = {
    "gut-microbes-and-mood": ["fermented-foods", "breathing-and-stress"],
    "fermented-foods": [
        "gut-microbes-and-mood",
        {
            "url": "https://www.nhs.uk/live-well/eat-well/digestive-health/"
            "good-foods-to-help-your-digestion/",
            "title": "Good foods to help your digestion (NHS)",
            "excerpt": "The NHS's practical guide to fibre, fluids and the everyday foods that "
            "keep digestion comfortable.",
        },
    ],
    "hydration-myths": ["walking-after-meals"],
    "sleep-hygiene": ["breathing-and-stress", "walking-after-meals"],
    "walking-after-meals": ["hydration-myths", "sleep-hygiene"],
    "breathing-and-stress": ["sleep-hygiene", "gut-microbes-and-mood"],
}

# Images of the media library, each placed in a demo article's body after its opening paragraph.
LIBRARY_IMAGES = [
    {
        "alt": "Two walkers on a path between fields at sunset, an illustration.",
        "caption": "Ten minutes on foot after dinner is a good start.",
        "credit": "Illustration: the Healthsite team",
        "motif": "sun",
        "palette": ((252, 228, 190), (235, 170, 120), (200, 110, 70), (255, 245, 225)),
        "article": "walking-after-meals",
    },
]

FLAT_PAGES = [
    {"url": "/terms/", "title": "Terms & Conditions", "content": pages.TERMS},
    {"url": "/privacy/", "title": "Privacy Policy", "content": pages.PRIVACY},
]
