"""The desk's people: person records, a story's contributors, the nhuận bút rate table.

The story form lists its contributors in an inline whose person box searches the people with
case and diacritics folded (newsroom/desk_search.py); the admin's "+" beside it adds a
collaborator on the spot. Contact and bank details are only in the person form of those who
pay (articles/people/payment.py).
"""

from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from newsroom.admin_widgets import CheckedAutocompleteMixin
from newsroom.desk_search import FoldedSearchMixin

from .models import Contributor, Person, RoyaltyRate
from .people.payment import PAYMENT_FIELDS, can_see_payment, royalties_on

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
        if royalties_on() and request.user.has_perm("articles.change_grading"):
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


@admin.register(RoyaltyRate)
class RoyaltyRateAdmin(admin.ModelAdmin):
    list_display = ["kind", "role", "grade", "amount"]
    list_filter = ["kind", "role", "grade"]
    list_editable = ["amount"]

    def has_module_permission(self, request):
        return can_see_payment(request.user)

    def has_view_permission(self, request, obj=None):
        return can_see_payment(request.user) and super().has_view_permission(request, obj)
