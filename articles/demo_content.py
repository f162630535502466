"""Demo articles, glossary, FAQs and updates, read from the YAML files in articles/demo_data/.

The text is original, in plain language, for a reading age of 11 to 14. It lives in data files
so that editors can change words without reading Python, and this module only turns those files
into the structures `articles.demo` seeds from: page specs, StreamField block lists and glossary
tuples (the public names below).

    demo_data/site.yaml              people, references, the three index pages and the order
                                     of the mechanism articles
    demo_data/mechanisms/<slug>.yaml one mechanism article each; the file name is its slug
    demo_data/glossary.yaml          terms, each with the mechanism article it links to and
                                     any synonyms
    demo_data/updates.yaml           research updates

A body is a list of blocks, one key each:

    - heading: Text                          (or {text: ..., level: h3, summary: ...})
    - paragraph: Text
    - bullets: [point, point]
    - means: Text                            the "What this means for you" callout
    - claim: {text: ..., level: emerging, references: [graeber]}
    - faq: {question: ..., answer: ...}
    - help: {soon: [sign, ...], today: [...], now: [...]}
                                             "When to get help"; heading and intro optional

A mechanism article may also list its public change notes, shown under "What changed":

    changes:
      - date: 2026-11-18
        text: Added a section on when to get help.

Levels are EvidenceLevel values (established, strong_hypothesis, emerging, early_research);
references are keys of site.yaml's `references`. A file that is missing, is not valid YAML or
has the wrong shape raises DemoContentError naming the file and the place in it.
"""

import datetime
from pathlib import Path

import yaml

from articles.evidence import EvidenceLevel

DATA_DIR = Path(__file__).resolve().parent / "demo_data"
MEANS_TITLE = "What this means for you"
HEADING_LEVELS = ("h2", "h3")

# A safe loader (plain data, no Python objects): libyaml's when PyYAML has it, ten times faster.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DemoContentError(ValueError):
    """A demo data file is missing, is not valid YAML or does not have the expected shape."""


