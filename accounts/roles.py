"""The four roles: Django groups (made by a data migration). The permission matrix is in the
README; what a member may do is read by accounts.members."""

from django.contrib.auth.models import Group

PATIENTS = "Patients"
MODERATORS = "Moderators"
EDITORS = "Editors"
CLINICAL_REVIEWERS = "Clinical reviewers"
STAFF_GROUPS = (MODERATORS, EDITORS, CLINICAL_REVIEWERS)


def add_to_patients(request, email_address, **kwargs):
    """allauth `email_confirmed` receiver: a verified member joins the Patients group."""
    group, _ = Group.objects.get_or_create(name=PATIENTS)
    email_address.user.groups.add(group)
