"""What each app holds of a member, for "Download my data" and account deletion.

Apps that store member data register a Contribution in their AppConfig.ready(), so the
export is complete and a deletion reaches every row without accounts knowing about threads
or questions. A model that points at the member but is deliberately left out of both (an
audit log, editorial work done by staff, data the profile part already covers) is declared
with `exclude(label, reason)` by the app that owns it, or by accounts for third-party apps.
tests/accounts/test_member_data_coverage.py fails when a model pointing at the user model is
in neither list, so a new model cannot be forgotten.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Contribution:
    """One kind of member data: how to count it, export it, and what deletion does to it.

    - `name`: its key in the export file.
    - `count(user) -> int`: how many items; the total decides inline or background export.
    - `export(user) -> list`: JSON-safe dicts, in a flat number of queries.
    - `erase(user, text) -> int`: only when the member asks for their posts' text to go
      (`delete_account(erase_posts=True)`): replace the text with `text`, everywhere it is
      kept. None: nothing of theirs to erase.
    - `forget(user) -> int`: on every account deletion: remove (or strip) private data that
      has no reason to outlive the account. None: the rows are kept, and the contribution's
      docstring says why.
    - `models`: the labels ("community.Question") of the models it covers.
    """

    name: str
    count: Callable
    export: Callable
    erase: Callable | None = None
    forget: Callable | None = None
    models: tuple[str, ...] = ()


_registry: dict[str, Contribution] = {}
_excluded: dict[str, str] = {}


def register(contribution):
    _registry[contribution.name] = contribution
    return contribution


def registered():
    return list(_registry.values())


def covered():
    """The labels of every model a registered contribution covers."""
    return {label for contribution in _registry.values() for label in contribution.models}


def exclude(label, reason):
    """Declare that `label` ("app_label.ModelName") points at members but is neither exported
    nor handled by a contribution, and why (one honest line)."""
    if not reason.strip():
        raise ValueError(f"Say why {label} is left out of the export and deletion.")
    _excluded[label] = reason.strip()


def excluded():
    """{label: reason} for every model declared with `exclude`."""
    return dict(_excluded)
