"""Staff sign-in: `POST /staff/api/token` (OAuth2 password flow), `POST /staff/api/logout`,
`GET /staff/api/me`. The rules (lock-out, idle expiry, revocation) are bot/staff_access.py's."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Request, Response
from fastapi.security import OAuth2PasswordRequestForm
from pydantic import BaseModel, Field

from api.staff.deps import SIGNED_IN, CurrentStaff, StaffAccessDep, unauthorized
from bot.staff_access import LoginRefused

router = APIRouter(prefix="/staff/api", tags=["staff sign-in"])

#: One answer for an unknown email, a wrong password, a locked or a disabled account.
REFUSED = "incorrect email or password, or the account is locked or disabled"


class Token(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int = Field(description="seconds until the token expires (sooner if left idle)")


class Me(BaseModel):
    id: str
    email: str
    practice: str
    role: Literal["staff", "admin"]


@router.post(
    "/token",
    responses={401: {"description": REFUSED}},
    summary="Sign in with email and password",
)
async def token(
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    access: StaffAccessDep,
    request: Request,
    response: Response,
) -> Token:
    """The OAuth2 password flow: form fields `username` (the staff email) and `password`.
    Five wrong passwords in a row lock the account for 15 minutes."""
    client = request.client.host if request.client else None
    if "\x00" in form.username or "\x00" in form.password:
        # No account has one, and the database refuses to look one up (it was a 500).
        raise unauthorized(REFUSED, invalid_token=False)
    try:
        issued = await access.login(form.username, form.password, client)
    except LoginRefused as e:
        raise unauthorized(REFUSED, invalid_token=False) from e
    response.headers["Cache-Control"] = "no-store"  # RFC 6749 5.1: never cache a token
    return Token(access_token=issued.access_token, expires_in=issued.expires_in)


@router.post(
    "/logout", status_code=204, responses=SIGNED_IN, summary="Revoke the token of this request"
)
async def logout(staff: CurrentStaff, access: StaffAccessDep) -> Response:
    await access.logout(staff)
    return Response(status_code=204)


@router.get("/me", responses=SIGNED_IN, summary="Who the token belongs to")
async def me(staff: CurrentStaff) -> Me:
    return Me(id=staff.id, email=staff.email, practice=staff.practice_id, role=staff.role)
