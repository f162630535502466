"""seed_load makes realistic bulk data that pages and search can use."""

import pytest
from django.core.management import call_command

from community.models import Question, Reply, Thread

pytestmark = pytest.mark.django_db


def test_seed_load_adds_threads_replies_and_questions_that_pages_show(client, demo, capsys):
    before = {model: model.objects.count() for model in (Thread, Reply)}  # the demo's own
    demo_questions = set(Question.objects.values_list("pk", flat=True))

    call_command("seed_load", threads=30, replies=400, members=20, questions=10, stdout=None)

    loaded = Thread.objects.order_by("pk")[before[Thread] :]
    assert Thread.objects.count() - before[Thread] == 30
    assert Reply.objects.count() - before[Reply] == 400
    first = loaded[0]
    assert first.reply_count == 200  # the benchmark's long thread
    assert sum(thread.reply_count for thread in loaded) == 400
    assert all(thread.tags.exists() for thread in loaded[:10])
    new_questions = Question.objects.published().exclude(pk__in=demo_questions)
    assert new_questions.filter(answer_count=1).count() == 10
    assert client.get("/community/").status_code == 200
    assert client.get(first.get_absolute_url()).status_code == 200
    # The bulk-made posts are in the search index too.
    page = client.get("/search/?q=pacing").content.decode()
    assert "In community discussions" in page
