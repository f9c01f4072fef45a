"""Reading the admin index's figures (newsroom/desk_front.py) as a person sees them."""

import html
import re
from dataclasses import dataclass

from django.urls import reverse

_ROW = re.compile(
    r'<tr id="so-lieu-(?P<key>[\w-]+)">\s*<th scope="row"><a href="(?P<url>[^"]+)">'
    r"(?P<label>[^<]+)</a></th>\s*<td><a href=\"(?P=url)\" class=\"desk-figure\">"
    r'<span class="badge badge-[a-z]+">(?P<count>\d+)</span></a>'
    r'(?: <span class="desk-figure-note">(?P<note>[^<]*)</span>)?'
)


@dataclass
class Figure:
    label: str
    count: int
    url: str
    note: str


def figures(client) -> dict[str, Figure]:
    """The index's figures by key: what is counted, the number, the list it links to."""
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    page = response.content.decode()
    return {
        match["key"]: Figure(
            match["label"],
            int(match["count"]),
            html.unescape(match["url"]),
            html.unescape(match["note"] or ""),
        )
        for match in _ROW.finditer(page)
    }
