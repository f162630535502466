"""The four roles and how to tell them apart.

Roles are Django groups (made by a data migration). The permission matrix is in the README.
"""

PATIENTS = "Patients"
MODERATORS = "Moderators"
EDITORS = "Editors"
CLINICAL_REVIEWERS = "Clinical reviewers"
STAFF_GROUPS = (MODERATORS, EDITORS, CLINICAL_REVIEWERS)


def is_staff_member(user):
    """Staff reach the Wagtail admin: they must use two-factor sign-in and time out sooner."""
    from accounts.members import facts

    return facts(user)["staff"]


def add_to_patients(request, email_address, **kwargs):
    """allauth `email_confirmed` receiver: a verified member joins the Patients group."""
    from django.contrib.auth.models import Group

    group, _ = Group.objects.get_or_create(name=PATIENTS)
    email_address.user.groups.add(group)
