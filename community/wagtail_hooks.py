"""Audit-log actions for community moderation."""

from wagtail import hooks


@hooks.register("register_log_actions")
def register_community_log_actions(actions):
    for action, label, message in [
        ("community.lock", "Lock thread", "Locked the thread"),
        ("community.unlock", "Unlock thread", "Unlocked the thread"),
        ("community.pin", "Pin thread", "Pinned the thread"),
        ("community.unpin", "Unpin thread", "Unpinned the thread"),
        ("community.retag", "Change tags", "Changed the thread's tags"),
        ("community.hide", "Hide post", "Hid the post"),
        ("community.restore", "Restore post", "Restored the post"),
        ("community.approve", "Approve", "Approved and published"),
        ("community.reject", "Reject", "Rejected, with a reason for the member"),
        ("community.clinician_reviewed", "Clinician reviewed", "Marked as reviewed by a clinician"),
    ]:
        actions.register_action(action, label, message)
