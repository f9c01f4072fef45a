"""The desk's people: person records, a story's contributors, the nhuận bút rate table.

The story form lists its contributors in an inline whose person box searches the people with
case and diacritics folded (newsroom/desk_search.py); the admin's "+" beside it adds a
collaborator on the spot. Contact and bank details are only in the person form of those who
pay (articles/people/payment.py).
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.admin_widgets import CheckedAutocompleteMixin
from newsroom.desk_search import FoldedSearchMixin

from .models import Contributor, Grading, Person, RoyaltyRate
from .people import royalties
from .people.payment import PAYMENT_FIELDS, can_see_payment, royalties_on

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

PUBLIC_FIELDS = ["name", "pen_name", "other_pen_names", "kind", "user", "bio", "photo", "listed"]


class ContributorFormSet(BaseInlineFormSet):
    """A form sent without the contributor rows (an older page, a script) leaves them be."""

    def __init__(self, data=None, *args, prefix=None, **kwargs):
        prefix = prefix or self.get_default_prefix()
        if data is not None and f"{prefix}-TOTAL_FORMS" not in data:
            data = data.copy()
            data[f"{prefix}-TOTAL_FORMS"] = data[f"{prefix}-INITIAL_FORMS"] = "0"
        super().__init__(data, *args, prefix=prefix, **kwargs)


class ContributorInline(CheckedAutocompleteMixin, admin.TabularInline):
    model = Contributor
    formset = ContributorFormSet
    autocomplete_fields = ["person"]
    extra = 0
    verbose_name = _("người làm bài")
    verbose_name_plural = _("Người làm bài (bút danh in cuối bài: những người “Viết”, theo thứ tự)")

    def get_fields(self, request, obj=None):
        fields = ["person", "role", "pen_name", "position"]
        if request.user.has_perm("articles.change_grading") and royalties_on():
            fields.append("share")
        return fields


@admin.register(Person)
class PersonAdmin(FoldedSearchMixin, CheckedAutocompleteMixin, admin.ModelAdmin):
    list_display = ["pen_name", "name", "kind", "listed", "active"]
    list_filter = ["kind", "listed", "active"]
    search_fields = ["pen_name", "name", "other_pen_names"]
    autocomplete_fields = ["photo"]
    raw_id_fields = ["user"]

    def get_fields(self, request, obj=None):
        fields = [*PUBLIC_FIELDS, "active", "slug"]
        if can_see_payment(request.user):
            fields += PAYMENT_FIELDS
        return fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = [(None, {"fields": [*PUBLIC_FIELDS, "active", "slug"]})]
        if can_see_payment(request.user):
            fieldsets.append((_("Liên hệ, thanh toán"), {"fields": list(PAYMENT_FIELDS)}))
        return fieldsets

    def get_search_fields(self, request):
        return self.search_fields  # never the payment fields, even for those who see them

    def get_search_results(self, request, queryset, search_term):
        queryset, duplicates = super().get_search_results(request, queryset, search_term)
        if request.path.endswith("/autocomplete/"):
            queryset = queryset.filter(active=True)  # the story form offers who works with us
        return queryset, duplicates


@admin.register(RoyaltyRate)
class RoyaltyRateAdmin(admin.ModelAdmin):
    """The rate table, and the month's sheet (the button on its list): for those who pay."""

    change_list_template = "admin/articles/royaltyrate/change_list.html"
    list_display = ["kind", "role", "grade", "amount"]
    list_filter = ["kind", "role", "grade"]

    def has_module_permission(self, request):
        # Kế toán has nothing to see before the editor-in-chief sets the first rate.
        keeps = request.user.has_perm("articles.add_royaltyrate")
        return can_see_payment(request.user) and (keeps or royalties_on())

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request) and super().has_view_permission(request, obj)

    def get_urls(self):
        sheet = self.admin_site.admin_view(self.sheet_view)
        return [path("bang-thang/", sheet, name="articles_royalty_sheet"), *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        extra_context = {"month": timezone.localdate().strftime("%Y-%m"), **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def sheet_view(self, request):
        if not can_see_payment(request.user) or not royalties_on():
            raise PermissionDenied
        try:
            year, month = royalties.parse_month(request.GET.get("month", ""))
        except royalties.SheetError as error:
            self.message_user(request, str(error), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:articles_royaltyrate_changelist"))
        made = royalties.sheet(year, month)
        name = f"nhuan-but-{year}-{month:02d}"
        if request.GET.get("format") == "csv":
            response = HttpResponse(
                "\ufeff" + royalties.csv_text(made), content_type="text/csv; charset=utf-8"
            )
            name += ".csv"
        else:
            response = HttpResponse(royalties.xlsx_bytes(made), content_type=XLSX)
            name += ".xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "private, no-store"
        return response


class GradeForm(forms.ModelForm):
    grade = forms.ChoiceField(label=_("hạng"))

    class Meta:
        model = Grading
        fields = ["article", "grade"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        grades = RoyaltyRate.objects.values_list("grade", flat=True).distinct().order_by("grade")
        self.fields["grade"].choices = [(grade, grade) for grade in grades]


@admin.register(Grading)
class GradingAdmin(CheckedAutocompleteMixin, admin.ModelAdmin):
    """The grade a story is given at approval: a desk page of its own, once rates are set."""

    form = GradeForm
    list_display = ["article", "grade", "graded_by", "graded_at"]
    list_filter = ["grade"]
    autocomplete_fields = ["article"]
    list_select_related = ["article", "graded_by"]

    def has_module_permission(self, request):
        # Django asks for any right in the app: the grades' own, then whether rates are set.
        return self.has_view_or_change_permission(request)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and royalties_on()

    def has_add_permission(self, request):
        return super().has_add_permission(request) and royalties_on()

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and royalties_on()

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and royalties_on()

    def save_model(self, request, obj, form, change):
        obj.graded_by = request.user
        super().save_model(request, obj, form, change)
