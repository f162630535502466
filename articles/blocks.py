"""StreamField blocks shared by the page types, and one StreamBlock per page type.

Editors build pages from a small set of calm, accessible pieces; each block renders through
its own template in templates/blocks/.
"""

from wagtail import blocks

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


class HomePageBody(blocks.StreamBlock):
    """Body of the home page: signposts first, then a little context."""

    link_cards = LinkCardsBlock()
    heading = HeadingBlock()
    paragraph = paragraph_block()
    callout = CalloutBlock()
