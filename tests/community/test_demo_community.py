"""The demo community: a newcomer sees a community at work (a pinned welcome, discussions
with replies across the articles, answered questions), and loading it again changes nothing."""

import pytest

from articles.demo import SeedReport
from community import demo_data
from community.demo import seed_community
from community.models import Question, Reaction, Thread

pytestmark = pytest.mark.django_db


def test_demo_community_shows_a_community_at_work_and_loads_once(client, demo):
    again = seed_community(SeedReport())

    assert any(item.startswith("discussion ") for item in demo.created)  # seed_demo made it
    assert again.created == []
    threads = Thread.objects.visible()
    assert threads.count() >= 13 and threads.filter(is_pinned=True).get().title.startswith(
        "Welcome"
    )
    assert all(thread.reply_count >= 2 for thread in threads)
    answered = Question.objects.published().filter(has_accepted_answer=True)
    assert answered.count() >= 8
    assert Reaction.objects.exists()
    linked = {
        slug for spec in demo_data.DISCUSSIONS + demo_data.QUESTIONS for slug in spec["mechanisms"]
    }
    found = set(Thread.objects.values_list("mechanisms__slug", flat=True)) | set(
        Question.objects.values_list("mechanisms__slug", flat=True)
    )
    assert linked <= found  # every article named exists in the demo, and is linked
    html = client.get("/community/").content.decode()
    assert html.count('class="thread-item') >= 12 and "Welcome: start here" in html
