"""Import: read a file (``readers``), prepare its rows against the codebook, store them.

The path is read -> match columns -> normalise answers -> validate -> store, with findings
collected on the way; see ``docs/architecture.md``.
"""
