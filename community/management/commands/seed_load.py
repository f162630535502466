"""Realistic bulk data for load tests: many members, threads, replies and questions.

    python manage.py seed_load --threads 5000 --replies 100000

Threads get 1–3 topics and 0–2 linked articles; replies follow a long tail (most threads
have a few, some have hundreds; the first thread always has 200, for the thread-page
benchmark). Rows are written with bulk_create in batches and added to the search index in
bulk, so 100,000 replies take a minute or two rather than an hour. Safe to run again: it adds
more. Needs the demo content (`seed_demo`) for the articles to link to.
"""

import random

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.db.models import Count, OuterRef, Subquery
from django.utils import timezone
from taggit.models import Tag
from wagtail.search.backends import get_search_backend

from articles.models import MechanismPage
from common.markdown import render_markdown
from community.models import Answer, Question, Reply, Thread

TOPICS = [
    "sleep", "brain fog", "fatigue", "pacing", "flares", "microglia", "neuroinflammation",
    "exercise", "work", "family", "medication", "diet", "weather", "stress", "research",
]  # fmt: skip
OPENINGS = [
    "Has anyone else noticed", "I read the article on", "My doctor mentioned",
    "Does anybody know whether", "After a bad week I wondered about", "Question about",
]  # fmt: skip
SUBJECTS = [
    "sleep and pain", "glial cells", "morning stiffness", "brain fog after work",
    "the nervous system turning up the volume", "gentle exercise", "cold weather flares",
    "what central sensitization means", "small fiber tests", "neutrophils in the new study",
]  # fmt: skip
BODIES = [
    "I have had fibromyalgia for {n} years. **Pacing** helps me most, but some days nothing "
    "does. What works for you?",
    "Thank you for sharing. I found the *sleep* article useful: it explained why a bad night "
    "makes the next day hurt more.",
    "Same here. My GP suggested a sleep diary; I track bedtime, waking and pain from 0 to 10.",
    "I asked about this at my last appointment. They said the research is early, but it "
    "helped to know it is not all in my head.",
    "Short walks, every day, even when I do not feel like it. Slowly the flares got shorter.",
]
BATCH = 2000


class Command(BaseCommand):
    help = "Add load-test data: members, threads with topics, replies, questions and answers."

    def add_arguments(self, parser):
        parser.add_argument("--threads", type=int, default=5000)
        parser.add_argument("--replies", type=int, default=100_000)
        parser.add_argument("--members", type=int, default=2000)
        parser.add_argument("--questions", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, threads, replies, members, questions, seed, **options):
        rng = random.Random(seed)  # noqa: S311 - test data, not security
        authors = self.members(members)
        articles = list(MechanismPage.objects.live().values_list("pk", flat=True))
        rendered = [str(render_markdown(body.format(n=3))) for body in BODIES]
        made = self.threads(rng, threads, authors, articles)
        self.replies(rng, replies, made, authors, rendered)
        self.questions(rng, questions, authors, articles, rendered)
        if connection.vendor == "postgresql":
            # Fresh statistics, as autovacuum would gather a little later: without them the
            # planner guesses a few dozen rows where there are thousands.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(
            f"Added {len(made)} threads, {replies} replies, {questions} questions and "
            f"{len(authors)} members."
        )

    def members(self, count):
        User = get_user_model()
        start = User.objects.count()
        now = timezone.now()
        User.objects.bulk_create(
            [
                User(
                    username=f"load{start + n}",
                    email=f"load{start + n}@example.org",
                    password=make_password(None),  # unusable: nobody signs in as them
                    trusted_at=now,
                )
                for n in range(count)
            ],
            batch_size=BATCH,
        )
        return list(User.objects.filter(username__startswith="load").values_list("pk", flat=True))

    def threads(self, rng, count, authors, articles):
        now = timezone.now()
        objects = []
        for n in range(count):
            title = f"{rng.choice(OPENINGS)} {rng.choice(SUBJECTS)} ({n})"
            body = rng.choice(BODIES).format(n=rng.randint(1, 20))
            when = now - timezone.timedelta(minutes=rng.randint(1, 60 * 24 * 365))
            objects.append(
                Thread(
                    title=title, body=body, body_html=str(render_markdown(body)),
                    author_id=rng.choice(authors), created_at=when, last_activity_at=when,
                )
            )  # fmt: skip
        with transaction.atomic():
            made = Thread.objects.bulk_create(objects, batch_size=BATCH)
            tags = {name: Tag.objects.get_or_create(name=name)[0] for name in TOPICS}
            through = Thread.tags.through
            tagged, linked = [], []
            for thread in made:
                for name in rng.sample(TOPICS, rng.randint(1, 3)):
                    tagged.append(through(content_object=thread, tag=tags[name]))
                for article in rng.sample(articles, min(len(articles), rng.randint(0, 2))):
                    linked.append(
                        Thread.mechanisms.through(thread_id=thread.pk, mechanismpage_id=article)
                    )
            through.objects.bulk_create(tagged, batch_size=BATCH)
            Thread.mechanisms.through.objects.bulk_create(linked, batch_size=BATCH)
        get_search_backend().add_bulk(Thread, made)
        return made

    def replies(self, rng, count, threads, authors, rendered):
        if not threads or not count:
            return
        # A long tail: the first thread has 200 replies, the rest are spread unevenly.
        targets = [threads[0]] * min(200, count)
        rest = threads[1:] or threads
        weights = [1 / (rank + 1) for rank in range(len(rest))]
        targets += rng.choices(rest, weights=weights, k=count - len(targets))
        per_thread = {}
        now = timezone.now()
        for start in range(0, count, BATCH):
            batch = []
            for thread in targets[start : start + BATCH]:
                index = rng.randrange(len(BODIES))
                batch.append(
                    Reply(
                        thread=thread, body=BODIES[index].format(n=3), body_html=rendered[index],
                        author_id=rng.choice(authors), created_at=now,
                    )
                )  # fmt: skip
                per_thread[thread.pk] = per_thread.get(thread.pk, 0) + 1
            made = Reply.objects.bulk_create(batch)
            get_search_backend().add_bulk(Reply, made)
        counts = (
            Reply.objects.filter(thread=OuterRef("pk"))
            .order_by()
            .values("thread")
            .annotate(total=Count("pk"))
            .values("total")
        )
        Thread.objects.filter(pk__in=list(per_thread)).update(
            reply_count=Subquery(counts), last_activity_at=now
        )

    def questions(self, rng, count, authors, articles, rendered):
        now = timezone.now()
        made = Question.objects.bulk_create(
            [
                Question(
                    title=f"{rng.choice(OPENINGS)} {rng.choice(SUBJECTS)}? ({n})",
                    author_id=rng.choice(authors), status=Question.Status.PUBLISHED,
                    published_at=now, answer_count=1,
                )
                for n in range(count)
            ],
            batch_size=BATCH,
        )  # fmt: skip
        Answer.objects.bulk_create(
            [
                Answer(
                    question=question, body=BODIES[1], body_html=rendered[1],
                    author_id=rng.choice(authors), status=Answer.Status.PUBLISHED,
                )
                for question in made
            ],
            batch_size=BATCH,
        )  # fmt: skip
        links = [
            Question.mechanisms.through(question_id=question.pk, mechanismpage_id=article)
            for question in made
            for article in rng.sample(articles, min(len(articles), 1))
        ]
        Question.mechanisms.through.objects.bulk_create(links, batch_size=BATCH)
        get_search_backend().add_bulk(Question, made)
