"""The reader's side: subscribe at /ban-tin/, confirm by the signed link, leave in one click.

Acting views are functions with `require_POST` where they change anything; every page here is
the visitor's own (never in the page cache: no URL here is registered with it).
"""

from django.core.cache import cache
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from newsroom.tasks import enqueue

from .forms import SubscribeForm
from .models import Subscriber
from .sending import send_confirmation
from .tokens import matches, read_confirm, read_leave, subscriber_pk

CONFIRM_WINDOW_SECONDS = 600


def _first_in_window(pk: int) -> bool:
    try:
        return cache.add(f"newsletter:confirm-sent:{pk}", True, CONFIRM_WINDOW_SECONDS)
    except Exception:  # the cache is down: the mail is worth more than the throttle
        return True


@require_http_methods(["GET", "POST"])
def subscribe(request):
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].strip().lower()
        with transaction.atomic():
            subscriber, _ = Subscriber.objects.select_for_update().get_or_create(email=email)
            subscriber.daily = form.cleaned_data["daily"]
            subscriber.breaking = form.cleaned_data["breaking"]
            subscriber.save()
            # One confirmation mail per address per window: the form cannot be made to flood
            # somebody's mailbox.
            if subscriber.confirmed_at is None and _first_in_window(subscriber.pk):
                enqueue(send_confirmation, subscriber.pk)
        # The same answer whether or not the address was known: nobody learns who subscribes.
        return redirect("newsletter:sent")
    status = 400 if form.errors else 200
    return render(request, "newsletter/subscribe.html", {"form": form}, status=status)


def sent(request):
    return render(request, "newsletter/sent.html")


def _named(value: str | None) -> Subscriber | None:
    """The subscriber a signed link names, if it still exists with that same address."""
    pk = subscriber_pk(value) if value else None
    subscriber = Subscriber.objects.filter(pk=pk).first() if pk else None
    return subscriber if matches(subscriber, value) else None


def confirm(request, token: str):
    subscriber = _named(read_confirm(token))
    if subscriber is None:
        return render(request, "newsletter/bad_link.html", status=404)
    if subscriber.confirmed_at is None:
        Subscriber.objects.filter(pk=subscriber.pk).update(confirmed_at=timezone.now())
    return render(request, "newsletter/confirmed.html", {"subscriber": subscriber})


# Mail providers post the one-click unsubscribe (RFC 8058) with no cookie and no CSRF token;
# the signed link is what proves the address.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def leave(request, token: str):
    subscriber = _named(read_leave(token))
    if subscriber is None:
        return render(request, "newsletter/bad_link.html", status=404)
    if request.method == "GET":
        return render(request, "newsletter/leave.html", {"email": subscriber.email})
    # Leaving erases the address: nothing of the subscriber is kept.
    subscriber.delete()
    return render(request, "newsletter/left.html", {"email": subscriber.email})
