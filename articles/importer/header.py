"""The top of an article: the title line and what stands around it, bylines, dates, bios.

A mixin of the parser (see parser.py), kept apart so each module stays short.
"""

from articles.importer import boilerplate, bylines, titles
from articles.importer.lines import MD_HEADING_RE, clean_inline, is_title_case, normalise


class HeaderMixin:
    """Reads the title and metadata lines; expects the parser's state and `place` helpers."""

    # --- the title ----------------------------------------------------------------------

    def read_title(self):
        """Place the lines up to and including the title line; return where the body starts."""
        article = self.article
        for index, unit in enumerate(self.units):
            text = unit.text
            kept = normalise(text) in self.keep
            if self.breadcrumb and text == self.breadcrumb and not kept:
                self.drop(text, "breadcrumb")
                article.warnings.append(
                    f"The title seemed to start with a section name (“{text}”), which was "
                    "left out. Check the title."
                    if self.breadcrumb_unsure
                    else f"A section name (“{text}”) stood in front of the title; it was left out."
                )
                continue
            if not kept and titles.is_category_line(text):
                self.drop(text, "category line")
                if index == 0:
                    article.warnings.append(
                        f"The first line looks like a category line (“{text}”), so the title "
                        "was taken from a line after it."
                    )
                continue
            if not kept and titles.is_breadcrumb(text):
                self.drop(text, "breadcrumb")
                article.warnings.append(f"A breadcrumb line (“{text}”) was left out.")
                continue
            reason = None if kept else boilerplate.boilerplate_reason(text)
            if reason:
                self.drop(text, reason)
                continue
            if meta := bylines.read_metadata(text, allow_bare_date=True):
                self.apply_metadata(meta)
                self.place_meta(text)
                continue
            if not kept and self.is_section_name(index):
                self.drop(text, "section name")
                article.warnings.append(
                    f"The first line (“{text}”) looks like a section name, so the title was "
                    "taken from the line after it."
                )
                continue
            md = MD_HEADING_RE.match(unit.raw)
            article.title_line = text
            self.file_title = titles.title_from_line(clean_inline(md.group(2)) if md else text)
            article.title = self.forced_title or self.front_matter.get("title") or self.file_title
            self.place(text, "title")
            self.prev = "title"
            self.check_short_title(index)
            return index + 1
        if self.front_matter.get("title") or self.forced_title:
            article.title = self.forced_title or self.front_matter["title"]
        return len(self.units)

    def is_section_name(self, index):
        """A short line above a longer Title Case title that a byline or date follows."""
        following = [unit.text for unit in self.units[index : index + 3]]
        if len(following) < 3 or len(following[0].split()) > 3:
            return False
        first, second, third = following
        return (
            titles.looks_like_title(second)
            and is_title_case(second)
            and len(second.split()) > len(first.split()) + 1
            and not bylines.read_metadata(second, allow_bare_date=True)
            and bool(bylines.read_metadata(third, allow_bare_date=True))
        )

    def check_short_title(self, index):
        following = [unit.text for unit in self.units[index + 1 : index + 3]]
        if (
            len(self.article.title.split()) <= 3
            and len(following) == 2
            and titles.looks_like_title(following[0])
            and not bylines.read_metadata(following[0], allow_bare_date=True)
            and len(following[0]) > len(self.article.title)
            and bylines.read_metadata(following[1], allow_bare_date=True)
        ):
            self.article.warnings.append(
                f"The first line (“{self.article.title}”) is very short and may be a section "
                f"name; the real title may be “{following[0]}”."
            )

    # --- metadata -----------------------------------------------------------------------

    def apply_metadata(self, meta):
        article = self.article
        for role, person in (("author", meta.author), ("reviewer", meta.reviewer)):
            if not person or not person.name:
                continue
            name_field = "author" if role == "author" else "reviewed_by"
            cred_field = "author_credentials" if role == "author" else "reviewer_credentials"
            if not getattr(article, name_field):
                setattr(article, name_field, person.name)
                setattr(article, cred_field, person.credentials)
            label = "byline" if role == "author" else "reviewer line"
            if person.others:
                names = " and ".join([person.name, *person.others])
                article.warnings.append(
                    f"Two names in the {label} (“{names}”); only “{person.name}” was kept."
                )
            elif person.unsure:
                article.warnings.append(
                    f"The {label} name “{person.name}” is long and may be two names; check it."
                )
        for label, when in meta.dates:
            # "updated" is the newest date the page shows; "published" the first one.
            if label in {"published", "posted", "written", "date"}:
                article.published = article.published or when
            article.updated = max(filter(None, [article.updated, when]))
        article.bios.extend(meta.bios)
        for bio in meta.bios:
            self.seen.add(normalise(bio))

    def is_person_line(self, text):
        """A name on its own ("Jane Roe", "Dr. Amy Lee, MD"), printed again under a byline."""
        person = bylines.read_person(text)
        if person.rest or not person.name:
            return False
        return any(
            bylines.same_person(person.name, name)
            for name in (self.article.author, self.article.reviewed_by)
        )

    def is_bio(self, text):
        return bool(bylines.bio_subject(text, [self.article.author, self.article.reviewed_by]))

    def header_line(self, unit, kept):
        """Title repeats, bylines, dates, bios and names printed twice; True when placed."""
        text = unit.text
        article = self.article
        if not kept and normalise(text) in {
            normalise(article.title_line),
            normalise(self.file_title),
        }:
            self.place(text, "title")
            self.prev = "title"
            return True
        early = not article.blocks and self.section == "body" and not self.paragraph
        if not kept and (meta := bylines.read_metadata(text, allow_bare_date=early)):
            self.apply_metadata(meta)
            self.place_meta(text)
            return True
        if kept:
            return False
        if self.is_person_line(text):
            self.place_meta(text)
            return True
        if self.is_bio(text) or (self.last_bio and bylines.PRONOUN_START_RE.match(text)):
            if normalise(text) in self.seen:
                self.drop(text, "repeated biography")
            else:
                article.bios.append(text)
                self.seen.add(normalise(text))
                self.place_meta(text)
            self.last_bio = True
            return True
        self.last_bio = False
        return False
