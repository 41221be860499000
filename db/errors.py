"""The project's own errors: each carries a message a user can act on."""

from __future__ import annotations


class DiplotuiError(Exception):
    """Base of every error diplotui reports to a user instead of a traceback."""


class ImportProblem(DiplotuiError):
    """A file could not be imported; the message says what is wrong with it."""


class StoreError(DiplotuiError):
    """The store cannot be opened or written (not a diplotui store, newer schema, read-only...)."""


class QueryError(DiplotuiError):
    """A query or filter could not be understood."""
