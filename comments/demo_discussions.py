"""The demo discussions, written for the demo articles: (name, text, replies) per thread.

A reply whose name is None is a staff reply, posted under the demo staff account.
"""

STAFF = None

DISCUSSIONS = {
    "gut-microbes-and-mood": [
        (
            "Priya N.",
            "I work as a nurse and see a lot of patients whose digestive complaints and low "
            "mood seem to travel together. Good to read a piece that is honest about how "
            "early the research still is.",
            [
                (
                    STAFF,
                    "Thank you, Priya. That pairing comes up often in reader letters too. We "
                    "will update this article as larger human trials report.",
                    [],
                ),
            ],
        ),
        (
            "Tomás R.",
            "Would a shop-bought yogurt do anything here, or is it mostly marketing?",
            [
                (
                    "Helen W.",
                    "Worth checking the label for live cultures and added sugar. Plain ones "
                    "with live cultures are the better bet.",
                    [],
                ),
                (
                    STAFF,
                    "Helen's tip is a good one. The evidence for any single product is thin; "
                    "a varied diet with plenty of fibre is what the studies keep pointing to.",
                    [],
                ),
            ],
        ),
        ("Jo Anderson", "Interesting read. Looking forward to the next part.", []),
    ],
    "sleep-hygiene": [
        (
            "Marcus",
            "Keeping the same wake-up time on weekends made the biggest difference for me, "
            "more than anything about the evening.",
            [
                (
                    "Lena K.",
                    "Same here. Painful for the first fortnight, then it just clicked.",
                    [],
                ),
            ],
        ),
        (
            "Aisha B.",
            "What about naps? I work shifts and can't always get a full night.",
            [
                (
                    STAFF,
                    "Shift work is a special case, Aisha. A short nap of 20 minutes or so "
                    "before a night shift can help; your occupational health team can give "
                    "advice for your rota.",
                    [],
                ),
            ],
        ),
    ],
    "walking-after-meals": [
        (
            "Derek P.",
            "My doctor suggested this after my last blood test. Ten minutes round the block "
            "after dinner is now a family habit.",
            [(STAFF, "Lovely to hear it became a family habit, Derek.", [])],
        ),
        ("Sam", "Does it count if it's just pottering around the kitchen tidying up?", []),
    ],
    "breathing-and-stress": [
        (
            "Rosa M.",
            "I tried the longer out-breath before a job interview this week. It didn't make "
            "the nerves vanish but I felt steadier.",
            [
                (
                    STAFF,
                    "Steadier is exactly what it can offer, Rosa. Good luck with the outcome.",
                    [],
                ),
            ],
        ),
    ],
    "fermented-foods": [
        (
            "Gareth",
            "Home-made sauerkraut is easier than people think: cabbage, salt and patience.",
            [
                (
                    "Nina F.",
                    "How long do you leave it? Mine always goes too sour.",
                    [("Gareth", "About a week in a cool kitchen, then into the fridge.", [])],
                ),
            ],
        ),
        (
            "Chloe",
            "Is kombucha worth it? It's expensive where I live.",
            [
                (
                    STAFF,
                    "There is little evidence it does more than other fermented foods, so "
                    "choose what you enjoy and can afford.",
                    [],
                ),
            ],
        ),
    ],
    "hydration-myths": [
        (
            "Ben T.",
            "Finally someone says tea and coffee count. I've been told the opposite for years.",
            [(STAFF, "They do count, Ben, in the amounts most people drink.", [])],
        ),
        ("Maya", "Useful for my marathon training, thank you.", []),
    ],
}

# Comments awaiting moderation, so a new moderator finds work on the desk, each held for a
# different reason: (one-time key, article slug, name, text, the approved comment it answers
# (by its author's name) or None, hours ago). The demo adds HELD_WORD to the held words.
HELD_WORD = "miracle cure"
PENDING = [
    (
        "demo-pending-links",
        "hydration-myths",
        "Kai L.",
        "Three sources I found useful: https://example.org/water-study "
        "https://example.org/electrolytes and https://example.org/sports-drinks",
        None,
        30,
    ),
    (
        "demo-pending-held-word",
        "gut-microbes-and-mood",
        "Vera S.",
        "My neighbour swears kefir is a miracle cure for anxiety. Is there anything in that?",
        None,
        6,
    ),
    (
        "demo-pending-first-comment",
        "walking-after-meals",
        "Oscar D.",
        "First time commenting here. Does a slow walk count, or does it need to be brisk?",
        None,
        2,
    ),
    (
        "demo-pending-reply",
        "sleep-hygiene",
        "Ines G.",
        "Marcus, did you also keep the same bedtime, or only the wake-up time?",
        "Marcus",
        1,
    ),
]

# For the --comments benchmark discussion: short original sentences combined at random.
OPENINGS = [
    "Thanks for this article.",
    "This matches what I have noticed myself.",
    "I was not aware of this before.",
    "A useful summary.",
    "I have a question about this.",
    "My experience has been a little different.",
    "I shared this with my family.",
    "Good to see the sources listed.",
]
MIDDLES = [
    "Small daily habits seem to matter more than big changes.",
    "It took a few weeks before I noticed any difference.",
    "My pharmacist gave me similar advice last year.",
    "I would like to read more about the research behind this.",
    "Consistency was the hardest part for me.",
    "I started slowly and it became routine.",
    "It is reassuring to read something balanced.",
    "I wonder how this applies to older adults.",
]
CLOSINGS = [
    "Looking forward to the next article.",
    "Has anyone else tried this?",
    "I will keep you posted.",
    "",
    "Thank you to the team.",
    "More on this topic, please.",
]
FIRST_NAMES = [
    "Alex",
    "Bea",
    "Chen",
    "Dara",
    "Eli",
    "Fatima",
    "Gus",
    "Hana",
    "Ivo",
    "Jun",
    "Kofi",
    "Lia",
    "Mo",
    "Noor",
    "Olu",
    "Pia",
    "Quinn",
    "Ravi",
    "Sofia",
    "Theo",
    "Uma",
    "Vik",
]
LAST_NAMES = ["A.", "B.", "C.", "D.", "E.", "F.", "G.", "H.", "K.", "L.", "M.", "N.", "P."]
