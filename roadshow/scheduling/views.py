"""Scheduling pages (placeholder until the scheduling feature lands)."""

from roadshow.scheduling import bp  # noqa: F401
