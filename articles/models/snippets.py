"""Snippets: the people, references and glossary terms that articles share."""

from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Person(index.Indexed, models.Model):
    """An author or clinical reviewer, credited on each article they wrote or checked.

    Readers trust health information more when they can see who stands behind it; search
    engines read the reviewer into the page's structured data.
    """

    name = models.CharField(max_length=120, help_text="Full name as it should appear on pages.")
    credentials = models.CharField(
        max_length=120,
        blank=True,
        help_text="Qualifications shown after the name, e.g. “MD, rheumatologist”.",
    )
    role = models.CharField(
        max_length=120,
        blank=True,
        help_text="What this person does for the portal, e.g. “Clinical reviewer”.",
    )

    panels = [FieldPanel("name"), FieldPanel("credentials"), FieldPanel("role")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


class Reference(index.Indexed, models.Model):
    """A published study or review that articles cite.

    Kept once and cited from many places, so a corrected citation is corrected everywhere.
    """

    citation = models.TextField(
        max_length=600,
        help_text="The full citation: authors, title, journal, year, volume and pages.",
    )
    doi = models.CharField(
        "DOI",
        max_length=120,
        blank=True,
        help_text="For example 10.1000/182 (the DOI only, not a link).",
    )
    pubmed_id = models.CharField(
        "PubMed ID", max_length=20, blank=True, help_text="The number only, without “PMID”."
    )
    url = models.URLField(
        "URL", blank=True, help_text="A link to the study when it has no DOI or PubMed ID."
    )

    panels = [FieldPanel("citation"), FieldPanel("doi"), FieldPanel("pubmed_id"), FieldPanel("url")]
    search_fields = [index.SearchField("citation"), index.AutocompleteField("citation")]

    class Meta:
        ordering = ["citation"]

    def __str__(self):
        return self.citation if len(self.citation) <= 80 else f"{self.citation[:77]}…"

    @property
    def link(self):
        """The best public link to the study: DOI, then PubMed, then the plain URL."""
        if self.doi:
            return f"https://doi.org/{self.doi}"
        if self.pubmed_id:
            return f"https://pubmed.ncbi.nlm.nih.gov/{self.pubmed_id}/"
        return self.url


def names_from(text, leave_out=""):
    """The comma-separated names in `text`, trimmed, without empty ones, repeats (in any
    case) or `leave_out`."""
    seen, names = {leave_out.strip().lower()}, []
    for name in text.split(","):
        name = " ".join(name.split())
        if name and name.lower() not in seen:
            seen.add(name.lower())
            names.append(name)
    return names


class GlossaryTerm(index.Indexed, models.Model):
    """A science word explained in plain language.

    Listed A–Z on the glossary page; the first use of each term in an article links to its
    entry, so readers never meet an unexplained word.
    """

    term = models.CharField(
        max_length=80, unique=True, help_text="The word as readers meet it, e.g. “microglia”."
    )
    slug = models.SlugField(
        max_length=80,
        unique=True,
        blank=True,
        help_text="Used in the link to this entry. Filled in from the term if left empty.",
    )
    definition = models.TextField(
        max_length=600,
        help_text="One to three short sentences a 12-year-old could follow.",
    )
    mechanism_page = models.ForeignKey(
        "articles.MechanismPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="glossary_terms",
        help_text="The article that explains this term best, linked as “Read more”.",
    )
    synonyms = models.CharField(
        max_length=300,
        blank=True,
        help_text=(
            "Other words readers use for this term, separated by commas, e.g. “brain fog” for "
            "“fibro fog” or “LDN” for “low-dose naltrexone”. Searching for any of them finds "
            "what the term finds."
        ),
    )

    panels = [
        FieldPanel("term"),
        FieldPanel("slug"),
        FieldPanel("definition"),
        FieldPanel("synonyms"),
        FieldPanel("mechanism_page"),
    ]
    search_fields = [
        index.SearchField("term", boost=5),
        index.SearchField("synonyms", boost=3),
        index.SearchField("definition"),
        index.AutocompleteField("term"),
    ]

    class Meta:
        ordering = ["term"]

    def __str__(self):
        return self.term

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.term)
        super().save(*args, **kwargs)

    def synonym_list(self):
        """The synonyms as a list: each one trimmed, empty ones and repeats left out."""
        return names_from(self.synonyms, leave_out=self.term)

    @property
    def letter(self):
        return self.term[:1].upper()

    def get_url(self):
        """The term's anchor on the glossary page."""
        return f"{reverse('glossary')}#{self.slug}"
