"""Template context of every page: the reader menu, the sections in their order.

Lazy: a page that shows no menu (the admin's) never queries it, and the reader pages kept
in the page cache bring their own, cached with them (articles/views.py, `nav`).
"""

from .models import Section


def menu(request):
    return {"nav_sections": Section.objects.for_nav}
