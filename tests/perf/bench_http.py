"""The benchmark's load over HTTP: gunicorn as `make serve` runs it, wrk, and comment posting.

Used by tests/perf/benchmark.py; the posting run is a child process of it per database, so
each database is set up by the settings module as in production.
"""

import re
import shutil
import subprocess
import threading
import time
import urllib.parse
from http.client import HTTPConnection

WORKERS = 2
WRK_THREADS = 2
WRK_CONNECTIONS = 8
POSTING_CLIENTS = 8
TIMEOUT_SECONDS = 30

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def wait_until_ready(url, *, seconds=120):
    """Until `url` answers 200: gunicorn listens before its workers have loaded the site."""
    parts = urllib.parse.urlsplit(url)
    deadline = time.monotonic() + seconds
    while True:
        try:
            connection = HTTPConnection(parts.hostname, parts.port, timeout=TIMEOUT_SECONDS)
            connection.request("GET", parts.path)
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not answer 200 in {seconds} s")
        time.sleep(0.5)


def wrk_available():
    return shutil.which("wrk") is not None


def load(url, *, seconds, cookie=None):
    """(requests per second, p50 ms, p99 ms, non-2xx answers) of `url` under wrk, or of the
    Python client below when wrk is missing."""
    if not wrk_available():
        return python_load(url, seconds=seconds, cookie=cookie)
    args = ["wrk", f"-t{WRK_THREADS}", f"-c{WRK_CONNECTIONS}", f"-d{max(1, round(seconds))}s"]
    args.append("--latency")
    if cookie:
        args += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(
        [*args, url], capture_output=True, text=True, check=True, timeout=seconds + 60
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    if rate < 1:
        print(url, output, flush=True)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return (
        rate,
        _latency_ms(output, "50%"),
        _latency_ms(output, "99%"),
        int(errors.group(1)) if errors else 0,
    )


def _latency_ms(output, percentile):
    value, unit = re.search(rf"{re.escape(percentile)}\s+([\d.]+)(us|ms|s)", output).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def python_load(url, *, seconds, cookie=None):
    """The same measure with http.client: WRK_CONNECTIONS threads, keep-alive."""
    parts = urllib.parse.urlsplit(url)
    durations, errors = [], []
    deadline = time.monotonic() + seconds

    def client():
        connection = HTTPConnection(parts.hostname, parts.port, timeout=TIMEOUT_SECONDS)
        headers = {"Cookie": cookie} if cookie else {}
        while time.monotonic() < deadline:
            start = time.perf_counter()
            connection.request(
                "GET", parts.path + ("?" + parts.query if parts.query else ""), headers=headers
            )
            response = connection.getresponse()
            response.read()
            durations.append(time.perf_counter() - start)
            if response.status >= 400:
                errors.append(response.status)

    threads = [threading.Thread(target=client) for _ in range(WRK_CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    durations.sort()
    return (
        len(durations) / seconds,
        durations[len(durations) // 2] * 1000,
        durations[int(len(durations) * 0.99)] * 1000,
        len(errors),
    )


def post_comments(base_url, path, *, seconds, stamp):
    """POST the real comment form from POSTING_CLIENTS clients for `seconds`: (accepted,
    errors, sent). Each client reads the article once for its CSRF cookie and token, then
    sends new comments (a 303 is accepted); `stamp()` gives each form its signed stamp."""
    parts = urllib.parse.urlsplit(base_url)
    accepted, errors, sent = [], [], []
    deadline = time.monotonic() + seconds

    def client(number):
        connection = HTTPConnection(parts.hostname, parts.port, timeout=TIMEOUT_SECONDS)
        connection.request("GET", path)
        page = connection.getresponse()
        body = page.read().decode()
        cookie = page.getheader("Set-Cookie", "").split(";")[0]
        token = CSRF_FIELD.search(body).group(1)
        count = 0
        while time.monotonic() < deadline:
            count += 1
            form = urllib.parse.urlencode(
                {
                    "csrfmiddlewaretoken": token,
                    "name": f"Bench reader {number}",
                    "email": f"reader{number}@example.org",
                    "website": "",
                    "body": f"Reader {number}, comment {count}: a walk after dinner.",
                    "parent": "",
                    "homepage": "",
                    "issued": stamp(),
                }
            )
            connection.request(
                "POST",
                path + "comments/",
                body=form,
                headers={
                    "Cookie": cookie,
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Referer": base_url + path,
                },
            )
            answer = connection.getresponse()
            answer.read()
            sent.append(1)
            (accepted if answer.status == 303 else errors).append(answer.status)

    threads = [
        threading.Thread(target=client, args=(number,)) for number in range(POSTING_CLIENTS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(accepted), len(errors), len(sent)
