"""A story published, corrected, unpublished or taken down through the desk's own steps reaches
each partner as a signed POST, sent by `manage.py send_webhooks` (no broker), never by the
request that made the change."""

import json
from datetime import datetime

import pytest

from articles import events, pages, workflow
from articles.corrections import steps as corrections
from articles.models import Article
from tests.factories import make_article
from tests.webhooks.conftest import SITE, send_webhooks
from webhooks.models import Delivery
from webhooks.signing import verify

pytestmark = pytest.mark.django_db

TITLE = "Lai Châu khánh thành cầu treo bản Hon"
REASON = "Công văn số 7/TA của Tòa án nhân dân tỉnh về vụ kiện đất rừng"


def draft(section):
    return make_article(TITLE, section=section, status=Article.Status.DRAFT)


def test_a_published_story_reaches_the_partner_signed_once_the_command_runs(
    receiver, make_partner, committed, desk, section
):
    partner = make_partner()
    story = draft(section)
    with committed():
        workflow.publish(story, by=desk)
    # The publish answered; nothing was POSTed from it.
    assert receiver.received == []
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.PENDING

    assert "1 đã gửi" in send_webhooks()

    [request] = receiver.received
    assert request.path == "/hooks/newsroom?source=test"
    assert request.signed_by(partner.secret)
    assert not request.signed_by("whsec_another-partners-secret")
    assert request.headers["x-newsroom-event"] == "story.published"
    assert request.headers["x-newsroom-delivery"] == str(delivery.delivery_id)
    assert request.headers["content-type"] == "application/json; charset=utf-8"
    body = request.json
    assert body["id"] == str(delivery.delivery_id)
    assert body["event"] == "story.published"
    assert body["occurred_at"].endswith("+07:00")
    datetime.fromisoformat(body["occurred_at"])
    assert body["story"] == {
        "id": story.pk,
        "title": TITLE,
        "url": SITE + story.get_absolute_url(),
        "api_url": f"{SITE}/api/v1/stories/{story.pk}",
    }
    assert TITLE.encode() in request.body  # UTF-8 as is, not \u-escaped
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.DELIVERED
    assert (delivery.attempts, delivery.last_status_code) == (1, 200)
    assert delivery.tries.get().status_code == 200
    # Sent once: the next run finds nothing due.
    send_webhooks()
    assert len(receiver.received) == 1


def test_a_correction_is_sent_with_its_text(receiver, make_partner, committed, desk, section):
    partner = make_partner()
    story = make_article(TITLE, section=section)
    with committed():
        corrections.add_note(story, by=desk, note="Cầu dài 120 m, không phải 210 m.")
    send_webhooks()
    [request] = receiver.received
    assert request.signed_by(partner.secret)
    assert request.headers["x-newsroom-event"] == "story.corrected"
    body = request.json
    assert body["story"]["id"] == story.pk
    assert body["correction"]["text"] == "Cầu dài 120 m, không phải 210 m."
    assert body["correction"]["kind_label"] == "Đính chính"
    assert body["correction"]["url"].startswith(SITE + "/")


def test_a_takedown_names_the_story_but_never_the_reason(
    receiver, make_partner, committed, chief, section
):
    partner = make_partner()
    story = make_article(TITLE, section=section)
    with committed():
        workflow.take_down(story, by=chief, reason=REASON)
    send_webhooks()
    [request] = receiver.received
    assert request.signed_by(partner.secret)
    assert request.headers["x-newsroom-event"] == "story.taken_down"
    body = request.json
    assert body["event"] == "story.taken_down"
    # As the 410 page says it: the story's title and address, not why it went.
    assert body["story"]["url"] == SITE + story.get_absolute_url()
    assert REASON not in request.body.decode() and "Tòa án" not in request.body.decode()
    assert set(body) == {"id", "event", "occurred_at", "story"}


def test_an_unpublished_story_is_sent_so_partners_take_it_down_too(
    receiver, make_partner, committed, desk, section
):
    make_partner()
    story = draft(section)
    with committed():
        workflow.publish(story, by=desk)
    with committed():
        workflow.unpublish(story, by=desk)
    send_webhooks()
    assert [r.headers["x-newsroom-event"] for r in receiver.received] == [
        "story.published",
        "story.unpublished",
    ]


def test_an_edit_is_not_sent(receiver, make_partner, committed, desk, section):
    make_partner()
    story = make_article(TITLE, section=section)
    heard = []

    def listener(sender, event, **kwargs):
        heard.append(event)

    events.public_version.connect(listener)
    try:
        with committed():
            story.lead = "Sapo mới của bài."
            workflow.save_step(story, by=desk, comment="Sửa sapo", fields=["lead"])
    finally:
        events.public_version.disconnect(listener)
    assert events.EDITED in heard  # the archive hears of it; partners are not told
    send_webhooks()
    assert receiver.received == []


