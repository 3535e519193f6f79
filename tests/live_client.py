"""Visitors of real app servers, as a TLS-terminating load balancer in front of them would
pass them on.

The load balancer is imagined: each request says `X-Forwarded-Proto: https` and appends the
visitor's own address to `X-Forwarded-For` (the servers run with TRUSTED_PROXY_COUNT=1), and
carries the Referer a browser sends from an HTTPS page of the same host, as Django's CSRF check
asks of HTTPS requests. Cookies are kept whatever their Secure flag, since the visitor's side
of the load balancer is HTTPS. Redirects are answers, never followed.
"""

import http.client
import itertools
import re
import threading
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from tests.markup import parse

USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"
TIMEOUT_SECONDS = 60


@dataclass(frozen=True)
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: str
    port: int

    @property
    def location(self):
        return self.headers.get("Location", "")


class Visitor:
    """One browser with its own cookies and client address, sending each request to the next
    server in turn (round robin, as a load balancer does) unless told which."""

    def __init__(self, address, servers, *, first=0):
        self.address = address
        self.servers = servers
        self._turns = itertools.count(first)
        self._cookies = {}
        self._lock = threading.Lock()

    def get(self, path, *, server=None):
        return self.request("GET", path, server=server)

    def post(self, path, form, *, server=None):
        return self.request("POST", path, urlencode(form, doseq=True), server=server)

    def request(self, method, path, body=None, *, server=None):
        server = server or self.servers[next(self._turns) % len(self.servers)]
        headers = {
            "User-Agent": USER_AGENT,
            "X-Forwarded-For": self.address,
            "X-Forwarded-Proto": "https",
            "Referer": f"https://127.0.0.1:{server.port}/",
        }
        with self._lock:
            if self._cookies:
                headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self._cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=TIMEOUT_SECONDS)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            answer = Answer(
                response.status,
                response.msg,
                response.read().decode(errors="replace"),
                server.port,
            )
        finally:
            connection.close()
        self._keep_cookies(answer.headers.get_all("Set-Cookie") or [])
        return answer

    def _keep_cookies(self, headers):
        with self._lock:
            for header in headers:
                for name, morsel in SimpleCookie(header).items():
                    if morsel["max-age"] == "0" or not morsel.value:
                        self._cookies.pop(name, None)
                    else:
                        self._cookies[name] = morsel.value


def csrf_token(answer):
    """The CSRF token of the first form on the page."""
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', answer.body)
    assert match, f"no CSRF token in the {answer.status} page from port {answer.port}"
    return match.group(1)


def refusal_message(answer):
    """What a refusal tells the person: the error summary at the top of the comment form, else
    the page's heading and first paragraph."""
    root = parse(answer.body)
    summary = root.find(id="error-summary")
    errors = summary.find_all("li") if summary else []
    if errors:
        return " ".join(error.text for error in errors)
    parts = [root.find("h1"), root.find("p")]
    return " ".join(part.text for part in parts if part is not None)
