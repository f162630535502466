"""Benchmarks of the production stack, printed as a table: `make bench`.

Starts from a fresh PostgreSQL database (unless DATABASE_URL is set) and Redis database 14
(REDIS_URL to change), loads the demo content and BENCH_THREADS threads with BENCH_REPLIES
replies (seed_load; 5,000 and 100,000 by default), starts gunicorn with the production
settings, and runs wrk (installed from Debian if missing) at BENCH_CONNECTIONS (50) for
BENCH_SECONDS (20) per row, each page first asked for at 2 connections for 2 s (a fresh
worker's first requests are not what a row measures; what a change costs the first member
after it is the "made afresh" rows):

- the anonymous mechanism page, beside whitenoise serving the same HTML bytes as a static
  file, in the same run (the ratio is the first target: at least 70%, p99 at most 25 ms);
- signed in: the community list, a tag page, a thread page with 200 replies, and site search
  (targets: median under 100 ms and p99 under 300 ms; search p95 under 50 ms), served from
  the members' shared pages (community/shells.py) as most members' visits are; then the thread
  and the list again for a member whose pages are always made afresh (they have a reply
  awaiting review), which is what the first member to ask after any change pays;
- gunicorn workers' resident memory after all of it (target: under 150 MB each),
- PostgreSQL's EXPLAIN ANALYZE for a discussion search,
- and the optional caching front: Varnish with deploy/varnish/portal.vcl in front of the same
  gunicorn, beside nginx serving the same bytes as a static file (target: at least 50%).
  Varnish and nginx are installed from Debian if missing, like wrk.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stack import (  # noqa: E402
    Gunicorn,
    collectstatic,
    django_setup,
    signed_in_session,
    with_fresh_database,
)

PORT = int(os.environ.get("BENCH_PORT", "8766"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "20"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "50"))
THREADS = int(os.environ.get("BENCH_THREADS", "5000"))
REPLIES = int(os.environ.get("BENCH_REPLIES", "100000"))
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/14")
# BENCH_REUSE=1 with DATABASE_URL: a database that already holds the demo and seed_load.
REUSE = os.environ.get("BENCH_REUSE") == "1"
WORKERS = int(os.environ.get("BENCH_WORKERS", "0"))  # gunicorn gthread workers (0: one a CPU) …
WORKER_THREADS = int(os.environ.get("BENCH_WORKER_THREADS", "4"))  # … and threads in each
LUA = Path(__file__).with_name("report.lua")


VCL = Path(__file__).resolve().parents[1] / "deploy" / "varnish" / "portal.vcl"
TOOLS = {"wrk": "wrk", "varnishd": "varnish", "nginx": "nginx-light"}  # command: package


def ensure_tools():
    missing = [package for command, package in TOOLS.items() if not shutil.which(command)]
    if not missing:
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run(  # noqa: S603
        [*sudo, "apt-get", "install", "-y", "--no-install-recommends", *missing],
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"}, check=True,
    )  # fmt: skip


def wait_for(url):
    for _ in range(60):
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our own local server
                return
        except OSError:
            time.sleep(0.25)
    raise SystemExit(f"{url} did not answer")


class Front:
    """nginx serving static/ and Varnish (deploy/varnish/portal.vcl) in front of gunicorn."""

    def __init__(self, static_root, backend_port):
        self.dir = Path(tempfile.mkdtemp(prefix="portal-bench-front-"))
        self.dir.chmod(0o755)  # varnishd drops to its own user
        self.nginx_port, self.varnish_port = PORT + 2, PORT + 1
        conf = self.dir / "nginx.conf"
        conf.write_text(
            f"daemon off; worker_processes 2; pid {self.dir}/nginx.pid;\n"
            f"error_log {self.dir}/nginx-error.log;\n"
            "events { worker_connections 1024; }\n"
            "http { access_log off; sendfile on; tcp_nopush on; keepalive_requests 100000;\n"
            "  default_type text/html;\n"
            f"  server {{ listen 127.0.0.1:{self.nginx_port}; root {static_root}; }} }}\n"
        )
        vcl = self.dir / "portal.vcl"
        vcl.write_text(VCL.read_text().replace('.port = "8000"', f'.port = "{backend_port}"'))
        vcl.chmod(0o644)
        self.processes = [
            subprocess.Popen([shutil.which("nginx"), "-c", str(conf), "-p", str(self.dir)]),  # noqa: S603
            subprocess.Popen(  # noqa: S603
                [
                    shutil.which("varnishd"),
                    "-F",
                    "-n",
                    str(self.dir / "varnish"),
                    "-f",
                    str(vcl),
                    "-a",
                    f"127.0.0.1:{self.varnish_port}",
                    "-s",
                    "malloc,64m",
                ],  # fmt: skip
                stdout=subprocess.DEVNULL,
                stderr=(self.dir / "varnishd.log").open("w"),
            ),
        ]
        wait_for(f"http://127.0.0.1:{self.nginx_port}/bench/microglia.html")
        wait_for(f"http://127.0.0.1:{self.varnish_port}/healthz/")

    def stop(self):
        for process in self.processes:
            process.terminate()
            process.wait(timeout=30)
        shutil.rmtree(self.dir, ignore_errors=True)


def wrk(url, cookie=None, server=None):
    """One row: wrk's figures, and with `server`, the gunicorn workers' CPU per request."""
    args = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--timeout", "10s", "-s", str(LUA)]
    if cookie:
        args += ["-H", f"Cookie: {cookie}"]
    before = server.worker_cpu_seconds() if server else None
    result = subprocess.run([*args, url], capture_output=True, text=True, check=True)  # noqa: S603
    after = server.worker_cpu_seconds() if server else None
    line = next(line for line in result.stdout.splitlines() if line.startswith("BENCH "))
    data = json.loads(line[len("BENCH ") :])
    data["rps"] = data["requests"] / data["seconds"]
    data["cpu_ms"] = None if server is None else (after - before) * 1000 / max(data["requests"], 1)
    return data


def prepare():
    from django.core.management import call_command
    from django.test import Client
    from redis import Redis

    Redis.from_url(REDIS_URL).flushdb()
    call_command("migrate", verbosity=0, interactive=False)
    if not REUSE:
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        print(f"Loading {THREADS} threads and {REPLIES} replies…", flush=True)
        call_command("seed_load", threads=THREADS, replies=REPLIES, stdout=open(os.devnull, "w"))  # noqa: SIM115
    from django.utils import timezone

    from accounts.models import User
    from community.models import Reply, Thread

    member, waiting = User.objects.filter(username__startswith="load").order_by("pk")[:2]
    session_key = signed_in_session(member)
    # The 200-reply thread: seed_load's first thread has exactly 200 (its long tail
    # gives the second about 11,000, which is not what a member usually opens).
    long_thread = (
        Thread.objects.filter(reply_count=200).order_by("pk").first()
        or Thread.objects.order_by("-reply_count", "pk").first()
    )
    # A member with a reply awaiting review always gets pages made for them alone
    # (community/shells.py): their rows measure building the page, the others the shared page.
    Reply.objects.get_or_create(
        author=waiting,
        thread=Thread.objects.order_by("pk").last(),
        body="Bench: a reply awaiting review.",
        defaults={"held_at": timezone.now(), "hold_reason": "premoderated"},
    )
    fresh_key = signed_in_session(waiting)
    # The static baseline: the very bytes an anonymous visitor gets for the article.
    html = Client(HTTP_HOST="127.0.0.1").get("/mechanisms/microglia/").content
    from django.conf import settings

    baseline = Path(settings.STATIC_ROOT) / "bench" / "microglia.html"
    baseline.parent.mkdir(parents=True, exist_ok=True)
    baseline.write_bytes(html)
    # Members' browsers send back the form-token cookie their first page set, as wrk does not.
    from django.utils.crypto import get_random_string

    token = f"csrftoken={get_random_string(32)}"
    return (
        f"sessionid={session_key}; {token}",
        f"sessionid={fresh_key}; {token}",
        long_thread,
        len(html),
    )


def explain_search():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from community.search import search_discussions

    with CaptureQueriesContext(connection) as captured:
        search_discussions("sleep diary")
    query = max(captured.captured_queries, key=lambda q: len(q["sql"]))["sql"]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN ANALYZE " + query)  # the captured SQL, parameters inlined
        return "\n".join(row[0] for row in cursor.fetchall())


def main():
    ensure_tools()
    with_fresh_database("portal_bench", run)


def run():
    django_setup({"REDIS_URL": REDIS_URL, "PAGE_CACHE_SECONDS": "300"})
    collectstatic()
    cookie, fresh_cookie, thread, size = prepare()
    server = Gunicorn(PORT, workers=WORKERS, threads=WORKER_THREADS).start()
    base = server.base
    from django.conf import settings

    front = Front(settings.STATIC_ROOT, PORT)
    nginx, varnish = (f"http://127.0.0.1:{port}" for port in (front.nginx_port, front.varnish_port))

    def served(url, cookie=None):  # a row gunicorn answers: its workers' CPU is counted too
        return wrk(url, cookie, server)

    signed_in = ["/community/", "/community/tags/sleep/", thread.get_absolute_url(),
                 "/search/?q=sleep+diary"]  # fmt: skip
    try:
        # Two seconds of each page at two connections first, so that no row measures the
        # first requests to a fresh worker: its imports, connections and first copies. (What
        # the first member after a change pays is the "made afresh" rows.)
        anonymous = [base + "/mechanisms/microglia/", base + "/static/bench/microglia.html",
                     varnish + "/mechanisms/microglia/"]  # fmt: skip
        warm = [(url, None) for url in anonymous] + [(base + path, cookie) for path in signed_in]
        for url, with_cookie in warm:
            headers = ["-H", f"Cookie: {with_cookie}"] if with_cookie else []
            subprocess.run(["wrk", "-t1", "-c2", "-d2s", *headers, url], capture_output=True)  # noqa: S603, S607
        rows = [
            ("Static file (whitenoise), same bytes", served(base + "/static/bench/microglia.html")),
            ("Mechanism page, anonymous", served(base + "/mechanisms/microglia/")),
            ("Community list, signed in", served(base + signed_in[0], cookie)),
            ("Tag page, signed in", served(base + signed_in[1], cookie)),
            (f"Thread, {thread.reply_count} replies, signed in",
             served(base + signed_in[2], cookie)),
            ("Search, signed in", served(base + signed_in[3], cookie)),
            ("Static file (nginx), same bytes", wrk(nginx + "/bench/microglia.html")),
            ("Mechanism page, anonymous, via Varnish", wrk(varnish + "/mechanisms/microglia/")),
            (f"Thread, {thread.reply_count} replies, made afresh",
             served(base + thread.get_absolute_url(), fresh_cookie)),
            ("Community list, made afresh", served(base + "/community/", fresh_cookie)),
        ]  # fmt: skip
        memory = server.worker_rss_mb()
    finally:
        front.stop()
        server.stop()
    print()
    print(f"{CONNECTIONS} connections, {SECONDS} s each, {os.cpu_count()} CPUs; "
          f"page {size} bytes; {THREADS} threads, {REPLIES} replies")  # fmt: skip
    print(f"{'':44} {'req/s':>8} {'median':>8} {'p95':>8} {'p99':>8} {'errors':>7} "
          f"{'vs static':>9} {'CPU/req':>8}")  # fmt: skip
    for index, (name, data) in enumerate(rows):
        baseline = rows[6 if index in (6, 7) else 0][1]  # nginx for the Varnish row
        cpu = "" if data["cpu_ms"] is None else f"{data['cpu_ms']:.2f}ms"
        print(f"{name:44} {data['rps']:8.0f} {data['p50']:7.1f}ms {data['p95']:7.1f}ms "
              f"{data['p99']:7.1f}ms {data['errors']:7d} "
              f"{data['rps'] / baseline['rps']:9.0%} {cpu:>8}")  # fmt: skip
    print(
        "CPU/req: the gunicorn workers' CPU time over the row divided by its requests "
        "(wrk, nginx and Varnish not counted)."
    )
    static, page = rows[0][1], rows[1][1]
    ratio = page["rps"] / static["rps"]
    print(
        f"\nAnonymous page / static file: {ratio:.0%} of the requests per second "
        f"(target at least 70%), page p99 {page['p99']:.1f} ms (target at most 25 ms)"
    )
    for name, data in rows[2:5]:
        ok = data["p50"] < 100 and data["p99"] < 300
        print(f"{name}: median {data['p50']:.0f} ms, p99 {data['p99']:.0f} ms "
              f"({'meets' if ok else 'misses'} median < 100 ms, p99 < 300 ms)")  # fmt: skip
    nginx_row, varnish_row = rows[6][1], rows[7][1]
    print(
        f"Varnish page / nginx static file: {varnish_row['rps'] / nginx_row['rps']:.0%} of the "
        "requests per second (target at least 50%)"
    )
    search = rows[5][1]
    print(
        f"Search p95 {search['p95']:.0f} ms ({'meets' if search['p95'] < 50 else 'misses'} < 50 ms)"
    )
    print(
        "Worker memory: "
        + ", ".join(f"{mb:.0f} MB" for mb in memory)
        + f" (target under 150 MB each; {sum(d['requests'] for _, d in rows)} requests served)"
    )
    print("\nEXPLAIN ANALYZE of a discussion search:")
    print(re.sub(r"^", "  ", explain_search(), flags=re.M))


if __name__ == "__main__":
    main()
