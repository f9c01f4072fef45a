"""The chain on the desk: the story form's panel and its buttons, the "Chờ tôi duyệt" list
filter, the record on the history page, and a change after approval sent back.

Thin over `chain` and `steps`: `ApprovalDeskMixin` goes first in ArticleAdmin's bases.
"""

from functools import partial

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from newsroom.vietnamese import since

from .. import revision_diff, workflow
from ..models import Article, GalleryPicture, Grading, RoyaltyRate
from ..people.payment import royalties_on
from . import access, mail, record, steps
from .chain import APPROVER, may_act_at, next_up, overdue_for_condition, waiting_condition

Kind = record.Kind
# The fields whose change after an approval sends the story back to that level.
TEXT_FIELDS = frozenset({"title", "lead", "body", "byline", "hero_image_id", "source_code"})
# And what the story is told with (articles/kinds/): another kind, another video or sound.
TEXT_FIELDS |= {"kind", "video_id", "audio_id"}


class ChainStepForm(forms.Form):
    """What a button of the chain panel sends."""

    STEPS = ["approve", "send_back", "take_over", "breaking"]

    step = forms.ChoiceField(choices=[(s, s) for s in STEPS])
    version = forms.IntegerField(min_value=0, required=False)
    level = forms.IntegerField(min_value=1, required=False)
    note = forms.CharField(required=False, max_length=2000)
    to_level = forms.IntegerField(min_value=0, required=False)
    grade = forms.CharField(required=False, max_length=10)
    at = forms.DateTimeField(
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%d/%m/%Y %H:%M"],
        error_messages={"invalid": "Giờ xuất bản chưa đúng (ngày/tháng/năm giờ:phút)."},
    )


def panel(user, article: Article) -> dict:
    """The story form's chain panel: each level, who approved it and when, who holds it now,
    and the buttons `user` may press. Empty for a section with no chain."""
    chains = access.chains(user)
    chain = chains.of(article.section_id)
    if not chain:
        return {}
    me = access.person(user)
    steps_done = record.current_round(list(record.record_of(article).select_related("by")))
    approved = {}
    for step in steps_done:
        if step.kind == Kind.APPROVED:
            approved[step.level] = step
        elif step.kind in (Kind.SENT_BACK, Kind.CHANGED) and step.to_level is not None:
            # Levels from the one it went back to on must approve again.
            approved = {n: s for n, s in approved.items() if n < step.to_level}
    waiting = article.status == Article.Status.PENDING and article.approval_level
    current = chains.level(article.section_id, article.approval_level) if waiting else None
    rows = []
    for level in chain:
        row = {"level": level, "approved": approved.get(level.position)}
        if current is not None and level.position == current.position:
            row["waiting"] = True
            row["holders"] = [record.name_of(p) for p in mail.holders(chains, article, level)]
        rows.append(row)
    context = {
        "chain_rows": rows,
        "chain_current": current,
        "chain_version": article.version,
        "chain_step_url": reverse("admin:articles_article_chain_step", args=[article.pk]),
    }
    if current is not None:
        limit = chains.limit(article.section_id)
        overdue = article.approval_since and timezone.now() - article.approval_since > limit
        context["chain_waited"] = since(article.approval_since) if article.approval_since else ""
        context["chain_overdue"] = bool(overdue)
        if may_act_at(me, article, current):
            context["chain_can_act"] = True
            context["chain_is_last"] = current.position == len(chain)
            if context["chain_is_last"]:
                context["chain_grades"] = grades_for(user)
            context["chain_lower"] = [(0, "Phóng viên")] + [
                (lv.position, f"Cấp {lv.position} · {lv.label}")
                for lv in chain[: current.position - 1]
            ]
        above = next_up(chains, article.section_id, current.position)
        context["chain_can_take_over"] = bool(
            overdue
            and above is not None
            and article.author_id != me.pk
            and me.has_role_for(article.section_id, above)
            and not (above.position == current.position and me.holds(article.section_id, current))
        )
        changed = next((s for s in reversed(steps_done) if s.kind == Kind.CHANGED), None)
        if changed is not None and changed.to_level == current.position:
            context["chain_diff"] = _since_approval(article, steps_done, current.position)
    if article.state != Article.State.PUBLISHED and me.may_publish_breaking:
        context["chain_can_break"] = True
    return context


def _since_approval(article: Article, steps_done, position: int) -> list[dict]:
    """What changed in the story since `position` last approved it, word by word."""
    from reversion.models import Version

    approvals = [s for s in steps_done if s.kind == Kind.APPROVED and s.level == position]
    if not approvals or approvals[-1].revision_id is None:
        return []
    version = (
        Version.objects.get_for_object(article).filter(revision=approvals[-1].revision_id).first()
    )
    if version is None:
        return []
    then = version.field_dict
    now = {name: getattr(article, name) for name in revision_diff.FIELDS}
    return [change for change in revision_diff.changes(then, now) if change["changed"]]


