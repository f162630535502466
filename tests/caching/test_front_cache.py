"""The optional caching front (Varnish, deploy/varnish/portal.vcl): publishing PURGEs the
page through Wagtail's frontend cache app, any other change BANs every cached page once,
and a front that cannot be reached never stops a change."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from articles.models import MechanismPage
from community.services import posting as services
from tests.factories import ThreadFactory

pytestmark = pytest.mark.django_db


class Recorder(BaseHTTPRequestHandler):
    """Stands in for Varnish: notes each request and answers 200."""

    seen = []

    def handle_one_request(self):
        self.raw_requestline = self.rfile.readline(65537)
        if not self.raw_requestline or not self.parse_request():
            return
        Recorder.seen.append((self.command, self.path, self.headers.get("Host")))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def front(settings):
    Recorder.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}"
    settings.VARNISH_URL = url
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": url,
        }
    }
    yield Recorder.seen
    server.shutdown()


def test_publishing_a_page_purges_its_url_and_bans_the_rest(
    demo, editor, front, django_capture_on_commit_callbacks
):
    page = MechanismPage.objects.get(slug="microglia")
    draft = page.get_latest_revision_as_object()
    draft.summary = "Reviewed again this month."
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision(user=editor).publish()

    purges = [(path, host) for method, path, host in front if method == "PURGE"]
    assert ("/mechanisms/microglia/", "localhost") in purges, front
    assert [path for method, path, _ in front if method == "BAN"] == ["/"]


def test_a_new_discussion_bans_the_front_once(patient, front, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.start_thread(
            patient, title="Pacing on good days", body="How do you pace?", tags=["pacing", "energy"]
        )

    assert [method for method, _, _ in front] == ["BAN"]


def test_an_unreachable_front_never_stops_a_change(
    settings, patient, caplog, django_capture_on_commit_callbacks
):
    settings.VARNISH_URL = "http://127.0.0.1:1"  # nothing listens on port 1
    with django_capture_on_commit_callbacks(execute=True):
        thread = ThreadFactory(title="Still saved")

    assert thread.pk is not None
    assert "Could not clear the caching front" in caplog.text


def test_without_a_front_nothing_is_sent(settings, patient, django_capture_on_commit_callbacks):
    assert settings.VARNISH_URL == ""
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        ThreadFactory()

    assert not any("ban" in getattr(cb, "__name__", "") for cb in callbacks)
