"""Redis: per-conversation locks and rate limits shared by every API and worker process."""
