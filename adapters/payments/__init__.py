"""Payment providers behind domain/payments.py's PaymentProvider: the sandbox's own signed pay
page (the embedded default) and Stripe Checkout with its signed webhooks."""
