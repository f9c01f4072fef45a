"""Our own body-editor extensions (static/articles/prose/), as prose-editor's settings want them.

Each one changes how the editor behaves, not what HTML it makes, so each one's allowlist
processor adds nothing to what newsroom.sanitize keeps.
"""


def no_markup(extension_config, shared_config):
    """Allowlist processor of an extension that makes no HTML of its own."""


def prose_editor_extensions(static_url):
    return [
        {
            "js": [f"{static_url}articles/prose/figure_exit.js"],
            "extensions": {"FigureExit": no_markup},
        },
        {
            # The embed button: its URL goes in a plain paragraph (newsroom.embeds).
            "js": [f"{static_url}articles/prose/embed.js"],
            "extensions": {"Embed": no_markup},
        },
    ]
