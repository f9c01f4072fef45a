"""The editors' desk: stories, sections, pictures and tags in the Django admin."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin
from taggit.models import Tag as TaggitTag

from newsroom import site_url
from newsroom.admin_lists import WITHOUT_SIDEBAR, EstimatedCountPaginator, compact_time
from newsroom.admin_widgets import CheckedAutocompleteMixin
from newsroom.desk_search import FoldedSearchMixin
from newsroom.vietnamese import date_time, since, until

from . import desk, preview, revisions, workflow
from .admin_forms import ArticleForm, SendBackForm
from .admin_lists import (
    FilingAccountFilter,
    SectionFilter,
)
from .admin_people import ContributorInline
from .admin_pictures import ImageAdmin
from .admin_revisions import RESTORE_FIELDSET, RevisionPagesMixin
from .admin_sections import SectionAdmin  # noqa: F401 (registers sections and the rota)
from .admin_takedown import TakeDownMixin
from .approvals.desk import ApprovalDeskMixin, ApprovalFilter
from .approvals.desk import panel as chain_panel
from .corrections.desk import CorrectionDeskMixin
from .corrections.desk import panel as corrections_panel
from .kinds.admin import GalleryPictureInline, KindFieldsMixin
from .models import Article, Contributor, Image, RelatedArticle, StaleEdit, Tag
from .people import byline

admin.site.unregister(TaggitTag)


class StateFilter(admin.SimpleListFilter):
    title = _("trạng thái")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return list(workflow.STATE_LABELS.items())

    def queryset(self, request, queryset):
        # A hand-typed `?state=` that names no state filters nothing, as before.
        if self.value() not in workflow.STATE_LABELS:
            return queryset
        return queryset.in_state(self.value())


class RelatedArticleInline(CheckedAutocompleteMixin, admin.TabularInline):
    model = RelatedArticle
    fk_name = "from_article"
    autocomplete_fields = ["to_article"]
    extra = 0
    fields = ["to_article", "position"]


@admin.register(Article)
class ArticleAdmin(
    KindFieldsMixin,
    TakeDownMixin,
    ApprovalDeskMixin,
    CorrectionDeskMixin,
    RevisionPagesMixin,
    FoldedSearchMixin,
    CheckedAutocompleteMixin,
    VersionAdmin,
):
    form = ArticleForm
    change_form_template = "admin/articles/article/change_form.html"
    object_history_template = "admin/articles/article/object_history.html"
    change_list_template = "admin/articles/article/change_list.html"
    # Few, short columns: the headline gets the room (newsroom/admin_lists.py explains the widths).
    list_display = ["title", "state_and_time", "section", "writer", "edited"]
    list_filter = [
        StateFilter,
        ApprovalFilter,
        "kind",
        ("section", SectionFilter),
        ("author", FilingAccountFilter),
        "published_at",
        "featured",
    ]
    list_select_related = ["section", "section__parent", "author"]
    # At 100,000 stories: no exact COUNT(*) of the table on each view (newsroom/admin_lists.py).
    paginator = EstimatedCountPaginator
    show_full_result_count = False
    search_fields = ["title", "lead", "byline"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["section", "hero_image"]
    inlines = [ContributorInline, RelatedArticleInline, GalleryPictureInline]
    actions = ["submit_for_review", "publish_articles", "send_back_articles", "unpublish_articles"]
    actions += ["take_down_articles"]  # articles/admin_takedown.py
    # The slug is made on the server by newsroom.vietnamese.slugify: the admin's JavaScript prefill
    # (URLify) would turn "Đường" into "djng", so there is deliberately no prepopulated_fields.
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "kind",
                    "section",
                    "lead",
                    "body",
                    "byline",
                    "tags",
                    "edit_version",
                ]
            },
        ),
        (_("Ảnh"), {"fields": ["hero_image"]}),
        # articles/kinds/admin.py: shown for the kinds that use them (static/admin/js/kinds.js).
        (_("Video, âm thanh"), {"fields": ["video", "audio"], "classes": ["kind-media"]}),
        (
            _("Xuất bản"),
            {
                "fields": [
                    "state_badge",
                    "review_note",
                    "published_at",
                    "featured",
                    "allow_comments",
                    "source_code",
                    "slug",
                    "author",
                ]
            },
        ),
    ]

    class Media:
        css = {"all": ["admin/css/desk.css", "admin/css/lists.css"]}
        # The autosave also loads on the list, where "Lưu" lands: it clears the saved draft.
        js = ["admin/js/article_desk.js", "admin/js/story_autosave.js", "admin/js/kinds.js"]

    # Who may do what ---------------------------------------------------------------------

    def get_queryset(self, request):
        # Every view of the desk goes through here: list, form, preview, history, autocomplete.
        return workflow.readable(request.user, super().get_queryset(request))

    def has_publish_permission(self, request) -> bool:
        return workflow.can_publish(request.user)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or workflow.can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or workflow.can_delete(request.user, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not workflow.can_publish(request.user):
            # Bulk delete checks no object: only editors get it.
            actions.pop("delete_selected", None)
        return actions

    def get_fieldsets(self, request, obj=None):
        if obj is None or self.has_change_permission(request, obj):
            # The tick is asked of those who can restore; others only read the old version.
            if revisions.restores_live(request):
                return [RESTORE_FIELDSET, *self.fieldsets]
            return self.fieldsets
        # Read only: no lock version to send, and the body shown as readers will see it.
        first, *rest = self.fieldsets
        shown = {"edit_version": None, "body": "body_as_read"}
        fields = [shown.get(name, name) for name in first[1]["fields"] if shown.get(name, name)]
        return [(first[0], {"fields": fields}), *rest]

    @admin.display(description=_("nội dung"))
    def body_as_read(self, obj):
        # Stored cleaned by newsroom.sanitize on save.
        return mark_safe(f'<div class="desk-body">{obj.body}</div>')

    def get_readonly_fields(self, request, obj=None):
        readonly = ["state_badge", "review_note", "author", "body_as_read"]
        if not workflow.can_publish(request.user):
            readonly += ["published_at", "featured"]
        return readonly

    # The list ------------------------------------------------------------------------------

    @admin.display(description=_("trạng thái"), ordering="status")
    def state_badge(self, obj):
        return format_html(
            '<span class="badge badge-{}">{}</span>', workflow.state(obj), workflow.state_label(obj)
        )

    @admin.display(description=_("trạng thái"), ordering="published_at")
    def state_and_time(self, obj):
        """The badge over the time the story goes or went live (or, waiting in its approval
        chain, the level and how long it has waited there), then its kind unless text.

        The kind is no column of its own: the list must still read at a phone's width and
        keep the titles to two lines at a desktop's (tests/articles/test_browser_lists.py).
        """
        if obj.kind == Article.Kind.TEXT:
            return self.state_lines(obj)
        kind = format_html(
            '<span class="badge kind-{}">{}</span>', obj.kind, obj.get_kind_display()
        )
        return format_html("{}<br>{}", self.state_lines(obj), kind)

    def state_lines(self, obj):
        if obj.status == Article.Status.PENDING and obj.approval_level and obj.approval_since:
            return format_html(
                '{}<br><span class="chain-wait">Cấp {} · chờ {}</span>',
                self.state_badge(obj),
                obj.approval_level,
                since(obj.approval_since),
            )
        if obj.published_at is None:
            return self.state_badge(obj)
        if obj.is_scheduled:
            return format_html(
                '{}<br><span class="goes-live">Lên trang sau {}</span><br>{}',
                self.state_badge(obj),
                until(obj.published_at),
                compact_time(obj.published_at),
            )
        return format_html("{}<br>{}", self.state_badge(obj), compact_time(obj.published_at))

    @admin.display(description=_("người nhập"), ordering="author__username")
    def writer(self, obj):
        return obj.author.get_username() if obj.author_id else "—"

    @admin.display(description=_("sửa lúc"), ordering="updated_at")
    def edited(self, obj):
        return compact_time(obj.updated_at)

    # Saving --------------------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        if change:
            # The form compared with this request's load; this checks the row as it is now.
            obj.claim_version(form.cleaned_data.get("edit_version"))
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        rows = any(f.model is Contributor and f.has_changed() for f in formsets)
        if rows or "byline" in form.changed_data:  # the printed byline: the writers' again
            byline.sync(form.instance, contributors_changed=rows)

    def response_add(self, request, obj, post_url_continue=None):
        return self._after_save(request, obj) or super().response_add(
            request, obj, post_url_continue
        )

    def response_change(self, request, obj):
        return self._after_save(request, obj) or super().response_change(request, obj)

    def _after_save(self, request, obj):
        """Run the workflow button pressed with the save, if any."""
        steps = {
            "_submit": (workflow.submit, "Đã gửi bài “{}” cho biên tập viên duyệt."),
            "_publish": (workflow.publish, None),
            "_unpublish": (workflow.unpublish, "Đã gỡ bài “{}” khỏi trang."),
        }
        for button, (step, done) in steps.items():
            if button not in request.POST:
                continue
            try:
                step(obj, by=request.user)
            except workflow.WorkflowError as error:
                self.message_user(request, f"Đã lưu, nhưng: {error}", messages.WARNING)
            else:
                if done is None:
                    done = self._published_message(obj)
                self.message_user(request, done.format(obj.title), messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[obj.pk]))
        return None

    @staticmethod
    def _published_message(obj) -> str:
        if obj.is_scheduled:
            return (
                "Đã hẹn giờ bài “{}”: lên trang lúc "
                + date_time(obj.published_at)
                + " (giờ Việt Nam), sau "
                + until(obj.published_at)
                + "."
            )
        return "Đã xuất bản bài “{}”."

    # A recovered story comes back with its old status (published, say): editors only.
    # The revision pages themselves are in admin_revisions.
    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "can_recover": workflow.can_publish(request.user),
            **WITHOUT_SIDEBAR,
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = {
            "autosave_seconds": settings.DESK_AUTOSAVE_SECONDS,
            **(extra_context or {}),
        }
        if object_id:
            revisions.restore_present_state(request, unquote(object_id))
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleEdit:
            # Another editor's save was committed after this request loaded the story, and
            # this one is rolled back. Again: the form, checked against the version now
            # stored, says so and keeps what was typed.
            return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Only when the form is shown: a save that succeeds is answered with a redirect.
        if obj is not None and obj.pk is not None:
            # A refused form has put what it was sent into `obj`: the state is the stored one.
            stored = obj if request.method == "GET" else self.get_object(request, str(obj.pk))
            if stored is not None:
                context.update(self._desk_context(request, stored))
        else:
            steps = workflow.allowed_steps(request.user, None)
            context.update(can_submit="submit" in steps, can_publish="publish" in steps)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _desk_context(self, request, article):
        """The change form's buttons and panels: one per step `workflow.allowed_steps` gives."""
        steps = workflow.allowed_steps(request.user, article)
        return {
            "desk_state": workflow.state(article),
            "desk_state_label": workflow.state_label(article),
            "can_submit": "submit" in steps,
            "can_publish": "publish" in steps,
            "can_unpublish": "unpublish" in steps,
            "can_send_back": "send_back" in steps,
            "can_share": "share" in steps,
            "share_hours": preview.share_link_hours(),
            "share_links": [
                (link, site_url.absolute(preview.share_url(link), request))
                for link in article.share_links.all()
                if link.is_active
            ]
            if "share" in steps
            else [],
            **chain_panel(request.user, article),
            **corrections_panel(request.user, article),
        }

    # Actions: each calls the workflow step, then says how many stories it changed -------------

    def _run(self, request, queryset, step, done: str, **kwargs) -> None:
        changed, refused = 0, []
        for article in queryset.select_related("author"):
            try:
                step(article, by=request.user, **kwargs)
            except (workflow.WorkflowError, PermissionDenied) as error:
                refused.append(f"“{article.title}”: {error}")
            else:
                changed += 1
        if changed:
            self.message_user(request, done.format(n=changed), messages.SUCCESS)
        if refused:
            self.message_user(
                request, "Không đổi được: " + "; ".join(refused[:10]), messages.WARNING
            )

    @admin.action(description=_("Gửi duyệt các bài đã chọn"), permissions=["change"])
    def submit_for_review(self, request, queryset):
        self._run(request, queryset, workflow.submit, "Đã gửi duyệt {n} bài.")

    @admin.action(
        description=_("Xuất bản (bài có giờ trong tương lai sẽ được hẹn giờ)"),
        permissions=["publish"],
    )
    def publish_articles(self, request, queryset):
        self._run(request, queryset, workflow.publish, "Đã xuất bản hoặc hẹn giờ {n} bài.")

    @admin.action(description=_("Gỡ các bài đã chọn khỏi trang"), permissions=["publish"])
    def unpublish_articles(self, request, queryset):
        self._run(request, queryset, workflow.unpublish, "Đã gỡ {n} bài.")

    @admin.action(description=_("Trả lại phóng viên (kèm ghi chú)"), permissions=["publish"])
    def send_back_articles(self, request, queryset):
        form = SendBackForm(request.POST if "note" in request.POST else None)
        if form.is_valid():
            self._run(
                request,
                queryset,
                workflow.send_back,
                "Đã trả lại {n} bài cho phóng viên.",
                note=form.cleaned_data["note"],
            )
            return None
        return TemplateResponse(
            request,
            "admin/articles/article/send_back.html",
            {
                **self.admin_site.each_context(request),
                "title": "Trả lại phóng viên",
                "opts": self.model._meta,
                "articles": queryset,
                "form": form,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    # Extra pages: preview, share links (views in articles/desk.py) ---------------------------

    def get_urls(self):
        return [*desk.article_urls(self), *super().get_urls()]

    def reader_url(self, request, obj) -> str:
        """Where "view on site" (newsroom.view_on_site) sends a reader of the story on the desk.

        A story readers cannot see yet goes to its preview; its own address would 404 anyway.
        """
        if obj.is_public:
            return obj.get_absolute_url()
        return reverse("admin:articles_article_preview", args=[obj.pk])


admin.site.register(Image, ImageAdmin)


@admin.register(Tag)
class TagAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    fields = ["name", "slug"]
