"""Articles models, one module per kind: pages, snippets, settings and shared mixins."""

from articles.models.pages import (
    ContentPage,
    FAQIndexPage,
    HomePage,
    MechanismIndexPage,
    MechanismPage,
    MechanismPageTag,
    UpdatePage,
    UpdatesIndexPage,
)
from articles.models.settings import SiteSettings
from articles.models.snippets import GlossaryTerm, Person, Reference

__all__ = [
    "ContentPage",
    "FAQIndexPage",
    "GlossaryTerm",
    "HomePage",
    "MechanismIndexPage",
    "MechanismPage",
    "MechanismPageTag",
    "Person",
    "Reference",
    "SiteSettings",
    "UpdatePage",
    "UpdatesIndexPage",
]
