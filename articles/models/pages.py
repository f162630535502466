"""Wagtail page types: the home page, mechanism articles, FAQs, research updates and the
pages about the site itself."""

import datetime

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from articles import key_points, structured_data
from articles.blocks import (
    ChangeNotesBlock,
    ContentPageBody,
    FAQsBlock,
    HomePageBody,
    MechanismPageBody,
    UpdatePageBody,
)
from articles.evidence import EVIDENCE_EXPLANATIONS, EVIDENCE_ORDER, EvidenceLevel, evidence_scale
from articles.forms import ArticlePageForm
from articles.models.mixins import MedicalReviewMixin
from articles.models.snippets import Person
from articles.panels import ReadabilityPanel
from articles.visibility import visible_to
from caching import fragments

UPDATES_PER_PAGE = 10
DISCUSSIONS_SHOWN = 5
QUESTIONS_SHOWN = 5


def plain_line(text):
    """`text` without markup, on one line, ending like a sentence ("" when empty)."""
    text = " ".join(strip_tags(str(text or "")).split())
    if text and text[-1] not in ".?!:":
        text = f"{text}."
    return text


def block_lines(kind, value):
    """The readable lines of one stored StreamField block."""
    if kind in ("heading", "claim"):
        texts = [value["text"]]
    elif kind == "paragraph":
        texts = [value]
    elif kind == "bullet_list":
        texts = [item["value"] if isinstance(item, dict) else item for item in value["items"]]
    elif kind == "callout":
        texts = [value["title"], value["body"]]
    elif kind == "figure":
        texts = [value.get("caption")]
    elif kind == "faq":
        texts = [value["question"], value["answer"]]
    elif kind == "when_to_get_help":
        texts = [value["heading"], value.get("intro")]
        texts += [sign for level in ("soon", "today", "now") for sign in value.get(level) or []]
    else:
        texts = []
    return [line for line in map(plain_line, texts) if line]


def stream_text(stream):
    """The readable text of a StreamField, one sentence-ending line per block.

    Reads the stored JSON, so it never loads the images or snippets blocks point to; that
    keeps search results and the readability check free of extra queries. Headings and list
    items get a full stop so readability formulas see them as the short sentences they are.
    """
    return "\n".join(
        line for block in stream.raw_data for line in block_lines(block["type"], block["value"])
    )


def stream_sections(stream):
    """(label, text) for each part of a body: the text before the first heading, then each
    heading with the text under it. For grading each part on its own."""
    sections = []
    label, lines = "Opening, before the first heading", []
    for block in stream.raw_data:
        if block["type"] == "heading":
            sections.append((label, "\n".join(lines)))
            label = f"Section \u201c{plain_line(block['value']['text']).rstrip('.')}\u201d"
        lines_of_block = block_lines(block["type"], block["value"])
        lines = lines_of_block if block["type"] == "heading" else [*lines, *lines_of_block]
    sections.append((label, "\n".join(lines)))
    return [(label, text) for label, text in sections if text]


def faq_answer_parts(stream):
    """(label, answer text) for each FAQ in a stream."""
    return [
        (
            f"FAQ answer: \u201c{plain_line(block['value']['question']).rstrip('.')}\u201d",
            plain_line(block["value"]["answer"]),
        )
        for block in stream.raw_data
        if block["type"] == "faq"
    ]


def reader(request):
    """Who a page is rendered for (a visitor when the request carries no user, as in some
    previews and tests): what articles.visibility lets them see."""
    return getattr(request, "user", None)


def faq_items(stream):
    """(question, answer, block id) for each FAQ in a stream; the id anchors links to it."""
    return [(block.value["question"], block.value["answer"], block.id) for block in stream]


