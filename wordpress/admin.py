from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from newsroom.desk_search import FoldedSearchMixin

from .models import ImportedItem, OldLink


@admin.register(OldLink)
class OldLinkAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["path", "target", "created_at"]
    search_fields = ["path", "article__title", "section__name", "tag__name", "url"]
    list_select_related = ["article", "section", "tag"]
    autocomplete_fields = ["article", "section", "tag"]

    @admin.display(description=_("dẫn tới"))
    def target(self, link):
        return link.article or link.section or link.tag or link.url


@admin.register(ImportedItem)
class ImportedItemAdmin(admin.ModelAdmin):
    list_display = ["wp_id", "kind", "object_id", "site", "imported_at"]
    list_filter = ["kind", "site"]
    search_fields = ["wp_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
