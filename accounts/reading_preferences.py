"""Reading preferences: text size, colours, how much of an article to show at first, and
motion, for readers with fibro fog and fatigue.

Every reader gets the same server-rendered page (the page caches share it), so choices are
never written into the HTML. They live in the `reading_prefs` cookie, which a small script
(static/js/reading-prefs.js) reads before the page paints. Members also keep them on their
account, and `ReadingPreferencesMiddleware` copies them into the cookie of any browser they
sign in on. The form and the page are in portal/preferences.py.
"""

from django.conf import settings

COOKIE_NAME = "reading_prefs"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60  # about a year

# Each preference, its choices (value, plain-language label), the first being the default.
CHOICES = {
    "text_size": [
        ("normal", "Normal"),
        ("large", "Large"),
        ("larger", "Larger"),
    ],
    "theme": [
        ("system", "Same as my device"),
        ("light", "Light: dark text on a pale background"),
        ("dark", "Dark: light text on a dark background"),
    ],
    "detail": [
        ("full", "The whole article"),
        ("key-points", "Key points first, with the rest folded away until I open it"),
    ],
    "motion": [
        ("system", "Same as my device"),
        ("reduce", "Keep movement to a minimum"),
    ],
}
DEFAULTS = {name: choices[0][0] for name, choices in CHOICES.items()}


def cleaned(values):
    """All the preferences from `values` (a dict, possibly partial or stale): unknown keys
    are dropped and unknown values fall back to the default."""
    values = values if isinstance(values, dict) else {}
    return {
        name: values.get(name) if values.get(name) in dict(choices) else DEFAULTS[name]
        for name, choices in CHOICES.items()
    }


def encode(values):
    """The cookie value: `text_size:larger|theme:dark|detail:full|...`. Only characters a
    cookie may hold unquoted, so the script reads it as written."""
    return "|".join(f"{name}:{value}" for name, value in cleaned(values).items())


def decode(raw):
    """The preferences in a cookie value; defaults for anything missing or unreadable."""
    pairs = (part.partition(":") for part in (raw or "").split("|"))
    return cleaned({name: value for name, _sep, value in pairs})


def from_request(request):
    """This reader's preferences: a member's saved ones, else this browser's cookie."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.reading_preferences:
        return cleaned(user.reading_preferences)
    return decode(request.COOKIES.get(COOKIE_NAME))


def set_cookie(response, request, values):
    """Remember `values` in this browser. Not HttpOnly: reading-prefs.js reads it."""
    response.set_cookie(
        COOKIE_NAME,
        encode(values),
        max_age=COOKIE_MAX_AGE,
        samesite="Lax",
        secure=request.is_secure(),
        httponly=False,
    )


def save_for_member(user, values):
    """Keep `values` on the member's account. Only this field is written, so signing-in
    bookkeeping and the page caches are left alone (caching/pagecache.py)."""
    user.reading_preferences = cleaned(values)
    user.save(update_fields=["reading_preferences"])


class ReadingPreferencesMiddleware:
    """Writes a member's saved preferences into the browser's cookie when they differ: on
    the response to signing in (a new session), and on any later page (after a
    change on another device), stored shared pages included (community.shells).

    Visitors without a session are never looked up, so their pages stay as cacheable as
    before and cost no query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.SESSION_COOKIE_NAME not in request.COOKIES and not request.session.modified:
            return response  # a visitor, not signing in: never looked up (no Vary: Cookie)
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.reading_preferences:
            return response
        if COOKIE_NAME in response.cookies:
            return response  # the preferences form has just set it
        wanted = encode(user.reading_preferences)
        if request.COOKIES.get(COOKIE_NAME) != wanted:
            set_cookie(response, request, user.reading_preferences)
        return response
