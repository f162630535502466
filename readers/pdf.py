"""The appointment sheet as a PDF, made with WeasyPrint from the same template as the page.

WeasyPrint is given the sheet's HTML and our own stylesheet (readers/sheet_pdf.css) as
text, and a fetcher that loads nothing: whatever an article or a reader wrote, making the
PDF never reaches the network or the disk.
"""

from functools import lru_cache
from pathlib import Path

from django.template.loader import render_to_string

STYLESHEET = Path(__file__).with_name("sheet_pdf.css")


@lru_cache(maxsize=1)
def _stylesheet_text():
    return STYLESHEET.read_text(encoding="utf-8")


def _no_fetching():
    # WeasyPrint is heavy and only the PDF download needs it, so it loads on first use.
    from weasyprint.urls import URLFetcher

    class NoFetching(URLFetcher):
        """Refuses every address: the sheet needs nothing but its own HTML and CSS."""

        def fetch(self, url, headers=None):
            raise ValueError(f"The appointment sheet loads nothing ({url[:40]})")

    return NoFetching()


def sheet_document(context, request=None):
    """The sheet described by `context` (readers/appointment_pdf.html), laid out on pages."""
    # WeasyPrint loads on first use, as in _no_fetching.
    from weasyprint import CSS, HTML

    html = render_to_string("readers/appointment_pdf.html", context, request=request)
    fetcher = _no_fetching()
    return HTML(string=html, base_url="about:blank", url_fetcher=fetcher).render(
        stylesheets=[CSS(string=_stylesheet_text(), url_fetcher=fetcher)]
    )


def sheet_pdf(context, request=None):
    """The PDF bytes of the sheet described by `context`."""
    return sheet_document(context, request).write_pdf()
