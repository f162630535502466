from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Members, staff roles and privacy: who someone is on the portal and what they may do."""

    name = "accounts"
    verbose_name = "Accounts"
