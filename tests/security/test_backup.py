"""`make backup` / `make restore` round-trip the whole database (pg_dump or SQLite's backup)."""

import pytest
from django.core.management import CommandError, call_command

from community.models import Thread
from tests.factories import ThreadFactory

# The backup is read by another process (pg_dump), so the data must be committed. These
# tests need none of the migrations' data, so no serialized rollback: the browser tests,
# which also run in this last, transactional group, restore that data for themselves.
pytestmark = pytest.mark.django_db(transaction=True)


def test_a_backup_restores_the_database_as_it_was(tmp_path, capsys):
    kept = ThreadFactory(title="Written before the backup")
    path = tmp_path / "portal.backup"
    call_command("backup", output=str(path))
    assert path.stat().st_size > 0
    assert f"Backup written to {path}" in capsys.readouterr().out

    ThreadFactory(title="Written after the backup")
    Thread.objects.filter(pk=kept.pk).update(title="Changed after the backup")
    call_command("restore", str(path), yes=True)

    titles = set(Thread.objects.values_list("title", flat=True))
    assert titles == {"Written before the backup"}


def test_restoring_a_missing_file_changes_nothing(tmp_path):
    ThreadFactory(title="Still here")

    with pytest.raises(CommandError, match="There is no backup at"):
        call_command("restore", str(tmp_path / "nothing.backup"), yes=True)

    assert Thread.objects.filter(title="Still here").exists()


def test_restore_asks_before_replacing_everything(tmp_path, monkeypatch):
    path = tmp_path / "portal.backup"
    call_command("backup", output=str(path))
    ThreadFactory(title="Not replaced")
    monkeypatch.setattr("builtins.input", lambda prompt: "no")

    with pytest.raises(CommandError, match="Nothing was changed"):
        call_command("restore", str(path))

    assert Thread.objects.filter(title="Not replaced").exists()
