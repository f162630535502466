"""Whole-database backups and restores, with each database's own tools.

PostgreSQL: `pg_dump --format=custom` and `pg_restore --clean --if-exists`, so a restore
gives back exactly what was dumped (tables, sequences, every row). SQLite: the sqlite3
online-backup API, which copies a consistent snapshot even while the site runs.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection

from caching import generation


class BackupError(Exception):
    """The backup or restore could not be made; the message says why."""


def _postgres_env():
    settings = connection.settings_dict
    env = dict(os.environ)
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = settings["PASSWORD"]
    return env


def _program(name):
    """The full path of a PostgreSQL client program, or a clear error if it is missing."""
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client).")
    return found


def _postgres_args():
    settings = connection.settings_dict
    args = ["--dbname", settings["NAME"]]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings.get(key):
            args += [flag, str(settings[key])]
    return args


def backup(path):
    """Write a backup of the current database to `path`; returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "postgresql":
        result = subprocess.run(  # noqa: S603 - fixed program, arguments from settings
            [
                _program("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--file",
                str(path),
                *_postgres_args(),
            ],
            env=_postgres_env(),
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    else:
        raise BackupError(f"No backup method for {connection.vendor}.")
    return path


def restore(path):
    """Replace the current database's contents with the backup at `path`."""
    path = Path(path)
    if not path.exists():
        raise BackupError(f"There is no backup at {path}.")
    before = generation.read()
    if connection.vendor == "postgresql":
        connection.close()  # pg_restore drops tables this connection might hold locks on
        result = subprocess.run(  # noqa: S603 - fixed program, arguments from settings
            [_program("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
             *_postgres_args(), str(path)],
            env=_postgres_env(),
            capture_output=True,
            text=True,
        )  # fmt: skip
        if result.returncode != 0:
            raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(path)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        raise BackupError(f"No restore method for {connection.vendor}.")
    # The restored generation is older than pages cached since: never let it reach them.
    generation.continue_after(before)
