"""Domain rules: plain functions over models. No request, no flash, no responses."""


class DomainError(Exception):
    """A rule refused an action; the message is safe and clear to show to the user."""
