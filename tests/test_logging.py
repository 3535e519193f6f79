"""Each log line is written once, in development as in production.

Django's default logging gives its "django" logger a console handler of its own under DEBUG,
on top of ours, and runserver writes its own line per request beside the request log; both
printed the same event twice. These run the real logging configuration in a subprocess.
"""

import sys

import pytest

from .servers import Server, free_port
from .test_site import PRODUCTION_SECRET, run_django

# One refused request through the whole stack: the request log writes a line on stdout and
# django.request a warning on stderr. Then one record from an app's logger and one from
# Django's, each expected once on stderr.
ONE_REQUEST = (
    "import django, logging; django.setup()\n"
    "from django.test import Client\n"
    "Client().post('/healthz')\n"
    "logging.getLogger('comments.moderation').warning('app record')\n"
    "logging.getLogger('django.db').error('django record')\n"
)


def lines_with(text, output):
    return [line for line in output.splitlines() if text in line]


@pytest.mark.parametrize("debug", ["1", "0"])
def test_each_record_is_written_once(debug):
    result = run_django(
        ["-c", ONE_REQUEST],
        DEBUG=debug,
        SECRET_KEY=PRODUCTION_SECRET,
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0",
    )

    assert result.returncode == 0, result.stderr
    [request_line] = lines_with("/healthz", result.stdout)
    assert "method=POST path=/healthz status=405" in request_line
    assert len(lines_with("Method Not Allowed (POST): /healthz", result.stderr)) == 1
    assert len(lines_with("app record", result.stderr)) == 1
    assert len(lines_with("django record", result.stderr)) == 1
    assert "/healthz" not in result.stderr.replace("Method Not Allowed (POST): /healthz", "")


def test_runserver_writes_one_line_per_request(tmp_path):
    """runserver's own request line gives way to the request log; nothing else repeats."""
    port = free_port()
    server = Server(
        [sys.executable, "manage.py", "runserver", "--noreload", "--skip-checks", str(port)],
        port,
        DEBUG="1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}",
    )
    try:
        status, headers, _body = server.get("/healthz")
        again, _headers, _body = server.get("/healthz?again", headers={"X-Request-ID": "r-2"})
    finally:
        stdout, stderr = server.stop()

    assert (status, again) == (200, 200)
    output = stdout + stderr
    [first, second] = lines_with("/healthz", output)
    assert f"request_id={headers['X-Request-ID']}" in first
    assert "request_id=r-2" in second
