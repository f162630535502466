"""What an email address and a phone number look like in what members and readers write.

One pair of patterns for the whole site: the community holds a post that has one for a
moderator (community.services.rules), and anonymous feedback has them masked before it is
stored (readers.masking).
"""

import re

EMAIL_RE = re.compile(r"(?<![\w@])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# Nine or more digits in a row, allowing the spaces, dots, dashes and brackets people type in
# phone numbers: "07700 900 123", "+44 (0)20 7946 0958". Reference numbers (PMIDs of eight
# digits, DOIs such as 10.1038/…) stay below the threshold.
PHONE_RE = re.compile(r"(?<![\w/.])\+?\d(?:[\s().-]{0,2}\d){8,}(?![\w/])")
