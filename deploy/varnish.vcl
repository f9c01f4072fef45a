# Newsroom behind Varnish (Debian: apt-get install varnish varnish-modules), as
# /etc/varnish/default.vcl, between nginx and gunicorn. The app names the areas of each shared
# page in its `xkey` header and, once a change is committed, purges them here by key
# (FRONT_CACHE_PURGE_URLS=http://127.0.0.1:6081/, pagecache/frontcache.py), so a page is
# kept as long as its `s-maxage` says (FRONT_CACHE_SECONDS, a day) and a change shows on the
# next load. Browsers are told `no-cache`: they revalidate, answered 304 from here.
#
# Kept: anonymous GET and HEAD of pages the app marks public with an s-maxage or max-age.
# Never kept, passed straight to the app: the desk (/admin/), story previews (/xem-truoc/),
# the comment endpoints (/binh-luan/), /healthz, anything but GET and HEAD, and every request
# with a personal cookie. Never stored: a response that sets a cookie or says private or
# no-store. Varnish's own `X-Varnish` (two ids on a hit) and `Age` headers stay.
# Behind nginx, the app sees two proxies: TRUSTED_PROXY_COUNT=2.

vcl 4.1;

import std;
import xkey;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 3s;
    # Longer than the app waits for a hung database (DATABASE_* settings) before its 503.
    .first_byte_timeout = 35s;
    .between_bytes_timeout = 10s;
}

# The app servers that may purge: list each one's address.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    # Set below only; a client's own copy would reach the app as a cookie.
    unset req.http.X-Newsroom-Cookie;

    if (req.method == "PURGE") {
        # From an app server only, and never relayed by a proxy in front (nginx on this
        # machine connects from 127.0.0.1 too, but adds its client to X-Forwarded-For).
        if (client.ip !~ purgers || req.http.X-Forwarded-For ~ ",") {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "xkey-purge header missing"));
        }
        set req.http.n-gone = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Invalidated " + req.http.n-gone + " objects"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|xem-truoc|binh-luan)/" || req.url ~ "^/healthz") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    # A staff session, the admin's messages, a commenter's name and pending comments, a comment
    # sent too fast coming back filled in (pagecache/shared.py), reads kept on the primary after a post (newsroom/routers.py).
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages|binh_luan|binh_luan_nhap|primary)=") {
        return (pass);
    }
    # Any other cookie (csrftoken) does not change a shared page: it is looked up without
    # one, so every reader shares one copy, and the app still gets it (vcl_backend_fetch).
    if (req.http.Cookie) {
        set req.http.X-Newsroom-Cookie = req.http.Cookie;
        unset req.http.Cookie;
    }
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    if (req.http.host) {
        hash_data(req.http.host.lower());
    } else {
        hash_data(server.ip);
    }
    # The app answers http and https apart (its redirect to https): one copy of each.
    hash_data(req.http.X-Forwarded-Proto);
    return (lookup);
}

sub vcl_backend_fetch {
    if (bereq.http.X-Newsroom-Cookie) {
        set bereq.http.Cookie = bereq.http.X-Newsroom-Cookie;
        unset bereq.http.X-Newsroom-Cookie;
    }
}

sub vcl_backend_response {
    if (bereq.uncacheable) {
        return (deliver);
    }
    # Only what the app shares, for as long as it says (Varnish reads s-maxage before
    # max-age). A shared page's `no-cache` is for browsers: it is kept here all the same.
    if (beresp.http.Set-Cookie ||
        beresp.http.Cache-Control ~ "(?i)(private|no-store)" ||
        beresp.http.Cache-Control !~ "(?i)(s-maxage|max-age)=[1-9]" ||
        beresp.http.Vary == "*") {
        # Hit-for-miss: the next request goes to the app too, and may be kept.
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # Never older than the app allows: an expired page (a scheduled story has gone live)
    # is fetched afresh, never served stale meanwhile.
    set beresp.grace = 0s;
    return (deliver);
}

sub vcl_deliver {
    # Nothing in front of us is purged: it follows Cache-Control alone.
    unset resp.http.Surrogate-Control;
    unset resp.http.Cloudflare-CDN-Cache-Control;
    return (deliver);
}
