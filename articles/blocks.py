"""StreamField blocks shared by the page types, and one StreamBlock per page type.

Editors build pages from a small set of calm, accessible pieces; each block renders through
its own template in templates/blocks/.
"""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from articles.evidence import EvidenceLevel
from articles.visibility import visible_pages

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    """A section heading. Levels start at 2 because the page title is the only h1."""

    text = blocks.CharBlock(
        max_length=120, help_text="Short and plain: say what the section is about."
    )
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section (h2)"), ("h3", "Subsection (h3)")],
        default="h2",
        help_text="Use a subsection only inside a section.",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading.html"


class SectionHeadingBlock(HeadingBlock):
    """An article's section heading, with an optional one-line summary of the section.

    Readers who choose key points see each heading with this summary (or, when it is
    empty, the section's first sentence) and open the rest on request (articles.key_points).
    """

    summary = blocks.CharBlock(
        max_length=250,
        required=False,
        help_text="Optional. One plain sentence with the main idea of this section, shown to "
        "readers who choose key points. Leave empty to use the section's first sentence.",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading.html"
        label = "Heading"


class WhenToGetHelpBlock(blocks.StructBlock):
    """Three levels of help, from least to most urgent, each with the signs that call for it.

    Articles that talk about symptoms say plainly when a symptom is not "just fibro" and
    needs a person to look at it. Shown in full in every reading mode.
    """

    heading = blocks.CharBlock(
        max_length=80,
        default="When to get help",
        help_text="Usually “When to get help”.",
    )
    intro = blocks.CharBlock(
        max_length=250,
        required=False,
        help_text="Optional. One calm sentence before the three levels.",
    )
    soon = blocks.ListBlock(
        blocks.CharBlock(max_length=200, help_text="One sign, in plain words."),
        default=[],
        help_text="Signs that mean: see a GP or your care team soon (in the next few days "
        "or weeks). Leave empty to leave this level out.",
    )
    today = blocks.ListBlock(
        blocks.CharBlock(max_length=200, help_text="One sign, in plain words."),
        default=[],
        help_text="Signs that mean: get urgent advice today (an urgent GP appointment or "
        "an urgent advice line). Leave empty to leave this level out.",
    )
    now = blocks.ListBlock(
        blocks.CharBlock(max_length=200, help_text="One sign, in plain words."),
        default=[],
        help_text="Signs that mean: call emergency services now. Leave empty to leave "
        "this level out.",
    )

    class Meta:
        icon = "warning"
        template = "blocks/when_to_get_help.html"
        label = "When to get help"

    def clean(self, value):
        value = super().clean(value)
        if not any(value[level] for level in ("soon", "today", "now")):
            raise StructBlockValidationError(
                block_errors={
                    "soon": ValidationError("Add at least one sign to one of the three levels.")
                }
            )
        return value


class CalloutBlock(blocks.StructBlock):
    """A highlighted box that turns science into what it means for the reader."""

    title = blocks.CharBlock(
        max_length=80,
        default="What this means for you",
        help_text="Usually “What this means for you”.",
    )
    body = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, help_text="Two or three short sentences, in plain words."
    )

    class Meta:
        icon = "help"
        template = "blocks/callout.html"


class LinkCardBlock(blocks.StructBlock):
    """One signpost to another page, with a sentence saying why to go there."""

    page = blocks.PageChooserBlock(help_text="The page this card links to.")
    description = blocks.CharBlock(
        max_length=200, help_text="One sentence on what the reader will find there."
    )

    class Meta:
        icon = "link"


class LinkCardsBlock(blocks.StructBlock):
    """A group of signposts, such as “Start here” on the home page."""

    heading = blocks.CharBlock(max_length=80, help_text="For example “Start here”.")
    cards = blocks.ListBlock(LinkCardBlock(), min_num=1, max_num=8)

    class Meta:
        icon = "list-ul"
        template = "blocks/link_cards.html"

    def get_context(self, value, parent_context=None):
        """`cards`: those whose page the reader may see (articles.visibility), one query."""
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        shown = {
            page.pk
            for page in visible_pages(
                [card["page"] for card in value["cards"]], getattr(request, "user", None)
            )
        }
        context["cards"] = [
            card for card in value["cards"] if card["page"] is not None and card["page"].pk in shown
        ]
        return context


