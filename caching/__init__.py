"""Shared caching machinery: the page generation that every cached page and fragment is
keyed by, kept in the database so that no cache fault can bring back what was invalidated.

Other apps call `caching.generation.current()` and `caching.generation.invalidate()`; the
design and its invariants are in docs/architecture.md.
"""
