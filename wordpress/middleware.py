"""Answer old WordPress addresses with a 301 to where their content lives now."""

from django.http import HttpResponsePermanentRedirect

from .links import QUERY_FORMS, link_key
from .models import OldLink, on_this_site


class OldLinkMiddleware:
    """Look an address up in the old-link table when nothing else answers it.

    The home page answers every query string, so `/?p=123` is looked up before the view;
    any other address only once it has become a 404, so a page of ours always wins.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        at_home = request.method in ("GET", "HEAD") and request.path == "/"
        if at_home and any(request.GET.get(name) for name in QUERY_FORMS):
            redirect = self.redirect(request)
            if redirect is not None:
                return redirect
        response = self.get_response(request)
        if response.status_code == 404 and request.method in ("GET", "HEAD"):
            return self.redirect(request) or response
        return response

    def redirect(self, request) -> HttpResponsePermanentRedirect | None:
        key = link_key(request.path, request.GET)
        if key is None:
            return None
        link = OldLink.objects.select_related("article", "section", "tag").filter(path=key).first()
        target = link.target_url() if link else None
        return HttpResponsePermanentRedirect(target) if target and on_this_site(target) else None
