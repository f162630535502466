"""What each app holds of a member, for "Download my data" and account deletion.

Apps that store member content register a Contribution, so the export is complete and a
deletion reaches every post without accounts knowing about threads or questions.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Contribution:
    """One kind of member content: how to count it, export it and erase its text."""

    name: str
    count: Callable  # (user) -> int
    export: Callable  # (user) -> list of JSON-safe dicts
    erase: Callable  # (user, replacement_text) -> int, the number of items erased


_registry: dict[str, Contribution] = {}


def register(contribution):
    _registry[contribution.name] = contribution
    return contribution


def registered():
    return list(_registry.values())
