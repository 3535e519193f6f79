"""Response headers Django and django-csp do not write themselves."""

from django.conf import settings


def permissions_policy(features):
    """The Permissions-Policy header value: {"camera": []} -> "camera=()" (off everywhere);
    {"fullscreen": ["self"]} -> "fullscreen=(self)"."""
    return ", ".join(
        f"{feature}=({' '.join(allowed)})" for feature, allowed in sorted(features.items())
    )


class PermissionsPolicyMiddleware:
    """Adds Permissions-Policy, from the PERMISSIONS_POLICY setting, to every response that
    does not set its own."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy(getattr(settings, "PERMISSIONS_POLICY", {}))

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response
