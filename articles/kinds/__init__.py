"""Kinds of story (articles.models.kinds.Kind): what each needs, how its page, cards, lists and
metadata look. The kind itself is a field of the story; everything that varies with it is here.

- `requirements`: what a kind needs before it goes to review or to readers (desk and workflow);
- `admin`: the photo story's pictures on the desk, checked with the same rules;
- `page`: the story page's template and extra parts for a kind;
- `lists`: `/video/`, `/anh/`, `/podcast/`, `/emagazine/`, `/infographic/`;
- `seo`: the kind's JSON-LD and Open Graph type.
"""
