"""Demo articles on nutrition: gut microbes and mood, fermented foods, hydration myths."""

GUT_AND_MOOD = """\
Most of us know the feeling: a nervous stomach before an exam, or a heavy lunch that leaves us
flat for the afternoon. The link between the gut and the brain is more than a figure of speech.
Researchers study it as the gut–brain axis, and the trillions of microbes that live in the
intestine are part of the conversation.

## A line that runs both ways

The gut and the brain talk through several channels at once. The vagus nerve carries signals in
both directions. The lining of the gut makes hormones and signalling molecules, and the immune
cells around it release messengers that travel in the blood. Gut microbes add their own products
to the mix, including short-chain fatty acids, which they make when they ferment fibre.

None of this means that your mood is "made in the gut". It means that the body is one system, and
what happens in the digestive tract is one of many things the brain takes into account.

## What the research shows, and what it doesn't

Much of the striking evidence comes from animals. Mice raised without any gut microbes, for
example, respond to stress differently from ordinary mice. Studies in people are harder to run,
and their results are more modest. Some find that people with depression tend to carry a
different mix of gut bacteria from people without it, but a finding like that cannot tell us
which came first: low mood changes how we eat, sleep and move, and all of those change the
microbes.

Trials of probiotic supplements for mood have given mixed results, with small effects in some
studies and none in others. The strains, doses and people studied vary so much that firm
conclusions are not yet possible. For now, no probiotic is an established treatment for anxiety
or depression.

## What is reasonable to do today

The habits most likely to support a varied community of gut microbes are ones that are good for
you anyway:

- **Eat more fibre, from many different plants.** Vegetables, fruit, pulses, wholegrains, nuts
  and seeds each feed different microbes. Most adults eat well below the 30 grams a day that UK
  guidance recommends.
- **Include fermented foods if you enjoy them.** Live yoghurt, kefir, sauerkraut and kimchi are
  sensible parts of a varied diet.
- **Go easy on ultra-processed foods**, which tend to be low in fibre and take the place of
  foods that are not.
- **Move, sleep and look after your stress levels.** Each affects both mood and digestion, so
  they pull in the same direction.
- **Take antibiotics only when they are needed**, and always as prescribed.

## When to get help

If low mood, worry or a loss of interest in things lasts for more than a couple of weeks, or gets
in the way of daily life, talk to your doctor. A change in bowel habit that does not settle, blood
in your stool or weight loss you cannot explain also need a medical opinion. Food can support how
you feel, but it does not replace care.

To your health,

The Healthsite team
"""

FERMENTED_FOODS = """\
Kimchi, kefir, kombucha, miso, sauerkraut, live yoghurt: fermented foods have moved from the back
of the fridge to the front of the supermarket. They are old foods with a new reputation, and it
helps to separate what is known from what is hoped.

## What fermentation is

Fermentation is food being partly digested by microbes before we eat it. Bacteria or yeasts break
down sugars and starches and produce acids, gases or alcohol. That is what gives sauerkraut its
sourness and kefir its fizz. For most of history, fermenting was a way to keep food safe and
edible for longer.

Not every fermented food still contains live microbes when it reaches your plate. Bread, most
beer and wine, and many shelf-stable pickles are baked, heated or filtered, and pickles made with
vinegar were never fermented at all. If live cultures matter to you, look for "live" or "contains
live cultures" on the label, and for products kept in the chilled aisle.

## What the evidence suggests

A few things are well established. Yoghurt and kefir are good sources of protein and calcium,
and many people who struggle with lactose find yoghurt easier to digest, because its cultures
have already broken down some of the milk sugar. Fermented vegetables count towards your
vegetables like any others.

Beyond that, the picture is promising but incomplete. A small number of controlled studies have
found that eating fermented foods every day for several weeks increased the variety of microbes
in the gut and lowered some markers of inflammation. Those studies were short and involved few
people, so they are a reason for interest, not a promise of benefit. Fermented foods are also
not the same as probiotic supplements, which contain particular strains in measured doses and are
studied separately.

## Sensible ways to enjoy them

- **Start small.** A spoonful of sauerkraut or a small glass of kefir is plenty at first; a large
  amount all of a sudden can cause wind and bloating.
- **Check the salt and sugar.** Many fermented vegetables are salty, and some kombuchas and
  flavoured yoghurts carry a surprising amount of sugar. Read the label.
- **Keep variety as the goal.** A fermented food is one part of a diet rich in plants, not a
  replacement for it.
- **Take care with home fermenting.** Use clean equipment, follow a trusted recipe, and throw
  away anything that smells wrong or grows mould.

## Who should check first

If your immune system is weakened, for example during chemotherapy or after a transplant, ask
your care team before eating unpasteurised or live-culture foods; the same goes for unpasteurised
products during pregnancy. People who take the antidepressants called MAOIs are told to limit
aged and fermented foods that are high in tyramine, such as some cheeses, soy sauce and
sauerkraut. Their prescriber can explain which ones.

To your health,

The Healthsite team
"""

