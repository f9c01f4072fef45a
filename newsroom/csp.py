"""Content Security Policy: the admin's form media rendered under the request's nonce.

The policy is `CONTENT_SECURITY_POLICY` in the settings. A nonce goes into the header only
when a page reads `request.csp_nonce`: reader pages never do (they carry no inline script or
style at all), so their header is the same for every request and a page can sit in a shared
cache. The admin is never cached; the body editor's inline import map gets the nonce here.

A page rendered before the middleware sees it (django-reversion's revision and recover pages
render their form inside the view) takes the nonce from `media_under_nonce` in the view.

A page showing embeds (newsroom.embeds) names the origins of their frames in its context under
`FRAME_SRC`; `frame-src` then allows those and only on that page. Other pages have none.
"""

from csp.middleware import CSPMiddleware
from django import forms
from django.urls import reverse
from js_asset import Media

# The context key of a page's frame origins (newsroom.embeds.frame_origins).
FRAME_SRC = "csp_frame_src"


def is_admin(request) -> bool:
    return request.path_info.startswith(reverse("admin:index"))


def media_under_nonce(request, media):
    """`media` rendered with the request's nonce on its inline import map (admin pages)."""
    if isinstance(media, forms.Media) and is_admin(request):
        # The nonce is read only here, so pages without media keep a nonce-free header.
        return Media.from_media(media, nonce=request.csp_nonce)
    return media


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's form media rendered under a nonce."""

    def process_template_response(self, request, response):
        if "media" in (response.context_data or {}):
            media = response.context_data["media"]
            response.context_data["media"] = media_under_nonce(request, media)
        origins = (response.context_data or {}).get(FRAME_SRC)
        if origins:
            # Exactly these origins: replaced, not added to, whatever the settings say.
            replace = dict(getattr(response, "_csp_replace", None) or {})
            replace["frame-src"] = list(origins)
            response._csp_replace = replace
        return response
