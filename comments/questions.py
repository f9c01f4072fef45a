"""Giao lưu trực tuyến: readers' questions to a live story's guests, through the comment form.

A question is a comment sent with the form's "câu hỏi" box on a live Q&A, with every defence
of the form (token, honeypot, rate limit) and always held for a moderator, even from a trusted
reader. The moderator picks it for one of the guests (or rejects it) on the story's questions
page; staff type the guest's answer at the live desk, which publishes it as a live entry
showing the question, the reader's name and the answer (articles/live). A question is never
shown in the comment thread (CommentQuerySet.approved leaves questions out).
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from articles.live import entries
from articles.live import questions as desk_questions
from articles.live.entries import EntryError
from articles.models import Article, LiveCoverage, LiveGuest

from .models import Comment

TEMPLATE = "comments/questions.html"


def takes_questions(article: Article) -> bool:
    """Whether the story is a live Q&A still going on."""
    if article.kind != Article.Kind.LIVE:
        return False
    return LiveCoverage.objects.filter(article=article.pk, is_qa=True, ended_at=None).exists()


def waiting(article: Article):
    return Comment.objects.filter(
        article=article, is_question=True, status=Comment.Status.PENDING
    ).order_by("created_at", "pk")


def pick(comment: Comment, guest: LiveGuest, *, by) -> Comment:
    """A moderator picks a reader's question for `guest` to answer."""
    if not comment.is_question or guest.article_id != comment.article_id:
        raise EntryError("Câu hỏi và khách mời không thuộc cùng một bài.")
    comment.question_guest = guest
    comment.status = Comment.Status.APPROVED
    comment.moderated_by, comment.moderated_at = by, timezone.now()
    comment.save(update_fields=["question_guest", "status", "moderated_by", "moderated_at"])
    return comment


def reject(comment: Comment, *, by) -> Comment:
    comment.status = Comment.Status.REJECTED
    comment.moderated_by, comment.moderated_at = by, timezone.now()
    comment.save(update_fields=["status", "moderated_by", "moderated_at"])
    return comment


def picked(article: Article) -> list[desk_questions.Question]:
    """The questions picked for the story's guests and not answered yet, oldest first."""
    rows = Comment.objects.filter(
        article=article,
        is_question=True,
        status=Comment.Status.APPROVED,
        question_guest__isnull=False,
        answer_entry__isnull=True,
    ).order_by("moderated_at", "pk")
    return [
        desk_questions.Question(row.pk, row.name, row.body, row.question_guest_id) for row in rows
    ]


def answer(article: Article, question_id: int, *, by, body: str):
    """Publish the guest's answer, typed by staff, as a live entry with the question."""
    with transaction.atomic():
        comment = (
            Comment.objects.select_for_update(of=("self",))
            .filter(pk=question_id, article=article, is_question=True)
            .select_related("question_guest")
            .first()
        )
        if comment is None or comment.question_guest is None:
            raise EntryError("Câu hỏi này chưa được chọn cho khách mời.")
        if comment.answer_entry_id is not None:
            raise EntryError("Câu hỏi này đã được trả lời.")
        entry = entries.post(
            article,
            by=by,
            body=body,
            guest=comment.question_guest,
            question=comment.body,
            asked_by=comment.name,
        )
        comment.answer_entry = entry
        comment.save(update_fields=["answer_entry"])
    return entry


def register() -> None:
    desk_questions.register(desk_questions.Source(picked=picked, answer=answer))


@never_cache
@permission_required("comments.change_comment", raise_exception=True)
def pick_view(request: HttpRequest, article_pk: int) -> HttpResponse:
    """The moderators' page of a live Q&A's questions: pick each for a guest, or reject it."""
    article = get_object_or_404(Article, pk=article_pk, kind=Article.Kind.LIVE)
    guests = list(article.live_guests.all())
    if request.method == "POST":
        comment = waiting(article).filter(pk=request.POST.get("question") or 0).first()
        if comment is None:
            messages.error(request, "Không tìm thấy câu hỏi đang chờ này.")
        elif request.POST.get("action") == "reject":
            reject(comment, by=request.user)
            messages.success(request, "Đã từ chối câu hỏi.")
        else:
            guest = next((g for g in guests if str(g.pk) == request.POST.get("guest")), None)
            if guest is None:
                messages.error(request, "Vui lòng chọn khách mời trả lời câu hỏi.")
            else:
                pick(comment, guest, by=request.user)
                messages.success(request, f"Đã chọn câu hỏi cho {guest.name}.")
        return redirect("comments:questions", article.pk)
    if not request.user.is_staff:
        raise PermissionDenied
    context = {
        "title": f"Câu hỏi giao lưu: {article.title}",
        "article": article,
        "guests": guests,
        "questions": list(waiting(article)),
        "has_permission": True,
    }
    return TemplateResponse(request, TEMPLATE, context)
