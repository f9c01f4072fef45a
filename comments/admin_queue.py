"""The moderation queue page in the admin, and its one-click actions (thin views over
comments/queue.py and comments/moderation.py). The one-click steps, their words and the
permission each needs are comments/steps.py's table, as the comment list's actions are.

Each action answers JSON to the queue's script (static/admin/js/comment-queue.js, which asks
with `Accept: application/json`) so the row changes in place; a browser without JavaScript
posts the same forms and is sent back to the queue with a message.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import moderation, steps
from .ids import as_id
from .models import BODY_MAX_LENGTH, Comment
from .queue import page_number, queue_page

EMPTY_REPLY = "Vui lòng nhập nội dung trả lời."
LONG_REPLY = f"Nội dung trả lời dài tối đa {BODY_MAX_LENGTH:,} ký tự.".replace(",", ".")
REPLIED = "Đã đăng trả lời của ban biên tập."
NONE_SELECTED = "Chưa chọn bình luận nào."


def urls(model_admin) -> list:
    site = model_admin.admin_site
    queue = QueueViews(model_admin)
    return [
        path("kiem-duyet/", site.admin_view(queue.page), name="comments_comment_queue"),
        path(
            "kiem-duyet/<int:pk>/tra-loi/",
            site.admin_view(require_POST(queue.reply)),
            name="comments_comment_queue_reply",
        ),
        path(
            "kiem-duyet/duyet-nhieu/",
            site.admin_view(require_POST(queue.bulk)),
            name="comments_comment_bulk",
        ),
        # Last: its <action> would otherwise take the reply's "tra-loi".
        path(
            "kiem-duyet/<int:pk>/<slug:action>/",
            site.admin_view(require_POST(queue.act)),
            name="comments_comment_moderate",
        ),
    ]


def wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


class QueueViews:
    def __init__(self, model_admin):
        self.model_admin = model_admin

    def allowed(self, request, permission: str = "change") -> None:
        if not getattr(self.model_admin, f"has_{permission}_permission")(request):
            raise PermissionDenied

    def back(self, request):
        # The comment's own page sends its buttons back to itself.
        here = request.POST.get("next", "")
        if here and url_has_allowed_host_and_scheme(here, allowed_hosts={request.get_host()}):
            return redirect(here)
        url = reverse("admin:comments_comment_queue")
        number = page_number(request.POST.get("trang"))
        return redirect(f"{url}?trang={number}" if number > 1 else url)

    def answer(self, request, message: str, *, status: int = 200, level=messages.SUCCESS, **data):
        if wants_json(request):
            pending = Comment.objects.pending().count()
            return JsonResponse({"message": message, "pending": pending, **data}, status=status)
        messages.add_message(request, level, message)
        return self.back(request)

    def page(self, request):
        self.allowed(request)
        page = queue_page(page_number(request.GET.get("trang")))
        context = {
            **self.model_admin.admin_site.each_context(request),
            "title": "Kiểm duyệt bình luận",
            "opts": Comment._meta,
            "page": page,
            "changelist_url": reverse("admin:comments_comment_changelist"),
            # Reported comments still shown wait outside the queue: the empty queue says so.
            "reported_waiting": 0 if page.rows else Comment.objects.reported().count(),
            "reported_url": reverse("admin:comments_comment_changelist") + "?bao_vi_pham=cho-xu-ly",
        }
        return TemplateResponse(request, "admin/comments/queue.html", context)

    def target(self, pk: int) -> Comment:
        comment = as_id(pk) and (
            Comment.objects.select_related("article", "parent").filter(pk=pk).first()
        )
        if comment is None:
            raise Http404("Không tìm thấy bình luận.")
        return comment

    def act(self, request, pk: int, action: str):
        self.allowed(request)
        step = steps.BY_KEY.get(action)
        if step is None:
            raise Http404("Thao tác không hợp lệ.")
        self.allowed(request, step.permission)
        comment = self.target(pk)
        step.take([comment.pk], by=request.user)
        label = Comment.Status(step.status).label
        return self.answer(request, step.done_one, state=step.status, label=label)

    def reply(self, request, pk: int):
        self.allowed(request)
        comment = self.target(pk)
        body = (request.POST.get("body") or "").replace("\x00", "").strip()
        if not body or len(body) > BODY_MAX_LENGTH:
            message = EMPTY_REPLY if not body else LONG_REPLY
            return self.answer(request, message, status=400, level=messages.ERROR)
        try:
            reply = moderation.reply_as_newsroom(comment, body, by=request.user)
        except moderation.NotAnswerable as refusal:
            return self.answer(request, str(refusal), status=409, level=messages.ERROR)
        label = Comment.Status.APPROVED.label
        state = Comment.Status.APPROVED
        return self.answer(request, REPLIED, state=state, label=label, reply=reply.pk)

    def bulk(self, request):
        self.allowed(request)
        ids = [pk for pk in map(as_id, request.POST.getlist("ids")) if pk is not None]
        if not ids:
            return self.answer(request, NONE_SELECTED, status=400, level=messages.WARNING)
        changed = steps.APPROVE.take(ids, by=request.user)
        return self.answer(request, steps.APPROVE.done_many.format(changed), changed=changed)