def step_view(model_admin, request, object_id):
    """A button of the chain panel: approve, send back, take over, breaking news."""
    article = model_admin.get_object(request, unquote(object_id))
    if article is None:
        raise Http404("Không có bài này.")
    back = HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
    form = ChainStepForm(request.POST)
    if not form.is_valid():
        errors = "; ".join(e for errs in form.errors.values() for e in errs)
        model_admin.message_user(request, f"Chưa làm được: {errors}", messages.WARNING)
        return back
    data = form.cleaned_data
    seen, level, note = data["version"], data["level"], data["note"]
    try:
        match data["step"]:
            case "approve":
                grade = data["grade"]
                if grade and grade not in grades_for(request.user):
                    raise workflow.WorkflowError("Hạng nhuận bút này không có trong bảng.")
                story = steps.approve(
                    article, by=request.user, level=level, seen=seen, at=data["at"]
                )
                done = _approved_message(story)
                if grade and story.approval_level is None:
                    Grading.objects.update_or_create(
                        article=story, defaults={"grade": grade, "graded_by": request.user}
                    )
                    done += f" Hạng nhuận bút: {grade}."
            case "send_back":
                to = data["to_level"] or 0
                steps.send_back(
                    article, by=request.user, note=note, to_level=to, level=level, seen=seen
                )
                done = "Đã trả bài về phóng viên." if to == 0 else f"Đã trả bài về cấp {to}."
            case "take_over":
                story = steps.take_over(article, by=request.user, level=level, seen=seen)
                done = (
                    _approved_message(story)
                    if story.approval_level is None
                    else f"Đã nhận duyệt thay: bài chờ bạn ở cấp {story.approval_level}."
                )
            case "breaking":
                story = steps.publish_breaking(
                    article, by=request.user, reason=note, at=data["at"], seen=seen
                )
                done = "Đã xuất bản thẳng (tin nóng); lý do đã được ghi vào sổ duyệt."
    except workflow.WorkflowError as error:
        model_admin.message_user(request, f"Chưa làm được: {error}", messages.WARNING)
        return back
    except PermissionDenied:
        raise
    model_admin.message_user(request, done, messages.SUCCESS)
    return back


def grades_for(user) -> list[str]:
    """The nhuận bút grades `user` may give as they approve at the last level (the rate
    table's; none while no rate is set or for one without the right)."""
    if not (user.has_perm("articles.add_grading") and royalties_on()):
        return []
    return list(RoyaltyRate.objects.values_list("grade", flat=True).distinct().order_by("grade"))


def _approved_message(story: Article) -> str:
    if story.approval_level:
        return f"Đã duyệt; bài chuyển lên cấp {story.approval_level}."
    if story.is_scheduled:
        from newsroom.vietnamese import date_time

        return f"Đã duyệt cấp cuối: bài hẹn giờ lên trang lúc {date_time(story.published_at)}."
    return "Đã duyệt cấp cuối: bài đã lên trang."


class ApprovalFilter(admin.SimpleListFilter):
    """ "Chờ tôi duyệt" and "Quá hạn, tôi nhận thay được": exactly the desk front's figures."""

    title = _("duyệt nhiều cấp")
    parameter_name = "duyet"
    MINE, OVERDUE = "cho-toi", "qua-han"

    def lookups(self, request, model_admin):
        if not request.user.has_perm(APPROVER):
            return []
        me = access.person(request.user)
        if not me.roles or not me.chains.levels:
            return []
        return [(self.MINE, _("Chờ tôi duyệt")), (self.OVERDUE, _("Quá hạn, tôi nhận thay được"))]

    def queryset(self, request, queryset):
        if self.value() not in (self.MINE, self.OVERDUE):
            return queryset
        me = access.person(request.user)
        where = waiting_condition(me) if self.value() == self.MINE else overdue_for_condition(me)
        return queryset.filter(where) if where is not None else queryset.none()


class ApprovalDeskMixin:
    """For ArticleAdmin: the chain's page, its record in the history, its check on save."""

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/duyet/",
                wrap(require_POST(partial(step_view, self))),
                name="articles_article_chain_step",
            ),
            *super().get_urls(),
        ]

    def save_model(self, request, obj, form, change):
        # Read before the save, acted on once the inlines are saved too (save_related).
        request._changed_after_approval = (
            set(obj.changed_fields() & TEXT_FIELDS) if change else set()
        )
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        changed = getattr(request, "_changed_after_approval", set())
        if change and any(f.model is GalleryPicture and f.has_changed() for f in formsets):
            changed.add("gallery")  # a photo story's pictures are what it tells
        obj = form.instance
        if changed:
            back = steps.changed_after_approval(obj, by=request.user, changed=changed)
            if back is not None:
                self.message_user(
                    request,
                    f"Bài đã được duyệt trước khi sửa: bài về lại cấp {back.position}"
                    f" ({back.label}) để duyệt phần đã sửa.",
                    messages.WARNING,
                )

    def history_view(self, request, object_id, extra_context=None):
        article = self.get_object(request, unquote(object_id))
        extra = {"approval_steps": []}
        if article is not None:
            extra["approval_steps"] = list(record.record_of(article).select_related("by"))
        return super().history_view(request, object_id, {**extra, **(extra_context or {})})