HYDRATION_MYTHS = """\
Few health tips are repeated as often as "drink eight glasses of water a day". It is easy to
remember, and it is not a bad habit. But it is a rule of thumb rather than a scientific
requirement, and some of the ideas that have grown up around it are simply wrong.

## Myth 1: everyone needs exactly eight glasses

How much fluid you need depends on your size, how active you are, the weather and your health,
so public health bodies give ranges rather than one number. In the UK, the NHS suggests around 6
to 8 cups or glasses of fluid a day for most adults, and more in hot weather or when you exercise.
A good share of our water, often around a fifth, also comes from food, especially fruit,
vegetables, soups and yoghurt.

For most healthy adults, thirst is a reliable guide. If you drink when you are thirsty and your
urine is pale yellow, you are very likely drinking enough.

## Myth 2: tea and coffee dehydrate you

Caffeine has a mild diuretic effect, but in the amounts most people drink, tea and coffee still
leave you with a net gain of fluid, so they count towards your daily total. There are other good
reasons to keep caffeine moderate, such as sleep, and pregnant women are advised to limit it.

## Myth 3: if you're thirsty, you're already dehydrated

Thirst is an early signal, not a late one. It starts when your blood becomes slightly more
concentrated, well before that does any harm. The exceptions matter, though: older adults often
feel thirst less strongly, and young children may not say that they are thirsty. For them,
offering drinks regularly is wise.

## Myth 4: more water is always better

Drinking far more than you need does not flush out "toxins"; your kidneys and liver do that job
whatever you drink. In rare cases, drinking very large amounts in a short time, as sometimes
happens during long endurance events, can dilute the salt in the blood to dangerous levels. It is
uncommon, but it is a reminder that more is not automatically better.

## Myth 5: water makes you lose weight

Swapping sugary drinks for water is one of the simplest ways to cut calories without feeling
deprived, and that effect is real. Water itself, however, does not melt fat. It helps through
what it replaces.

## Habits that help

- Keep a glass or a bottle where you can see it, especially if you work at a desk.
- Drink a little more when it is hot, when you have a fever or diarrhoea, and around exercise.
- Choose water, milk or unsweetened drinks most of the time, and keep fruit juice to a small
  glass a day.
- If you have heart or kidney disease, follow the fluid advice of your own care team, which may
  differ from general advice.

To your health,

The Healthsite team
"""

