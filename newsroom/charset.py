"""Refuse form posts in a character set other than UTF-8 before anything reads them."""

from django.http import HttpResponseBadRequest
from django.template import loader

FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}
UTF8 = {"utf-8", "utf8"}
MESSAGE = (
    "Trình duyệt đã gửi biểu mẫu bằng bảng mã không phải UTF-8 nên máy chủ không đọc được. "
    "Nội dung chưa được nhận: vui lòng quay lại trang trước, tải lại trang và gửi lại."
)


class FormCharsetMiddleware:
    """Answer 400 to a form body declared in another charset (iso-8859-1, utf-16...).

    Django refuses such bodies only when something first reads `request.POST`, which may be the
    CSRF check or the error handler itself; answering here keeps that out of every later layer.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        content_type, params = _parse(request.META.get("CONTENT_TYPE", ""))
        charset = params.get("charset", "utf-8").strip("\"'").lower()
        if content_type in FORM_TYPES and charset not in UTF8:
            html = loader.render_to_string("400.html", {"message": MESSAGE})
            return HttpResponseBadRequest(html)
        return self.get_response(request)


def _parse(header: str) -> tuple[str, dict[str, str]]:
    main, *rest = header.split(";")
    params = {}
    for item in rest:
        key, _, value = item.partition("=")
        params[key.strip().lower()] = value.strip()
    return main.strip().lower(), params
