"""HTTP hardening around the Gradio app: security headers with a Content-Security-Policy on
every response, Host checking, and a Polish "busy" answer when the queue is full. Plain ASGI
middleware, so Gradio's streamed (SSE) responses pass through untouched."""

from __future__ import annotations

import ipaddress
import json
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware

from .. import messages
from ..config import Settings
from ..limits import password_weakness

log = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Nothing outside this server is ever loaded or posted to: no image, font, script, frame or form
# target from a report can reach another host. Gradio itself needs inline styles and scripts
# (its config is an inline script; `js=` event handlers are compiled with Function()).
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "media-src 'self' data: blob:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "frame-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
QUEUE_JOIN = "/queue/join"
# Gradio's page shows its own English text for a 503 from the queue, but the server's `detail`
# for any other error status: the full queue is answered as 429 with a Polish detail.
BUSY_STATUS = 429


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        busy = str(scope.get("path", "")).endswith(QUEUE_JOIN)
        replaced = False

        async def send_with_headers(message: Message) -> None:
            nonlocal replaced
            if message["type"] == "http.response.start":
                if busy and message["status"] == 503:
                    replaced = True
                    await _send_busy(send)
                    return
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            elif replaced:
                return  # the original body of the replaced answer
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _send_busy(send: Send) -> None:
    body = json.dumps({"detail": messages.BUSY}, ensure_ascii=False).encode("utf-8")
    headers = [
        (b"content-type", b"application/json; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        (b"retry-after", b"10"),
        *((k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()),
    ]
    await send({"type": "http.response.start", "status": BUSY_STATUS, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def allowed_hosts(settings: Settings) -> list[str]:
    """Host names a request may carry. On loopback only the loopback names, which stops DNS
    rebinding; beyond it the configured list, or any host when none is configured."""
    if settings.allowed_hosts:
        return list(settings.allowed_hosts)
    if is_loopback(settings.host):
        return ["127.0.0.1", "localhost", "[::1]", "::1"]
    return ["*"]


def middleware(settings: Settings) -> list[Middleware]:
    return [
        Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts(settings)),
        Middleware(SecurityHeaders),
    ]


def start_up_warnings(settings: Settings) -> list[str]:
    """What an admin must hear before serving: plain HTTP beyond this machine, an admin
    password too weak to be used."""
    out = []
    if not is_loopback(settings.host) and not settings.ssl_certfile:
        out.append(messages.PLAIN_HTTP_WARNING.format(host=settings.host))
    password = settings.admin_password.get_secret_value() if settings.admin_password else ""
    if settings.admin_user and password and password_weakness(settings.admin_user, password):
        out.append(messages.ADMIN_WEAK_PASSWORD)
    return out