class HomePage(Page):
    """The site root: says what the portal is and points patients to where to start."""

    intro = models.TextField(
        max_length=400,
        help_text="One or two welcoming sentences under the title, in plain language.",
    )
    body = StreamField(
        HomePageBody(),
        blank=True,
        help_text="Signposts to the main sections, then a little context.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    template = "articles/home_page.html"

    class Meta:
        verbose_name = "home page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        updates_index = visible_to(UpdatesIndexPage.objects, reader(request)).first()
        context["updates_index"] = updates_index
        context["latest_updates"] = (
            updates_index.updates(reader(request)).order_by("-date")[:3] if updates_index else []
        )
        return context


class ContentPage(Page):
    """A plain page about the site itself, such as About, Privacy or Accessibility."""

    intro = models.TextField(
        max_length=400,
        blank=True,
        help_text="A one or two sentence summary shown under the title and in search results.",
    )
    body = StreamField(ContentPageBody(), help_text="The page text.")

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["articles.HomePage", "articles.ContentPage"]
    template = "articles/content_page.html"

    class Meta:
        verbose_name = "content page"

    def plain_text(self):
        return "\n".join(filter(None, [self.intro, stream_text(self.body)]))


class MechanismIndexPage(Page):
    """/mechanisms/: every mechanism article, grouped by how strong its evidence is."""

    intro = models.TextField(
        max_length=600,
        help_text="A short welcome above the list: what these articles are and how to use them.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["articles.HomePage"]
    subpage_types = ["articles.MechanismPage"]
    max_count = 1
    template = "articles/mechanism_index_page.html"

    class Meta:
        verbose_name = "mechanism index page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        mechanisms = list(
            visible_to(MechanismPage.objects.child_of(self), reader(request))
            .only("id", "title", "url_path", "summary", "evidence_level", "path", "depth")
            .order_by("title")
        )
        groups = []
        for level in EVIDENCE_ORDER:
            pages = [page for page in mechanisms if page.evidence_level == level]
            if pages:
                groups.append(
                    {
                        "level": level,
                        "explanation": EVIDENCE_EXPLANATIONS[level],
                        "pages": pages,
                    }
                )
        context["groups"] = groups
        context["mechanism_count"] = len(mechanisms)
        context["evidence_scale"] = evidence_scale()
        return context


class MechanismPageTag(TaggedItemBase):
    """Links a mechanism page to its topic tags."""

    content_object = ParentalKey(
        "articles.MechanismPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class MechanismPage(MedicalReviewMixin, Page):
    """One part of the biology of fibromyalgia, explained in plain language.

    Every page carries an overall evidence level, the findings behind it, the studies it
    cites, a clinician's review dates and the questions patients ask about it.
    """

    summary = models.TextField(
        "In short",
        max_length=500,
        help_text="Two or three sentences a reader in a hurry can take away. Shown in lists, "
        "search results and at the top of the page.",
    )
    evidence_level = models.CharField(
        max_length=32,
        choices=EvidenceLevel.choices,
        help_text="How strong the evidence is for this mechanism overall. Shown as a badge.",
    )
    body = StreamField(MechanismPageBody(), help_text="The article itself.")
    faqs = StreamField(
        FAQsBlock(),
        blank=True,
        verbose_name="FAQs",
        help_text="Questions patients ask about this topic. They also appear on the FAQ page.",
    )
    change_notes = StreamField(
        ChangeNotesBlock(),
        blank=True,
        verbose_name="What changed",
        help_text="When you publish a change readers should know about, add a short dated "
        "note. It is shown on the article under \u201cWhat changed\u201d, with the last review, "
        "and on the list of recent changes across articles.",
    )
    related_mechanisms = ParentalManyToManyField(
        "articles.MechanismPage",
        blank=True,
        related_name="+",
        help_text="Other mechanism articles a reader should go to next.",
    )
    references = ParentalManyToManyField(
        "articles.Reference",
        blank=True,
        related_name="mechanism_pages",
        help_text="Studies this article draws on, listed at the foot of the page.",
    )
    tags = ClusterTaggableManager(
        through=MechanismPageTag,
        blank=True,
        help_text="Topics for finding this article, e.g. immune system, sleep, brain fog.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("evidence_level"),
        FieldPanel("body"),
        FieldPanel("faqs"),
        MultiFieldPanel(
            [FieldPanel("related_mechanisms"), FieldPanel("references"), FieldPanel("tags")],
            heading="Links, studies and topics",
        ),
        *MedicalReviewMixin.review_panels,
        FieldPanel("change_notes"),
        ReadabilityPanel(heading="Readability"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.SearchField("faqs"),
        index.RelatedFields("tags", [index.SearchField("name", boost=2)]),
        index.FilterField("evidence_level"),
    ]

    base_form_class = ArticlePageForm
    parent_page_types = ["articles.MechanismIndexPage"]
    subpage_types = []
    template = "articles/mechanism_page.html"

    class Meta:
        verbose_name = "mechanism page"

    def save(self, *args, **kwargs):
        self.fill_next_review_due()
        super().save(*args, **kwargs)

    @property
    def evidence_label(self):
        return EvidenceLevel(self.evidence_level).label if self.evidence_level else ""

    @property
    def evidence_explanation(self):
        return EVIDENCE_EXPLANATIONS.get(self.evidence_level, "")

    def clean(self):
        super().clean()
        if self.evidence_level == EvidenceLevel.ESTABLISHED and not self.references.exists():
            raise ValidationError(
                {
                    "evidence_level": "An article marked \u201cEstablished\u201d must show its "
                    "evidence. Add at least one study under \u201cLinks, studies and "
                    "topics\u201d, or choose a lower evidence level until you have one."
                }
            )

    def plain_text(self):
        """The article's readable text, for the readability check and search snippets."""
        return "\n".join(filter(None, [self.summary, stream_text(self.body)]))

    def readable_parts(self):
        """(label, text) for each part editors should check on its own: the summary, each
        section of the body and each FAQ answer."""
        return [
            ("In short (the summary)", plain_line(self.summary)),
            *stream_sections(self.body),
            *faq_answer_parts(self.faqs),
        ]

    def faq_items(self):
        return faq_items(self.faqs)

    def change_list(self):
        """(date, text, block id) of each public change note, newest first."""
        notes = [(note.value["date"], note.value["text"], note.id) for note in self.change_notes]
        return sorted(notes, key=lambda note: note[0], reverse=True)

    def what_changed(self):
        """(date, text) of each change note and of the last clinical review, newest first."""
        entries = [(date, text) for date, text, _id in self.change_list()]
        if self.last_reviewed:
            entries.append((self.last_reviewed, "A clinician checked the whole article."))
        return sorted(entries, key=lambda entry: entry[0], reverse=True)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        people = Person.objects.in_bulk(
            [pk for pk in (self.author_id, self.clinical_reviewer_id) if pk]
        )
        context["author"] = people.get(self.author_id)
        context["reviewer"] = people.get(self.clinical_reviewer_id)
        context["related"] = list(
            visible_to(self.related_mechanisms, reader(request))
            .only("id", "title", "url_path", "summary", "evidence_level", "path", "depth")
            .order_by("title")
        )
        context["page_references"] = list(self.references.order_by("citation"))
        context["page_tags"] = list(self.tags.order_by("name"))
        context["evidence_scale"] = evidence_scale()
        context["body_html"] = key_points.render_body(self.body, context)
        context["what_changed"] = self.what_changed()
        context["faq_items"] = self.faq_items()
        context["json_ld"] = structured_data.medical_web_page(
            self,
            request,
            author=context["author"],
            reviewer=context["reviewer"],
            references=context["page_references"],
        )
        context["faq_json_ld"] = structured_data.faq_page(context["faq_items"])
        # The same for every reader: shared fragments, fresh after any change (caching.fragments).
        context["questions"] = fragments.cached(
            "article-questions",
            lambda: list(
                self.questions.published()
                .select_related("author")
                .order_by("-has_accepted_answer", "-answer_count", "-published_at")[
                    :QUESTIONS_SHOWN
                ]
            ),
            self.pk,
        )
        context["discussions"] = fragments.cached(
            "article-discussions",
            lambda: list(
                self.threads.visible()
                .select_related("author")
                .order_by("-last_activity_at")[:DISCUSSIONS_SHOWN]
            ),
            self.pk,
        )
        return context


class FAQIndexPage(MedicalReviewMixin, Page):
    """/faq/: every question answered on the mechanism pages, in one place."""

    intro = models.TextField(max_length=600, help_text="A short welcome above the questions.")
    faqs = StreamField(
        FAQsBlock(),
        blank=True,
        verbose_name="General FAQs",
        help_text="Questions that belong to no single article, shown first.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("faqs"),
        *MedicalReviewMixin.review_panels,
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("faqs"),
    ]

    parent_page_types = ["articles.HomePage"]
    subpage_types = []
    max_count = 1
    template = "articles/faq_index_page.html"

    class Meta:
        verbose_name = "FAQ page"

    def save(self, *args, **kwargs):
        self.fill_next_review_due()
        super().save(*args, **kwargs)

    def plain_text(self):
        return "\n".join(filter(None, [self.intro, stream_text(self.faqs)]))

    def faq_sections(self, user=None):
        """(page or None, [(question, answer, id)]) for the general FAQs, then each article
        `user` may see (a visitor's when not given: articles.visibility)."""
        sections = []
        general = faq_items(self.faqs)
        if general:
            sections.append((None, general))
        pages = (
            visible_to(MechanismPage.objects, user)
            .only("id", "title", "url_path", "faqs", "path", "depth")
            .order_by("title")
        )
        for page in pages:
            items = page.faq_items()
            if items:
                sections.append((page, items))
        return sections

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.faq_sections(reader(request))
        context["faq_json_ld"] = structured_data.faq_page(
            [item for _, items in context["sections"] for item in items]
        )
        return context


class UpdatesIndexPage(RoutablePageMixin, Page):
    """/updates/: research news, newest first, with an RSS feed at /updates/feed/."""

    intro = models.TextField(max_length=600, help_text="A short welcome above the updates.")

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["articles.HomePage"]
    subpage_types = ["articles.UpdatePage"]
    max_count = 1
    template = "articles/updates_index_page.html"

    class Meta:
        verbose_name = "updates index page"

    def updates(self, user=None):
        """The updates `user` may see (a visitor's when not given, as in the feed), newest
        first."""
        return visible_to(UpdatePage.objects.child_of(self), user).order_by("-date", "-pk")

    @path("")
    def index(self, request):
        paginator = Paginator(
            self.updates(reader(request)).only(
                "id", "title", "url_path", "date", "summary", "path", "depth"
            ),
            UPDATES_PER_PAGE,
        )
        updates = paginator.get_page(request.GET.get("page"))
        return self.render(request, context_overrides={"updates": updates})

    @path("feed/", name="feed")
    def feed(self, request):
        # Not at the top: articles.feeds imports articles.views, which imports these models.
        from articles.feeds import UpdatesFeed

        return UpdatesFeed(self)(request)

    def feed_url(self, request=None):
        return self.get_url(request) + self.reverse_subpage("feed")


class UpdatePage(Page):
    """A piece of research news: what was found, how sure we are and what it means."""

    date = models.DateField(
        default=datetime.date.today, help_text="The date this update is published under."
    )
    summary = models.TextField(
        max_length=500, help_text="Two or three sentences shown in lists and in the feed."
    )
    body = StreamField(UpdatePageBody(), help_text="The update itself.")
    mechanisms = ParentalManyToManyField(
        "articles.MechanismPage",
        blank=True,
        related_name="updates",
        help_text="The mechanism articles this news is about.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("mechanisms"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    parent_page_types = ["articles.UpdatesIndexPage"]
    subpage_types = []
    template = "articles/update_page.html"

    class Meta:
        verbose_name = "research update"

    def plain_text(self):
        return "\n".join(filter(None, [self.summary, stream_text(self.body)]))

    @property
    def published_datetime(self):
        return timezone.make_aware(datetime.datetime.combine(self.date, datetime.time(9)))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["linked_mechanisms"] = list(
            visible_to(self.mechanisms, reader(request))
            .only("id", "title", "url_path", "evidence_level", "path", "depth")
            .order_by("title")
        )
        return context
