"""The address a request came from, for sign-in throttling (django-axes).

Behind reverse proxies `REMOTE_ADDR` is the nearest proxy's, shared by every user. Each proxy
appends the address it received the request from to `X-Forwarded-For`, so with N trusted
proxies the client is the Nth address from the right; anything further left was written by the
client and cannot be trusted. With no trusted proxy (the default) `REMOTE_ADDR` is the client.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    proxies = settings.TRUSTED_PROXIES
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        # Fewer hops than proxies: the request did not come through them all. Throttle on what
        # reached us, so a forged header gains nothing.
        return remote
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
