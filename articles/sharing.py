"""Share links: plain URLs to each network's own share page, encoded once, no scripts of theirs."""

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.utils.translation import gettext_lazy as _

NETWORK_LABELS = {
    "pinterest": _("Pinterest"),
    "facebook": _("Facebook"),
    "x": _("X"),
    "linkedin": _("LinkedIn"),
    "email": _("Email"),
    "copy": _("Copy link"),
}


@dataclass(frozen=True)
class ShareLink:
    network: str
    label: str
    href: str

    @property
    def is_copy(self):
        """A button that copies the address, not a link."""
        return self.network == "copy"

    @property
    def opens_new_window(self):
        """Every network's page opens beside the article; an email opens the mail program."""
        return self.network not in ("copy", "email")


def _query(**params):
    return urlencode(params, quote_via=quote, safe="")


def share_href(network, *, url, title, description="", image_url=""):
    """The address that shares `url` on `network`; every value is percent-encoded exactly once."""
    if network == "pinterest":
        media = {"media": image_url} if image_url else {}
        return "https://www.pinterest.com/pin/create/button/?" + _query(
            url=url, **media, description=description or title
        )
    if network == "facebook":
        return "https://www.facebook.com/sharer/sharer.php?" + _query(u=url)
    if network == "x":
        return "https://x.com/intent/post?" + _query(url=url, text=title)
    if network == "linkedin":
        return "https://www.linkedin.com/sharing/share-offsite/?" + _query(url=url)
    if network == "email":
        return "mailto:?" + _query(subject=title, body=f"{description}\n\n{url}".strip())
    if network == "copy":
        return url
    raise ValueError(f"Unknown share network: {network}")


def share_links(networks, **page):
    return [
        ShareLink(network, NETWORK_LABELS[network], share_href(network, **page))
        for network in networks
        if network in NETWORK_LABELS
    ]
