"""The site served as in production by several gunicorn servers sharing this test's database
(and, with REDIS_URL, its Redis), for the live tests of tests/test_several_servers.py.

The servers run with DEBUG off, the test's SECRET_KEY (so stamps and sessions made here are
theirs), behind an imagined TLS-terminating proxy (SECURE_PROXY_SSL_HEADER, one trusted
proxy: see tests/live_client.py). On SQLite they open the file `shared_database` made of the
test database; on PostgreSQL, the test database itself. Data must be committed to be seen:
the tests are transactional.
"""

import re
from urllib.parse import quote

from django.conf import settings
from django.db import connection

from .servers import gunicorn
from .test_site import PRODUCTION_SECRET, run_django

WORKERS = 2
# What no server may write: an unhandled error, SQLite giving up on its lock, a worker killed.
LOG_FAULTS = re.compile(
    r"Traceback|database is locked|\[ERROR\]|\[CRITICAL\]|WORKER TIMEOUT|^(ERROR|CRITICAL) "
    r"|Cache unavailable|status=5\d\d",
    re.MULTILINE,
)
REQUEST_LINE = re.compile(r" method=(\S+) path=(\S+) status=(\d+) ")


def database_url():
    """DATABASE_URL of the database this test uses, for the servers to share."""
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        assert not connection.is_in_memory_db(), "use shared_database: servers need a file"
        return f"sqlite:///{database['NAME']}"
    assert connection.vendor == "postgresql", f"no URL for {connection.vendor}"
    credentials = quote(database["USER"] or "", safe="")
    if database["PASSWORD"]:
        credentials += ":" + quote(database["PASSWORD"], safe="")
    address = f"{database['HOST'] or 'localhost'}:{database['PORT'] or 5432}"
    return f"postgres://{credentials}@{address}/{quote(database['NAME'])}"


def collect_static(folder):
    """With DEBUG off, pages name static files through the manifest collectstatic writes."""
    result = run_django(
        ["manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        DEBUG="0",
        SECRET_KEY=PRODUCTION_SECRET,
        STATIC_ROOT=str(folder),
    )
    assert result.returncode == 0, result.stderr


class AppServers:
    """Starts gunicorn servers on this test's data; stops them and reads their logs."""

    def __init__(self, static_root, folder):
        self.folder = folder
        self.running = []
        self.environment = {
            "DEBUG": "0",
            "SECRET_KEY": settings.SECRET_KEY,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_PROXY_SSL_HEADER": "1",
            "TRUSTED_PROXY_COUNT": "1",
            "DATABASE_URL": database_url(),
            "STATIC_ROOT": str(static_root),
            "MEDIA_ROOT": str(folder / "media"),
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            # As in production: emails are queued in the database for a worker (none runs).
            "TASKS_BACKEND": "database",
        }
        if settings.REDIS_URL:
            self.environment["REDIS_URL"] = settings.REDIS_URL

    @property
    def shared_cache(self):
        return "REDIS_URL" in self.environment

    @property
    def stack(self):
        """The database and the cache the servers share, in words."""
        database = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
        return f"{database} + Redis" if self.shared_cache else f"{database}, local-memory cache"

    def start(self, count):
        """`count` servers of WORKERS workers each, started one after the other."""
        for number in range(count):
            self.running.append(
                gunicorn(
                    workers=WORKERS, logs=self.folder, name=f"server{number}", **self.environment
                )
            )
        return list(self.running)

    def stop(self):
        """Stop every server: their logs, in the order they were started."""
        logs = [ServerLog(*server.stop()) for server in self.running]
        self.running = []
        return logs


class ServerLog:
    def __init__(self, stdout, stderr):
        self.stdout = stdout
        self.stderr = stderr

    @property
    def faults(self):
        """Lines that show something went wrong on the server."""
        return [
            line for line in (self.stdout + self.stderr).splitlines() if LOG_FAULTS.search(line)
        ]

    @property
    def requests(self):
        """(method, path, status) of each request the server answered."""
        return [match.groups() for match in REQUEST_LINE.finditer(self.stdout)]
