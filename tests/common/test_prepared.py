"""common.prepared: a query Django compiles once, run again with new values, finds exactly
what the ORM finds, and refuses to be prepared when a value could be bound in the wrong
place."""

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from common.prepared import PreparedQuery
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PLACEHOLDER_TIME = datetime.datetime(2001, 2, 3, 4, 5, 6, tzinfo=datetime.UTC)


def sessions_alive_at(now, after):
    return Session.objects.filter(expire_date__gt=now, session_key__gt=after)


def test_prepared_query_finds_what_the_orm_finds_for_each_new_value(db):
    now = timezone.now()
    for key, hours in (("early", 1), ("later", 5), ("other", 9)):
        Session.objects.create(
            session_key=key, session_data="", expire_date=now + datetime.timedelta(hours=hours)
        )
    alive = PreparedQuery(sessions_alive_at, now=PLACEHOLDER_TIME, after="placeholder")

    for hours, after in ((0, ""), (2, ""), (2, "later"), (6, "early"), (10, "")):
        moment = now + datetime.timedelta(hours=hours)
        expected = set(sessions_alive_at(moment, after).values_list("session_key", flat=True))
        found = {session.session_key for session in alive.run(now=moment, after=after)}
        assert found == expected


def test_prepared_query_gives_model_instances_with_their_annotations(db):
    member = UserFactory(username="Rowan")
    by_name = PreparedQuery(
        lambda name: type(member).objects.filter(username=name).order_by(), name="placeholder"
    )

    found = list(by_name.run(name="Rowan"))

    assert found == [member] and found[0].date_joined == member.date_joined
    assert list(by_name.run(name="Nobody")) == []


def test_prepared_query_refuses_a_placeholder_that_is_among_the_parameters_twice(db):
    twice = PreparedQuery(
        lambda prefix: Session.objects.filter(session_key=prefix, session_data=prefix),
        prefix="placeholder",
    )

    with pytest.raises(ImproperlyConfigured, match="2 times"):
        list(twice.run(prefix="a"))


def test_prepared_query_refuses_a_value_the_compiler_changes(db):
    starting = PreparedQuery(
        lambda prefix: Session.objects.filter(session_key__startswith=prefix), prefix="placeholder"
    )

    with pytest.raises(ImproperlyConfigured, match="0 times"):
        list(starting.run(prefix="a"))


def test_prepared_query_refuses_a_kind_of_value_it_cannot_find_safely(db):
    flagged = PreparedQuery(lambda on: Session.objects.filter(pk__isnull=on), on=True)

    with pytest.raises(ImproperlyConfigured, match="Unsupported placeholder"):
        list(flagged.run(on=False))


def test_prepared_query_asks_for_exactly_its_placeholders(db):
    alive = PreparedQuery(sessions_alive_at, now=PLACEHOLDER_TIME, after="placeholder")

    with pytest.raises(TypeError, match="Expected values"):
        alive.run(now=timezone.now())


def test_prepared_query_refuses_a_naive_datetime_rather_than_take_it_for_utc(db):
    alive = PreparedQuery(sessions_alive_at, now=PLACEHOLDER_TIME, after="placeholder")

    with pytest.raises(ValueError, match="aware datetime"):
        alive.run(now=datetime.datetime(2026, 12, 3, 12, 0), after="")
