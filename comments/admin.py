"""The moderators' queue: pending first, newest first, approved, rejected or spammed in bulk."""

from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.db.models import Case, Count, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from newsroom.admin_lists import WITHOUT_SIDEBAR, EstimatedCountPaginator, compact_time
from newsroom.desk_search import FoldedSearchMixin
from newsroom.vietnamese import date_time, excerpt

from . import admin_personal, admin_queue, moderation, steps
from .admin_lists import RecentArticleFilter, ReportedFilter
from .models import BlockedWord, Comment, CommentReport

# What a reader sees of a comment besides its status (set_status purges for that itself).
SHOWN_FIELDS = {"name", "body", "parent"}


def changelist_action(step: steps.Step):
    """The comment list's action for `step`, answered with the step's message."""

    @admin.action(description=step.label, permissions=[step.permission])
    def act(model_admin, request, queryset):
        selected = list(queryset.values_list("pk", flat=True))
        changed = step.take(selected, by=request.user)
        model_admin.message_user(request, step.summary(changed, len(selected)))

    act.__name__ = act.__qualname__ = step.action
    return act


@admin.register(Comment)
class CommentAdmin(FoldedSearchMixin, admin.ModelAdmin):
    # Few, short columns so the text and the story read at 1280 px (newsroom/admin_lists.py);
    # the first ones keep their places, which sorted addresses (`?o=2`) name.
    list_display = ["body_excerpt", "reader", "article_link", "status", "report_count", "created"]
    change_form_template = "admin/comments/comment/change_form.html"
    list_display_links = ["body_excerpt"]
    list_filter = ["status", ReportedFilter, RecentArticleFilter]
    list_select_related = ["article"]
    # At a million comments: no exact COUNT(*) of the whole table on each view
    # (newsroom/admin_lists.py).
    paginator = EstimatedCountPaginator
    show_full_result_count = False
    search_fields = ["name", "email", "body"]
    # The moderation steps, as the queue has them (comments/steps.py).
    actions = [changelist_action(step) for step in steps.STEPS]
    list_per_page = 50
    fields = [
        "reader_reports",
        "article_link",
        "parent",
        "name",
        "email",
        "body",
        "status",
        "spam_reason",
        "created_at",
        "ip_address",
        "user_agent",
        "moderated_by",
        "moderated_at",
    ]
    readonly_fields = [
        "reader_reports",
        "article_link",
        "parent",
        "spam_reason",
        "created_at",
        "ip_address",
        "user_agent",
        "moderated_by",
        "moderated_at",
    ]

    class Media:
        css = {"all": ["admin/css/lists.css"]}

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {**WITHOUT_SIDEBAR, **(extra_context or {})})

    def get_queryset(self, request):
        # A subquery per listed row, not a JOIN and GROUP BY: grouping a million comments
        # before the LIMIT took seconds (bench/explain.py); this keeps the index-ordered scan.
        reports = (
            CommentReport.objects.filter(comment=OuterRef("pk"))
            .order_by()
            .values("comment")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return super().get_queryset(request).annotate(report_total=Coalesce(Subquery(reports), 0))

    def get_changelist(self, request, **kwargs):
        return ReportsChangeList

    # Empty, not "-", when none: the phone's card leaves an empty cell out (lists.css).
    # With the reasons readers gave, read for the whole page at once (ReportsChangeList).
    @admin.display(description=_("báo vi phạm"), ordering="report_total", empty_value="")
    def report_count(self, comment):
        if not comment.report_total:
            return ""
        reasons = getattr(comment, "report_reasons", None) or []
        return format_html(
            '{}<br><small class="list-quiet">{}</small>', comment.report_total, ", ".join(reasons)
        )

    @admin.display(description=_("bạn đọc báo vi phạm"))
    def reader_reports(self, comment):
        reports = list(comment.reports.order_by("created_at", "pk")) if comment.pk else []
        if not reports:
            return "Không có báo cáo nào."
        waiting = Comment.objects.filter(pk=comment.pk).reported().exists()
        items = format_html_join(
            "",
            "<li>{} · {}</li>",
            ((report.get_reason_display(), date_time(report.created_at)) for report in reports),
        )
        state = (
            format_html(
                '<p class="reports-waiting"><strong>Chưa xử lý.</strong> '
                '<button type="submit" form="giu-binh-luan" class="button">{}</button> '
                '<button type="submit" form="an-binh-luan" class="button">{}</button></p>',
                steps.BY_KEY["giu"].button,
                steps.BY_KEY["an"].button,
            )
            if waiting
            else format_html('<p class="reports-answered">{}</p>', "Đã xử lý.")
        )
        return format_html("<ul>{}</ul>{}", items, state)

    def get_urls(self):
        return admin_queue.urls(self) + admin_personal.urls(self) + super().get_urls()

    def get_ordering(self, request):
        if request.GET.get("status__exact") or request.GET.get("o"):
            # One status: pending-first changes nothing. A column clicked: its ties newest
            # first. Both are read from an index ((status|name|ip_address), -created_at).
            return ["-created_at", "-pk"]
        pending_first = Case(
            When(status=Comment.Status.PENDING, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return [pending_first.asc(), "-created_at", "-pk"]

    def has_add_permission(self, request):
        # Comments come from readers, with their address and browser; not typed in here.
        return False

    @admin.display(description=_("bình luận"))
    def body_excerpt(self, comment):
        if comment.is_question:
            return format_html(
                '<span class="badge badge-question">Câu hỏi</span> {}',
                excerpt(comment.body, limit=80),
            )
        return excerpt(comment.body, limit=80)

    @admin.display(description=_("người viết"), ordering="name")
    def reader(self, comment):
        return format_html(
            '{}<br><small class="list-quiet">IP {}</small>',
            comment.name,
            comment.ip_address or "không rõ",
        )

    @admin.display(description=_("lúc"), ordering="created_at")
    def created(self, comment):
        return compact_time(comment.created_at)

    @admin.display(description=_("bài viết"), ordering="article__title")
    def article_link(self, comment):
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            comment.article.get_absolute_url(),
            comment.article.title,
        )

    def save_model(self, request, obj, form, change):
        # A status changed in the form goes through moderation like an action would; it
        # purges the pages too, which an edit of what shows needs on its own.
        new_status = obj.status
        if change and "status" in form.changed_data:
            obj.status = form.initial["status"]
        super().save_model(request, obj, form, change)
        if obj.status != new_status:
            moderation.set_status([obj.pk], new_status, by=request.user)
            obj.refresh_from_db()
        elif change and SHOWN_FIELDS & set(form.changed_data):
            moderation.edited(obj)

    def delete_model(self, request, obj):
        moderation.delete_comments(Comment.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        moderation.delete_comments(queryset)


class ReportsChangeList(ChangeList):
    """The comment list, with the reasons readers gave for each listed comment: one query."""

    def get_results(self, request):
        super().get_results(request)
        reasons: dict[int, list[str]] = {}
        labels = dict(CommentReport.Reason.choices)
        rows = CommentReport.objects.filter(comment__in=[c.pk for c in self.result_list])
        for comment_id, reason in rows.order_by("created_at").values_list("comment_id", "reason"):
            label = str(labels.get(reason, reason))
            if label not in reasons.setdefault(comment_id, []):
                reasons[comment_id].append(label)
        for comment in self.result_list:
            comment.report_reasons = reasons.get(comment.pk, [])


@admin.register(BlockedWord)
class BlockedWordAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["word", "created_at"]
    search_fields = ["word"]
