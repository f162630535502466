"""The demo community's words: members, discussions with replies, and answered questions.

Written for this site, in members' own plain voices, so a newcomer sees what the community
is for. Each discussion and question names the articles (by slug) it is about; those missing
from a site are left out. Read by community.demo.
"""

MODERATOR = "RuthModerates"

MEMBERS = {
    MODERATOR: "I help look after this community. Be kind, and take what helps.",
    "MayaOnSlowDays": "Diagnosed in 2019. Gardener when my hands allow.",
    "TomInWales": "Dad of two, ex-builder, learning to pace.",
    "quiet_owl": "Night owl by necessity. I read the research so my brain fog doesn't have to.",
    "PriyaR": "Nurse, now a patient too. Curious about the science.",
    "SamWalksSlowly": "Short walks, long naps.",
    "Jo_and_the_cat": "The cat is the only one who understands flare days.",
    "AdeKnits": "Knitting keeps my hands moving. Fibro for 12 years.",
    "LenaB": "New here, still finding my way.",
}

WELCOME = {
    "title": "Welcome: start here",
    "author": MODERATOR,
    "tags": ["welcome"],
    "mechanisms": [],
    "body": (
        "Hello, and welcome. This is a place to talk about living with fibromyalgia, and about "
        "what the research says.\n\n"
        "A few things that help everyone:\n\n"
        "- **Share your own experience.** What works for one person may not work for another.\n"
        "- **Be kind.** Many of us are tired and in pain. Short replies are fine.\n"
        "- **Nothing here is medical advice.** Talk to your care team before you change "
        "treatment.\n"
        "- **Take your time.** What you type is kept as a draft, so nothing is lost if you "
        "need to stop.\n\n"
        "If a post is hard to read today, look for the content note before it. You can also "
        "mute anyone, and they will not know. Say hello below if you like!"
    ),
    "replies": [
        (
            "LenaB",
            "Hello everyone. Diagnosed last month and still taking it in. Glad this place exists.",
        ),
        (
            "MayaOnSlowDays",
            "Welcome @LenaB. The first months are the hardest. Ask anything, "
            "there are no silly questions here.",
        ),
        ("TomInWales", "Hi all. Lurked for ages, finally saying hello."),
    ],
}

