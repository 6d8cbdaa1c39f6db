"""A ceiling on request bodies where strangers can post: the webhooks and /nlu/parse.

The body is read before the signature can be checked (Twilio signs the form fields), so
without a ceiling anyone could make a process hold a body of any size in memory. No
provider sends anything near it: a Twilio form is a few kilobytes (1,600 characters of
text at most), a Telegram update tens of kilobytes, a Stripe event or a FHIR notification
well under a megabyte. A declared Content-Length over it is refused before reading; a body
without one (chunked) is refused as soon as it passes it. Either way: 413, nothing kept.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Bytes a webhook (or NLU) request body may have.
MAX_WEBHOOK_BODY = 1024 * 1024
#: Where the ceiling applies.
LIMITED_PREFIXES = ("/webhooks/", "/nlu/")
TOO_LARGE = f"request body over {MAX_WEBHOOK_BODY} bytes"


class BodyLimit:
    """ASGI middleware: 413 for a body over `limit` bytes on the `prefixes` paths."""

    def __init__(
        self,
        app: ASGIApp,
        limit: int = MAX_WEBHOOK_BODY,
        prefixes: tuple[str, ...] = LIMITED_PREFIXES,
    ) -> None:
        self.app, self.limit, self.prefixes = app, limit, prefixes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not str(scope["path"]).startswith(self.prefixes):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or ()).get(b"content-length")
        if declared is not None:
            size = int(declared) if declared.isdigit() else -1
            if size < 0 or size > self.limit:
                status = 400 if size < 0 else 413
                detail = "bad Content-Length" if size < 0 else TOO_LARGE
                await JSONResponse({"detail": detail}, status_code=status)(scope, receive, send)
                return
        seen = 0

        async def capped() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    # Raised inside the route's own read: FastAPI answers it as any HTTPException.
                    raise HTTPException(status_code=413, detail=TOO_LARGE)
            return message

        await self.app(scope, capped, send)
