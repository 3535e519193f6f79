"""gunicorn.conf.py: what it sets from the environment, and a real gunicorn serving with it."""

import re
import subprocess

import pytest

from .servers import GUNICORN, gunicorn
from .test_site import PRODUCTION_SECRET, REPO_ROOT, django_environment


def resolved_config(**environment):
    """{setting: value as printed} from `gunicorn --print-config` under the environment."""
    result = subprocess.run(
        [GUNICORN, "--print-config", "healthsite.wsgi"],
        cwd=REPO_ROOT,
        env=django_environment(DEBUG="1", **environment),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return dict(re.findall(r"^(\w+)\s+= (.*)$", result.stdout, flags=re.M))


def test_defaults_serve_loopback_without_an_access_log():
    config = resolved_config()

    assert config["bind"] == "['127.0.0.1:8000']"
    assert 2 <= int(config["workers"]) <= 8
    assert config["accesslog"] == "None"
    assert config["errorlog"] == "-"
    assert config["preload_app"] == "False"
    assert config["timeout"] == "30"
    assert config["control_socket_disable"] == "True"
    assert (config["max_requests"], config["max_requests_jitter"]) == ("10000", "1000")


def test_bind_workers_timeout_and_renewal_come_from_the_environment():
    config = resolved_config(
        GUNICORN_BIND="0.0.0.0:9000", WEB_CONCURRENCY="3", GUNICORN_TIMEOUT="45"
    )

    assert (config["bind"], config["workers"], config["timeout"]) == (
        "['0.0.0.0:9000']",
        "3",
        "45",
    )
    assert resolved_config(PORT="8123")["bind"] == "['127.0.0.1:8123']"
    renewed = resolved_config(GUNICORN_MAX_REQUESTS="500")
    assert (renewed["max_requests"], renewed["max_requests_jitter"]) == ("500", "50")


def test_a_timeout_that_is_not_a_number_is_refused_in_one_line():
    result = subprocess.run(
        [GUNICORN, "--check-config", "healthsite.wsgi"],
        cwd=REPO_ROOT,
        env=django_environment(DEBUG="1", GUNICORN_TIMEOUT="soon"),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode != 0
    assert result.stderr.strip() == "GUNICORN_TIMEOUT must be a whole number, not 'soon'."


@pytest.mark.live
def test_gunicorn_serves_with_one_request_line_per_request(tmp_path):
    """Two workers, production settings: each request is one line on stdout, with its id;
    gunicorn writes no access log of its own."""
    server = gunicorn(
        workers=2,
        SECRET_KEY=PRODUCTION_SECRET,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}",
    )
    try:
        answers = [server.get("/healthz", {"X-Request-ID": f"lb-{n}"}) for n in range(3)]
    finally:
        stdout, stderr = server.stop()

    assert [(status, headers["X-Request-ID"]) for status, headers, _body in answers] == [
        (200, "lb-0"),
        (200, "lb-1"),
        (200, "lb-2"),
    ]
    request_lines = [line for line in stdout.splitlines() if "path=/healthz" in line]
    assert [line.split("request_id=")[1] for line in request_lines] == ["lb-0", "lb-1", "lb-2"]
    assert all("method=GET" in line and "status=200" in line for line in request_lines)
    assert "/healthz" not in stderr
    assert len(re.findall(r"Booting worker", stderr)) == 2
