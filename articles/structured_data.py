"""schema.org JSON-LD for article pages, so search engines show who checked what, and when."""

from django.utils.html import strip_tags

CONDITION = {
    "@type": "MedicalCondition",
    "name": "Fibromyalgia",
    "code": {"@type": "MedicalCode", "code": "M79.7", "codingSystem": "ICD-10"},
}


def person(person):
    if person is None:
        return None
    data = {"@type": "Person", "name": person.name}
    if person.credentials:
        data["jobTitle"] = person.credentials
    return data


def medical_web_page(page, request, author=None, reviewer=None, references=()):
    """MedicalWebPage describing a mechanism article."""
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": page.title,
        "headline": page.title,
        "description": page.summary,
        "url": page.get_full_url(request),
        "about": CONDITION,
        "audience": {"@type": "PeopleAudience", "audienceType": "Patient"},
        "inLanguage": "en-GB",
        "isAccessibleForFree": True,
    }
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    if page.first_published_at:
        data["datePublished"] = page.first_published_at.isoformat()
    if page.last_reviewed:
        data["lastReviewed"] = page.last_reviewed.isoformat()
    if reviewer is not None:
        data["reviewedBy"] = person(reviewer)
    if author is not None:
        data["author"] = person(author)
    if references:
        data["citation"] = [reference.citation for reference in references]
    return data


def faq_page(items):
    """FAQPage for (question, answer RichText, id) items, or None when empty."""
    if not items:
        return None
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": question,
                "acceptedAnswer": {"@type": "Answer", "text": strip_tags(answer.source).strip()},
            }
            for question, answer, _id in items
        ],
    }
