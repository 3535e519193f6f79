"""Browser tests: Playwright's sync API driving Debian's Chromium against pytest-django's live
server.

No browser is ever downloaded: Playwright launches the system Chromium at CHROMIUM. On a
machine without it (or without Playwright) the whole e2e set is skipped, with the reason;
under CI (the CI variable set, as `.ci/run` expects) it fails instead, so a run that drew no
page cannot pass. Each test gets a fresh
browser context (cookies, storage, permissions) and page; the browser itself is shared by the
session.
"""

import os
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.sites.models import Site

from articles.sanitize import sanitize_comment
from comments.models import Comment
from comments.posting import save_in_thread
from comments.stamps import issue_stamp

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 10_000
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}


def on_ci():
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


def cannot_run(reason):
    """Skip the browser tests on a laptop; fail them under CI."""
    if on_ci():
        pytest.fail(f"CI is set, so browser tests may not be skipped: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        cannot_run(f"browser tests need Debian's Chromium at {CHROMIUM} (apt install chromium)")
    try:
        from playwright import sync_api
    except ImportError:
        cannot_run("browser tests need Playwright (pip install -e '.[dev]')")
    # Playwright's sync API runs an asyncio event loop in the test thread, and Django refuses
    # ORM calls from a thread with a running loop unless told it is safe. It is: the loop is
    # Playwright's, and no Django code runs inside it. Only while the browser is up.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_api.sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
            )
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def server(live_server, _site_domain):
    """The live server, with the Sites domain set to its host so absolute URLs point at it."""
    Site.objects.filter(pk=1).update(domain=urlsplit(live_server.url).netloc)
    Site.objects.clear_cache()
    return live_server


@pytest.fixture
def new_context(browser):
    """Opens browser contexts (another visitor, other options); all closed after the test."""
    contexts = []

    def open_context(**options):
        options.setdefault("viewport", DESKTOP)
        context = browser.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    return new_context().new_page()


def _make_comment(article, *, parent=None, status=Comment.Status.APPROVED, **fields):
    fields.setdefault("author_name", "Jordan Reader")
    fields.setdefault("author_email", "jordan@example.org")
    fields.setdefault("body", "Walking after dinner helped me sleep better.")
    comment = Comment(article=article, parent=parent, status=status, **fields)
    comment.body_html = sanitize_comment(comment.body)
    save_in_thread(comment)
    return comment


@pytest.fixture
def make_comment():
    """Stores a comment in its thread, as posting does: make_comment(article, parent=...)."""
    return _make_comment


def _stamp_form(page, article, *, age=10):
    page.locator("#comment-form input[name=issued]").evaluate(
        "(input, value) => { input.value = value; }",
        issue_stamp(article, issued_at=time.time() - age),
    )


@pytest.fixture
def stamp_form():
    """Dates a page's comment form 10 s back, past the 3-second "too fast" rule, so tests
    need not sleep: stamp_form(page, article). A negative `age` dates it ahead, so that even
    a slow machine sends it "too fast"."""
    return _stamp_form


# Content-Security-Policy violations: each one the browser reports, on any page of a context
# (popups included), through the `securitypolicyviolation` event and the console.

CSP_CONSOLE_TEXT = ("Content Security Policy", "Content-Security-Policy")
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportCspViolation({
    page: location.pathname,
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    where: `${event.sourceFile}:${event.lineNumber}`,
    sample: event.sample,
  });
});
"""


class CspWatch:
    """The violations seen in one browser context; `.seen()` waits for those in flight."""

    def __init__(self, context):
        self.context = context
        self.violations = []
        context.expose_binding("reportCspViolation", lambda _source, v: self.violations.append(v))
        context.add_init_script(REPORT_VIOLATIONS)
        context.on("console", self._console)

    def _console(self, message):
        if any(text in message.text for text in CSP_CONSOLE_TEXT):
            self.violations.append({"console": message.type, "text": message.text})

    def seen(self):
        """Every violation reported so far: a round trip through each open page first, so
        reports still on their way arrive."""
        for open_page in self.context.pages:
            if not open_page.is_closed():
                open_page.evaluate("() => new Promise((done) => setTimeout(done, 50))")
        return list(self.violations)


@pytest.fixture
def csp_watch(new_context):
    """A browser context whose CSP violations are collected: watch.context, watch.seen()."""
    return CspWatch(new_context())


def pytest_terminal_summary(terminalreporter):
    """The axe-core counts the accessibility tests recorded (record_property("axe", ...)),
    printed after the run whatever its outcome, so they can be quoted."""
    lines = [
        value
        for reports in terminalreporter.stats.values()
        for report in reports
        if getattr(report, "when", None) == "call"
        for name, value in getattr(report, "user_properties", ())
        if name == "axe"
    ]
    if lines:
        terminalreporter.section("axe-core results (violations by impact)")
        for line in lines:
            terminalreporter.write_line(line)