def _shown(path):
    """The path as people know it: from the project root when it is inside the project."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(DATA_DIR.parent.parent))
    except ValueError:
        return str(path)


class _File:
    """One data file: reads it and checks the shape of its values, naming the place on error."""

    def __init__(self, path):
        self.path = Path(path)

    def fail(self, where, problem):
        place = f"{_shown(self.path)}: {where}" if where else _shown(self.path)
        raise DemoContentError(f"{place}: {problem}")

    def read(self):
        try:
            text = self.path.read_text(encoding="utf-8")
        except OSError as error:
            self.fail("", f"cannot be read ({error.strerror or error})")
        try:
            return yaml.load(text, Loader=_SAFE_LOADER)  # noqa: S506
        except yaml.YAMLError as error:
            self.fail("", f"is not valid YAML: {error}")

    def mapping(self, value, where, required, optional=()):
        if not isinstance(value, dict):
            self.fail(where, f"expected a mapping with {', '.join(required)}, got {_kind(value)}")
        missing = [key for key in required if key not in value]
        if missing:
            self.fail(where, f"missing {', '.join(missing)}")
        unknown = [key for key in value if key not in (*required, *optional)]
        if unknown:
            known = ", ".join((*required, *optional))
            self.fail(where, f"unknown key {', '.join(map(str, unknown))} (expected {known})")
        return value

    def text(self, value, where, blank=False):
        if not isinstance(value, str):
            self.fail(where, f"expected text, got {_kind(value)} (quote it if it is meant as text)")
        if not blank and not value.strip():
            self.fail(where, "is empty")
        return value

    def texts(self, value, where):
        if not isinstance(value, list):
            self.fail(where, f"expected a list, got {_kind(value)}")
        return [self.text(item, f"{where} item {number}") for number, item in _numbered(value)]

    def level(self, value, where):
        try:
            return EvidenceLevel(value)
        except ValueError:
            allowed = ", ".join(level.value for level in EvidenceLevel)
            self.fail(where, f"unknown evidence level {value!r} (expected one of {allowed})")


def _kind(value):
    return "nothing" if value is None else type(value).__name__


def _numbered(items):
    """Items numbered from 1, as a person counts them in a file."""
    return enumerate(items, start=1)


def _html(text):
    return f"<p>{text}</p>"


# --- Blocks ---------------------------------------------------------------------------------


def _heading(file, value, where):
    summary = ""
    if isinstance(value, dict):
        value = file.mapping(value, where, ("text",), ("level", "summary"))
        text, level = value["text"], value.get("level", "h2")
        if level not in HEADING_LEVELS:
            file.fail(where, f"heading level must be one of {', '.join(HEADING_LEVELS)}")
        if "summary" in value:
            summary = file.text(value["summary"], f"{where} summary")
    else:
        text, level = value, "h2"
    heading = {"text": file.text(text, where), "level": level}
    if summary:
        heading["summary"] = summary
    return {"type": "heading", "value": heading}


def _paragraph(file, value, where):
    return {"type": "paragraph", "value": _html(file.text(value, where))}


def _bullets(file, value, where):
    return {"type": "bullet_list", "value": {"items": file.texts(value, where)}}


def _means(file, value, where):
    body = _html(file.text(value, where))
    return {"type": "callout", "value": {"title": MEANS_TITLE, "body": body}}


def _claim(file, value, where):
    value = file.mapping(value, where, ("text", "level"), ("references",))
    return {
        "type": "claim",
        "value": {
            "text": _html(file.text(value["text"], f"{where} text")),
            "evidence_level": file.level(value["level"], f"{where} level"),
            "citations": file.texts(value.get("references", []), f"{where} references"),
        },
    }


def _faq(file, value, where):
    value = file.mapping(value, where, ("question", "answer"))
    return {
        "type": "faq",
        "value": {
            "question": file.text(value["question"], f"{where} question"),
            "answer": _html(file.text(value["answer"], f"{where} answer")),
        },
    }


HELP_LEVELS = ("soon", "today", "now")


def _help(file, value, where):
    value = file.mapping(value, where, (), ("heading", "intro", *HELP_LEVELS))
    help_block = {
        "heading": file.text(value.get("heading", "When to get help"), f"{where} heading"),
        "intro": file.text(value.get("intro", ""), f"{where} intro", blank=True),
    }
    for level in HELP_LEVELS:
        help_block[level] = file.texts(value.get(level, []), f"{where} {level}")
    if not any(help_block[level] for level in HELP_LEVELS):
        file.fail(where, f"needs at least one sign under {', '.join(HELP_LEVELS)}")
    return {"type": "when_to_get_help", "value": help_block}


BLOCKS = {
    "heading": _heading,
    "paragraph": _paragraph,
    "bullets": _bullets,
    "means": _means,
    "claim": _claim,
    "faq": _faq,
    "help": _help,
}


def _blocks(file, items, where):
    if not isinstance(items, list):
        file.fail(where, f"expected a list of blocks, got {_kind(items)}")
    blocks = []
    for number, item in _numbered(items):
        place = f"{where} block {number}"
        if not isinstance(item, dict) or len(item) != 1:
            file.fail(
                place, f"a block is one key and its value; expected one of {', '.join(BLOCKS)}"
            )
        ((kind, value),) = item.items()
        if kind not in BLOCKS:
            file.fail(place, f"unknown block {kind!r}; expected one of {', '.join(BLOCKS)}")
        blocks.append(BLOCKS[kind](file, value, f"{place} ({kind})"))
    return blocks


def _faqs(file, items, where):
    """A list of {question, answer}: FAQ blocks."""
    if not isinstance(items, list):
        file.fail(where, f"expected a list of questions, got {_kind(items)}")
    return [_faq(file, item, f"{where} item {number}") for number, item in _numbered(items)]


def _changes(file, items, where):
    """A list of {date, text}: public change notes, as (date, text), newest first."""
    if not isinstance(items, list):
        file.fail(where, f"expected a list of changes, got {_kind(items)}")
    changes = []
    for number, item in _numbered(items):
        place = f"{where} item {number}"
        item = file.mapping(item, place, ("date", "text"))
        if not isinstance(item["date"], datetime.date):
            file.fail(f"{place} date", f"expected a date like 2026-09-15, got {item['date']!r}")
        changes.append((item["date"], file.text(item["text"], f"{place} text")))
    return sorted(changes, reverse=True)


# --- Files ----------------------------------------------------------------------------------


def load_mechanism(path):
    """One mechanism article's page spec, from mechanisms/<slug>.yaml."""
    file = _File(path)
    data = file.mapping(
        file.read(),
        "",
        ("title", "evidence_level", "summary", "body"),
        ("tags", "related", "references", "faqs", "changes"),
    )
    return {
        "slug": file.path.stem,
        "title": file.text(data["title"], "title"),
        "evidence_level": file.level(data["evidence_level"], "evidence_level"),
        "summary": file.text(data["summary"], "summary"),
        "tags": file.texts(data.get("tags", []), "tags"),
        "related": file.texts(data.get("related", []), "related"),
        "references": file.texts(data.get("references", []), "references"),
        "body": _blocks(file, data["body"], "body"),
        "faqs": _faqs(file, data.get("faqs", []), "faqs"),
        "changes": _changes(file, data.get("changes", []), "changes"),
    }


