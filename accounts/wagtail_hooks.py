"""Audit-log actions for account events."""

from wagtail import hooks


@hooks.register("register_log_actions")
def register_account_log_actions(actions):
    actions.register_action("accounts.export", "Export data", "Downloaded their data")
    actions.register_action("accounts.delete", "Delete account", "Deleted their account")
