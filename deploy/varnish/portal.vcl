# Varnish in front of the portal's app servers (optional; README "Caching front").
#
#   varnishd -a :80 -f /path/to/deploy/varnish/portal.vcl -s malloc,256m
#   VARNISH_URL=http://127.0.0.1:80 on every app server
#
# Visitors without a session get pages from Varnish. Members (a sessionid cookie), the
# admin, sign-in pages and every POST go straight to Django, as does anything Django marks
# private or answers with a cookie. Publishing a page makes Wagtail send PURGE for its URLs;
# any other change pages show (a discussion, a snippet, the settings) makes the app send a
# BAN for everything. Both are accepted from the app servers only (acl below).

vcl 4.1;

backend portal {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
}

# Where the app servers are: they alone may PURGE and BAN.
acl app_servers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ app_servers) {
            return (synth(405, "Not allowed"));
        }
        return (purge);
    }
    if (req.method == "BAN") {
        if (client.ip !~ app_servers) {
            return (synth(405, "Not allowed"));
        }
        ban("obj.status != 0");
        return (synth(200, "Banned"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|django-admin|accounts|members|healthz)/") {
        return (pass);
    }
    # Signed in, or a message waiting to be shown: always made fresh by Django.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # Anything else in Cookie (analytics, an old CSRF token) does not change the page.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # Made for one visitor: never stored (and not asked for again for two minutes).
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "(private|no-store)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    if (beresp.status == 200 || beresp.status == 301 || beresp.status == 404) {
        # PURGE and BAN keep pages fresh; the TTL only bounds "3 hours ago" wording.
        set beresp.ttl = 300s;
        set beresp.grace = 30s;
    } else {
        set beresp.ttl = 0s;
    }
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Front-Cache = "hit";
    } else {
        set resp.http.X-Front-Cache = "miss";
    }
}
