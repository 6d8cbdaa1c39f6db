"""The storage contract, one mixin per part of the port; composed in test_contract.py."""
