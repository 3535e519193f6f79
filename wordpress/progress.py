"""How far an import got: drawn on the terminal for the command, kept in the shared cache for
the admin page (the import's own transaction hides its rows from other connections)."""

import time

from django.core.cache import cache

from .importer import Progress

CACHE_SECONDS = 24 * 3600


def _size(count):
    return f"{count / 2**20:.1f} MB" if count >= 2**20 else f"{count / 1024:.0f} KB"


def _percent(done, total):
    return min(100, int(done * 100 / total)) if total else 0


class TerminalProgress(Progress):
    """A one-line bar on a terminal, redrawn at most five times a second; elsewhere (a log
    file) a line every tenth of the way."""

    def __init__(self, stream, *, interactive):
        self.stream = stream
        self.interactive = interactive
        self.last = (None, -1)
        self.last_drawn = 0.0

    def _show(self, phase, percent, detail):
        now = time.monotonic()
        if self.interactive:
            if (phase, percent) == self.last or (now - self.last_drawn < 0.2 and percent < 100):
                return
            bar = "#" * (percent // 5)
            self.stream.write(f"\r{phase:<10} [{bar:<20}] {percent:>3}% {detail}", ending="")
            self.stream.flush()
        elif self.last[0] == phase and percent // 10 == self.last[1] // 10:
            return
        else:
            self.stream.write(f"{phase}: {percent}% {detail}")
        self.last, self.last_drawn = (phase, percent), now

    def reading(self, bytes_read, total_bytes):
        self._show(
            "Reading",
            _percent(bytes_read, total_bytes),
            f"{_size(bytes_read)} of {_size(total_bytes or 0)}",
        )

    def importing(self, done, total):
        self._show("Importing", _percent(done, total), f"{done} of {total} items")

    def close(self):
        if self.interactive and self.last[0]:
            self.stream.write("")


def cache_key(run_id):
    return f"wordpress:import:{run_id}:progress"


class CachedProgress(Progress):
    """The run's phase and percentage in the shared cache, written at most once a second."""

    def __init__(self, run_id):
        self.key = cache_key(run_id)
        self.last_written = 0.0

    def _store(self, phase, percent):
        now = time.monotonic()
        if now - self.last_written >= 1 or percent == 100:
            cache.set(self.key, {"phase": phase, "percent": percent}, CACHE_SECONDS)
            self.last_written = now

    def reading(self, bytes_read, total_bytes):
        self._store("reading", _percent(bytes_read, total_bytes))

    def importing(self, done, total):
        self._store("importing", _percent(done, total))


def progress_of(run_id):
    """{"phase", "percent"} of a running import, or None (unknown, or a cache elsewhere)."""
    try:
        return cache.get(cache_key(run_id))
    except Exception:  # a cache outage is a miss, never an error page
        return None
