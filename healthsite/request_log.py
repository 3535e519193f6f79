"""One log line per request, with a request id that follows it through the proxies.

The line goes to the `healthsite.requests` logger, which settings send to stdout: method,
path, status, milliseconds and request id. The id comes from the proxy's X-Request-ID when it
is a sane token (so the load balancer's log and ours can be joined), otherwise it is made
here; either way it is returned in the X-Request-ID response header and kept on the request
as `request.request_id`. gunicorn's own access log is off in favour of this line.
"""

import logging
import re
import time
import uuid

from django.utils.encoding import escape_uri_path

logger = logging.getLogger("healthsite.requests")

HEADER = "X-Request-ID"
# Letters, digits and . _ : - only, at most 128: no spaces, quotes or line breaks in the log.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")


def request_id_for(request):
    incoming = request.headers.get(HEADER, "")
    return incoming if SANE_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex


class RequestLogMiddleware:
    """Outermost middleware, so its time and line cover redirects and static files too.

    The time is until the response is handed back; a streamed body is still being sent.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        request.request_id = request_id_for(request)
        response = self.get_response(request)
        milliseconds = (time.perf_counter() - started) * 1000
        response[HEADER] = request.request_id
        logger.info(
            "method=%s path=%s status=%s ms=%.1f request_id=%s",
            request.method,
            # Percent-encoded, so a path cannot break the line or fake another.
            escape_uri_path(request.path),
            response.status_code,
            milliseconds,
            request.request_id,
        )
        return response


class WithoutServerRequestLines(logging.Filter):
    """For `django.server` (runserver): drop its line per request, which ours replaces, and
    keep its other messages (malformed requests, broken pipes, HTTPS sent to plain HTTP)."""

    # The format of http.server's BaseHTTPRequestHandler.log_request, which runserver uses.
    REQUEST_LINE = '"%s" %s %s'

    def filter(self, record):
        return record.msg != self.REQUEST_LINE
