"""The chains on the desk: sections with their approval levels and heads, and the duty rota.

A section's chain, heads and waiting limit are set by the editor-in-chief
(`articles.change_approvallevel`); other editors keep editing the rest of a section and see
those read-only. The rota (`Lịch trực ban`) is theirs alone, by its own permissions.
"""

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.roles import EDITOR_IN_CHIEF, LEVEL_ROLES, MANAGING_EDITOR, SECTION_HEAD
from newsroom.vietnamese import date_time, search_words

from .admin_forms import VietnamSplitDateTime
from .approvals.chain import Chains, describe, refit_waiting
from .models import ApprovalLevel, DutyShift, Section

CHAIN_PERMISSION = "articles.change_approvallevel"
# Fields of a section only the editor-in-chief changes; other editors see them read-only.
CHAIN_FIELDS = ["heads", "approval_limit_minutes"]
# Moved out of the way while a chain is saved, so that two levels can swap places.
PARKED = 10_000


def members(*groups: str):
    """Active users in any of `groups`, by username."""
    users = get_user_model().objects.filter(is_active=True, groups__name__in=groups)
    return users.distinct().order_by("username")


def person(user) -> str:
    return user.get_full_name() or user.get_username()


class ApprovalLevelForm(forms.ModelForm):
    position = forms.IntegerField(label=_("cấp"), min_value=1, max_value=99)

    # The formset holds the section's whole chain and checks it at once (each level and each
    # role once); asking the database row by row would refuse two levels swapping places.
    def validate_unique(self):
        pass

    def validate_constraints(self):
        pass


class ApprovalLevelFormSet(forms.BaseInlineFormSet):
    def kept_forms(self):
        """The forms of the levels the chain will have once saved."""
        kept = []
        for form in self.forms:
            if form.instance.pk is None and not form.has_changed():
                continue  # an empty extra row
            if not form.is_valid() or self._should_delete_form(form):
                continue
            kept.append(form)
        return kept

    def clean(self):
        """Each role once, each level once: refused here in Vietnamese, never by the database.

        Gaps between levels are fine (1, 3): the chain goes up in the order of its levels.
        """
        roles, positions = {}, {}
        for form in self.kept_forms():
            role, position = form.cleaned_data.get("role"), form.cleaned_data.get("position")
            if role in roles:
                raise ValidationError(
                    f"Vai trò “{LEVEL_ROLES.get(role, role)}” đã giữ cấp {roles[role]}:"
                    " mỗi vai trò chỉ giữ một cấp trong chuỗi.",
                    code="role_twice",
                )
            if position in positions:
                raise ValidationError(
                    f"Cấp {position} được ghi hai lần: mỗi cấp chỉ có một vai trò.",
                    code="level_twice",
                )
            roles[role], positions[position] = position, role
        super().clean()

    def save(self, commit=True):
        # The levels are saved one by one and their positions are unique in the database:
        # the rows that move or go are parked first, so a swap (1 ↔ 2) never collides.
        if commit:
            moving = [
                form.instance.pk
                for form in self.initial_forms
                if form.instance.pk
                and (self._should_delete_form(form) or "position" in form.changed_data)
            ]
            if moving:
                ApprovalLevel.objects.filter(pk__in=moving).update(position=F("position") + PARKED)
        saved = super().save(commit)
        if commit:
            refit_waiting()  # stories waiting at a level the chain no longer has
        return saved


