"""What every staff route relies on: who is calling, and scoping to their practice.

    async def route(staff: CurrentStaff, ...):        # 401 unless a valid, live token
        conversation = own_or_404(staff, await ...)   # another practice's: 404, as a missing one

The 401 carries `WWW-Authenticate: Bearer` (RFC 6750), with `error="invalid_token"` when a
token was sent but is not (or no longer) good; why exactly is logged, not answered.
"""

from __future__ import annotations

import logging
from typing import Annotated, Any, Protocol, TypeVar

from fastapi import Depends, HTTPException
from fastapi.security import OAuth2PasswordBearer

from api.deps import RuntimeDep
from bot.logs import bind
from bot.staff_access import NotAuthenticated, StaffAccess, StaffMember

log = logging.getLogger(__name__)
TOKEN_URL = "/staff/api/token"

#: Documents the scheme in OpenAPI ("Authorize" in /docs signs in with the password form);
#: auto_error off so that every 401 is this module's, with the same body and header.
bearer = OAuth2PasswordBearer(
    tokenUrl=TOKEN_URL,
    scheme_name="StaffBearer",
    description="A staff member's token from POST /staff/api/token (OAuth2 password flow).",
    auto_error=False,
)


#: Every route that needs a token may answer this (declared on their routers).
SIGNED_IN: dict[int | str, dict[str, Any]] = {
    401: {"description": "not signed in, or the token is invalid, expired or revoked"}
}


def unauthorized(detail: str, invalid_token: bool) -> HTTPException:
    challenge = 'Bearer error="invalid_token"' if invalid_token else "Bearer"
    return HTTPException(status_code=401, detail=detail, headers={"WWW-Authenticate": challenge})


def staff_access(runtime: RuntimeDep) -> StaffAccess:
    if runtime.staff_access is None:
        raise HTTPException(status_code=503, detail="staff sign-in is not configured")
    return runtime.staff_access


StaffAccessDep = Annotated[StaffAccess, Depends(staff_access)]


async def current_staff(
    access: StaffAccessDep, token: Annotated[str | None, Depends(bearer)]
) -> StaffMember:
    """The signed-in staff member; 401 for a missing, invalid, expired, idle or revoked token."""
    if not token:
        raise unauthorized("sign in first: POST /staff/api/token", invalid_token=False)
    try:
        return await access.authenticate(token)
    except NotAuthenticated as e:
        bind(log).info("staff token refused: %s", e)
        raise unauthorized("the token is invalid or has expired; sign in again", True) from e


CurrentStaff = Annotated[StaffMember, Depends(current_staff)]


class OfPractice(Protocol):
    @property
    def practice_id(self) -> str: ...


R = TypeVar("R", bound=OfPractice)


def own_or_404(staff: StaffMember, resource: R | None, what: str = "resource") -> R:
    """`resource` if it exists and belongs to the caller's practice; 404 otherwise, the same
    answer for both, so nobody learns what another practice holds."""
    if resource is None or resource.practice_id != staff.practice_id:
        raise HTTPException(status_code=404, detail=f"{what} not found")
    return resource
