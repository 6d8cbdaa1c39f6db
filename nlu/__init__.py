"""Natural-language understanding: text -> Parse(intent, confidence, entities).

Imports no other project package. See ../shared/nlu-contract.md for the labels.
"""
