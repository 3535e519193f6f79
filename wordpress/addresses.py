"""The old site's addresses and the new ones that replace them: for links and images in the
imported bodies, and for the redirects of old permalinks."""

from urllib.parse import parse_qs, unquote, urlsplit

from django.utils.encoding import escape_uri_path

from healthsite.ids import parse_id

from .records import upload_path

ID_PARAMETERS = ("p", "page_id")


def _host(netloc):
    host = netloc.rsplit("@", 1)[-1].split(":", 1)[0].lower()
    return host.removeprefix("www.")


def permalink_path(link):
    """The path of a permalink as a request for it would show it ("/2021/03/café/" percent-
    encoded the way Django encodes request paths), or "" when it has none beyond "/"."""
    path = unquote(urlsplit(link or "").path)
    if not path.startswith("/") or path == "/":
        return ""
    return escape_uri_path(path)


def id_in_query(query):
    """The post id of a "?p=12" or "?page_id=12" address, or None."""
    values = parse_qs(query)
    for name in ID_PARAMETERS:
        number = parse_id(values.get(name, [""])[0])
        if number is not None:
            return number
    return None


def _key(path):
    return unquote(path).rstrip("/").lower()


class AddressBook:
    """Old addresses (permalinks, ?p= ids, upload paths) → new ones."""

    def __init__(self, *site_urls):
        self.hosts = {_host(urlsplit(url).netloc) for url in site_urls if url}
        self.hosts.discard("")
        self.paths = {}
        self.ids = {}
        self.files = {}

    def add_post(self, wp_id, link, new_url):
        self.ids[wp_id] = new_url
        path = urlsplit(link or "").path
        if path.strip("/"):
            self.paths[_key(path)] = new_url

    def add_file(self, path, new_url):
        self.files[path] = new_url

    def is_old_site(self, url):
        """An address on the old site: absolute with its host, or a path from its root."""
        parts = urlsplit(url.strip())
        if parts.scheme and parts.scheme.lower() not in ("http", "https"):
            return False
        if parts.netloc:
            return _host(parts.netloc) in self.hosts
        return parts.path.startswith("/")

    def resolve(self, url):
        """The new address for an old one, or None to leave it as it is."""
        if not self.is_old_site(url):
            return None
        parts = urlsplit(url.strip())
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        uploaded = upload_path(url)
        if uploaded:
            new = self.files.get(uploaded)
        elif parts.query and id_in_query(parts.query) is not None:
            new = self.ids.get(id_in_query(parts.query))
        else:
            new = self.paths.get(_key(parts.path)) if parts.path.strip("/") else None
        return new + fragment if new else None
