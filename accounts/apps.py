from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Members, staff roles and privacy: who someone is on the portal and what they may do."""

    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        # App loading: these modules import models, which are ready only now.
        from allauth.account.signals import email_confirmed

        from accounts import members
        from accounts.roles import add_to_patients
        from accounts.services import declare_account_data
        from caching.pagecache import changes_pages

        email_confirmed.connect(add_to_patients, dispatch_uid="accounts-patients")
        declare_account_data()
        members.connect_signals()
        # Signing in, a new password or reading preferences (applied in the browser) change
        # nothing a page shows; the rest of an account (its name, its state) does.
        changes_pages("accounts", unseen_fields=("last_login", "password", "reading_preferences"))
        # Groups decide which restricted pages a member may see (articles.visibility): a
        # group saved or deleted, or its permissions changed, moves the generation on too.
        changes_pages("auth")