DISCUSSIONS = [
    {
        "title": "Does a bad night always mean a bad day for you?",
        "author": "quiet_owl",
        "tags": ["sleep", "flares"],
        "mechanisms": ["sleep"],
        "body": "I read the sleep article. It says poor sleep can turn up pain the next day. "
        "For me it is almost like a rule: four hours of broken sleep and I ache everywhere by "
        "lunch. Is it the same for you?",
        "replies": [
            (
                "SamWalksSlowly",
                "Yes, every time. I keep a sleep diary now. Seeing it written "
                "down helped me stop blaming myself.",
            ),
            (
                "PriyaR",
                "Same. What helped me a little: same wake-up time every day, even "
                "weekends. Hard at first.",
            ),
            ("quiet_owl", "@PriyaR even weekends? That sounds brutal, but I might try it."),
            ("Jo_and_the_cat", "The cat decides my wake-up time. 5.30, no matter what."),
        ],
    },
    {
        "title": "Brain fog at work: what do you tell your boss?",
        "author": "TomInWales",
        "tags": ["brain fog", "work"],
        "mechanisms": ["central-sensitization"],
        "body": "Some afternoons I read the same email five times. My boss is fine, but I "
        "never know how much to explain. Do you tell them it is fibromyalgia?",
        "replies": [
            (
                "AdeKnits",
                "I told mine the name and one sentence: it affects pain, sleep and "
                "focus. Then I asked for what I needed. Short and practical worked best.",
            ),
            (
                "PriyaR",
                "Writing things down straight away saves me. A notebook beats my memory "
                "on fog days.",
            ),
            ("TomInWales", "Thanks both. One sentence and a request. I can do that."),
        ],
    },
    {
        "title": "Microglia: the part that finally made sense to me",
        "author": "PriyaR",
        "tags": ["research", "microglia"],
        "mechanisms": ["microglia", "glial-cells"],
        "body": "I always thought of the brain as just nerve cells. The article on microglia "
        "explains they are the brain's own guards, and in some studies they seem more active "
        "in people with fibromyalgia. It is early research, but it helped me to picture "
        "something real happening.",
        "replies": [
            (
                "quiet_owl",
                'Same for me. "Early research" is the key part though. I try not '
                "to get my hopes up about every new study.",
            ),
            (
                "MayaOnSlowDays",
                'It helped me explain it to my sister. She stopped saying "but you look fine".',
            ),
        ],
    },
    {
        "title": "Pacing: how do you stop the boom and bust?",
        "author": "SamWalksSlowly",
        "tags": ["pacing", "fatigue"],
        "mechanisms": ["treatments"],
        "body": "On a good day I do everything. Then I am flat for three days. I know pacing "
        "is the answer, but how do you actually do it?",
        "replies": [
            (
                "AdeKnits",
                "I set a timer for 20 minutes of any task, then sit for 10. Even on "
                "good days. Especially on good days.",
            ),
            (
                "MayaOnSlowDays",
                "I split jobs in half. Half the garden bed today, half tomorrow. "
                "It felt silly at first.",
            ),
            ("TomInWales", "Writing my plan the night before stops me overdoing it."),
            ("SamWalksSlowly", "A timer. That is so simple. Trying it this week."),
        ],
    },
    {
        "title": "Cold weather and flares",
        "author": "Jo_and_the_cat",
        "tags": ["weather", "flares"],
        "mechanisms": ["triggers"],
        "body": "Every year when it turns cold my pain goes up. Is that a known thing or just me?",
        "replies": [
            ("LenaB", "Not just you. I live in layers from October."),
            (
                "AdeKnits",
                "A heated blanket changed my winters. Warm before getting up helps the stiffness.",
            ),
            (
                "quiet_owl",
                "The triggers article says many people notice weather changes, even "
                "if studies do not agree on why.",
            ),
        ],
    },
    {
        "title": "Explaining central sensitization to my family",
        "author": "MayaOnSlowDays",
        "tags": ["family"],
        "mechanisms": ["central-sensitization"],
        "body": "I used the words from the article: the nervous system turns up the volume on "
        "pain. My mum said it was the first time she understood. What words work for you?",
        "replies": [
            (
                "TomInWales",
                "I say my alarm system is too sensitive. Like a smoke alarm that "
                "goes off when you make toast.",
            ),
            ("LenaB", "The smoke alarm is perfect. Stealing that."),
            ("PriyaR", "I say the pain is real, but the signal is too loud. That seems to land."),
        ],
    },
    {
        "title": "Gut problems alongside fibro?",
        "author": "LenaB",
        "tags": ["gut"],
        "mechanisms": ["gut-brain-axis"],
        "body": "Along with the pain I have a lot of stomach trouble. I saw there is an article "
        "on the gut-brain axis. Do many of you have both?",
        "replies": [
            (
                "Jo_and_the_cat",
                "Yes. My GP says it is common to have both. I keep a simple "
                "food and symptom note, then take it to appointments.",
            ),
            (
                "SamWalksSlowly",
                "Me too. The article was careful to say the research is still "
                "early, which I liked.",
            ),
        ],
    },
    {
        "title": "Small fiber neuropathy test: anyone had one?",
        "author": "AdeKnits",
        "tags": ["tests", "research"],
        "mechanisms": ["small-fiber-neuropathy"],
        "body": "My neurologist mentioned a skin biopsy to look at small nerve fibres. I am a "
        "bit nervous. Has anyone had it done?",
        "replies": [
            (
                "PriyaR",
                "I had one. A tiny sample from the lower leg, a plaster, and that was it. "
                "The wait for results was the hardest part.",
            ),
            ("AdeKnits", "Thank you, that helps a lot."),
        ],
    },
    {
        "title": "Stress and the body: the HPA axis article",
        "author": "TomInWales",
        "tags": ["stress", "research"],
        "mechanisms": ["hpa-axis"],
        "body": "Stress makes my pain worse, I know that much. The article on stress hormones "
        "explains a bit of why. Has anything helped you with the stress side?",
        "replies": [
            (
                "MayaOnSlowDays",
                "Ten slow breaths before I get out of the car. Sounds too small to "
                "matter, but it does.",
            ),
            ("quiet_owl", "Saying no more often. Still practising."),
            ("Jo_and_the_cat", "Stroking the cat. Science should study it."),
        ],
    },
    {
        "title": "Gentle exercise that does not flare you",
        "author": "PriyaR",
        "tags": ["exercise", "pacing"],
        "mechanisms": ["treatments"],
        "body": "My physio wants me to move more. Everything I try seems to flare me. What "
        "gentle movement works for you?",
        "replies": [
            (
                "SamWalksSlowly",
                "Walking, five minutes to start. I added a minute a week. Now I "
                "do twenty on most days.",
            ),
            ("AdeKnits", "Warm water pool sessions. The warmth helps as much as the movement."),
            ("LenaB", "Chair yoga videos on bad days."),
        ],
    },
    {
        "title": "Is fibromyalgia in the genes?",
        "author": "Jo_and_the_cat",
        "tags": ["research", "family"],
        "mechanisms": ["genetics"],
        "body": "My mum and my aunt both had pain like mine. The genetics article says it can "
        "run in families. Does that worry anyone else for their children?",
        "replies": [
            (
                "TomInWales",
                "It crosses my mind with my two. I try to remember that genes are "
                "only part of the story.",
            ),
            (
                "PriyaR",
                "The article says it is many genes, each with a small effect. Not a "
                "sure thing at all.",
            ),
        ],
    },
    {
        "title": "Neutrophils: did anyone else read the new study?",
        "author": "quiet_owl",
        "tags": ["research"],
        "mechanisms": ["neutrophils"],
        "body": "The article on neutrophils and sensory nerves covers a study in mice. "
        "Fascinating, but I had to read it twice. Can someone check I got it right: it is a "
        "clue, not a treatment yet?",
        "replies": [
            (
                "PriyaR",
                "That is how I read it too. A clue worth following, years from any treatment.",
            ),
            ("MayaOnSlowDays", "Thank you for asking. I was confused too."),
        ],
    },
]

