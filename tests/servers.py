"""Real servers for tests: start a command in a subprocess, wait until it listens on a
loopback port, stop it and read what it wrote.

Each server gets a fresh port from the kernel and its own process group, so stopping it stops
its workers too. What it writes goes to files, never to pipes: a server that logs a line per
request would fill a pipe nobody reads and stop answering.
"""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from .test_site import REPO_ROOT, django_environment

START_TIMEOUT = 30
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """`args` serving on `port`, with only the given settings variables; its stdout and stderr
    go to `logs`/<name>.out and .err when a folder is given (kept for reading after a failed
    test), else to temporary files."""

    def __init__(self, args, port, *, logs=None, name=None, **environment):
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.output = [
            self._log_file(logs, name or str(port), suffix) for suffix in ("out", "err")
        ]
        self.process = subprocess.Popen(
            args,
            cwd=REPO_ROOT,
            env=django_environment(**environment),
            stdout=self.output[0],
            stderr=self.output[1],
            start_new_session=True,
        )
        self.wait_until_listening()

    @staticmethod
    def _log_file(folder, name, suffix):
        if folder is None:
            return tempfile.TemporaryFile()
        return (Path(folder) / f"{name}.{suffix}").open("w+b")

    def written(self):
        """(stdout, stderr) as written so far."""
        texts = []
        for file in self.output:
            file.flush()
            file.seek(0)
            texts.append(file.read().decode(errors="replace"))
        return tuple(texts)

    def wait_until_listening(self):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                stdout, stderr = self.written()
                raise AssertionError(f"the server ended at start:\n{stdout}\n{stderr}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
            except OSError:
                time.sleep(0.1)
            else:
                return
        self.stop()
        raise AssertionError(f"nothing listened on port {self.port} in {START_TIMEOUT} s")

    def get(self, path, headers=None):
        """(status, headers, body) of a GET, errors included."""
        # Always http://127.0.0.1: no other scheme can reach urlopen.
        request = urllib.request.Request(self.url + path, headers=headers or {})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def stop(self):
        """Stop the whole process group (TERM, then KILL); return (stdout, stderr). Again:
        the same output."""
        if self.output is None:
            return self.stopped_with
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.stopped_with = self.written()
        for file in self.output:
            file.close()
        self.output = None
        return self.stopped_with


def gunicorn(*, workers, logs=None, name=None, **environment):
    """gunicorn serving the site with gunicorn.conf.py on a free loopback port."""
    port = free_port()
    return Server(
        [GUNICORN, "healthsite.wsgi"],
        port,
        logs=logs,
        name=name,
        GUNICORN_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY=str(workers),
        **environment,
    )
