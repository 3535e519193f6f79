"""gunicorn's settings for healthsite: `gunicorn healthsite.wsgi` reads this file by itself.

Every value can be changed from the environment (names in the README). The request log is
the site's own (healthsite/request_log.py, one line per request on stdout), so gunicorn's
access log stays off; gunicorn's own messages go to stderr.
"""

import multiprocessing
import os

from django.core.exceptions import ImproperlyConfigured

from healthsite.environment import env_int


def number(name, default):
    """env_int, refusing a bad value in one line as gunicorn's own options do."""
    try:
        return env_int(name, default)
    except ImproperlyConfigured as error:
        raise SystemExit(str(error)) from None


# Loopback by default: a reverse proxy on the same machine forwards to it. Behind a load
# balancer on another machine, e.g. GUNICORN_BIND=0.0.0.0:8000 (or a unix:/path socket).
bind = os.environ.get("GUNICORN_BIND") or f"127.0.0.1:{number('PORT', 8000)}"

# Synchronous workers, each one request at a time: (2 x cores) + 1, at most 8, unless told.
workers = number("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8))

# A request taking longer than this is killed (the worker is restarted); the proxy should
# wait a little longer than this. Workers finishing their requests get graceful_timeout on
# shutdown or reload.
timeout = number("GUNICORN_TIMEOUT", 30)
graceful_timeout = 30
# Longer than gunicorn's 2 s, so a load balancer's pooled connections are not cut under it.
keepalive = 5
# Renew workers now and then, at staggered times, so slow leaks cannot grow for ever. Each
# renewal imports the site again (about a second of CPU) and starts with empty local caches:
# at 1,000 requests, a loaded server renewed each worker every second or two, which halved the
# requests it served and put half-second stalls in the slowest 1 % (tests/perf/RESULTS.md).
max_requests = number("GUNICORN_MAX_REQUESTS", 10_000)
max_requests_jitter = max_requests // 10

# Off: each worker imports the site itself after the fork. Nothing is shared that should not
# be (database and Redis connections are opened per worker), and `kill -HUP` on the master
# restarts the workers with the code now on disk, which is how a deploy reloads. The cost is
# a few seconds more at start and some memory per worker.
preload_app = False

accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# gunicorn 25+ opens a control socket at one fixed path per user ($XDG_RUNTIME_DIR or
# ~/.gunicorn/gunicorn.ctl): a second server on the same machine would take it over. We do
# not use gunicornc; older gunicorn ignores the name.
control_socket_disable = True
