"""Demo articles on everyday habits: sleep, a walk after meals, slow breathing for stress."""

SLEEP_HYGIENE = """\
"Sleep hygiene" sounds clinical, but it only means the habits and surroundings that make good
sleep more likely. Lists of sleep tips can run to dozens of rules. Here are the ones with the
best support, and what to do when habits are not enough.

## Keep a steady rhythm

Your body clock likes regularity. Getting up at roughly the same time every day, weekends
included, is one of the most useful changes you can make, because it anchors the whole cycle. A
fixed waking time lets sleep pressure build through the day, which makes it easier to fall asleep
at night.

Aim for the amount of sleep that leaves you alert during the day. For most adults that is seven
hours or more, though needs vary from person to person.

## Use light to your advantage

Light is the strongest signal your body clock receives. Daylight in the morning, even on a cloudy
day, helps to set it. In the evening, dimmer and warmer lighting helps the body get ready for
sleep. Bright screens late at night can delay sleep for some people, partly because of the light
and partly because of what we are doing on them.

## Keep the bedroom for sleeping

A dark, quiet and cool room helps, and so does a bed that is comfortable and a bedroom that is
not also your office. If you cannot control the noise or the light, earplugs and an eye mask are
cheap and effective.

## Watch caffeine, alcohol and late meals

Caffeine stays in the body for many hours. If you sleep poorly, try keeping coffee, tea, cola and
energy drinks to the morning. Alcohol may help you fall asleep, but it breaks up sleep later in
the night. A large meal close to bedtime can be uncomfortable; a light snack is fine if you are
hungry.

## Wind down, and don't fight it

In the hour before bed, switch to something calm: reading, a bath, gentle stretching or music. If
you have been lying awake for what feels like a long time, get up, go to another room and do
something quiet in dim light until you feel sleepy. Lying in bed frustrated teaches the brain to
link the bed with being awake.

If you need a nap during the day, keep it short and before the middle of the afternoon.

## When habits aren't enough

Good habits help most people, but they do not fix every sleep problem. Talk to a doctor if poor
sleep lasts for more than a few weeks or affects your days, if someone notices that you snore
loudly and seem to stop breathing in your sleep, or if you fall asleep when you need to be alert,
such as when driving. Long-term insomnia has an effective treatment, cognitive behavioural
therapy for insomnia (CBT-I), which for most people works better over time than sleeping pills.

To your health,

The Healthsite team
"""

WALKING_AFTER_MEALS = """\
In many cultures, a stroll after the main meal is simply what people do. It turns out to be one
of those traditions that science has caught up with: a short walk after eating is easy, free, and
has measurable effects on how the body handles a meal.

## What happens after you eat

When you eat a meal that contains carbohydrate, the sugar in your blood (glucose) rises, peaks
within an hour or two, and then falls again as insulin helps move it into your cells. Muscles are
among the biggest users of that glucose. When they are working, they can take it up in ways that
depend less on insulin, so even gentle movement helps to bring levels down.

## What the studies show

Several small controlled studies have compared sitting after a meal with walking. Walking for 10
to 15 minutes at an easy pace tends to give a lower and shorter rise in blood sugar. Some research
suggests that three short walks, one after each meal, can do more for blood sugar than a single
longer walk at another time of day, and reviews that pool these studies have found that even a
few minutes of light walking beats sitting still.

The effect matters most for people with type 2 diabetes or prediabetes, for whom large swings in
blood sugar are a concern. For everyone else, the walk is simply a pleasant way to add movement to
the day, and regular movement has well-established benefits for the heart, mood and sleep.

## How to make it a habit

- **Keep it short and easy.** Ten minutes at a comfortable pace is enough to start; you should
  be able to talk as you walk.
- **Go soon after eating.** Within half an hour of finishing the meal is a good window.
- **Tie it to a meal you eat at home.** The evening meal is often easiest: a loop around the
  block, walking the dog, or a trip to the postbox.
- **Make it social.** A walk with family, a friend or a neighbour is easier to keep up than one on
  your own.
- **Indoors counts too.** When the weather is bad, pacing during a phone call or a few flights of
  stairs will do.

## A note on safety

If you take insulin or another medicine that can cause low blood sugar, talk to your diabetes team
before changing your activity around meals, as they may want to adjust the dose or its timing. If
you have heart disease, or get chest pain, breathlessness or dizziness when you walk, see a doctor
before doing more.

Adults are advised to build up to at least 150 minutes of moderate activity a week, and brisk
walking counts. A ten-minute walk after each main meal, at a pace that warms you up, goes a long
way towards that target.

To your health,

The Healthsite team
"""

