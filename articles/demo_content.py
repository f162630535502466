"""Demo articles, glossary, FAQs and updates: original text in plain language.

Written fresh for this portal from the facts in the domain brief, for a reading age of 11 to
14: short sentences, everyday words, each science word explained or linked to the glossary.
"""

from articles.evidence import EvidenceLevel as E

# --- StreamField helpers ---------------------------------------------------------------------


def h(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def p(*sentences):
    return {"type": "paragraph", "value": f"<p>{' '.join(sentences)}</p>"}


def ul(*items):
    return {"type": "bullet_list", "value": {"items": list(items)}}


def means(*sentences):
    body = f"<p>{' '.join(sentences)}</p>"
    return {"type": "callout", "value": {"title": "What this means for you", "body": body}}


def claim(text, level, *references):
    """A finding with its own evidence level; `references` are keys of REFERENCES."""
    return {
        "type": "claim",
        "value": {"text": f"<p>{text}</p>", "evidence_level": level, "citations": list(references)},
    }


def faq(question, *answer):
    return {"type": "faq", "value": {"question": question, "answer": f"<p>{' '.join(answer)}</p>"}}


# --- People and references ------------------------------------------------------------------

PEOPLE = {
    "author": {"name": "Sam Okafor", "credentials": "", "role": "Health writer"},
    "reviewer": {
        "name": "Dr Priya Raman",
        "credentials": "MBBS, rheumatologist",
        "role": "Clinical reviewer",
    },
}

REFERENCES = {
    "graeber": (
        "Graeber MB, Christie MJ. Multiple mechanisms of microglia: a gatekeeper's "
        "contribution to pain states. Experimental Neurology. 2012;234(2):255-61."
    ),
    "light": (
        "Light KC, et al. Genetics and gene expression involving stress and distress pathways "
        "in fibromyalgia with and without comorbid chronic fatigue syndrome. Pain Research and "
        "Treatment. 2012;2012:427869."
    ),
    "tambuyzer": (
        "Tambuyzer BR, Ponsaerts P, Nouwen EJ. Microglia: gatekeepers of central nervous "
        "system immunology. Journal of Leukocyte Biology. 2009;85(3):352-70."
    ),
    "theoharides": (
        'Theoharides TC, et al. Brain "fog," inflammation and obesity: key aspects of '
        "neuropsychiatric disorders improved by luteolin. Frontiers in Neuroscience. "
        "2015;9:225."
    ),
    "yasui": (
        "Yasui M, et al. A chronic fatigue syndrome model demonstrates mechanical allodynia "
        "and muscular hyperalgesia via spinal microglial activation. Glia. "
        "2014;62(9):1407-17."
    ),
}

# --- Sections --------------------------------------------------------------------------------

MECHANISM_INDEX = {
    "slug": "mechanisms",
    "title": "Mechanisms",
    "seo_title": "How fibromyalgia works: the mechanisms",
    "intro": (
        "Scientists are finding out what goes on in the body in fibromyalgia. Each article "
        "below explains one piece of the puzzle in plain words."
    ),
}

FAQ_INDEX = {
    "slug": "faq",
    "title": "Questions people ask",
    "intro": (
        "Short answers to the questions people with fibromyalgia ask most. Each one links to "
        "an article that tells you more."
    ),
    "faqs": [
        faq(
            "Do scientists know the exact cause of fibromyalgia?",
            "Not yet. Most experts now think there is no single cause. Genes, the nervous "
            "system, the immune system, sleep and stress all seem to play a part. They feed "
            "into each other in a loop.",
        ),
        faq(
            "Is my pain real if my tests are normal?",
            "Yes. Standard tests look for damage to joints and muscles. In fibromyalgia the "
            "problem seems to be in how the nervous system handles signals. Normal tests do "
            "not mean the pain is imagined.",
        ),
    ],
}

UPDATES_INDEX = {
    "slug": "updates",
    "title": "Research updates",
    "intro": (
        "News about fibromyalgia research, explained in plain words. We say how strong each "
        "finding is and what it might mean for you."
    ),
}

# --- Mechanism articles ----------------------------------------------------------------------

MECHANISMS = [
    {
        "slug": "central-sensitization",
        "title": "Central sensitization",
        "evidence_level": E.ESTABLISHED,
        "summary": (
            "In fibromyalgia, the brain and spinal cord turn up the volume on pain. Signals "
            "that should feel mild feel strong, and the volume does not turn back down."
        ),
        "tags": ["pain", "nervous system", "brain"],
        "related": ["neurotransmitters", "glial-cells", "network-disorder"],
        "references": [],
        "body": [
            h("A volume knob for pain"),
            p(
                "Your nerves send messages to your spinal cord and brain all the time. The "
                "brain decides how loud each message should feel. In central sensitization, "
                "that volume knob is stuck on high.",
                "The word central means the brain and spinal cord. Sensitization means they "
                "have become extra sensitive.",
            ),
            h("Two kinds of extra pain"),
            ul(
                "Allodynia: pain from things that should not hurt, like a waistband, a hug or "
                "the touch of clothes.",
                "Hyperalgesia: normal pain, like a bump or a jab, feels much stronger than it "
                "should.",
            ),
            h("Normal pain and stuck pain"),
            p(
                "Normal pain protects you. If you touch a hot pan, pain makes you pull away. "
                "Once the danger has gone, the pain fades.",
                "With central sensitization, pain keeps going even when no part of the body "
                "is hurt. The alarm keeps ringing after the fire is out.",
            ),
            claim(
                "Brain scans called functional MRI show more activity in the parts of the "
                "brain that handle pain in people with fibromyalgia.",
                E.ESTABLISHED,
            ),
            means(
                "Your pain is real. It comes from how your nervous system handles signals, "
                "not from damage you cannot see. Treatments that calm the nervous system can "
                "help some people.",
            ),
        ],
        "faqs": [
            faq(
                "Why does a light touch hurt me?",
                "This is called allodynia. Your nervous system has become so sensitive that "
                "it reads a gentle touch as a threat. It is a known part of fibromyalgia.",
            )
        ],
    },
    {
        "slug": "glial-cells",
        "title": "Glial cells",
        "evidence_level": E.STRONG_HYPOTHESIS,
        "summary": (
            "Glial cells look after the nerve cells in the brain and spinal cord. When they "
            "become overactive, they may keep pain going long after the cause has gone."
        ),
        "tags": ["glia", "immune system", "brain fog"],
        "related": ["microglia", "astrocytes", "neuroinflammation"],
        "references": ["graeber", "tambuyzer"],
        "body": [
            h("The support staff of the nervous system"),
            p(
                "Your brain and spinal cord are made of two kinds of cells. Nerve cells carry "
                "messages. Glial cells look after the nerve cells.",
                "For a long time, scientists thought glial cells just held things together. "
                "Now we know they are busy and can change how nerves work.",
            ),
            h("Three kinds of glial cell"),
            ul(
                "Microglia: the immune cells of the brain and spinal cord.",
                "Astrocytes: star-shaped cells that manage the space around nerve cells.",
                "Oligodendrocytes: cells that make myelin, the coating around nerve fibres. "
                "They seem less involved in pain.",
            ),
            h("When glial cells get stuck on"),
            p(
                "Overactive glial cells may send out more signals that cause inflammation. "
                "This could boost pain messages and lower the point at which something starts "
                "to hurt. It could also make pain last after the trigger has gone.",
            ),
            claim(
                "Overactive glial cells may link many fibromyalgia symptoms: pain without "
                "damage, sensitivity, brain fog, poor sleep, ups and downs, and strong "
                "reactions to stress.",
                E.STRONG_HYPOTHESIS,
                "graeber",
            ),
            p(
                "Some scientists call glial cells a possible missing link. But they are hard "
                "to study in living people. Most of what we know comes from animal studies, "
                "brain scans and what doctors see in clinics.",
            ),
            means(
                "If this idea is right, future treatments may aim to calm glial cells. That "
                "research is still going on. For now, sleep, pacing and gentle activity are "
                "the main ways to help a sensitive nervous system.",
            ),
        ],
        "faqs": [
            faq(
                "Are glial cells the cause of fibromyalgia?",
                "They may be one important part, but no one has proven it yet. Most experts "
                "think fibromyalgia has several causes that work together.",
            )
        ],
    },
    {
        "slug": "microglia",
        "title": "Microglia",
        "evidence_level": E.STRONG_HYPOTHESIS,
        "summary": (
            "Microglia are the immune cells of the brain and spinal cord. If they stay "
            "switched on when there is no injury, they may keep pain going."
        ),
        "tags": ["glia", "immune system", "brain fog", "pain"],
        "related": ["glial-cells", "astrocytes", "neuroinflammation", "treatments"],
        "references": ["graeber", "tambuyzer", "yasui", "theoharides"],
        "body": [
            h("Guards of the brain"),
            p(
                "Microglia are tiny cells that guard the brain and spinal cord. The name "
                "comes from micro, which means small, and glia, which means glue.",
                "Most of the time they patrol quietly. They look for injury or germs.",
            ),
            h("What microglia do when they wake up"),
            ul(
                "They send out chemical messages called cytokines and chemokines.",
                "They clear away damaged cells.",
                "They call other cells to help.",
            ),
            p(
                "This is useful after an injury. The problem starts if microglia stay awake "
                "when there is nothing to fix.",
            ),
            claim(
                "Microglia that stay switched on without an injury are a leading idea for "
                "why pain keeps going in fibromyalgia.",
                E.STRONG_HYPOTHESIS,
                "graeber",
                "tambuyzer",
            ),
            claim(
                "A 2014 study in animals linked switched-on microglia in the spinal cord to "
                "sore muscles and pain from light touch.",
                E.STRONG_HYPOTHESIS,
                "yasui",
            ),
            claim(
                "Microglia may also play a part in brain fog. Some gene studies hint that "
                "certain genes make microglia in the spine more active.",
                E.EMERGING,
                "theoharides",
            ),
            h("Can microglia be calmed?"),
            p(
                "Low-dose naltrexone, often called LDN, is thought to calm microglia. It is a "
                "medicine already on sale for other uses. Doctors who prescribe it for "
                "fibromyalgia use it off-label. Larger trials are needed to know if it works.",
            ),
            means(
                "Ask your doctor before trying any medicine, including LDN. Research on "
                "microglia is exciting, but it has not yet led to an approved treatment for "
                "fibromyalgia.",
            ),
        ],
        "faqs": [
            faq(
                "Does low-dose naltrexone work?",
                "Some small studies and many patient reports are hopeful. But the larger "
                "trials that would prove it works have not been done yet. LDN is used "
                "off-label, so talk to your doctor about it.",
            )
        ],
    },
    {
        "slug": "astrocytes",
        "title": "Astrocytes",
        "evidence_level": E.STRONG_HYPOTHESIS,
        "summary": (
            "Astrocytes are star-shaped cells that manage the space around nerve cells. They "
            "may help lock pain in for the long term."
        ),
        "tags": ["glia", "pain"],
        "related": ["microglia", "glial-cells", "central-sensitization"],
        "references": ["graeber"],
        "body": [
            h("Star-shaped helpers"),
            p(
                "Astrocytes get their name from their star shape. They are a kind of glial "
                "cell in the brain and spinal cord.",
            ),
            h("What astrocytes do"),
            ul(
                "They control the chemical messengers that nerve cells use.",
                "They keep the balance of salts around nerve cells right.",
                "They help run the blood-brain barrier, the wall that protects the brain.",
                "They help shape the links between nerve cells.",
            ),
            h("Starting pain and keeping it going"),
            p(
                "Scientists think microglia help start inflammation. Astrocytes seem to keep "
                "it going. Over time they may help lock in a high level of sensitivity.",
            ),
            claim(
                "Astrocytes that stay active may help explain why fibromyalgia can last for years.",
                E.STRONG_HYPOTHESIS,
                "graeber",
            ),
            means(
                "Long-lasting pain does not mean nothing can change. The nervous system can "
                "calm down over time. Steady habits like good sleep and gentle movement give "
                "it the best chance.",
            ),
        ],
        "faqs": [],
    },
    {
        "slug": "neuroinflammation",
        "title": "Neuroinflammation",
        "evidence_level": E.STRONG_HYPOTHESIS,
        "summary": (
            "Neuroinflammation means inflammation inside the brain and spinal cord. It has no "
            "swelling or redness, and normal blood tests cannot see it."
        ),
        "tags": ["immune system", "brain fog", "inflammation"],
        "related": ["microglia", "glial-cells", "gut-brain-axis", "treatments"],
        "references": ["theoharides", "graeber"],
        "body": [
            h("Inflammation you cannot see"),
            p(
                "When you twist an ankle, it swells and turns red. That is inflammation you "
                "can see. Neuroinflammation is different. It happens at the level of cells "
                "inside the brain and spinal cord.",
            ),
            h("How it might happen"),
            ul(
                "Glial cells that stay switched on.",
                "An imbalance of cytokines, the immune system's messages.",
                "Small changes in the blood-brain barrier.",
                "Lower levels of serotonin and dopamine.",
            ),
            h("How scientists look for it"),
            p(
                "Standard blood tests and check-ups cannot find it. Researchers use PET scans "
                "with special tracers that light up active glial cells. Some also test the "
                "fluid around the spine.",
            ),
            claim(
                "Scan studies report more active glial cells in people with fibromyalgia "
                "than in healthy people.",
                E.STRONG_HYPOTHESIS,
                "graeber",
            ),
            h("Symptoms it may explain"),
            ul(
                "Pain all over the body.",
                "Fibro fog: trouble thinking, focusing and remembering.",
                "Being sensitive to sound, light and temperature.",
                "Tiredness that rest does not fix.",
                "Sleep that does not refresh you.",
                "Worry or low mood.",
            ),
            means(
                "This is one of the most active areas of research. It is not yet proven to "
                "be the main cause. No treatment is approved for neuroinflammation in "
                "fibromyalgia yet.",
            ),
        ],
        "faqs": [
            faq(
                "Is neuroinflammation the main cause of fibromyalgia?",
                "It is a strong idea, but not proven. It seems to be one part of a larger "
                "loop that also includes the nerves, sleep, stress and genes.",
            ),
            faq(
                "Can a blood test show neuroinflammation?",
                "No. Standard blood tests cannot see it. Research uses special PET scans and "
                "tests of spinal fluid, which are not part of normal care.",
            ),
            faq(
                "Does lowering inflammation in the body help?",
                "Maybe, but it is not that simple. Common anti-inflammatory pills work on the "
                "body, not the brain. Drugs that reach the brain are still being studied.",
            ),
        ],
    },
    {
        "slug": "neutrophils",
        "title": "Neutrophils and sensory nerves",
        "evidence_level": E.EMERGING,
        "summary": (
            "Neutrophils are white blood cells that fight germs. New studies suggest they may "
            "get into sensory nerves and make them fire too easily."
        ),
        "tags": ["immune system", "pain", "flares"],
        "related": ["neuroinflammation", "small-fiber-neuropathy", "triggers"],
        "references": [],
        "body": [
            h("The body's first responders"),
            p(
                "Neutrophils are the most common white blood cells. They are the first to "
                "arrive when germs get in. Most of the time, they protect you.",
            ),
            h("What the new research found"),
            claim(
                "Recent studies report that neutrophils can move into sensory nerve fibres. "
                "There they release enzymes, cytokines and other reactive chemicals.",
                E.EMERGING,
            ),
            p(
                "These chemicals may lower the point at which the nerve fires. Then even a "
                "mild touch or pressure can feel painful.",
            ),
            h("What it could explain"),
            ul(
                "Pain all over the body without any visible injury.",
                "Flares during an infection, an allergy or other strain on the immune system.",
            ),
            p(
                "Neutrophils are not bad cells. The problem is when they act in the wrong "
                "place or for too long.",
            ),
            claim(
                "Fibromyalgia is not an autoimmune disease, but the immune system does seem "
                "to play a part.",
                E.STRONG_HYPOTHESIS,
            ),
            means(
                "This research is new and still being checked. One day it may lead to "
                "treatments that stop neutrophils reaching the nerves. It does not change "
                "your care today.",
            ),
        ],
        "faqs": [
            faq(
                "Are neutrophils harmful?",
                "No. They protect you from germs every day. The research suggests that in "
                "some people they may end up in the wrong place, near nerves, for too long.",
            ),
            faq(
                "Is fibromyalgia an autoimmune disease?",
                "No. In autoimmune diseases the immune system attacks the body's own "
                "tissue. That does not happen in fibromyalgia. But the immune system does "
                "seem to be out of balance.",
            ),
            faq(
                "Why does my pain flare when I am ill?",
                "When you are ill, your immune system gets busy. Immune cells and their "
                "chemical messages may make a sensitive nervous system react even more.",
            ),
        ],
    },
    {
        "slug": "neurotransmitters",
        "title": "Neurotransmitters",
        "evidence_level": E.ESTABLISHED,
        "summary": (
            "Neurotransmitters are chemical messengers between nerve cells. In fibromyalgia, "
            "the ones that calm pain are low and the ones that boost it are high."
        ),
        "tags": ["brain", "pain", "medicines"],
        "related": ["central-sensitization", "genetics", "sleep"],
        "references": [],
        "body": [
            h("Chemical messengers"),
            p(
                "Nerve cells talk to each other with chemicals called neurotransmitters. "
                "Some of them turn pain down. Others turn it up.",
            ),
            h("What changes in fibromyalgia"),
            ul(
                "Serotonin and norepinephrine are low. These help the body block pain, so "
                "that natural brake is weaker.",
                "Glutamate and substance P are high. These make nerves more sensitive.",
                "Dopamine changes. This may affect drive, tiredness and brain fog.",
            ),
            claim(
                "This mix of weak pain brakes and strong pain boosters is one reason the "
                "nervous system stays sensitive.",
                E.ESTABLISHED,
            ),
            h("Why some medicines help"),
            p(
                "Some medicines raise serotonin and norepinephrine. Others, like pregabalin, "
                "calm overactive nerve signals. These can help some people, though not "
                "everyone.",
            ),
            means(
                "If a medicine did not help you, it does not mean your pain is not real. "
                "People respond differently. Your doctor can talk you through the options.",
            ),
        ],
        "faqs": [],
    },
    {
        "slug": "genetics",
        "title": "Genetics",
        "evidence_level": E.STRONG_HYPOTHESIS,
        "summary": (
            "Fibromyalgia often runs in families. Some genes seem to make people more likely "
            "to get it, but something usually has to set it off."
        ),
        "tags": ["genes", "family"],
        "related": ["triggers", "hpa-axis", "neurotransmitters"],
        "references": ["light"],
        "body": [
            h("It runs in families"),
            p(
                "Many people with fibromyalgia have a parent, brother or sister who has it "
                "too. This suggests that genes play a part.",
            ),
            h("Genes scientists have looked at"),
            ul(
                "Genes that move and break down serotonin.",
                "Genes for the dopamine and norepinephrine pathways.",
                "Genes that control the body's stress system, the HPA axis.",
            ),
            claim(
                "Changes in genes for stress and distress pathways have been linked with "
                "fibromyalgia.",
                E.STRONG_HYPOTHESIS,
                "light",
            ),
            h("Genes load the dice"),
            p(
                "Genes do not decide that you will get fibromyalgia. They make you more "
                "likely to get it. A trigger, like an illness or a hard time, often sets it "
                "off.",
            ),
            means(
                "Having a family member with fibromyalgia does not mean you will get it. And "
                "if you have it, it is not your fault.",
            ),
        ],
        "faqs": [
            faq(
                "Is fibromyalgia genetic?",
                "Partly. It runs in families, and some genes make it more likely. But genes "
                "alone do not cause it. Triggers such as illness or stress usually play a "
                "part too.",
            )
        ],
    },
    {
        "slug": "triggers",
        "title": "Stress, trauma and infection as triggers",
        "evidence_level": E.STRONG_HYPOTHESIS,
        "summary": (
            "Fibromyalgia often starts after an accident, surgery, a hard time or an "
            "infection. These events can set it off, but they are not the only cause."
        ),
        "tags": ["stress", "infection", "flares"],
        "related": ["hpa-axis", "genetics", "glial-cells"],
        "references": ["light"],
        "body": [
            h("What often comes first"),
            p("Many people can name an event that came before their fibromyalgia began."),
            ul(
                "Physical trauma, like a car accident or surgery.",
                "Emotional trauma, like abuse, PTSD or a time of severe stress.",
                "An infection, like flu, Lyme disease or COVID-19.",
            ),
            claim(
                "Long-term stress may switch on glial cells in the nervous system.",
                E.STRONG_HYPOTHESIS,
            ),
            h("A trigger, not the whole story"),
            p(
                "Stress can start fibromyalgia or make it worse. But it is not the only "
                "cause. Genes, sleep and the nervous system all play their part.",
            ),
            means(
                "Fibromyalgia is not all in your head, and it is not caused by being weak. "
                "Managing stress can help, because stress can turn symptoms up.",
            ),
        ],
        "faqs": [],
    },
    {
        "slug": "hpa-axis",
        "title": "The HPA axis and stress hormones",
        "evidence_level": E.STRONG_HYPOTHESIS,
        "summary": (
            "The HPA axis is the body's stress system. In fibromyalgia its daily rhythm may "
            "be flat, which can leave you tired and less able to cope with stress."
        ),
        "tags": ["stress", "hormones", "tiredness"],
        "related": ["triggers", "sleep", "genetics"],
        "references": ["light"],
        "body": [
            h("The body's stress system"),
            p(
                "HPA stands for hypothalamus, pituitary and adrenal. The first two are in "
                "the brain. The adrenal glands sit on top of your kidneys. Together they "
                "control stress hormones like cortisol.",
            ),
            h("A flat daily rhythm"),
            p(
                "Cortisol should rise in the morning to help you get going. Then it should "
                "fall during the day.",
            ),
            claim(
                "In fibromyalgia the cortisol pattern may be flat, with a weak morning peak.",
                E.STRONG_HYPOTHESIS,
                "light",
            ),
            h("What this may cause"),
            ul(
                "Less ability to bounce back from stress.",
                "Tiredness.",
                "More flares.",
            ),
            means(
                "Regular routines can support your body's rhythm. Try to get up, eat and go "
                "to bed at similar times each day.",
            ),
        ],
        "faqs": [],
    },
    {
        "slug": "sleep",
        "title": "Sleep",
        "evidence_level": E.ESTABLISHED,
        "summary": (
            "Poor sleep is both a symptom and a driver of fibromyalgia. Bad nights make pain "
            "worse, and pain makes sleep worse."
        ),
        "tags": ["sleep", "tiredness", "pain"],
        "related": ["central-sensitization", "hpa-axis", "neuroinflammation"],
        "references": [],
        "body": [
            h("Sleep that does not refresh"),
            p(
                "Almost everyone with fibromyalgia wakes up feeling unrested. Even after a "
                "full night, you may feel as if you have not slept.",
            ),
            claim(
                "Poor deep sleep makes pain and tiredness worse the next day.",
                E.ESTABLISHED,
            ),
            claim(
                "When healthy people are kept from deep sleep in studies, they develop "
                "symptoms like fibromyalgia.",
                E.ESTABLISHED,
            ),
            h("Why deep sleep matters"),
            p(
                "During deep sleep, the brain clears away waste. It also helps keep the "
                "immune system in the brain in balance.",
            ),
            h("A loop that feeds itself"),
            ul(
                "Poor sleep makes the nervous system more sensitive.",
                "A more sensitive nervous system means more pain.",
                "More pain makes sleep worse.",
            ),
            means(
                "Better sleep can break the loop. Talk to your doctor about your sleep. "
                "Simple habits, like a regular bedtime and a dark, cool room, can help too.",
            ),
        ],
        "faqs": [
            faq(
                "Why does sleep matter so much?",
                "Deep sleep lets the brain clear waste and calm its immune cells. Without it, "
                "the nervous system gets more sensitive, so pain and tiredness get worse.",
            )
        ],
    },
    {
        "slug": "gut-brain-axis",
        "title": "The gut-brain axis",
        "evidence_level": E.EMERGING,
        "summary": (
            "The germs in your gut talk to your brain. People with fibromyalgia seem to have "
            "a different mix of gut bacteria, which may affect pain and mood."
        ),
        "tags": ["gut", "diet", "inflammation"],
        "related": ["neuroinflammation", "network-disorder", "treatments"],
        "references": [],
        "body": [
            h("Your gut and your brain are linked"),
            p(
                "Your gut is home to trillions of tiny living things. Together they are "
                "called the microbiome. They make chemicals that travel around the body and "
                "affect the brain.",
            ),
            claim(
                "Studies find a different mix of gut bacteria in people with fibromyalgia.",
                E.EMERGING,
            ),
            p(
                "Chemicals made by gut bacteria can affect inflammation and nerve signals. "
                "When the mix is out of balance, this is called dysbiosis. It may make pain, "
                "tiredness and mood worse.",
            ),
            h("What is being studied"),
            ul(
                "Probiotics: live helpful bacteria.",
                "Prebiotics: foods that feed helpful bacteria.",
                "Changes in diet.",
            ),
            means(
                "It is too early to say which diet or supplement helps. A varied diet with "
                "plenty of plants is good for your gut and your general health.",
            ),
        ],
        "faqs": [
            faq(
                "Can gut health affect my symptoms?",
                "It might. Research links the gut microbiome to pain and mood, but the "
                "studies are new. No gut treatment is proven for fibromyalgia yet.",
            ),
            faq(
                "Can diet change neuroinflammation?",
                "Possibly. Some foods may affect inflammation and the gut microbiome. But "
                "good studies in fibromyalgia are still missing, so be careful of big "
                "promises.",
            ),
        ],
    },
    {
        "slug": "small-fiber-neuropathy",
        "title": "Small-fiber neuropathy",
        "evidence_level": E.EMERGING,
        "summary": (
            "Some people with fibromyalgia have fewer of the tiny nerve fibres in their skin. "
            "This may explain burning or tingling pain in a group of patients."
        ),
        "tags": ["nerves", "pain"],
        "related": ["neutrophils", "central-sensitization", "network-disorder"],
        "references": [],
        "body": [
            h("Tiny nerves in the skin"),
            p(
                "Small nerve fibres in your skin sense pain and temperature. Doctors can "
                "count them by looking at a small piece of skin under a microscope. This is "
                "called a skin biopsy.",
            ),
            claim(
                "Skin biopsies show fewer small nerve fibres in some people with fibromyalgia.",
                E.EMERGING,
            ),
            h("What it may mean"),
            ul(
                "It may explain burning or tingling pain.",
                "It suggests there may be different types of fibromyalgia.",
            ),
            means(
                "If you have burning or tingling pain, tell your doctor. They may want to "
                "check for small-fiber neuropathy, as it can have other causes that are "
                "treatable.",
            ),
        ],
        "faqs": [],
    },
    {
        "slug": "network-disorder",
        "title": "Fibromyalgia as a network disorder",
        "evidence_level": E.STRONG_HYPOTHESIS,
        "summary": (
            "Fibromyalgia seems to have no single cause. Genes, the nerves, the immune "
            "system, the gut, stress and sleep feed into each other in a loop."
        ),
        "tags": ["overview", "pain", "sleep", "immune system"],
        "related": ["central-sensitization", "neuroinflammation", "sleep", "genetics"],
        "references": ["light", "graeber"],
        "body": [
            h("Many parts, one loop"),
            p(
                "Scientists now see fibromyalgia as a problem of the whole network. Many "
                "parts of the body push on each other. Each one can make the others worse.",
            ),
            ul(
                "Genes that make some people more likely to get it.",
                "A nervous system that turns pain up.",
                "Low-level activity of the immune system.",
                "Changes in the gut.",
                "The world around you: sitting a lot, diet and long-term stress.",
                "Poor sleep.",
            ),
            h("What about the muscles?"),
            claim(
                "The muscles are usually normal on tests. They seem to receive loud pain "
                "signals rather than cause them.",
                E.ESTABLISHED,
            ),
            h("How doctors diagnose it"),
            p(
                "There is no blood test for fibromyalgia yet. Doctors diagnose it from your "
                "symptoms and your history. Scientists are looking for biomarkers, which are "
                "signs in the blood that could one day confirm it.",
            ),
            means(
                "Because the parts are linked, helping one part can help the others. Better "
                "sleep, gentle activity and less stress can all calm the loop a little.",
            ),
        ],
        "faqs": [
            faq(
                "Will there be a test that diagnoses fibromyalgia?",
                "Maybe one day. Researchers are looking for biomarkers in the blood. For now, "
                "doctors diagnose it from your symptoms and history.",
            ),
            faq(
                "Can immune-based treatment cure fibromyalgia?",
                "Not at the moment. The immune system seems to be only one part of the loop. "
                "Treatments aimed at it are still being tested.",
            ),
        ],
    },
    {
        "slug": "treatments",
        "title": "Treatments under research",
        "evidence_level": E.EARLY_RESEARCH,
        "summary": (
            "Researchers are testing treatments aimed at the nervous and immune systems. "
            "Some self-care steps already have good support. Most new ideas are still early."
        ),
        "tags": ["treatment", "exercise", "medicines"],
        "related": ["microglia", "neuroinflammation", "sleep", "gut-brain-axis"],
        "references": ["theoharides"],
        "body": [
            p(
                "No treatment is approved specifically for neuroinflammation in "
                "fibromyalgia. Here is what is being studied, and how strong the evidence "
                "is for each.",
            ),
            h("Self-care with good support"),
            claim(
                "Gentle, regular exercise, steady sleep habits, managing stress and pacing "
                "your energy are supported ways to manage symptoms.",
                E.ESTABLISHED,
            ),
            claim(
                "Meditation, yoga and tai chi may lower signs of inflammation in the body.",
                E.EMERGING,
            ),
            claim(
                "Talking therapies that help you handle pain and stress can help some people.",
                E.ESTABLISHED,
            ),
            h("Medicines and supplements"),
            claim(
                "Low-dose naltrexone (LDN) may calm microglia. It is used off-label and "
                "needs larger trials.",
                E.EARLY_RESEARCH,
            ),
            claim(
                "Anti-inflammatory drugs that can reach the brain are being tested.",
                E.EARLY_RESEARCH,
            ),
            claim(
                "Omega-3 fats, curcumin and other plant chemicals called polyphenols are "
                "being studied for their effect on inflammation.",
                E.EARLY_RESEARCH,
                "theoharides",
            ),
            h("Ideas for the future"),
            claim(
                "Gentle brain stimulation from outside the head, with no surgery, is being tested.",
                E.EARLY_RESEARCH,
            ),
            claim(
                "One day, treatment might be matched to each person's immune profile.",
                E.EARLY_RESEARCH,
            ),
            means(
                "Always talk to your doctor before starting a new medicine or supplement. "
                "Some can interact with medicines you already take.",
            ),
        ],
        "faqs": [
            faq(
                "Does exercise help, and how much?",
                "Yes, gentle regular exercise is one of the best supported steps. Start very "
                "small, like a few minutes of walking, and build up slowly. Pacing helps you "
                "avoid a crash.",
            )
        ],
    },
]

# --- Glossary --------------------------------------------------------------------------------

# (term, definition, mechanism page slug)
GLOSSARY = [
    (
        "allodynia",
        "Pain from something that should not hurt, like a light touch or soft clothes.",
        "central-sensitization",
    ),
    (
        "astrocyte",
        "A star-shaped glial cell that manages the space around nerve cells and "
        "helps keep the brain in balance.",
        "astrocytes",
    ),
    (
        "biomarker",
        "A sign in the body, such as something in the blood, that doctors can "
        "measure to spot or track an illness.",
        "network-disorder",
    ),
    (
        "blood-brain barrier",
        "A tight wall of cells that protects the brain from harmful things in the blood.",
        "neuroinflammation",
    ),
    (
        "central sensitization",
        "When the brain and spinal cord become extra sensitive and turn up pain signals.",
        "central-sensitization",
    ),
    (
        "chemokine",
        "A chemical message that calls immune cells to a place in the body.",
        "microglia",
    ),
    (
        "cortisol",
        "A stress hormone. It should be high in the morning and low at night.",
        "hpa-axis",
    ),
    (
        "cytokine",
        "A small chemical message that immune cells use to talk to each other.",
        "neuroinflammation",
    ),
    ("dopamine", "A chemical messenger linked to drive, reward and focus.", "neurotransmitters"),
    ("dysbiosis", "When the mix of germs in the gut is out of balance.", "gut-brain-axis"),
    (
        "fibro fog",
        "Trouble thinking, focusing or remembering that many people with fibromyalgia have.",
        "neuroinflammation",
    ),
    (
        "glial cell",
        "A cell in the brain and spinal cord that looks after nerve cells.",
        "glial-cells",
    ),
    (
        "glutamate",
        "A chemical messenger that excites nerve cells. Too much can make nerves over-sensitive.",
        "neurotransmitters",
    ),
    ("HPA axis", "The body's stress system, linking the brain to the adrenal glands.", "hpa-axis"),
    (
        "hyperalgesia",
        "When normal pain feels much stronger than it should.",
        "central-sensitization",
    ),
    (
        "low-dose naltrexone",
        "A small dose of a medicine called naltrexone. It is being "
        "studied as a way to calm microglia.",
        "microglia",
    ),
    (
        "microbiome",
        "All the tiny living things, like bacteria, that live in and on your "
        "body, mostly in the gut.",
        "gut-brain-axis",
    ),
    (
        "microglia",
        "The immune cells of the brain and spinal cord. They guard against injury and germs.",
        "microglia",
    ),
    (
        "myelin",
        "A fatty coating around nerve fibres that helps signals travel fast.",
        "glial-cells",
    ),
    (
        "neuroinflammation",
        "Inflammation inside the brain and spinal cord, at the level of cells.",
        "neuroinflammation",
    ),
    (
        "neurotransmitter",
        "A chemical that carries messages from one nerve cell to another.",
        "neurotransmitters",
    ),
    (
        "neutrophil",
        "The most common white blood cell. It is the first to fight germs.",
        "neutrophils",
    ),
    (
        "norepinephrine",
        "A chemical messenger that helps the body block pain and stay alert.",
        "neurotransmitters",
    ),
    (
        "off-label",
        "When a doctor uses a medicine for a different illness than the one it is approved for.",
        "treatments",
    ),
    (
        "oligodendrocyte",
        "A glial cell that makes myelin, the coating around nerve fibres.",
        "glial-cells",
    ),
    (
        "PET scan",
        "A scan that uses a safe tracer to show activity inside the body, such as "
        "active cells in the brain.",
        "neuroinflammation",
    ),
    (
        "sensory nerve fibre",
        "A thin nerve that carries feelings like touch, heat and pain to the spinal cord.",
        "neutrophils",
    ),
    (
        "serotonin",
        "A chemical messenger that helps control mood, sleep and pain.",
        "neurotransmitters",
    ),
    (
        "small-fiber neuropathy",
        "Damage to the tiny nerve fibres in the skin, which can cause burning or tingling pain.",
        "small-fiber-neuropathy",
    ),
    (
        "substance P",
        "A chemical messenger that carries pain signals. High levels make pain feel stronger.",
        "neurotransmitters",
    ),
]

# --- Research updates ------------------------------------------------------------------------

UPDATES = [
    {
        "slug": "neutrophils-and-nerves",
        "title": "Could white blood cells be sensitizing nerves?",
        "date": (2026, 9, 15),
        "summary": (
            "New studies suggest neutrophils, a kind of white blood cell, may move into "
            "sensory nerves and make them fire too easily. The work is early, but it could "
            "open a new path for treatment."
        ),
        "mechanisms": ["neutrophils", "neuroinflammation"],
        "body": [
            p(
                "Scientists have long looked at the brain and spinal cord to explain "
                "fibromyalgia pain. Some new studies look at the nerves in the rest of the "
                "body too.",
            ),
            claim(
                "Neutrophils may enter sensory nerves and release chemicals that lower the "
                "point at which nerves fire.",
                E.EMERGING,
            ),
            means(
                "This is new and needs checking by other teams. It does not change your care "
                "today, but it is a hopeful new direction.",
            ),
        ],
    },
    {
        "slug": "sleep-and-pain-loop",
        "title": "Why a bad night makes the next day hurt more",
        "date": (2026, 10, 20),
        "summary": (
            "Research keeps showing that poor deep sleep makes pain worse the next day. "
            "Better sleep is one of the most useful things to work on."
        ),
        "mechanisms": ["sleep", "central-sensitization"],
        "body": [
            p(
                "Sleep and pain are closely linked. A bad night can make the nervous system "
                "more sensitive the next day.",
            ),
            claim(
                "Keeping healthy people from deep sleep gives them symptoms like fibromyalgia.",
                E.ESTABLISHED,
            ),
            means(
                "Talk to your doctor about your sleep. Small, steady changes to your "
                "bedtime routine can help break the loop.",
            ),
        ],
    },
]
