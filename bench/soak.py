"""A bounded soak test: mixed reading and posting at 50 concurrent clients against the
production stack (gunicorn, portal.settings.production, whitenoise) on 127.0.0.1.

It passes when no request got a server error (5xx), every reply the server accepted is in
the database afterwards (none lost), and every accepted reply showed at once on the page the
member was sent to, both to them and to a visitor without a session, whichever worker
answered (a page or copy cached before the reply must never be served after it). Run with
`make soak`. Without DATABASE_URL it makes a fresh PostgreSQL database on 127.0.0.1:5432
(user postgres) and drops it afterwards; the cache and sessions are in Redis (REDIS_URL, or
database 12 on 127.0.0.1:6379, emptied first).
SOAK_SECONDS (default 300) and SOAK_CLIENTS (default 50) change the load.
"""

import http.cookies
import os
import random
import re
import string
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stack import (  # noqa: E402
    Gunicorn,
    collectstatic,
    django_setup,
    signed_in_session,
    with_fresh_database,
)

PORT = int(os.environ.get("SOAK_PORT", "8765"))
# Redis, as production runs: the cache, sessions, and the workers' tracked copies of both.
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/12")
BASE = f"http://127.0.0.1:{PORT}"
SECONDS = int(os.environ.get("SOAK_SECONDS", "300"))
CLIENTS = int(os.environ.get("SOAK_CLIENTS", "50"))
POST_SHARE = 0.2
READ_PATHS = [
    "/",
    "/mechanisms/",
    "/mechanisms/microglia/",
    "/mechanisms/central-sensitization/",
    "/glossary/",
    "/faq/",
    "/community/",
    "/questions/",
    "/search/?q=glia",
    "/updates/feed/",
]


def prepare():
    """Migrate, load the demo content, and make one trusted, signed-in member per client, and
    ten discussions to reply to. Returns ({username: session key}, [thread addresses])."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from community.models import Thread

    User = get_user_model()
    members = {}
    for n in range(CLIENTS):
        user, _ = User.objects.get_or_create(
            username=f"soak{n}",
            defaults={"email": f"soak{n}@example.org", "trusted_at": timezone.now()},
        )
        user.set_password("soak-password-123")
        user.date_joined = timezone.now() - timezone.timedelta(days=30)
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        members[user.username] = signed_in_session(user)
    threads = []
    for n in range(10):
        thread, _ = Thread.objects.get_or_create(
            title=f"Soak discussion {n}",
            defaults={"author": User.objects.get(username="soak0"), "body": "Say hello."},
        )
        threads.append((thread.pk, thread.get_absolute_url()))
    return members, threads


def reply_count():
    from community.models import Reply

    return Reply.objects.count()


class Client:
    """One member's browser: cookies, a CSRF token, and a tally of what happened."""

    def __init__(self, username, session_key, threads, tally, accepted):
        # Production cookies are marked Secure; over plain HTTP on 127.0.0.1 we send them back
        # ourselves, as a browser behind the TLS proxy would.
        self.cookies = {"sessionid": session_key}
        self.opener = urllib.request.build_opener(NoRedirect())
        self.username, self.threads, self.tally, self.accepted = username, threads, tally, accepted
        self.location = ""
        self.served = ""  # how the last page was served (X-Page-Cache), for the report
        self.misses = []  # details of each reply not shown where the member was sent

    def _keep_cookies(self, headers):
        for header in headers.get_all("Set-Cookie") or []:
            for name, morsel in http.cookies.SimpleCookie(header).items():
                self.cookies[name] = morsel.value

    def request(self, path, data=None, visitor=False):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(BASE + path, data=body)  # noqa: S310 - fixed http base
        request.add_header("Referer", BASE + "/")
        if self.cookies and not visitor:
            request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        try:
            with self.opener.open(request, timeout=30) as response:
                self._keep_cookies(response.headers)
                self.served = response.headers.get("X-Page-Cache", "made")
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            self._keep_cookies(error.headers)
            self.location = error.headers.get("Location", "")
            return error.code, error.read().decode("utf-8", "replace")
        except OSError as error:  # connection refused or reset, timeouts
            return f"error: {type(error).__name__}", ""

    def csrf(self, path):
        status, html = self.request(path)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        return match.group(1) if match else ""

    def signed_in(self):
        status, html = self.request("/accounts/profile/")
        return status == 200

    def step(self):
        if random.random() < POST_SHARE:  # noqa: S311 - load mix, not security
            thread, url = random.choice(self.threads)  # noqa: S311
            token = self.csrf(url)
            # Letters only: a long run of digits reads as a phone number and is held for review.
            mark = "".join(random.choices(string.ascii_lowercase, k=16))  # noqa: S311
            body = f"Soak reply from {self.username}, {mark}"
            status, _ = self.request(
                f"/community/t/{thread}/reply/", {"csrfmiddlewaretoken": token, "body": body}
            )
            if status == 302 and "#reply-" in self.location:
                self.accepted.append(body)
                self.tally["POST reply accepted"] += 1
                self.read_back(self.location.removeprefix(BASE), body)
            else:
                self.tally[f"POST reply {status} {self.location[:20]}".strip()] += 1
        else:
            status, _ = self.request(random.choice(READ_PATHS))  # noqa: S311
            self.tally[f"GET {status}"] += 1

    def read_back(self, path, body):
        """The page the member was sent to shows their reply at once, to them and to a
        visitor (the anonymous page cache), whichever worker answers. The page is where the
        reply is among those before it, so replies others post at the same moment, which
        come after it, never move it off that page."""
        for who, visitor in [("member", False), ("visitor", True)]:
            status, html = self.request(path, visitor=visitor)
            if status == 200 and body in html:
                self.tally[f"read back {who} shown"] += 1
                continue
            self.tally[f"read back {who} NOT SHOWN {status}"] += 1
            self.misses.append(
                {
                    "who": who,
                    "path": path,
                    "reply": int(path.rpartition("#reply-")[2] or 0),
                    "status": status,
                    "served": self.served,
                    "shown": [int(pk) for pk in re.findall(r'id="reply-(\d+)"', html)],
                }
            )


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def run_clients(members, threads, until):
    tally, accepted, misses, lock = Counter(), [], [], threading.Lock()

    def work(username, session_key):
        local, mine = Counter(), []
        client = Client(username, session_key, threads, local, mine)
        if not client.signed_in():
            local["sign-in failed"] += 1
        while time.monotonic() < until:
            client.step()
        with lock:
            tally.update(local)
            accepted.extend(mine)
            misses.extend(client.misses)

    workers = [threading.Thread(target=work, args=item) for item in members.items()]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return tally, accepted, misses