def load_site(path):
    """People, references, the index pages' specs and the order of the mechanism articles."""
    file = _File(path)
    data = file.mapping(
        file.read(),
        "",
        (
            "people",
            "references",
            "mechanism_articles",
            "mechanism_index",
            "faq_index",
            "updates_index",
        ),
    )
    people = data["people"]
    if not isinstance(people, dict):
        file.fail("people", f"expected a mapping of people, got {_kind(people)}")
    for key, person in people.items():
        person = file.mapping(person, f"people {key}", ("name", "credentials", "role"))
        for field in ("name", "credentials", "role"):
            file.text(person[field], f"people {key} {field}", blank=field == "credentials")
    references = data["references"]
    if not isinstance(references, dict):
        file.fail("references", f"expected a mapping of key: citation, got {_kind(references)}")
    for key, citation in references.items():
        file.text(citation, f"references {key}")

    mechanism_index = file.mapping(
        data["mechanism_index"], "mechanism_index", ("slug", "title", "seo_title", "intro")
    )
    faq_index = file.mapping(data["faq_index"], "faq_index", ("slug", "title", "intro", "faqs"))
    updates_index = file.mapping(data["updates_index"], "updates_index", ("slug", "title", "intro"))
    for where, spec in (
        ("mechanism_index", mechanism_index),
        ("faq_index", faq_index),
        ("updates_index", updates_index),
    ):
        for key in spec:
            if key != "faqs":
                file.text(spec[key], f"{where} {key}")
    return {
        "PEOPLE": people,
        "REFERENCES": references,
        "mechanism_articles": file.texts(data["mechanism_articles"], "mechanism_articles"),
        "MECHANISM_INDEX": mechanism_index,
        "FAQ_INDEX": {**faq_index, "faqs": _faqs(file, faq_index["faqs"], "faq_index faqs")},
        "UPDATES_INDEX": updates_index,
    }


def load_glossary(path, synonyms=None):
    """(term, definition, mechanism slug) for each term. The terms' optional synonyms
    (comma-separated text, as editors type them in the admin) go into `synonyms`, a dict
    {term: synonyms}, when given."""
    file = _File(path)
    items = file.read()
    if not isinstance(items, list):
        file.fail("", f"expected a list of terms, got {_kind(items)}")
    glossary = []
    for number, item in _numbered(items):
        where = f"term {number}"
        item = file.mapping(item, where, ("term", "definition", "page"), ("synonyms",))
        term = file.text(item["term"], f"{where} term")
        glossary.append(
            (
                term,
                file.text(item["definition"], f"{where} definition"),
                file.text(item["page"], f"{where} page"),
            )
        )
        if "synonyms" in item and synonyms is not None:
            synonyms[term] = file.text(item["synonyms"], f"{where} synonyms")
    return glossary


