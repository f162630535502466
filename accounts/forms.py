"""Forms for a member's own settings, data export and account deletion."""

from allauth.account import forms as allauth_forms
from allauth.account.adapter import get_adapter
from django import forms

from accounts.display_names import check_name_is_free
from accounts.models import User


class ProfileSettingsForm(forms.ModelForm):
    """What a member can change about their profile and mail."""

    class Meta:
        model = User
        fields = ["bio", "hide_from_search_engines", "email_notifications", "notify_mentions"]
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 6}),
            "email_notifications": forms.RadioSelect,
        }
        labels = {
            "bio": "About you",
            "hide_from_search_engines": "Hide my profile from search engines",
            "email_notifications": "Email about replies",
            "notify_mentions": "Email me when someone mentions me",
        }


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
