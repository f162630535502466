"""The page generation, kept in the database (see caching/generation.py)."""

from django.db import models


class Generation(models.Model):
    """One row: the number every cached page and fragment is stored under.

    It lives in the database rather than in Redis because a Redis write can be lost (an
    outage, a restart from an older snapshot), and a lost bump would serve pages that show
    a hidden reply or a removed article again. On PostgreSQL the number comes from a
    sequence (caching_generation_seq), which never goes backwards and never waits for a
    lock; this row is used on other databases (SQLite in development and tests).
    """

    value = models.BigIntegerField(default=1, help_text="Moves on whenever pages change.")

    class Meta:
        verbose_name = "page generation"

    def __str__(self):
        return f"Generation {self.value}"
