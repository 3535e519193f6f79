"""Static URLs are looked up once per manifest: a new collectstatic shows at once."""

from django.core.management import call_command
from django.templatetags.static import static


def test_a_static_url_follows_the_manifest_it_was_read_from(settings, tmp_path):
    settings.DEBUG = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "healthsite.staticfiles.StaticFilesStorage"},
    }
    settings.STATIC_ROOT = tmp_path / "static"
    source = tmp_path / "source"
    source.mkdir()
    settings.STATICFILES_DIRS = [source]
    (source / "probe.css").write_text("body { color: black; }")
    call_command("collectstatic", "--noinput", verbosity=0)
    first = static("probe.css")

    (source / "probe.css").write_text("body { color: navy; }")
    call_command("collectstatic", "--noinput", verbosity=0)
    second = static("probe.css")

    assert first.startswith("/static/probe.") and first.endswith(".css")
    assert second != first
    assert static("probe.css") == second
