"""Reading settings from the environment: booleans, lists, numbers and email addresses.

Shared by healthsite/settings.py and gunicorn.conf.py. A value that cannot be read raises
ImproperlyConfigured with a one-line message naming its variable.
"""

import os
from email.utils import getaddresses

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import validate_email


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_addresses(name):
    """[(name, address)] from e.g. "Ops <ops@example.org>, x@example.org", as ADMINS takes."""
    value = os.environ.get(name, "")
    pairs = []
    for display_name, address in getaddresses([value]):
        if not (display_name or address):
            continue  # an empty entry: "a@example.org, , b@example.org"
        try:
            validate_email(address)
        except ValidationError:
            raise ImproperlyConfigured(
                f"{name} must be email addresses separated by commas, e.g. "
                f"'Ops <ops@example.org>, x@example.org', not {value!r}."
            ) from None
        pairs.append((display_name, address))
    return pairs