QUESTIONS = [
    {
        "title": "Is fibromyalgia pain real if scans are normal?",
        "author": "LenaB",
        "mechanisms": ["central-sensitization"],
        "body": "My scans and blood tests were all normal. Does that mean nothing is wrong?",
        "answers": [
            (
                "PriyaR",
                "Normal scans are common with fibromyalgia. The pain is real: research "
                "points to how the nervous system processes signals, which standard scans do not "
                "show. The central sensitization article explains it well.",
                True,
            ),
            (
                "TomInWales",
                "I felt the same. Normal results were a relief and a frustration at once.",
                False,
            ),
        ],
    },
    {
        "title": "Why does poor sleep make my pain worse?",
        "author": "SamWalksSlowly",
        "mechanisms": ["sleep"],
        "body": "",
        "answers": [
            (
                "quiet_owl",
                "Studies suggest deep sleep helps the body turn pain signals down. "
                "When sleep is broken, that turning down seems to work less well, so pain can "
                "feel louder the next day.",
                True,
            ),
        ],
    },
    {
        "title": "What are glial cells, in plain words?",
        "author": "MayaOnSlowDays",
        "mechanisms": ["glial-cells", "microglia"],
        "body": "",
        "answers": [
            (
                "PriyaR",
                "They are support cells in the brain and spinal cord. They look after "
                "nerve cells and help defend the brain. Some may become too active in chronic "
                "pain. The glial cells article has a good picture.",
                True,
            ),
        ],
    },
    {
        "title": "Can stress start fibromyalgia?",
        "author": "Jo_and_the_cat",
        "mechanisms": ["triggers", "hpa-axis"],
        "body": "Mine began after a very hard year. Is that a coincidence?",
        "answers": [
            (
                "TomInWales",
                "Many people notice it began after stress, an illness or an injury. "
                "The triggers article says these may set it off in people who are already prone, "
                "but they are not the whole cause.",
                True,
            ),
        ],
    },
    {
        "title": "Is there a blood test for fibromyalgia?",
        "author": "AdeKnits",
        "mechanisms": ["neuroinflammation"],
        "body": "",
        "answers": [
            (
                "quiet_owl",
                "Not yet. Doctors diagnose it from your symptoms and by ruling out "
                "other conditions. Researchers are looking for markers, but none is ready for "
                "everyday use.",
                True,
            ),
        ],
    },
    {
        "title": "What does 'network disorder' mean?",
        "author": "TomInWales",
        "mechanisms": ["network-disorder"],
        "body": "The article calls fibromyalgia a network disorder. What does that mean for me?",
        "answers": [
            (
                "PriyaR",
                "It means the problem may lie in how brain areas talk to each other, not "
                "in one damaged spot. That can help explain why pain, sleep and focus are all "
                "affected together.",
                True,
            ),
        ],
    },
    {
        "title": "Do neurotransmitters explain why some medicines help?",
        "author": "LenaB",
        "mechanisms": ["neurotransmitters", "treatments"],
        "body": "",
        "answers": [
            (
                "AdeKnits",
                "Partly, as I understand it. Some medicines change the levels of "
                "chemical messengers that turn pain up or down. Your doctor can say which fits "
                "you.",
                True,
            ),
        ],
    },
    {
        "title": "Are astrocytes the same as microglia?",
        "author": "SamWalksSlowly",
        "mechanisms": ["astrocytes", "microglia"],
        "body": "",
        "answers": [
            (
                "quiet_owl",
                "No, both are glial cells but they do different jobs. Astrocytes look "
                "after the space around nerve cells; microglia are more like guards. Both are "
                "studied in chronic pain.",
                True,
            ),
        ],
    },
]

# (member, thread title) pairs: "Helpful" and "Me too" reactions to a discussion's opening.
REACTIONS = [
    ("SamWalksSlowly", "Does a bad night always mean a bad day for you?", "me_too"),
    ("TomInWales", "Does a bad night always mean a bad day for you?", "me_too"),
    ("LenaB", "Explaining central sensitization to my family", "helpful"),
    ("quiet_owl", "Pacing: how do you stop the boom and bust?", "helpful"),
    ("AdeKnits", "Cold weather and flares", "me_too"),
    ("PriyaR", "Welcome: start here", "helpful"),
]

# (member, thread title): who follows which discussion besides its author.
FOLLOWS = [
    ("LenaB", "Welcome: start here"),
    ("quiet_owl", "Microglia: the part that finally made sense to me"),
    ("SamWalksSlowly", "Gentle exercise that does not flare you"),
]
