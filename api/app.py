"""create_app(settings): the FastAPI application. Nothing is built at import time."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from api import documents, health, nlu_routes, pay_page, webchat, webhooks
from api.admin import editor as admin_editor
from api.admin import flows as admin_flows
from api.admin import try_it as admin_try_it
from api.staff import auth as staff_auth
from api.staff import console as staff_console
from api.staff import conversations as staff_conversations
from api.staff import events as staff_events
from api.staff import takeover as staff_takeover
from api.webhooks.limits import BodyLimit
from patient_assistant.bootstrap import Runtime
from patient_assistant.channels import check_channels
from patient_assistant.deployment import Deployment
from patient_assistant.settings import Settings
from patient_assistant.try_it import TrySessions

#: Builds one practice's runtime, or the runtimes of several practices (a Deployment).
RuntimeFactory = Callable[[], Awaitable[Runtime | Deployment]]


def create_app(
    settings: Settings,
    runtime_factory: RuntimeFactory,
    *,
    web_chat: bool = True,
    telegram_polling: bool = False,
) -> FastAPI:
    """The API. `runtime_factory` builds the wired assistant when the app starts.

    Raises ChannelConfigError if a channel is configured without its webhook secret.
    """
    check_channels(settings, telegram_polling=telegram_polling)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        built = await runtime_factory()
        deployment = built if isinstance(built, Deployment) else Deployment.single(built)
        app.state.deployment = deployment
        # Routes that are not a practice's inbound channel use the first practice's runtime.
        app.state.runtime = deployment.default
        try:
            yield
        finally:
            await app.state.try_sessions.aclose()  # the editor's sandboxes go with the app
            await deployment.aclose()

    app = FastAPI(title="patient-assistant", version="0.1.0", lifespan=lifespan)
    app.state.settings = settings
    app.state.try_sessions = TrySessions()
    app.add_middleware(BodyLimit)  # webhooks and /nlu/parse: a stranger's body has a ceiling
    app.include_router(health.router)
    app.include_router(nlu_routes.router)
    app.include_router(documents.router)
    app.include_router(pay_page.router)
    app.include_router(staff_auth.router)
    app.include_router(staff_conversations.router)
    app.include_router(staff_takeover.router)
    app.include_router(staff_events.router)
    app.include_router(admin_flows.router)
    app.include_router(admin_try_it.router)
    app.include_router(admin_editor.api)
    app.include_router(admin_editor.router)  # after the API: /admin/{name} is its files
    app.include_router(staff_console.router)  # after the API: /staff/{name} is its files
    for router in webhooks.routers():
        app.include_router(router)
    if web_chat:
        app.include_router(webchat.router)
    _declare_unreadable_bodies(app)
    return app


def _declare_unreadable_bodies(app: FastAPI) -> None:
    """FastAPI answers 400 for a body it cannot decode (not UTF-8, say) before the route runs;
    the OpenAPI document says so for every operation that takes one."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            for operations in build()["paths"].values():
                for operation in operations.values():
                    if "requestBody" in operation:
                        operation["responses"].setdefault(
                            "400", {"description": "the body could not be read"}
                        )
        assert app.openapi_schema is not None
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
