"""A long discussion's "Summary so far" (with its author and date, earlier versions kept) and
"What the evidence says" (articles or one finding, as cards with the evidence label), kept by
moderators and editors."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import ModelLogEntry
from wagtail.rich_text import RichText

from community.models import ThreadEvidence, ThreadSummary
from community.services.summaries import SummaryError, attach_evidence, claims_of, write_summary
from tests.community.shared_pages import page, signed_in
from tests.factories import ThreadFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_settings")]


@pytest.fixture
def finding(articles):
    """The microglia article with one finding in its body."""
    microglia = articles["microglia"]
    microglia.body = [
        ("claim", {"text": RichText("<p>Microglia seem more active in some people.</p>"),
                   "evidence_level": "emerging", "citations": []}),
    ]  # fmt: skip
    microglia.save()
    microglia.refresh_from_db()
    ((block_id, _text, _level),) = claims_of(microglia)
    return microglia, block_id


def test_summary_shows_at_the_top_with_author_and_date_and_keeps_earlier_versions(
    client, moderator
):
    thread = ThreadFactory()
    moderation = signed_in(moderator)

    moderation.post(f"/community/t/{thread.pk}/summary/", {"body": "Most find pacing helps."})
    moderation.post(f"/community/t/{thread.pk}/summary/", {"body": "Pacing and warmth help."})

    html = client.get(thread.get_absolute_url()).content.decode()
    assert "Summary so far" in html and "Pacing and warmth help." in html
    assert "Most find pacing helps." not in html and "By moderator" in html
    assert ThreadSummary.objects.filter(thread=thread).count() == 2
    assert ModelLogEntry.objects.filter(action="community.summary").count() == 2


def test_evidence_shows_an_article_or_a_finding_as_a_card_with_its_label(client, editor, finding):
    microglia, block_id = finding
    thread = ThreadFactory(mechanisms=[microglia])
    editing = signed_in(editor)

    editing.post(f"/community/t/{thread.pk}/evidence/", {"evidence": f"{microglia.pk}:{block_id}"})
    editing.post(f"/community/t/{thread.pk}/evidence/", {"evidence": str(microglia.pk)})

    html = client.get(thread.get_absolute_url()).content.decode()
    assert "What the evidence says" in html
    assert "Microglia seem more active in some people." in html
    assert "Emerging" in html and "Strong hypothesis" in html  # the finding's, the article's
    card = ThreadEvidence.objects.filter(claim_id="").get()
    editing.post(f"/community/t/{thread.pk}/evidence/", {"action": "remove", "evidence": card.pk})
    assert ThreadEvidence.objects.count() == 1


def test_summary_and_evidence_are_refused_to_members(patient, articles):
    thread = ThreadFactory()
    client = signed_in(patient)

    assert client.post(f"/community/t/{thread.pk}/summary/", {"body": "Mine"}).status_code == 403
    response = client.post(f"/community/t/{thread.pk}/evidence/", {"evidence": "1"})
    assert response.status_code == 403
    with pytest.raises(SummaryError):
        write_summary(patient, thread, "Mine")
    with pytest.raises(SummaryError):
        attach_evidence(patient, thread, articles["sleep"])


def test_evidence_refuses_a_finding_not_in_the_article(moderator, articles):
    with pytest.raises(SummaryError):
        attach_evidence(moderator, ThreadFactory(), articles["sleep"], "not-a-finding")


def test_summary_tools_show_to_moderators_only(patient, moderator):
    thread = ThreadFactory()

    assert (
        "Summary and evidence"
        in page(signed_in(moderator), thread.get_absolute_url()).content.decode()
    )
    assert (
        "Summary and evidence"
        not in page(signed_in(patient), thread.get_absolute_url()).content.decode()
    )


def test_evidence_cards_cost_the_same_however_many(client, moderator, articles, finding):
    thread = ThreadFactory()

    def count():
        with CaptureQueriesContext(connection) as captured:
            client.get(thread.get_absolute_url())
        return len(captured)

    attach_evidence(moderator, thread, articles["sleep"])
    write_summary(moderator, thread, "So far: sleep matters.")
    count()
    one = count()
    microglia, block_id = finding
    attach_evidence(moderator, thread, microglia)
    attach_evidence(moderator, thread, microglia, block_id)
    count()

    assert count() == one
