"""Storage fixtures: SQLite and PostgreSQL."""