BREATHING_AND_STRESS = """\
When we are stressed, our breathing changes without our noticing: it becomes faster, shallower and
higher in the chest. The reverse also works, up to a point. Breathing slowly and deliberately is
one of the few ways we can directly influence the body's stress response, and it needs no
equipment and no appointment.

## Why slow breathing can help

The autonomic nervous system runs the body's automatic functions, and it has two broad modes: one
that prepares us for action and one that supports rest and digestion. Slow breathing, especially
with a longer breath out, seems to tip the balance towards the second. Your heart rate naturally
rises a little as you breathe in and falls as you breathe out, so lengthening the out-breath gives
the calming side more time.

Studies of slow-breathing practice have found reductions in how stressed and anxious people say
they feel, and some have found small falls in blood pressure. The studies vary in quality and the
effects are modest, but the technique carries little risk and is easy to try.

## A simple exercise

1. Sit or lie comfortably, with your shoulders relaxed. Rest a hand on your belly if it helps.
2. Breathe in gently through your nose for a count of about four, letting your belly rise rather
   than your chest.
3. Breathe out slowly through your nose or through pursed lips for a count of about six.
4. Carry on for three to five minutes. If counting makes you tense, drop it, and simply make each
   breath out a little longer than the breath in.

Find a pace that feels comfortable. If you feel light-headed, go back to normal breathing for a
while: you are probably breathing too deeply, not too slowly.

## Making it useful

Slow breathing works best when you practise it at calm times, so that it is familiar when you need
it. Some people tie it to something they already do: a few minutes before getting out of bed, on
the bus, or before opening their email. Others use it in the moment, before a difficult
conversation or when they wake in the night with a racing mind.

It is one tool among several. Regular physical activity, enough sleep, time with people you trust
and time outdoors all help the body recover from stress.

## When stress is more than stress

Everyone feels stressed at times. If anxiety or low mood is there most days for several weeks, or
if you are having panic attacks, talk to your doctor: effective help is available, including
talking therapies. If you ever feel that you might harm yourself, contact your local emergency
number or a crisis line straight away.

To your health,

The Healthsite team
"""

