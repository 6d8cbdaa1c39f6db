"""The storage contracts, one mixin per port; run by test_port_contracts.py."""
