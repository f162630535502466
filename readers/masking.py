"""Masking personal details in what readers write to us anonymously.

The community holds a post with an email address or a phone number for a moderator
(community/services/rules.py, which readers may not import: it is a layer up). Feedback
has no moderator and no author to ask, so the details are masked before the comment is
stored: editors never see them. The patterns are the community's, kept in step here.
"""

import re

# The same patterns as community.services.rules.EMAIL_RE and PHONE_RE: an email address,
# and nine or more digits with the spaces, dots, dashes and brackets of phone numbers (so
# eight-digit PubMed IDs and DOIs stay as they are).
EMAIL_RE = re.compile(r"(?<![\w@])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
PHONE_RE = re.compile(r"(?<![\w/.])\+?\d(?:[\s().-]{0,2}\d){8,}(?![\w/])")

EMAIL_MASK = "[email address removed]"
PHONE_MASK = "[phone number removed]"


def mask_personal_details(text):
    """`text` with every email address and phone number replaced by a short note."""
    return PHONE_RE.sub(PHONE_MASK, EMAIL_RE.sub(EMAIL_MASK, text or ""))
