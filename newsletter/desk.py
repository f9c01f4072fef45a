"""The desk's side: the breaking-news mail about a story, sent once, after a confirmation."""

from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from articles.models import Article

from .models import BreakingMail
from .sending import AlreadySent, breaking_audience, send_breaking

PERMISSION = "newsletter.send_breaking_mail"


@staff_member_required
def breaking(request, pk: int):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied("Chỉ Tổng biên tập (hoặc trực ban) được gửi thư tin nóng.")
    story = Article.objects.published().filter(pk=pk).first()
    if story is None:
        raise Http404("Chỉ gửi được thư tin nóng về một bài đang hiện với bạn đọc.")
    sent = BreakingMail.objects.filter(article=story).select_related("sent_by").first()
    if request.method == "POST" and sent is None:
        try:
            record = send_breaking(story, by=request.user)
        except AlreadySent:
            messages.error(request, "Thư tin nóng về bài này đã được gửi rồi.")
        else:
            messages.success(request, f"Đang gửi thư tin nóng tới {record.recipients} người nhận.")
        return redirect(reverse("admin:articles_article_change", args=[story.pk]))
    context = {
        **admin.site.each_context(request),
        "title": "Gửi thư tin nóng",
        "story": story,
        "sent": sent,
        "audience": breaking_audience(),
    }
    return render(request, "admin/newsletter/breaking.html", context)
