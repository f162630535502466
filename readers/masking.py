"""Masking personal details in what readers write to us anonymously.

The community holds a post with an email address or a phone number for a moderator.
Feedback has no moderator and no author to ask, so the details are masked before the
comment is stored: editors never see them. Both use the site's one pair of patterns
(common.personal_details).
"""

from common.personal_details import EMAIL_RE, PHONE_RE

EMAIL_MASK = "[email address removed]"
PHONE_MASK = "[phone number removed]"


def mask_personal_details(text):
    """`text` with every email address and phone number replaced by a short note."""
    return PHONE_RE.sub(PHONE_MASK, EMAIL_RE.sub(EMAIL_MASK, text or ""))
