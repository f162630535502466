"""Shared by the benchmark and the soak: a fresh PostgreSQL database, Django set up with the
production settings, and gunicorn started and stopped on 127.0.0.1."""

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]

SERVER_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "DJANGO_SECRET_KEY": "bench-only-" + "x" * 40,
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    "DJANGO_SECURE_SSL_REDIRECT": "false",
    "EMAIL_URL": "dummymail://",
    "TASKS_BACKEND": "immediate",
    # Load from one address would meet the per-member and per-IP limits at once; those are
    # tested on their own. Here the question is speed and whether anything is lost.
    "RATE_LIMIT_POST": "100000/m",
    "RATE_LIMIT_SEARCH": "100000/m",
    "LOG_LEVEL": "WARNING",
}


def fresh_database(prefix):
    """A new, uniquely named PostgreSQL database on 127.0.0.1:5432; returns (url, drop)."""
    import psycopg

    admin = "postgres://postgres@127.0.0.1:5432/postgres"
    name = f"{prefix}_{os.getpid()}"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')

    def drop():
        from django.db import connections

        connections.close_all()
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return f"postgres://postgres@127.0.0.1:5432/{name}", drop


def with_fresh_database(prefix, run):
    """Call run() against DATABASE_URL, or a fresh PostgreSQL database dropped afterwards."""
    drop = None
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        os.environ["DATABASE_URL"], drop = fresh_database(prefix)
    try:
        run()
    finally:
        if drop is not None:
            drop()


def signed_in_session(user):
    """A session key for `user`, stored by the configured session engine, as a sign-in
    would make (allauth's per-IP sign-in limit would stop load clients signing in)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def django_setup(extra_env=None):
    os.environ.update({**SERVER_ENV, **(extra_env or {})})
    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()


def collectstatic():
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=PROJECT, env=dict(os.environ), check=True,
    )  # fmt: skip


class Gunicorn:
    """gunicorn serving portal.wsgi on 127.0.0.1:port with the production settings, as the
    README's deployment runs it: a gthread worker per CPU, each with its own listening socket
    (--reuse-port), so the kernel spreads connections evenly over the workers."""

    def __init__(self, port, workers=None, threads=4):
        workers = workers or os.cpu_count() or 2
        self.port, self.workers, self.threads = port, workers, threads
        self.process = None

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "gunicorn", "portal.wsgi", "--bind", f"127.0.0.1:{self.port}",
             "--workers", str(self.workers), "--worker-class", "gthread",
             "--threads", str(self.threads), "--reuse-port", "--timeout", "60",
             "--log-level", "warning"],
            cwd=PROJECT, env=dict(os.environ),
        )  # fmt: skip
        for _ in range(120):
            if self.process.poll() is not None:
                raise SystemExit("gunicorn stopped before it served a request")
            try:
                with urllib.request.urlopen(self.base + "/healthz/", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.5)
        raise SystemExit("gunicorn did not answer /healthz/ within a minute")

    def worker_pids(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return children.read_text().split()

    def worker_cpu_seconds(self):
        """CPU time (user and system) the workers have used so far (Linux /proc): over a row,
        divided by its requests, a cost per request that the machine's noise barely moves."""
        ticks = 0
        for pid in self.worker_pids():
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime and stime, fields 14 and 15
        return ticks / os.sysconf("SC_CLK_TCK")

    def worker_rss_mb(self):
        """Resident memory of each worker process, in MB (Linux /proc)."""
        sizes = []
        for pid in self.worker_pids():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
        return sizes

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=30)
