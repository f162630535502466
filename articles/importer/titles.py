"""Finding the title: the first line that is not site furniture, a category or a breadcrumb.

Blogs print the category above the title ("Posted in", "Category: Pain"), other sites a
breadcrumb ("Home › Conditions › Fibromyalgia"), and many add the site's name after a bar
("Fibromyalgia | City Hospital"). Markdown exports may start with front matter between two
"---" lines, whose "title:" is the title.
"""

import re

CATEGORY_RE = re.compile(
    r"^(?:(?:posted|filed|published|listed|found|categori[sz]ed)\s+(?:in|under)\b.*"
    r"|(?:categor(?:y|ies)|sections?|topics?|channel|series)\s*:.*)$",
    re.IGNORECASE,
)
BREADCRUMB_SPLIT_RE = re.compile(r"\s+(?:>|»|›|/|→|::)\s+")
FRONT_MATTER_LINE_RE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*)$")
SITE_SUFFIX_RE = re.compile(r"\s+[|]\s+")


def is_category_line(text):
    return len(text.split()) <= 10 and bool(CATEGORY_RE.match(text))


def is_breadcrumb(text):
    parts = BREADCRUMB_SPLIT_RE.split(text)
    return len(parts) >= 2 and all(0 < len(part.split()) <= 6 for part in parts)


def title_from_line(text):
    """The title a title line gives: "How Pain Works | City Hospital" → "How Pain Works"."""
    parts = SITE_SUFFIX_RE.split(text)
    if len(parts) > 1 and all(len(part.split()) <= 6 for part in parts[1:]):
        return parts[0].strip()
    return text.strip()


def read_front_matter(lines):
    """(number of lines, {key: value}) for a "---" block at the top, or (0, {})."""
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index >= len(lines) or lines[index].strip() != "---":
        return 0, {}
    values = {}
    for end in range(index + 1, min(len(lines), index + 40)):
        stripped = lines[end].strip()
        if stripped == "---":
            return end + 1, values
        match = FRONT_MATTER_LINE_RE.match(stripped)
        if match:
            values[match.group("key").lower()] = match.group("value").strip().strip("\"'")
        elif stripped and not stripped.startswith(("-", "#")):
            return 0, {}
    return 0, {}


def looks_like_title(text):
    return 0 < len(text.split()) <= 16 and text[-1:] not in ".;,"
