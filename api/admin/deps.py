"""Who may call the admin API, and the flow service of their practice.

    async def route(admin: CurrentAdmin, flows: FlowAdminDep): ...

401 as every staff route (api/staff/deps.py); 403 for a valid token of a staff-role account.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException

from api.deps import DeploymentDep
from api.staff.deps import CurrentStaff
from bot.flow_admin import FlowAdmin
from bot.staff_access import StaffMember
from patient_assistant.flow_tests import flow_tests_from_yaml
from patient_assistant.version_tests import VersionTestGate


async def current_admin(staff: CurrentStaff) -> StaffMember:
    """The signed-in admin; 403 for a staff member without the admin role."""
    if staff.role != "admin":
        raise HTTPException(status_code=403, detail="this needs an admin account")
    return staff


CurrentAdmin = Annotated[StaffMember, Depends(current_admin)]


@dataclass(frozen=True)
class AdminFlows:
    """The flow service, and the admin it acts for."""

    who: StaffMember
    service: FlowAdmin


async def flow_admin(admin: CurrentAdmin, deployment: DeploymentDep) -> AdminFlows:
    """The flow service over the admin's own practice's runtime (so a publish refreshes the
    live version that practice's turns read in this process)."""
    runtime = deployment.runtimes.get(admin.practice_id, deployment.default)
    if runtime.flow_library is None:
        raise HTTPException(status_code=503, detail="flow versions are not configured")
    if runtime.flow_gate is None:
        # Validation, then the version's flow tests on sandboxes of their own, in a child
        # process, never the practice's FHIR server (patient_assistant/version_tests.py).
        runtime.flow_gate = VersionTestGate(runtime.settings)
    service = FlowAdmin(
        runtime.storage,
        runtime.flow_library,
        runtime.flow_gate,
        runtime.clock,
        languages=runtime.settings.languages,
        read_tests=flow_tests_from_yaml,
    )
    return AdminFlows(admin, service)


FlowAdminDep = Annotated[AdminFlows, Depends(flow_admin)]