def explain(miss):
    """What the database says now about a reply that was not shown where its author was sent:
    whether others can see it and the page it is on, beside what the page served showed."""
    from django.conf import settings

    from community.models import Reply

    reply = Reply.objects.filter(pk=miss["reply"]).first()
    if reply is None:
        return f"reply {miss['reply']} is not in the database"
    before = reply.thread.replies.visible().before(reply).count()
    page = before // settings.COMMUNITY_REPLIES_PER_PAGE + 1
    state = "visible" if reply.is_visible else f"held ({reply.hold_reason})"
    shown = miss["shown"]
    return (
        f"{miss['who']}: sent to {miss['path']}, got {miss['status']} ({miss['served']}) "
        f"showing replies {min(shown, default='-')} to {max(shown, default='-')}; "
        f"reply {reply.pk} is {state}, on page {page} now"
    )


def main():
    with_fresh_database("portal_soak", soak)


def soak():
    from redis import Redis

    Redis.from_url(REDIS_URL).flushdb()
    django_setup({"REDIS_URL": REDIS_URL})
    members, threads = prepare()
    collectstatic()
    before = reply_count()
    server = Gunicorn(PORT).start()
    try:
        started = time.monotonic()
        tally, accepted, misses = run_clients(members, threads, started + SECONDS)
        elapsed = time.monotonic() - started
    finally:
        server.stop()
    from django.db import connection

    connection.close()
    after = reply_count()
    from community.models import Reply

    stored = set(
        Reply.objects.filter(body__startswith="Soak reply from").values_list("body", flat=True)
    )
    lost = [body for body in accepted if body not in stored]
    errors = sum(n for key, n in tally.items() if " 5" in key or "error" in key)
    total = sum(tally.values())

    print(f"Soak: {CLIENTS} clients for {elapsed:.0f} s, {total} requests "
          f"({total / elapsed:.0f}/s)")  # fmt: skip
    for key, count in sorted(tally.items()):
        print(f"  {key:<24} {count}")
    print(f"  replies accepted {len(accepted)}, stored {after - before}, lost {len(lost)}")
    print(f"  server errors and failed connections: {errors}")
    refused = sum(n for key, n in tally.items() if key.startswith("POST") and "accepted" not in key)
    print(f"  replies refused (not server errors, but the soak expects none): {refused}")
    unseen = sum(n for key, n in tally.items() if "NOT SHOWN" in key)
    print(f"  accepted replies not shown at once: {unseen}")
    for miss in misses:
        print(f"  not shown: {explain(miss)}")
    if errors or lost or refused or unseen or not accepted or after - before != len(accepted):
        raise SystemExit("SOAK FAILED")
    print("Soak passed: no server errors, no lost posts, every post shown at once.")


if __name__ == "__main__":
    main()
