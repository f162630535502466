"""Warnings for the editor where the parse may be wrong, shown above the preview."""

BODY_WORDS_LOW = 80


def add_warnings(article):
    """Add the warnings that depend on the whole article (the parser adds the others)."""
    warnings = article.warnings
    if not article.title:
        warnings.append("No title found: type one in.")
    if not article.author:
        warnings.append("No author found in a byline.")
    if not article.updated and not article.published:
        warnings.append("No date found.")
    if not article.headings:
        warnings.append("No headings found: the body will be one long section.")
    if not article.faqs:
        warnings.append("No FAQ found.")
    if not article.references:
        warnings.append("No references found.")
    words = len(article.body_text.split())
    if words < BODY_WORDS_LOW:
        warnings.append(
            f"The body is very short ({words} words): check that no text was dropped by mistake."
        )
    questions = [faq["question"] for faq in article.faqs if not faq["answer"]]
    if questions:
        warnings.append(f"{len(questions)} FAQ question(s) have no answer: “{questions[0]}”.")
    seen = []
    for warning in warnings:
        if warning not in seen:
            seen.append(warning)
    warnings[:] = seen
