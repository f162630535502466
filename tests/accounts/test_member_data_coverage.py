"""No model that holds a member's data is forgotten by "Download my data" and deletion.

Every model, in every installed app (Django's, Wagtail's, allauth's, django-tasks', taggit's
and ours), with a foreign key, one-to-one or many-to-many field to the user model must be
covered by a Contribution registered with accounts.contributions, or excluded there with a
reason. A field inherited from a concrete parent (a page type's `owner`, kept in
wagtailcore.Page's table) belongs to the parent, so only a model's own fields count.
"""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model

from accounts.contributions import Contribution, covered, exclude, excluded, registered


def fields_pointing_at_members(model):
    user_model = get_user_model()
    own_fields = [*model._meta.local_fields, *model._meta.local_many_to_many]
    return [
        field for field in own_fields if field.is_relation and field.related_model is user_model
    ]


def models_pointing_at_members():
    return {
        model._meta.label: model for model in apps.get_models() if fields_pointing_at_members(model)
    }


def test_coverage_walk_finds_models_of_every_kind_of_app():
    found = models_pointing_at_members()

    for label in ("community.Question", "accounts.DataExport", "wagtailcore.Revision",
                  "account.EmailAddress", "admin.LogEntry"):  # fmt: skip
        assert label in found


def test_coverage_every_model_pointing_at_a_member_is_exported_or_excluded_with_a_reason():
    accounted_for = covered() | set(excluded())

    forgotten = sorted(
        label for label in models_pointing_at_members() if label not in accounted_for
    )

    assert forgotten == [], (
        "Register these with accounts.contributions (export and deletion) or declare them "
        "with accounts.contributions.exclude(label, reason)."
    )


def test_coverage_every_registered_or_excluded_label_names_a_real_model():
    labels = [*covered(), *excluded()]

    not_models = []
    for label in labels:
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            not_models.append(label)
        else:
            if model._meta.label != label:  # spelled as Django spells it, so lookups match
                not_models.append(label)

    assert not_models == []


def test_coverage_no_model_is_both_registered_and_excluded():
    assert covered() & set(excluded()) == set()


def test_coverage_each_contribution_names_the_models_it_covers():
    nameless = [contribution.name for contribution in registered() if not contribution.models]

    assert nameless == []


def test_coverage_every_exclusion_gives_a_reason():
    assert all(reason.strip() for reason in excluded().values())
    with pytest.raises(ValueError):
        exclude("community.Thread", "  ")
    assert "community.Thread" not in excluded()


def test_coverage_contribution_hooks_are_optional_and_default_to_keeping_the_rows():
    contribution = Contribution(name="kept", count=len, export=list)

    assert (contribution.erase, contribution.forget, contribution.models) == (None, None, ())