def test_a_publish_told_twice_is_one_delivery_but_a_republish_another(
    receiver, make_partner, committed, desk, section
):
    make_partner()
    story = draft(section)
    with committed():
        workflow.publish(story, by=desk)
    # A scheduled story's go-live task run late, after the publish: told again.
    with committed():
        pages.announce(story.pk, events.WENT_LIVE, by=None)
    assert Delivery.objects.count() == 1
    with committed():
        workflow.unpublish(story, by=desk)
    with committed():
        workflow.publish(Article.objects.get(pk=story.pk), by=desk)
    send_webhooks()
    assert [r.json["event"] for r in receiver.received] == [
        "story.published",
        "story.unpublished",
        "story.published",
    ]
    assert len({r.json["id"] for r in receiver.received}) == 3


def test_the_readme_check_accepts_a_genuine_fresh_request_only(
    receiver, make_partner, committed, desk, section
):
    import time_machine
    from django.utils import timezone

    partner = make_partner()
    with committed():
        workflow.publish(draft(section), by=desk)
    send_webhooks()
    [request] = receiver.received
    stamp, signed = request.headers["x-newsroom-timestamp"], request.headers["x-newsroom-signature"]
    assert verify(partner.secret, request.body, stamp, signed)
    assert not verify("whsec_wrong", request.body, stamp, signed)
    assert not verify(partner.secret, request.body.replace(b"Lai", b"Lao"), stamp, signed)
    assert not verify(partner.secret, request.body, str(int(stamp) + 1), signed)
    # The same request replayed ten minutes later is refused.
    with time_machine.travel(timezone.now() + timezone.timedelta(minutes=10)):
        assert not verify(partner.secret, request.body, stamp, signed)


def test_an_inactive_partner_and_one_not_wanting_the_event_get_nothing(
    receiver, make_partner, committed, desk, section
):
    from tests.webhooks.receiver import Receiver

    other = Receiver().start()
    try:
        make_partner("Đối tác tạm ngừng", active=False)
        make_partner("Đối tác chỉ nhận tin gỡ", url=other.url, events=["story.taken_down"])
        story = draft(section)
        with committed():
            workflow.publish(story, by=desk)
        send_webhooks()
        assert receiver.received == [] and other.received == []
        assert not Delivery.objects.exists()
    finally:
        other.stop()


def test_a_scheduled_story_going_live_with_no_broker_is_caught_up_by_the_command(
    receiver, make_partner, committed, desk, section
):
    import time_machine
    from django.utils import timezone

    make_partner()
    story = draft(section)
    at = timezone.now() + timezone.timedelta(hours=1)
    with committed():
        workflow.publish(story, by=desk, at=at)
    send_webhooks()
    assert receiver.received == []  # not public yet
    with time_machine.travel(at + timezone.timedelta(minutes=1)):
        assert "1 bài lên trang theo giờ hẹn" in send_webhooks()
        send_webhooks()  # once
    [request] = receiver.received
    assert request.json["event"] == "story.published"
    assert json.loads(request.body)["story"]["id"] == story.pk


def test_an_approved_apology_is_sent_with_what_was_wrong_and_right(
    receiver, make_partner, committed, desk, chief, section
):
    make_partner()
    story = make_article(TITLE, section=section)
    correction = corrections.file_apology(
        story,
        by=desk,
        wrong="Cầu dài 210 m.",
        corrected="Cầu dài 120 m.",
        apology="Tòa soạn xin lỗi bạn đọc.",
    )
    send_webhooks()
    assert receiver.received == []  # waiting for the editor-in-chief: not shown, not sent
    with committed():
        corrections.approve(correction, by=chief)
    send_webhooks()
    [request] = receiver.received
    sent = request.json["correction"]
    assert (sent["wrong"], sent["corrected"]) == ("Cầu dài 210 m.", "Cầu dài 120 m.")
    assert sent["apology"] == "Tòa soạn xin lỗi bạn đọc."
    assert sent["kind_label"] == "Thông tin cải chính, xin lỗi"
    assert "Cầu dài 120 m." in sent["text"]


def test_the_tasks_in_process_send_once(receiver, make_partner, committed, desk, section):
    from webhooks import tasks

    make_partner()
    with committed():
        workflow.publish(draft(section), by=desk)
    delivery = Delivery.objects.get()
    assert tasks.deliver(delivery.pk) == "delivered"
    assert tasks.deliver(delivery.pk) == "not-due"
    assert tasks.send_due_webhooks() == 0
    assert len(receiver.received) == 1