def load_updates(path):
    """Each research update's page spec; `date` is a (year, month, day) tuple."""
    file = _File(path)
    items = file.read()
    if not isinstance(items, list):
        file.fail("", f"expected a list of updates, got {_kind(items)}")
    updates = []
    for number, item in _numbered(items):
        where = f"update {number}"
        item = file.mapping(item, where, ("slug", "title", "date", "summary", "mechanisms", "body"))
        day = item["date"]
        if not isinstance(day, datetime.date):
            file.fail(f"{where} date", f"expected a date like 2026-09-15, got {day!r}")
        updates.append(
            {
                "slug": file.text(item["slug"], f"{where} slug"),
                "title": file.text(item["title"], f"{where} title"),
                "date": (day.year, day.month, day.day),
                "summary": file.text(item["summary"], f"{where} summary"),
                "mechanisms": file.texts(item["mechanisms"], f"{where} mechanisms"),
                "body": _blocks(file, item["body"], f"{where} body"),
            }
        )
    return updates


def _check_links(data_dir, content):
    """Every reference and slug named in the files exists, so seeding cannot fail half-way."""
    references = content["REFERENCES"]
    slugs = {spec["slug"] for spec in content["MECHANISMS"]}
    mechanisms_dir = Path(data_dir) / "mechanisms"

    def check(file, names, known, where, what):
        for name in names:
            if name not in known:
                _File(file).fail(where, f"unknown {what} {name!r}")

    for spec in content["MECHANISMS"]:
        path = mechanisms_dir / f"{spec['slug']}.yaml"
        check(path, spec["references"], references, "references", "reference")
        check(path, spec["related"], slugs, "related", "mechanism article")
        for number, block in _numbered(spec["body"]):
            if block["type"] == "claim":
                where = f"body block {number} (claim) references"
                check(path, block["value"]["citations"], references, where, "reference")
    for number, update in _numbered(content["UPDATES"]):
        path = Path(data_dir) / "updates.yaml"
        check(path, update["mechanisms"], slugs, f"update {number} mechanisms", "mechanism")
        for block_number, block in _numbered(update["body"]):
            if block["type"] == "claim":
                where = f"update {number} body block {block_number} (claim) references"
                check(path, block["value"]["citations"], references, where, "reference")
    for number, (_term, _definition, slug) in _numbered(content["GLOSSARY"]):
        check(Path(data_dir) / "glossary.yaml", [slug], slugs, f"term {number} page", "page")


def load(data_dir=DATA_DIR):
    """Every public structure of this module, read from the files in `data_dir`."""
    data_dir = Path(data_dir)
    site_path = data_dir / "site.yaml"
    content = load_site(site_path)
    order = content.pop("mechanism_articles")
    mechanisms_dir = data_dir / "mechanisms"
    files = {path.stem for path in mechanisms_dir.glob("*.yaml")}
    unlisted = sorted(files - set(order))
    if unlisted:
        _File(site_path).fail(
            "mechanism_articles", f"does not list {', '.join(unlisted)} (in {mechanisms_dir.name}/)"
        )
    repeated = sorted({slug for slug in order if order.count(slug) > 1})
    if repeated:
        _File(site_path).fail("mechanism_articles", f"lists {', '.join(repeated)} twice")
    content["MECHANISMS"] = [load_mechanism(mechanisms_dir / f"{slug}.yaml") for slug in order]
    content["GLOSSARY_SYNONYMS"] = {}
    content["GLOSSARY"] = load_glossary(data_dir / "glossary.yaml", content["GLOSSARY_SYNONYMS"])
    content["UPDATES"] = load_updates(data_dir / "updates.yaml")
    _check_links(data_dir, content)
    return content


_content = load()

PEOPLE = _content["PEOPLE"]
REFERENCES = _content["REFERENCES"]
MECHANISM_INDEX = _content["MECHANISM_INDEX"]
FAQ_INDEX = _content["FAQ_INDEX"]
UPDATES_INDEX = _content["UPDATES_INDEX"]
MECHANISMS = _content["MECHANISMS"]
GLOSSARY = _content["GLOSSARY"]
GLOSSARY_SYNONYMS = _content["GLOSSARY_SYNONYMS"]
UPDATES = _content["UPDATES"]
