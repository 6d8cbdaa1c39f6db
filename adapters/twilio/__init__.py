"""Twilio SMS and WhatsApp: the real `twilio` client outbound, signed webhooks inbound."""
