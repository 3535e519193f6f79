"""The demo's writers and medical reviewers, with bios written by us (they are not real)."""

PEOPLE = [
    {
        "slug": "priya-raman",
        "name": "Priya Raman",
        "credentials": "RD",
        "role": "Registered dietitian",
        "bio": "Priya has spent ten years as a dietitian, first in hospital outpatient clinics "
        "and then in community programmes for people living with diabetes. She writes about "
        "food, digestion and how to read a nutrition headline without losing your appetite."
        "\n\nShe believes the best eating plan is one you can keep to on a busy Tuesday.",
        "profile_links": ["https://www.example.org/team/priya-raman"],
    },
    {
        "slug": "tom-whitaker",
        "name": "Tom Whitaker",
        "credentials": "",
        "role": "Health writer",
        "bio": "Tom trained as a science journalist and has covered public health for "
        "newspapers and radio. He likes to take one everyday belief at a time and ask what "
        "the studies behind it really measured.",
        "profile_links": [],
    },
    {
        "slug": "helen-okafor",
        "name": "Helen Okafor",
        "credentials": "RN",
        "role": "Nurse and sleep writer",
        "bio": "Helen worked night shifts as a ward nurse for twelve years, which is how she "
        "became interested in sleep. She now writes about rest, body clocks and the small "
        "routines that make a difference.",
        "profile_links": [],
    },
    {
        "slug": "marcus-lee",
        "name": "Marcus Lee",
        "credentials": "",
        "role": "Health writer",
        "bio": "Marcus writes about stress, mood and mental health, drawing on conversations "
        "with clinicians and with readers who have been there.",
        "profile_links": [],
    },
    {
        "slug": "amira-haddad",
        "name": "Amira Haddad",
        "credentials": "MD",
        "role": "General practitioner and medical reviewer",
        "bio": "Dr Haddad is a family doctor with a special interest in preventive care and "
        "nutrition. She reviews our articles on food, sleep and everyday health, checking "
        "each claim against current guidance before it is published."
        "\n\nShe still sees patients three days a week.",
        "profile_links": [
            "https://www.example.org/team/amira-haddad",
            "https://www.example.com/clinicians/amira-haddad",
        ],
    },
    {
        "slug": "daniel-moreau",
        "name": "Daniel Moreau",
        "credentials": "PhD",
        "role": "Clinical psychologist",
        "bio": "Dr Moreau is a clinical psychologist who works with adults living with anxiety "
        "and long-term stress. He reviews our articles on the mind.",
        "profile_links": [],
    },
]
