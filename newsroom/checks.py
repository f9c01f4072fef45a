"""Checks: the masthead the law asks for (Luật Báo chí 2016, Điều 46), the embed providers.

An online paper must show its licence (number, date, issuer), its governing body, its address
and its editor-in-chief's name. The four settings are empty by default, so a new paper's
operator is told by `manage.py check --deploy`, naming each empty one, before going live
rather than by an inspector afterwards. This module imports no app (newsroom is the lowest layer).
"""

from django.conf import settings
from django.core.checks import Warning, register

MASTHEAD = {
    "SITE_LICENCE": "số giấy phép, ngày cấp và cơ quan cấp",
    "SITE_GOVERNING_BODY": "cơ quan chủ quản",
    "SITE_ADDRESS": "địa chỉ tòa soạn",
    "SITE_EDITOR_IN_CHIEF": "họ tên tổng biên tập",
}


@register(deploy=True)
def check_masthead(app_configs, **kwargs):
    return [
        Warning(
            f"{name} is empty: the masthead in every reader page's footer lacks {what}"
            " (Luật Báo chí 2016, Điều 46).",
            hint=f"Set the environment variable {name}.",
            id="newsroom.W001",
        )
        for name, what in MASTHEAD.items()
        if not getattr(settings, name, "").strip()
    ]


@register()
def check_embed_providers(app_configs, **kwargs):
    """An EMBED_PROVIDERS key we do not know would silently leave that provider's URLs links."""
    from newsroom.embeds import PROVIDERS

    unknown = [key for key in getattr(settings, "EMBED_PROVIDERS", []) if key not in PROVIDERS]
    if not unknown:
        return []
    return [
        Warning(
            f"EMBED_PROVIDERS names unknown providers: {', '.join(unknown)}.",
            hint=f"Choose among: {', '.join(PROVIDERS)}.",
            id="newsroom.W002",
        )
    ]
