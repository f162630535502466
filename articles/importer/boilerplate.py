"""Site furniture that is not part of an article: share buttons, widgets, forms, adverts.

Each rule gives the reason an editor sees beside the dropped line. Rules only ever match a
short line (a whole paragraph of an article is never furniture), and a few start a *run*:
after "Was this page helpful?" the short lines of the feedback widget follow, after "Related
posts" a list of other titles, after "Leave a reply" the comment form.
"""

import re

# A line longer than this is article text, whatever it starts with.
MAX_WORDS = 25

SOCIAL = "facebook|twitter|x|pinterest|linkedin|whatsapp|email|reddit|print"
RULES = [
    (
        "share prompt",
        r"(share|tweet|pin it|email|print)( this( article| post| page)?)?( on \w+)?[.!:]?",
    ),
    ("share prompt", r"share (this|on|via)\b.*"),
    (
        "share prompt",
        rf"({SOCIAL})(\s*[|•·/,]?\s*({SOCIAL}|copy link))+",
    ),
    (
        "social link",
        r"(linkedin|twitter|x|instagram|facebook|pinterest|whatsapp|reddit|tumblr|threads|bluesky"
        r"|email|print|copy link|website|follow( me| us)?( on \w+)?)",
    ),
    ("call to action", r"click here\b.*"),
    ("subscribe prompt", r"(subscribe|sign up)\b.{0,100}"),
    ("subscribe prompt", r"(get|join) our (free )?(newsletter|emails?|mailing list)\b.*"),
    ("store link", r".*\b(visit|shop|browse) (our|the) (store|shop)\b.*"),
    ("store link", r"(shop now|buy now|add to cart|available in our (store|shop)).*"),
    (
        "comments",
        r"(leave a (reply|comment)|\d+ (comments?|responses?)|comments? \(\d+\)|post a comment).*",
    ),
    (
        "copy protection",
        r".*(all rights reserved|content is protected|do not copy|copying is prohibited"
        r"|alert: content).*",
    ),
    ("copy protection", r"(©|copyright\b).*"),
    (
        "other posts",
        r"(related (posts|articles|reading|stories)|you (may|might) also like|recent posts"
        r"|popular posts|more (posts|articles|stories)( like this)?( from \w+)?|read (this )?next"
        r"|previous (post|article)|next (post|article)|keep reading|trending)\b.{0,60}",
    ),
    ("bare URL", r"(<)?(https?://|www\.)\S+(>)?"),
    ("image", r"!\[[^\]]*\]\([^)]*\)"),
    ("divider", r"[-*_=~]{3,}"),
    ("photo credit", r"(photo|image|picture|illustration)( credit)?s?( by|:).*"),
    (
        "photo credit",
        r".*\b(getty images|getty|shutterstock|istock(photo)?|unsplash|adobe stock|stocksy|alamy"
        r"|pexels)\b.*",
    ),
    ("photo credit", r"[A-Z][\w'’.-]+( [A-Z][\w'’.-]+){0,3} ?/ ?[A-Z][\w&'’. -]{1,30}"),
    (
        "review history",
        r"how we (reviewed|wrote|checked) this article:?|(article|review) history:?",
    ),
    ("feedback prompt", r"(was|is) this (page|article|information) (helpful|useful)\??.*"),
    ("feedback prompt", r"(yes|no)([\s/|]+(yes|no))?"),
    ("feedback prompt", r"(share|give|send|leave) (us )?(your )?feedback"),
    ("feedback prompt", r"(did you find this|how (useful|helpful) was this)\b.*"),
    (
        "editorial note",
        r"(see|read|learn more about|view) our editorial (process|policy|guidelines|standards)\b.*",
    ),
    ("editorial note", r"meet our (medical )?(expert|review|advisory) (board|panel|team)\b.*"),
    ("author box", r"(about|meet) the (author|writer|reviewer|expert)s?:?"),
    (
        "table of contents",
        r"(table of contents|contents|on this page|in this article|jump to( section)?):?",
    ),
    ("other posts", r"(read more|see also|related|learn more|more on this topic)\s*:.{0,100}"),
    (
        "advertisement",
        r"(advertisement|sponsored( content)?|ad|ads|(story|article) continues below"
        r"|continue reading( below)?)",
    ),
    (
        "navigation",
        r"(skip to (main )?content|back to top|view all|show more|show less"
        r"|jump to|menu|search|home|contact us|find a (doctor|clinic|specialist)"
        r"|request an appointment|make an appointment|appointments|print this page"
        r"|download (as )?pdf|listen to this article|\d+ min(ute)?s? read|reading time:? .*)",
    ),
    ("donation appeal", r"(please )?donate\b.{0,80}"),
    (
        "donation appeal",
        r"(support (our|us)\b|help us (fund|reach|continue|keep)|make a donation"
        r"|become a (member|supporter)).{0,80}",
    ),
    (
        "charity details",
        r".*\b(registered charity|charity (no|number|reg)|company (no|number))\b.*",
    ),
    (
        "disclaimer",
        r"(this|the) (information|article|content|page|site)\b.{0,40}"
        r"\b(not (a substitute|intended|meant)|does not (replace|constitute)"
        r"|is for (general )?information).*",
    ),
    ("disclaimer", r"(medical )?disclaimer:?.*"),
    ("cookie notice", r".*\bcookies?\b.*\b(accept|policy|consent|settings)\b.*"),
    ("tags", r"(tags?|tagged|tagged with|topics?|categories|filed under)\s*:.*"),
]
RULES = [
    (reason, re.compile(rf"^\s*(?:{pattern})\s*$", re.IGNORECASE)) for reason, pattern in RULES
]

# Lines that follow a run's first line and belong to the same piece of furniture.
RUN_STARTERS = {
    "feedback prompt": "feedback widget",
    "comments": "comment form",
    "other posts": "other posts",
    "table of contents": "table of contents",
    "review history": "review history",
}
WIDGET_WORDS = 8
FORM_LINE_RE = re.compile(
    r"^\s*(your email address will not be published.*|required fields are marked.*"
    r"|(name|email|e-mail|website|comment|message)\s*\*?:?|save my name\b.*|post comment"
    r"|notify me\b.*|cancel reply|log in to reply|reply|submit|send)\s*$",
    re.IGNORECASE,
)


EDITORIAL_WORDS_RE = re.compile(r"\b(we|our|us|editorial|experts?)\b", re.IGNORECASE)


def boilerplate_reason(line):
    """Why the line is site furniture, or None when it is article text."""
    if len(line.split()) > MAX_WORDS:
        return None
    for reason, pattern in RULES:
        if pattern.match(line):
            return reason
    return None


def continues_run(run, line, repeated=False):
    """True when `line` is more of the furniture that a run (see RUN_STARTERS) started.

    `repeated` says the line appears again further on: a table of contents lists the
    headings that follow.
    """
    words = len(line.split())
    if run == "table of contents":
        return repeated and words <= 14
    if run == "review history":
        # "Current Version", a date, "Written By", a name…, and the site's note on its process.
        return words <= 6 or bool(EDITORIAL_WORDS_RE.search(line))
    if run == "feedback widget":
        return words <= WIDGET_WORDS
    if run == "comment form":
        return bool(FORM_LINE_RE.match(line)) or words <= 3
    if run == "other posts":
        return words <= 14 and line[-1:] not in ".!:;"
    return False
