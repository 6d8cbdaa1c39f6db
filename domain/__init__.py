"""The practice's rules: plain dataclasses, commands, events and the ports they need.

Standard library only. No fhirpy, SQLAlchemy or vendor type crosses into this package.
"""
