"""Forms for a member's own settings, data export and account deletion."""

import zoneinfo

from allauth.account import forms as allauth_forms
from allauth.account.adapter import get_adapter
from django import forms
from django.conf import settings

from accounts.display_names import check_name_is_free
from accounts.models import User


def time_zone_choices():
    """Every time zone name the computer knows, sorted, for a list to choose from."""
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


class ProfileSettingsForm(forms.ModelForm):
    """What a member can change about their profile and mail, quiet hours included.

    Quiet hours need both ends (or neither); the time zone is picked from a list, so a
    typo cannot silently move the quiet hours.
    """

    time_zone = forms.ChoiceField(
        label="Your time zone",
        choices=time_zone_choices,
        required=False,
        help_text="Quiet hours follow your local time. Pick the city nearest to you, such as "
        "Europe/London.",
        error_messages={"invalid_choice": "Choose your time zone from the list."},
    )

    class Meta:
        model = User
        fields = [
            "bio",
            "hide_from_search_engines",
            "email_notifications",
            "notify_mentions",
            "quiet_hours_start",
            "quiet_hours_end",
            "time_zone",
        ]
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 6}),
            "email_notifications": forms.RadioSelect,
            "quiet_hours_start": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "quiet_hours_end": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }
        labels = {
            "bio": "About you",
            "hide_from_search_engines": "Hide my profile from search engines",
            "email_notifications": "Email about replies",
            "notify_mentions": "Email me when someone mentions me",
            "quiet_hours_start": "Quiet hours: no email from",
            "quiet_hours_end": "Quiet hours: email again from",
        }
        help_texts = {
            "quiet_hours_start": "For example 21:00. We keep email until your quiet hours end. "
            "Nothing is lost, and the site still shows what is new. Leave both times empty "
            "for no quiet hours.",
            "quiet_hours_end": "For example 08:00. This may be the next morning.",
        }

    def clean_time_zone(self):
        """Left out (an older form), the member's time zone stays as it is."""
        return self.cleaned_data["time_zone"] or self.instance.time_zone or settings.TIME_ZONE

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("quiet_hours_start"), cleaned.get("quiet_hours_end")
        if "quiet_hours_start" in self.errors or "quiet_hours_end" in self.errors:
            return cleaned
        if start is None and end is not None:
            self.add_error(
                "quiet_hours_start",
                "Choose when your quiet hours start too, or leave both times empty.",
            )
        elif end is None and start is not None:
            self.add_error(
                "quiet_hours_end",
                "Choose when your quiet hours end too, or leave both times empty.",
            )
        elif start is not None and start == end:
            self.add_error("quiet_hours_end", "Your quiet hours need to end at a different time.")
        return cleaned


class DisplayNameForm(forms.Form):
    """A new display name, checked by the same rules as at sign-up, and not one that
    someone else used until recently (accounts.display_names)."""

    display_name = forms.CharField(
        max_length=150,
        label="New display name",
        help_text="Shown next to everything you have written and will write. Pick a nickname, "
        "not your real name or your email address. You can change it once a month.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["display_name"].widget.attrs["autocomplete"] = "nickname"

    def clean_display_name(self):
        name = self.cleaned_data["display_name"].strip()
        if name == self.user.username:
            raise forms.ValidationError("That is already your display name.")
        name = get_adapter().clean_username(name, shallow=True)
        check_name_is_free(name, user=self.user)
        return name


class DeleteAccountForm(forms.Form):
    """Deleting an account asks for the password, and whether to remove post text too."""

    password = forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="To make sure it is really you.",
    )
    erase_posts = forms.BooleanField(
        required=False,
        label="Also remove the text of everything I wrote",
        help_text="Your posts will then read “[removed at the author's request]”. If you leave "
        "this unticked, they stay in their conversations under “Deleted member”.",
    )
    confirm = forms.BooleanField(
        label="I understand that this cannot be undone",
        error_messages={"required": "Tick this box to confirm you want to delete your account."},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That password is not right. Nothing was deleted.")
        return password


class SignupForm(allauth_forms.SignupForm):
    """allauth's sign-up form, worded for a pseudonymous community, with a honeypot.

    `website` is a hidden field people never see or fill; sign-up bots that fill every field
    they find are refused. One layer among several: email confirmation, rate limits and new
    members' posts waiting for a moderator.
    """

    website = forms.CharField(required=False, widget=forms.HiddenInput, label="Leave empty")

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError("We could not create this account. Please try again.")
        return ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.label = "Display name"
        username.help_text = (
            "Shown next to everything you write. Pick a nickname, not your real name or your "
            "email address."
        )
        username.widget.attrs["placeholder"] = "For example: SleepySeal"
        self.fields[
            "email"
        ].help_text = "Only used to sign in and to send you the mail you ask for."