class ApprovalLevelInline(admin.TabularInline):
    model = ApprovalLevel
    form = ApprovalLevelForm
    formset = ApprovalLevelFormSet
    fields = ["position", "role"]
    ordering = ["position"]
    extra = 0
    verbose_name = _("cấp duyệt")
    verbose_name_plural = _("Chuỗi duyệt (cấp 1 duyệt trước; trống: theo chuyên mục cha)")

    # Seeing the chain takes its view permission (Django's own check); changing any part of
    # it takes the change permission, whatever add or delete rights a group was given.
    def has_add_permission(self, request, obj=None):
        return request.user.has_perm(CHAIN_PERMISSION) and super().has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm(CHAIN_PERMISSION) and super().has_delete_permission(
            request, obj
        )


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "slug", "position", "in_nav", "chain"]
    list_editable = ["position", "in_nav"]
    list_select_related = ["parent"]
    search_fields = ["name"]
    fieldsets = [
        (None, {"fields": ["name", "parent", "slug", "description", "position", "in_nav"]}),
        (_("Duyệt bài"), {"fields": CHAIN_FIELDS}),
    ]
    filter_horizontal = ["heads"]
    inlines = [ApprovalLevelInline]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.has_perm(CHAIN_PERMISSION):
            readonly += CHAIN_FIELDS
        return readonly

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "heads":
            kwargs["queryset"] = members(SECTION_HEAD)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        # The whole tree's chains in two queries, whatever the number of rows shown.
        chains = Chains.load()
        for section in changelist.result_list:
            section.chain_text = self.chain_text(chains, section)
        return changelist

    @staticmethod
    def chain_text(chains: Chains, section: Section) -> str:
        own = chains.own(section.pk)
        if own:
            return describe(own)
        source, followed = chains.followed(section.pk)
        if source is not None:
            return f"theo chuyên mục cha ({describe(followed)})"
        return "—"

    @admin.display(description=_("Chuỗi duyệt"))
    def chain(self, obj):
        return getattr(obj, "chain_text", "")

    def get_search_results(self, request, queryset, search_term):
        """Match without diacritics, as the public search does: "van hoa" finds "Văn hóa".

        A paper has tens of sections, so their names are folded here rather than stored.
        """
        wanted = " ".join(search_words(search_term))
        if not wanted:
            return queryset, False
        names = queryset.values_list("pk", "name")
        ids = [pk for pk, name in names if wanted in " ".join(search_words(name))]
        return queryset.filter(pk__in=ids), False


class DutyShiftForm(forms.ModelForm):
    class Meta:
        model = DutyShift
        fields = ["user", "starts_at", "ends_at", "note"]
        widgets = {"starts_at": VietnamSplitDateTime, "ends_at": VietnamSplitDateTime}

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts is None or ends is None:
            return cleaned
        if ends <= starts:
            self.add_error("ends_at", _("Giờ hết ca phải sau giờ vào ca."))
            return cleaned
        # One duty editor at a time: the last level of every chain goes to them.
        other = (
            DutyShift.objects.filter(starts_at__lt=ends, ends_at__gt=starts)
            .exclude(pk=self.instance.pk)
            .select_related("user")
            .order_by("starts_at")
            .first()
        )
        if other is not None:
            raise ValidationError(
                f"Ca này trùng với ca trực của {person(other.user)}:"
                f" {date_time(other.starts_at)} – {date_time(other.ends_at)}.",
                code="overlap",
            )
        return cleaned


@admin.register(DutyShift)
class DutyShiftAdmin(admin.ModelAdmin):
    form = DutyShiftForm
    list_display = ["person", "starts", "ends", "note", "on_duty"]
    list_filter = [("user", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["user"]
    date_hierarchy = "starts_at"
    fields = ["user", "starts_at", "ends_at", "note"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["queryset"] = members(EDITOR_IN_CHIEF, MANAGING_EDITOR)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("người trực"), ordering="user__username")
    def person(self, obj):
        return person(obj.user)

    @admin.display(description=_("từ"), ordering="starts_at")
    def starts(self, obj):
        return date_time(obj.starts_at)

    @admin.display(description=_("đến"), ordering="ends_at")
    def ends(self, obj):
        return date_time(obj.ends_at)

    @admin.display(description=_("bây giờ"))
    def on_duty(self, obj):
        return "đang trực" if obj.starts_at <= timezone.now() < obj.ends_at else ""
