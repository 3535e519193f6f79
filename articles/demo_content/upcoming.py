"""Two demo articles that the public cannot see yet: a draft and a scheduled one."""

MORNING_LIGHT = """\
Your body runs on a clock of about 24 hours that shapes when you feel sleepy and alert, when
hormones rise and fall, and even how you digest food. That clock drifts a little each day and is
set again, mainly, by light.

## Why the morning matters

Light reaching the eyes in the morning tells the body clock that the day has begun. Outdoor light
is far brighter than ordinary indoor lighting, even under cloud, which is why a short time
outside soon after waking is a common suggestion for people whose sleep runs late.

## Simple ways to get more of it

- Open the curtains as soon as you get up, and have breakfast near a window.
- Walk, cycle or get off the bus a stop early on the way to work or school.
- Take a break outdoors in the morning rather than in the afternoon.

## A caution

Never look directly at the sun. If you have an eye condition, a mood disorder or a sleep problem
that is being treated, ask your doctor before trying a light box.

To your health,

The Healthsite team
"""

MORE_PLANTS = """\
Eating more plants does not have to mean a new diet, special products or giving up the foods you
enjoy. It can start with small additions to meals you already make.

## Add before you take away

Rather than cutting things out, try adding one plant food to each meal: a handful of frozen peas
in a pasta sauce, beans in a soup, an apple with lunch, seeds on your cereal. Frozen and tinned
vegetables, fruit and pulses count and keep well.

## Aim for variety

Different plants bring different kinds of fibre and nutrients. A simple game is to count how many
different plant foods you eat in a week; herbs, spices, nuts and wholegrains all count.

## Go at your own pace

If you are not used to much fibre, increase it gradually and drink enough, which helps your gut
adjust. If you have a digestive condition, your doctor or a dietitian can advise you.

To your health,

The Healthsite team
"""

ARTICLES = [
    {
        "slug": "morning-light-and-your-body-clock",
        "title": "Morning light and your body clock",
        "author": "helen-okafor",
        "excerpt": "Light in the morning helps set the body clock. Why it matters for sleep, and "
        "easy ways to get more of it.",
        "category": "sleep",
        "tags": ["sleep", "body-clock", "routines"],
        "status": "draft",
        "sources": [
            {
                "title": "Sleep and tiredness",
                "publisher": "NHS",
                "url": "https://www.nhs.uk/live-well/sleep-and-tiredness/",
            },
        ],
        "cta_text": "More on sleeping well, from our sleep section.",
        "cta_url": "/category/sleep/",
        "cta_label": "Sleep articles",
        "motif": "sun",
        "palette": ((255, 226, 180), (250, 170, 130), (200, 120, 80), (255, 248, 225)),
        "alt": "A pale sun rising over warm orange hills, an illustration.",
        "body": MORNING_LIGHT,
    },
    {
        "slug": "eating-more-plants",
        "title": "Eating more plants without overthinking it",
        "author": "priya-raman",
        "excerpt": "Small additions rather than strict rules: simple ways to put more vegetables, "
        "fruit, pulses and wholegrains on your plate.",
        "category": "nutrition",
        "tags": ["fibre", "everyday-habits"],
        "status": "scheduled",
        "days_ahead": 3,
        "reviewer": "amira-haddad",
        "reviewed_days_ago": 1,
        "sources": [
            {
                "title": "Healthy diet",
                "publisher": "World Health Organization",
                "url": "https://www.who.int/news-room/fact-sheets/detail/healthy-diet",
            },
            {
                "title": "5 A Day: what counts?",
                "publisher": "NHS",
                "url": "https://www.nhs.uk/live-well/eat-well/5-a-day/5-a-day-what-counts/",
            },
        ],
        "cta_text": "See what else we have written about food and health.",
        "cta_url": "/category/nutrition/",
        "cta_label": "Explore nutrition",
        "motif": "leaves",
        "palette": ((226, 240, 214), (160, 200, 150), (60, 120, 70), (240, 250, 230)),
        "alt": "A green stem with broad leaves against a pale green background, an illustration.",
        "body": MORE_PLANTS,
    },
]
