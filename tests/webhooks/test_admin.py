"""Partners and the delivery log in the admin: the editor-in-chief's only; a new secret shown
once; the log read-only, filtered, and its "Gửi lại" sending a delivery again."""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.desk_users import journalist
from tests.webhooks.conftest import send_webhooks
from webhooks.models import Delivery, Partner

pytestmark = pytest.mark.django_db

PARTNERS = reverse("admin:webhooks_partner_changelist")
ADD = reverse("admin:webhooks_partner_add")
LOG = reverse("admin:webhooks_delivery_changelist")


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def delivery(partner, story_id=7, **fields) -> Delivery:
    fields.setdefault("payload", {"event": "story.published", "story": {"id": story_id}})
    return Delivery.objects.create(
        partner=partner,
        event=fields.pop("event", "story.published"),
        story_id=story_id,
        story_title=f"Bài số {story_id}",
        **fields,
    )


def test_adding_a_partner_shows_its_secret_once(chief, receiver):
    client = logged_in(chief)
    answer = client.post(
        ADD,
        {
            "name": "Cổng thông tin tỉnh",
            "url": receiver.url,
            "active": "on",
            "events": ["story.published", "story.taken_down"],
        },
    )
    partner = Partner.objects.get()
    assert answer.status_code == 302
    secret_page = reverse("admin:webhooks_partner_secret", args=[partner.pk])
    assert answer["Location"] == secret_page
    assert partner.events == ["story.published", "story.taken_down"]
    assert partner.secret.startswith("whsec_") and len(partner.secret) > 40

    shown = client.get(secret_page)
    assert shown.status_code == 200 and partner.secret in shown.text
    assert "chỉ hiện một lần" in shown.text
    assert "no-store" in shown["Cache-Control"]
    # Never again: not on a second visit, not on the partner's page, not in the list.
    assert partner.secret not in client.get(secret_page).text
    change = client.get(reverse("admin:webhooks_partner_change", args=[partner.pk])).text
    assert partner.secret not in change and partner.secret[-4:] in change
    assert partner.secret not in client.get(PARTNERS).text


def test_a_new_secret_replaces_the_old_and_is_shown_once(chief, make_partner):
    partner = make_partner()
    old = partner.secret
    client = logged_in(chief)
    answer = client.post(
        PARTNERS, {"action": "regenerate_secret", "_selected_action": [partner.pk]}
    )
    partner.refresh_from_db()
    assert partner.secret != old and partner.secret_changed_at is not None
    assert partner.secret in client.get(answer["Location"]).text
    # One partner at a time: two chosen change nothing.
    other = make_partner("Đối tác khác")
    answer = client.post(
        PARTNERS,
        {"action": "regenerate_secret", "_selected_action": [partner.pk, other.pk]},
        follow=True,
    )
    assert "Hãy chọn đúng một đối tác" in answer.text
    assert Partner.objects.get(pk=partner.pk).secret == partner.secret


def test_a_private_address_is_refused_in_vietnamese(chief, settings):
    answer = logged_in(chief).post(
        ADD, {"name": "Nội bộ", "url": "https://10.1.2.3/hook", "events": ["story.published"]}
    )
    assert answer.status_code == 200
    assert "Không gửi webhook tới mạng nội bộ (địa chỉ 10.1.2.3)" in answer.text
    assert not Partner.objects.exists()


@pytest.mark.parametrize("role", ["journalist", "editor"])
def test_journalists_and_editors_see_no_partner_and_no_log(role, make_partner, desk):
    partner = make_partner()
    delivery(partner)
    user = journalist() if role == "journalist" else desk
    client = logged_in(user)
    for url in (
        PARTNERS,
        ADD,
        LOG,
        reverse("admin:webhooks_partner_change", args=[partner.pk]),
        reverse("admin:webhooks_partner_secret", args=[partner.pk]),
    ):
        assert client.get(url).status_code == 403, url
    assert "Webhook cho đối tác" not in client.get(reverse("admin:index")).text


def test_the_log_is_filtered_read_only_and_its_query_budget_fixed(
    chief, make_partner, django_assert_max_num_queries
):
    one, two = make_partner("Đối tác Một"), make_partner("Đối tác Hai")
    for n in range(15):
        delivery(one, story_id=n, status="delivered", attempts=1, last_status_code=200)
        delivery(two, story_id=n, status="failed", attempts=6, last_error="HTTP 500: lỗi")
    client = logged_in(chief)
    client.get(LOG)  # warm the session and the permission caches
    # Session, user, notices, permissions (2), group, partners' filter, count, rows; on
    # PostgreSQL the unfiltered list also asks for the table's estimated size.
    budget = 9 + (connection.vendor == "postgresql")
    with django_assert_max_num_queries(budget):
        page = client.get(LOG)
    assert page.status_code == 200 and page.text.count("Bài số 3") == 2
    with django_assert_max_num_queries(9):
        failed = client.get(f"{LOG}?status__exact=failed&partner__id__exact={two.pk}")
    assert failed.text.count("HTTP 500: lỗi") == 15
    assert "Đã gửi" not in failed.context["cl"].result_list[0].get_status_display()
    assert client.get(f"{LOG}?event__exact=story.taken_down").context["cl"].result_count == 0
    change = client.get(reverse("admin:webhooks_delivery_change", args=[one.deliveries.first().pk]))
    assert change.status_code == 200 and 'name="_save"' not in change.text
    assert reverse("admin:webhooks_delivery_add") not in page.text


def test_resend_sends_a_delivery_again_with_its_id(chief, make_partner, receiver):
    partner = make_partner()
    failed = delivery(partner, status="failed", attempts=6, last_error="HTTP 500: lỗi")
    answer = logged_in(chief).post(LOG, {"action": "resend", "_selected_action": [failed.pk]})
    assert answer.status_code == 302
    failed.refresh_from_db()
    assert failed.status == "pending" and failed.attempts == 0
    assert receiver.received == []  # not from the admin's request
    send_webhooks()
    [request] = receiver.received
    assert request.headers["x-newsroom-delivery"] == str(failed.delivery_id)
    assert request.signed_by(partner.secret)
    failed.refresh_from_db()
    assert failed.status == "delivered"
