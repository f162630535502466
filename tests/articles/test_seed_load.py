"""seed_load makes realistic bulk data that pages and search can use."""

import pytest
from django.core.management import call_command

from community.models import Question, Reply, Thread

pytestmark = pytest.mark.django_db


def test_seed_load_adds_threads_replies_and_questions_that_pages_show(client, demo, capsys):
    call_command("seed_load", threads=30, replies=400, members=20, questions=10, stdout=None)

    assert Thread.objects.count() == 30 and Reply.objects.count() == 400
    first = Thread.objects.order_by("pk").first()
    assert first.reply_count == 200  # the benchmark's long thread
    assert sum(Thread.objects.values_list("reply_count", flat=True)) == 400
    assert all(thread.tags.exists() for thread in Thread.objects.all()[:10])
    assert Question.objects.published().filter(answer_count=1).count() == 10
    assert client.get("/community/").status_code == 200
    assert client.get(first.get_absolute_url()).status_code == 200
    # The bulk-made posts are in the search index too.
    page = client.get("/search/?q=pacing").content.decode()
    assert "In community discussions" in page
