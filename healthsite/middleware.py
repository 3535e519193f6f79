"""Requests that no view should see, refused in one place before anything reads them."""

from urllib.parse import unquote

from django.core.exceptions import BadRequest, RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler
from django.http import Http404
from django.http.multipartparser import MultiPartParserError
from django.urls import reverse

FORM_CONTENT_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}
# The largest public form is a comment: 5,000 characters of at most 4 UTF-8 bytes, each byte
# %-encoded (60 KB), plus the name, email, website and tokens. Twice that is plenty.
PUBLIC_REQUEST_MAX_BYTES = 128 * 1024


class FileUploadsRefused(MultiPartParserError):
    """A file part sent to an address that takes no files (Django answers 400)."""


class RefuseFileUploads(FileUploadHandler):
    """The upload handler of public addresses: the first file part ends the request."""

    def new_file(self, *args, **kwargs):
        raise FileUploadsRefused("This address takes no files.")

    def receive_data_chunk(self, raw_data, start):  # pragma: no cover - new_file refused it
        return raw_data

    def file_complete(self, file_size):  # pragma: no cover - new_file refused it
        return None


class RequestGuardMiddleware:
    """Refuses, with the site's own 400 or 404 page and never a 500:

    - a form body in a charset other than UTF-8 (Django cannot read it, and its 400 page
      would try again and fail);
    - a NUL byte in the path (404: no page has one) or the query (400), and a cookie with
      one is ignored: PostgreSQL refuses NUL in text, so it must never reach a lookup;
    - outside the admin, a body larger than any public form, or any file part.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _refuse_unreadable_form(request)
        _refuse_nul_bytes(request)
        if not request.path.startswith(reverse("admin:index")):
            _limit_public_body(request)
        return self.get_response(request)


def _refuse_unreadable_form(request):
    if request.content_type in FORM_CONTENT_TYPES and not _is_utf8(
        request.content_params.get("charset", "utf-8")
    ):
        request._mark_post_parse_error()  # so that nothing, the 400 page included, reads it
        raise BadRequest("Forms must be sent in UTF-8.")


def _refuse_nul_bytes(request):
    if "\x00" in request.path:
        raise Http404("No page has a NUL byte in its address.")
    if "\x00" in unquote(request.META.get("QUERY_STRING", "")):
        raise BadRequest("NUL byte in the query string.")
    if any("\x00" in name + value for name, value in request.COOKIES.items()):
        # Cookie values are unquoted ("\\000" is a NUL): such a cookie is no cookie of ours.
        request.COOKIES = {
            name: value for name, value in request.COOKIES.items() if "\x00" not in name + value
        }


def _limit_public_body(request):
    if _content_length(request) > PUBLIC_REQUEST_MAX_BYTES:
        raise RequestDataTooBig("Request body larger than any public form.")
    request.upload_handlers = [RefuseFileUploads(request)]


def _is_utf8(charset):
    """Django reads form bodies declared as "utf-8" (in any case) and refuses all others."""
    return charset.strip().lower() == "utf-8"


def _content_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0
