"""Outbound delivery: the outbox sender (Celery task or in-process loop) and its rate limiters."""
