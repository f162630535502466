"""Articles models, one module per kind: pages and site-wide settings."""

from articles.models.pages import ContentPage, HomePage
from articles.models.settings import SiteSettings

__all__ = ["ContentPage", "HomePage", "SiteSettings"]
