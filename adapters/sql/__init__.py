"""SQL storage (SQLAlchemy async): PostgreSQL via asyncpg, SQLite via aiosqlite.

Implements `bot.ports.Storage` and `domain.ports.SlotHolds`; the schema comes
from the Alembic migrations in `migrations/`, applied by `migrate()`.
"""

from adapters.sql.holds import SqlSlotHolds
from adapters.sql.migrate import alembic_config, downgrade, migrate
from adapters.sql.storage import SqlStorage
from adapters.sql.unit_of_work import SqlUnitOfWork

__all__ = ["SqlSlotHolds", "SqlStorage", "SqlUnitOfWork", "alembic_config", "downgrade", "migrate"]
