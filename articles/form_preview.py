"""A story as it stands in the desk's form, not saved: what the "Xem trước" button shows.

The form's contents go through the form and the text rules a save uses (`Article.normalise`:
the body cleaned by newsroom.sanitize), then onto the article page from a story kept in memory:
nothing is written, no revision is made and no page is purged. A field the form refuses keeps
its saved value (or none, for a new story) and the banner says which and why.
"""

from django.forms import ModelForm
from django.template.response import TemplateResponse

from newsroom.vietnamese import slugify

from .models import Article, Tag
from .preview import PREVIEW_TEMPLATE, private
from .story_page import story_context


def _tags(names: list[str] | None, article: Article) -> list[Tag]:
    """The form's tags in its order; a tag not made yet is shown by name until the save."""
    if names is None:
        return list(article.tags.all()) if article.pk else []
    known = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    return [known.get(name) or Tag(name=name, slug=slugify(name)) for name in names]


def _problems(form: ModelForm) -> list[str]:
    """What the form refused, one line a field, in Vietnamese."""
    lines = []
    for name, errors in form.errors.items():
        label = form[name].label if name in form.fields else ""
        text = " ".join(errors)
        lines.append(f"{label}: {text}" if label else text)
    return lines


def _related_ids(data) -> list[int] | None:
    """The related stories chosen in the form's rows, by position; None without the rows."""
    prefix = "related_links"
    try:
        total = min(int(data.get(f"{prefix}-TOTAL_FORMS", "")), 1000)
    except ValueError:
        return None
    rows = []
    for n in range(total):
        story, position = data.get(f"{prefix}-{n}-to_article"), data.get(f"{prefix}-{n}-position")
        if data.get(f"{prefix}-{n}-DELETE") or not (story or "").isdigit():
            continue
        order = int(position) if (position or "").isdigit() else 10**6
        rows.append((order, n, int(story)))
    return [story for _, _, story in sorted(rows)]


def story_from_form(model_admin, request, article: Article | None):
    """The story `article` (None: a new one) with the posted form's values, not saved.

    Returns the story, its tags, the chosen related stories' ids and the form's refusals.
    """
    saved = article
    if article is None:
        article = Article(author=request.user)
    form_class = model_admin.get_form(request, saved, change=saved is not None)
    data = request.POST.copy()
    # The lock version guards a save; a preview takes no lock and refuses nothing for it.
    data.pop("edit_version", None)
    form = form_class(data, request.FILES or None, instance=article)
    if "edit_version" in form.fields:
        form.fields["edit_version"].required = False
    form.is_valid()  # fills `form.instance` with every field that passed, even when some did not
    story = form.instance
    # What a save does to the text before it is stored: the body through newsroom.sanitize.
    story.normalise()
    tags = _tags(form.cleaned_data.get("tags") if "tags" in form.fields else None, article)
    return story, tags, _related_ids(request.POST), _problems(form)


def render_form_preview(
    request, article: Article, tags: list[Tag], related: list[int] | None, problems: list[str]
):
    """The article page for the unsaved `article`, with the form preview's banner."""
    context = story_context(
        article, preview="form", tags=tags, related_ids=related, preview_problems=problems
    )
    response = TemplateResponse(request, PREVIEW_TEMPLATE, context)
    response.render()
    return private(response)
