"""Rule-based datetime grammar: atoms found by regex, grouped, resolved to the contract."""