class BulletListBlock(blocks.StructBlock):
    """A bulleted list of short points, easier to scan on a tired day than a paragraph."""

    items = blocks.ListBlock(
        blocks.CharBlock(max_length=300, help_text="One short point."),
        min_num=1,
        help_text="Each point on its own line.",
    )

    class Meta:
        icon = "list-ul"
        template = "blocks/bullet_list.html"


class FigureBlock(blocks.StructBlock):
    """An image with alt text that editors must write, and an optional caption."""

    image = ImageChooserBlock(help_text="A clear diagram or photo that helps explain the text.")
    alt_text = blocks.CharBlock(
        max_length=250,
        help_text="Required. Describe what the image shows for people who cannot see it.",
    )
    caption = blocks.CharBlock(
        max_length=250, required=False, help_text="Optional text shown under the image."
    )

    class Meta:
        icon = "image"
        template = "blocks/figure.html"


class ClaimBlock(blocks.StructBlock):
    """One research finding with its own evidence level and the studies behind it.

    Lets a page mix established facts with early findings without blurring the two.
    """

    text = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, help_text="The finding, in one to three plain sentences."
    )
    evidence_level = blocks.ChoiceBlock(
        choices=EvidenceLevel.choices,
        help_text="How strong the evidence is for this finding.",
    )
    citations = blocks.ListBlock(
        SnippetChooserBlock("articles.Reference"),
        default=[],
        help_text="The studies that support this finding.",
    )

    class Meta:
        icon = "doc-full"
        template = "blocks/claim.html"


class FAQBlock(blocks.StructBlock):
    """A question patients ask, with a plain answer; gathered on the FAQ page."""

    question = blocks.CharBlock(max_length=200, help_text="As a patient would ask it.")
    answer = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, help_text="A short, direct answer in plain words."
    )

    class Meta:
        icon = "help"
        template = "blocks/faq.html"


def paragraph_block():
    return blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        help_text="Short paragraphs and common words; explain each technical term.",
        template="blocks/paragraph.html",
    )


class ContentPageBody(blocks.StreamBlock):
    """Body of an about-the-site page (About, Privacy, Accessibility)."""

    heading = HeadingBlock()
    paragraph = paragraph_block()
    callout = CalloutBlock()


class MechanismPageBody(blocks.StreamBlock):
    """Body of a mechanism article: explanation, findings with evidence, what it means and
    when to get help."""

    heading = SectionHeadingBlock()
    paragraph = paragraph_block()
    bullet_list = BulletListBlock()
    callout = CalloutBlock()
    figure = FigureBlock()
    claim = ClaimBlock()
    when_to_get_help = WhenToGetHelpBlock()


class FAQsBlock(blocks.StreamBlock):
    """The FAQ section of a page: questions and answers only."""

    faq = FAQBlock()


class UpdatePageBody(blocks.StreamBlock):
    """Body of a research update: what was found and what it means for readers."""

    heading = HeadingBlock()
    paragraph = paragraph_block()
    bullet_list = BulletListBlock()
    callout = CalloutBlock()
    claim = ClaimBlock()


class HomePageBody(blocks.StreamBlock):
    """Body of the home page: signposts first, then a little context."""

    link_cards = LinkCardsBlock()
    heading = HeadingBlock()
    paragraph = paragraph_block()
    callout = CalloutBlock()


class ChangeNoteBlock(blocks.StructBlock):
    """One dated, public note of what changed in an article, for readers coming back to it."""

    date = blocks.DateBlock(help_text="The day the change went live. Usually today.")
    text = blocks.CharBlock(
        max_length=200,
        help_text="What changed, in one short, plain sentence readers will see, for example "
        "“Added the 2025 study on small-fibre nerves.” Leave out fixes of spelling or layout.",
    )

    class Meta:
        icon = "date"
        label = "Change note"


class ChangeNotesBlock(blocks.StreamBlock):
    """An article's public change notes: kept with the page, so they go live with the draft
    they were written in and come back with an older revision."""

    note = ChangeNoteBlock()
