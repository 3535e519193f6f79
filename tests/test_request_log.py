"""The request log: one line per request, with a request id returned to the client."""

import logging
import re

import pytest

pytestmark = pytest.mark.django_db

LINE = re.compile(
    r"method=(?P<method>\S+) path=(?P<path>\S+) status=(?P<status>\d{3}) "
    r"ms=(?P<ms>\d+\.\d) request_id=(?P<request_id>\S+)"
)
GENERATED_ID = re.compile(r"[0-9a-f]{32}")


class Lines(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines = []

    def emit(self, record):
        self.lines.append(record.getMessage())

    def parsed(self):
        matches = [LINE.fullmatch(line) for line in self.lines]
        assert all(matches), self.lines
        return [match.groupdict() for match in matches]


@pytest.fixture
def request_log():
    """What the request logger writes during the test, line by line."""
    handler = Lines()
    logger = logging.getLogger("healthsite.requests")
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)


def test_each_request_is_one_line_with_method_path_status_time_and_id(client, request_log):
    response = client.get("/robots.txt")

    [line] = request_log.parsed()
    assert (line["method"], line["path"], line["status"]) == ("GET", "/robots.txt", "200")
    assert float(line["ms"]) >= 0
    assert GENERATED_ID.fullmatch(line["request_id"])
    assert response["X-Request-ID"] == line["request_id"]


def test_every_request_gets_its_own_id(client, request_log):
    first = client.get("/robots.txt")["X-Request-ID"]
    second = client.get("/robots.txt")["X-Request-ID"]

    assert first != second
    assert [line["request_id"] for line in request_log.parsed()] == [first, second]


def test_a_sane_incoming_request_id_is_kept(client, request_log):
    response = client.get("/robots.txt", headers={"X-Request-ID": "lb-7f3a:2024.11_30"})

    assert response["X-Request-ID"] == "lb-7f3a:2024.11_30"
    assert request_log.parsed()[0]["request_id"] == "lb-7f3a:2024.11_30"


@pytest.mark.parametrize(
    "incoming",
    [
        "",
        "two words",
        "forged status=200",
        "-starts-with-a-dash",
        "x" * 129,
        "caf\u00e9",
    ],
)
def test_an_incoming_request_id_that_is_not_sane_is_replaced(client, request_log, incoming):
    response = client.get("/robots.txt", headers={"X-Request-ID": incoming})

    assert GENERATED_ID.fullmatch(response["X-Request-ID"])
    assert request_log.parsed()[0]["request_id"] == response["X-Request-ID"]


def test_a_path_cannot_break_the_line(client, request_log):
    response = client.get("/no-such-page%0Amethod=GET path=/ status=200/")

    assert response.status_code == 404
    [line] = request_log.parsed()
    assert line["status"] == "404"
    assert line["path"] == "/no-such-page%0Amethod%3DGET%20path%3D/%20status%3D200/"


def test_responses_made_before_the_view_are_logged_and_carry_the_id(client, request_log, settings):
    """The log is the outermost middleware: an HTTPS redirect is logged too."""
    settings.SECURE_SSL_REDIRECT = True

    response = client.get("/robots.txt")

    assert response.status_code == 301
    assert response["X-Request-ID"] == request_log.parsed()[0]["request_id"]
    assert request_log.parsed()[0]["status"] == "301"
