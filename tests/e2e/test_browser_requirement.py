"""Without Chromium or Playwright the browser tests skip on a laptop and fail under CI."""

import pytest

from .conftest import cannot_run


@pytest.mark.parametrize("value", ["true", "1", "yes", "GitHub Actions"])
def test_under_ci_a_missing_browser_fails_the_tests(monkeypatch, value):
    monkeypatch.setenv("CI", value)

    with pytest.raises(pytest.fail.Exception, match="CI is set.*no Chromium here"):
        cannot_run("no Chromium here")


@pytest.mark.parametrize("value", [None, "", "0", "false", "no"])
def test_off_ci_a_missing_browser_skips_them(monkeypatch, value):
    if value is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", value)

    with pytest.raises(pytest.skip.Exception, match="no Chromium here"):
        cannot_run("no Chromium here")
