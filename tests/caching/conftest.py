"""A Redis server of the test's own, on a free port, that a test can stop, restart, and
restore from an older snapshot, as an operator (or a crash) would."""

import shutil
import socket
import subprocess
import time
import uuid

import pytest
import redis

from caching.backends import forget_failures, forget_server_runs


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class OwnRedis:
    """redis-server (Debian's, installed by `make`) in a folder of the test's own."""

    def __init__(self, folder):
        self.folder, self.port, self.process = folder, free_port(), None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 - a fixed command of our own
            ["/usr/bin/redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder), "--dbfilename", "dump.rdb"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        client = redis.Redis(port=self.port)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process is not None:
            self.process.kill()  # as a crash: nothing saved on the way down
            self.process.wait()
            self.process = None

    def snapshot(self):
        """What an operator's backup (or Redis's own periodic save) keeps of it now."""
        redis.Redis(port=self.port).save()
        shutil.copy(self.folder / "dump.rdb", self.folder / "older.rdb")

    def restart_from_snapshot(self):
        self.stop()
        shutil.copy(self.folder / "older.rdb", self.folder / "dump.rdb")
        self.start()


def cache_answers_again():
    """A moment later: the cache is asked again after a failure (caching.backends.RETRY_SECONDS),
    and each worker's tracking connection reconnects."""
    from django.core.cache import cache

    forget_failures()
    cache.get("probe")  # a pooled connection to the old server fails once, then reconnects
    forget_failures()
    forget_server_runs()  # each worker asks the server which run it is within a second
    tracked = getattr(cache, "tracked", None)
    if tracked is not None:
        tracked()._retry_at = 0


@pytest.fixture
def own_redis(tmp_path, settings):
    """The production cache on a Redis server of this test's own, page caches on."""
    from django.core.cache import cache

    from caching.pagecache import local_pages

    server = OwnRedis(tmp_path)
    server.start()
    settings.CACHES = {
        "default": {
            "BACKEND": "caching.backends.FallbackRedisCache",
            "LOCATION": server.url,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    settings.PAGE_CACHE_SECONDS = 300
    settings.MEMBER_FACTS_SECONDS = 300
    local_pages.generation = None  # a worker starting afresh
    yield server
    server.stop()
    forget_failures()
    cache.close()
