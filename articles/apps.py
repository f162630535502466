from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    """The editorial side: the home page, mechanism articles and the pages about the site."""

    name = "articles"
    verbose_name = "Articles"
