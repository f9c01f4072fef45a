"""Template context every page needs: the paper's identity (the menu: articles)."""

from django.conf import settings


def site(request):
    return {
        "site": {
            "name": settings.SITE_NAME,
            "code": settings.SITE_CODE,
            "tagline": settings.SITE_TAGLINE,
            "hotline": settings.SITE_HOTLINE,
            "email": settings.SITE_EMAIL,
            # The masthead (Luật Báo chí, Điều 46): templates/base.html's footer.
            "licence": settings.SITE_LICENCE,
            "governing_body": settings.SITE_GOVERNING_BODY,
            "address": settings.SITE_ADDRESS,
            "editor_in_chief": settings.SITE_EDITOR_IN_CHIEF,
        }
    }
