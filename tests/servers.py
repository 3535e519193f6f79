"""Real servers for tests: start a command in a subprocess, wait until it listens on a
loopback port, stop it and read what it wrote.

Each server gets a fresh port from the kernel and its own process group, so stopping it stops
its workers too.
"""

import os
import signal
import socket
import subprocess
import time
import urllib.request

from .test_site import REPO_ROOT, django_environment

START_TIMEOUT = 30


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, args, port, **environment):
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(
            args,
            cwd=REPO_ROOT,
            env=django_environment(**environment),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        self.wait_until_listening()

    def wait_until_listening(self):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                stdout, stderr = self.process.communicate()
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
        """Stop the whole process group (TERM, then KILL); return (stdout, stderr)."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            return self.process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            return self.process.communicate()
