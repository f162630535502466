"""allauth adapter: background mail and the rules for display names."""

import re

from allauth.account.adapter import DefaultAccountAdapter
from django import forms

from accounts.tasks import queue_email

RESERVED_NAMES = {"admin", "administrator", "moderator", "moderators", "editor", "staff",
                  "support", "deleted", "deleted-member", "deleted member", "system"}  # fmt: skip
EMAIL_LIKE = re.compile(r"@|\.(com|org|net|co|uk|de|fr|nl|io)$", re.IGNORECASE)


class AccountAdapter(DefaultAccountAdapter):
    """Sends allauth's mail through django-tasks and keeps display names pseudonymous."""

    def send_mail(self, template_prefix, email, context):
        from allauth.core import context as allauth_context
        from django.contrib.sites.shortcuts import get_current_site

        request = allauth_context.request
        full_context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
        }
        full_context.update(context)
        queue_email(self.render_mail(template_prefix, email, full_context))

    def clean_username(self, username, shallow=False):
        if EMAIL_LIKE.search(username):
            raise forms.ValidationError(
                "Your display name is shown to everyone, so it cannot be an email address. "
                "Choose a nickname instead."
            )
        if username.strip().lower() in RESERVED_NAMES:
            raise forms.ValidationError("That name is reserved. Please choose another.")
        return super().clean_username(username, shallow=shallow)