ARTICLES = [
    {
        "slug": "gut-microbes-and-mood",
        "title": "Your gut microbes and your mood: what the science can say so far",
        "author": "priya-raman",
        "excerpt": "The gut and the brain talk to each other, and gut microbes are part of the "
        "conversation. Here is what the research shows, what it does not, and what is "
        "reasonable to do today.",
        "category": "nutrition",
        "tags": ["gut-health", "mood", "fibre"],
        "status": "published",
        "days_ago": 3,
        "reviewer": "amira-haddad",
        "reviewed_days_ago": 4,
        "key_points": [
            "The gut and the brain signal to each other through nerves, hormones and the "
            "immune system, and gut microbes take part.",
            "Most striking findings come from animals; studies in people are more modest.",
            "No probiotic is an established treatment for anxiety or depression.",
            "Fibre from many plants, fermented foods you enjoy, sleep and movement support a "
            "varied gut community.",
        ],
        "sources": [
            {
                "title": "Good foods to help your digestion",
                "publisher": "NHS",
                "url": (
                    "https://www.nhs.uk/live-well/eat-well/digestive-health/good-foods-to-h"
                    "elp-your-digestion/"
                ),
            },
            {
                "title": "How to get more fibre into your diet",
                "publisher": "NHS",
                "url": (
                    "https://www.nhs.uk/live-well/eat-well/digestive-health/how-to-get-more"
                    "-fibre-into-your-diet/"
                ),
            },
            {
                "title": "Probiotics: what you need to know",
                "publisher": "NIH National Center for Complementary and Integrative Health",
                "url": "https://www.nccih.nih.gov/health/probiotics-what-you-need-to-know",
            },
            {
                "title": "Depressive disorder (depression)",
                "publisher": "World Health Organization",
                "url": "https://www.who.int/news-room/fact-sheets/detail/depression",
            },
        ],
        "cta_text": "Curious how everyday food choices shape how you feel? Browse the rest of "
        "our nutrition articles.",
        "cta_url": "/category/nutrition/",
        "cta_label": "Explore nutrition",
        "motif": "waves",
        "palette": ((214, 236, 240), (120, 180, 200), (40, 110, 140), (255, 255, 255)),
        "alt": "Soft blue waves rolling across a pale sky, an illustration.",
        "body": GUT_AND_MOOD,
    },
    {
        "slug": "fermented-foods",
        "title": "Fermented foods: a realistic guide",
        "author": None,
        "excerpt": "",
        "category": "nutrition",
        "tags": ["fermented-foods", "gut-health"],
        "status": "published",
        "days_ago": 8,
        # Reviewed long ago: its review comes due within the month (REVIEW_VALID_MONTHS=12).
        "reviewer": "daniel-moreau",
        "reviewed_days_ago": 350,
        "sources": [
            {
                "title": "Probiotics",
                "publisher": "NHS",
                "url": "https://www.nhs.uk/conditions/probiotics/",
            },
            {
                "title": "Probiotics: what you need to know",
                "publisher": "NIH National Center for Complementary and Integrative Health",
                "url": "https://www.nccih.nih.gov/health/probiotics-what-you-need-to-know",
            },
            {
                "title": "Food safety",
                "publisher": "World Health Organization",
                "url": "https://www.who.int/news-room/fact-sheets/detail/food-safety",
            },
        ],
        "cta_text": "Want the bigger picture on fibre, microbes and mood? Read our guide to the "
        "gut–brain connection.",
        "cta_url": "/articles/gut-microbes-and-mood/",
        "cta_label": "Read the guide",
        "motif": "jars",
        "palette": ((250, 240, 225), (230, 200, 160), (170, 100, 70), (255, 250, 240)),
        "alt": "Three glass jars of fermenting vegetables on a wooden shelf, an illustration.",
        "body": FERMENTED_FOODS,
    },
    {
        "slug": "hydration-myths",
        "title": "Hydration myths: do you really need eight glasses a day?",
        "author": "tom-whitaker",
        "excerpt": "Eight glasses a day is a rule of thumb, not a law. Five common beliefs about "
        "water, and what the evidence says about each.",
        "category": "nutrition",
        "tags": ["hydration", "everyday-habits"],
        "status": "published",
        "days_ago": 13,
        "updated_days_ago": 2,
        "reviewer": "amira-haddad",
        "reviewed_days_ago": 2,
        "sources": [
            {
                "title": "Water, drinks and your health",
                "publisher": "NHS",
                "url": (
                    "https://www.nhs.uk/live-well/eat-well/food-guidelines-and-food-labels/"
                    "water-drinks-nutrition/"
                ),
            },
            {
                "title": "Dehydration",
                "publisher": "NHS",
                "url": "https://www.nhs.uk/conditions/dehydration/",
            },
            {
                "title": "Water and healthier drinks",
                "publisher": "Centers for Disease Control and Prevention",
                "url": "https://www.cdc.gov/healthy-weight-growth/water-healthy-drinks/",
            },
        ],
        "cta_text": "Small daily habits add up. See what else we have written about them.",
        "cta_url": "/tag/everyday-habits/",
        "cta_label": "Everyday habits",
        "motif": "drops",
        "palette": ((225, 240, 250), (150, 200, 235), (60, 140, 200), (255, 255, 255)),
        "alt": "Blue water droplets falling against a pale blue background, an illustration.",
        "body": HYDRATION_MYTHS,
    },
]
