"""The staff API under /staff/api/: sign-in (auth.py), and what every staff route relies on
(deps.py: `CurrentStaff`, and `own_or_404` for another practice's resources)."""

from api.staff.deps import CurrentStaff, current_staff, own_or_404

__all__ = ["CurrentStaff", "current_staff", "own_or_404"]
