"""Does a part of the stack that CI needs answer?

    python .ci/stack.py postgres URL | redis URL | chromium PATH | playwright

Prints nothing and exits 0 when it answers; otherwise prints one line saying what does not
answer, and exits 1. With only the standard library (the system's python3, before the
project is installed) it checks that the service's port accepts a connection; with the
project's .venv it logs in to PostgreSQL, PINGs Redis and imports Playwright.
"""

import os
import socket
import subprocess
import sys
from urllib.parse import urlsplit

TIMEOUT = 3


def shown(url):
    """The URL without its password, for the message."""
    parts = urlsplit(url)
    user = f"{parts.username}@" if parts.username else ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{user}{parts.hostname}{port}{parts.path}"


def first_line(error):
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def port_answers(url, default_port):
    parts = urlsplit(url)
    try:
        socket.create_connection(
            (parts.hostname or "127.0.0.1", parts.port or default_port), timeout=TIMEOUT
        ).close()
    except OSError as error:
        return error.strerror or first_line(error)
    return None


def postgres(url):
    try:
        import psycopg
    except ImportError:
        return port_answers(url, 5432)
    try:
        psycopg.connect(url, connect_timeout=TIMEOUT).close()
    except psycopg.Error as error:
        return first_line(error)
    return None


def redis(url):
    try:
        import redis as client
    except ImportError:
        return port_answers(url, 6379)
    try:
        client.Redis.from_url(url, socket_connect_timeout=TIMEOUT, socket_timeout=TIMEOUT).ping()
    except client.RedisError as error:
        return first_line(error)
    return None


def chromium(path):
    if not os.access(path, os.X_OK):
        return "not installed (apt install chromium)"
    try:
        subprocess.run([path, "--version"], capture_output=True, timeout=30, check=True)  # noqa: S603
    except (OSError, subprocess.SubprocessError) as error:
        return f"does not start ({first_line(error)})"
    return None


def playwright():
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as error:
        return first_line(error)
    return None


def main(service, target=""):
    checks = {
        "postgres": (f"PostgreSQL does not answer at {shown(target)}", postgres),
        "redis": (f"Redis does not answer at {shown(target)}", redis),
        "chromium": (f"Chromium at {target}", chromium),
        "playwright": ("Playwright cannot be imported", lambda _target: playwright()),
    }
    what, check = checks[service]
    problem = check(target)
    if problem:
        print(f"{what}: {problem}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
