"""The desk's side: the breaking-news mail about a story, sent once, after a confirmation;
what a mail server that was down left unsent is shown there, and sent on ("Gửi tiếp")."""

from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from articles.models import Article

from . import breaking as mails
from .models import BreakingMail


@staff_member_required
def breaking(request, pk: int):
    if not mails.may_send(request.user):
        context = {**admin.site.each_context(request), "title": "Gửi thư tin nóng"}
        context["reason"] = mails.REFUSED
        return render(request, "admin/newsletter/refused.html", context, status=403)
    story = Article.objects.published().filter(pk=pk).first()
    if story is None:
        raise Http404("Chỉ gửi được thư tin nóng về một bài đang hiện với bạn đọc.")
    sent = BreakingMail.objects.filter(article=story).select_related("sent_by").first()
    here = reverse("newsletter_desk:breaking", args=[story.pk])
    if request.method == "POST" and sent is not None and "resume" in request.POST:
        left = mails.resume(sent)
        if left:
            messages.success(request, f"Đang gửi tiếp thư tin nóng tới {left} người chưa nhận.")
        else:
            messages.info(request, "Mọi người nhận đều đã nhận thư tin nóng này.")
        return redirect(here)
    if request.method == "POST" and sent is None:
        try:
            record = mails.send_breaking(story, by=request.user)
        except mails.AlreadySent:
            messages.error(request, "Thư tin nóng về bài này đã được gửi rồi.")
        else:
            messages.success(request, f"Đang gửi thư tin nóng tới {record.recipients} người nhận.")
        return redirect(reverse("admin:articles_article_change", args=[story.pk]))
    context = {
        **admin.site.each_context(request),
        "title": "Gửi thư tin nóng",
        "story": story,
        "sent": sent,
        "progress": mails.progress(sent) if sent else None,
        "audience": None if sent else mails.audience().count(),
    }
    return render(request, "admin/newsletter/breaking.html", context)
