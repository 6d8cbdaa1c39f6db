"""Sending the outbox: the rules every channel shares, whatever the provider.

- sender.py: `OutboxSender` claims due replies and delivers them through the channel senders
  (bot.ports.ChannelSender): opt-outs, the WhatsApp 24-hour window, rate limits, retries.
- loop.py: `SenderLoop`, the in-process sender of the embedded default (no Celery).
- ratelimit.py: `LocalRateLimiter`, the one-process rate limiter (Redis's is in adapters/redis).

The provider clients (adapters/twilio, adapters/telegram) only send; the Celery task that runs
the sender with Redis is wired in patient_assistant/worker.py.
"""
