"""The API's refusals: JSON with one Vietnamese sentence in `detail`, never a 500 for a parameter.

Every 4xx the API gives has the same shape, `{"detail": "…", "errors": [...]}`: `errors`
names each parameter refused (`parameter`, `message`) when there are several to tell.
"""

from django.http import JsonResponse
from ninja.errors import HttpError, ValidationError

# The parameters as readers of the docs know them, for the messages.
NAMES = {
    "page": "Số trang (page)",
    "page_size": "Số mục mỗi trang (page_size)",
    "section": "Chuyên mục (section)",
    "tag": "Thẻ (tag)",
    "kind": "Loại bài (kind)",
    "author": "Tác giả (author)",
    "q": "Từ khóa (q)",
    "since": "Mốc thời gian (since)",
    "story": "Bài (story)",
    "story_id": "Mã bài",
    "slug": "Đường dẫn",
}


def json_error(status: int, message: str, errors: list | None = None, **headers) -> JsonResponse:
    data = {"detail": message}
    if errors:
        data["errors"] = errors
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


class Refused(HttpError):
    """A request the API answers with a 4xx and a Vietnamese message."""


def not_found(message: str = "Không có nội dung này.") -> Refused:
    return Refused(404, message)


def bad_parameter(name: str, message: str) -> Refused:
    error = Refused(400, message)
    error.parameter = name
    return error


def _sentence(error: dict) -> tuple[str, str]:
    location = error.get("loc") or ()
    name = str(location[-1]) if location else ""
    label = NAMES.get(name, name or "Tham số")
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    if kind in ("int_parsing", "int_type", "int_from_float"):
        text = f"{label} phải là một số nguyên."
    elif kind == "greater_than_equal":
        text = f"{label} phải từ {ctx.get('ge')} trở lên."
    elif kind == "less_than_equal":
        text = f"{label} không được lớn hơn {ctx.get('le')}."
    elif kind in ("enum", "literal_error"):
        text = f"{label} không hợp lệ; chỉ nhận: {ctx.get('expected', '')}."
        text = text.replace(" or ", ", ").replace("'", "")
    elif kind.startswith("datetime") or kind.startswith("date_"):
        text = f"{label} phải là một thời điểm theo ISO 8601, ví dụ 2026-12-04T08:00:00+07:00."
    elif kind == "string_too_long":
        text = f"{label} dài quá {ctx.get('max_length')} ký tự."
    elif kind == "missing":
        text = f"Thiếu {label}."
    else:
        text = f"{label} không hợp lệ."
    return name, text


def validation_failed(request, exc: ValidationError) -> JsonResponse:
    errors = [dict(zip(("parameter", "message"), _sentence(e), strict=True)) for e in exc.errors]
    message = errors[0]["message"] if errors else "Yêu cầu không hợp lệ."
    return json_error(400, message, errors if len(errors) > 1 else None)


def refused(request, exc: HttpError) -> JsonResponse:
    message = str(exc.message) if hasattr(exc, "message") else str(exc)
    name = getattr(exc, "parameter", None)
    errors = [{"parameter": name, "message": message}] if name else None
    return json_error(exc.status_code, message, errors)


def page_not_found(request, exc) -> JsonResponse:
    return json_error(404, "Không có nội dung này.")


def unknown_address(request, *args, **kwargs) -> JsonResponse:
    """Any address under /api/v1/ that names no endpoint."""
    return json_error(404, "Không có địa chỉ này trong API. Xem danh sách tại /api/v1/docs.")