ARTICLES = [
    {
        "slug": "sleep-hygiene",
        "title": "Sleep hygiene that actually helps",
        "author": "helen-okafor",
        "excerpt": "A steady wake-up time, daylight in the morning and a calm last hour: the "
        "sleep habits with the best support, and what to do when habits are not enough.",
        "category": "sleep",
        "tags": ["sleep", "routines", "everyday-habits"],
        "status": "published",
        "days_ago": 5,
        "reviewer": "amira-haddad",
        "reviewed_days_ago": 6,
        "key_points": [
            "A regular wake-up time, every day of the week, steadies the body clock.",
            "Daylight in the morning and a dim, cool bedroom at night help you fall asleep.",
            "If you cannot sleep, get up and do something calm until you feel sleepy.",
            "Talk to a doctor if poor sleep lasts for weeks or affects your days.",
        ],
        "sources": [
            {
                "title": "Sleep and tiredness",
                "publisher": "NHS",
                "url": "https://www.nhs.uk/live-well/sleep-and-tiredness/",
            },
            {
                "title": "Insomnia",
                "publisher": "NHS",
                "url": "https://www.nhs.uk/conditions/insomnia/",
            },
            {
                "title": "Sleep",
                "publisher": "Centers for Disease Control and Prevention",
                "url": "https://www.cdc.gov/sleep/",
            },
            {
                "title": "Sleep deprivation and deficiency",
                "publisher": "NIH National Heart, Lung, and Blood Institute",
                "url": "https://www.nhlbi.nih.gov/health/sleep-deprivation",
            },
        ],
        "cta_text": "Sleep comes more easily after a calmer day. Try our short guide to slow "
        "breathing.",
        "cta_url": "/articles/breathing-and-stress/",
        "cta_label": "Try slow breathing",
        "motif": "moon",
        "palette": ((40, 50, 95), (95, 85, 150), (45, 55, 100), (245, 240, 220)),
        "alt": "A crescent moon and stars above dark rolling hills, an illustration.",
        "body": SLEEP_HYGIENE,
    },
    {
        "slug": "walking-after-meals",
        "title": "A short walk after meals: a small habit with real effects",
        "author": "tom-whitaker",
        "excerpt": "",
        "category": "movement",
        "tags": ["walking", "blood-sugar", "everyday-habits"],
        "status": "published",
        "days_ago": 18,
        "sources": [
            {
                "title": "Physical activity",
                "publisher": "World Health Organization",
                "url": "https://www.who.int/news-room/fact-sheets/detail/physical-activity",
            },
            {
                "title": "Physical activity guidelines for adults aged 19 to 64",
                "publisher": "NHS",
                "url": (
                    "https://www.nhs.uk/live-well/exercise/physical-activity-guidelines-for"
                    "-adults-aged-19-to-64/"
                ),
            },
            {
                "title": "Physical activity basics",
                "publisher": "Centers for Disease Control and Prevention",
                "url": "https://www.cdc.gov/physical-activity-basics/",
            },
            {
                "title": "Diabetes",
                "publisher": (
                    "NIH National Institute of Diabetes and Digestive and Kidney Diseases"
                ),
                "url": "https://www.niddk.nih.gov/health-information/diabetes",
            },
        ],
        "cta_text": "Looking for more ways to move a little more each day? Browse our movement "
        "articles.",
        "cta_url": "/category/movement/",
        "cta_label": "More on movement",
        "motif": "path",
        "palette": ((250, 235, 200), (170, 210, 160), (90, 150, 90), (255, 250, 235)),
        "alt": "A pale path winding over green hills under a low sun, an illustration.",
        "body": WALKING_AFTER_MEALS,
    },
    {
        "slug": "breathing-and-stress",
        "title": "Slow breathing for stressful moments",
        "author": "marcus-lee",
        "excerpt": "Breathing slowly, with a longer breath out, is one of the few direct levers "
        "we have on the stress response. Why it helps, and a simple exercise to try.",
        "category": "mind",
        "tags": ["stress", "breathing", "mood"],
        "status": "published",
        "days_ago": 24,
        "reviewer": "daniel-moreau",
        "reviewed_days_ago": 25,
        "sources": [
            {
                "title": "Breathing exercises for stress",
                "publisher": "NHS",
                "url": (
                    "https://www.nhs.uk/mental-health/self-help/guides-tools-and-activities"
                    "/breathing-exercises-for-stress/"
                ),
            },
            {
                "title": "Stress",
                "publisher": "World Health Organization",
                "url": "https://www.who.int/news-room/questions-and-answers/item/stress",
            },
            {
                "title": "Relaxation techniques: what you need to know",
                "publisher": "NIH National Center for Complementary and Integrative Health",
                "url": (
                    "https://www.nccih.nih.gov/health/relaxation-techniques-what-you-need-to-know"
                ),
            },
        ],
        "cta_text": "Stress and sleep are closely linked. Read our guide to the sleep habits that "
        "help.",
        "cta_url": "/articles/sleep-hygiene/",
        "cta_label": "Sleep better",
        "motif": "rings",
        "palette": ((235, 225, 245), (180, 160, 215), (120, 90, 170), (255, 255, 255)),
        "alt": "Soft lilac rings spreading out from a small circle, an illustration.",
        "body": BREATHING_AND_STRESS,
    },
]
