"""The admin API (`/admin/api/`): a practice's admins edit, test, publish and roll back its
dialog flows. Admin role only (a staff-role token gets 403, no token 401), scoped to the
admin's practice (another practice's versions are 404), every change audited."""
