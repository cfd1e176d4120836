"""The event domain: plain dataclasses and pure rules, no I/O."""
